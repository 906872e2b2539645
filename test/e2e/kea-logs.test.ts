// The Logs view in Chromium against the real `fieldkit serve`: a capture of a DORA opened, the server's log pasted
// (written for that capture: its xids, 1.5 s of clock skew, and a spike of ALLOC_FAIL warnings), filtered by
// severity, narrowed on the timeline, and the jump both ways between a log line and its packet; then the lab's
// loggers read into the configuration builder, a recipe added, and Apply asking first (cancelled: the lab is shared).
import type { Page } from 'playwright-core'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { labUnavailable } from '../helpers/lab'

const unavailable = browserAppUnavailable()
const corpusDir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url))
/** charrua__dhcp2.pcap: DISCOVER/OFFER with xid 0x3d1d, REQUEST/ACK with xid 0x3d1e, client 00:0b:82:01:fc:42. */
const PACKETS = [
  { frame: 1, at: 1102274184.317453, type: 'DHCPDISCOVER', xid: 0x3d1d }, { frame: 2, at: 1102274184.317748, type: 'DHCPOFFER', xid: 0x3d1d },
  { frame: 3, at: 1102274184.387484, type: 'DHCPREQUEST', xid: 0x3d1e }, { frame: 4, at: 1102274184.387798, type: 'DHCPACK', xid: 0x3d1e },
]
const SKEW_MS = 1500
const MAC = '00:0b:82:01:fc:42'

