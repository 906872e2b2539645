// `stats FILE [--json]`: tshark's `-q -z dhcp,stat` table, then what it lacks: DHCPv6 types, exchanges, reply
// latency percentiles per step and the servers seen.
import type { CaptureStats } from '../contract/types'
import type { PartWorker } from '../engine/index/part-worker'
import { indexSummariesInParallel } from '../engine/index/split-index'
import { captureStats } from '../engine/index/statistics'
import { ExchangeGrouper } from '../engine/transactions/exchanges'

/** tshark's labels for DHCPv4 types 1–18, so the first table reads like its output. */
const TSHARK_LABELS = [
  'Discover', 'Offer', 'Request', 'Decline', 'ACK', 'NAK', 'Release', 'Inform', 'Force Renew', 'Lease query',
  'Lease Unassigned', 'Lease Unknown', 'Lease Active', 'Bulk Lease Query', 'Lease Query Done', 'Active LeaseQuery',
  'Lease Query Status', 'TLS',
]
const RULE = '='.repeat(101)

/** `second`: a worker started ahead for the file (startPartWorkerFor), which reads its second part. */
export async function statsCommand(path: string, json: boolean, second: PartWorker | null): Promise<{ output: string; problem: string | null }> {
  // Packets are grouped as they come in, while the file's second part is still being read.
  let grouper: ExchangeGrouper | null = null
  const { index, problem } = await indexSummariesInParallel(path, second, (grown, expected) => {
    grouper ??= new ExchangeGrouper(grown, expected)
    grouper.update()
  })
  const stats = captureStats(index, (grouper ?? new ExchangeGrouper(index)).update())
  return { output: json ? JSON.stringify(stats) + '\n' : formatStats(stats), problem }
}

function formatStats(s: CaptureStats): string {
  const lines = ['', RULE, 'DHCP (BOOTP) Statistics:', 'Filter for statistics: ', 'DHCP Message Type |Packets |', 'DHCP Statistics']
  s.dhcp4Types.forEach((t, k) => lines.push(`${TSHARK_LABELS[k].padEnd(26)}|${t.packets} |`))
  lines.push(RULE, '')
  lines.push(`Packets: ${s.packets} (DHCPv4 ${s.dhcp4Packets}, DHCPv6 ${s.dhcp6Packets})`)
  if (s.dhcp6Types.length) {
    lines.push('', 'DHCPv6 Message Type       |Packets |')
    for (const t of s.dhcp6Types) lines.push(`${t.type.padEnd(26)}|${t.packets} |`)
  }
  const t = s.transactions
  lines.push('', `Transactions: ${t.total} (complete ${t.complete}, incomplete ${t.incomplete}, NAK ${t.nak}, failed ${t.failed}, answered by more than one server ${t.multipleServers})`)
  if (s.latency.length) {
    lines.push('', `${'Reply latency (ms)'.padEnd(26)}${['count', 'p50', 'p90', 'p99', 'max'].map((h) => h.padStart(10)).join('')}`)
    for (const l of s.latency) lines.push(`${l.step.padEnd(26)}${[l.count, l.p50, l.p90, l.p99, l.max].map((v) => String(v).padStart(10)).join('')}`)
  }
  if (s.servers.length) {
    lines.push('', 'Servers seen:')
    for (const server of s.servers) lines.push(`  DHCPv${server.family} ${server.server}: ${server.replies} replies to ${server.clients} client${server.clients === 1 ? '' : 's'}`)
  }
  return lines.join('\n') + '\n'
}
