// The Capture panel's remote (SSH) side in Chromium against the real `fieldkit serve`, on loopback only: the
// add-host form saves a host through the engine, and the engine's own sentences come back for a host that
// cannot be reached (127.0.0.1 port 1) and for a first-use host key. For the trust prompt a small ssh2 server on
// 127.0.0.1 presents a host key and refuses every login, so the real engine does a real handshake: the panel
// shows that key's fingerprint, Trust records it in the engine's known_hosts, and the refused login is told.
// Capturing over SSH for real is proven in test/lab (OpenSSH inside the lab's namespaces).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { Server, utils } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { artifactsDir } from '../helpers/chromium'

const unavailable = browserAppUnavailable()
/** Typed into the form; it must show up nowhere the renderer keeps things. */
const PASSWORD = 'not-a-real-password-4711'

let opened: AppPage | undefined
let app: AppPage['app']
let page: Page
let sshServer: Server
let sshPort: number
const hostKey = utils.generateKeyPairSync('ed25519')
/** As `ssh-keygen -lf` prints it for the server's public key. */
const fingerprint = `SHA256:${createHash('sha256').update(Buffer.from(hostKey.public.split(' ')[1], 'base64')).digest('base64').replace(/=+$/, '')}`
let errors: string[] = []

async function addHost(port: number) {
  const panel = page.getByTestId('capture-panel')
  await panel.getByTestId('capture-where').selectOption('add')
  const form = panel.getByTestId('remote-host-form')
  await form.getByTestId('remote-host').fill('127.0.0.1')
  await form.getByTestId('remote-port').fill(String(port))
  await form.getByTestId('remote-user').fill('fieldkit')
  await form.getByTestId('remote-auth-password').check()
  await form.getByTestId('remote-password').fill(PASSWORD)
  await form.getByTestId('remote-remember').check()
  return form
}

describe.skipIf(unavailable !== null)(`remote capture form in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    sshServer = new Server({ hostKeys: [hostKey.private] }, (client) => {
      client.on('authentication', (context) => context.reject())
      client.on('error', () => undefined)
    })
    await new Promise<void>((done) => sshServer.listen(0, '127.0.0.1', done))
    sshPort = (sshServer.address() as AddressInfo).port
    opened = await openAppPage()
    ;({ app, page, errors } = opened)
  })
  afterAll(async () => {
    await opened?.close()
    sshServer?.close()
  })

  it('saves a host from the form and says in words that nothing answers there', async () => {
    await page.goto(app.url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    await page.getByTestId('open-capture-panel').click()
    const form = await addHost(1)
    // Browser mode has no keychain: the form says so next to the checkbox.
    expect(await form.getByTestId('remote-remember-note').textContent()).toMatch(/memory only, remembered until the app quits/)
    await page.screenshot({ path: `${artifactsDir}remote-capture-add-host.png` })
    await form.getByTestId('remote-save').click()

    const panel = page.getByTestId('capture-panel')
    const unreachable = page.getByRole('alert').filter({ hasText: 'Nothing accepts SSH connections on 127.0.0.1 port 1' })
    await unreachable.waitFor()
    expect(await panel.getByTestId('capture-where').locator('option:checked').textContent()).toBe('fieldkit@127.0.0.1:1 over SSH')
    expect(await panel.getByTestId('host-secret').textContent()).toMatch(/Password remembered until the app quits/)
    await panel.getByTestId('remote-not-connected').waitFor()
    expect(await panel.getByTestId('capture-start').isDisabled()).toBe(true)
    await page.screenshot({ path: `${artifactsDir}remote-capture-unreachable.png` })
  })

  it('asks to trust a host key seen for the first time, records it on Trust, and tells the refused login', async () => {
    await (await addHost(sshPort)).getByTestId('remote-save').click()
    const prompt = page.getByTestId('host-key-prompt')
    await prompt.waitFor()
    expect(await prompt.getByTestId('host-key-place').textContent()).toBe(`127.0.0.1:${sshPort}`)
    expect(await prompt.getByTestId('host-key-fingerprint').textContent()).toBe(fingerprint)
    expect(await prompt.textContent()).toContain('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub')
    await page.screenshot({ path: `${artifactsDir}remote-capture-trust-host.png` })

    await prompt.getByTestId('host-key-trust').click()
    await page.getByRole('alert').filter({ hasText: 'The server 127.0.0.1 refused the password for user fieldkit' }).waitFor()
    expect(await page.getByTestId('host-key-prompt').count()).toBe(0)
    const knownHosts = readFileSync(join(app.dataDir, 'known_hosts'), 'utf8')
    expect(knownHosts).toContain(`[127.0.0.1]:${sshPort} ${hostKey.public.split(' ').slice(0, 2).join(' ')}`)
  })

  it('reads a private key file as text into the form', async () => {
    const panel = page.getByTestId('capture-panel')
    await panel.getByTestId('capture-where').selectOption('add')
    const form = panel.getByTestId('remote-host-form')
    await form.getByTestId('remote-auth-key').check()
    const key = utils.generateKeyPairSync('ed25519').private
    await form.getByTestId('remote-key-file').setInputFiles({ name: 'id_ed25519', mimeType: 'application/octet-stream', buffer: Buffer.from(key) })
    await expect.poll(() => form.getByTestId('remote-private-key').inputValue()).toBe(key)
    await form.getByRole('button', { name: 'Cancel' }).click()
    await panel.getByTestId('remote-host-form').waitFor({ state: 'detached' })
  })

  it('keeps the password nowhere in the page, and deletes the saved hosts', async () => {
    const stored = await page.evaluate('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.documentElement.outerHTML') as string
    expect(stored).not.toContain(PASSWORD)
    const panel = page.getByTestId('capture-panel')
    for (let left = 2; left > 0; left--) {
      await panel.getByTestId('delete-host').click()
      // Deleting the host chosen goes back to this machine; the next saved host is picked to delete it too.
      await expect.poll(() => panel.getByTestId('capture-where').locator('option').count()).toBe(left + 1)
      if (left > 1) await panel.getByTestId('capture-where').selectOption({ index: 1 })
    }
    expect(await panel.getByTestId('capture-where').inputValue()).toBe('local')
    await panel.getByTestId('interface-picker').waitFor()
    expect(errors).toEqual([])
  })
})
