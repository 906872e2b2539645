// The Leases view in Chromium against the real `fieldkit serve`: a generated memfile of a million leases opened
// through the file picker, scrolled, sorted and filtered in the engine, one lease opened and its client's packets
// shown in the capture of the session.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { corpusDir } from '../helpers/corpus'
import { ourMac, writeMemfile } from '../helpers/leases'
import { tempDir } from '../helpers/temp'

const unavailable = browserAppUnavailable()
const LEASES = 1_000_000
/** The lease given the MAC of the client in zeek__dhcp.pcap, so its packets are in the session. */
const CLIENT = 424242
const CLIENT_MAC = '90:b1:1c:99:49:29'
const memfile = join(tempDir('leases-e2e'), 'kea-leases4.csv')

let opened: AppPage | undefined
let page: Page

const counts = () => page.getByTestId('lease-counts').locator('span').first().textContent()
const firstRow = () => page.locator('[data-testid="lease-row"][data-address]').first()

describe.skipIf(unavailable !== null)(`Leases view in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    writeMemfile(memfile, LEASES, (i) => (i === CLIENT ? CLIENT_MAC : ourMac(i & 0xffff)))
    opened = await openAppPage()
    page = opened.page
    await page.goto(opened.app.url)
    await page.getByTestId('file-input').setInputFiles(`${corpusDir}zeek__dhcp.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '9 packets' }).waitFor()
  }, 120_000)
  afterAll(async () => {
    await opened?.close()
  })

  it('opens a million-lease memfile and scrolls through it', async () => {
    await page.getByRole('button', { name: 'Leases', exact: true }).click()
    await page.getByTestId('lease-file-input').setInputFiles(memfile)
    await expect.poll(counts, { timeout: 90_000, interval: 500 }).toBe('1,000,000 shown of 1,000,000')
    expect(await page.getByTestId('lease-count-state-declined').textContent()).toContain('20,000')
    expect(await firstRow().getAttribute('data-address')).toBe('10.0.0.0')

    // Half way down: the rows there are paged in from the engine.
    await page.getByTestId('lease-scroller').evaluate((box) => (box.scrollTop = box.scrollHeight / 2))
    await expect.poll(async () => (await firstRow().getAttribute('data-address'))?.startsWith('10.7.'), { timeout: 10_000 }).toBe(true)
    await page.screenshot({ path: `${artifactsDir}leases-million-scrolled.png` })
  }, 120_000)

  it('sorts and filters in the engine', async () => {
    await page.getByTestId('lease-sort-expire').click()
    await page.getByTestId('lease-sort-expire').click()
    await expect.poll(() => firstRow().locator('[data-column="hostname"]').textContent(), { timeout: 30_000 }).toBe('host-86399')

    await page.getByTestId('lease-state').selectOption('declined')
    await expect.poll(counts, { timeout: 30_000 }).toBe('20,000 shown of 1,000,000')
    await page.getByTestId('lease-state').selectOption('')
    await page.getByTestId('lease-search').fill(`host-${CLIENT}`)
    await page.getByTestId('lease-search').press('Enter')
    await expect.poll(counts, { timeout: 30_000 }).toBe('1 shown of 1,000,000')
    expect(await firstRow().locator('[data-column="hw"]').textContent()).toBe(CLIENT_MAC)
  }, 90_000)

  it('opens a lease and jumps to its client\'s packets', async () => {
    await firstRow().click()
    const detail = page.getByTestId('lease-detail')
    await detail.waitFor()
    expect(await detail.textContent()).toContain(`dhcp.chaddr == ${CLIENT_MAC}`)
    // A memfile's lease is not deleted from here: only through the API.
    expect(await page.getByTestId('lease-delete').count()).toBe(0)
    await page.getByTestId('lease-history').click()
    await expect.poll(() => page.getByTestId('lease-history-lines').textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^expired-reclaimed, ${CLIENT_MAC}, until `))
    await page.screenshot({ path: `${artifactsDir}leases-detail.png` })

    await page.getByTestId('lease-packets').click()
    await expect.poll(() => page.getByTestId('filter-input').inputValue()).toBe(`dhcp.chaddr == ${CLIENT_MAC}`)
    await expect.poll(() => page.locator('.packet-list .row[data-frame]').count()).toBe(9)
    await page.screenshot({ path: `${artifactsDir}leases-client-packets.png` })
    expect(opened!.errors).toEqual([])
  }, 60_000)
})
