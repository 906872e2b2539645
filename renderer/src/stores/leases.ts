// The Leases view: the open lease tables (kept in the engine), the view of the one shown (filter, sort, counts),
// its rows paged as the packet list pages packets, and the lease selected with its client's packets and runs.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ContractErrorShape, LeaseSortColumn, Params } from '../../../electron/contract/methods'
import type { ClientRunResult, LeaseDatabaseInfo, LeaseHistoryEntry, LeaseRow, LeaseSourceChoices, LeaseTableInfo, LeaseViewInfo, RemoteHostInfo } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { latestRequest, stale } from '../latest-request'
import { clientOf, logQueryFor, packetFilterFor, runIsFor } from '../lease-links'
import type { HostKeyQuestion } from '../remote-hosts'
import { createPagedRows } from '../paged-rows'
import { throttle } from '../throttle'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'
import { useLogsStore } from './logs'
import { useTransactionsStore } from './transactions'
import { useSessionsStore } from './sessions'

export interface LeaseFilterForm {
  search: string
  state: string
  subnetId: string
}

export const useLeasesStore = defineStore('leases', () => {
  const choices = ref<LeaseSourceChoices | null>(null)
  const tables = ref<LeaseTableInfo[]>([])
  const activeId = ref<number | null>(null)
  /** Another table of the same server to mark differences against. */
  const compareId = ref<number | null>(null)
  const differencesOnly = ref(false)
  const form = ref<LeaseFilterForm>({ search: '', state: '', subnetId: '' })
  const sort = ref<{ column: LeaseSortColumn; descending: boolean }>({ column: 'address', descending: false })
  const view = shallowRef<LeaseViewInfo | null>(null)
  const selected = ref<LeaseRow | null>(null)
  const selectedIndex = ref<number | null>(null)
  const runs = ref<ClientRunResult[]>([])
  /** The selected lease's lines in its memfile, once asked for (a memfile is read again for it). */
  const history = ref<LeaseHistoryEntry[] | null>(null)
  const views = latestRequest()
  /** Saved remote hosts, and the memfiles found on the one asked (with its key in question on first use). */
  const remoteHosts = ref<RemoteHostInfo[]>([])
  const remote = ref<{ hostId: string; memfiles: LeaseSourceChoices['memfiles'] | null; question: HostKeyQuestion | null } | null>(null)

  const active = computed(() => tables.value.find((t) => t.tableId === activeId.value) ?? null)
  const rows = createPagedRows<LeaseRow>(async (offset, limit) => {
    const shown = view.value
    if (!shown) return null
    const page = await bridge.call('leases.page', { tableId: shown.tableId, viewId: shown.viewId, offset, limit })
    return view.value?.viewId === page.viewId ? page : null
  }, (error) => useAppStore().report(error))

  const refreshSoon = throttle(() => void refreshView(true).catch(useAppStore().report), 500)

  bridge.on('leases.updated', (info) => {
    tables.value = tables.value.some((t) => t.tableId === info.tableId) ? tables.value.map((t) => (t.tableId === info.tableId ? info : t)) : tables.value
    if (info.tableId === activeId.value || info.tableId === compareId.value) refreshSoon.call()
  })

  async function loadChoices() {
    try {
      remoteHosts.value = await bridge.call('remote.hosts', {})
      choices.value = await bridge.call('leases.sources', {})
      tables.value = await bridge.call('leases.tables', {})
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** The memfiles on a remote host; a host key never seen asks the user first (trust: the fingerprint accepted). */
  async function listRemote(hostId: string, trustHostKey?: string) {
    remote.value = { hostId, memfiles: null, question: null }
    try {
      const memfiles = await bridge.call('leases.remoteMemfiles', { hostId, ...(trustHostKey && { trustHostKey }) })
      if (remote.value?.hostId === hostId) remote.value = { hostId, memfiles, question: null }
    } catch (error) {
      const hostKey = (error as { hostKey?: ContractErrorShape['hostKey'] }).hostKey
      if (hostKey?.firstUse) {
        const { firstUse: _firstUse, ...key } = hostKey
        remote.value = { hostId, memfiles: null, question: { ...key, hostId } }
      } else {
        remote.value = null
        useAppStore().report(error)
      }
    }
  }

  /** What each table was opened from, so Reload can read it anew. */
  const openedFrom = new Map<number, Params<'leases.open'>['source']>()

  async function open(source: Params<'leases.open'>['source']) {
    try {
      const info = await bridge.call('leases.open', { source })
      openedFrom.set(info.tableId, source)
      tables.value = [...tables.value, info]
      await show(info.tableId)
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Reads a table's source again from the start (the API is read once; a followed memfile needs no reload). */
  async function reload(tableId: number) {
    const source = openedFrom.get(tableId)
    if (!source) return
    await close(tableId)
    await open(source)
  }

  async function openFile(file: File) {
    try {
      await open({ fileId: (await bridge.stage(file)).fileId })
    } catch (error) {
      useAppStore().report(error)
    }
  }

  async function show(tableId: number) {
    activeId.value = tableId
    if (compareId.value === tableId) compareId.value = null
    selected.value = null
    selectedIndex.value = null
    await refreshView()
  }

  async function close(tableId: number) {
    openedFrom.delete(tableId)
    try {
      await bridge.call('leases.close', { tableId })
    } catch (error) {
      useAppStore().report(error)
    }
    tables.value = tables.value.filter((t) => t.tableId !== tableId)
    if (compareId.value === tableId) compareId.value = null
    if (activeId.value === tableId) {
      activeId.value = tables.value[0]?.tableId ?? null
      view.value = null
      rows.reset()
      if (activeId.value !== null) await refreshView()
    }
  }

  /** Makes the view for the filter and sort in force; `grown`: the same view with more or changed leases. */
  async function refreshView(grown = false) {
    const tableId = activeId.value
    if (tableId === null) return
    const { search, state, subnetId } = form.value
    const filter = {
      ...(search.trim() && { search: search.trim() }),
      ...(state && { state }),
      ...(/^\d+$/.test(subnetId.trim()) && { subnetId: Number(subnetId.trim()) }),
    }
    const next = await views.run(() => bridge.call('leases.view', {
      tableId, filter, sort: sort.value.column, descending: sort.value.descending,
      ...(compareId.value !== null && { compareWith: compareId.value, differencesOnly: differencesOnly.value }),
    }))
    if (next === stale) return
    view.value = next
    rows.total.value = next.total
    if (grown) rows.refresh()
    else rows.reset()
  }

  async function sortBy(column: LeaseSortColumn) {
    sort.value = { column, descending: sort.value.column === column ? !sort.value.descending : false }
    await refreshView()
  }

  async function loadHistory() {
    const lease = selected.value
    if (!lease || activeId.value === null) return
    try {
      const entries = await bridge.call('leases.history', { tableId: activeId.value, address: lease.address })
      if (selected.value?.address === lease.address) history.value = entries
    } catch (error) {
      useAppStore().report(error)
    }
  }

  async function select(row: LeaseRow, index: number) {
    history.value = null
    selected.value = row
    selectedIndex.value = index
    const sessionId = useSessionsStore().currentId
    try {
      runs.value = sessionId === null ? [] : (await bridge.call('client.runs', { sessionId })).filter((run) => runIsFor(run, row))
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** The capture on screen, or else the session's latest, shown; false (and why, in the message bar) when there is none. */
  function sessionCapture(then: string): boolean {
    const capture = useCaptureStore()
    const latest = useSessionsStore().captures.at(-1)
    if (!capture.capture && latest) capture.show(latest)
    if (capture.capture) return true
    useAppStore().message = { kind: 'info', text: `No capture is open: open or start one, then ${then}.` }
    return false
  }

  /** The client's packets in the capture on screen (or the session's latest capture): the packet list, filtered. */
  async function showPackets(lease: LeaseRow) {
    const app = useAppStore()
    const capture = useCaptureStore()
    const filter = packetFilterFor(lease)
    if (!filter) {
      app.message = { kind: 'info', text: 'This lease names no hardware address or DUID to find its packets by.' }
      return
    }
    if (!sessionCapture(`filter it with ${filter}`)) return
    app.view = 'capture'
    capture.tab = 'packets'
    try {
      await capture.applyFilter(filter)
    } catch (error) {
      app.report(error)
    }
  }

  /** The client's transactions in the capture on screen (or the session's latest): the transactions, for this client. */
  function showTransactions(lease: LeaseRow) {
    const client = clientOf(lease)
    if (!client || !sessionCapture(`look at its transactions for ${client}`)) return
    useTransactionsStore().client = client
    useCaptureStore().tab = 'transactions'
    useAppStore().view = 'capture'
  }

  /** The client's lines in the open Kea logs: the Logs view filtered by its MAC (v4) or DUID (v6). */
  async function showLogLines(lease: LeaseRow) {
    const query = logQueryFor(lease)
    if (query) await useLogsStore().showClient(query)
  }

  /** A lease of an open table, chosen (from the client's history): the table shown, searched for its address. */
  async function reveal(tableId: number, address: string) {
    const app = useAppStore()
    app.view = 'leases'
    if (!tables.value.some((t) => t.tableId === tableId)) tables.value = await bridge.call('leases.tables', {})
    await show(tableId)
    form.value = { search: address, state: '', subnetId: '' }
    await refreshView()
    const shown = view.value
    if (!shown) return
    const page = await bridge.call('leases.page', { tableId, viewId: shown.viewId, offset: 0, limit: 50 })
    const at = page.rows.findIndex((row) => row.address === address)
    if (at >= 0) await select(page.rows[at], at)
    else app.message = { kind: 'info', text: `${address} is no longer in that table (the lease was deleted or the table reloaded).` }
  }

  async function exportCsv() {
    const shown = view.value
    if (!shown) return
    const app = useAppStore()
    try {
      const saved = await bridge.call('leases.export', { tableId: shown.tableId, viewId: shown.viewId })
      if (saved) app.message = { kind: 'info', text: `Saved ${saved.leases} lease${saved.leases === 1 ? '' : 's'} to ${saved.path}` }
    } catch (error) {
      app.report(error)
    }
  }

  /** Saves a lease database (its password goes to the engine's SecretStore); null when the engine refused it. */
  async function saveDatabase(entry: Params<'leases.saveDatabase'>): Promise<LeaseDatabaseInfo | null> {
    try {
      const saved = await bridge.call('leases.saveDatabase', entry)
      await loadChoices()
      return saved
    } catch (error) {
      useAppStore().report(error)
      return null
    }
  }

  async function deleteDatabase(databaseId: string) {
    try {
      await bridge.call('leases.deleteDatabase', { databaseId })
      await loadChoices()
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Deletes the selected lease (address) or reclaims expired ones, through the API; the view asked the user first. */
  async function change(address?: string) {
    const tableId = activeId.value
    if (tableId === null) return
    const app = useAppStore()
    try {
      const { text } = await bridge.call('leases.change', { tableId, ...(address && { address }), confirmed: true })
      app.message = { kind: 'info', text }
      if (address && selected.value?.address === address) selected.value = null
      await refreshView(true)
    } catch (error) {
      app.report(error)
    }
  }

  return {
    choices, tables, remoteHosts, remote, listRemote, activeId, compareId, differencesOnly, form, sort, view, selected, selectedIndex, runs, active,
    total: rows.total, generation: rows.generation, rowAt: rows.rowAt, ensureRows: rows.ensureRows,
    history, loadHistory, loadChoices, open, reload, openFile, show, close, refreshView, sortBy, select, showPackets, showTransactions, showLogLines, reveal, exportCsv, change, saveDatabase, deleteDatabase,
  }
})
