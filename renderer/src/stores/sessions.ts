import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CaptureInfo, SessionInfo } from '../../../electron/contract/types'
import { bridge } from '../bridge'

export const useSessionsStore = defineStore('sessions', () => {
  const list = ref<SessionInfo[]>([])
  const search = ref('')
  const currentId = ref<number | null>(null)
  const captures = ref<CaptureInfo[]>([])

  async function load() {
    list.value = await bridge.call('sessions.list', search.value ? { search: search.value } : {})
  }

  async function select(sessionId: number | null) {
    currentId.value = sessionId
    captures.value = sessionId === null ? [] : await bridge.call('captures.list', { sessionId })
  }

  /** Starts an empty session, named for when it began, and selects it: captures opened next go into it. */
  async function create() {
    const created = await bridge.call('sessions.create', { name: `Session ${new Date().toLocaleString()}` })
    await select(created.id)
  }

  async function rename(sessionId: number, name: string) {
    await bridge.call('sessions.rename', { sessionId, name })
  }

  async function remove(sessionId: number) {
    await bridge.call('sessions.delete', { sessionId })
    if (currentId.value === sessionId) await select(null)
  }

  bridge.on('sessions.changed', () => {
    void load()
    if (currentId.value !== null) void select(currentId.value)
  })
  bridge.on('capture.updated', (capture) => {
    // One not listed began meanwhile (the next part of a ring buffer, which may drop the oldest): list them again.
    if (capture.sessionId === currentId.value && !captures.value.some((c) => c.id === capture.id)) void relist(capture.sessionId)
    else captures.value = captures.value.map((c) => (c.id === capture.id ? capture : c))
  })

  /** The captures of the session selected, unless another one was selected meanwhile. */
  async function relist(sessionId: number) {
    const listed = await bridge.call('captures.list', { sessionId })
    if (currentId.value === sessionId) captures.value = listed
  }

  const current = computed(() => list.value.find((s) => s.id === currentId.value) ?? null)

  return { list, search, currentId, captures, current, load, select, create, rename, remove }
})
