// The app as a user meets it in browser mode: the real `fieldkit serve` process, Debian's Chromium, a real capture.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { browserAppUnavailable, startBrowserApp } from '../helpers/browser-app'
import { corpusDir } from '../helpers/corpus'
import { artifactsDir, launchChromium } from '../helpers/chromium'

const unavailable = browserAppUnavailable()

let app: Awaited<ReturnType<typeof startBrowserApp>>
let url: string
let browser: Browser
let page: Page

describe.skipIf(unavailable !== null)(`browser mode in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    app = await startBrowserApp()
    url = app.url
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } })
  })
  afterAll(async () => {
    await browser?.close()
    app?.stop()
  })

  it('opens a capture, lists its packets, decodes a field and highlights its bytes', async () => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
    await page.goto(url)
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    expect(page.url()).not.toContain('token=')

    await page.getByTestId('file-input').setInputFiles(`${corpusDir}tcpdump__dhcp-rfc4388.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '54 packets' }).waitFor()
    // Frame 2 of this capture is ICMP; frame 3 is the server's Offer (see its .summary.tsv).
    const offer = page.locator('.row[data-frame="3"]')
    await expect.poll(() => offer.locator('.c-info').textContent()).toBe('DHCP Offer - Transaction ID 0x3cd0af7e')
    // The session is listed after the capture's first rows show, so the status bar names it a moment later.
    await expect.poll(() => page.getByTestId('session-name').textContent()).toContain('tcpdump__dhcp-rfc4388.pcap')

    await offer.click()
    const tree = page.getByTestId('field-tree')
    await tree.getByText('Dynamic Host Configuration Protocol (Offer)').waitFor()
    const yiaddr = tree.locator('.node', { hasText: 'Your (client) IP address' })
    const value = (await yiaddr.locator('.value').textContent())!.replace(/^: /, '')
    expect(value).toBe('10.30.4.4')
    await yiaddr.click()
    const highlighted = await page.getByTestId('hex-pane').locator('.hex-bytes .byte.hl').allTextContents()
    expect(highlighted.map((h) => parseInt(h, 16)).join('.')).toBe(value)

    // And back: clicking a byte selects the field it belongs to.
    await page.getByTestId('hex-pane').locator('.byte[data-offset="0"]').click()
    await expect.poll(() => tree.locator('.node.selected').allTextContents()).toEqual([expect.stringContaining('Destination')])

    await page.screenshot({ path: `${artifactsDir}browser-mode-packet.png` })
    expect(errors).toEqual([])
  })

  it('names the problem when the file is not a capture', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a capture') })
    const alert = page.getByRole('alert')
    await alert.waitFor()
    const text = (await alert.textContent())!
    expect(text).toMatch(/^notes\.txt is not a pcap or pcapng capture/)
    // An error names the file and never shows its contents ("not a capture" is 6e6f7420… in hex).
    expect(text).not.toMatch(/not a capture|6e6f7420/)
  })

  it('switches views with Ctrl+1..6 and cycles the theme with Ctrl+Shift+L', async () => {
    await page.keyboard.press('Control+3')
    await page.getByRole('heading', { name: 'Kea', exact: true }).waitFor()
    await page.keyboard.press('Control+1')
    await page.getByTestId('capture-title').waitFor()
    const shell = page.locator('.shell')
    await page.keyboard.press('Control+Shift+L')
    await expect.poll(() => shell.getAttribute('class')).toContain('theme-light')
    await page.keyboard.press('Control+Shift+L')
    await expect.poll(() => shell.getAttribute('class')).toContain('theme-dark')
    await page.screenshot({ path: `${artifactsDir}browser-mode-dark.png` })
    await page.keyboard.press('Control+Shift+L')
    await expect.poll(() => shell.getAttribute('class')).not.toMatch(/theme-/)
  })

  it('lists the session and reopens its capture', async () => {
    await page.getByRole('button', { name: 'Sessions' }).click()
    await page.getByTestId('session-list').getByText('tcpdump__dhcp-rfc4388.pcap').click()
    await page.getByRole('button', { name: 'tcpdump__dhcp-rfc4388.pcap' }).click()
    await page.getByTestId('capture-title').filter({ hasText: '54 packets' }).waitFor()
    await page.screenshot({ path: `${artifactsDir}browser-mode-session.png` })
  })

  it('keeps the token from every other server on 127.0.0.1, and across a reload of its own tab', async () => {
    const seen: string[] = []
    const other = createServer((request, response) => {
      seen.push(JSON.stringify(request.headers))
      response.end('another local server')
    })
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done))
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`
    try {
      // The app's CSP lets its page reach its own server only…
      await expect(page.evaluate((target) => fetch(target, { mode: 'no-cors', credentials: 'include' }), otherUrl)).rejects.toThrow(/Failed to fetch/)
      // …and the browser, visiting the other server, sends it nothing of ours.
      await page.goto(otherUrl)
      expect(seen.length).toBeGreaterThanOrEqual(1)
      const token = new URL(url).hash.replace('#token=', '')
      expect(seen.join('\n')).not.toContain(token)
      expect(await page.context().cookies()).toEqual([])
    } finally {
      other.close()
    }
    // Back in the same tab, without the token in the URL: the tab still holds it.
    await page.goto(new URL(url).origin + '/')
    await page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
    // A new tab without it is told what to do.
    const stranger = await browser.newPage()
    await stranger.goto(new URL(url).origin + '/')
    await stranger.getByRole('alert').filter({ hasText: 'This tab has no access token' }).waitFor()
    await stranger.close()
  })
})
