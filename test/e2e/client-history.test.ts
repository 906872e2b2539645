// One client's history in Chromium on real parts: a dhclient DORA of the test's own MAC captured on the lab bridge
// (dumpcap) and opened, the lab's kea-dhcp4 log and memfile opened in their views. From the lease: its transactions
// and its log lines; its Client history shows its packets, its Kea log lines and its lease in time order, and each
// item opens where it is (the log line, the packet, the lease), the panel reached again from a log line's MAC.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lab } from '../../electron/lab/topology'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { labUnavailable } from '../helpers/lab'
import { macDora } from '../helpers/mac-dora'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable() ?? browserAppUnavailable()
/** This test's client (the range 02:00:5e:70:00:00-ff is this feature's). */
const MAC = '02:00:5e:70:00:20'
/** Another client in the same capture, whose exchanges the client's views leave out. */
const OTHER = '02:00:5e:70:00:21'

/** dumpcap on the lab bridge around DORAs of MAC and OTHER: the capture file. */
async function captureDora(dir: string): Promise<string> {
  const file = join(dir, 'dora.pcapng')
  const dumpcap = spawn('dumpcap', ['-q', '-i', lab.captureInterface, '-f', 'udp port 67 or udp port 68', '-w', file], { stdio: ['ignore', 'ignore', 'pipe'] })
  let said = ''
  dumpcap.stderr!.on('data', (chunk) => (said += chunk))
  for (let tries = 0; tries < 100 && !said.includes('File:'); tries++) await sleep(100)
  try {
    await macDora(dir, OTHER)
    await macDora(dir, MAC)
    await sleep(500)
  } finally {
    dumpcap.kill('SIGINT')
    await once(dumpcap, 'exit')
  }
  return file
}

let opened: AppPage | undefined
let page: Page
const history = () => page.getByTestId('client-history')
const rowsOf = (kind: string) => history().locator(`[data-item-kind="${kind}"]`)

