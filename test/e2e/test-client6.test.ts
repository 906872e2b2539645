// The Test client view's DHCPv6 half in Chromium against the real `fieldkit serve` and the Kea lab: switch to DHCPv6,
// run a SARR for an address and a delegated prefix on the lab's bridge, see BOUND6, dhclient -6's variables, the
// server and the packets, and open the REPLY in the packet view. MAC 02:00:5e:10:00:60.
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

describe.skipIf(unavailable !== null)(`DHCPv6 test client in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    ;({ page, errors } = opened)
  })
  afterAll(async () => {
    await opened?.close()
  })

  it('runs a SARR with IA_NA and IA_PD on the lab\'s bridge: BOUND6, the variables, the server, the packets', async () => {
    await page.goto(opened!.app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Test client' }).click()
    const form = page.getByTestId('client-form')
    await form.locator(`[data-iface="${lab.captureInterface}"] input`).check()
    await page.getByTestId('client-family-6').check()
    // Switching the family starts at its SARR, with its own fields and none of DHCPv4's.
    expect(await page.getByTestId('client-mode-sarr').isChecked()).toBe(true)
    expect(await page.getByTestId('client-hostname').count()).toBe(0)
    await page.getByTestId('client-ia-pd').check()
    await page.getByTestId('client-mac').fill('02:00:5e:10:00:60')
    await page.getByTestId('client-duid-type').selectOption('ll')
    await page.getByTestId('client-run').click()

    const result = page.getByTestId('client-result')
    await result.waitFor({ timeout: 30000 })
    expect(await result.getAttribute('data-reason')).toBe('BOUND6')
    expect(await page.getByTestId('client-message').textContent()).toMatch(/^Bound 2001:db8:1::[0-9a-f]+, 2001:db8:8000:(?:[0-9a-f]{1,2}00:)?:\/56 from fe80::[0-9a-f:]+; the lease was released\.$/)
    const variable = (name: string) => page.getByTestId('client-variables').locator(`[data-variable="${name}"] td`).textContent()
    expect(await variable('new_ip6_address')).toMatch(/^2001:db8:1::[0-9a-f]+$/)
    expect(await variable('new_ip6_prefix')).toMatch(/^2001:db8:8000:(?:[0-9a-f]{1,2}00:)?:\/56$/)
    expect(await variable('new_dhcp6_client_id')).toBe('0:3:0:1:2:0:5e:10:0:60')
    expect(await variable('new_dhcp6_name_servers')).toBe(lab.serverAddress6)
    expect(await page.getByTestId('client-servers').textContent()).toContain('DUID 0002000009bf6669656c646b6974')
    const types = await page.getByTestId('client-timeline').locator('.timeline-row .t-type').allTextContents()
    expect(types).toEqual(['SOLICIT', 'ADVERTISE', 'REQUEST', 'REPLY', 'RELEASE', 'REPLY'])
    await page.screenshot({ path: `${artifactsDir}test-client6.png` })
  })

  it('opens the REPLY of the timeline in the packet view, decoded as DHCPv6', async () => {
    await page.getByTestId('client-timeline').locator('.timeline-row[data-frame="4"]').click()
    const selected = page.locator('.row.selected')
    await selected.waitFor()
    expect(await selected.getAttribute('data-frame')).toBe('4')
    expect(await selected.locator('.c-info').textContent()).toMatch(/^Reply/)
    expect(await page.getByTestId('capture-title').textContent()).toContain('Test client sarr on')
    await page.getByTestId('field-tree').getByText('Identity Association for Prefix Delegation').first().waitFor()
    expect(errors).toEqual([])
  })
})
