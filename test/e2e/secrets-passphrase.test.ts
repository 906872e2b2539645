// Browser mode's passphrase-protected secrets, in Chromium against the real `fieldkit serve` and the lab's HTTPS
// Control Agent (basic auth and a client certificate): a connection of one's own saved with its password and key in a
// new passphrase file; `fieldkit serve` restarted on the same data folder; the saved connection then says the file is
// locked and asks to unlock before it connects, refuses a wrong passphrase with a sentence, and connects once unlocked;
// the command line opens the same file only with the passphrase; "Forgot it?" deletes it after a second confirmation.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labStatus, labUp } from '../../electron/lab/lab'
import { labTls } from '../../electron/lab/lab-tls'
import { controlAgentTlsUrl, lab } from '../../electron/lab/topology'
import { SECRETS_FILE } from '../../electron/engine/secrets/browser-secret-store'
import { browserAppUnavailable, startBrowserApp } from '../helpers/browser-app'
import { artifactsDir, launchChromium } from '../helpers/chromium'
import { runFieldkit } from '../helpers/fieldkit'
import { tempDataDir } from '../helpers/engine'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable() ?? browserAppUnavailable()
const PASSPHRASE = 'lab passphrase for field kit e2e'
/** The client key's body: what must not be readable in the secrets file. */
const keyBody = () => readFileSync(labTls.clientKey, 'utf8').split('\n')[1]

let browser: Browser
let page: Page
let serving: Awaited<ReturnType<typeof startBrowserApp>> | undefined
const errors: string[] = []
const dataDir = tempDataDir()

async function openKea(url: string) {
  await page.goto(url)
  await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
  await page.getByRole('button', { name: 'Kea', exact: true }).click()
  await page.getByTestId('kea-profiles').locator('.kea-profile').first().waitFor()
}

/** Stops the server and waits until its port no longer answers, so the next one is alone with the data folder. */
async function stopServing() {
  if (!serving) return
  const { url, stop } = serving
  serving = undefined
  stop()
  for (;;) {
    try {
      await fetch(url)
      await new Promise((done) => setTimeout(done, 100))
    } catch {
      return
    }
  }
}

