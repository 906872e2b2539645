// The Electron glue as built (out/main/index.js and out/preload/index.cjs), run in plain Node against a recording
// stand-in for electron (test/helpers/electron-stand-in). It checks what the glue asks of Electron and drives the
// handlers it registers; it starts no Chromium (test/e2e/electron.test.ts does, where the binary exists).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { electronCsp } from '../../electron/contract/csp'
import { methodNames } from '../../electron/contract/names'
import type { CaptureInfo, FileRef, RemoteHostInfo, SavedCapture, SavedReport } from '../../electron/contract/types'
import { CALL_CHANNEL, EVENT_CHANNEL, STAGE_CHANNEL } from '../../electron/main/channels'
import { corpusDir } from '../helpers/corpus'
import { builtMain, launchBuiltMain, outDir, type BuiltMain } from '../helpers/electron-stand-in/launch'

const missing = !existsSync(builtMain)
const skipReason = missing ? ' (skipped: out/main/index.js is missing; npm test builds it first, or run npm run build)' : ''
const ownPage = pathToFileURL(join(outDir, 'renderer/index.html')).href
const capture = 'zeek__dhcp.pcap'
const secondCapture = 'charrua__dhcp2.pcap'
const foreignPages = [
  'file:///etc/passwd?/renderer/index.html', `${ownPage}?x=1`, 'file:///tmp/renderer/index.html', 'http://localhost:5173.evil.example/',
  'https://evil.example/', 'about:blank', 'devtools://devtools/bundled/inspector.html', '',
]

/** The contract events the window's page was sent, by name. */
async function sentEvents(main: BuiltMain, name: string): Promise<unknown[]> {
  const { windows } = await main.request('recorded')
  return windows[0].sent.filter(([channel, event]) => channel === EVENT_CHANNEL && event === name).map(([, , payload]) => payload)
}

async function openedAndLoaded(main: BuiltMain, fileId: string): Promise<CaptureInfo> {
  const opened = await main.request('invoke', CALL_CHANNEL, ownPage, 'captures.open', { fileId })
  if (!('result' in opened)) throw new Error(opened.error.message)
  const info = opened.result as CaptureInfo
  await vi.waitFor(async () => {
    const updates = (await sentEvents(main, 'capture.updated')) as CaptureInfo[]
    expect(updates.some((u) => u.id === info.id && u.status === 'ready')).toBe(true)
  }, { timeout: 10000 })
  return info
}

