// The Test client view as a technician uses it, in Chromium against the real `fieldkit serve` and the Kea lab: a
// non-lab interface asks before sending, a DORA on the lab's bridge with an FQDN, a vendor class, a request list, the
// broadcast flag and a starting secs shows BOUND and the variables, and a packet of the run's timeline opens in the
// packet view with those parameters in its fields.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lab } from '../../electron/lab/topology'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable() ?? browserAppUnavailable()

let opened: AppPage | undefined
let page: Page
let errors: string[] = []

describe.skipIf(unavailable !== null)(`Test client in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    ;({ page, errors } = opened)
  })
  afterAll(async () => {
    await opened?.close()
  })

  it('asks before sending on an interface that is not the lab\'s, and sends nothing when cancelled', async () => {
    await page.goto(opened!.app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Test client' }).click()
    const form = page.getByTestId('client-form')
    const bridge = form.locator(`[data-iface="${lab.captureInterface}"]`)
    await bridge.waitFor()
    // The lab's bridge is picked when the lab is up: no warning.
    expect(await bridge.locator('input').isChecked()).toBe(true)
    expect(await page.getByTestId('client-outside-lab').count()).toBe(0)

    await form.locator('[data-iface="lo"] input').check()
    expect(await page.getByTestId('client-outside-lab').textContent()).toContain('lo is not the Kea lab\'s')
    await page.getByTestId('client-run').click()
    const confirm = page.getByTestId('client-confirm')
    expect(await confirm.textContent()).toContain('Send DHCP packets on lo, outside the lab?')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    expect(await confirm.count()).toBe(0)
    expect(await page.getByTestId('client-result').count()).toBe(0)
  })

  it('runs a DORA on the lab\'s bridge with the parameters: BOUND, the variables, the servers, the packets, and the run listed', async () => {
    const form = page.getByTestId('client-form')
    await form.locator(`[data-iface="${lab.captureInterface}"] input`).check()
    await page.getByTestId('client-mode-dora').check()
    await page.getByTestId('client-mac').fill('02:00:5e:60:00:40')
    await page.getByTestId('client-hostname').fill('fieldkit-e2e')
    await page.getByTestId('client-parameters').locator('summary').click()
    await page.getByTestId('client-fqdn').fill('fieldkit-e2e.lab.fieldkit.test')
    await page.getByTestId('client-vendor-class').fill('fieldkit-e2e')
    await page.getByTestId('client-request-list').fill('1,3,x')
    expect(await page.getByTestId('client-parameters-problem').textContent()).toBe('The request list takes option codes separated by commas (1,3,6,15), or none.')
    expect(await page.getByTestId('client-run').isDisabled()).toBe(true)
    await page.getByTestId('client-request-list').fill('1,3,6,15')
    await page.getByTestId('client-broadcast').check()
    await page.getByTestId('client-secs').fill('12')
    await page.getByTestId('client-run').click()

    const result = page.getByTestId('client-result')
    await result.waitFor({ timeout: 30000 })
    expect(await result.getAttribute('data-reason')).toBe('BOUND')
    expect(await page.getByTestId('client-message').textContent()).toMatch(/^Bound to 192\.0\.2\.1\d\d from 192\.0\.2\.1; the lease was released\.$/)
    const variable = (name: string) => page.getByTestId('client-variables').locator(`[data-variable="${name}"] td`).textContent()
    expect(await variable('new_ip_address')).toMatch(/^192\.0\.2\.1\d\d$/)
    expect(await variable('new_dhcp_server_identifier')).toBe(lab.serverAddress)
    expect(await variable('interface')).toBe(lab.captureInterface)
    expect(await page.getByTestId('client-servers').textContent()).toContain(`${lab.serverAddress} (`)
    const types = await page.getByTestId('client-timeline').locator('.timeline-row .t-type').allTextContents()
    expect(types).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK', 'RELEASE'])
    // The broadcast flag: Kea broadcast its answers.
    expect(await page.getByTestId('client-timeline').locator('.timeline-row[data-frame="2"]').textContent()).toContain('→ 255.255.255.255')
    // Kea gave what the request list asked for, not the domain search list it also has.
    expect(await variable('new_domain_name')).toBe('lab.fieldkit.test')
    expect(await page.getByTestId('client-variables').locator('[data-variable="new_domain_search"]').count()).toBe(0)
    expect(await page.getByTestId('client-runs').locator('li').count()).toBe(1)
    await page.screenshot({ path: `${artifactsDir}test-client.png` })
  })

  it('opens a packet of the timeline in the packet view', async () => {
    await page.getByTestId('client-timeline').locator('.timeline-row[data-frame="4"]').click()
    const selected = page.locator('.row.selected')
    await selected.waitFor()
    expect(await selected.getAttribute('data-frame')).toBe('4')
    expect(await selected.locator('.c-info').textContent()).toMatch(/^DHCP Ack/)
    expect(await page.getByTestId('capture-title').textContent()).toContain('Test client dora on')
    await page.getByTestId('field-tree').getByText('Your (client) IP address').first().waitFor()
    // The DISCOVER carries the parameters as sent.
    await page.locator('.row[data-frame="1"]').click()
    const tree = page.getByTestId('field-tree')
    await tree.getByText('fieldkit-e2e.lab.fieldkit.test (flags 0x05)').first().waitFor()
    expect(await tree.textContent()).toContain('Seconds elapsed: 12')
    expect(errors).toEqual([])
  })
})
