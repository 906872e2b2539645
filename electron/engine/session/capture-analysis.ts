// Filters, sorted views, transactions and statistics of the captures in sessions. Each works on the capture's
// in-memory index: the one a load is filling, or one rebuilt from the capture's file when it is first needed again
// (after a restart, or once dropped). Indexes are kept within a memory budget and a few views; older ones are
// dropped and rebuilt on demand.
import { totalmem } from 'node:os'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { SortColumn } from '../../contract/methods'
import type { CaptureStats, PacketView, TransactionPage } from '../../contract/types'
import { openCapture } from '../capture-file/open'
import { ContractError } from '../errors'
import { compileFilter, type PacketTest } from '../filter/compile'
import { FilterPass, SLICE_MS, type FilterRun } from '../filter/filter-pass'
import { CaptureIndex } from '../index/capture-index'
import { FileIndexer } from '../index/file-indexer'
import { checkMalformed } from '../index/malformed-check'
import { StatisticsBuilder } from '../index/statistics'
import type { Job } from '../jobs'
import { PacedBatch } from '../paced-batch'
import type { CaptureFile } from '../store/sessions'
import { clientMatcher, type ClientIdentity } from '../clients/client-identity'
import { Assessor } from '../transactions/assess-exchange'
import { describeExchange } from '../transactions/describe-exchange'
import { ExchangeGrouper, type Exchanges } from '../transactions/exchanges'
import { orderByInfo } from './info-order'
import { readsMalformed } from './malformed-filter'
import { textSortKey } from './sort-keys'
import { orderByKey } from './text-order'

const KEPT_VIEWS = 16
/** Memory for indexes of captures not being loaded: a quarter of the machine's, at most 2 GB. */
const DEFAULT_INDEX_BUDGET = Math.min(2 * 1024 ** 3, totalmem() / 4)
/** How long a display filter may run: the engine answers nothing else meanwhile. */
const DEFAULT_FILTER_BUDGET_MS = 10_000
/** Packets indexed between two turns of the event loop when an index is rebuilt. */
const REBUILD_BATCH = 20_000
/** Packets grouped, then exchanges assessed, per turn of the statistics: some 20 ms of work (see PacedBatch). */
const STATS_MIN_BATCH = 2000
const STATS_MAX_BATCH = 200_000

/** Where the captures' files are (the session store). */
export interface CaptureFiles {
  captureFile(captureId: number): CaptureFile | undefined
}

interface View {
  captureId: number
  filter: string
  positions: Int32Array
}

interface KnownExchanges {
  /** Groups the packets a loading (or live) capture adds since the last call, not all of them again. */
  grouper: ExchangeGrouper
  /** Packets indexed when they were grouped. */
  count: number
  all: Exchanges
  /** Ids of the exchanges that are not complete or had several servers answer. */
  problems?: Int32Array
  /** The last client asked for, and its exchanges. */
  ofClient?: { key: string; ids: Int32Array }
}

export class CaptureAnalyses {
  private readonly indexes = new Map<number, CaptureIndex>()
  /** Indexes being rebuilt from their files: every call that needs one meanwhile waits for the same. */
  private readonly building = new Map<number, Promise<CaptureIndex>>()
  private readonly loading = new Set<number>()
  private readonly views = new Map<number, View>()
  private readonly exchanges = new Map<number, KnownExchanges>()
  private nextViewId = 1
  /** The view being filtered for each capture: a newer one replaces it. */
  private readonly runningViews = new Map<number, object>()

  constructor(
    private readonly files: CaptureFiles,
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
    this.building.delete(captureId)
    this.exchanges.delete(captureId)
    for (const [id, view] of this.views) if (view.captureId === captureId) this.views.delete(id)
  }

  /** The capture's index; rebuilt from its file, a batch at a time, when it is not in memory. */
  index(captureId: number): Promise<CaptureIndex> {
    const known = this.indexes.get(captureId)
    if (known) {
      this.indexes.delete(captureId)
      this.indexes.set(captureId, known)
      return Promise.resolve(known)
    }
    const under = this.building.get(captureId)
    if (under) return under
    // Kept only if still wanted when done: forget() (its session was deleted) drops it from `building`.
    const ours = () => this.building.get(captureId) === building && this.building.delete(captureId)
    const building: Promise<CaptureIndex> = this.rebuild(captureId).then(
      (index) => {
        if (ours()) this.keep(captureId, index)
        return index
      },
      (error: unknown) => {
        ours()
        throw error
      },
    )
    this.building.set(captureId, building)
    return building
  }

