// The Sessions view's bundle in browser mode, as a user does it: open a capture, choose the parts, see the estimate,
// export (the file lands in the data folder's exports/), import it back by picking it (staged like a capture: the
// page names no path), get a read-only session and an editable copy of it; a tampered bundle is refused, named;
// the session's report printed from its own window (and read back from the PDF Chromium prints).
import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserAppUnavailable, openAppPage, type AppPage } from '../helpers/browser-app'
import { readZip, writeZip } from '../helpers/bundle-zip'
import { corpusDir } from '../helpers/corpus'
import { tempDir } from '../helpers/temp'

const unavailable = browserAppUnavailable()

describe.skipIf(unavailable !== null)(`session bundles in the Sessions view${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let opened: AppPage
  let saved: string
  beforeAll(async () => {
    opened = await openAppPage()
    await opened.page.goto(opened.app.url)
    await opened.page.getByTestId('connection').filter({ hasText: 'connected (browser mode)' }).waitFor()
  })
  afterAll(() => opened?.close())

  it('exports the open session with the parts chosen, after an estimate, into exports/', async () => {
    const { page } = opened
    await page.getByTestId('file-input').setInputFiles(`${corpusDir}tcpdump__dhcp-rfc4388.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '54 packets' }).waitFor()
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    const bundle = page.getByTestId('session-bundle')
    await bundle.getByTestId('bundle-estimate').filter({ hasText: /About .* before compression, 4 file\(s\) and manifest\.json/ }).waitFor()
    await bundle.getByTestId('bundle-part-keaConfig').uncheck()
    await bundle.getByTestId('bundle-part-data').uncheck()
    await bundle.getByTestId('bundle-estimate').filter({ hasText: /2 file\(s\)/ }).waitFor()
    await bundle.getByTestId('bundle-export').click()
    const said = await bundle.getByTestId('bundle-saved').textContent()
    saved = said!.replace(/^Saved to /, '').trim()
    expect(saved.startsWith(join(opened.app.dataDir, 'exports'))).toBe(true)
    expect(existsSync(saved)).toBe(true)
    expect((await readZip(saved)).map((i) => i.name).sort()).toEqual(['captures/tcpdump__dhcp-rfc4388.pcapng', 'manifest.json', 'report.html'])
    await page.getByRole('alert').filter({ hasText: 'Saved the bundle (3 files' }).waitFor()
  })

  it('imports a picked bundle as a read-only session, and makes an editable copy of it', async () => {
    const { page } = opened
    await page.getByTestId('import-bundle-file').setInputFiles(saved)
    await page.getByRole('alert').filter({ hasText: 'match the SHA-256 sums in its manifest. Opened as “tcpdump__dhcp-rfc4388.pcap (imported)”, read-only.' }).waitFor()
    const list = page.getByTestId('session-list')
    await list.locator('li', { hasText: 'tcpdump__dhcp-rfc4388.pcap (imported) (read-only)' }).waitFor()
    await page.getByTestId('read-only-note').waitFor()
    await expect.poll(() => page.locator('.session-detail li[data-status="ready"]').textContent()).toContain('54 packets')
    await page.getByTestId('editable-copy').click()
    await page.locator('.session-detail h2', { hasText: 'tcpdump__dhcp-rfc4388.pcap (imported) (copy)' }).waitFor()
    expect(await page.getByTestId('read-only-note').count()).toBe(0)
  })

  it('refuses a bundle changed since export, naming the file, and adds no session', async () => {
    const { page } = opened
    const items = await readZip(saved)
    const report = items.find((i) => i.name === 'report.html')!
    report.data = Buffer.from(report.data.toString().replace('Problems found', 'All fine'))
    const tampered = join(tempDir('bundle'), 'tampered.zip')
    await writeZip(tampered, items)
    const before = await page.getByTestId('session-list').locator('li').count()
    await page.getByTestId('import-bundle-file').setInputFiles(tampered)
    await page.getByRole('alert').filter({ hasText: 'tampered.zip was changed or damaged since it was exported: report.html is not what was exported' }).waitFor()
    expect(await page.getByTestId('session-list').locator('li').count()).toBe(before)
    expect(opened.errors).toEqual([])
  })

  it('prints the session\'s report: opened in a window of its own with its problems and its styles, handed to print, a PDF that reads', async () => {
    const { page } = opened
    const context = page.context()
    // A spy in place of the report window's print(): headless Chromium has no print dialog to answer and would hold
    // the page as "being printed"; page.pdf() below prints it as the dialog's "Save as PDF" would.
    await context.addInitScript('window.print = () => { window.printed = (window.printed ?? 0) + 1 }')
    const requests: string[] = []
    context.on('request', (request) => requests.push(request.url()))
    await page.getByTestId('file-input').setInputFiles(`${corpusDir}zeek__dhcp.pcap`)
    await page.getByTestId('capture-title').filter({ hasText: '9 packets' }).waitFor()
    await page.getByRole('button', { name: 'Sessions', exact: true }).click()
    const [report] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('session-bundle').getByRole('button', { name: 'Print report…' }).click()])
    await report.waitForLoadState('load')
    await report.waitForFunction('window.printed === 1')
    expect(report.url()).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//)
    const titles = ['Servers refused clients (NAK)', 'Replies that never came']
    for (const title of titles) await report.locator('#problems .finding h3', { hasText: title }).waitFor()
    await report.locator('#problems a', { hasText: /of .+ \(xid \S+\)/ }).first().waitFor()
    // The report's stylesheet applies though the app's policy refuses inline styles: problems stand out in print too.
    expect(await report.evaluate('getComputedStyle(document.querySelector(".finding.error")).borderLeftStyle')).toBe('solid')
    // Nothing left the page but the app's own calls: the report fetched nothing.
    const appOrigin = new URL(opened.app.url).origin
    expect(requests.filter((url) => !url.startsWith(appOrigin) && !url.startsWith('blob:'))).toEqual([])

    const pdf = join(tempDir('report-pdf'), 'report.pdf')
    writeFileSync(pdf, await report.pdf({ format: 'A4', printBackground: true }))
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    for (const title of ['Problems found', ...titles]) expect(text).toContain(title)
    expect(text).toContain('zeek__dhcp.pcap')
    expect(opened.errors).toEqual([])
  })
})
