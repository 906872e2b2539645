// Rows of a long list fetched a page at a time for what is on screen, keeping a bounded number of pages, so
// a list of any length costs the renderer the same memory. Used by the packet list and the transactions list.
// A list that grows (a live capture, a file still loading) is refreshed in place: the rows on screen stay shown
// until their fresh copy arrives, so a list updated ten times a second does not flicker.
import { ref, shallowRef, triggerRef } from 'vue'

const PAGE_SIZE = 200
const MAX_PAGES = 40

export type PageFetch<T> = (offset: number, limit: number) => Promise<{ total: number; rows: T[] } | null>

export function createPagedRows<T>(fetch: PageFetch<T>, report: (error: unknown) => void) {
  const pages = shallowRef(new Map<number, T[]>())
  /** The list's length as the last page fetched reported it. */
  const total = ref(0)
  /** Bumped on reset (another list), so views re-fetch what they show and start at its top. */
  const generation = ref(0)
  /** Pages fetched since the list last changed; the others are shown as they were until fetched again. */
  let current = new Set<number>()
  /** Each page's request in flight: an answer counts only while its request is still the page's newest. */
  const asked = new Map<number, number>()
  let requests = 0

  /** The row at a 0-based index if its page is at hand; ensureRows brings pages in. */
  function rowAt(index: number): T | undefined {
    const page = Math.floor(index / PAGE_SIZE)
    return pages.value.get(page)?.[index - page * PAGE_SIZE]
  }

  /** Fetches the pages covering rows first..last (0-based) that are not current yet. */
  function ensureRows(first: number, last: number) {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      if (!current.has(page)) void fetchPage(page)
    }
  }

  async function fetchPage(page: number) {
    if (asked.has(page)) return
    const request = ++requests
    asked.set(page, request)
    try {
      const result = await fetch(page * PAGE_SIZE, PAGE_SIZE)
      if (!result || asked.get(page) !== request) return
      total.value = result.total
      const next = new Map(pages.value)
      next.delete(page)
      next.set(page, result.rows)
      while (next.size > MAX_PAGES) {
        const oldest = next.keys().next().value!
        next.delete(oldest)
        current.delete(oldest)
      }
      current.add(page)
      pages.value = next
    } catch (error) {
      if (asked.get(page) === request) report(error)
    } finally {
      if (asked.get(page) === request) asked.delete(page)
    }
  }

  /** Another list: drops every row and every answer on its way. */
  function reset() {
    pages.value = new Map()
    current = new Set()
    asked.clear()
    generation.value++
  }

  /** The same list, changed (grown, re-counted): every page is fetched again, its old rows shown meanwhile. */
  function refresh() {
    current = new Set()
    asked.clear()
    triggerRef(pages)
  }

  /** Fetches the page holding a row again, e.g. one fetched while the list was still growing into it. */
  function refreshPageOf(index: number) {
    const page = Math.floor(index / PAGE_SIZE)
    current.delete(page)
    asked.delete(page)
    triggerRef(pages)
  }

  return { pages, total, generation, rowAt, ensureRows, fetchPage, reset, refresh, refreshPageOf }
}
