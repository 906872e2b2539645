// Filters, sorted views, transactions and statistics of the captures in sessions. Each works on the capture's
// in-memory index: the one a load is filling, or one rebuilt from the store when a saved session is reopened.
// Indexes are kept within a memory budget and a few views; older ones are dropped and rebuilt on demand.
import { totalmem } from 'node:os'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { SortColumn } from '../../contract/methods'
import type { CaptureStats, PacketView, TransactionPage } from '../../contract/types'
import { ContractError } from '../errors'
import { compileFilter } from '../filter/compile'
import { FilterPass, type FilterRun } from '../filter/filter-pass'
import { CaptureIndex } from '../index/capture-index'
import { captureStats } from '../index/statistics'
import { Assessor } from '../transactions/assess-exchange'
import { describeExchange } from '../transactions/describe-exchange'
import { groupExchanges, type Exchanges } from '../transactions/exchanges'
import type { PacketStore } from '../store/packets'
import { addressKey, naturalKey, orderByText } from './text-order'

const KEPT_VIEWS = 16
/** Memory for indexes of captures not being loaded: a quarter of the machine's, at most 2 GB. */
const DEFAULT_INDEX_BUDGET = Math.min(2 * 1024 ** 3, totalmem() / 4)
/** How long a display filter may run: the engine answers nothing else meanwhile. */
const DEFAULT_FILTER_BUDGET_MS = 10_000

interface View {
  captureId: number
  filter: string
  positions: Int32Array
}

interface KnownExchanges {
  /** Packets indexed when they were grouped (a loading capture grows). */
  count: number
  all: Exchanges
  /** Ids of the exchanges that are not complete or had several servers answer. */
  problems?: Int32Array
}

export class CaptureAnalyses {
  private readonly indexes = new Map<number, CaptureIndex>()
  private readonly loading = new Set<number>()
  private readonly views = new Map<number, View>()
  private readonly exchanges = new Map<number, KnownExchanges>()
  private nextViewId = 1
  /** The view being filtered for each capture: a newer one replaces it. */
  private readonly runningViews = new Map<number, object>()

  constructor(
    private readonly packets: PacketStore,
    private readonly budget = DEFAULT_INDEX_BUDGET,
    private readonly filterBudgetMs = DEFAULT_FILTER_BUDGET_MS,
  ) {}

  /** A load's index, filled as the file is read; kept at least until the load ends. */
  adopt(captureId: number, index: CaptureIndex, done: Promise<unknown>): void {
    this.loading.add(captureId)
    this.keep(captureId, index)
    void done.finally(() => this.loading.delete(captureId))
  }

  forget(captureId: number): void {
    this.indexes.delete(captureId)
    this.exchanges.delete(captureId)
    for (const [id, view] of this.views) if (view.captureId === captureId) this.views.delete(id)
  }

  index(captureId: number): CaptureIndex {
    const known = this.indexes.get(captureId)
    if (known) {
      this.indexes.delete(captureId)
      this.indexes.set(captureId, known)
      return known
    }
    const index = new CaptureIndex()
    for (const { record, malformed } of this.packets.records(captureId)) {
      index.add(record, malformed)
    }
    this.keep(captureId, index)
    return index
  }

  /** Keeps an index, dropping the least recently used others (never one being loaded) beyond the budget. */
  private keep(captureId: number, index: CaptureIndex): void {
    this.indexes.set(captureId, index)
    let total = 0
    for (const kept of this.indexes.values()) total += kept.byteLength
    for (const [id, kept] of this.indexes) {
      if (total <= this.budget) break
      if (id === captureId || this.loading.has(id)) continue
      total -= kept.byteLength
      this.forget(id)
    }
  }

