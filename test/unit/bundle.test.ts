// Session bundles through the contract, on real captures: the zip's pcapng read back by tshark, the manifest's
// sums checked by sha256sum over the unzipped tree, and the refusals an import owes (a tampered file, zip-slip, an
// absolute path, a link, zip bombs) with no half-made session left behind.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ipaddr from 'ipaddr.js'
import { afterEach, describe, expect, it } from 'vitest'
import type { BundleEstimate, BundleVerification, CaptureInfo, ImportedBundle, JobProgress, SavedBundle, SessionInfo, SessionReport } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import type { Manifest } from '../../electron/engine/bundle/manifest'
import { Pseudonyms } from '../../electron/engine/bundle/pseudonyms'
import { readZip, renameInZip, writeZip } from '../helpers/bundle-zip'
import { corpusDir } from '../helpers/corpus'
import { fieldkitCommand } from '../helpers/fieldkit'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import { PRIVATE, writePrivateCaptures } from '../helpers/private-capture'
import { RELAYED, writeRelayedCapture } from '../helpers/relayed-capture'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'
import { tempDir } from '../helpers/temp'

let engine: Engine
afterEach(() => engine?.close())

const CAPTURES = ['tcpdump__dhcp-rfc4388.pcap', 'netboot__nsec.pcap', 'chrissanders-packets__dhcp6_outlease_acquisition.pcapng']
/** Relayed packets from the wild: option 82 with a text circuit id, a one-byte remote id and a subscriber id; DHCPv6 RELAY-FORW with a binary interface id. */
const RELAY_CAPTURES = ['zeek__dhcp_ack_subscriber_id_and_agent_remote_id.pcap', 'tcpdump__dhcpv6-mud.pcap']

async function sessionWithCaptures(): Promise<{ sessionId: number; captures: CaptureInfo[] }> {
  engine = testEngine()
  const captures: CaptureInfo[] = []
  for (const name of CAPTURES) {
    const capture = await openInEngine(engine, `${corpusDir}${name}`, captures[0]?.sessionId)
    await loaded(engine, capture.id)
    captures.push(capture)
  }
  return { sessionId: captures[0].sessionId, captures }
}

async function exported(sessionId: number): Promise<string> {
  const saved = (await engine.dispatch('bundle.export', { sessionId })) as SavedBundle
  expect(saved.path.startsWith(join(engine.dataDir, 'exports'))).toBe(true)
  return saved.path
}

function unzip(zip: string): string {
  const dir = tempDir('bundle-unzipped')
  execFileSync('unzip', ['-q', zip, '-d', dir])
  return dir
}

/** Every frame's bytes and times as tshark reads them. */
const tsharkFrames = (file: string) => execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'frame.time_epoch', '-e', 'frame.len', '-e', 'frame.cap_len'], { encoding: 'utf8' })
const tsharkHex = (file: string) => execFileSync('tshark', ['-r', file, '-x'], { encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 })

const verify = (path: string) => engine.dispatch('bundle.verify', { fileId: engine.grant(path).fileId }) as Promise<BundleVerification>
const importBundle = (path: string) => engine.dispatch('bundle.import', { fileId: engine.grant(path).fileId }) as Promise<ImportedBundle>
const sessionCount = async () => ((await engine.dispatch('sessions.list', {})) as SessionInfo[]).length
const capturesKept = () => readdirSync(join(engine.dataDir, 'captures')).sort()

