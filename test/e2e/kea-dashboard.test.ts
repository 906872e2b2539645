// The Kea view as a technician uses it, in Chromium against the real `fieldkit serve` and the Kea lab: the lab's
// connection offered and selected, Test connection naming the Control Agent and both servers, a status card per
// server with its pid, this machine's keactrl and systemctl as `kea local` tells them, the status readings kept in a
// session and drawn as a history strip, the console running status-get and asking before lease4-del, and a
// connection of one's own to the lab's HTTPS agent, its certificates picked as files.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labStatus } from '../../electron/lab/lab'
import { labTls } from '../../electron/lab/lab-tls'
import { controlAgentTlsUrl, lab } from '../../electron/lab/topology'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import type { KeaLocalServices } from '../../electron/contract/types'
import { artifactsDir } from '../helpers/chromium'
import { runFieldkit } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable() ?? browserAppUnavailable()

let opened: AppPage | undefined
let app: AppPage['app']
let page: Page
let errors: string[] = []

describe.skipIf(unavailable !== null)(`Kea view in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    ;({ app, page, errors } = opened)
  })
  afterAll(async () => {
    await opened?.close()
  })

  it('offers the lab\'s connection, selected, and Test connection finds the Control Agent and both servers', async () => {
    await page.goto(app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByRole('button', { name: 'Kea', exact: true }).click()
    const labProfile = page.locator('.kea-profile[data-profile="lab"]')
    await labProfile.waitFor()
    expect(await labProfile.textContent()).toContain('Kea lab')
    expect(await labProfile.locator('input[type="radio"]').isChecked()).toBe(true)

    await page.getByTestId('kea-test').click()
    const summary = page.getByTestId('kea-test-summary')
    await summary.waitFor({ timeout: 20000 })
    expect(await summary.textContent()).toMatch(/Control Agent .*dhcp4 up.*dhcp6 up/)
    const findings = page.getByTestId('kea-test-findings')
    for (const service of ['dhcp4', 'dhcp6']) {
      expect(await findings.locator(`[data-service="${service}"] .kea-state`).textContent()).toBe('up')
    }
    await page.screenshot({ path: `${artifactsDir}kea-connection.png` })
  })

  it('shows a status card per server, dhcp4 and dhcp6 up with their pids', async () => {
    const pids = labStatus().services
    for (const service of ['dhcp4', 'dhcp6'] as const) {
      const card = page.locator(`[data-testid="kea-service-card"][data-service="${service}"]`)
      await card.waitFor({ timeout: 20000 })
      expect(await card.getByTestId('kea-service-state').textContent()).toBe('up')
      expect(await card.getByTestId('kea-service-pid').textContent()).toBe(String(pids[service].pid))
    }
    await page.screenshot({ path: `${artifactsDir}kea-status.png` })
  })

  it('says what keactrl and systemctl tell of this machine\'s Kea, as `kea local` does', async () => {
    const local = JSON.parse(runFieldkit(['kea', 'local', '--json']).stdout) as KeaLocalServices
    const card = page.getByTestId('kea-local-services')
    await card.locator('h4', { hasText: 'systemd' }).waitFor({ timeout: 20000 })
    for (const [part, report] of [['keactrl', local.keactrl], ['systemd', local.systemd]] as const) {
      if (report.problem) expect(await card.getByTestId(`kea-local-${part}-problem`).textContent()).toBe(report.problem)
      else expect(await card.getByTestId(`kea-local-${part}`).locator('dt').allTextContents()).toEqual('servers' in report ? report.servers.map((s) => s.name) : report.units.map((u) => u.unit))
    }
    await card.screenshot({ path: `${artifactsDir}kea-local-services.png` })
  })

  it('keeps the status readings in a session once asked, and draws their history', async () => {
    const note = page.locator('[data-testid="kea-status-history"] [data-testid="kea-session-note"]')
    expect(await note.textContent()).toContain('Status readings are not kept: no session is open.')
    await note.getByTestId('kea-keep-history').click()
    await note.filter({ hasText: /Status readings are kept in the session “Kea lab readings / }).waitFor()
    const dhcp4 = page.locator('[data-testid="kea-status-strip"][data-service="dhcp4"]')
    // The cards are read every 5 s: the strip grows a cell at each reading.
    await dhcp4.getByTestId('kea-status-strip-summary').filter({ hasText: /^([2-9]|\d\d+) readings from .+: (up throughout|restarted \S+( times)?)\.$/ }).waitFor({ timeout: 30000 })
    expect(await dhcp4.locator('.kea-strip-cell.up').count()).toBeGreaterThanOrEqual(2)
    expect(await page.locator('[data-testid="kea-status-strip"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service')))).toEqual(['ctrl-agent', 'dhcp4', 'dhcp6'])
    await page.getByTestId('kea-status').screenshot({ path: `${artifactsDir}kea-status-history.png` })
  })

  it('runs status-get on dhcp4 in the console and shows result 0', async () => {
    await page.getByTestId('kea-tab-console').click()
    await page.getByTestId('kea-console-service').selectOption('dhcp4')
    await page.getByTestId('kea-console-command').selectOption('status-get')
    await page.getByTestId('kea-console-send').click()
    const entry = page.locator('[data-testid="kea-console-entry"][data-command="status-get"]').first()
    await entry.waitFor({ timeout: 20000 })
    expect(await entry.getByTestId('kea-console-result').getAttribute('data-result')).toBe('0')
    expect(await entry.getByTestId('kea-console-result').textContent()).toContain('success')
    expect(await entry.getByTestId('kea-console-arguments-answer').textContent()).toMatch(/"pid": \d+/)
    await page.screenshot({ path: `${artifactsDir}kea-console.png` })
  })

  it('asks before lease4-del, showing its arguments, and sends nothing when cancelled', async () => {
    await page.getByTestId('kea-console-command').selectOption('lease4-del')
    const args = page.getByTestId('kea-console-arguments')
    expect(JSON.parse(await args.inputValue())).toEqual({ 'ip-address': '192.0.2.100' })
    await args.fill('{ "ip-address": ')
    expect(await page.getByTestId('kea-console-arguments-error').textContent()).toMatch(/^Not JSON/)
    expect(await page.getByTestId('kea-console-send').isDisabled()).toBe(true)
    await args.fill('{ "ip-address": "192.0.2.250" }')

    const entries = page.getByTestId('kea-console-entry')
    const before = await entries.count()
    await page.getByTestId('kea-console-send').click()
    const confirm = page.getByTestId('kea-confirm')
    await confirm.waitFor()
    expect(await confirm.textContent()).toContain('Send lease4-del to dhcp4?')
    expect(JSON.parse(await confirm.getByTestId('kea-confirm-arguments').textContent() ?? '')).toEqual({ 'ip-address': '192.0.2.250' })
    await page.screenshot({ path: `${artifactsDir}kea-confirm.png` })
    await page.getByTestId('kea-confirm-cancel').click()
    await confirm.waitFor({ state: 'detached' })
    expect(await entries.count()).toBe(before)
  })

  it('adds an HTTPS connection with PEM files read in the page, tests it before saving, saves and deletes it', async () => {
    await page.getByTestId('kea-add-profile').click()
    const form = page.getByTestId('kea-profile-form')
    await form.getByTestId('kea-form-name').fill('lab by hand')
    await form.getByTestId('kea-form-url').fill(controlAgentTlsUrl)
    await form.getByTestId('kea-form-user').fill(lab.apiUser)
    await form.getByTestId('kea-form-password').fill(lab.apiPassword)
    await form.getByTestId('kea-form-ca').setInputFiles(labTls.ca)
    await form.getByTestId('kea-form-cert').setInputFiles(labTls.clientCert)
    await form.getByTestId('kea-form-key').setInputFiles(labTls.clientKey)
    expect(await form.getByTestId('kea-remember-note').textContent()).toContain('in memory only')

    await form.getByTestId('kea-form-test').click()
    const summary = form.getByTestId('kea-test-summary')
    await summary.waitFor({ timeout: 20000 })
    expect(await summary.textContent()).toContain('Found a Kea Control Agent')
    await page.screenshot({ path: `${artifactsDir}kea-profile-form.png` })

    await form.getByTestId('kea-form-save').click()
    await form.waitFor({ state: 'detached' })
    const saved = page.locator('.kea-profile.chosen')
    expect(await saved.textContent()).toContain('lab by hand')
    // What the user typed stays with the engine: nothing of it in the page's storage.
    expect(await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).not.toContain(lab.apiPassword)
    await page.getByTestId('kea-test-summary').waitFor({ timeout: 20000 })
    expect(await page.getByTestId('kea-test-summary').textContent()).toContain('dhcp4 up')
    await page.screenshot({ path: `${artifactsDir}kea-own-connection.png` })

    await saved.getByRole('button', { name: 'Delete' }).click()
    await saved.getByRole('button', { name: 'Delete', exact: true }).click()
    await page.locator('.kea-profile', { hasText: 'lab by hand' }).waitFor({ state: 'detached' })
    expect(await page.locator('.kea-profile.chosen').getAttribute('data-profile')).toBe('lab')
    expect(errors).toEqual([])
  })
})
