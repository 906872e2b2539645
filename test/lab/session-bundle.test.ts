// A lab session handed over as one bundle, on real parts: dhclient's DORA captured live on the lab's bridge, the
// built-in client's probe and a NAK Kea gives it, Kea's status and pool readings. The zip's pcapng files are read
// back by tshark byte for byte, its sums checked by `fieldkit bundle verify`, its report opened in Chromium with
// every request refused (none is made), and the bundle imported by `fieldkit bundle import` into another data folder.
import { execFile, execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BundleVerification, CaptureInfo, ClientRunResult, ImportedBundle, KeaHistory, LeaseTableInfo, LogInfo, LogSources, SavedBundle, SessionInfo } from '../../electron/contract/types'
import type { Manifest } from '../../electron/engine/bundle/manifest'
import { lab } from '../../electron/lab/topology'
import { launchChromium } from '../helpers/chromium'
import { tempDataDir } from '../helpers/engine'
import { fieldkitCommand } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'
import { tableLoaded } from '../helpers/leases'
import { labEngine, labKea } from '../helpers/lab-engine'
import { macDora } from '../helpers/mac-dora'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
const work = tempDir('fieldkit-bundle-lab')
const DHCP4 = 'udp port 67 or udp port 68'
const DORA_MAC = '02:00:5e:80:00:01'
const PROBE_MAC = '02:00:5e:80:00:02'
const NAK_MAC = '02:00:5e:80:00:03'
/** An address of the lab's relayed subnet: asked for on the broadcast link, Kea NAKs a client it knows. */
const OTHER_SUBNET_ADDRESS = '198.51.100.150'
const MACS = [DORA_MAC, PROBE_MAC, NAK_MAC]

async function deleteLeases(): Promise<void> {
  for (const mac of MACS) {
    const leases = ((await labKea('dhcp4', 'lease4-get-by-hw-address', { 'hw-address': mac })).arguments?.leases ?? []) as { 'ip-address': string }[]
    for (const lease of leases) await labKea('dhcp4', 'lease4-del', { 'ip-address': lease['ip-address'] })
  }
}

const hostnameOfThisMachine = () => execFileSync('hostname', { encoding: 'utf8' }).trim()
const tsharkHex = (file: string) => execFileSync('tshark', ['-r', file, '-x'], { encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 })
const tsharkCount = (file: string) => execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' }).trim().split('\n').length

