// The Kea view's Review and Pools tabs in Chromium against the real `fieldkit serve` and the Kea lab: the lab's
// running configuration reviewed without findings; an edit with a pool outside its subnet checked through
// config-test, Kea's refusal beside the pool-outside-subnet finding; the lab's subnet in the pools table with its
// utilization and chart; a threshold lowered under the utilization raising the banner and a desktop
// notification, and the defaults clearing it; beside the subnet at warn, the usual causes and the top MACs by lease
// count (one MAC made to hold two leases); the server counters; the samples a connection of the test's own kept in a
// session, shown again by an app restarted on the same data folder while that connection's Control Agent is stopped.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lab } from '../../electron/lab/topology'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { startOwnControlAgent, type OwnControlAgent } from '../helpers/control-agent'
import { runFieldkit } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable() ?? browserAppUnavailable()
/** This test's MAC (its range: 02:00:5e:30:00:00-ff), made to hold two leases. */
const HOLDER_MAC = '02:00:5e:30:00:02'

let opened: AppPage | undefined
let app: AppPage['app']
let page: Page
let errors: string[] = []
let agent: OwnControlAgent | undefined

describe.skipIf(unavailable !== null)(`Kea review and pools in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    ;({ app, page, errors } = opened)
    await page.goto(app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Kea', exact: true }).click()
    await page.locator('.kea-profile.chosen[data-profile="lab"]').waitFor()
  })
  afterAll(async () => {
    await opened?.close()
    await agent?.remove()
  })

  it('reviews the lab\'s running dhcp4 configuration: no findings', async () => {
    await page.getByTestId('kea-tab-review').click()
    const dhcp4 = page.locator('[data-testid="kea-review-service"][data-service="dhcp4"]')
    await dhcp4.waitFor({ timeout: 20000 })
    expect(await dhcp4.getByTestId('kea-no-findings').textContent()).toContain('No findings')
    expect(await dhcp4.getByTestId('kea-finding').count()).toBe(0)
  })

  it('checks an edit with a pool outside its subnet: Kea refuses it and the review names the pool', async () => {
    const check = page.getByTestId('kea-config-check')
    await check.getByTestId('kea-config-service').selectOption('dhcp4')
    await check.getByTestId('kea-config-load').click()
    const text = check.getByTestId('kea-config-text')
    await text.waitFor({ timeout: 20000 })
    const config = JSON.parse(await text.inputValue()) as { Dhcp4: { subnet4: { subnet: string; pools: unknown[] }[] } }
    expect(config.Dhcp4.subnet4[0].subnet).toBe(lab.subnet)
    config.Dhcp4.subnet4[0].pools = [{ pool: '10.0.0.1 - 10.0.0.5' }]

    await text.fill('{ "Dhcp4": ')
    expect(await check.getByTestId('kea-config-parse-error').textContent()).toMatch(/^Not JSON/)
    expect(await check.getByTestId('kea-config-test').isDisabled()).toBe(true)
    await text.fill(JSON.stringify(config, null, 2))
    await check.getByTestId('kea-config-test').click()

    const result = check.getByTestId('kea-config-result')
    await result.waitFor({ timeout: 20000 })
    expect(await result.getAttribute('data-accepted')).toBe('false')
    expect(await result.locator('h3').first().textContent()).toContain('Kea refuses it')
    expect(await result.getByTestId('kea-config-kea-text').textContent()).toContain('10.0.0.1-10.0.0.5 does not match the prefix of a subnet: 192.0.2.0/24')
    const finding = result.locator('[data-testid="kea-finding"][data-rule="pool-outside-subnet"]')
    expect(await finding.textContent()).toContain('pool 10.0.0.1 - 10.0.0.5')
    expect(await finding.textContent()).toContain(`Change the pool to addresses within ${lab.subnet}`)
    await page.screenshot({ path: `${artifactsDir}kea-review.png`, fullPage: true })

    // config-test set nothing: the running configuration is reviewed as before.
    await page.getByTestId('kea-review-run').click()
    await page.locator('[data-testid="kea-review-service"][data-service="dhcp4"] [data-testid="kea-no-findings"]').waitFor({ timeout: 20000 })
  })

  it('lists the lab\'s subnet with its utilization and draws its chart from the samples', async () => {
    await page.getByTestId('kea-tab-pools').click()
    const row = page.locator(`[data-testid="kea-pool-row"][data-service="dhcp4"][data-subnet="${lab.subnet}"]`)
    await row.waitFor({ timeout: 20000 })
    expect(await row.getByTestId('kea-pool-utilization').textContent()).toMatch(/^\d+\.\d %$/)
    expect(await row.getByTestId('kea-pool-level').textContent()).toMatch(/^(ok|warn|critical)$/)
    await row.click()
    const detail = page.getByTestId('kea-subnet-detail')
    expect(await detail.locator('h3').textContent()).toContain(`dhcp4 subnet ${lab.subnet}`)
    // The view reads the pools every few seconds: the chart grows a line once there are two samples.
    await detail.getByTestId('kea-usage-chart').locator('figcaption', { hasText: /\b([2-9]|\d\d+) samples/ }).waitFor({ timeout: 20000 })
    const canvas = detail.locator('[data-testid="kea-usage-chart"] canvas')
    expect(await canvas.count()).toBe(1)
    expect((await canvas.boundingBox())!.width).toBeGreaterThan(200)
    await page.screenshot({ path: `${artifactsDir}kea-pools.png`, fullPage: true })
  })

  it('raises the banner and a desktop notification when the subnet crosses a threshold, and mutes them', async () => {
    // A stand-in for the browser's notifications, granted on the click as the real one would be.
    await page.evaluate(`
      window.shownNotifications = []
      window.Notification = class {
        static permission = 'default'
        static requestPermission = async () => 'granted'
        constructor(title) { window.shownNotifications.push(title) }
      }
    `)
    await page.getByTestId('kea-alert-allow').click()
    await page.getByTestId('kea-alert-settings').getByText('allowed').waitFor()

    const detail = page.getByTestId('kea-subnet-detail')
    const level = page.locator(`[data-testid="kea-pool-row"][data-service="dhcp4"][data-subnet="${lab.subnet}"]`).getByTestId('kea-pool-level')
    const inBanner = page.locator(`[data-testid="kea-pool-alert-subnet"][data-service="dhcp4"][data-subnet="${lab.subnet}"]`)
    /** Saves the subnet's thresholds and waits for the reading that applies them. */
    async function thresholds(warn: string, critical: string, expected: string) {
      await detail.getByTestId('kea-threshold-warn').fill(warn)
      await detail.getByTestId('kea-threshold-critical').fill(critical)
      await detail.getByTestId('kea-threshold-save').click()
      await level.filter({ hasText: expected }).waitFor({ timeout: 20000 })
    }
    const shown = () => page.evaluate('window.shownNotifications') as Promise<string[]>

    // Whatever the lab's leases fill (the lab is shared), thresholds above it make the subnet ok, then ones below warn.
    await thresholds('99', '100', 'ok')
    await inBanner.waitFor({ state: 'detached' })
    await thresholds('0', '100', 'warn')
    await inBanner.waitFor()
    expect(await inBanner.textContent()).toContain(`warn dhcp4 subnet ${lab.subnet} (id 1)`)
    expect(await shown()).toEqual([expect.stringMatching(/^Kea pool filling: \d+\.\d % used$/)])

    await page.getByTestId('kea-alert-mute').check()
    expect(await page.evaluate('localStorage.getItem("fieldkit.keaAlertsMuted")')).toBe('true')
    await thresholds('99', '100', 'ok')
    await thresholds('0', '100', 'warn')
    expect(await shown()).toHaveLength(1)

    await page.getByTestId('kea-alert-mute').uncheck()
    await detail.getByRole('button', { name: 'Defaults' }).click()
    await expect.poll(() => detail.getByTestId('kea-threshold-warn').inputValue(), { timeout: 20000 }).toBe('80')
    expect(await detail.getByTestId('kea-threshold-critical').inputValue()).toBe('95')
    expect(errors).toEqual([])
  })

  it('beside a subnet at warn: the usual causes and the top MACs by lease count, one MAC holding two leases; and the server counters', async () => {
    // One MAC of this test's range, two client identifiers: Kea gives each its own lease, both under that MAC.
    for (const clientId of ['fieldkit-e2e-a', 'fieldkit-e2e-b']) {
      const run = runFieldkit(['probe', '--iface', lab.captureInterface, '--mode', 'dora', '--mac', HOLDER_MAC, '--client-id', clientId, '--keep'], { timeout: 30000 })
      expect(run.code, run.stderr).toBe(0)
    }
    const detail = page.getByTestId('kea-subnet-detail')
    await detail.getByTestId('kea-threshold-warn').fill('0')
    await detail.getByTestId('kea-threshold-critical').fill('100')
    await detail.getByTestId('kea-threshold-save').click()
    const holder = detail.locator(`[data-testid="kea-top-holder"][data-client="${HOLDER_MAC}"]`)
    await holder.waitFor({ timeout: 20000 })
    expect(await holder.getByTestId('kea-top-holder-leases').textContent()).toBe('2')
    const held = labLeases().filter((l) => l['hw-address'] === HOLDER_MAC).map((l) => l['ip-address']).sort()
    expect(held).toHaveLength(2)
    expect((await holder.locator('td').nth(2).textContent())!.split(', ').sort()).toEqual(held)
    const causes = detail.getByTestId('kea-pool-cause')
    expect(await causes.evaluateAll((items) => items.map((i) => i.getAttribute('data-cause')))).toEqual(['lease-time', 'not-releasing', 'many-leases', 'declined'])
    expect(await detail.locator('[data-cause="many-leases"]').getAttribute('data-likely')).toBe('true')
    await detail.screenshot({ path: `${artifactsDir}kea-pool-causes.png` })

    const counters = page.locator('[data-testid="kea-counter-server"][data-service="dhcp4"]')
    expect(Number((await counters.locator('[data-testid="kea-counter-row"][data-type="discover"] [data-testid="kea-counter-received"]').textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2)
    expect(await counters.locator('[data-testid="kea-counter-problem"][data-name="v4-allocation-fail"]').count()).toBe(1)
    // Tall enough for the whole tab: the view scrolls inside, which a full-page screenshot does not.
    await page.setViewportSize({ width: 1400, height: 2000 })
    await page.screenshot({ path: `${artifactsDir}kea-server-counters.png` })
    await page.setViewportSize({ width: 1400, height: 860 })

    await detail.getByRole('button', { name: 'Defaults' }).click()
    await detail.locator('[data-testid="kea-pool-diagnosis"]').waitFor({ state: 'detached', timeout: 20000 })
    for (const address of held) runFieldkit(['kea', 'cmd', 'lease4-del', '--args', JSON.stringify({ 'ip-address': address }), '--profile', 'lab', '--service', 'dhcp4', '--yes'])
  })

  it('keeps the samples in a session, and a restarted app shows that session\'s chart when it is opened again', async () => {
    // A connection of this test's own, saved as a user would: its Control Agent can be stopped, the lab's cannot.
    agent = await startOwnControlAgent()
    await page.getByTestId('kea-add-profile').click()
    const form = page.getByTestId('kea-profile-form')
    await form.getByTestId('kea-form-name').fill('Own agent')
    await form.getByTestId('kea-form-url').fill(agent.url)
    await form.getByTestId('kea-form-save').click()
    await form.waitFor({ state: 'detached' })
    const own = page.locator('.kea-profile.chosen', { hasText: 'Own agent' })
    const ownId = (await own.getAttribute('data-profile'))!
    await page.locator(`[data-testid="kea-pool-row"][data-service="dhcp4"][data-subnet="${lab.subnet}"]`).click({ timeout: 20000 })

    const note = page.locator('[data-testid="kea-pools"] [data-testid="kea-session-note"]')
    await note.getByTestId('kea-keep-history').click()
    await note.filter({ hasText: 'Samples are kept in the session “Own agent readings ' }).waitFor()
    const caption = page.locator('[data-testid="kea-subnet-detail"] [data-testid="kea-usage-chart"] figcaption')
    // The session's own samples from its first reading on, not those of the run before it (a second reading may
    // already have come by the time the chart is looked at).
    await caption.filter({ hasText: /\([12] samples?\)/ }).waitFor({ timeout: 20000 })
    await caption.filter({ hasText: /\(([3-9]|\d\d+) samples\)/ }).waitFor({ timeout: 30000 })
    const kept = Number(/(\d+) samples/.exec((await caption.textContent())!)![1])
    const sessionName = (await note.textContent())!.match(/“(.+)”/)![1]

    // The app again, on the same data folder, with that connection's agent stopped: the session opened from the list
    // shows its samples beside the refusal, and goes on once the agent answers again.
    await agent.stop()
    opened = await opened!.reopen()
    ;({ app, page, errors } = opened)
    await page.goto(app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.getByTestId('session-list').locator('li', { hasText: sessionName }).click()
    await page.getByRole('button', { name: 'Kea', exact: true }).click()
    await page.locator(`.kea-profile[data-profile="${ownId}"]`).click()
    await page.getByTestId('kea-tab-pools').click()
    const refused = page.getByTestId('kea-pools-error')
    await refused.waitFor({ timeout: 20000 })
    expect(await refused.textContent()).toContain(`Nothing answers at ${agent.url} (connection refused)`)
    const history = page.getByTestId('kea-pool-history')
    expect(await history.locator('h3').textContent()).toBe('Kept in this session')
    const offline = history.locator(`[data-testid="kea-pool-history-subnet"][data-service="dhcp4"][data-subnet="${lab.subnet}"] figcaption`)
    await offline.waitFor({ timeout: 20000 })
    expect(Number(/(\d+) samples?/.exec((await offline.textContent())!)![1])).toBeGreaterThanOrEqual(kept)
    expect(await history.locator('canvas').count()).toBeGreaterThanOrEqual(1)
    await page.screenshot({ path: `${artifactsDir}kea-session-offline.png` })
    await agent.start()
    const reopened = page.locator('[data-testid="kea-subnet-detail"] [data-testid="kea-usage-chart"] figcaption')
    await reopened.waitFor({ timeout: 20000 })
    expect(Number(/(\d+) samples?/.exec((await reopened.textContent())!)![1])).toBeGreaterThan(kept)
    await page.getByTestId('kea-tab-status').click()
    await page.locator('[data-testid="kea-status-strip"][data-service="dhcp4"]').waitFor({ timeout: 20000 })
    await page.screenshot({ path: `${artifactsDir}kea-session-reopened.png`, fullPage: true })
    expect(errors).toEqual([])
  })
})

function labLeases(): { 'hw-address': string; 'ip-address': string }[] {
  const answer = runFieldkit(['kea', 'cmd', 'lease4-get-all', '--args', '{"subnets":[1]}', '--profile', 'lab', '--service', 'dhcp4', '--json'])
  return (JSON.parse(answer.stdout) as { arguments: { leases: { 'hw-address': string; 'ip-address': string }[] } }).arguments.leases
}