  private async rebuild(captureId: number): Promise<CaptureIndex> {
    const file = this.files.captureFile(captureId) ?? notFound(`Capture ${captureId} does not exist (its session may have been deleted).`)
    const reader = openCapture(file.path, file.name)
    const index = new CaptureIndex({ fileSize: reader.size })
    const indexer = new FileIndexer(reader, index, file.packetCount)
    try {
      while (indexer.step(REBUILD_BATCH)) await nextTurn()
    } finally {
      reader.close()
    }
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
    const index = await this.index(captureId)
    const count = index.count
    const run = await this.filtered(captureId, index, test, count, readsMalformed(filter))
    let positions = run.positions
    if (sort !== 'frame' || descending) positions = sorted(index, positions, sort, descending)
    const viewId = this.nextViewId++
    this.views.set(viewId, { captureId, filter, positions })
    for (const id of this.views.keys()) if (this.views.size > KEPT_VIEWS) this.views.delete(id)
    const cut = run.tested < count ? { budgetMs: this.filterBudgetMs, tested: run.tested } : undefined
    return { viewId, captureId, filter, total: count, matched: positions.length, elapsedMs: Math.round((performance.now() - started) * 10) / 10, ...(cut && { cut }) }
  }

  /**
   * Runs a filter over the first `count` packets a slice at a time, letting the engine answer other calls between
   * slices, until it ends, runs out of time, or a newer view of the same capture replaces it (the user applied
   * another filter meanwhile). A filter that reads the malformed flags first has the packets not checked yet
   * checked, on the same terms in half its time (decoding is slow; the other half is the filter's, over the packets
   * checked); what was checked stays for the next filter.
   */
  private async filtered(captureId: number, index: CaptureIndex, test: PacketTest | null, count: number, needsMalformed: boolean): Promise<FilterRun> {
    const started = performance.now()
    const run = {}
    this.runningViews.set(captureId, run)
    const inTime = (share = 1) => performance.now() - started < this.filterBudgetMs * share
    const turn = async () => {
      await nextTurn()
      if (this.runningViews.get(captureId) !== run) throw new ContractError('cancelled', 'A newer filter replaced this one before it finished.')
    }
    if (needsMalformed) while (!checkMalformed(index, count, SLICE_MS) && inTime(0.5)) await turn()
    const pass = new FilterPass(index, test, needsMalformed ? Math.min(count, index.malformedChecked) : count)
    for (pass.slice(); !pass.done && inTime(); pass.slice()) await turn()
    if (this.runningViews.get(captureId) === run) this.runningViews.delete(captureId)
    return pass.result()
  }

  /** The packets (0-based positions) of a view, in its order. */
  viewPositions(captureId: number, viewId: number): Int32Array {
    const view = this.views.get(viewId)
    if (!view || view.captureId !== captureId) throw new ContractError('not-found', `View ${viewId} has expired; apply the filter again.`)
    return view.positions
  }

  viewFilter(viewId: number): string {
    return this.views.get(viewId)?.filter ?? ''
  }

  /** A page of the capture's exchanges: all, those with a problem, and/or those of one client (any of its names). */
  async transactions(captureId: number, offset: number, limit: number, problemsOnly: boolean, client?: ClientIdentity): Promise<TransactionPage> {
    const index = await this.index(captureId)
    const known = this.exchangesOf(captureId, index)
    const all = known.all
    if (!problemsOnly && !client) {
      const ids = Array.from({ length: Math.max(0, Math.min(limit, all.count - offset)) }, (_, k) => offset + k)
      return { captureId, offset, total: all.count, rows: ids.map((id) => describeExchange(index, all, id)) }
    }
    const ids = problemsOnly ? this.problems(index, known) : null
    const chosen = client ? this.ofClient(index, known, client, ids) : ids!
    const rows = Array.from(chosen.subarray(offset, offset + limit), (id) => describeExchange(index, all, id))
    return { captureId, offset, total: chosen.length, rows }
  }

