// "Add to session" in Chromium over the real `fieldkit serve`: in a session started from the Sessions view, the Leases
// view's filtered view of a memfile and the Logs view's lines of pasted Kea log text are added; they show as snapshot
// items of the session's Timeline tab, and the lease snapshot's link shows the leases it kept. In the Kea lab, the
// Review tab's "Add to session" keeps the running configuration, its secrets hidden.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { labUnavailable } from '../helpers/lab'
import { writeMemfile } from '../helpers/leases'
import { tempDir } from '../helpers/temp'

const unavailable = browserAppUnavailable()
/** This work's MACs, 0a:16:00:00:00:00 to …:13: a search for …:00:1 finds the four of …:10 to …:13. */
const macOf = (i: number) => `0a:16:00:00:00:${i.toString(16).padStart(2, '0')}`
const SEARCH = '0a:16:00:00:00:1'
const LOG = [
  `2026-11-30 09:14:05.120 INFO  [kea-dhcp4.leases/4242.139] DHCP4_LEASE_ALLOC [hwtype=1 ${macOf(0x11)}], cid=[no info], tid=0x5e1: lease 10.0.0.17 has been allocated for 3600 seconds`,
  '2026-11-30 09:14:06.001 ERROR [kea-dhcp4.alloc-engine/4242.139] ALLOC_ENGINE_V4_ALLOC_FAIL [hwtype=1 0a:16:00:00:00:12], cid=[no info], tid=0x5e2: failed to allocate an IPv4 address after 0 attempt(s)',
].join('\n')

let opened: AppPage | undefined
let page: Page

const timeline = () => page.getByTestId('case-timeline')
const message = () => page.locator('.message[role="alert"]')

describe.skipIf(unavailable !== null)(`Add to session in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const memfile = join(tempDir('snapshot-e2e'), 'kea-leases4.csv')
  beforeAll(async () => {
    writeMemfile(memfile, 20, macOf)
    opened = await openAppPage()
    page = opened.page
    await page.goto(opened.app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.getByRole('button', { name: 'New session', exact: true }).click()
    await page.locator('.session-list li.active').waitFor()
  }, 120_000)
  afterAll(() => opened?.close())

  it('adds the Leases view\'s filtered leases and the Logs view\'s lines to the open session', async () => {
    await page.getByRole('button', { name: 'Leases', exact: true }).click()
    await page.getByTestId('lease-file-input').setInputFiles(memfile)
    const counts = () => page.getByTestId('lease-counts').locator('span').first().textContent()
    await expect.poll(counts, { timeout: 30_000 }).toBe('20 shown of 20')
    await page.getByTestId('lease-search').fill(SEARCH)
    await page.getByTestId('lease-search').press('Enter')
    await expect.poll(counts, { timeout: 30_000 }).toBe('4 shown of 20')
    await page.getByTestId('lease-add-to-session').click()
    await message().filter({ hasText: 'Added 4 leases of memfile kea-leases4.csv to the session' }).waitFor()

    await page.getByRole('button', { name: 'Logs', exact: true }).click()
    await page.getByTestId('log-paste-toggle').click()
    await page.getByTestId('log-paste').fill(LOG)
    await page.getByTestId('log-paste-open').click()
    await page.getByTestId('log-count').filter({ hasText: '2 lines' }).waitFor()
    await page.getByTestId('log-add-to-session').click()
    await message().filter({ hasText: 'Added 2 log lines of' }).waitFor()
  }, 90_000)

  it('shows them in the session\'s Timeline tab, the lease snapshot\'s link opening the leases it kept', async () => {
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.locator('.session-list li.active').click()
    await page.getByTestId('session-tab-timeline').click()
    const snapshots = timeline().locator('[data-item-kind="snapshot"]')
    await expect.poll(() => snapshots.count(), { timeout: 20_000 }).toBe(2)
    expect(await snapshots.first().textContent()).toContain(`4 leases of memfile kea-leases4.csv (search ${SEARCH}) added to the session`)
    expect(await snapshots.nth(1).textContent()).toContain('2 log lines of')

    await snapshots.first().locator('[data-link-kind="snapshot"]').click()
    const detail = page.getByTestId('snapshot-detail')
    await detail.waitFor()
    expect(await detail.getAttribute('data-snapshot-kind')).toBe('leases')
    const macs = await detail.locator('tbody tr td:nth-child(2)').allTextContents()
    expect(macs).toEqual([0x10, 0x11, 0x12, 0x13].map(macOf))
    await page.screenshot({ path: `${artifactsDir}session-snapshots-timeline.png` })

    await snapshots.nth(1).locator('[data-link-kind="snapshot"]').click()
    await page.getByTestId('snapshot-detail').and(page.locator('[data-snapshot-kind="log-lines"]')).waitFor()
    expect(await page.getByTestId('snapshot-detail').textContent()).toContain('ALLOC_ENGINE_V4_ALLOC_FAIL')
    expect(opened!.errors).toEqual([])
  }, 60_000)
})

const labMissing = labUnavailable() ?? unavailable

describe.skipIf(labMissing !== null)(`Add the Kea configuration to a session in Chromium${labMissing ? ` (skipped: ${labMissing})` : ''}`, () => {
  let kea: AppPage | undefined
  beforeAll(async () => {
    kea = await openAppPage({ lab: true })
    await kea.page.goto(kea.app.url)
    await kea.page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
  }, 120_000)
  afterAll(() => kea?.close())

  it('keeps the lab server\'s running configuration in a new session and shows it from the timeline', async () => {
    const { page: p } = kea!
    await p.getByRole('button', { name: 'Kea', exact: true }).click()
    await p.locator('.kea-profile[data-profile="lab"]').waitFor()
    await p.getByTestId('kea-tab-review').click()
    await p.getByTestId('kea-config-add-to-session').click()
    await p.locator('.message[role="alert"]').filter({ hasText: /Added the configuration of .* dhcp4 to the session/ }).waitFor({ timeout: 20_000 })
    await p.getByRole('button', { name: 'Sessions', exact: true }).click()
    await p.getByTestId('session-tab-timeline').click()
    // The session's first status reading keeps each server's configuration too: the timeline may hold dhcp6's and a
    // second dhcp4's besides the one added here. Any dhcp4 one shows the same running configuration.
    const item = p.getByTestId('case-timeline').locator('[data-item-kind="snapshot"]', { hasText: / dhcp4 added to the session/ }).first()
    await item.locator('[data-link-kind="snapshot"]').click()
    const detail = p.getByTestId('snapshot-detail')
    await detail.and(p.locator('[data-snapshot-kind="kea-config"]')).waitFor()
    const config = JSON.parse((await detail.locator('pre').textContent())!) as { Dhcp4: { subnet4: unknown[] } }
    expect(config.Dhcp4.subnet4.length).toBeGreaterThan(0)
    await p.screenshot({ path: `${artifactsDir}session-snapshots-kea-config.png` })
    expect(kea!.errors).toEqual([])
  }, 60_000)
})
