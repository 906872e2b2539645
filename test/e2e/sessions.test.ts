// The Sessions view in Chromium over the real `fieldkit serve`, on a data folder an engine wrote and then "crashed"
// out of (its run mark left behind): the app reopens the session that was open and says so; the user searches by
// what captures hold, sorts, tags, writes notes, renames, duplicates, deletes to the Trash and restores.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SessionInfo } from '../../electron/contract/types'
import { browserAppUnavailable, startBrowserApp } from '../helpers/browser-app'
import { artifactsDir, launchChromium } from '../helpers/chromium'
import { corpusDir } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'

const unavailable = browserAppUnavailable()

let app: Awaited<ReturnType<typeof startBrowserApp>>
let browser: Browser
let page: Page
const errors: string[] = []

/** Two sessions of real captures; the DHCPv4 one open when the engine's process went away without closing. */
async function crashedDataDir(): Promise<string> {
  const dataDir = tempDataDir()
  const engine = testEngine(dataDir)
  const printer = (await engine.dispatch('sessions.create', { name: 'printer on port 12' })) as SessionInfo
  await loaded(engine, (await openInEngine(engine, join(corpusDir, 'zeek__dhcp.pcap'), printer.id)).id)
  const v6 = (await engine.dispatch('sessions.create', { name: 'ipv6 lab' })) as SessionInfo
  await loaded(engine, (await openInEngine(engine, join(corpusDir, 'chrissanders-packets__dhcp6_outlease_acquisition.pcapng'), v6.id)).id)
  await engine.dispatch('sessions.open', { sessionId: printer.id })
  engine.close()
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
  writeFileSync(join(dataDir, 'running', gone), '')
  return dataDir
}

describe.skipIf(unavailable !== null)(`the Sessions view${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    app = await startBrowserApp(await crashedDataDir())
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } })
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
  })
  afterAll(async () => {
    await browser?.close()
    app?.stop()
  })

  it('reopens the session that was open before the crash, and says so', async () => {
    await page.goto(app.url)
    await page.getByRole('alert').filter({ hasText: 'DHCP Field Kit stopped unexpectedly last time; the session “printer on port 12” is open again' }).waitFor()
    await page.getByRole('button', { name: 'Sessions' }).click()
    await expect.poll(() => page.locator('.session-list li.active strong').textContent()).toBe('printer on port 12')
    await page.locator('.session-detail').getByRole('button', { name: 'zeek__dhcp.pcap' }).waitFor()
  })

  it('finds sessions by a MAC, an address, a host name, tags and notes', async () => {
    const list = page.getByTestId('session-list')
    const names = () => list.locator('li strong').allTextContents()
    const search = page.getByLabel('Search sessions')
    await search.fill('90-B1-1C-99-49-29')
    await expect.poll(names).toEqual(['printer on port 12'])
    await search.fill('2001:db8:1:2::1002')
    await expect.poll(names).toEqual(['ipv6 lab'])
    await search.fill('nobody at all')
    await list.getByText('No session holds that.').waitFor()
    await search.fill('')
    await expect.poll(names).toEqual(['ipv6 lab', 'printer on port 12'])

    await list.getByText('printer on port 12').click()
    await page.getByLabel('Tags').fill('printer, floor 2')
    await page.getByLabel('Tags').press('Enter')
    await expect.poll(() => list.locator('li.active .session-tag').allTextContents()).toEqual(['floor 2', 'printer'])
    await page.getByLabel('Notes').fill('Drops off the network every night at 2 am.')
    await page.getByLabel('Notes').blur()
    await search.fill('every night')
    await expect.poll(names).toEqual(['printer on port 12'])
    await search.fill('floor 2')
    await expect.poll(names).toEqual(['printer on port 12'])
    await search.fill('')
  })

  it('renames, sorts, duplicates, deletes to the Trash and restores', async () => {
    const list = page.getByTestId('session-list')
    const names = () => list.locator('li strong').allTextContents()
    await expect.poll(names).toEqual(['printer on port 12', 'ipv6 lab'])
    const v6 = list.locator('li', { hasText: 'ipv6 lab' })
    await v6.getByRole('button', { name: 'Rename' }).click()
    await list.getByLabel('Session name').fill('DHCPv6 at the lab')
    await list.getByLabel('Session name').press('Enter')
    await expect.poll(names).toEqual(['DHCPv6 at the lab', 'printer on port 12'])
    await page.getByLabel('Sort sessions by').selectOption('name')
    await page.getByRole('button', { name: 'Newest first' }).click()
    await expect.poll(names).toEqual(['DHCPv6 at the lab', 'printer on port 12'])
    await page.getByRole('button', { name: 'Oldest first' }).click()
    await expect.poll(names).toEqual(['printer on port 12', 'DHCPv6 at the lab'])

    await list.locator('li', { hasText: 'printer on port 12' }).getByRole('button', { name: 'Duplicate' }).click()
    await expect.poll(names).toEqual(['printer on port 12 (copy)', 'printer on port 12', 'DHCPv6 at the lab'])
    await expect.poll(() => list.locator('li.active .session-tag').allTextContents()).toEqual(['floor 2', 'printer'])
    await expect.poll(() => page.getByLabel('Notes').inputValue()).toBe('Drops off the network every night at 2 am.')

    await list.locator('li', { hasText: 'printer on port 12 (copy)' }).getByRole('button', { name: 'Delete' }).click()
    await page.getByRole('alert').filter({ hasText: '“printer on port 12 (copy)” is in the Trash for 30 days' }).waitFor()
    await expect.poll(names).toEqual(['printer on port 12', 'DHCPv6 at the lab'])
    await page.getByRole('button', { name: 'Trash (1)' }).click()
    const trash = page.getByTestId('trash-list')
    await trash.getByText('printer on port 12 (copy)').waitFor()
    await page.screenshot({ path: `${artifactsDir}sessions-trash.png` })
    await trash.getByRole('button', { name: 'Restore' }).click()
    await trash.getByText('The Trash is empty.').waitFor()
    await page.getByRole('button', { name: 'Trash (0)' }).click()
    await expect.poll(names).toEqual(['printer on port 12 (copy)', 'printer on port 12', 'DHCPv6 at the lab'])
    await list.locator('li', { hasText: 'printer on port 12' }).last().click()
    await page.screenshot({ path: `${artifactsDir}sessions-view.png` })
    expect(errors).toEqual([])
  })
})
