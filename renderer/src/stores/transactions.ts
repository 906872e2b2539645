// The transactions of the capture on screen, paged like its packets (paged-rows.ts drops pages that arrive for
// an earlier list), optionally only those with a problem, or only one client's (a MAC, client id or DUID).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { TransactionInfo } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { createPagedRows } from '../paged-rows'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'

export const useTransactionsStore = defineStore('transactions', () => {
  const problemsOnly = ref(false)
  /** Only this client's transactions (from a lease or the client's history); null: every client's. */
  const client = ref<string | null>(null)
  const chosen = ref<TransactionInfo | null>(null)
  const rows = createPagedRows<TransactionInfo>(async (offset, limit) => {
    const id = useCaptureStore().capture?.id
    return id === undefined ? null : bridge.call('transactions.page', { captureId: id, offset, limit, problemsOnly: problemsOnly.value, ...(client.value !== null && { client: client.value }) })
  }, (error) => useAppStore().report(error))

  /** Lists them afresh: another capture, or the problems-only choice changed. */
  function reload() {
    rows.reset()
    chosen.value = null
    void rows.fetchPage(0)
  }

  /** Counts them again as the capture grows, keeping what is on screen (and the transaction shown) meanwhile. */
  function refresh() {
    rows.refresh()
    void rows.fetchPage(0)
  }

  return { problemsOnly, client, chosen, total: rows.total, generation: rows.generation, rowAt: rows.rowAt, ensureRows: rows.ensureRows, reload, refresh }
})