  /** Ids of the exchanges that are not complete or had several servers answer, worked out once per grouping. */
  private problems(index: CaptureIndex, known: KnownExchanges): Int32Array {
    if (!known.problems) {
      const assessor = new Assessor(index)
      const problems: number[] = []
      for (let id = 0; id < known.all.count; id++) {
        const a = assessor.assess(known.all, id)
        if (a.status !== 'complete' || a.serverCount > 1) problems.push(id)
      }
      known.problems = Int32Array.from(problems)
    }
    return known.problems
  }

  /** The exchanges (among `among`, or all) of one client; each distinct client of the capture is named and tested once. */
  private ofClient(index: CaptureIndex, known: KnownExchanges, client: ClientIdentity, among: Int32Array | null): Int32Array {
    const key = `${client.mac}/${client.id}/${among ? 'problems' : 'all'}`
    if (known.ofClient?.key === key) return known.ofClient.ids
    const matches = clientMatcher(client)
    const tested = new Map<number, boolean>()
    const isClient = (id: number) => {
      const name = known.all.client[id]
      let yes = tested.get(name)
      if (yes === undefined) tested.set(name, (yes = matches(index.clientName(name))))
      return yes
    }
    const candidates = among ?? Int32Array.from({ length: known.all.count }, (_, id) => id)
    const ids = candidates.filter(isClient)
    known.ofClient = { key, ids }
    return ids
  }

  /** The statistics of the packets indexed so far, gathered in turns of the job. */
  async stats(captureId: number, job: Job): Promise<CaptureStats> {
    const index = await this.index(captureId)
    const count = index.count
    const known = this.exchangesOf(captureId, index, false)
    const { grouper } = known
    const grouping = new PacedBatch(STATS_MIN_BATCH, STATS_MAX_BATCH)
    while (grouper.grouped < count) {
      const before = grouper.grouped
      grouping.begin()
      grouper.update(Math.min(count, before + grouping.size))
      grouping.took(grouper.grouped - before)
      await job.turn(grouper.grouped)
    }
    // A complete capture's grouping is over: its tables are freed (the counts are the same either way).
    const exchanges = grouper.grouped === index.count && !this.loading.has(captureId) ? grouper.finish() : grouper.exchanges
    if (grouper.isFinished) known.count = index.count
    const builder = new StatisticsBuilder(index)
    const assessing = new PacedBatch(STATS_MIN_BATCH, STATS_MAX_BATCH)
    for (let id = 0, total = exchanges.count; id < total;) {
      const to = Math.min(total, id + assessing.size)
      assessing.begin()
      builder.addExchanges(exchanges, id, to)
      assessing.took(to - id)
      id = to
      await job.turn(count)
    }
    return builder.result()
  }

  /** The capture's exchanges, grouped up to its last packet unless `update` is false (the caller groups in turns). */
  private exchangesOf(captureId: number, index: CaptureIndex, update = true): KnownExchanges {
    let known = this.exchanges.get(captureId)
    if (!known || known.grouper.index !== index || (known.grouper.isFinished && known.count !== index.count)) {
      const grouper = new ExchangeGrouper(index)
      known = { grouper, count: -1, all: grouper.exchanges }
      this.exchanges.set(captureId, known)
    }
    if (update && known.count !== index.count) {
      known.all = this.settled(captureId, known.grouper)
      known.count = index.count
      known.problems = undefined
      known.ofClient = undefined
    }
    return known
  }

  /** The grouper's exchanges up to the index's last packet; finished (its tables freed) once the capture is complete. */
  private settled(captureId: number, grouper: ExchangeGrouper): Exchanges {
    return this.loading.has(captureId) ? grouper.update() : grouper.finish()
  }
}

function sorted(index: CaptureIndex, positions: Int32Array, sort: SortColumn, descending: boolean): Int32Array {
  const direction = descending ? -1 : 1
  if (sort === 'frame') return positions.slice().reverse()
  if (sort === 'time' || sort === 'length') {
    const key = sort === 'time' ? index.col.time : index.col.originalLength
    return positions.slice().sort((a, b) => direction * (key[a] - key[b] || a - b))
  }
  if (sort === 'info') return orderByInfo(index, positions, descending)
  return orderByKey(positions, textSortKey(index, sort), descending)
}

function notFound(message: string): never {
  throw new ContractError('not-found', message)
}
