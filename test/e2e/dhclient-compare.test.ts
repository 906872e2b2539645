// The real dhclient in the Test client view, in Chromium against `fieldkit serve` and the Kea lab: "Compare with
// dhclient" shows both clients' variables side by side with the per-run values marked and no difference, and "Run
// real dhclient" (-6) shows its reasons, variables and output. The runs hold the lab's dhclient lock.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lab } from '../../electron/lab/topology'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { withDhclientLock } from '../helpers/dhclient-lock'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable() ?? browserAppUnavailable()

let opened: AppPage | undefined
let page: Page
let errors: string[] = []

describe.skipIf(unavailable !== null)(`Real dhclient in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    ;({ page, errors } = opened)
    await page.goto(opened.app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Test client' }).click()
  })
  afterAll(async () => {
    await opened?.close()
  })

  it('asks before running dhclient on an interface that is not the lab\'s, and runs nothing when cancelled', async () => {
    const form = page.getByTestId('client-form')
    await form.locator('[data-iface="lo"] input').check()
    await page.getByTestId('dhclient-compare').click()
    const confirm = page.getByTestId('dhclient-confirm')
    expect(await confirm.textContent()).toContain('Run dhclient on lo, outside the lab? Its DHCP servers will lease twice (dhclient, then the built-in client).')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    expect(await confirm.count()).toBe(0)
    expect(await page.getByTestId('client-result').count()).toBe(0)
    await form.locator(`[data-iface="${lab.captureInterface}"] input`).check()
  })

  it('compares the built-in client with dhclient: the same for every variable both have, per-run values marked', async () => {
    await page.getByTestId('dhclient-family').selectOption('4')
    const compare = page.getByTestId('client-compare')
    await withDhclientLock(async () => {
      await page.getByTestId('dhclient-compare').click()
      await compare.waitFor({ timeout: 60000 })
    })
    expect(await compare.getAttribute('data-agree')).toBe('true')
    expect(await page.getByTestId('compare-verdict').textContent()).toBe('SAME')
    expect(await page.getByTestId('compare-summary').textContent()).toContain('The two clients got the same value for every variable both have.')
    expect(await page.getByTestId('compare-note').textContent()).toMatch(/^Not compared: the lease's end and start \(new_expiry;/)
    const row = (name: string) => page.getByTestId('compare-table').locator(`[data-variable="${name}"]`)
    expect(await row('new_routers').getAttribute('data-verdict')).toBe('same')
    expect(await row('new_routers').locator('td').allTextContents()).toEqual([lab.serverAddress, lab.serverAddress, ''])
    expect(await row('new_expiry').getAttribute('data-verdict')).toMatch(/^(per-run|same)$/)
    expect(await row('interface').locator('td').allTextContents()).toEqual([lab.captureInterface, lab.clientInterface, 'differs per run'])
    expect(await page.getByTestId('compare-table').locator('[data-verdict="differs"]').count()).toBe(0)
    // The dhclient run is shown under the comparison; both runs are listed in the session.
    expect(await page.getByTestId('client-result').getAttribute('data-reason')).toBe('BOUND')
    expect(await page.getByTestId('dhclient-reasons').textContent()).toBe('PREINIT → BOUND → RELEASE')
    const listed = await page.getByTestId('client-runs').locator('li').allTextContents()
    expect(listed.map((text) => text.split(' · ')[1])).toEqual([`dora on ${lab.captureInterface}`, `dhclient -4 on ${lab.captureInterface}`])
    await page.screenshot({ path: `${artifactsDir}dhclient-compare.png`, fullPage: true })
  })

  it('runs the real dhclient -6: BOUND6, its variables, every invocation and its output', async () => {
    await page.getByTestId('dhclient-family').selectOption('6')
    await withDhclientLock(async () => {
      await page.getByTestId('dhclient-run').click()
      await page.getByTestId('client-result').and(page.locator('[data-reason="BOUND6"]')).waitFor({ timeout: 60000 })
    })
    expect(await page.getByTestId('client-compare').count()).toBe(0)
    const variable = (name: string) => page.getByTestId('client-variables').locator(`[data-variable="${name}"] td`).textContent()
    expect(await variable('new_ip6_address')).toMatch(/^2001:db8:1::1[0-9a-f]{2}$/)
    expect(await variable('new_dhcp6_name_servers')).toBe(lab.serverAddress6)
    expect(await page.getByTestId('dhclient-reasons').textContent()).toBe('PREINIT6 → BOUND6 → RELEASE6')
    expect(await page.getByTestId('dhclient-stderr').textContent()).toContain('PRC: Bound to lease')
    expect(await page.getByTestId('client-message').textContent()).toMatch(/^dhclient: BOUND6 with 2001:db8:1::1[0-9a-f]{2} from .*; the lease was released\.$/)
    await page.screenshot({ path: `${artifactsDir}dhclient-run-v6.png`, fullPage: true })
    expect(errors).toEqual([])
  })
})