  /**
   * Applies a display filter and a sort order; a bad filter throws FilterError, naming the position. A filter that
   * runs out of time leaves a view of the matches found so far, marked as cut.
   */
  async view(captureId: number, filter: string, sort: SortColumn, descending: boolean): Promise<PacketView> {
    const started = performance.now()
    const test = compileFilter(filter)
    const index = this.index(captureId)
    const count = index.count
    const run = await this.filtered(captureId, new FilterPass(index, test, count))
    let positions = run.positions
    if (sort !== 'frame' || descending) positions = this.sorted(captureId, index, positions, sort, descending)
    const viewId = this.nextViewId++
    this.views.set(viewId, { captureId, filter, positions })
    for (const id of this.views.keys()) if (this.views.size > KEPT_VIEWS) this.views.delete(id)
    const cut = run.tested < count ? { budgetMs: this.filterBudgetMs, tested: run.tested } : undefined
    return { viewId, captureId, filter, total: count, matched: positions.length, elapsedMs: Math.round((performance.now() - started) * 10) / 10, ...(cut && { cut }) }
  }

  /**
   * Runs a filter a slice at a time, letting the engine answer other calls between slices, until it ends, runs out
   * of time, or a newer view of the same capture replaces it (the user applied another filter meanwhile).
   */
  private async filtered(captureId: number, pass: FilterPass): Promise<FilterRun> {
    const run = {}
    this.runningViews.set(captureId, run)
    for (pass.slice(); !pass.done && performance.now() - pass.started < this.filterBudgetMs; pass.slice()) {
      await nextTurn()
      if (this.runningViews.get(captureId) !== run) throw new ContractError('cancelled', 'A newer filter replaced this one before it finished.')
    }
    if (this.runningViews.get(captureId) === run) this.runningViews.delete(captureId)
    return pass.result()
  }

  private sorted(captureId: number, index: CaptureIndex, positions: Int32Array, sort: SortColumn, descending: boolean): Int32Array {
    const direction = descending ? -1 : 1
    if (sort === 'frame') return positions.slice().reverse()
    if (sort === 'time' || sort === 'length') {
      const key = sort === 'time' ? index.col.time : index.col.originalLength
      return positions.slice().sort((a, b) => direction * (key[a] - key[b] || a - b))
    }
    const key = sort === 'source' || sort === 'destination' ? addressKey : naturalKey
    return orderByText(positions, this.packets.columnTexts(captureId, sort), key, descending)
  }

  /** Frame numbers at [offset, offset + limit) of a view. */
  viewFrames(captureId: number, viewId: number, offset: number, limit: number): { total: number; frames: number[] } {
    const view = this.views.get(viewId)
    if (!view || view.captureId !== captureId) throw new ContractError('not-found', `View ${viewId} has expired; apply the filter again.`)
    const frames = Array.from(view.positions.subarray(offset, offset + limit), (p) => p + 1)
    return { total: view.positions.length, frames }
  }

  viewFilter(viewId: number): string {
    return this.views.get(viewId)?.filter ?? ''
  }

  transactions(captureId: number, offset: number, limit: number, problemsOnly: boolean): TransactionPage {
    const index = this.index(captureId)
    const known = this.exchangesOf(captureId, index)
    const all = known.all
    if (!problemsOnly) {
      const ids = Array.from({ length: Math.max(0, Math.min(limit, all.count - offset)) }, (_, k) => offset + k)
      return { captureId, offset, total: all.count, rows: ids.map((id) => describeExchange(index, all, id)) }
    }
    if (!known.problems) {
      const assessor = new Assessor(index)
      const problems: number[] = []
      for (let id = 0; id < all.count; id++) {
        const a = assessor.assess(all, id)
        if (a.status !== 'complete' || a.servers.length > 1) problems.push(id)
      }
      known.problems = Int32Array.from(problems)
    }
    const rows = Array.from(known.problems.subarray(offset, offset + limit), (id) => describeExchange(index, all, id))
    return { captureId, offset, total: known.problems.length, rows }
  }

  stats(captureId: number): CaptureStats {
    const index = this.index(captureId)
    return captureStats(index, this.exchangesOf(captureId, index).all)
  }

  private exchangesOf(captureId: number, index: CaptureIndex): KnownExchanges {
    let known = this.exchanges.get(captureId)
    if (!known || known.count !== index.count) {
      known = { count: index.count, all: groupExchanges(index) }
      this.exchanges.set(captureId, known)
    }
    return known
  }
}
