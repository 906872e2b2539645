// Items from every source (one client's, or a whole case's) in one time order and within a bound: each source hands
// its newest items (up to the limit) and how many it had; the merge keeps the newest `limit` of them, oldest first.
import type { ClientTimelineItem } from '../../contract/types'

export interface SourceItems<T extends TimedItem = ClientTimelineItem> {
  items: T[]
  /** Items the source found, those it left out included. */
  total: number
}

/** What the merge places: a time, and a kind that orders items of one instant. */
export interface TimedItem {
  time: string
  kind: string
}

export interface MergedItems<T> {
  items: T[]
  total: number
  omitted: number
}

/** Within one instant, the order things happen in: a run sends, the packets go, the server logs, the lease is written. */
const KIND_ORDER: Record<ClientTimelineItem['kind'], number> & Record<string, number | undefined> = { run: 0, transaction: 1, log: 2, lease: 3 }

function millis(item: { time: string }): number {
  const ms = Date.parse(item.time)
  // An item without a time cannot be placed: it goes first, where a reader sees it is not in order.
  return Number.isNaN(ms) ? -Infinity : ms
}

/** `rank` orders items of one instant (lower first): a client's items by KIND_ORDER unless given. */
export function mergeTimeline<T extends TimedItem = ClientTimelineItem>(sources: SourceItems<T>[], limit: number, rank: (item: T) => number = (item) => KIND_ORDER[item.kind] ?? 0): MergedItems<T> {
  const all = sources.flatMap((s) => s.items).map((item, order) => ({ item, ms: millis(item), order }))
  all.sort((a, b) => a.ms - b.ms || rank(a.item) - rank(b.item) || a.order - b.order)
  const kept = all.slice(Math.max(0, all.length - limit)).map((entry) => entry.item)
  const total = sources.reduce((n, s) => n + Math.max(s.total, s.items.length), 0)
  return { items: kept, total, omitted: total - kept.length }
}

/** The last `limit` of what `matches` picks among `count` things (in their order), and how many it picked. */
export function lastMatches(count: number, matches: (i: number) => boolean, limit: number): { positions: number[]; total: number } {
  const positions: number[] = []
  let total = 0
  for (let i = count - 1; i >= 0; i--) {
    if (!matches(i)) continue
    total++
    if (positions.length < limit) positions.push(i)
  }
  return { positions: positions.reverse(), total }
}
