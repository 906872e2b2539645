// Reading a capture as a technician does, in Chromium against the real `fieldkit serve`: filter with completion,
// a filter mistake pointed at, a field and its bytes, sorting, copying, transactions, statistics and saving; answers
// that arrive late (held back on the WebSocket) not overwriting newer ones; the theme's colours, light and dark.
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWire } from '../../electron/contract/wire'
import { browserAppUnavailable, startBrowserApp } from '../helpers/browser-app'
import { artifactsDir, launchChromium } from '../helpers/chromium'
import { corpusDir, labCapturesDir } from '../helpers/corpus'
import { writeRecordBlocksCapture } from '../helpers/record-blocks-capture'
import { tempDir } from '../helpers/temp'
import { frames as wifiFrames, writeWifiCapture } from '../helpers/wifi-capture'
import { tunnelFrames, writeTunnelCapture } from '../helpers/tunnel-capture'
import { indexCaptureFile } from '../../electron/engine/index/index-file'

const unavailable = browserAppUnavailable()

let app: Awaited<ReturnType<typeof startBrowserApp>>
let browser: Browser
let context: BrowserContext
let page: Page
const errors: string[] = []
// Runs in the page, where `navigator` exists (this file is typed for Node).
const clipboard = () => page.evaluate('navigator.clipboard.readText()') as Promise<string>
const shellBackground = () => page.evaluate('getComputedStyle(document.querySelector(".shell")).backgroundColor') as Promise<string>

interface Call {
  id: number
  method: string
  params: Record<string, unknown>
}

/** Stands between the page and the engine, and can hold back the answer to one call: a slow answer, arriving late. */
class LateAnswer {
  private wanted: ((call: Call) => boolean) | null = null
  private heldId: number | null = null
  private send: (() => void) | null = null
  private readonly calls = new Map<number, Call>()
  state: 'idle' | 'waiting' | 'asked' | 'answered' | 'delivered' = 'idle'
  /** The calls the engine answered, in order. */
  readonly answered: Call[] = []

  /** Holds back the answer to the next call that `wanted` picks. */
  holdNext(wanted: (call: Call) => boolean) {
    this.wanted = wanted
    this.state = 'waiting'
  }

  /** Lets the held answer through, after everything answered meanwhile. */
  release() {
    this.send?.()
    this.send = null
    this.state = 'delivered'
  }

  readonly route = (ws: WebSocketRoute) => {
    const server = ws.connectToServer()
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as Call
      this.calls.set(call.id, call)
      if (this.wanted?.(call)) {
        this.wanted = null
        this.heldId = call.id
        this.state = 'asked'
      }
      server.send(message)
    })
    server.onMessage((message) => {
      const frame = typeof message === 'string' ? message : message.buffer.slice(message.byteOffset, message.byteOffset + message.byteLength) as ArrayBuffer
      const { id } = decodeWire(frame) as { id?: number }
      if (id !== undefined) this.answered.push(this.calls.get(id)!)
      if (id === undefined || id !== this.heldId) return ws.send(message)
      this.heldId = null
      this.send = () => ws.send(message)
      this.state = 'answered'
    })
  }
}
const late = new LateAnswer()

/** Time for a late answer that was just let through to reach the page and, were it not dropped, be drawn. */
const settle = () => page.waitForTimeout(300)

