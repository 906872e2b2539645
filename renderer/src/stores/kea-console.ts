// The Kea command console, as kea-shell: the service and command chosen, the arguments being edited, the command
// waiting for the user's confirmation (one that changes the server's state), and the history of commands with
// their answers, newest first: the open session's, as the engine keeps it (secrets hidden, so a reload or a
// reopened session shows it), or without a session the page's own for as long as it is open.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Params } from '../../../electron/contract/methods'
import type { KeaCommandAnswer, KeaConsoleRecord } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { changesState, parseArguments, templateText } from '../kea-commands'
import { latestRequest, stale } from '../latest-request'
import { useKeaConnectionsStore } from './kea-connections'
import { inSession } from './kea-history'
import { useSessionsStore } from './sessions'

export type KeaService = NonNullable<Params<'kea.command'>['service']>
export type KeaCommandRequest = Omit<Params<'kea.command'>, 'confirmed' | 'sessionId'>
export type ConsoleEntry = KeaConsoleRecord

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
  const historyError = ref<string | null>(null)
  const sendError = ref<string | null>(null)
  const reading = latestRequest()
  /** Page-only entries (no session) count down, apart from the engine's ids. */
  let nextLocalId = -1

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

  /** The open session's history of the selected connection; the page's own entries are dropped with their connection. */
  async function loadHistory() {
    const profileId = connections.selectedId
    const sessionId = useSessionsStore().currentId
    if (!profileId || sessionId === null) {
      reading.cancel()
      history.value = history.value.filter((e) => e.id < 0 && e.profileId === profileId)
      return
    }
    try {
      const kept = await reading.run(() => bridge.call('kea.consoleHistory', { sessionId, profileId }))
      if (kept === stale) return
      history.value = kept
      historyError.value = null
    } catch (failure) {
      historyError.value = failure instanceof Error ? failure.message : String(failure)
    }
  }
  watch([() => connections.selectedId, () => useSessionsStore().currentId], () => void loadHistory(), { immediate: true })

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

  /** Puts a past command back in the editor, to send again or change (a kept secret comes back as *****). */
  function recall(entry: ConsoleEntry) {
    service.value = entry.service
    command.value = entry.command
    argumentsText.value = entry.arguments ? JSON.stringify(entry.arguments, null, 2) : ''
  }

  async function deliver(request: KeaCommandRequest, confirmed: boolean) {
    sending.value = true
    const session = inSession()
    let answer: KeaCommandAnswer | null = null
    let error: string | null = null
    try {
      answer = await bridge.call('kea.command', { ...request, confirmed, ...session })
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure)
    } finally {
      sending.value = false
    }
    if (session.sessionId !== undefined) {
      // The engine kept it in the session's history, unless it was refused before being sent (the connection
      // deleted since): the sentence is shown beside the form then.
      sendError.value = error
      await loadHistory()
    } else {
      const entry: ConsoleEntry = {
        id: nextLocalId--, profileId: request.profileId, service: request.service ?? null, command: request.command,
        arguments: request.arguments ?? null, at: new Date().toISOString(), answer, truncated: false, error,
      }
      history.value = [entry, ...history.value]
    }
  }

  return { service, command, argumentsText, sending, awaitingConfirmation, history, historyError, sendError, services, commands, parsed, choose, send, confirm, cancel, recall }
})
