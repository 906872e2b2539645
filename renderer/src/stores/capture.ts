// The capture being viewed. Rows are fetched a page at a time for what the list shows and only a bounded
// number of pages is kept, so a capture of any size costs the renderer the same memory.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { CaptureInfo, FieldNode, PacketDetail, PacketRow } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { useAppStore } from './app'
import { useSessionsStore } from './sessions'

export const PAGE_SIZE = 200
const MAX_PAGES = 40

export const useCaptureStore = defineStore('capture', () => {
  const capture = ref<CaptureInfo | null>(null)
  const pages = shallowRef(new Map<number, PacketRow[]>())
  const loading = new Set<number>()
  const selectedFrame = ref<number | null>(null)
  const detail = ref<PacketDetail | null>(null)
  const selectedField = shallowRef<FieldNode | null>(null)
  const total = computed(() => capture.value?.packetCount ?? 0)

  bridge.on('capture.updated', (info) => {
    if (info.id !== capture.value?.id) return
    const before = capture.value.packetCount
    capture.value = info
    // The page that held the last row before may have been fetched while it was still filling.
    if (info.packetCount !== before && before % PAGE_SIZE !== 0) {
      pages.value.delete(Math.floor(before / PAGE_SIZE))
      triggerRef(pages)
    }
  })

  function show(info: CaptureInfo) {
    capture.value = info
    pages.value = new Map()
    selectedFrame.value = null
    detail.value = null
    selectedField.value = null
  }

  async function openFile(file: File) {
    const app = useAppStore()
    const sessions = useSessionsStore()
    try {
      const staged = await bridge.stage(file)
      const info = await bridge.call('captures.open', { path: staged.path, name: file.name, ...(sessions.currentId !== null ? { sessionId: sessions.currentId } : {}) })
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

  /** The row at a 0-based index if its page is at hand; `ensureRows` brings pages in. */
  function rowAt(index: number): PacketRow | undefined {
    const page = Math.floor(index / PAGE_SIZE)
    return pages.value.get(page)?.[index - page * PAGE_SIZE]
  }

  /** Fetches the pages covering rows first..last (0-based) that are not at hand yet. */
  function ensureRows(first: number, last: number) {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (!pages.value.has(page)) void fetchPage(page)
    }
  }

  async function fetchPage(page: number) {
    const id = capture.value?.id
    if (id === undefined || loading.has(page)) return
    loading.add(page)
    try {
      const result = await bridge.call('packets.page', { captureId: id, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      if (capture.value?.id !== id) return
      const next = new Map(pages.value)
      next.set(page, result.rows)
      while (next.size > MAX_PAGES) next.delete(next.keys().next().value!)
      pages.value = next
    } catch (error) {
      useAppStore().report(error)
    } finally {
      loading.delete(page)
    }
  }

  async function select(frame: number) {
    if (!capture.value) return
    selectedFrame.value = frame
    selectedField.value = null
    try {
      const result = await bridge.call('packets.detail', { captureId: capture.value.id, frame })
      if (selectedFrame.value === frame) detail.value = result
    } catch (error) {
      useAppStore().report(error)
    }
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

  return { capture, pages, total, selectedFrame, detail, selectedField, show, openFile, rowAt, ensureRows, select, fieldAtByte }
})