describe.skipIf(unavailable !== null)(`Client history in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    page = opened.page
    const capture = await captureDora(tempDir('client-history-e2e'))
    await page.goto(opened.app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByTestId('file-input').setInputFiles(capture)
    await page.getByTestId('capture-title').filter({ hasText: /\d+ packets/ }).waitFor()
    await page.getByTestId('tab-transactions').click()
    await page.locator('.t-row[data-transaction]', { hasText: OTHER }).first().waitFor()

    await page.getByRole('button', { name: 'Logs', exact: true }).click()
    const found = page.locator('[data-testid="log-found"] option', { hasText: `${join(lab.dir, 'kea-dhcp4.log')} (` }).first()
    await page.getByTestId('log-found').selectOption((await found.getAttribute('value'))!)
    await page.getByTestId('log-open-found').click()
    await page.getByTestId('log-status').filter({ hasText: /done · / }).waitFor()

    await page.getByRole('button', { name: 'Leases', exact: true }).click()
    await page.getByTestId('lease-open-memfile-kea-leases4.csv').click()
    await page.getByTestId('lease-search').fill(MAC)
    await page.getByTestId('lease-search').press('Enter')
    await page.locator('[data-testid="lease-row"][data-address]').first().click()
    await page.getByTestId('lease-detail').filter({ hasText: MAC }).waitFor()
  }, 120_000)
  afterAll(async () => {
    await opened?.close()
  })

  it('from the lease, lists its transactions and its Kea log lines', async () => {
    await page.getByTestId('lease-transactions').click()
    await page.getByTestId('transaction-client').filter({ hasText: MAC }).waitFor()
    const rows = page.locator('.t-row[data-transaction]')
    await rows.first().waitFor()
    expect(await page.locator('.t-row[data-transaction] .t-client').allTextContents()).toEqual(expect.arrayContaining([MAC]))
    expect(new Set(await page.locator('.t-row[data-transaction] .t-client').allTextContents())).toEqual(new Set([MAC]))
    expect(await page.locator('.t-row[data-transaction]', { hasText: 'DORA' }).count()).toBeGreaterThan(0)
    expect(await page.locator('.t-row[data-transaction]', { hasText: OTHER }).count()).toBe(0)
    await page.screenshot({ path: `${artifactsDir}client-transactions.png` })

    await page.getByRole('button', { name: 'Leases', exact: true }).click()
    await page.getByTestId('lease-log-lines').click()
    await expect.poll(() => page.getByTestId('log-mac').inputValue()).toBe(MAC)
    await page.locator('.log-row', { hasText: 'DHCP4_LEASE_ALLOC' }).first().waitFor()
    // Once the filtered view is in, every line is this client's.
    await expect.poll(async () => {
      const lines = await page.locator('.log-row[data-log-index]').allTextContents()
      return lines.length > 0 && lines.every((line) => line.includes(MAC))
    }).toBe(true)
  })

  it('shows its packets, log lines and lease in time order, and each opens where it is', async () => {
    await page.getByRole('button', { name: 'Leases', exact: true }).click()
    await page.getByTestId('lease-client-history').click()
    await rowsOf('lease').first().waitFor()
    const kinds = await history().locator('[data-item-kind]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item-kind')))
    const times = await history().locator('[data-item-kind] td:first-child').allTextContents()
    expect(times).toEqual([...times].sort())
    // The DORA's packets come before what Kea logged of it, and the lease (as Kea last wrote it) after both.
    const dora = history().locator('[data-item-kind="transaction"]', { hasText: 'DORA' }).last()
    const doraAt = kinds.length - 1 - [...kinds].reverse().indexOf('transaction')
    expect(kinds.lastIndexOf('log')).toBeGreaterThan(doraAt)
    expect(kinds.at(-1)).toBe('lease')
    expect(await dora.textContent()).toMatch(/DISCOVER \(\d+\).*OFFER \(\d+\).*REQUEST \(\d+\).*ACK \(\d+\)/)
    expect(await rowsOf('log').last().textContent()).toMatch(/DHCP4_LEASE_ALLOC \[hwtype=1 02:00:5e:70:00:20\]/)
    expect(await history().textContent()).not.toContain(OTHER)
    await page.screenshot({ path: `${artifactsDir}client-history.png` })

    // A log line opens in the Logs view, chosen.
    const alloc = rowsOf('log').filter({ hasText: 'DHCP4_LEASE_ALLOC' }).last()
    const lineText = (await alloc.locator('td').last().textContent())!.trim()
    await alloc.locator('[data-jump="log"]').click()
    await expect.poll(() => page.getByTestId('log-detail').textContent()).toContain(lineText)
    expect(await page.locator('.log-row.selected').textContent()).toContain('DHCP4_LEASE_ALLOC')
    expect(await history().count()).toBe(0)

    // From that line's MAC, the history again; the DORA's ACK opens its packet.
    await page.getByTestId('log-client-history').click()
    await rowsOf('transaction').first().waitFor()
    const ack = history().locator('[data-item-kind="transaction"]', { hasText: 'DORA' }).last().locator('button', { hasText: /^ACK/ })
    const frame = await ack.getAttribute('data-frame')
    await ack.click()
    await page.locator(`.row.selected[data-frame="${frame}"]`).waitFor()
    await expect.poll(() => page.getByTestId('field-tree').textContent()).toContain(MAC)
    await page.screenshot({ path: `${artifactsDir}client-history-packet.png` })

    // From the transaction's client, the history again; its lease opens in the Leases view, chosen.
    await page.getByTestId('tab-transactions').click()
    await page.locator('.t-row[data-transaction]', { hasText: MAC }).last().click()
    await page.getByTestId('transaction-client-history').click()
    const lease = rowsOf('lease').last()
    const address = (await lease.textContent())!.match(/192\.0\.2\.\d+/)![0]
    await lease.locator('[data-jump="lease"]').click()
    await page.getByTestId('lease-detail').filter({ hasText: address }).waitFor()
    expect(await page.getByTestId('lease-detail').textContent()).toContain(MAC)
    expect(opened!.errors).toEqual([])
  })
})
