// The Kea view's console history and configuration apply, in Chromium against the real `fieldkit serve` and the lab:
// a command sent in a session is there again after the page is reloaded and the session reopened (its secret
// argument shown as *****), and recalled into the editor; an edited configuration is applied only after the dialog
// showing its diff against the running one is confirmed (cancel sends nothing), and config-get sees the change;
// Reload, confirmed the same way, reads the lab's file again.
// The lab's own DHCPv4 configuration is set back afterwards.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeaCommandAnswer } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'
import { testEngine } from '../helpers/engine'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable() ?? browserAppUnavailable()
const TYPED_SECRET = 'e2e-console-secret'

let opened: AppPage | undefined
let page: Page
let errors: string[] = []
/** An engine of the test's own on the lab, to read and set back the running configuration. */
let engine: Engine
let original: Record<string, unknown> | null = null

const labCommand = (command: string, args?: Record<string, unknown>) =>
  engine.dispatch('kea.command', { profileId: 'lab', command, service: 'dhcp4', ...(args && { arguments: args }), confirmed: true }) as Promise<KeaCommandAnswer>
const runningLifetime = async () => ((await labCommand('config-get')).arguments as { Dhcp4: Record<string, unknown> }).Dhcp4['valid-lifetime']

async function openKea(url: string) {
  await page.goto(url)
  await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
  await page.getByRole('button', { name: 'Kea', exact: true }).click()
  await page.locator('.kea-profile[data-profile="lab"]').waitFor()
}

describe.skipIf(unavailable !== null)(`Kea console history and configuration apply in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    opened = await openAppPage({ lab: true })
    ;({ page, errors } = opened)
    engine = testEngine()
    original = (await labCommand('config-get')).arguments as Record<string, unknown>
  })
  afterAll(async () => {
    try {
      if (original) expect((await labCommand('config-set', original)).result).toBe(0)
    } finally {
      engine?.close()
      await opened?.close()
    }
  })

  it('keeps a console command in the session: after a reload, the reopened session shows it, its secret hidden, and recalls it', async () => {
    const url = opened!.app.url
    await openKea(url)
    await page.getByTestId('kea-test').click()
    await page.getByTestId('kea-test-summary').waitFor({ timeout: 20000 })
    const note = page.locator('[data-testid="kea-status-history"] [data-testid="kea-session-note"]')
    await note.getByTestId('kea-keep-history').click()
    await note.filter({ hasText: /kept in the session “Kea lab readings / }).waitFor()
    const sessionName = (await note.textContent())!.match(/“(.+)”/)![1]

    await page.getByTestId('kea-tab-console').click()
    await page.getByTestId('kea-console-service').selectOption('dhcp4')
    await page.getByTestId('kea-console-command').selectOption('status-get')
    await page.getByTestId('kea-console-arguments').fill(`{ "password": "${TYPED_SECRET}" }`)
    await page.getByTestId('kea-console-send').click()
    const sent = page.locator('[data-testid="kea-console-entry"][data-command="status-get"]')
    await sent.first().waitFor({ timeout: 20000 })
    expect(await sent.count()).toBe(1)

    await page.reload()
    await openKea(url)
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    await page.getByTestId('session-list').locator('li', { hasText: sessionName }).click()
    await page.getByRole('button', { name: 'Kea', exact: true }).click()
    await page.getByTestId('kea-tab-console').click()
    const kept = page.locator('[data-testid="kea-console-entry"][data-command="status-get"]')
    await kept.first().waitFor({ timeout: 20000 })
    expect(await kept.count()).toBe(1)
    expect(await kept.getByTestId('kea-console-result').getAttribute('data-result')).toBe('0')
    expect(await kept.getByTestId('kea-console-sent').textContent()).toBe('{"password":"*****"}')
    expect(await kept.getByTestId('kea-console-arguments-answer').textContent()).toMatch(/"pid": \d+/)
    expect(await page.content()).not.toContain(TYPED_SECRET)

    await page.getByTestId('kea-console-command').selectOption('version-get')
    await kept.getByTestId('kea-console-recall').click()
    expect(await page.getByTestId('kea-console-command').inputValue()).toBe('status-get')
    expect(JSON.parse(await page.getByTestId('kea-console-arguments').inputValue())).toEqual({ password: '*****' })
    await page.getByTestId('kea-console').screenshot({ path: `${artifactsDir}kea-console-history.png` })
  })

  it('applies an edited configuration only once its diff is confirmed: cancel sends nothing, confirm sets it', async () => {
    await page.getByTestId('kea-tab-review').click()
    await page.getByTestId('kea-config-service').selectOption('dhcp4')
    await page.getByTestId('kea-config-load').click()
    const editor = page.getByTestId('kea-config-text')
    await editor.waitFor({ timeout: 20000 })
    // The global lifetime (Dhcp4's own keys are indented by four spaces; its subnets' copies deeper).
    const text = await editor.inputValue()
    expect(text).toMatch(/\n {4}"valid-lifetime": 600\n/)
    await editor.fill(text.replace(/\n {4}"valid-lifetime": 600\n/, '\n    "valid-lifetime": 601\n'))

    const dialog = page.getByTestId('kea-apply-confirm')
    await page.getByTestId('kea-config-apply').click()
    await dialog.waitFor({ timeout: 20000 })
    expect(await dialog.locator('h3').textContent()).toBe('Send config-set to dhcp4?')
    const diff = dialog.getByTestId('kea-config-diff')
    expect(await diff.locator('.diff-removed').allTextContents()).toEqual(['-    "valid-lifetime": 600\n'])
    expect(await diff.locator('.diff-added').allTextContents()).toEqual(['+    "valid-lifetime": 601\n'])
    await dialog.screenshot({ path: `${artifactsDir}kea-config-apply-confirm.png` })
    await page.getByTestId('kea-config-check').screenshot({ path: `${artifactsDir}kea-config-apply.png` })

    await page.getByTestId('kea-apply-cancel').click()
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByTestId('kea-config-applied').count()).toBe(0)
    expect(await runningLifetime()).toBe(600)

    await page.getByTestId('kea-config-apply').click()
    await dialog.waitFor({ timeout: 20000 })
    await page.getByTestId('kea-apply-send').click()
    const answer = page.locator('[data-testid="kea-config-applied-answer"][data-command="config-set"]')
    await answer.waitFor({ timeout: 20000 })
    expect(await answer.getAttribute('data-result')).toBe('0')
    expect(await runningLifetime()).toBe(601)

    // Reload reads the lab's file (600) again, once its dialog is confirmed.
    await page.getByTestId('kea-config-reload').click()
    await page.locator('[data-testid="kea-apply-confirm"][data-action="reload"]').waitFor({ timeout: 20000 })
    expect(await dialog.locator('h3').textContent()).toBe('Send config-reload to dhcp4?')
    await page.getByTestId('kea-apply-send').click()
    const reloaded = page.locator('[data-testid="kea-config-applied-answer"][data-command="config-reload"]')
    await reloaded.waitFor({ timeout: 20000 })
    expect(await reloaded.getAttribute('data-result')).toBe('0')
    expect(await runningLifetime()).toBe(600)
    expect(errors).toEqual([])
  })
})
