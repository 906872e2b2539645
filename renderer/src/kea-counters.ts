// A server's counters as the Pools tab shows them: one row per message type with what was received and sent (a
// type Kea counts only one way shows a dash the other), the total first; drops and allocation failures each with
// what it means.
import type { KeaServerCounters } from '../../electron/contract/types'

export interface CounterRow {
  type: string
  received: number | null
  sent: number | null
}

export interface NamedCount {
  name: string
  count: number
  meaning: string
}

/** What Kea's drop and allocation-failure counters count (Kea's ARM, "Statistics" of each server). */
const meanings: Record<string, string> = {
  'receive-drop': 'packets dropped on receipt (not for this server, no subnet, a client it ignores, or a full queue)',
  'parse-failed': 'packets that could not be parsed',
  'allocation-fail': 'requests for which no address could be given (pools full, or none the client may use)',
  'allocation-fail-shared-network': 'no address in the client\'s shared network',
  'allocation-fail-subnet': 'no address in the client\'s subnet (outside a shared network)',
  'allocation-fail-no-pools': 'the client\'s subnet has no pools for it',
  'allocation-fail-classes': 'no pool the client\'s classes allow',
}

const meaningOf = (name: string) => meanings[name.replace(/^(pkt|v)[46]-/, '')] ?? 'counted by Kea under this name'

export function counterRows(counters: KeaServerCounters): CounterRow[] {
  const types = [...new Set([...Object.keys(counters.received), ...Object.keys(counters.sent)])]
    .sort((a, b) => (a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b)))
  return types.map((type) => ({ type: type === 'all' ? 'all packets' : type, received: counters.received[type] ?? null, sent: counters.sent[type] ?? null }))
}

export function namedCounts(record: Record<string, number>): NamedCount[] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => ({ name, count, meaning: meaningOf(name) }))
}
