// The Logs view's state: what may be opened, the open logs, the filter and its view (counts, timeline), rows paged
// from the engine like the packet list's, the line chosen with its meaning and linked packets.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LogInfo, LogLineDetail, LogQuery, LogRow, LogSources, LogView } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { createPagedRows } from '../paged-rows'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'

/** Re-filter a growing log at most this often. */
const REFRESH_MS = 1000

export const useLogsStore = defineStore('logs', () => {
  const sources = ref<LogSources | null>(null)
  const logs = ref<LogInfo[]>([])
  const currentId = ref<number | null>(null)
  const query = ref<LogQuery>({})
  const view = shallowRef<LogView | null>(null)
  const selectedIndex = ref<number | null>(null)
  const detail = ref<LogLineDetail | null>(null)
  /** The row the list should scroll to (after a jump from a transaction). */
  const revealIndex = ref<number | null>(null)
  const current = computed(() => logs.value.find((l) => l.logId === currentId.value) ?? null)
  const rows = createPagedRows<LogRow>(async (offset, limit) => {
    const v = view.value
    return v ? bridge.call('logs.page', { logId: v.logId, viewId: v.viewId, offset, limit }) : null
  }, (error) => useAppStore().report(error))
  let refreshTimer: ReturnType<typeof setTimeout> | null = null

  bridge.on('logs.updated', (info) => {
    const i = logs.value.findIndex((l) => l.logId === info.logId)
    if (i < 0) return
    const grew = info.entries !== logs.value[i].entries
    logs.value[i] = info
    if (info.logId === currentId.value && (grew || info.status !== 'reading')) scheduleRefresh()
  })

  function scheduleRefresh() {
    if (refreshTimer) return
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      void refilter(false)
    }, REFRESH_MS)
  }

  async function loadSources(profileId?: string) {
    try {
      sources.value = await bridge.call('logs.sources', profileId ? { profileId } : {})
      logs.value = await bridge.call('logs.list', {})
    } catch (error) {
      useAppStore().report(error)
    }
  }

  async function opened(open: Promise<LogInfo>) {
    try {
      const info = await open
      logs.value = [...logs.value.filter((l) => l.logId !== info.logId), info]
      await choose(info.logId)
    } catch (error) {
      useAppStore().report(error)
    }
  }

  const openFound = (logFileId: string, follow: boolean, pattern?: string) => opened(bridge.call('logs.open', { source: { logFileId }, follow, ...(pattern && { pattern }) }))
  const openUpload = async (file: File, pattern?: string) => opened(bridge.stage(file).then(({ fileId }) => bridge.call('logs.open', { source: { fileId }, ...(pattern && { pattern }) })))
  const openText = (text: string, pattern?: string) => opened(bridge.call('logs.open', { source: { text, name: 'Pasted text' }, ...(pattern && { pattern }) }))
  const openJournal = (unit: string, follow: boolean) => opened(bridge.call('logs.open', { source: { journal: unit as never }, follow }))
  const openRemote = (hostId: string, log: string, follow: boolean, trustHostKey?: string) => opened(bridge.call('logs.open', { source: { hostId, log: log as never, ...(trustHostKey && { trustHostKey }) }, follow }))

  async function close(logId: number) {
    await bridge.call('logs.close', { logId })
    logs.value = logs.value.filter((l) => l.logId !== logId)
    if (currentId.value === logId) await choose(logs.value.at(-1)?.logId ?? null)
  }

  async function choose(logId: number | null) {
    currentId.value = logId
    selectedIndex.value = null
    detail.value = null
    await refilter(true)
  }

  /** Filters the current log again; `fresh` starts the list at its top, otherwise what is on screen stays. */
  async function refilter(fresh = true) {
    const logId = currentId.value
    if (logId === null) {
      view.value = null
      rows.reset()
      return
    }
    try {
      const next = await bridge.call('logs.view', { logId, query: query.value })
      if (currentId.value !== logId) return
      view.value = next
      if (fresh) rows.reset()
      else rows.refresh()
      void rows.fetchPage(0)
    } catch (error) {
      useAppStore().report(error)
    }
  }

  async function applyQuery(next: LogQuery) {
    query.value = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length))) as LogQuery
    await refilter(true)
  }

  async function select(row: Pick<LogRow, 'index'>) {
    selectedIndex.value = row.index
    const captureId = useCaptureStore().capture?.id
    try {
      detail.value = await bridge.call('logs.line', { logId: currentId.value!, index: row.index, ...(captureId !== undefined && { captureId }) })
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** From a transaction: its line in its log, the list filtered to the transaction's xid. */
  const showLine = (logId: number, row: LogRow) => revealLine(logId, row.index, row.xid ? { xid: parseInt(row.xid, 16) } : {})

  /** Line `index` of a log, chosen and scrolled to, in the list filtered by `filter`. */
  async function revealLine(logId: number, index: number, filter: LogQuery) {
    useAppStore().view = 'logs'
    currentId.value = logId
    query.value = filter
    await refilter(true)
    revealIndex.value = index
    await select({ index })
  }

  /** From a lease or a client: the Logs view filtered to the client (the filter stays as the open logs are switched). */
  async function showClient(filter: LogQuery) {
    const app = useAppStore()
    if (!logs.value.length) await loadSources()
    if (!logs.value.length) {
      app.message = { kind: 'info', text: 'No Kea log is open: open the server\'s log in the Logs view, and its lines about this client are shown.' }
    }
    app.view = 'logs'
    if (currentId.value === null && logs.value.length) currentId.value = logs.value.at(-1)!.logId
    await applyQuery(filter)
  }

  /** From a line: its packet in the packet list. */
  async function openPacket(frame: number) {
    useAppStore().view = 'capture'
    await useCaptureStore().reveal(frame)
  }

  return {
    sources, logs, currentId, current, query, view, selectedIndex, detail, revealIndex,
    total: rows.total, generation: rows.generation, rowAt: rows.rowAt, ensureRows: rows.ensureRows,
    loadSources, openFound, openUpload, openText, openJournal, openRemote, close, choose, applyQuery, select, showLine, revealLine, showClient, openPacket,
  }
})