describe.skipIf(missing)(`the built main process, as a development launch \`electron . --no-sandbox ${capture}\`${skipReason}`, () => {
  let main: BuiltMain

  beforeAll(async () => {
    main = await launchBuiltMain({ args: ['.', '--no-sandbox', join('test/fixtures/corpus', capture)], defaultApp: true })
    // macOS may ask to open a file before the app is ready.
    expect(await main.request('appEvent', 'open-file', join(corpusDir, secondCapture))).toEqual({ defaultPrevented: true })
    await main.request('becomeReady')
  })
  afterAll(() => main?.stop())

  it('opens one sandboxed, isolated window without Node, with its preload, on the built page', async () => {
    const recorded = await main.request('recorded')
    expect(recorded.sandboxEnabled).toBe(true)
    expect(recorded.quitRequested).toBe(false)
    expect(recorded.menu).toEqual(['File', 'editMenu', 'View', 'windowMenu'])
    expect(recorded.windows).toHaveLength(1)
    const [window] = recorded.windows
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(window.options.webPreferences?.preload).toBe(join(outDir, 'preload/index.cjs'))
    expect(existsSync(window.options.webPreferences!.preload!)).toBe(true)
    expect(window.loaded).toEqual({ file: join(outDir, 'renderer/index.html') })
  })

  it('runs the engine in a utility process of its own, never on the main process\'s thread', async () => {
    const { utilityProcesses } = await main.request('recorded')
    expect(utilityProcesses).toEqual([{ modulePath: join(outDir, 'main', 'engine-host.js'), args: [], options: expect.objectContaining({ serviceName: 'DHCP Field Kit engine', env: expect.objectContaining({ GLIBC_TUNABLES: expect.stringMatching(/^glibc\.malloc\.hugetlb=1:glibc\.malloc\.top_pad=\d+/) }) }) }])
  })

  it('registers the contract channel and the preload\'s staging channel', async () => {
    expect((await main.request('recorded')).ipcChannels.sort()).toEqual([CALL_CHANNEL, STAGE_CHANNEL].sort())
  })

  it('serves calls from its own page and refuses every other sender', async () => {
    const info = await main.request('invoke', CALL_CHANNEL, ownPage, 'app.info', {})
    expect(info).toEqual({ result: expect.objectContaining({ mode: 'electron', dataDir: main.dataDir, version: '0.0.0-stand-in' }) })
    for (const url of foreignPages) {
      for (const [channel, args] of [[CALL_CHANNEL, ['app.info', {}]], [STAGE_CHANNEL, [join(corpusDir, capture)]]] as const) {
        const outcome = await main.request('invoke', channel, url, ...args)
        expect(outcome, `${channel} from ${url}`).toEqual({ error: { code: 'bad-input', message: expect.stringContaining('untrusted page') } })
      }
    }
  })

  it('dispatches every contract method to the engine and refuses unknown ones', async () => {
    for (const method of methodNames) {
      const outcome = await main.request('invoke', CALL_CHANNEL, ownPage, method, {})
      expect('result' in outcome || outcome.error.code !== 'unknown-method', method).toBe(true)
    }
    expect(await main.request('invoke', CALL_CHANNEL, ownPage, 'fs.read', {})).toEqual({ error: expect.objectContaining({ code: 'unknown-method' }) })
  })

  it('stages only absolute paths', async () => {
    for (const path of ['zeek__dhcp.pcap', '../etc/passwd', '', 42, null]) {
      expect(await main.request('invoke', STAGE_CHANNEL, ownPage, path)).toEqual({ error: expect.objectContaining({ code: 'bad-input' }) })
    }
  })

  it('denies every permission request and check, and every device', async () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'hid', 'usb', 'serial']) {
      expect(await main.request('permissionRequest', permission), permission).toBe(false)
      expect(await main.request('permissionCheck', permission), permission).toBe(false)
    }
    expect(await main.request('devicePermission')).toBe(false)
  })

  it('keeps the window on its own page and opens no other window', async () => {
    for (const url of foreignPages) {
      expect(await main.request('contentsEvent', 'will-navigate', url), url).toEqual({ defaultPrevented: true })
      expect(await main.request('contentsEvent', 'will-redirect', url), url).toEqual({ defaultPrevented: true })
    }
    expect(await main.request('contentsEvent', 'will-navigate', ownPage)).toEqual({ defaultPrevented: false })
    expect(await main.request('contentsEvent', 'will-attach-webview')).toEqual({ defaultPrevented: true })
    expect(await main.request('windowOpen', 'https://evil.example/')).toEqual({ action: 'deny' })
    // An allowed documentation link opens in the user's browser, still not in a window of the app.
    expect(await main.request('windowOpen', 'https://kea.readthedocs.io/en/latest/')).toEqual({ action: 'deny' })
    expect((await main.request('recorded')).externalOpens).toEqual(['https://kea.readthedocs.io/en/latest/'])
  })

  it('sends the one Electron CSP as a header, keeping the other headers', async () => {
    expect(await main.request('responseHeaders', ownPage)).toEqual({ 'X-Kept': ['yes'], 'Content-Security-Policy': [electronCsp()] })
  })

  it('offers the command line\'s and open-file\'s files to the page once it has loaded, and opens them by id', async () => {
    expect(await sentEvents(main, 'files.offered')).toEqual([])
    await main.request('contentsEvent', 'did-finish-load')
    // Each file is granted by the engine's process first: the offers follow a round trip to it.
    await vi.waitUntil(async () => (await sentEvents(main, 'files.offered')).length === 2)
    const offered = (await sentEvents(main, 'files.offered')) as FileRef[]
    // The app folder (`.`) and the flag are not files to open.
    expect(offered.map((file) => file.name)).toEqual([capture, secondCapture])
    const info = await openedAndLoaded(main, offered[0].fileId)
    expect(info).toMatchObject({ name: capture, sessionId: expect.any(Number) })
  })

  it('takes a second launch\'s files, resolved in its own folder, and brings the window forward', async () => {
    const before = (await sentEvents(main, 'files.offered')).length
    const argv = ['/usr/lib/electron/electron', '.', '--original-process-start-time=1', capture, 'missing.pcap']
    await main.request('appEvent', 'second-instance', argv, corpusDir, {})
    await vi.waitUntil(async () => (await sentEvents(main, 'files.offered')).length > before)
    const offered = (await sentEvents(main, 'files.offered')) as FileRef[]
    expect(offered.slice(before).map((file) => file.name)).toEqual([capture])
    expect((await main.request('recorded')).windows[0].focused).toBe(1)
  })

  it('has the preload stage the user\'s own files only, and never hand the page a path', async () => {
    expect(await main.request('loadPreload', ownPage)).toEqual(['fieldkit'])
    const staged = await main.request('pageStageFromDisk', join(corpusDir, capture))
    expect(staged).toEqual({ result: { fileId: expect.any(String), name: capture } })
    expect(await main.request('pageStageForged', '/etc/shadow')).toEqual({ error: expect.objectContaining({ code: 'bad-input' }) })
    expect(await main.request('pageStageNotAFile', '/etc/shadow')).toEqual({ error: expect.objectContaining({ code: 'bad-input' }) })
    const fileId = (staged as { result: FileRef }).result.fileId
    expect(await main.request('pageCall', 'captures.open', { fileId })).toEqual({ result: expect.objectContaining({ name: capture }) })
    expect(await main.request('pageCall', 'fs.read', {})).toEqual({ error: expect.objectContaining({ code: 'unknown-method' }) })
  })

  it('saves where the save dialog says, replacing nothing when the user cancels', async () => {
    const staged = await main.request('invoke', STAGE_CHANNEL, ownPage, join(corpusDir, capture))
    const info = await openedAndLoaded(main, (staged as { result: FileRef }).result.fileId)
    await main.request('answerSaveDialogs', { canceled: true, filePath: '' })
    expect(await main.request('invoke', CALL_CHANNEL, ownPage, 'captures.save', { captureId: info.id, format: 'pcap' })).toEqual({ result: null })
    const chosen = join(main.documents, 'chosen.pcap')
    await main.request('answerSaveDialogs', { canceled: false, filePath: chosen })
    const saved = await main.request('invoke', CALL_CHANNEL, ownPage, 'captures.save', { captureId: info.id, format: 'pcap' })
    expect((saved as { result: SavedCapture }).result).toMatchObject({ path: chosen, format: 'pcap', packets: info.packetCount })
    expect(readFileSync(chosen).readUInt32LE(0)).toBe(0xa1b2c3d4)
    const dialogs = (await main.request('recorded')).saveDialogs
    expect(dialogs).toHaveLength(2)
    expect(dialogs[1]).toEqual({
      parented: true,
      options: { defaultPath: join(main.documents, capture), filters: [{ name: 'pcap capture', extensions: ['pcap'] }], properties: expect.arrayContaining(['showOverwriteConfirmation']) },
    })
  })

  it('saves a session\'s report as a PDF printed by a hidden window without scripts, Node or preload, where the save dialog says', async () => {
    const staged = await main.request('invoke', STAGE_CHANNEL, ownPage, join(corpusDir, capture))
    const { sessionId } = await openedAndLoaded(main, (staged as { result: FileRef }).result.fileId)
    const windowsBefore = (await main.request('recorded')).windows.length
    await main.request('answerSaveDialogs', { canceled: true, filePath: '' })
    expect(await main.request('invoke', CALL_CHANNEL, ownPage, 'sessions.saveReportPdf', { sessionId })).toEqual({ result: null })
    expect((await main.request('recorded')).windows).toHaveLength(windowsBefore)

    const chosen = join(main.documents, 'chosen report.pdf')
    await main.request('answerSaveDialogs', { canceled: false, filePath: chosen })
    const saved = await main.request('invoke', CALL_CHANNEL, ownPage, 'sessions.saveReportPdf', { sessionId, anonymize: true })
    expect(saved).toEqual({ result: { path: chosen, bytes: expect.any(Number), anonymized: true } })
    const pdf = readFileSync(chosen)
    expect((saved as { result: SavedReport }).result.bytes).toBe(pdf.length)
    // The stand-in's "PDF" is its header and the page it was given: the session's report, anonymized.
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const printedPage = pdf.toString()
    expect(printedPage).toContain('<section id="problems"><h2>Problems found</h2>')
    expect(printedPage).toContain('MAC addresses, IP addresses and host names are pseudonymized')
    expect(printedPage).not.toMatch(/90:b1:1c:99:49:29/i)

    const recorded = await main.request('recorded')
    const dialog = recorded.saveDialogs.at(-1)!
    expect(dialog.options.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }])
    expect(dialog.options.defaultPath).toBe(join(main.documents, `${capture} report.pdf`))
    const printers = recorded.windows.slice(windowsBefore)
    expect(printers).toHaveLength(1)
    const [printer] = printers
    expect(printer.options).toEqual({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, session: { partition: 'fieldkit-print' } },
    })
    expect(printer.printed).toEqual({ printBackground: true, pageSize: 'A4' })
    expect(printer.destroyed).toBe(true)
    // The page was a file of its own, gone with the window.
    const loaded = printer.loaded as { file: string }
    expect(loaded.file).toMatch(/fieldkit-print-\w+\/report\.html$/)
    expect(existsSync(loaded.file)).toBe(false)
    // Its session is locked down as the app's, with the report's own policy: nothing may load.
    expect(await main.request('responseHeaders', 'file:///x', 'fieldkit-print')).toEqual({ 'X-Kept': ['yes'], 'Content-Security-Policy': ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"] })
    for (const permission of ['media', 'notifications', 'clipboard-read']) {
      expect(await main.request('permissionRequest', permission, 'fieldkit-print'), permission).toBe(false)
      expect(await main.request('permissionCheck', permission, 'fieldkit-print'), permission).toBe(false)
    }
    expect(await main.request('devicePermission', 'fieldkit-print')).toBe(false)
    // Events still go to the app's window only.
    expect(recorded.windows.filter((w) => !w.destroyed)).toHaveLength(1)
  })

  it('keeps a remote host\'s password sealed by the OS keychain in the main process, never in clear on disk', async () => {
    const password = 'correct horse battery staple'
    const saved = await main.request('invoke', CALL_CHANNEL, ownPage, 'remote.save', { host: '192.0.2.1', user: 'tech', auth: { password }, remember: true })
    expect((saved as { result: RemoteHostInfo }).result).toMatchObject({ host: '192.0.2.1', port: 22, user: 'tech', auth: 'password', remembered: true })
    expect((await main.request('recorded')).sealed).toBe(1)
    const files = readdirSync(main.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => join(f.parentPath, f.name))
    expect(files.map((f) => f.slice(main.dataDir.length))).toEqual(expect.arrayContaining(['/secrets.json', '/ssh-hosts.json']))
    for (const file of files) expect(readFileSync(file).includes(password), file).toBe(false)
    const listed = await main.request('invoke', CALL_CHANNEL, ownPage, 'remote.hosts', {})
    expect(JSON.stringify(listed)).not.toContain(password)
  })

  it('stops serving the contract when the app quits', async () => {
    await main.request('appEvent', 'will-quit')
    expect((await main.request('recorded')).ipcChannels).toEqual([])
  })
})

