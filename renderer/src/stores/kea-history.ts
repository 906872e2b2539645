// What the current session keeps of the selected connection's readings (status per service, utilization per
// subnet): asked again after each status or pools reading, and when the session or connection changes. Without a
// session, readings are not kept, and `sessionId` is null.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { KeaHistory } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { latestRequest, stale } from '../latest-request'
import { useKeaConnectionsStore } from './kea-connections'
import { useSessionsStore } from './sessions'

/** The session a reading is kept in: the one open, if any. */
export function inSession(): { sessionId?: number } {
  const sessionId = useSessionsStore().currentId
  return sessionId === null ? {} : { sessionId }
}

export const useKeaHistoryStore = defineStore('keaHistory', () => {
  const history = shallowRef<KeaHistory | null>(null)
  const error = ref<string | null>(null)
  const requests = latestRequest()

  /** The session readings are kept in: the one open, if any. */
  const sessionId = computed(() => useSessionsStore().currentId)

  async function refresh() {
    const profileId = useKeaConnectionsStore().selectedId
    const session = sessionId.value
    if (!profileId || session === null) {
      requests.cancel()
      history.value = null
      return
    }
    if (history.value && (history.value.profileId !== profileId || history.value.sessionId !== session)) history.value = null
    try {
      const answer = await requests.run(() => bridge.call('kea.history', { profileId, sessionId: session }))
      if (answer === stale) return
      history.value = answer
      error.value = null
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure)
    }
  }

  /** Starts a session for the readings (named for the connection and the time) and opens it. */
  async function keepInNewSession() {
    const sessions = useSessionsStore()
    const name = `${useKeaConnectionsStore().selected?.name ?? 'Kea'} readings ${new Date().toLocaleString()}`
    const created = await bridge.call('sessions.create', { name })
    await sessions.select(created.id)
    await refresh()
  }

  return { history, error, sessionId, refresh, keepInNewSession }
})
