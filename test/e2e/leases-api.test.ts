// The Leases view on the lab's Kea in Chromium: the API's table beside the lab's memfile, differences marked when
// compared, and a lease deleted through the API after its confirmation (never from the memfile's table).
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendCommand } from '../../electron/engine/kea/kea-client'
import { controlAgentUrl } from '../../electron/lab/topology'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable() ?? browserAppUnavailable()
const agent = { kind: 'http' as const, url: controlAgentUrl }
const ADDRESS = '192.0.2.246'
const MAC = '02:00:5e:40:60:01'

let opened: AppPage | undefined
let page: Page
const counts = () => page.getByTestId('lease-counts').locator('span').first().textContent()

describe.skipIf(unavailable !== null)(`Leases view on the lab in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    page = opened.page
    await sendCommand(agent, { command: 'lease4-del', service: 'dhcp4', arguments: { 'ip-address': ADDRESS } })
    const added = await sendCommand(agent, { command: 'lease4-add', service: 'dhcp4', arguments: { 'ip-address': ADDRESS, 'hw-address': MAC, hostname: 'e2e-delete-me', 'subnet-id': 1 } })
    expect(added.result, added.text).toBe(0)
  }, 60_000)
  afterAll(async () => {
    await sendCommand(agent, { command: 'lease4-del', service: 'dhcp4', arguments: { 'ip-address': ADDRESS } }).catch(() => undefined)
    await opened?.close()
  })

  it('compares the API with the memfile and deletes a lease through the API once confirmed', async () => {
    await page.goto(opened!.app.url)
    await page.getByRole('button', { name: 'Leases', exact: true }).click()
    await page.getByTestId('lease-open-memfile-kea-leases4.csv').click()
    await page.locator('.lease-tab').filter({ hasText: 'memfile kea-leases4.csv' }).waitFor()
    await page.getByTestId('lease-open-api-lab-4').click()
    await page.locator('.lease-tab button.active').filter({ hasText: 'api Kea lab' }).waitFor()
    await page.getByTestId('lease-search').fill('e2e-delete-me')
    await page.getByTestId('lease-search').press('Enter')
    await expect.poll(counts, { timeout: 20_000 }).toMatch(/^1 shown of /)
    await page.getByTestId('lease-compare').selectOption({ label: 'memfile kea-leases4.csv' })
    const row = page.locator(`[data-testid="lease-row"][data-address="${ADDRESS}"]`)
    await expect.poll(() => row.locator('[data-column="difference"]').textContent(), { timeout: 10_000 }).toBe('')

    await row.click()
    await page.getByTestId('lease-delete').click()
    await page.screenshot({ path: `${artifactsDir}leases-delete-confirm.png` })
    await page.getByTestId('lease-delete-confirm').click()
    await expect.poll(async () => (await sendCommand(agent, { command: 'lease4-get', service: 'dhcp4', arguments: { 'ip-address': ADDRESS } })).result, { timeout: 10_000 }).toBe(3)
    await expect.poll(counts, { timeout: 10_000 }).toMatch(/^0 shown of /)
    expect(opened!.errors).toEqual([])
  }, 90_000)
})
