// The capture being viewed. Its rows are paged (paged-rows.ts), so a capture of any size costs the renderer
// the same memory. A display filter or a sort order makes the engine build a view; rows are then paged by
// position in that view. Views are asked for one after another (filters applied, columns clicked); only the
// newest request's view is shown, whatever order the answers come in. A capture still growing (a file loading, a
// live capture) refreshes its rows in place as updates arrive; a live one's list follows its newest rows.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { SortColumn } from '../../../electron/contract/methods'
import type { CaptureInfo, FieldNode, FileRef, PacketDetail, PacketRow, PacketView } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { latestRequest, stale } from '../latest-request'
import { createPagedRows } from '../paged-rows'
import { throttle } from '../throttle'
import { useAppStore } from './app'
import { useColumnsStore } from './columns'
import { useSessionsStore } from './sessions'

export type CaptureTab = 'packets' | 'transactions' | 'statistics'

/** How often a live capture's filtered or sorted view is made again as packets arrive. */
const LIVE_VIEW_REFRESH_MS = 1000

/** A capture that still gains packets: a file being read, or a live capture. */
function growing(info: CaptureInfo | null | undefined): boolean {
  return info?.status === 'loading' || info?.status === 'capturing'
}

export const useCaptureStore = defineStore('capture', () => {
  const columns = useColumnsStore()
  const capture = ref<CaptureInfo | null>(null)
  const tab = ref<CaptureTab>('packets')
  const selectedFrame = ref<number | null>(null)
  /** Position of the selected row in the list as shown (differs from frame - 1 under a filter or sort). */
  const selectedIndex = ref<number | null>(null)
  const detail = ref<PacketDetail | null>(null)
  const selectedField = shallowRef<FieldNode | null>(null)
  const filter = ref('')
  const sort = ref<{ column: SortColumn; descending: boolean }>({ column: 'frame', descending: false })
  const view = ref<PacketView | null>(null)
  const views = latestRequest()
  /** A live capture's list shows its newest rows as they come, until the user scrolls away from them. */
  const following = ref(true)
  const liveView = throttle(() => void refreshView(true).catch(useAppStore().report), LIVE_VIEW_REFRESH_MS)
  const rows = createPagedRows<PacketRow>(async (offset, limit) => {
    const id = capture.value?.id
    if (id === undefined) return null
    const viewId = view.value?.viewId
    const fields = columns.custom
    return bridge.call('packets.page', { captureId: id, offset, limit, ...(viewId !== undefined ? { viewId } : {}), ...(fields.length ? { fields } : {}) })
  }, (error) => useAppStore().report(error))
  // A custom column added or removed: the rows are fetched again, with its values.
  watch(() => columns.custom, () => rows.reset())
  const total = computed(() => (view.value ? view.value.matched : capture.value?.packetCount ?? 0))
  /** The last update heard of each capture not on screen: a small file finishes loading before `captures.open` answers. */
  const heard = new Map<number, CaptureInfo>()

  bridge.on('files.offered', (file) => void openGranted(file))
  bridge.on('capture.updated', receive)

  /** A newer snapshot of a capture: an update from the engine, or the answer to a live capture's stop. */
  function receive(info: CaptureInfo) {
    const before = capture.value
    if (info.id !== before?.id) {
      heard.set(info.id, later(heard.get(info.id) ?? info, info))
      return
    }
    const next = later(before, info)
    capture.value = next
    if (view.value) {
      // A view covers the packets there were when it was made: made again as a live capture grows, and once it ends.
      if (growing(before) && !growing(next)) {
        liveView.cancel()
        void refreshView(true).catch(useAppStore().report)
      } else if (next.status === 'capturing' && next.packetCount !== before.packetCount) liveView.call()
      return
    }
    // The page that held the last row before may have been fetched while it was still filling.
    if (next.packetCount !== before.packetCount) rows.refreshPageOf(before.packetCount)
  }

  function show(info: CaptureInfo) {
    const update = heard.get(info.id)
    heard.clear()
    capture.value = update ? later(info, update) : info
    filter.value = ''
    sort.value = { column: 'frame', descending: false }
    view.value = null
    views.cancel()
    liveView.cancel()
    rows.reset()
    following.value = true
    selectedFrame.value = null
    selectedIndex.value = null
    detail.value = null
    selectedField.value = null
  }

  /**
   * Shows another capture of the same kind in place of this one, with the same display filter and sort: the next part
   * of a ring buffer, as it keeps following the live packets.
   */
  async function showInPlace(info: CaptureInfo) {
    const kept = { filter: filter.value, sort: sort.value }
    show(info)
    filter.value = kept.filter
    sort.value = kept.sort
    await refreshView()
  }

  async function openFile(file: File) {
    try {
      await openGranted(await bridge.stage(file))
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Opens a file the front has granted: one the user picked or dropped, or one the desktop shell was asked to open. */
  async function openGranted(file: FileRef) {
    const app = useAppStore()
    const sessions = useSessionsStore()
    try {
      // A read-only session (an imported bundle) takes nothing new: the capture starts a session of its own.
      const into = sessions.current?.readOnly ? null : sessions.currentId
      const info = await bridge.call('captures.open', { fileId: file.fileId, ...(into !== null ? { sessionId: into } : {}) })
      // Adopt the capture before awaiting anything else, so none of its progress events is missed.
      show(info)
      app.view = 'capture'
      await sessions.load()
      await sessions.select(info.sessionId)
      if (info.error) app.message = { kind: 'info', text: info.error }
    } catch (error) {
      app.report(error)
    }
  }

  /** Applies a display filter (empty: all packets); throws the engine's error for the filter bar to show. */
  /** Applies a display filter (empty: all packets); a mistake throws the engine's error, pointing at it. */
  async function applyFilter(text: string) {
    const before = filter.value
    filter.value = text.trim()
    try {
      await refreshView()
    } catch (error) {
      filter.value = before
      throw error
    }
  }

  async function sortBy(column: SortColumn) {
    const current = sort.value
    sort.value = { column, descending: current.column === column ? !current.descending : false }
    await refreshView()
  }

  /** Makes the view for the filter and sort in force; `grown`: the same view over more packets, kept on screen meanwhile. */
  async function refreshView(grown = false) {
    const id = capture.value?.id
    if (id === undefined) return
    const plain = filter.value === '' && sort.value.column === 'frame' && !sort.value.descending
    const request = { captureId: id, filter: filter.value, sort: sort.value.column, descending: sort.value.descending }
    const next = await views.run(async () => (plain ? null : bridge.call('packets.view', request)))
    if (next === stale) return
    view.value = next
    if (grown) {
      rows.refresh()
      return
    }
    liveView.cancel()
    rows.reset()
    selectedIndex.value = null
  }

  async function select(frame: number, index: number | null = null) {
    if (!capture.value) return
    selectedFrame.value = frame
    selectedIndex.value = index
    selectedField.value = null
    try {
      const result = await bridge.call('packets.detail', { captureId: capture.value.id, frame })
      if (selectedFrame.value === frame) detail.value = result
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** The selected packet as readable text or as a hex dump, for the clipboard. */
  async function selectedPacketAs(format: 'text' | 'hex'): Promise<string | null> {
    const frame = selectedFrame.value
    const id = capture.value?.id
    if (frame === null || id === undefined) return null
    return (await bridge.call('packets.export', { captureId: id, frame, format })).text
  }

  /** Saves the capture, or under a filter the displayed packets (as Wireshark's "Export Specified Packets"), and says where. */
  async function save(format: 'pcapng' | 'pcap') {
    const app = useAppStore()
    const id = capture.value?.id
    if (id === undefined) return
    try {
      const viewId = view.value && filter.value ? view.value.viewId : undefined
      const saved = await bridge.call('captures.save', { captureId: id, format, ...(viewId !== undefined ? { viewId } : {}) })
      if (!saved) return
      app.message = { kind: 'info', text: `Saved ${saved.packets.toLocaleString()} packet${saved.packets === 1 ? '' : 's'} to ${saved.path}` }
    } catch (error) {
      app.report(error)
    }
  }

  /** Shows a frame in the packet list (from the transactions view): clears a filter that hides it. */
  async function reveal(frame: number) {
    tab.value = 'packets'
    if (view.value) {
      filter.value = ''
      sort.value = { column: 'frame', descending: false }
      await refreshView()
    }
    await select(frame, frame - 1)
  }

  /** The innermost field covering a byte: what a click in the hex pane selects. */
  function fieldAtByte(offset: number): FieldNode | null {
    let best: FieldNode | null = null
    const visit = (nodes: FieldNode[]) => {
      for (const node of nodes) {
        if (offset >= node.offset && offset < node.offset + node.length) {
          best = node
          if (node.children) visit(node.children)
        }
      }
    }
    visit(detail.value?.tree ?? [])
    return best
  }

  return {
    capture, tab, total, selectedFrame, selectedIndex, detail, selectedField, filter, sort, view, following,
    generation: rows.generation, rowAt: rows.rowAt, ensureRows: rows.ensureRows,
    show, showInPlace, receive, openFile, applyFilter, sortBy, select, reveal, fieldAtByte, selectedPacketAs, save,
  }
})

/**
 * The later of two snapshots of one capture: a load or a live capture only moves on from growing, and only adds
 * packets; of two equal in both, the second (a live capture's counters move on without new packets).
 */
function later(a: CaptureInfo, b: CaptureInfo): CaptureInfo {
  if (growing(a) !== growing(b)) return growing(a) ? b : a
  return b.packetCount >= a.packetCount ? b : a
}
