// "Add to session": the lease view, the log view or a server's running configuration kept in the open session as it
// is now (the engine bounds and redacts them), and the one snapshot the Timeline tab shows when its link is followed.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { KeaDhcpService, SessionSnapshot, SnapshotInfo } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { useAppStore } from './app'
import { useLeasesStore } from './leases'
import { useLogsStore } from './logs'
import { useSessionsStore } from './sessions'

/** A filter's value in words: a list joined, a log view's time bound (ms since the epoch) as ISO 8601. */
const valueInWords = (key: string, value: unknown) =>
  Array.isArray(value) ? value.join('|') : (key === 'from' || key === 'to') && typeof value === 'number' ? new Date(value).toISOString() : String(value)

/** A filter as the user set it, in words: `search 0a:16…, state default`. */
const inWords = (filter: Record<string, unknown>) => Object.entries(filter)
  .filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && !value.length))
  .map(([key, value]) => `${key} ${valueInWords(key, value)}`).join(', ').slice(0, 1000)

export const useSessionSnapshotsStore = defineStore('session-snapshots', () => {
  const shown = shallowRef<SessionSnapshot | null>(null)

  /** Into the open session; with none open, into a new one (as a capture opened then would be). */
  async function add(take: (sessionId: number) => Promise<SnapshotInfo>) {
    const app = useAppStore()
    const sessions = useSessionsStore()
    try {
      if (sessions.currentId === null) await sessions.create()
      const added = await take(sessions.currentId!)
      const what = added.kind === 'kea-config' ? `the configuration of ${added.source}` : `${added.count.toLocaleString()} ${added.kind === 'leases' ? 'lease' : 'log line'}${added.count === 1 ? '' : 's'} of ${added.source}`
      const bounded = added.total > added.count ? ` (the first of ${added.total.toLocaleString()})` : ''
      app.message = { kind: 'info', text: `Added ${what}${bounded} to the session: its Timeline tab shows it.` }
      if (sessions.timeline) await sessions.loadTimeline()
    } catch (error) {
      app.report(error)
    }
  }

  function addLeases() {
    const { view, form } = useLeasesStore()
    if (!view) return Promise.resolve()
    return add((sessionId) => bridge.call('leases.addToSession', { sessionId, tableId: view.tableId, viewId: view.viewId, filter: inWords({ ...form }) }))
  }

  function addLogLines() {
    const { view, query } = useLogsStore()
    if (!view) return Promise.resolve()
    return add((sessionId) => bridge.call('logs.addToSession', { sessionId, logId: view.logId, viewId: view.viewId, filter: inWords({ ...query }) }))
  }

  function addConfig(profileId: string, service: KeaDhcpService) {
    return add((sessionId) => bridge.call('kea.addConfigToSession', { sessionId, profileId, service }))
  }

  async function show(snapshotId: number) {
    const sessionId = useSessionsStore().currentId
    if (sessionId !== null) shown.value = await bridge.call('sessions.snapshot', { sessionId, snapshotId })
  }

  return { shown, addLeases, addLogLines, addConfig, show }
})
