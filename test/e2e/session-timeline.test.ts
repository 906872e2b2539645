// The case's timeline in the Sessions view, in Chromium over the real `fieldkit serve`: a session of a real capture
// (a NAK, a decline, an inform left unanswered) and a test-client DORA run in the Kea lab. The Timeline tab lists them
// in time order with their severity; a transaction's link opens the capture with that packet selected, a run's link
// opens the run in the Test client view.
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClientRunResult, SessionInfo } from '../../electron/contract/types'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { browserAppUnavailable, startBrowserApp } from '../helpers/browser-app'
import { artifactsDir, launchChromium } from '../helpers/chromium'
import { corpusDir } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import { labUnavailable } from '../helpers/lab'
import { deleteLabLeases } from '../helpers/lab-engine'

const unavailable = labUnavailable() ?? browserAppUnavailable()
/** This test's client (the range 0a:15:00:00:00:01-ff is this feature's). */
const MAC = '0a:15:00:00:00:10'
const SESSION = 'Printer on floor 2 refused'

let app: Awaited<ReturnType<typeof startBrowserApp>>
let browser: Browser
let page: Page
let run: ClientRunResult
let labWasUp = true
const errors: string[] = []

const deleteLeases = () => deleteLabLeases([MAC])

/** A session with the zeek capture (its NAK and decline), a DORA of the test's MAC in the lab and a Kea console command. */
async function caseDataDir(): Promise<string> {
  const dataDir = tempDataDir()
  const engine = testEngine(dataDir)
  try {
    const session = (await engine.dispatch('sessions.create', { name: SESSION })) as SessionInfo
    await loaded(engine, (await openInEngine(engine, join(corpusDir, 'zeek__dhcp.pcap'), session.id)).id)
    run = (await engine.dispatch('client.run', { sessionId: session.id, iface: lab.captureInterface, mode: 'dora', mac: MAC, wait: 5 })) as ClientRunResult
    await engine.dispatch('kea.command', { profileId: 'lab', sessionId: session.id, command: 'version-get', service: 'dhcp4' })
    await engine.dispatch('sessions.open', { sessionId: session.id })
  } finally {
    engine.close()
  }
  return dataDir
}

const timeline = () => page.getByTestId('case-timeline')

describe.skipIf(unavailable !== null)(`the case's timeline in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    labWasUp = labStatus().up
    await labUp()
    await deleteLeases()
    app = await startBrowserApp(await caseDataDir())
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } })
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
    await page.goto(app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    app?.stop()
    await deleteLeases()
    if (!labWasUp) await labDown()
  })

  async function openTimeline() {
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.locator('.session-list li', { hasText: SESSION }).click()
    await page.getByTestId('session-tab-timeline').click()
    await timeline().locator('[data-item-kind="run"]').waitFor()
  }

  it('lists the case in time order, problems marked, and a screenshot shows it', async () => {
    expect(run.reason).toBe('BOUND')
    await openTimeline()
    const kinds = await timeline().locator('[data-item-kind]').evaluateAll((items) => items.map((i) => i.getAttribute('data-item-kind')))
    // The capture is from 2013: it comes first; the session and the run are today's.
    expect(kinds).toEqual(['capture-start', 'transaction', 'transaction', 'transaction', 'capture-end', 'session', 'run', 'kea-command'])
    const nak = timeline().locator('[data-item-kind="transaction"]').first()
    expect(await nak.getAttribute('data-severity')).toBe('problem')
    expect(await nak.textContent()).toContain('refused (NAK)')
    // Severity shows as the theme's colours, not only as an attribute.
    const background = (kind: string) => page.evaluate(`getComputedStyle(document.querySelector('[data-testid="case-timeline"] [data-item-kind="${kind}"]')).backgroundColor`) as Promise<string>
    expect(await background('transaction')).not.toBe(await background('session'))
    expect(await timeline().locator('.case-minute').first().textContent()).toBe('2013-06-02 19:14 UTC')
    await page.screenshot({ path: `${artifactsDir}session-timeline.png` })
  })

  it('opens the capture at a transaction\'s packet from its link', async () => {
    const decline = timeline().locator('[data-item-kind="transaction"]', { hasText: 'declined its address' })
    await decline.locator('[data-link-kind="transaction"]').click()
    // The decline is the zeek capture's 7th packet.
    await page.locator('.row.selected[data-frame="7"]').waitFor()
    expect(await page.locator('.row.selected').count()).toBe(1)
    await page.screenshot({ path: `${artifactsDir}session-timeline-packet.png` })
  })

  it('opens the run in the Test client view from its link', async () => {
    await openTimeline()
    await timeline().locator('[data-item-kind="run"] [data-link-kind="run"]').click()
    const shown = page.getByTestId('client-result')
    await shown.waitFor()
    expect(await shown.getAttribute('data-reason')).toBe('BOUND')
    expect(await shown.locator('h2').textContent()).toContain(`as ${MAC}`)
  })

  it('opens a client\'s history and the Kea console from their links', async () => {
    await openTimeline()
    await timeline().locator('[data-item-kind="run"] [data-link-kind="client"]').click()
    await page.getByTestId('client-history').filter({ hasText: `Client ${MAC}` }).waitFor()
    await page.getByRole('button', { name: 'Close the client history' }).click()
    await timeline().locator('[data-item-kind="kea-command"] [data-link-kind="kea"]').click()
    await page.getByTestId('kea-view').waitFor()
    expect(await page.getByTestId('kea-tab-console').getAttribute('class')).toContain('active')
    expect(errors).toEqual([])
  })
})