describe.skipIf(unavailable !== null)(`a lab session's bundle${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const engine = labEngine()
  let session: SessionInfo
  let bundle: string
  let unzipped: string
  let manifest: Manifest
  beforeAll(deleteLeases)
  afterAll(deleteLeases)

  it('exports a session of a live DORA, a probe, a NAK and Kea readings', async () => {
    session = (await engine().dispatch('sessions.create', { name: 'Printer on floor 2 gets no address' })) as SessionInfo
    const sessionId = session.id
    const live = (await engine().dispatch('capture.start', { sessionId, iface: lab.captureInterface, filter: DHCP4 })) as CaptureInfo
    await macDora(work, DORA_MAC)
    await engine().dispatch('capture.stop', { captureId: live.id })
    const probe = (await engine().dispatch('client.run', { sessionId, iface: lab.captureInterface, mode: 'probe', mac: PROBE_MAC, wait: 3 })) as ClientRunResult
    expect(probe.reason).toBe('OFFER')
    const bound = (await engine().dispatch('client.run', { sessionId, iface: lab.captureInterface, mode: 'dora', mac: NAK_MAC, keep: true, wait: 5 })) as ClientRunResult
    expect(bound.reason).toBe('BOUND')
    const nak = (await engine().dispatch('client.run', { sessionId, iface: lab.captureInterface, mode: 'reboot', address: OTHER_SUBNET_ADDRESS, mac: NAK_MAC, wait: 3 })) as ClientRunResult
    expect(nak.reason).toBe('NAK')
    await engine().dispatch('kea.status', { profileId: 'lab', sessionId })
    await engine().dispatch('kea.pools', { profileId: 'lab', sessionId })
    // Kea's leases and its log, open in the engine: the bundle keeps the session's clients' part of each.
    await tableLoaded(engine(), (await engine().dispatch('leases.open', { source: { profileId: 'lab' } })) as LeaseTableInfo)
    const found = ((await engine().dispatch('logs.sources', {})) as LogSources).files.find((f) => f.path === join(lab.dir, 'kea-dhcp4.log'))
    const log = (await engine().dispatch('logs.open', { source: { logFileId: found!.id } })) as LogInfo
    await expect.poll(async () => ((await engine().dispatch('logs.list', {})) as LogInfo[]).find((l) => l.logId === log.logId)?.status, { timeout: 20_000 }).toBe('done')

    const saved = (await engine().dispatch('bundle.export', { sessionId })) as SavedBundle
    bundle = saved.path
    unzipped = tempDir('bundle-unzipped')
    execFileSync('unzip', ['-q', bundle, '-d', unzipped])
    manifest = JSON.parse(readFileSync(join(unzipped, 'manifest.json'), 'utf8')) as Manifest
    expect(manifest.captures).toHaveLength(4)
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['kea/lab-dhcp4.json', 'kea/lab-dhcp6.json', 'data/kea-history.json', 'data/stats-samples.csv', 'data/variables.csv']))
    // The lease Kea holds for the client kept, and the log lines naming the session's clients.
    expect(readFileSync(join(unzipped, 'data/leases.csv'), 'utf8')).toMatch(new RegExp(`^[\\d.]+,${NAK_MAC},`, 'm'))
    const lines = readFileSync(join(unzipped, 'data/log-lines.csv'), 'utf8')
    expect(lines).toContain(DORA_MAC)
    expect(lines).toContain(NAK_MAC)
  }, 120_000)

  it('holds each capture as a pcapng tshark reads with the same packets and bytes as the session\'s file', async () => {
    const captures = (await engine().dispatch('captures.list', { sessionId: session.id })) as CaptureInfo[]
    const kept = readdirSync(join(engine().dataDir, 'captures')).map((name) => join(engine().dataDir, 'captures', name))
    for (const [i, c] of manifest.captures.entries()) {
      const inZip = join(unzipped, c.path)
      expect(tsharkCount(inZip)).toBe(captures[i].packetCount)
      const original = kept.filter((file) => tsharkHex(file) === tsharkHex(inZip))
      expect(original, `${c.path} is byte for byte a capture of the session`).toHaveLength(1)
    }
    // The live capture's pcapng names the bridge it came from and says what was done.
    const live = join(unzipped, manifest.captures[0].path)
    expect(execFileSync('tshark', ['-r', live, '-T', 'fields', '-e', 'frame.interface_name', '-c', '1'], { encoding: 'utf8' }).trim()).toBe(lab.captureInterface)
    const nakComment = execFileSync('capinfos', ['-k', join(unzipped, manifest.captures[3].path)], { encoding: 'utf8' })
    expect(nakComment).toContain(`Test client reboot as ${NAK_MAC}`)
    expect(nakComment).toContain('NAK (failed)')
  })

  it('keeps each server\'s running configuration as the Kea view shows it (config-get, secrets redacted)', async () => {
    for (const service of ['dhcp4', 'dhcp6'] as const) {
      const inBundle = JSON.parse(readFileSync(join(unzipped, `kea/lab-${service}.json`), 'utf8')) as Record<string, Record<string, unknown>>
      const shown = (await engine().dispatch('kea.config', { profileId: 'lab', service })) as Record<string, Record<string, unknown>>
      const top = service === 'dhcp4' ? 'Dhcp4' : 'Dhcp6'
      expect(Object.keys(inBundle[top]).sort()).toEqual(Object.keys(shown[top]).sort())
      expect(inBundle[top]['interfaces-config']).toEqual(shown[top]['interfaces-config'])
    }
  })

  it('passes `fieldkit bundle verify`; a copy with one byte changed fails it, naming the file', async () => {
    const [node, cli] = fieldkitCommand()
    const verified = JSON.parse(execFileSync(node, [cli, 'bundle', 'verify', bundle, '--json'], { encoding: 'utf8' })) as BundleVerification
    expect(verified).toMatchObject({ ok: true, session: { name: session.name } })
    expect(verified.files.filter((f) => f.status === 'ok')).toHaveLength(manifest.files.length)
    // Someone "fixes" the report before passing it on: Info-ZIP's zip replaces it inside a copy of the bundle.
    const tampered = join(work, 'tampered.zip')
    const edited = tempDir('bundle-edited')
    execFileSync('cp', [bundle, tampered])
    execFileSync('unzip', ['-q', bundle, 'report.html', '-d', edited])
    execFileSync('sed', ['-i', 's/Problems found/No problems/', join(edited, 'report.html')])
    execFileSync('zip', ['-q', tampered, 'report.html'], { cwd: edited })
    const failed = await promisify(execFile)(node, [cli, 'bundle', 'verify', tampered]).then(() => null, (error: { code: number; stdout: string }) => error)
    expect(failed?.code).toBe(1)
    expect(failed?.stdout).toMatch(/^differs .* report\.html$/m)
    expect(failed?.stdout).toContain('report.html is not what was exported')
  })

  it('has a report that shows the case\'s problems in Chromium, linked to their evidence, and asks the network for nothing', async () => {
    const html = readFileSync(join(unzipped, 'report.html'), 'utf8')
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      const requests: string[] = []
      await page.route('**/*', (route) => {
        requests.push(route.request().url())
        return route.abort()
      })
      await page.setContent(html)
      await page.getByRole('heading', { name: session.name }).waitFor()
      const nak = page.locator('.finding[data-kind="nak"]')
      await expect.poll(() => nak.isVisible()).toBe(true)
      expect(await nak.textContent()).toContain(`of ${NAK_MAC}`)
      const failedRun = page.locator('.finding[data-kind="failed-probe"]')
      expect(await failedRun.textContent()).toContain(`reboot as ${NAK_MAC}`)
      // The problems come before the transactions, and each links to its evidence in the page.
      const order = await page.locator('h2').allTextContents()
      expect(order.indexOf('Problems found')).toBeLessThan(order.findIndex((t) => t?.startsWith('Transactions in')))
      const link = nak.locator('a').first()
      const target = (await link.getAttribute('href'))!
      expect(await page.locator(target).count()).toBe(1)
      expect(await page.locator(target).textContent()).toContain('nak')
      expect(await page.locator('#pools svg polyline').count()).toBeGreaterThan(0)
      expect(await page.locator('#runs').textContent()).toContain(PROBE_MAC)
      expect(requests).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('imports with `fieldkit bundle import` as a read-only session with its captures, runs and Kea readings', async () => {
    const [node, cli] = fieldkitCommand()
    const dataDir = tempDataDir()
    const imported = JSON.parse(execFileSync(node, [cli, 'bundle', 'import', bundle, '--json'], { encoding: 'utf8', env: { ...process.env, FIELDKIT_DATA_DIR: dataDir } })) as ImportedBundle
    expect(imported.session).toMatchObject({ name: `${session.name} (imported)`, readOnly: true, captureCount: 4 })
    const shown = JSON.parse(execFileSync(node, [cli, 'session', 'show', String(imported.session.id), '--json'], { encoding: 'utf8', env: { ...process.env, FIELDKIT_DATA_DIR: dataDir } })) as { captures: CaptureInfo[]; runs: ClientRunResult[] }
    const original = (await engine().dispatch('captures.list', { sessionId: session.id })) as CaptureInfo[]
    expect(shown.captures.map((c) => c.packetCount)).toEqual(original.map((c) => c.packetCount))
    expect(shown.runs.map((r) => [r.mode, r.mac, r.reason])).toEqual([['probe', PROBE_MAC, 'OFFER'], ['dora', NAK_MAC, 'BOUND'], ['reboot', NAK_MAC, 'NAK']])
    const { Engine } = await import('../../electron/engine/engine')
    const reopened = new Engine({ dataDir, mode: 'browser', version: 'test' })
    try {
      const history = (await reopened.dispatch('kea.history', { profileId: 'lab', sessionId: imported.session.id })) as KeaHistory
      const kept = (await engine().dispatch('kea.history', { profileId: 'lab', sessionId: session.id })) as KeaHistory
      expect(history.usage).toEqual(kept.usage)
      expect(history.status.map((s) => s.samples.length)).toEqual(kept.status.map((s) => s.samples.length))
    } finally {
      reopened.close()
    }
  })

  it('anonymized, names none of the session\'s MACs, addresses or host names in any file, and its packets still hold together', async () => {
    const saved = (await engine().dispatch('bundle.export', { sessionId: session.id, anonymize: true, name: 'anonymized' })) as SavedBundle
    expect(saved.anonymized).toBe(true)
    const dir = tempDir('bundle-anonymized')
    execFileSync('unzip', ['-q', saved.path, '-d', dir])
    const runs = (await engine().dispatch('client.runs', { sessionId: session.id })) as ClientRunResult[]
    const addresses = [lab.serverAddress, ...runs.flatMap((r) => (r.variables.new_ip_address ? [r.variables.new_ip_address] : []))]
    expect(addresses.length).toBeGreaterThanOrEqual(2)
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
    for (const file of files) {
      const bytes = readFileSync(file)
      const text = bytes.toString('latin1').toLowerCase()
      for (const mac of MACS) {
        expect(text, `${file} names ${mac}`).not.toContain(mac)
        expect(bytes.indexOf(Buffer.from(mac.split(':').map((x) => parseInt(x, 16)))), `${file} holds ${mac}'s bytes`).toBe(-1)
      }
      for (const address of addresses) expect(text.match(new RegExp(`(?<![\\d.])${address.replaceAll('.', '\\.')}(?![\\d])`)), `${file} names ${address}`).toBeNull()
    }
    const anonymized = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
    expect(anonymized.anonymized).toBe(true)
    for (const [i, c] of anonymized.captures.entries()) {
      const file = join(dir, c.path)
      const fields = execFileSync('tshark', ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|',
        '-e', 'eth.src', '-e', 'eth.dst', '-e', 'ip.src', '-e', 'ip.dst', '-e', 'dhcp.hw.mac_addr', '-e', 'dhcp.ip.your', '-e', 'dhcp.option.hostname',
        '-e', 'ip.checksum.status', '-e', 'udp.checksum.status'], { encoding: 'utf8' }).trim().split('\n').map((line) => line.split('|'))
      expect(fields.length).toBe(manifest.captures[i].packets)
      for (const [src, dst, ipSrc, ipDst, chaddr, yiaddr, hostname, ipSum, udpSum] of fields) {
        for (const mac of [src, dst, chaddr].filter(Boolean)) expect(mac === 'ff:ff:ff:ff:ff:ff' || mac.startsWith('02:00:00:'), mac).toBe(true)
        for (const ip of [ipSrc, ipDst, yiaddr].filter(Boolean)) expect(['0.0.0.0', '255.255.255.255'].includes(ip) || ip.startsWith('10.'), ip).toBe(true)
        if (hostname) expect(hostname).not.toBe(hostnameOfThisMachine())
        // 1: tshark computed the checksum and it is right (0 would be wrong); UDP's 0 over IPv4 is "not used" (2).
        if (ipSum) expect(ipSum).toBe('1')
        if (udpSum) expect(['1', '2']).toContain(udpSum)
      }
    }
    // The same client keeps the same stand-in: the NAK's MAC in the report is the one in the data.
    const report = readFileSync(join(dir, 'report.html'), 'utf8')
    const variables = readFileSync(join(dir, 'data/variables.csv'), 'utf8')
    const nakStandIn = /reboot as (02:00:00:[\da-f:]{8})/.exec(report)![1]
    expect(variables).toContain(`,reboot,${nakStandIn},`)
  })

  it('`fieldkit session export` writes the same parts of a session to --out, never over a file', async () => {
    const [node, cli] = fieldkitCommand()
    const out = join(work, 'from-cli.zip')
    const env = { ...process.env, FIELDKIT_DATA_DIR: engine().dataDir }
    const saved = JSON.parse(execFileSync(node, [cli, 'session', 'export', String(session.id), '--out', out, '--parts', 'captures,report', '--json'], { encoding: 'utf8', env })) as SavedBundle
    expect(saved.path).toBe(out)
    const names = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).trim().split('\n')
    expect(names.filter((n) => n.startsWith('captures/'))).toHaveLength(4)
    expect(names).toContain('report.html')
    expect(names.some((n) => n.startsWith('data/'))).toBe(false)
    const again = await promisify(execFile)(node, [cli, 'session', 'export', String(session.id), '--out', out], { env }).then(() => null, (error: { code: number; stderr: string }) => error)
    expect(again?.code).toBe(2)
    expect(again?.stderr).toContain('exists; a bundle never replaces a file')
  })
})