describe.skipIf(unavailable !== null)(`packet analysis in Chromium${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    app = await startBrowserApp()
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 1400, height: 860 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin })
    page = await context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
    await page.routeWebSocket(/\/ws$/, late.route)
    await page.goto(app.url)
    await page.getByTestId('file-input').setInputFiles(`${corpusDir}zeek__dhcp.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '9 packets' }).waitFor()
  })
  afterAll(async () => {
    await browser?.close()
    app?.stop()
  })

  it('completes field names and values, filters, selects a field and highlights its bytes', async () => {
    // The file loads before `captures.open` answers: the end of the load, heard first, is not lost.
    await expect.poll(() => page.getByTestId('capture-title').textContent()).not.toContain('loading')
    const input = page.getByTestId('filter-input')
    await page.keyboard.press('Control+/')
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('filter-input')
    await input.pressSequentially('dhcp.ms')
    const suggestions = page.getByTestId('filter-suggestions')
    await expect.poll(() => suggestions.locator('li').first().textContent()).toContain('dhcp.msgtype')
    await input.press('Tab')
    await input.pressSequentially('== NA')
    await expect.poll(() => suggestions.locator('li').allTextContents()).toEqual([expect.stringContaining('NAK')])
    await input.press('Tab')
    expect(await input.inputValue()).toBe('dhcp.msgtype == NAK ')
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toMatch(/^\s*Displayed 1 of 9 · [\d.]+ ms\s*$/)
    const rows = page.locator('.packet-list .row[data-frame]')
    await expect.poll(() => rows.count()).toBe(1)
    await rows.first().click()

    const message = page.getByTestId('field-tree').locator('.node', { hasText: 'Option: (56) Message' })
    await message.click()
    const highlighted = await page.getByTestId('hex-pane').locator('.hex-ascii .hl').allTextContents()
    // Code, length, then the text the server sent.
    expect(highlighted.join('').slice(2)).toBe('requested address not available')
    await page.screenshot({ path: `${artifactsDir}analysis-filter-field-hex.png` })

    await page.getByTestId('copy-field').click()
    expect(await clipboard()).toBe('Option: (56) Message: "requested address not available"')
    await page.getByTestId('copy-text').click()
    await expect.poll(() => clipboard()).toMatch(/^Frame 4 {2}.*DHCP Nak - Transaction ID 0x7c0\n/)
    await page.getByTestId('copy-hex').click()
    await expect.poll(() => clipboard()).toMatch(/^0000 {2}ff ff ff ff ff ff 00 0c {2}29 40 0e ef 08 00 45 10 /)
  })

  it('applies a field of the tree as a filter, by its value, and adds it as a column', async () => {
    await page.getByTestId('filter-clear').click()
    await expect.poll(() => page.locator('.packet-list .row[data-frame]').count()).toBe(9)
    await page.locator('.packet-list .row[data-frame="2"]').click()
    await page.getByTestId('field-tree').locator('.node', { hasText: 'Your (client) IP address' }).click()
    await page.getByTestId('apply-as-filter').click()
    await expect.poll(() => page.getByTestId('filter-input').inputValue()).toBe('dhcp.ip.your == 128.2.6.97')
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toMatch(/Displayed 1 of 9/)
    await page.getByTestId('add-column').click()
    const cell = page.locator('.packet-list .row[data-frame="2"] [data-column="dhcp.ip.your"]')
    await expect.poll(() => cell.textContent()).toBe('128.2.6.97')
    await page.screenshot({ path: `${artifactsDir}analysis-apply-as-filter.png` })
    await page.getByTestId('remove-column-dhcp.ip.your').click()
    await expect.poll(() => cell.count()).toBe(0)
  })

  it('points at the mistake in a filter', async () => {
    const input = page.getByTestId('filter-input')
    await input.fill('')
    await input.pressSequentially('dhcp.option == 82 and ip.scr == 1.2.3.4')
    const error = page.getByTestId('filter-error')
    await expect.poll(() => error.locator('mark').textContent()).toBe('ip.scr')
    expect(await error.textContent()).toContain('"ip.scr" is not a field; did you mean ip.src')
    expect(await page.getByTestId('filter-apply').isDisabled()).toBe(true)
    await page.screenshot({ path: `${artifactsDir}analysis-filter-error.png` })
    await page.getByRole('button', { name: 'Clear' }).click()
    await expect.poll(() => page.locator('.packet-list .row[data-frame]').count()).toBe(9)
  })

  it('sorts by a column', async () => {
    await page.getByRole('columnheader', { name: 'Info' }).click()
    await expect.poll(() => page.locator('.packet-list .row[data-frame] .c-info').first().textContent()).toBe('DHCP Ack - Transaction ID 0x7c0')
    await page.getByRole('columnheader', { name: /Info/ }).click()
    await expect.poll(() => page.locator('.packet-list .row[data-frame] .c-info').first().textContent()).toBe('DHCP Request - Transaction ID 0x7c0')
    await page.getByRole('columnheader', { name: /No\./ }).click()
    await expect.poll(() => page.locator('.packet-list .row[data-frame]').first().getAttribute('data-frame')).toBe('1')
  })

  it('shows transactions with their latencies and problems, and opens a step\'s packet', async () => {
    await page.getByTestId('tab-transactions').click()
    await expect.poll(() => page.getByTestId('transaction-count').textContent()).toBe('5 transactions')
    await page.locator('[data-transaction="1"]').click()
    const detail = page.getByTestId('transaction-detail')
    await expect.poll(() => detail.textContent()).toContain('nak: NAK from 128.2.6.152: "requested address not available"')
    expect(await detail.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^1DISCOVER0\.000000/), expect.stringMatching(/^2OFFER0\.004947[\d.]+ ms128\.2\.6\.152$/),
      expect.stringMatching(/^3REQUEST/), expect.stringMatching(/^4NAK1\.024456[\d.]+ ms128\.2\.6\.152$/),
    ])
    await page.getByTestId('problems-only').check()
    await expect.poll(() => page.getByTestId('transaction-count').textContent()).toBe('2 transactions')
    await page.screenshot({ path: `${artifactsDir}analysis-transactions.png` })
    await page.locator('[data-transaction="1"]').click()
    await detail.locator('[data-step-frame="4"]').click()
    await page.getByTestId('field-tree').getByText('Dynamic Host Configuration Protocol (NAK)').waitFor()
    expect(await page.locator('.packet-list .row.selected').getAttribute('data-frame')).toBe('4')
  })

  it('shows statistics and saves the displayed packets', async () => {
    await page.getByTestId('tab-statistics').click()
    const stats = page.getByTestId('statistics')
    await expect.poll(() => stats.textContent()).toContain('REQUEST→ACK')
    expect(await stats.textContent()).toContain('9 packets: 9 DHCPv4, 0 DHCPv6')
    await page.screenshot({ path: `${artifactsDir}analysis-statistics.png` })

    await page.getByTestId('tab-packets').click()
    await page.getByTestId('filter-input').fill('dhcp.msgtype == REQUEST')
    await page.getByTestId('filter-input').press('Enter')
    await page.getByTestId('save-capture').filter({ hasText: 'Save displayed' }).click()
    const alert = page.locator('.message.info')
    await expect.poll(() => alert.textContent()).toMatch(/Saved 2 packets to \S+\.pcapng/)
    const path = /to (\S+\.pcapng)/.exec((await alert.textContent())!)![1]
    expect(path.startsWith(app.dataDir)).toBe(true)
    expect(indexCaptureFile(path).index.count).toBe(2)
    expect(errors).toEqual([])
  })

  it('keeps the check of the filter as typed when the check of an earlier text answers late', async () => {
    const input = page.getByTestId('filter-input')
    await input.fill('')
    late.holdNext((call) => call.method === 'filters.check' && call.params.text === 'ip.scr')
    await input.pressSequentially('ip.scr')
    await expect.poll(() => late.state).toBe('answered')
    await input.press('Backspace')
    await input.press('Backspace')
    await input.pressSequentially('rc == 128.2.6.152')
    await expect.poll(() => late.answered.some((call) => call.method === 'filters.check' && call.params.text === 'ip.src == 128.2.6.152')).toBe(true)
    await expect.poll(() => input.getAttribute('class')).toContain('good')
    late.release()
    await settle()
    expect(await input.getAttribute('class')).toContain('good')
    expect(await page.getByTestId('filter-error').count()).toBe(0)
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toMatch(/Displayed 3 of 9/)
  })

  it('shows the statistics of the capture on screen when those of the one before answer late', async () => {
    await page.getByTestId('tab-statistics').click()
    const stats = page.getByTestId('statistics')
    await expect.poll(() => stats.textContent()).toContain('9 packets: 9 DHCPv4')
    // Counted again when the tab is shown again: that answer, for the first capture, comes after the next capture's.
    late.holdNext((call) => call.method === 'captures.stats')
    await page.getByTestId('tab-packets').click()
    await page.getByTestId('tab-statistics').click()
    await expect.poll(() => late.state).toBe('answered')
    await page.getByTestId('file-input').setInputFiles(`${corpusDir}pcapplusplus__sll.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '518 packets' }).waitFor()
    await expect.poll(() => stats.textContent()).toMatch(/^\s*Messages\s*518 packets/)
    late.release()
    await settle()
    expect(await stats.textContent()).toMatch(/^\s*Messages\s*518 packets/)
  })

  it('sorts addresses as numbers: IPv4 by value, then IPv6, then what is not an IP address', async () => {
    await page.getByTestId('tab-packets').click()
    const sources = page.locator('.packet-list .row[data-frame] [data-column="source"]')
    const firstSources = async () => [...new Set(await sources.allTextContents())]
    await page.getByRole('columnheader', { name: 'Source' }).click()
    await expect.poll(firstSources).toEqual(['10.0.0.5', '10.0.0.8'])
    await page.getByRole('columnheader', { name: /Source/ }).click()
    await expect.poll(firstSources).toEqual(['30:46:9a:23:fb:fa', '08:00:27:19:1c:78', 'fe80::a00:27ff:fe19:1c78', '212.199.202.69'])
    await page.screenshot({ path: `${artifactsDir}analysis-sorted-by-source.png` })
  })

  it('marks the fields Wireshark does not dissect after a malformed option, which its filters and ours leave out', async () => {
    await page.getByTestId('file-input').setInputFiles(`${labCapturesDir}fieldkit-lab__malformed-options.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '30 packets' }).waitFor()
    await page.locator('.packet-list .row[data-frame="9"]').click()
    const tree = page.getByTestId('field-tree')
    // Option 63's sub-option runs past it: Wireshark's exception ends its dissection there; the tree goes on, marked.
    const note = tree.getByTestId('past-wireshark-stop').first()
    await note.waitFor()
    await note.scrollIntoViewIfNeeded()
    const marked = tree.locator('.node.past-stop', { hasText: 'Option: (64)' })
    expect(await marked.getAttribute('title')).toMatch(/Wireshark stops dissecting this packet before this field/)
    await page.screenshot({ path: `${artifactsDir}analysis-wireshark-stop.png` })
    await page.getByTestId('filter-input').fill('dhcp.option.type == 64')
    await page.getByTestId('filter-input').press('Enter')
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toMatch(/Displayed 0 of 30/)
    await page.getByTestId('filter-clear').click()
  })

  /** Applies the selected tree field as a filter: checks the filter it writes and what it displays, keeps a screenshot, clears it. */
  async function applySelected(filter: string, displayed: string, screenshot: string) {
    await page.getByTestId('apply-as-filter').click()
    await expect.poll(() => page.getByTestId('filter-input').inputValue()).toBe(filter)
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toMatch(new RegExp(displayed))
    await page.screenshot({ path: `${artifactsDir}${screenshot}` })
    await page.getByTestId('filter-clear').click()
  }

  /** On the packet shown, expands the first node with `parent`, selects `field` in it (the hex pane highlights `bytes`) and applies it (applySelected). */
  async function applyTreeField(parent: string, field: string, bytes: string, filter: string, displayed: string, screenshot: string) {
    const tree = page.getByTestId('field-tree')
    await tree.locator('.node', { hasText: parent }).first().getByRole('button', { name: 'Expand' }).click()
    await tree.locator('.node', { hasText: field }).first().click()
    expect((await page.getByTestId('hex-pane').locator('.hex-bytes .byte.hl').allTextContents()).join(':')).toBe(bytes)
    await applySelected(filter, displayed, screenshot)
  }

  /**
   * Opens a lab capture, expands the first node with `parent` on packet `frame`, waits for `shown` among its fields,
   * applies the field `field` as a filter and checks the filter it writes and that it shows one packet.
   */
  async function applyLabField(capture: string, packets: number, frame: number, nodes: { parent: string; shown: string; field: string }, filter: string, screenshot: string) {
    await page.getByTestId('file-input').setInputFiles(`${labCapturesDir}${capture}`)
    await page.getByTestId('capture-title').filter({ hasText: `${packets} packets` }).waitFor()
    await page.locator(`.packet-list .row[data-frame="${frame}"]`).click()
    const tree = page.getByTestId('field-tree')
    await tree.locator('.node', { hasText: nodes.parent }).first().getByRole('button', { name: 'Expand' }).click()
    await tree.locator('.node', { hasText: nodes.shown }).first().waitFor()
    await tree.locator('.node', { hasText: nodes.field }).first().click()
    await applySelected(filter, `Displayed 1 of ${packets}`, screenshot)
  }

  it('shows Wireshark\'s own notes on a DHCPv6 name (a TLD, a label past the field), and applies one as a filter', async () => {
    await applyLabField('fieldkit-lab__malformed-options2.pcap', 20, 18, { parent: 'Domain Search List', shown: 'Label past the domain field', field: 'Top level domain' },
      'dhcpv6.tld == "abc."', 'analysis-dhcpv6-domain-notes.png')
  })

  it('shows a DHCPv6 authentication option by its fields, and applies its realm as a filter', async () => {
    await applyLabField('fieldkit-lab__authentication.pcap', 10, 3, { parent: 'Authentication: protocol 2', shown: 'Key ID', field: 'DHCP realm' },
      'dhcpv6.auth.realm == "ab.example"', 'analysis-dhcpv6-authentication.png')
  })

  it('lists pcapng custom blocks and a journal entry as frames where Wireshark does, and applies an enterprise number as a filter', async () => {
    await page.getByTestId('file-input').setInputFiles(writeRecordBlocksCapture(tempDir('record-blocks-e2e')))
    await page.getByTestId('capture-title').filter({ hasText: '7 packets' }).waitFor()
    const row = (frame: number) => page.locator(`.packet-list .row[data-frame="${frame}"]`)
    await expect.poll(() => row(1).textContent()).toMatch(/PCAPNG.*Custom Block: PEN = 32473, will be copied/)
    await expect.poll(() => row(4).textContent()).toMatch(/systemd Journal.*DHCPACK on 192\.0\.2\.10/)
    await expect.poll(() => row(5).textContent()).toMatch(/DHCP/)
    await row(6).click()
    // Little-endian, whatever the section's byte order: the frame's bytes keep the number so that saving writes it back.
    await applyTreeField('Custom block: 28 bytes', 'Private Enterprise Number: 36724', '74:8f:00:00', 'frame.cb_pen == 36724', 'Displayed 1 of 7', 'analysis-pcapng-custom-block.png')
  })

  it('reads a Wi-Fi capture: the radiotap and 802.11 layers in the tree, the BSS Id applied as a filter', async () => {
    await page.getByTestId('file-input').setInputFiles(writeWifiCapture('radiotap', tempDir('wifi-e2e')))
    await page.getByTestId('capture-title').filter({ hasText: `${wifiFrames.length} packets` }).waitFor()
    await page.locator('.packet-list .row[data-frame="2"]').click()
    const tree = page.getByTestId('field-tree')
    await tree.locator('.node', { hasText: 'Radiotap Header v0' }).first().waitFor()
    await tree.locator('.node', { hasText: 'Dynamic Host Configuration Protocol (Discover)' }).first().waitFor()
    // Every frame of the capture but the control frames (no BSS Id) and the four-address one (a bridge's).
    await applyTreeField('IEEE 802.11 QoS Data', 'BSS Id', '02:aa:00:00:00:01', 'wlan.bssid == 02:aa:00:00:00:01', `Displayed 10 of ${wifiFrames.length}`, 'analysis-wifi.png')
  })

  it('reads DHCP inside tunnels: each tunnel layer in the tree, the inner addresses in the list, a VXLAN network id and a CAPWAP-tunnelled client applied as filters', async () => {
    await page.getByTestId('file-input').setInputFiles(writeTunnelCapture(tempDir('tunnels-e2e')))
    await page.getByTestId('capture-title').filter({ hasText: `${tunnelFrames.length} packets` }).waitFor()
    const row = page.locator('.packet-list .row[data-frame="10"]')
    await expect.poll(() => row.textContent()).toMatch(/0\.0\.0\.0.*255\.255\.255\.255.*DHCP.*Discover/)
    await row.click()
    const tree = page.getByTestId('field-tree')
    await tree.locator('.node', { hasText: 'Dynamic Host Configuration Protocol (Discover)' }).first().waitFor()
    await applyTreeField('Virtual eXtensible Local Area Network', 'VXLAN Network Identifier (VNI)', '00:13:89', 'vxlan.vni == 5001', `Displayed 1 of ${tunnelFrames.length}`, 'analysis-tunnels.png')
    // A Wi-Fi client's DISCOVER, tunnelled by its access point to a wireless controller (CAPWAP): the 802.11 frame's
    // transmitter is the client.
    const capwap = page.locator('.packet-list .row[data-frame="15"]')
    await expect.poll(() => capwap.textContent()).toMatch(/0\.0\.0\.0.*255\.255\.255\.255.*DHCP.*Discover/)
    await capwap.click()
    await tree.locator('.node', { hasText: 'Control And Provisioning of Wireless Access Points - Data' }).first().waitFor()
    await applyTreeField('IEEE 802.11 Data', 'Transmitter address', '02:cc:00:00:00:02', 'wlan.ta == 02:cc:00:00:00:02', `Displayed 1 of ${tunnelFrames.length}`, 'analysis-capwap.png')
  })

  it('draws with the theme\'s colours, light and dark, as the system says or as chosen', async () => {
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(shellBackground).toBe('rgb(255, 255, 255)')
    await page.screenshot({ path: `${artifactsDir}theme-light.png` })
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(shellBackground).toBe('rgb(23, 25, 29)')
    await page.screenshot({ path: `${artifactsDir}theme-dark.png` })
    // Chosen in the app (system, light, dark, system…): light while the system is dark, then dark.
    const theme = page.getByRole('button', { name: /^Theme:/ })
    await theme.click()
    await expect.poll(shellBackground).toBe('rgb(255, 255, 255)')
    await theme.click()
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(shellBackground).toBe('rgb(23, 25, 29)')
    await theme.click()
    await expect.poll(shellBackground).toBe('rgb(255, 255, 255)')
    expect(errors).toEqual([])
  })
})
