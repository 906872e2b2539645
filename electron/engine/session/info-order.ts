// Sorting a million packets by Info with a string key each takes seconds and a hundred megabytes of keys. Messages
// of one kind differ only by transaction id (info-keys.ts): they sort as numbers, and each kind as one block among
// the others, when no other text falls between its first and last. Where texts would interleave, every packet gets
// its string key after all.
import type { CaptureIndex } from '../index/capture-index'
import { InfoKeys } from './info-keys'
import { decodedColumn } from './sort-keys'
import { orderByKey } from './text-order'

/** A run of packets in Info order whose keys lie in [first, last]. */
interface Block {
  first: string
  last: string
  positions: Int32Array
}

/** Positions ordered as orderByKey orders them by Info's key (equal keys in frame order; all reversed when descending). */
export function orderByInfo(index: CaptureIndex, positions: Int32Array, descending: boolean): Int32Array {
  const keys = new InfoKeys(index, decodedColumn(index, 'info'))
  const xid = index.col.xid
  const ofKind = new Map<number, number[]>()
  const others: number[] = []
  for (const p of positions) {
    const kind = keys.kindOf(p)
    if (kind < 0) others.push(p)
    else if (ofKind.has(kind)) ofKind.get(kind)!.push(p)
    else ofKind.set(kind, [p])
  }
  const blocks: Block[] = []
  for (const [kind, members] of ofKind) {
    const sorted = Int32Array.from(members).sort((a, b) => xid[a] - xid[b] || a - b)
    blocks.push({ first: keys.keyOfXid(kind, xid[sorted[0]]), last: keys.keyOfXid(kind, xid[sorted[sorted.length - 1]]), positions: sorted })
  }
  for (const p of others) {
    const key = keys.keyOf(p)
    blocks.push({ first: key, last: key, positions: Int32Array.of(p) })
  }
  blocks.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.positions[0] - b.positions[0]))
  const apart = blocks.every((block, k) => k === 0 || blocks[k - 1].last < block.first || singlesTied(blocks[k - 1], block))
  if (!apart) return orderByKey(positions, (p) => keys.keyOf(p), descending)
  const out = new Int32Array(positions.length)
  let at = 0
  for (const block of blocks) {
    out.set(block.positions, at)
    at += block.positions.length
  }
  return descending ? out.reverse() : out
}

/** Two single packets with equal keys: the blocks' sort put them in frame order, as orderByKey does. */
function singlesTied(a: Block, b: Block): boolean {
  return a.positions.length === 1 && b.positions.length === 1 && a.last === b.first
}