/** Kea's default pattern writes the server's local time; the server here is the test's machine, in the same zone. */
function stamp(ms: number): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`
}

function serverLog(): string {
  const lines: string[] = []
  const line = (ms: number, severity: string, logger: string, text: string) => lines.push(`${stamp(ms)} ${severity.padEnd(5)} [kea-dhcp4.${logger}/812.139872400578240] ${text}`)
  const start = PACKETS[0].at * 1000 - 60_000
  for (let k = 0; k < 40; k++) line(start + k * 1000, 'INFO', 'commands', 'COMMAND_RECEIVED Received command \'statistic-get-all\'')
  // Thirty seconds before the DORA, the pool ran dry for other clients: a spike of warnings.
  for (let k = 0; k < 25; k++) line(start + 30_000 + k * 40, 'WARN', 'alloc-engine', `ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET [hwtype=1 02:00:5e:50:00:${(k + 16).toString(16)}], cid=[no info], tid=0x${(0xa000 + k).toString(16)}: failed to allocate an IPv4 lease in the subnet 192.168.0.0/24, subnet-id 1, shared network (none)`)
  // A message Field Kit has no explanation for: its detail gives the facts and points to Kea's manual.
  line(start + 45_000, 'DEBUG', 'packets', 'DHCP4_BUFFER_UNPACK parsing buffer received from 0.0.0.0 to 255.255.255.255 over interface eth0')
  for (const p of PACKETS) {
    const at = p.at * 1000 + SKEW_MS
    const client = `[hwtype=1 ${MAC}], cid=[01:${MAC}], tid=0x${p.xid.toString(16)}`
    if (p.type === 'DHCPDISCOVER' || p.type === 'DHCPREQUEST') line(at, 'INFO', 'packets', `DHCP4_PACKET_RECEIVED ${client}: ${p.type} (type ${p.type === 'DHCPDISCOVER' ? 1 : 3}) received from 0.0.0.0 to 255.255.255.255 on interface eth0`)
    else line(at, 'INFO', 'packets', `DHCP4_PACKET_SEND ${client}: trying to send packet ${p.type} (type ${p.type === 'DHCPOFFER' ? 2 : 5}) from 192.168.0.1:67 to 192.168.0.10:68 on interface eth0`)
    if (p.type === 'DHCPOFFER') line(at, 'INFO', 'leases', `DHCP4_LEASE_OFFER ${client}: lease 192.168.0.10 will be offered`)
    if (p.type === 'DHCPACK') line(at, 'INFO', 'leases', `DHCP4_LEASE_ALLOC ${client}: lease 192.168.0.10 has been allocated for 3600 seconds`)
  }
  return `${lines.join('\n')}\n`
}

let opened: AppPage | undefined
let page: Page
let errors: string[] = []

const count = async () => Number((await page.getByTestId('log-count').textContent())!.replace(/\D/g, ''))

describe.skipIf(unavailable !== null)(`Logs view in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage()
    ;({ page, errors } = opened)
    await page.goto(opened.app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByTestId('file-input').setInputFiles(`${corpusDir}charrua__dhcp2.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '4 packets' }).waitFor()
  })
  afterAll(async () => {
    await opened?.close()
  })

  it('reads pasted log text and filters it by severity, with counts per message id', async () => {
    await page.getByRole('button', { name: 'Logs', exact: true }).click()
    await page.getByTestId('log-paste-toggle').click()
    await page.getByTestId('log-paste').fill(serverLog())
    await page.getByTestId('log-paste-open').click()
    await expect.poll(count).toBe(72)
    expect(await page.getByTestId('log-status').textContent()).toMatch(/done · 72 lines · kea/)
    expect(await page.getByTestId('log-messages').textContent()).toMatch(/COMMAND_RECEIVED\s*40.*ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET\s*25/s)
    await page.getByTestId('log-sev-WARN').check()
    await page.getByTestId('log-apply').click()
    await expect.poll(count).toBe(25)
    expect(await page.locator('.log-row.sev-WARN').count()).toBeGreaterThan(5)
    await page.locator('.log-row.sev-WARN').first().click()
    await expect.poll(() => page.getByTestId('log-meaning').textContent()).toMatch(/What to do: The subnet's pools are exhausted/)
    await page.screenshot({ path: `${artifactsDir}logs-filter.png` })
    await page.getByTestId('log-sev-WARN').uncheck()
    await page.getByTestId('log-apply').click()
    await expect.poll(count).toBe(72)
    await page.getByTestId('log-message-id').fill('DHCP4_BUFFER_UNPACK')
    await page.getByTestId('log-apply').click()
    await expect.poll(count).toBe(1)
    await page.locator('.log-row', { hasText: 'DHCP4_BUFFER_UNPACK' }).click()
    const unexplained = page.getByTestId('log-meaning')
    await expect.poll(() => unexplained.textContent()).toMatch(/DEBUG \(debug level 50\)\. Field Kit has no explanation of DHCP4_BUFFER_UNPACK yet/)
    expect(await unexplained.textContent()).not.toMatch(/What to do/)
    await page.screenshot({ path: `${artifactsDir}logs-unexplained.png` })
    await page.getByTestId('log-message-id').fill('')
    await page.getByTestId('log-apply').click()
    await expect.poll(count).toBe(72)
  })

  it('draws lines per second by severity, and a drag across the timeline narrows to that time range', async () => {
    const timeline = page.getByTestId('log-timeline')
    await timeline.locator('canvas').waitFor()
    const box = (await timeline.locator('.u-over').boundingBox())!
    await page.screenshot({ path: `${artifactsDir}logs-timeline.png` })
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    await expect.poll(count).toBeLessThan(72)
    const narrowed = await count()
    expect(narrowed).toBeGreaterThan(0)
    await page.getByRole('button', { name: 'Clear' }).click()
    await expect.poll(count).toBe(72)
  })

  it('jumps from a log line to its packet, and from a transaction to its log lines, with the clock skew', async () => {
    await page.getByTestId('log-xid').fill('0x3d1d')
    await page.getByTestId('log-apply').click()
    await expect.poll(count).toBe(3)
    await page.locator('.log-row', { hasText: 'DHCP4_PACKET_RECEIVED' }).click()
    const packets = page.getByTestId('log-packets')
    await packets.locator('[data-packet-frame="1"]').waitFor()
    expect(await packets.locator('[data-packet-frame]').count()).toBe(1)
    expect(await page.getByTestId('log-skew').textContent()).toMatch(/≈ (149\d|150\d) ms/)
    await page.screenshot({ path: `${artifactsDir}logs-line-packets.png` })
    await packets.locator('[data-packet-frame="1"]').click()
    await page.locator('.row.selected[data-frame="1"]').waitFor()

    await page.getByTestId('tab-transactions').click()
    await page.locator('.t-row', { hasText: '0x00003d1e' }).click()
    const linked = page.getByTestId('transaction-logs')
    await linked.getByText('DHCP4_LEASE_ALLOC').waitFor()
    expect(await linked.locator('li').count()).toBe(3)
    expect(await linked.textContent()).toMatch(/frame 4/)
    await page.screenshot({ path: `${artifactsDir}logs-transaction-lines.png` })
    await linked.getByText('DHCP4_LEASE_ALLOC').click()
    await expect.poll(() => page.getByTestId('log-detail').textContent()).toMatch(/DHCP4_LEASE_ALLOC.*has been allocated for 3600 seconds/s)
    await expect.poll(count).toBe(3)
    expect(await page.locator('.log-row.selected').textContent()).toContain('DHCP4_LEASE_ALLOC')
    await page.screenshot({ path: `${artifactsDir}logs-correlation.png` })
    expect(errors).toEqual([])
  })
})

const noLab = labUnavailable() ?? unavailable
describe.skipIf(noLab !== null)(`Logging configuration in Chromium${noLab ? ` (skipped: ${noLab})` : ''}`, () => {
  let lab: AppPage | undefined
  afterAll(async () => {
    await lab?.close()
  })

  it('reads the lab\'s loggers, adds the packets recipe with its advice, and asks before applying (cancelled here)', async () => {
    lab = await openAppPage({ lab: true })
    const { page } = lab
    await page.goto(lab.app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Logs', exact: true }).click()
    await page.getByTestId('loggers-toggle').click()
    await page.getByTestId('loggers-profile').selectOption('lab')
    await page.getByTestId('loggers-load').click()
    const json = page.getByTestId('loggers-json')
    await expect.poll(() => json.textContent()).toMatch(/"name": "kea-dhcp4",\s*"output_options"/)
    await page.locator('[data-recipe="packets"]').click()
    await expect.poll(() => json.textContent()).toMatch(/"name": "kea-dhcp4.packets"[\s\S]*"debuglevel": 55/)
    expect(await page.getByTestId('loggers-advice').textContent()).toMatch(/DEBUG 55 on kea-dhcp4.packets writes a line or more per packet/)
    await page.getByTestId('loggers-apply').click()
    await page.getByTestId('loggers-confirm').waitFor()
    await page.screenshot({ path: `${artifactsDir}logs-loggers-builder.png` })
    await page.getByTestId('loggers-confirm').getByRole('button', { name: 'Cancel' }).click()
    expect(await page.getByTestId('loggers-confirm').count()).toBe(0)
    expect(lab.errors).toEqual([])
  })
})
