// What the Kea view makes of the server counters (renderer/src/kea-counters.ts), from recorded Kea 2.6
// statistic-get-all answers, and of a session's status readings (renderer/src/kea-status-history.ts): the strip's
// cells and its sentence.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { KeaServiceStatus, KeaStatusSample } from '../../electron/contract/types'
import { readAnswer } from '../../electron/engine/kea/kea-client'
import { serverCounters } from '../../electron/engine/kea/pool-stats'
import { counterRows, namedCounts } from '../../renderer/src/kea-counters'
import { statusStrip, stripSummary } from '../../renderer/src/kea-status-history'

const recorded = (name: string) => readAnswer(readFileSync(new URL(`../fixtures/kea/${name}`, import.meta.url), 'utf8'), 'https://kea.example:8000/', 'statistic-get-all').arguments as Record<string, unknown>

describe('server counters in the UI', () => {
  it('puts received and sent side by side per message type, all packets first', () => {
    const dhcp4 = serverCounters('dhcp4', recorded('kea-2.6-dhcp4-statistic-get-all.json'))
    expect(counterRows(dhcp4)).toEqual([
      { type: 'all packets', received: 1200, sent: 1150 },
      { type: 'ack', received: null, sent: 760 },
      { type: 'discover', received: 400, sent: null },
      { type: 'nak', received: null, sent: 10 },
      { type: 'offer', received: null, sent: 380 },
      { type: 'release', received: 10, sent: null },
      { type: 'request', received: 790, sent: null },
    ])
  })

  it('says what each drop and allocation failure counts, for both families', () => {
    const dhcp4 = serverCounters('dhcp4', recorded('kea-2.6-dhcp4-statistic-get-all.json'))
    expect(namedCounts(dhcp4.dropped)).toEqual([
      { name: 'pkt4-parse-failed', count: 2, meaning: 'packets that could not be parsed' },
      { name: 'pkt4-receive-drop', count: 50, meaning: 'packets dropped on receipt (not for this server, no subnet, a client it ignores, or a full queue)' },
    ])
    expect(namedCounts(dhcp4.allocationFailures).map((c) => [c.name, c.count, c.meaning])).toEqual([
      ['v4-allocation-fail', 20, 'requests for which no address could be given (pools full, or none the client may use)'],
      ['v4-allocation-fail-subnet', 20, 'no address in the client\'s subnet (outside a shared network)'],
    ])
    const dhcp6 = serverCounters('dhcp6', recorded('kea-2.6-dhcp6-statistic-get-all.json'))
    expect(namedCounts(dhcp6.allocationFailures)).toEqual([{ name: 'v6-allocation-fail', count: 3, meaning: 'requests for which no address could be given (pools full, or none the client may use)' }])
    expect(namedCounts({ 'v4-allocation-fail-something-new': 1 })[0].meaning).toBe('counted by Kea under this name')
  })
})

describe('the status history strip', () => {
  const reading = (minute: number, up: boolean, pid: number | null): KeaStatusSample => ({
    at: new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString(),
    status: { service: 'dhcp4', up, pid, problem: up ? null : 'connection refused', version: '2.2.0' } as KeaServiceStatus,
  })

  it('marks each reading up, down or restarted (another pid), and sums the span up', () => {
    const cells = statusStrip([reading(0, true, 10), reading(1, true, 10), reading(2, false, null), reading(3, false, null), reading(4, true, 11), reading(5, true, 12)])
    expect(cells.map((c) => c.state)).toEqual(['up', 'up', 'down', 'down', 'restart', 'restart'])
    expect(cells[2].title).toMatch(/: down \(connection refused\)$/)
    expect(cells[4].title).toMatch(/: restarted, pid 11, Kea 2\.2\.0$/)
    expect(stripSummary(cells)).toMatch(/^6 readings from .+ to .+: down once, restarted twice\.$/)
    expect(stripSummary(statusStrip([reading(0, true, 10)]))).toMatch(/^1 reading from .+: up throughout\.$/)
    const inHa = reading(6, true, 12)
    inHa.status = { ...inHa.status, ha: [{ mode: 'hot-standby', localRole: 'primary', localState: 'partner-down', partnerName: 'kea2', partnerRole: 'standby', partnerState: 'unavailable', inTouch: false, communicationInterrupted: true }] }
    expect(statusStrip([inHa])[0].title).toMatch(/, HA partner-down \(partner unavailable\)$/)
    expect(stripSummary([])).toBe('No readings kept yet.')
  })
})