describe.skipIf(missing)(`the built main process with electron-vite's dev server${skipReason}`, () => {
  const devServer = 'http://localhost:5173'
  let main: BuiltMain

  beforeAll(async () => {
    main = await launchBuiltMain({ env: { ELECTRON_RENDERER_URL: devServer } })
    await main.request('becomeReady')
  })
  afterAll(() => main?.stop())

  it('loads the dev server\'s page and trusts exactly it', async () => {
    expect((await main.request('recorded')).windows[0].loaded).toEqual({ url: devServer })
    expect(await main.request('invoke', CALL_CHANNEL, `${devServer}/`, 'app.info', {})).toEqual({ result: expect.objectContaining({ mode: 'electron' }) })
    for (const url of ['http://localhost:5173.evil.example/', 'http://localhost:5173/evil.html', ownPage]) {
      expect(await main.request('invoke', CALL_CHANNEL, url, 'app.info', {}), url).toEqual({ error: expect.objectContaining({ code: 'bad-input' }) })
    }
  })

  it('lets the dev server\'s hot-reload socket through its CSP, and nothing else', async () => {
    const headers = await main.request('responseHeaders', `${devServer}/`)
    expect(headers['Content-Security-Policy']).toEqual([electronCsp(devServer)])
    expect(electronCsp(devServer)).toContain('connect-src ws://localhost:5173')
  })
})