describe('bundle export', () => {
  it('writes the captures as pcapng tshark reads back packet for packet, with sums sha256sum agrees with', async () => {
    const { sessionId } = await sessionWithCaptures()
    const estimate = (await engine.dispatch('bundle.estimate', { sessionId })) as BundleEstimate
    expect(estimate.files.filter((f) => f.path.startsWith('captures/'))).toHaveLength(3)
    const zip = await exported(sessionId)
    const dir = unzip(zip)
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
    expect(manifest).toMatchObject({ format: 'dhcp-field-kit-bundle', app: { version: '0.0.0-test' }, anonymized: false })
    expect(manifest.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['report.html', 'data/transactions.csv', 'data/transactions.json', 'data/findings.json', 'data/client-runs.json']))
    const sums = manifest.files.map((f) => `${f.sha256}  ${f.path}`).join('\n')
    expect(execFileSync('sha256sum', ['--check', '--strict', '-'], { cwd: dir, input: `${sums}\n`, encoding: 'utf8' })).not.toMatch(/FAILED/)
    for (const f of manifest.files) expect(readFileSync(join(dir, f.path)).length).toBe(f.bytes)
    // Nothing in the zip the manifest does not name.
    expect(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length).toBe(manifest.files.length + 1)
    expect(estimate.bytes).toBeGreaterThan(0)

    for (const [i, name] of CAPTURES.entries()) {
      const inZip = join(dir, manifest.captures[i].path)
      expect(execFileSync('file', ['-b', inZip], { encoding: 'utf8' })).toMatch(/pcapng/)
      expect(tsharkFrames(inZip)).toBe(tsharkFrames(`${corpusDir}${name}`))
      expect(tsharkHex(inZip)).toBe(tsharkHex(`${corpusDir}${name}`))
      expect(execFileSync('capinfos', ['-k', inZip], { encoding: 'utf8' })).toContain('Exported by DHCP Field Kit in the bundle of the session')
    }
    const report = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(report).toContain("default-src 'none'")
    expect(report).not.toMatch(/<script|https?:\/\/|src=/i)
    const verification = await verify(zip)
    expect(verification).toMatchObject({ ok: true, anonymized: false, session: { name: 'tcpdump__dhcp-rfc4388.pcap' } })
    expect(verification.files.every((f) => f.status === 'ok')).toBe(true)
  }, 60_000)

  it('stopped, leaves no file; with no part chosen, writes none', async () => {
    engine = testEngine()
    const big = join(tempDir('bundle'), 'big.pcap')
    makeSyntheticCapture(big, 100_000)
    const capture = await openInEngine(engine, big)
    await loaded(engine, capture.id)
    const { sessionId } = capture
    const stop = engine.events.subscribe((event, payload) => {
      const job = payload as JobProgress
      if (event === 'job.progress' && job.title.startsWith('Exporting') && job.state === 'running' && job.done > 0) void engine.dispatch('jobs.stop', { jobId: job.jobId }).catch(() => undefined)
    })
    await expect(engine.dispatch('bundle.export', { sessionId })).rejects.toMatchObject({ code: 'cancelled' })
    stop()
    expect(readdirSync(join(engine.dataDir, 'exports'))).toEqual([])
    await expect(engine.dispatch('bundle.export', { sessionId, parts: [] })).rejects.toMatchObject({ code: 'invalid-params' })
  }, 60_000)

  it('holds only the parts chosen', async () => {
    const { sessionId } = await sessionWithCaptures()
    const saved = (await engine.dispatch('bundle.export', { sessionId, parts: ['report'], name: 'only the report' })) as SavedBundle
    expect(saved.path).toMatch(/only the report\.zip$/)
    expect((await readZip(saved.path)).map((i) => i.name).sort()).toEqual(['manifest.json', 'report.html'])
  })
})

/** The captures opened in one session, exported anonymized and unzipped: the folder, and each capture's file in it. */
async function anonymizedBundle(files: string[]): Promise<{ dir: string; captures: string[] }> {
  engine = testEngine()
  let sessionId: number | undefined
  for (const file of files) {
    const capture = await openInEngine(engine, file, sessionId)
    await loaded(engine, capture.id)
    sessionId = capture.sessionId
  }
  const saved = (await engine.dispatch('bundle.export', { sessionId, anonymize: true })) as SavedBundle
  const dir = unzip(saved.path)
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
  return { dir, captures: manifest.captures.map((c) => join(dir, c.path)) }
}

