// The Kea command console, as kea-shell: the service and command chosen, the arguments being edited, the command
// waiting for the user's confirmation (one that changes the server's state), and this session's history of
// commands with their answers, newest first.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Params } from '../../../electron/contract/methods'
import type { KeaCommandAnswer } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { changesState, parseArguments, templateText } from '../kea-commands'
import { useKeaConnectionsStore } from './kea-connections'

export type KeaService = NonNullable<Params<'kea.command'>['service']>
export type KeaCommandRequest = Omit<Params<'kea.command'>, 'confirmed'>

export interface ConsoleEntry {
  id: number
  request: KeaCommandRequest
  /** The answer, or the engine's sentence when there was none (unreachable, refused). */
  answer: KeaCommandAnswer | null
  error: string | null
  at: Date
}

const consoleServices = new Set<string>(['dhcp4', 'dhcp6', 'd2'])

export const useKeaConsoleStore = defineStore('keaConsole', () => {
  const connections = useKeaConnectionsStore()
  const service = ref<KeaService | null>(null)
  const command = ref('status-get')
  const argumentsText = ref('')
  const sending = ref(false)
  /** A state-changing command shown to the user with its arguments, sent only once confirmed. */
  const awaitingConfirmation = shallowRef<KeaCommandRequest | null>(null)
  const history = shallowRef<ConsoleEntry[]>([])
  let nextId = 1

  /** The servers the selected connection reaches, as its last test found them (not one found absent). */
  const services = computed(() => (connections.selectedTest?.report?.services ?? [])
    .filter((s) => consoleServices.has(s.service) && s.state !== 'absent'))
  /** The chosen server's list-commands. */
  const commands = computed(() => services.value.find((s) => s.service === service.value)?.commands ?? [])
  const parsed = computed(() => parseArguments(argumentsText.value))

  // A connection's test answer arrived (or another connection was selected): keep the service if it has it.
  watch(services, (list) => {
    if (list.some((s) => s.service === service.value)) return
    const preferred = connections.selected?.service
    const pick = list.find((s) => s.service === preferred) ?? list.find((s) => s.state === 'up') ?? list[0]
    service.value = pick ? (pick.service as KeaService) : null
  }, { immediate: true })

  // A confirmation is for the connection it was asked on: another one selected, it would go elsewhere.
  watch(() => connections.selectedId, () => cancel())

  function choose(name: string) {
    command.value = name
    argumentsText.value = templateText(name)
  }

  /** Sends the command as edited; one that changes state waits for `confirm`. */
  async function send() {
    const profileId = connections.selectedId
    if (!profileId || parsed.value.error !== null) return
    const request: KeaCommandRequest = {
      profileId, command: command.value.trim(),
      ...(service.value && { service: service.value }),
      ...(parsed.value.arguments && { arguments: parsed.value.arguments }),
    }
    if (changesState(request.command)) awaitingConfirmation.value = request
    else await deliver(request, false)
  }

  async function confirm() {
    const request = awaitingConfirmation.value
    awaitingConfirmation.value = null
    if (request) await deliver(request, true)
  }

  function cancel() {
    awaitingConfirmation.value = null
  }

  /** Puts a past command back in the editor, to send again or change. */
  function recall(entry: ConsoleEntry) {
    service.value = entry.request.service ?? null
    command.value = entry.request.command
    argumentsText.value = entry.request.arguments ? JSON.stringify(entry.request.arguments, null, 2) : ''
  }

  async function deliver(request: KeaCommandRequest, confirmed: boolean) {
    sending.value = true
    const entry: ConsoleEntry = { id: nextId++, request, answer: null, error: null, at: new Date() }
    try {
      entry.answer = await bridge.call('kea.command', { ...request, confirmed })
    } catch (error) {
      entry.error = error instanceof Error ? error.message : String(error)
    } finally {
      sending.value = false
    }
    history.value = [entry, ...history.value]
  }

  return { service, command, argumentsText, sending, awaitingConfirmation, history, services, commands, parsed, choose, send, confirm, cancel, recall }
})
