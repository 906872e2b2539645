// Rows of a long list fetched a page at a time for what is on screen, keeping a bounded number of pages, so
// a list of any length costs the renderer the same memory. Used by the packet list and the transactions list.
import { ref, shallowRef, triggerRef } from 'vue'

const PAGE_SIZE = 200
const MAX_PAGES = 40

export type PageFetch<T> = (offset: number, limit: number) => Promise<{ total: number; rows: T[] } | null>

export function createPagedRows<T>(fetch: PageFetch<T>, report: (error: unknown) => void) {
  const pages = shallowRef(new Map<number, T[]>())
  /** The list's length as the last page fetched reported it. */
  const total = ref(0)
  /** Bumped on reset, so answers to earlier requests are dropped and views re-fetch what they show. */
  const generation = ref(0)
  const loading = new Set<number>()

  /** The row at a 0-based index if its page is at hand; ensureRows brings pages in. */
  function rowAt(index: number): T | undefined {
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
    const at = generation.value
    if (loading.has(page)) return
    loading.add(page)
    try {
      const result = await fetch(page * PAGE_SIZE, PAGE_SIZE)
      if (!result || generation.value !== at) return
      total.value = result.total
      const next = new Map(pages.value)
      next.set(page, result.rows)
      while (next.size > MAX_PAGES) next.delete(next.keys().next().value!)
      pages.value = next
    } catch (error) {
      report(error)
    } finally {
      if (generation.value === at) loading.delete(page)
    }
  }

  function reset() {
    pages.value = new Map()
    loading.clear()
    generation.value++
  }

  /** Drops the page holding a row, e.g. one fetched while the list was still growing into it. */
  function forgetPageOf(index: number) {
    if (pages.value.delete(Math.floor(index / PAGE_SIZE))) triggerRef(pages)
  }

  return { pages, total, generation, rowAt, ensureRows, fetchPage, reset, forgetPageOf }
}