describe('an anonymized bundle', () => {
  const checks = (file: string) => execFileSync('tshark', ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|',
    '-e', 'frame.len', '-e', 'ip.checksum.status', '-e', 'udp.checksum.status'], { encoding: 'utf8' })
  const addresses = (file: string) => execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'eth.src', '-e', 'ip.src', '-e', 'ipv6.src', '-e', 'dhcp.hw.mac_addr', '-e', 'dhcpv6.duidll.link_layer_addr', '-e', 'dhcpv6.duidllt.link_layer_addr', '-e', 'dhcpv6.iaaddr.ip'], { encoding: 'utf8' })
    // Broadcast, multicast and unspecified addresses name no one: they stay.
    .split(/[\s,]+/).filter((a) => a && !/^(00:00:00:00:00:00|[\da-f][13579bdf](:[\da-f]{2}){5}|0\.0\.0\.0|255\.255\.255\.255|::)$/.test(a))

  it('rewrites every MAC and address of DHCPv4 and DHCPv6 packets (and ICMP\'s quotes) with stand-ins, checksums right', async () => {
    const { sessionId } = await sessionWithCaptures()
    const saved = (await engine.dispatch('bundle.export', { sessionId, anonymize: true })) as SavedBundle
    const dir = unzip(saved.path)
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
    for (const [i, name] of CAPTURES.entries()) {
      const original = `${corpusDir}${name}`
      const anonymized = join(dir, manifest.captures[i].path)
      // Same frames and lengths; every checksum right or absent (1 good, 2 unverified, 3 not present; never 0, bad): offloaded ones are now right.
      const rows = checks(anonymized).trim().split('\n').map((line) => line.split('|'))
      expect(rows.map(([length]) => length)).toEqual(checks(original).trim().split('\n').map((line) => line.split('|')[0]))
      for (const [, ip, udp] of rows) {
        for (const status of ip.split(',')) expect(['', '1']).toContain(status)
        for (const status of udp.split(',')) expect(['', '1', '2', '3']).toContain(status)
      }
      const before = new Set(addresses(original))
      expect(before.size).toBeGreaterThan(0)
      const after = addresses(anonymized)
      expect(after.filter((a) => before.has(a))).toEqual([])
      for (const a of after) expect(a, a).toMatch(/^(02:00:00:|10\.|fd00::)/)
      const text = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.pcapng')).map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')).join('\n')
      for (const a of before) expect(text.includes(a), `${a} in the text files`).toBe(false)
    }
  }, 60_000)

  it('rewrites what relay agents add (option 82\'s sub-options, DHCPv6 relay options) in place, and tshark still decodes every frame', async () => {
    const relayed = join(tempDir('bundle'), 'relayed.pcap')
    writeRelayedCapture(relayed)
    const { dir, captures: [synthetic, ...corpus] } = await anonymizedBundle([relayed, `${corpusDir}${RELAY_CAPTURES[0]}`, `${corpusDir}${RELAY_CAPTURES[1]}`])

    // Every form each value can take: in the files' bytes, and in tshark's words (text, hex, addresses).
    const verbose = (file: string) => execFileSync('tshark', ['-r', file, '-V'], { encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 })
    expect(verbose(relayed)).toContain(Buffer.from(RELAYED.circuitId).toString('hex'))
    const tree = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => ({ name: e.name, bytes: readFileSync(join(e.parentPath, e.name)) }))
    const decoded = verbose(synthetic)
    for (const [what, value] of Object.entries(RELAYED)) {
      const bytes = value.includes(':') && /^[\da-f:]+$/.test(value) && value.length === 17 ? Buffer.from(value.replaceAll(':', ''), 'hex')
        : value.includes(':') ? Buffer.from(ipaddr.parse(value).toByteArray())
          : /^[\d.]+$/.test(value) ? Buffer.from(value.split('.').map(Number)) : Buffer.from(value)
      for (const file of tree) {
        expect(file.bytes.includes(bytes), `${what} (${value}) as bytes in ${file.name}`).toBe(false)
        expect(file.bytes.includes(Buffer.from(value)), `${what} (${value}) as text in ${file.name}`).toBe(false)
      }
      for (const form of [value, bytes.toString('hex')]) expect(decoded.includes(form), `${what} (${form}) in tshark -V`).toBe(false)
    }
    // Same frames, lengths and layout: each sub-option and option is still there, with a stand-in of its length.
    const fields = (file: string) => execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=|', '-e', 'frame.len', '-e', 'dhcp.option.agent_information_option.suboption',
      '-e', 'dhcp.option.agent_information_option.agent_circuit_id', '-e', 'dhcp.option.agent_information_option.agent_remote_id', '-e', 'dhcp.option.agent_information_option.link_selection',
      '-e', 'dhcp.option.agent_information_option.subscriber_id', '-e', 'dhcp.option.agent_information_option.server_id_override', '-e', 'dhcp.option.agent_information_option.relay_agent_id',
      '-e', 'dhcpv6.linkaddr', '-e', 'dhcpv6.peeraddr', '-e', 'dhcpv6.interface_id', '-e', 'dhcpv6.subscriber_id'], { encoding: 'utf8' }).trim().split('\n').map((line) => line.split('|'))
    // Addresses are written in words of their own lengths; identifiers in hex or text of the bytes'.
    const ADDRESS_COLUMNS = new Set([4, 6, 8, 9])
    for (const [original, anonymized] of [[relayed, synthetic], ...RELAY_CAPTURES.map((name, i) => [`${corpusDir}${name}`, corpus[i]])]) {
      const before = fields(original)
      const after = fields(anonymized)
      expect(after.map(([length, codes]) => [length, codes])).toEqual(before.map(([length, codes]) => [length, codes]))
      for (const [frame, row] of after.entries()) {
        for (const [column, value] of row.entries()) {
          if (column > 1 && value) expect(value, `frame ${frame + 1}, field ${column}: ${before[frame][column]} kept`).not.toBe(before[frame][column])
          if (column > 1 && !ADDRESS_COLUMNS.has(column)) expect(value.length, `frame ${frame + 1}, field ${column}`).toBe(before[frame][column].length)
        }
      }
      expect(verbose(anonymized)).not.toMatch(/Malformed|Expert Info \(Error/)
    }
    // The MACs and addresses a relay names are pseudonymized as the same ones elsewhere are.
    const remoteId = fields(synthetic)[0][3].replace(/(..)(?!$)/g, '$1:')
    expect(remoteId).toMatch(/^02:00:00:/)
    const relayId = fields(synthetic)[0][7]
    expect(relayId).toMatch(/^00030001020000/)
    expect(fields(synthetic)[0][4]).toMatch(/^10\./)
    expect(fields(synthetic)[2][9]).toMatch(/^fd00::/)
  }, 60_000)

  it('blanks what it has no stand-in for (other protocols\' payloads, LLDP, neighbor discovery) and names no domain, boot server or file, nor the MAC of a capture on "any"', async () => {
    const folder = tempDir('bundle')
    const files = [join(folder, 'private.pcap'), join(folder, 'private-any.pcap')]
    writePrivateCaptures(files[0], files[1])
    const { dir, captures: anonymized } = await anonymizedBundle(files)

    // Each value as text and as the bytes a packet holds it in; the domain's label alone too (DNS writes labels apart).
    const forms = (value: string) => [Buffer.from(value, 'latin1'),
      ...(/^[\da-f]{2}(:[\da-f]{2}){5}$/.test(value) ? [Buffer.from(value.replaceAll(':', ''), 'hex')] : []),
      ...(/^\d+\.\d+\.\d+\.\d+$/.test(value) ? [Buffer.from(value.split('.').map(Number))] : []),
      ...(value.includes('::') ? [Buffer.from(ipaddr.parse(value).toByteArray())] : [])]
    const tree = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => ({ name: e.name, bytes: readFileSync(join(e.parentPath, e.name)) }))
    for (const [what, value] of [...Object.entries(PRIVATE), ['label', 'corp-secret']]) {
      for (const form of forms(value)) for (const file of tree) expect(file.bytes.includes(form), `${what} (${value}) as ${form.toString('hex')} in ${file.name}`).toBe(false)
    }
    const verbose = (file: string) => execFileSync('tshark', ['-r', file, '-V'], { encoding: 'utf8', maxBuffer: 64 * 1024 ** 2 })
    for (const value of Object.values(PRIVATE)) for (const file of anonymized) expect(verbose(file).toLowerCase().includes(value.toLowerCase()), `${value} in tshark -V`).toBe(false)

    // The frames keep their lengths and what they are; every checksum is right; the DHCP options keep their lengths.
    const rows = (file: string) => execFileSync('tshark', ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|', '-e', 'frame.len', '-e', 'frame.protocols', '-e', 'ip.checksum.status', '-e', 'udp.checksum.status',
      '-e', 'tcp.checksum.status', '-e', 'icmp.checksum.status', '-e', 'icmpv6.checksum.status', '-e', 'dhcp.option.length', '-e', 'dhcpv6.option.length'], { encoding: 'utf8' })
      .trim().split('\n').map((line) => line.split('|'))
    for (const [i, file] of files.entries()) {
      const before = rows(file), after = rows(anonymized[i])
      expect(after.map(([length]) => length)).toEqual(before.map(([length]) => length))
      expect(after.map((row) => row.slice(7))).toEqual(before.map((row) => row.slice(7)))
      for (const row of after) for (const status of row.slice(2, 7).join(',').split(',')) expect(['', '1', '2'], row.join('|')).toContain(status)
    }
    expect(rows(anonymized[0]).map(([, protocols]) => protocols.split(':').slice(0, 4).join(':'))).toEqual(rows(files[0]).map(([, protocols]) => protocols.split(':').slice(0, 4).join(':')))
  }, 60_000)
})

