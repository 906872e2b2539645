// A live capture as a technician runs one, in Chromium against the real `fieldkit serve` and the Kea lab: the
// Capture panel, the lab's bridge picked, dhclient's DORA arriving as rows and as a transaction, Stop, Save, and a
// ring buffer followed from part to part.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lab } from '../../electron/lab/topology'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { labDora, labUnavailable } from '../helpers/lab'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable() ?? browserAppUnavailable()
const work = tempDir('fieldkit-live-e2e')

let opened: AppPage | undefined
let app: AppPage['app']
let page: Page
let errors: string[] = []

const dora = () => labDora(work, 'dhclient')

describe.skipIf(unavailable !== null)(`live capture in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    ;({ app, page, errors } = opened)
  })
  afterAll(async () => {
    await opened?.close()
  })

  it('offers the lab\'s bridge, the backends and the default filter in the Capture panel', async () => {
    await page.goto(app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByTestId('open-capture-panel').click()
    const panel = page.getByTestId('capture-panel')
    const bridge = panel.locator(`[data-iface="${lab.captureInterface}"]`)
    await bridge.waitFor()
    expect(await bridge.textContent()).toContain('Kea lab')
    expect(await bridge.locator('.iface-state').textContent()).toBe('up')
    // The lab's interface is the one picked when the lab is up.
    expect(await bridge.locator('input').isChecked()).toBe(true)
    expect(await panel.getByTestId('capture-filter').inputValue()).toMatch(/udp port 67/)
    // As root every backend may capture; the one checked is usable.
    expect(await panel.locator('[data-backend] input:checked').isEnabled()).toBe(true)
    await page.screenshot({ path: `${artifactsDir}live-capture-panel.png` })
  })

  it('captures dhclient\'s DORA live: rows and the transaction appear while capturing', async () => {
    await page.getByTestId('capture-start').click()
    const live = page.getByTestId('live-capture')
    await live.and(page.locator('[data-status="capturing"]')).waitFor()
    await page.getByTestId('capture-title').filter({ hasText: 'capturing…' }).waitFor()
    expect(await page.getByTestId('follow-tail').getAttribute('aria-pressed')).toBe('true')

    // The capture is listening once the capturing side first reports its counters (the helper does every second).
    const received = page.getByTestId('capture-counters').locator('[data-counter="received"]')
    await received.waitFor({ timeout: 10000 })
    await dora()
    // dhclient's DISCOVER, Kea's OFFER, the REQUEST and the ACK arrive while the capture runs.
    const ack = page.locator('.row', { has: page.locator('.c-info', { hasText: /^DHCP Ack/ }) })
    await ack.first().waitFor({ timeout: 15000 })
    for (const type of ['Discover', 'Offer', 'Request']) {
      expect(await page.locator('.row .c-info', { hasText: new RegExp(`^DHCP ${type}`) }).count()).toBeGreaterThanOrEqual(1)
    }
    expect(await page.getByTestId('live-state').textContent()).toBe('Capturing')
    await expect.poll(() => received.textContent()).toMatch(/Received [1-9]/)
    await page.screenshot({ path: `${artifactsDir}live-capture-packets.png` })

    await page.getByTestId('tab-transactions').click()
    const transaction = page.locator('.t-row[data-transaction]', { hasText: 'DORA' }).first()
    await transaction.waitFor({ timeout: 10000 })
    await expect.poll(() => transaction.locator('.t-status').textContent()).toMatch(/^complete/)
    await transaction.click()
    const detail = page.getByTestId('transaction-detail')
    await detail.getByText(lab.serverAddress).first().waitFor()
    expect(await live.getAttribute('data-status')).toBe('capturing')
    await page.screenshot({ path: `${artifactsDir}live-capture-transaction.png` })
  })

  it('stops, keeps the packets and their counters, and saves them', async () => {
    await page.getByTestId('capture-stop').click()
    const live = page.getByTestId('live-capture')
    await live.and(page.locator('[data-status="ready"]')).waitFor()
    expect(await page.getByTestId('live-state').textContent()).toBe('Stopped')
    expect(await page.getByTestId('capture-counters').textContent()).toMatch(/Dropped by kernel 0/)
    const title = (await page.getByTestId('capture-title').textContent())!
    const packets = Number(/([\d,]+) packets/.exec(title)![1].replace(/,/g, ''))
    expect(packets).toBeGreaterThanOrEqual(4)

    await page.getByTestId('tab-packets').click()
    await page.getByTestId('save-capture').click()
    const saved = page.getByRole('alert').filter({ hasText: /^Saved / })
    await saved.waitFor()
    expect(await saved.textContent()).toContain(`Saved ${packets.toLocaleString('en-US')} packet`)
    const exports = join(app.dataDir, 'exports')
    await expect.poll(() => existsSync(exports) && readdirSync(exports).filter((f) => f.endsWith('.pcapng')).length).toBe(1)
    const file = join(exports, readdirSync(exports).find((f) => f.endsWith('.pcapng'))!)
    expect(statSync(file).size).toBeGreaterThan(0)
    await page.screenshot({ path: `${artifactsDir}live-capture-saved.png` })
  })

  it('restarts with the same settings into the same session', async () => {
    const session = await page.getByTestId('session-name').textContent()
    const before = await page.getByTestId('capture-title').textContent()
    await page.getByTestId('capture-restart').click()
    await page.getByTestId('live-capture').and(page.locator('[data-status="capturing"]')).waitFor()
    expect(await page.getByTestId('capture-title').textContent()).not.toBe(before)
    expect(await page.getByTestId('session-name').textContent()).toBe(session)
    await page.getByTestId('capture-stop').click()
    await page.getByTestId('live-capture').and(page.locator('[data-status="ready"]')).waitFor()
  })

  it('shows libpcap\'s message when the capture filter is wrong', async () => {
    await page.getByTestId('open-capture-panel').click()
    await page.getByTestId('capture-filter').fill('udp port 67 or')
    await page.getByTestId('capture-start').click()
    const failed = page.getByRole('alert').filter({ hasText: /syntax error/ })
    await failed.waitFor()
    expect(await page.getByTestId('live-state').textContent()).toBe('Failed')
    await page.screenshot({ path: `${artifactsDir}live-capture-bad-filter.png` })
    // The wrong filter is kept among the recent ones (to mend it), next to the default.
    await page.getByTestId('open-capture-panel').click()
    expect(await page.getByTestId('recent-filters').locator('option').allTextContents()).toEqual(expect.arrayContaining(['udp port 67 or']))
    await page.getByRole('button', { name: 'Cancel' }).click()
    expect(errors).toEqual([])
  })

  it('follows a ring buffer into its newest part, and keeps only the last parts in the session', async () => {
    const alert = page.getByRole('alert')
    if (await alert.count()) await alert.getByRole('button', { name: 'Dismiss' }).click()
    await page.getByTestId('open-capture-panel').click()
    const panel = page.getByTestId('capture-panel')
    await panel.getByRole('button', { name: 'Default' }).click()
    await panel.getByTestId('ring-files').fill('2')
    expect(await panel.getByTestId('ring-problem').textContent()).toMatch(/holds 1 to/)
    expect(await panel.getByTestId('capture-start').isDisabled()).toBe(true)
    await panel.getByTestId('ring-megabytes').fill('1')
    await page.getByTestId('capture-start').click()
    const live = page.getByTestId('live-capture')
    await live.and(page.locator('[data-status="capturing"]')).waitFor()
    const ring = page.getByTestId('ring-part')
    expect(await ring.textContent()).toBe('part 1 (ring of 2 × 1 MB)')

    // perfdhcp's DORAs at a few thousand a second: a part of 1 MB fills in about a second.
    const perfdhcp = promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-l', lab.clientInterface, '-r', '3000', '-p', '5', lab.serverAddress], { timeout: 30000 })
      .catch(() => undefined)
    const part = async () => Number(/^part (\d+)/.exec((await ring.textContent()) ?? '')?.[1] ?? 0)
    await expect.poll(part, { timeout: 20000 }).toBeGreaterThanOrEqual(3)
    await perfdhcp
    // The last answers and what the pipeline still holds may fill one more part: wait until no part fills for 1.5 s.
    let newest = await part()
    await expect.poll(async () => {
      const before = newest
      await new Promise((settle) => setTimeout(settle, 1500))
      newest = await part()
      return newest === before
    }, { timeout: 20000 }).toBe(true)
    // Still following: the view is on the part being written, not on the one that filled.
    expect(await live.getAttribute('data-status')).toBe('capturing')
    expect(await page.getByTestId('capture-title').textContent()).toContain(`part ${newest} ·`)
    expect(await page.getByTestId('follow-tail').getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => page.locator('.row .c-info', { hasText: /^DHCP / }).count()).toBeGreaterThan(0)

    await page.getByTestId('capture-stop').click()
    await live.and(page.locator('[data-status="ready"]')).waitFor()
    expect(await part()).toBe(newest)
    // A part that filled up is no capture that stopped: nothing was said.
    expect(await alert.count()).toBe(0)
    await page.screenshot({ path: `${artifactsDir}live-capture-ring.png` })

    // The ring kept its last 2 parts: the older ones are gone from the session.
    await page.getByRole('button', { name: /^Sessions/ }).click()
    const parts = page.locator('.session-detail li', { hasText: / part \d+ ·/ })
    await expect.poll(() => parts.count()).toBe(2)
    expect(await parts.locator('button').allTextContents()).toEqual([expect.stringMatching(new RegExp(` part ${newest - 1}$`)), expect.stringMatching(new RegExp(` part ${newest}$`))])
    expect(errors).toEqual([])
  })

})