describe.skipIf(unavailable !== null)(`Passphrase-protected secrets in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    // The lab is shared: brought up if it is not, and left up either way.
    if (!labStatus().up) await labUp()
    serving = await startBrowserApp(dataDir)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } })
    page.on('pageerror', (error) => errors.push(error.message))
  })
  afterAll(async () => {
    await browser?.close()
    await stopServing()
  })

  it('saves a connection\'s password and key into a new passphrase file, with no clear text in it', async () => {
    await openKea(serving!.url)
    expect(await page.getByTestId('secrets-status').textContent()).toContain('Secrets: in memory until quit')
    await page.getByTestId('kea-add-profile').click()
    const form = page.getByTestId('kea-profile-form')
    const typed = { name: 'lab kept by passphrase', url: controlAgentTlsUrl, user: lab.apiUser, password: lab.apiPassword }
    for (const [field, value] of Object.entries(typed)) await form.getByTestId(`kea-form-${field}`).fill(value)
    const picked = { ca: labTls.ca, cert: labTls.clientCert, key: labTls.clientKey }
    for (const [field, file] of Object.entries(picked)) await form.getByTestId(`kea-form-${field}`).setInputFiles(file)
    await form.getByTestId('kea-form-passphrase-file').check()
    expect(await form.getByTestId('kea-form-remember').isChecked()).toBe(true)
    await form.getByTestId('kea-form-save').click()

    const dialog = page.getByTestId('passphrase-dialog')
    await dialog.waitFor()
    await dialog.getByTestId('passphrase-input').fill('short')
    await dialog.getByTestId('passphrase-repeat').fill('short')
    await dialog.getByTestId('passphrase-submit').click()
    // The browser's own minlength check holds the form: nothing reached the engine, the dialog stays.
    expect(await dialog.isVisible()).toBe(true)
    await dialog.getByTestId('passphrase-input').fill(PASSPHRASE)
    await dialog.getByTestId('passphrase-repeat').fill(PASSPHRASE)
    await page.screenshot({ path: `${artifactsDir}secrets-passphrase-create.png` })
    await dialog.getByTestId('passphrase-submit').click()
    await dialog.waitFor({ state: 'detached' })
    await form.waitFor({ state: 'detached' })

    const saved = page.locator('.kea-profile.chosen')
    expect(await saved.textContent()).toContain('lab kept by passphrase')
    expect(await saved.textContent()).not.toContain('secrets until quit')
    await page.getByTestId('kea-test-summary').waitFor({ timeout: 20000 })
    expect(await page.getByTestId('kea-test-summary').textContent()).toContain('dhcp4 up')
    expect(await page.getByTestId('secrets-status').textContent()).toContain('passphrase file, unlocked')

    const file = readFileSync(join(dataDir, SECRETS_FILE))
    for (const secret of [lab.apiPassword, PASSPHRASE, keyBody()]) {
      expect(file.includes(Buffer.from(secret))).toBe(false)
      expect(file.includes(Buffer.from(Buffer.from(secret).toString('base64')))).toBe(false)
    }
    expect(await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })')).not.toContain(PASSPHRASE)
  })

  it('after `fieldkit serve` restarts, asks to unlock before the saved connection connects, and connects once unlocked', async () => {
    await stopServing()
    serving = await startBrowserApp(dataDir)
    await openKea(serving.url)
    expect(await page.getByTestId('secrets-status').textContent()).toContain('passphrase file, locked')
    await page.locator('.kea-profile', { hasText: 'lab kept by passphrase' }).click()
    const failure = page.getByTestId('kea-test-failure')
    await failure.waitFor({ timeout: 20000 })
    expect(await failure.textContent()).toMatch(/^The saved passwords and keys are in a passphrase-protected file that is locked: unlock it with its passphrase/)
    await page.screenshot({ path: `${artifactsDir}secrets-passphrase-locked.png` })

    await page.getByTestId('kea-test-unlock').click()
    const dialog = page.getByTestId('passphrase-dialog')
    await dialog.waitFor()
    expect(await dialog.getByTestId('passphrase-reason').textContent()).toContain('locked')
    await dialog.getByTestId('passphrase-input').fill(`${PASSPHRASE} nope`)
    await dialog.getByTestId('passphrase-submit').click()
    const problem = dialog.getByTestId('passphrase-problem')
    await problem.waitFor({ timeout: 20000 })
    expect(await problem.textContent()).toMatch(/^That passphrase does not open the secrets file .* forget the file and enter them again\.$/)
    expect(await problem.textContent()).not.toContain(PASSPHRASE)
    await page.screenshot({ path: `${artifactsDir}secrets-passphrase-wrong.png` })

    await dialog.getByTestId('passphrase-input').fill(PASSPHRASE)
    await dialog.getByTestId('passphrase-submit').click()
    await dialog.waitFor({ state: 'detached', timeout: 20000 })
    const summary = page.getByTestId('kea-test-summary')
    await summary.waitFor({ timeout: 20000 })
    expect(await summary.textContent()).toMatch(/Control Agent .*dhcp4 up/)
    expect(await page.getByTestId('secrets-status').textContent()).toContain('passphrase file, unlocked')
    await page.screenshot({ path: `${artifactsDir}secrets-passphrase-unlocked.png` })

    await page.getByTestId('secrets-lock').click()
    await page.getByTestId('secrets-unlock').waitFor()
    expect(await page.getByTestId('secrets-status').textContent()).toContain('passphrase file, locked')
    expect(errors).toEqual([])
  })

  it('opens the same file from the command line only with the passphrase in $FIELDKIT_SECRETS_PASSPHRASE', () => {
    const saved = { dataDir: process.env.FIELDKIT_DATA_DIR, passphrase: process.env.FIELDKIT_SECRETS_PASSPHRASE }
    process.env.FIELDKIT_DATA_DIR = dataDir
    try {
      delete process.env.FIELDKIT_SECRETS_PASSPHRASE
      expect(JSON.parse(runFieldkit(['secrets', 'status', '--json']).stdout)).toMatchObject({ kind: 'passphrase', locked: true })
      const locked = runFieldkit(['kea', 'test', '--profile', 'lab kept by passphrase'])
      expect([locked.code, locked.stderr]).toEqual([2, 'fieldkit: the passwords and keys of "lab kept by passphrase" are in the passphrase-protected secrets file: give its passphrase in $FIELDKIT_SECRETS_PASSPHRASE.\n'])

      process.env.FIELDKIT_SECRETS_PASSPHRASE = 'not the passphrase at all'
      const wrong = runFieldkit(['secrets', 'check'])
      expect(wrong.code).toBe(1)
      expect(wrong.stderr).toMatch(/^fieldkit: That passphrase does not open the secrets file/)
      expect(wrong.stderr + wrong.stdout).not.toContain('not the passphrase at all')

      process.env.FIELDKIT_SECRETS_PASSPHRASE = PASSPHRASE
      const tested = runFieldkit(['kea', 'test', '--profile', 'lab kept by passphrase'])
      expect(tested.code).toBe(0)
      expect(tested.stdout).toMatch(/Control Agent .*dhcp4 up/)
      expect(tested.stdout + tested.stderr).not.toContain(PASSPHRASE)
      const forget = runFieldkit(['secrets', 'forget'])
      expect([forget.code, forget.stderr]).toEqual([2, 'fieldkit: forget deletes the secrets file and every password and key in it: add --yes to confirm.\n'])
    } finally {
      for (const [name, value] of [['FIELDKIT_DATA_DIR', saved.dataDir], ['FIELDKIT_SECRETS_PASSPHRASE', saved.passphrase]] as const) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('deletes the file from the unlock prompt\'s "Forgot it?" only after a second confirmation', async () => {
    await page.getByTestId('secrets-unlock').click()
    const dialog = page.getByTestId('passphrase-dialog')
    await dialog.getByTestId('passphrase-forget').click()
    await dialog.getByTestId('passphrase-forget-confirm').waitFor()
    expect(existsSync(join(dataDir, SECRETS_FILE))).toBe(true)
    await page.screenshot({ path: `${artifactsDir}secrets-passphrase-forget.png` })
    await dialog.getByTestId('passphrase-forget-yes').click()
    // The prompt now offers a new file; cancelled, secrets stay in memory.
    await dialog.getByTestId('passphrase-repeat').waitFor()
    expect(existsSync(join(dataDir, SECRETS_FILE))).toBe(false)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByTestId('secrets-status').textContent()).toContain('Secrets: in memory until quit')
  })
})