describe('the report alone', () => {
  it('is the bundle\'s report.html (but for when it was made and the list of the bundle\'s files); without a printer, a PDF is the browser\'s to make', async () => {
    const { sessionId } = await sessionWithCaptures()
    const report = (await engine.dispatch('sessions.report', { sessionId })) as SessionReport
    expect(report).toMatchObject({ sessionId, name: 'tcpdump__dhcp-rfc4388.pcap report.html', anonymized: false })
    const inBundle = (await readZip(await exported(sessionId))).find((i) => i.name === 'report.html')!.data.toString()
    const comparable = (html: string) => html.replace(/Report made [^(]+/, 'Report made …').replace(/<footer[\s\S]*<\/footer>/, '')
    expect(comparable(report.html)).toBe(comparable(inBundle))
    expect(report.html).toContain('<section id="problems"><h2>Problems found</h2>')
    await expect(engine.dispatch('sessions.saveReportPdf', { sessionId })).rejects.toThrow('Saving the report as a PDF needs the desktop app; in the browser, use Print report and choose “Save as PDF” as the printer.')
    await expect(engine.dispatch('sessions.report', { sessionId: 999 })).rejects.toMatchObject({ code: 'not-found' })
  }, 60_000)
})

describe('the stand-ins of a relay agent\'s identifiers', () => {
  it('keep their length: a MAC written as text becomes its MAC\'s stand-in in its notation, text stays text (and is found in text), bytes stay bytes', () => {
    const names = new Pseudonyms()
    const id = (text: string) => Buffer.from(names.identifier(Buffer.from(text, 'latin1'))).toString('latin1')
    const mac = names.mac('00:1e:7a:99:88:77')
    expect(id('00:1E:7A:99:88:77')).toBe(mac.toUpperCase())
    expect(id('00-1e-7a-99-88-77')).toBe(mac.replaceAll(':', '-'))
    expect(id('001e.7a99.8877')).toBe(`${mac.slice(0, 5)}.${mac.slice(6, 11)}.${mac.slice(12)}`.replaceAll(':', ''))
    expect(id('001e7a998877')).toBe(mac.replaceAll(':', ''))
    const port = id('sw-core-7 Gi1/0/7')
    expect([port.length, port === 'sw-core-7 Gi1/0/7']).toEqual([17, false])
    expect(id('SW-CORE-7 gi1/0/7')).toBe(port)
    expect(names.text('circuit sw-core-7 Gi1/0/7 went down')).toBe(`circuit ${port} went down`)
    // Short or letterless text gets a stand-in in the packet, and is not looked for in text (it would match numbers).
    expect(id('13')).toMatch(/^(?!13$)[\da-z]{2}$/)
    expect(names.text('13 packets')).toBe('13 packets')
    const binary = names.identifier(Uint8Array.of(0, 0, 0, 8))
    expect([binary.length, Buffer.from(binary).equals(Buffer.from([0, 0, 0, 8]))]).toEqual([4, false])
    expect(names.identifier(Uint8Array.of(0, 0, 0, 8))).toEqual(binary)
    expect(Buffer.from(names.identifier(Uint8Array.of(0x13)))).not.toEqual(Buffer.from([0x13]))
  })
})

describe('bundle import', () => {
  it('opens a bundle as a read-only session with the same packets, notes and tags, and duplicates it into an editable one', async () => {
    const { sessionId } = await sessionWithCaptures()
    await engine.dispatch('sessions.setNotes', { sessionId, notes: 'Printer on floor 2 <b>never</b> gets an address.\nTried a probe.' })
    await engine.dispatch('sessions.setTags', { sessionId, tags: ['printer', 'floor 2'] })
    const zip = await exported(sessionId)
    const report = (await readZip(zip)).find((i) => i.name === 'report.html')!.data.toString()
    expect(report).toContain('Printer on floor 2 &#60;b&#62;never&#60;/b&#62; gets an address.')
    const imported = await importBundle(zip)
    expect(imported.verification.ok).toBe(true)
    expect(imported.session).toMatchObject({ name: 'tcpdump__dhcp-rfc4388.pcap (imported)', readOnly: true, captureCount: 3 })
    expect(imported.session).toMatchObject({ notes: 'Printer on floor 2 <b>never</b> gets an address.\nTried a probe.', tags: ['floor 2', 'printer'] })
    const original = (await engine.dispatch('captures.list', { sessionId })) as CaptureInfo[]
    const copies = (await engine.dispatch('captures.list', { sessionId: imported.session.id })) as CaptureInfo[]
    expect(copies.map((c) => [c.name, c.status, c.packetCount])).toEqual(original.map((c) => [c.name, 'ready', c.packetCount]))
    const pcap = join(tempDataDir(), 'x.pcap')
    execFileSync('cp', [`${corpusDir}zeek__dhcp.pcap`, pcap])
    await expect(engine.dispatch('captures.open', { fileId: engine.grant(pcap).fileId, sessionId: imported.session.id })).rejects.toThrow(/imported from a bundle and is read-only/)
    const editable = (await engine.dispatch('sessions.duplicate', { sessionId: imported.session.id })) as SessionInfo
    expect(editable.readOnly).toBe(false)
    const opened = await openInEngine(engine, pcap, editable.id)
    expect(opened.sessionId).toBe(editable.id)
  })

  it('refuses a bundle with a file changed since export, naming it, and makes no session', async () => {
    const { sessionId } = await sessionWithCaptures()
    const items = await readZip(await exported(sessionId))
    const csv = items.find((i) => i.name === 'data/transactions.csv')!
    csv.data = Buffer.concat([csv.data, Buffer.from('added,after,export\n')])
    const tampered = join(tempDir('bundle'), 'tampered.zip')
    await writeZip(tampered, items.filter((i) => i.name !== 'data/findings.json'))
    const verification = await verify(tampered)
    expect(verification.ok).toBe(false)
    expect(verification.message).toMatch(/data\/transactions\.csv is not what was exported/)
    expect(verification.message).toMatch(/data\/findings\.json is missing/)
    const before = await sessionCount()
    const kept = capturesKept()
    await expect(importBundle(tampered)).rejects.toThrow(/data\/transactions\.csv is not what was exported.*Nothing was imported/)
    expect(await sessionCount()).toBe(before)
    expect(capturesKept()).toEqual(kept)
  })

  it('leaves no session and no file when a capture cannot be read, though its sum holds', async () => {
    const { sessionId } = await sessionWithCaptures()
    const items = await readZip(await exported(sessionId))
    const manifest = JSON.parse(items.find((i) => i.name === 'manifest.json')!.data.toString()) as Manifest
    const damaged = items.find((i) => i.name === manifest.captures[1].path)!
    damaged.data = Buffer.from('this is no capture at all, though the manifest says so')
    manifest.files = manifest.files.map((f) => (f.path === damaged.name ? { ...f, bytes: damaged.data.length, sha256: createHash('sha256').update(damaged.data).digest('hex') } : f))
    items.find((i) => i.name === 'manifest.json')!.data = Buffer.from(JSON.stringify(manifest))
    const path = join(tempDir('bundle'), 'damaged.zip')
    await writeZip(path, items)
    expect((await verify(path)).ok).toBe(true)
    const before = await sessionCount()
    const kept = capturesKept()
    await expect(importBundle(path)).rejects.toThrow(/capture/i)
    expect(await sessionCount()).toBe(before)
    expect(capturesKept()).toEqual(kept)
  })

  it('refuses a zip that is not a bundle', async () => {
    engine = testEngine()
    const path = join(tempDir('bundle'), 'foreign.zip')
    await writeZip(path, [{ name: 'readme.txt', data: Buffer.from('hello') }])
    await expect(verify(path)).rejects.toThrow(/has no manifest\.json: it is not a bundle/)
    await expect(verify(`${corpusDir}zeek__dhcp.pcap`)).rejects.toThrow(/is not a zip file/)
  })
})

describe('the command line', () => {
  it('`bundle create` makes a bundle straight from capture files (anonymized), `bundle verify` passes it; and the data folder is not used for it', () => {
    const [node, cli] = fieldkitCommand()
    const dataDir = tempDataDir()
    const out = join(tempDir('bundle'), 'from-files.zip')
    const env = { ...process.env, FIELDKIT_DATA_DIR: dataDir }
    const files = CAPTURES.slice(0, 2).map((name) => `${corpusDir}${name}`)
    const saved = JSON.parse(execFileSync(node, [cli, 'bundle', 'create', ...files, '--out', out, '--anonymize', '--json'], { encoding: 'utf8', env })) as SavedBundle
    expect(saved).toMatchObject({ path: out, anonymized: true })
    // The session it made lived in a scratch folder of its own, gone now.
    expect(readdirSync(dataDir)).toEqual([])
    const verified = execFileSync(node, [cli, 'bundle', 'verify', out], { encoding: 'utf8', env })
    expect(verified).toMatch(/^ok +\d+ {2}captures\/tcpdump__dhcp-rfc4388\.pcapng$/m)
    expect(verified).toMatch(/match the SHA-256 sums in its manifest\.$/m)
    const again = spawnSync(node, [cli, 'bundle', 'create', files[0], '--out', out], { encoding: 'utf8', env })
    expect(again.status).toBe(2)
    expect(again.stderr).toContain('exists; a bundle never replaces a file')
    const slip = spawnSync(node, [cli, 'bundle', 'verify', `${corpusDir}zeek__dhcp.pcap`], { encoding: 'utf8', env })
    expect(slip.status).toBe(1)
    expect(slip.stderr).toMatch(/^fieldkit: zeek__dhcp\.pcap is not a zip file .*\n$/)
  }, 60_000)
})

describe('a hostile bundle', () => {
  const manifest = Buffer.from(JSON.stringify({ format: 'dhcp-field-kit-bundle', formatVersion: 1, captures: [], files: [] }))
  const refused = async (items: Parameters<typeof writeZip>[1], rename: [string, string] | null, message: RegExp) => {
    engine ??= testEngine()
    const path = join(tempDir('bundle'), 'hostile.zip')
    await writeZip(path, [{ name: 'manifest.json', data: manifest }, ...items])
    if (rename) renameInZip(path, ...rename)
    const before = await sessionCount()
    await expect(verify(path)).rejects.toThrow(message)
    await expect(importBundle(path)).rejects.toThrow(message)
    expect(await sessionCount()).toBe(before)
    expect(existsSync(join(tempDir('x'), '..', 'evil.txt'))).toBe(false)
  }

  it('refuses zip-slip paths, absolute paths and links', async () => {
    engine = testEngine()
    await refused([{ name: 'xx/evil.txt', data: Buffer.from('escape') }], ['xx/evil.txt', '../evil.txt'], /"\.\.\/evil\.txt", a path that climbs out of the bundle's folder \(zip-slip\); it is refused/)
    await refused([{ name: 'data/aa/aa/x', data: Buffer.from('escape') }], ['data/aa/aa/x', 'data/../../x'], /zip-slip/)
    await refused([{ name: 'xtmp/evil.txt', data: Buffer.from('escape') }], ['xtmp/evil.txt', '/tmp/evil.txt'], /"\/tmp\/evil\.txt", an absolute path/)
    await refused([{ name: 'data/link', data: Buffer.from('/etc/passwd'), mode: 0o120777 }], null, /"data\/link", a symbolic link/)
  })

  it('refuses zip bombs: a ratio deflate does not reach honestly, too many entries', async () => {
    engine = testEngine()
    await refused([{ name: 'captures/zeros.pcapng', data: Buffer.alloc(64 * 1024 ** 2) }], null, /captures\/zeros\.pcapng in hostile\.zip would grow \d+ times when extracted \(at most 200 is allowed\); it is refused as a possible zip bomb/)
    const many = Array.from({ length: 10_001 }, (_, i) => ({ name: `data/${i}`, data: Buffer.from('x'), store: true }))
    await refused(many, null, /has 10002 entries, more than the 10000 a bundle may have; it is refused as a possible zip bomb/)
  })
})
