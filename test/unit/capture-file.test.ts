import { execFileSync } from 'node:child_process'
import { existsSync, truncateSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureInfo, PacketPage } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { openCapture } from '../../electron/engine/capture-file/open'
import { CaptureFileError, isoTimestamp, timestampWarning, type CaptureRecord } from '../../electron/engine/capture-file/record'
import { writeCapture } from '../../electron/engine/capture-file/write'
import type { EventName } from '../../electron/contract/methods'
import { openCaptureInSession } from '../../electron/engine/session/capture-import'
import { openDatabase } from '../../electron/engine/store/database'
import { SessionStore } from '../../electron/engine/store/sessions'
import { corpusDir, corpusFiles, decodeFile } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import { pcapFile, pcapHeader, pcapRecordHeader } from '../helpers/pcap-bytes'
import { block, BLOCK, interfaceBlock, packetBlock, pcapngFile, sectionHeader } from '../helpers/pcapng-bytes'
import { runFieldkit } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const dir = tempDir('fieldkit-files')
const write = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}
const dhcpFrames = decodeFile(`${corpusDir}zeek__dhcp.pcap`).map((p) => p.record.data)

function thrownBy(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(CaptureFileError)
    return (error as Error).message
  }
  throw new Error('expected a CaptureFileError')
}

function readAll(path: string) {
  const reader = openCapture(path)
  const records = []
  for (let r = reader.next(); r; r = reader.next()) records.push(r)
  const problem = reader.problem
  reader.close()
  return { records, problem, format: reader.format }
}

describe('capture files', () => {
  it('reads pcap in either byte order and with nanosecond timestamps', () => {
    for (const options of [{}, { bigEndian: true }, { nanoseconds: true }, { bigEndian: true, nanoseconds: true }]) {
      const { records, format, problem } = readAll(write(`v-${JSON.stringify(options)}.pcap`, pcapFile(dhcpFrames, options)))
      expect(problem).toBeNull()
      expect(records).toHaveLength(dhcpFrames.length)
      expect(format).toBe(options.nanoseconds ? 'pcap-ns' : 'pcap')
      expect(Buffer.from(records[0].data)).toEqual(Buffer.from(dhcpFrames[0]))
      expect(isoTimestamp(records[0])).toBe(options.nanoseconds ? '2023-11-14T22:13:20.000123456Z' : '2023-11-14T22:13:20.123456Z')
    }
  })

  it('reads pcapng with its interfaces', () => {
    const { records, format } = readAll(`${corpusDir}tcpdump__dhcp-option-108.pcapng`)
    expect(format).toBe('pcapng')
    expect(records.map((r) => r.frame)).toEqual([1, 2])
    expect(records[0].linkType).toBe(1)
  })

  it('names what a foreign file is instead of failing obscurely', () => {
    const cases: [string, Buffer | string, RegExp][] = [
      ['empty.pcap', '', /is empty \(0 bytes\)/],
      ['notes.txt', '{"hello": "world"}', /^notes\.txt is not a pcap or pcapng capture \(it looks like JSON text\): its header at offset 0 /],
      ['archive.zip', Buffer.from('504b0304aabbccdd', 'hex'), /ZIP archive/],
      ['short.pcap', Buffer.from('d4c3b2a1020004', 'hex'), /truncated: its pcap file header at offset 0 needs 24 bytes, the file has 7/],
    ]
    for (const [name, bytes, message] of cases) {
      const path = write(name, bytes)
      expect(() => openCapture(path, name)).toThrow(CaptureFileError)
      expect(() => openCapture(path, name)).toThrow(message)
    }
    // The message names the file but never shows what is in it (the file may be anyone's secret).
    const message = thrownBy(() => openCapture(write('shadow', 'root:$6$saltsalt$hash:19000:0:99999:7:::\n'), 'shadow'))
    expect(message).toMatch(/^shadow is not a pcap or pcapng capture: its header at offset 0 /)
    expect(message).not.toMatch(/root|726f6f74|\$6\$/)
    expect(() => openCapture(join(dir, 'missing.pcap'))).toThrow(/no such file/)
  })

  it('keeps what was readable before damage and says where the damage is', () => {
    const whole = pcapFile(dhcpFrames)
    const cut = whole.subarray(0, whole.length - 40)
    const { records, problem } = readAll(write('cut.pcap', cut))
    expect(records).toHaveLength(dhcpFrames.length - 1)
    expect(problem).toMatch(/^Damaged capture: the file ends inside record 9 at offset \d+ .*; 8 packets were read before it\.$/)
  })
})

describe('writing captures', () => {
  const comparable = (r: CaptureRecord) => ({
    frame: r.frame, time: isoTimestamp(r).replace(/0+Z$/, 'Z'), originalLength: r.originalLength, linkType: r.linkType,
    data: Buffer.from(r.data).toString('hex'), comment: r.comment,
  })
  const digits = (records: CaptureRecord[]) => (records.some((r) => r.fractionDigits > 6) ? 9 : 6)

  it.each(corpusFiles())('read → write → read keeps every packet of %s, as pcap and as pcapng', (file) => {
    const { records } = readAll(join(corpusDir, file))
    for (const format of ['pcap', 'pcapng'] as const) {
      const path = join(dir, `${file}.again.${format}`)
      expect(writeCapture(path, format, records, { digits: digits(records), comment: 'round trip' })).toBe(records.length)
      const again = readAll(path)
      expect(again.problem).toBeNull()
      expect(again.records.map(comparable)).toEqual(records.map(comparable))
    }
  })

  it('keeps several link types and interfaces in pcapng, and refuses them in pcap with a reason', () => {
    const merged = join(dir, 'merged.pcapng')
    execFileSync('mergecap', ['-a', '-w', merged, ...['zeek__dhcp.pcap', 'pcapplusplus__sll.pcap', 'pcapplusplus__raw_ip.pcap'].map((f) => join(corpusDir, f))])
    const { records } = readAll(merged)
    expect(new Set(records.map((r) => r.linkType)).size).toBe(3)
    records[3].comment = 'the NAK: address not available'
    const out = join(dir, 'merged.again.pcapng')
    writeCapture(out, 'pcapng', records, { digits: 9 })
    expect(readAll(out).records.map(comparable)).toEqual(records.map(comparable))
    // tshark reads what we wrote, with the same packets.
    const count = execFileSync('tshark', ['-r', out, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').length
    expect(count).toBe(records.length)
    const pcap = join(dir, 'merged.pcap')
    expect(() => writeCapture(pcap, 'pcap', records, { digits: 6 })).toThrow(/a pcap file holds one link type, so save as pcapng instead/)
    expect(existsSync(pcap)).toBe(false)
  })
})

/** A pcap whose header allows 4 GiB records, then one record claiming `claimed` bytes, in a sparse file of `size`. */
function hugeRecordFile(name: string, claimed: number, size: number): string {
  const path = write(name, Buffer.concat([pcapHeader({ snapLength: 0xffffffff }), pcapRecordHeader({ seconds: 1700000000, fraction: 0, capturedLength: claimed, originalLength: claimed })]))
  truncateSync(path, size)
  return path
}

describe('hostile capture files', () => {
  const frame = dhcpFrames[0]

  it('reports a pcapng interface block of total length 12 as damage at that block, not a RangeError', () => {
    const file = Buffer.concat([sectionHeader(), block(BLOCK.IDB, Buffer.alloc(0)), interfaceBlock(), packetBlock(frame)])
    const { records, problem } = readAll(write('idb12.pcapng', file))
    expect(records).toEqual([])
    expect(problem).toBe('Damaged capture: interface description block 2 at offset 28 is 12 bytes long, too short for its fields (at least 20); 0 packets were read before it.')
  })

  it('checks every block body it parses against the fields it needs', () => {
    const shortBodies: [name: string, type: number, least: number, body: Buffer][] = [
      ['section header block', BLOCK.SHB, 28, Buffer.from('4d3c2b1a0100000000000000', 'hex')],
      ['interface description block', BLOCK.IDB, 20, Buffer.alloc(4)],
      ['enhanced packet block', BLOCK.EPB, 32, Buffer.alloc(16)],
      ['obsolete packet block', BLOCK.OPB, 32, Buffer.alloc(16)],
      ['simple packet block', BLOCK.SPB, 16, Buffer.alloc(0)],
      ['custom block', BLOCK.CB_COPY, 16, Buffer.alloc(0)],
      ['custom block', BLOCK.CB_NO_COPY, 16, Buffer.alloc(0)],
      ['systemd journal export block', BLOCK.JOURNAL, 35, Buffer.from('MESSAGE=a short one\n')],
    ]
    for (const [name, type, least, body] of shortBodies) {
      const file = Buffer.concat([sectionHeader(), interfaceBlock(), block(type, body), packetBlock(frame)])
      const { records, problem } = readAll(write(`short-${type}.pcapng`, file))
      expect(records).toEqual([])
      expect(problem).toBe(`Damaged capture: ${name} 3 at offset 48 is ${12 + body.length} bytes long, too short for its fields (at least ${least}); 0 packets were read before it.`)
    }
    const lyingTrailer = Buffer.concat([sectionHeader(), interfaceBlock(), packetBlock(frame)])
    lyingTrailer.writeUInt32LE(12, lyingTrailer.length - 4)
    expect(readAll(write('trailer.pcapng', lyingTrailer)).problem).toMatch(/^Damaged capture: enhanced packet block 3 at offset 48 ends with the length 12, where its header says \d+; 0 packets were read before it\.$/)
    const badMagic = sectionHeader()
    badMagic.writeUInt32LE(0x11223344, 8)
    expect(readAll(write('magic.pcapng', Buffer.concat([badMagic, interfaceBlock(), packetBlock(frame)]))).problem)
      .toBe('Damaged capture: section header block 1 at offset 0 has no byte-order magic (1a2b3c4d in either byte order); 0 packets were read before it.')
  })

  it('reads sections in either byte order, skips blocks it does not know, and bounds interfaces per section', () => {
    const file = Buffer.concat([pcapngFile([frame], { bigEndian: true }), block(BLOCK.NRB, Buffer.alloc(4), true), block(0x0bad, Buffer.alloc(8), true), block(0x0bae, Buffer.alloc(8), true), pcapngFile([frame])])
    const { records, problem } = readAll(write('two-sections.pcapng', file))
    expect(problem).toBeNull()
    // The custom block (0xbad) is a frame, as in Wireshark (pcapng-record-blocks.test.ts); the name block and 0xbae are not.
    expect(records.map((r) => [r.frame, isoTimestamp(r), r.data.length])).toEqual([[1, '1970-01-01T00:00:00.000001Z', frame.length], [2, '1970-01-01T00:00:00.000000Z', 8], [3, '1970-01-01T00:00:00.000001Z', frame.length]])
    const interfaces = Buffer.concat([sectionHeader(), ...Array.from({ length: 65537 }, () => interfaceBlock())])
    expect(readAll(write('interfaces.pcapng', interfaces)).problem)
      .toBe(`Damaged capture: interface description block 65538 at offset ${28 + 65536 * 20} describes more than 65536 interfaces in one section; 0 packets were read before it.`)
  })

  it('reads pcapng versions 1.0 and 1.2, and stops at a section of another version as Wireshark does, saying so', () => {
    const version = (major: number, minor: number) => {
      const header = sectionHeader()
      header.writeUInt16LE(major, 12)
      header.writeUInt16LE(minor, 14)
      return header
    }
    const file = Buffer.concat([version(1, 2), interfaceBlock(), packetBlock(frame), version(2, 0), interfaceBlock(), packetBlock(frame)])
    const { records, problem } = readAll(write('version-2.pcapng', file))
    expect(records).toHaveLength(1)
    expect(problem).toMatch(/^Damaged capture: section header block 4 at offset \d+ is of pcapng version 2\.0, which no reader knows \(1\.0 is pcapng's\); 1 packet was read before it\.$/)
  })

  it('shows a time no date can hold as its raw value, with a warning on that packet, and keeps reading', () => {
    const cases: [string, Parameters<typeof pcapngFile>[1], string, RegExp][] = [
      ['huge ticks', { ticks: [2n ** 64n - 1n] }, '18446744073709.551615', /after the year 9999/],
      ['huge offset', { tsoffset: 2n ** 40n, ticks: [1n] }, '1099511627776.000001', /after the year 9999/],
      ['negative', { tsoffset: -(2n ** 40n), ticks: [5n * 10n ** 6n + 7n] }, '-1099511627770.999993', /before 1970/],
      ['whole seconds', { tsresol: 0, ticks: [2n ** 52n] }, '4503599627370496', /after the year 9999/],
    ]
    for (const [name, options, raw, why] of cases) {
      const { records, problem } = readAll(write(`${name}.pcapng`, pcapngFile([frame, frame], options)))
      expect(problem).toBeNull()
      expect(records).toHaveLength(2)
      expect(isoTimestamp(records[0])).toBe(raw)
      expect(timestampWarning(records[0])).toMatch(why)
      expect(timestampWarning(records[0])).toContain(raw)
    }
    const { records } = readAll(write('offset-2-62.pcapng', pcapngFile([frame], { tsoffset: 2n ** 62n })))
    expect(timestampWarning(records[0])).toMatch(/^Timestamp cannot be shown as a date: it is after the year 9999; shown as the raw value \d+\.\d{6} s since 1970\.$/)
    expect(timestampWarning(readAll(write('fine.pcap', pcapFile([frame]))).records[0])).toBeNull()
  })

  it('keeps timestamps finer than nanoseconds exact by normalising them to nanoseconds', () => {
    const tenths = readAll(write('tsresol-10.pcapng', pcapngFile([frame], { tsresol: 10, ticks: [1_700_000_000_123_456_789n] }))).records[0]
    expect(tenths).toMatchObject({ timestampSeconds: 170000000, timestampFraction: 12345678, fractionDigits: 9 })
    const fine = readAll(write('tsresol-30.pcapng', pcapngFile([frame], { tsresol: 30, ticks: [2n ** 64n - 1n] }))).records[0]
    expect(fine).toMatchObject({ timestampSeconds: 0, timestampFraction: 0, fractionDigits: 9 })
    const binary = readAll(write('tsresol-2-30.pcapng', pcapngFile([frame], { tsresol: 0x80 | 30, ticks: [(3n << 30n) | (1n << 29n)] }))).records[0]
    expect(binary).toMatchObject({ timestampSeconds: 3, timestampFraction: 500_000_000, fractionDigits: 9 })
  })

  it('bounds a pcap record by 256 KiB whatever the header says, before reading it, on both paths', () => {
    for (const [name, claimed, size] of [['gib-record.pcap', 2 ** 30, 40 + 2 ** 30], ['fffffff0-record.pcap', 0xfffffff0, 40 + 0xfffffff0 + 100]] as const) {
      const path = hugeRecordFile(name, claimed, size)
      const before = process.memoryUsage().arrayBuffers
      const expected = `Damaged capture: record 1 at offset 24 claims ${claimed} bytes, more than the 262144-byte maximum; 0 packets were read before it.`
      const { records, problem } = readAll(path)
      expect(records).toEqual([])
      expect(problem).toBe(expected)
      const reader = openCapture(path, name, true)
      expect(reader.inPlace!.next()).toBe(false)
      expect(reader.problem).toBe(expected)
      reader.close()
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20)
    }
  })

  it('refuses what is not a regular file before reading it, with a sentence', async () => {
    const socketPath = join(dir, 'capture.sock')
    const server = createServer()
    await new Promise<void>((listening) => server.listen(socketPath, listening))
    try {
      expect(thrownBy(() => openCapture(dir, 'my-folder'))).toBe('Cannot open my-folder: it is a folder, not a capture file.')
      expect(thrownBy(() => openCapture('/dev/zero', 'zero'))).toBe('Cannot open zero: it is a device, not a capture file.')
      expect(thrownBy(() => openCapture(socketPath, 'capture.sock'))).toBe('Cannot open capture.sock: it is a socket, not a capture file.')
    } finally {
      server.close()
    }
  })
})

describe('the command line on hostile files', () => {
  /** A real process with a deadline: a reader that blocks (on a FIFO) must fail the test, not hang it. */
  const fieldkit = (...args: string[]) => runFieldkit(args, { timeout: 20_000 })

  it('refuses a FIFO at once instead of blocking on it', () => {
    const fifo = join(dir, 'pipe.pcap')
    execFileSync('mkfifo', [fifo])
    expect(fieldkit('decode', fifo)).toEqual({ code: 2, stdout: '', stderr: `fieldkit: Cannot open ${fifo}: it is a named pipe (FIFO), not a capture file.\n` })
  })

  it('decodes and counts a pcapng with a damaged interface block, warning in one line', () => {
    const path = write('cli-idb12.pcapng', Buffer.concat([sectionHeader(), interfaceBlock(), packetBlock(dhcpFrames[0]), block(BLOCK.IDB, Buffer.alloc(0))]))
    const warning = 'warning: Damaged capture: interface description block 4 at offset 388 is 12 bytes long, too short for its fields (at least 20); 1 packet was read before it.\n'
    expect(fieldkit('decode', path, '--json')).toMatchObject({ code: 0, stderr: warning, stdout: expect.stringMatching(/^\{"frame":1,.*\}\n$/) })
    expect(fieldkit('stats', path)).toMatchObject({ code: 0, stderr: warning, stdout: expect.stringContaining('Packets: 1 (DHCPv4 1, DHCPv6 0)') })
  })

  it('prints a time no date can hold as its raw value with a warning on the packet', () => {
    const path = write('cli-huge-time.pcapng', pcapngFile([dhcpFrames[0]], { ticks: [2n ** 64n - 1n] }))
    const json = fieldkit('decode', path, '--json')
    expect(json.code).toBe(0)
    const line = JSON.parse(json.stdout)
    expect(line.time).toBe('18446744073709.551615')
    expect(line.warnings[0]).toBe('Timestamp cannot be shown as a date: it is after the year 9999; shown as the raw value 18446744073709.551615 s since 1970.')
    const text = fieldkit('decode', path)
    expect(text.stdout).toMatch(/^Frame 1 {2}18446744073709\.551615 {2}/)
    expect(text.stdout).toContain('  warning: Timestamp cannot be shown as a date')
    expect(fieldkit('stats', path)).toMatchObject({ code: 0, stderr: '' })
  })

  it('refuses a record claiming 4 GiB in a 4 GiB file in a sentence, in decode and in stats', () => {
    const path = hugeRecordFile('cli-fffffff0.pcap', 0xfffffff0, 40 + 0xfffffff0 + 100)
    const warning = 'warning: Damaged capture: record 1 at offset 24 claims 4294967280 bytes, more than the 262144-byte maximum; 0 packets were read before it.\n'
    expect(fieldkit('decode', path)).toEqual({ code: 0, stdout: '', stderr: warning })
    expect(fieldkit('stats', path)).toMatchObject({ code: 0, stderr: warning })
  })
})

describe('writing back what cannot be shown', () => {
  it('writes such times to pcapng faithfully, and refuses what a format cannot hold naming the packet, leaving no file', () => {
    const frame = dhcpFrames[0]
    const huge = readAll(write('w-huge.pcapng', pcapngFile([frame, frame], { ticks: [1n, 2n ** 64n - 1n] }))).records
    const again = join(dir, 'w-huge.again.pcapng')
    expect(writeCapture(again, 'pcapng', huge, { digits: 6 })).toBe(2)
    expect(readAll(again).records.map((r) => isoTimestamp(r))).toEqual(['1970-01-01T00:00:00.000001Z', '18446744073709.551615'])
    const pcap = join(dir, 'w-huge.pcap')
    expect(() => writeCapture(pcap, 'pcap', huge, { digits: 6 }))
      .toThrow("Packet 2's timestamp (18446744073709.551615) does not fit a pcap file (whole seconds from 1970 to 2106, in 32 bits); save it as pcapng instead.")
    expect(existsSync(pcap)).toBe(false)
    const negative = readAll(write('w-negative.pcapng', pcapngFile([frame], { tsoffset: -5n }))).records
    const ng = join(dir, 'w-negative.again.pcapng')
    expect(() => writeCapture(ng, 'pcapng', negative, { digits: 9 }))
      .toThrow("Packet 1's timestamp (-4.999999) does not fit a pcapng file (64 bits of nanoseconds since 1970).")
    expect(existsSync(ng)).toBe(false)
  })
})

describe('hostile capture files in the app', () => {
  let engine: Engine | undefined
  afterEach(() => engine?.close())

  it('ends a damaged capture ready with its reason, and one with impossible times viewable', async () => {
    engine = testEngine()
    const frame = dhcpFrames[0]
    const damaged = await openInEngine(engine, write('app-idb12.pcapng', Buffer.concat([sectionHeader(), interfaceBlock(), packetBlock(frame), block(BLOCK.IDB, Buffer.alloc(0))])))
    if (damaged.status === 'loading') await loaded(engine, damaged.id)
    const [info] = (await engine.dispatch('captures.list', { sessionId: damaged.sessionId })) as CaptureInfo[]
    expect(info).toMatchObject({ status: 'ready', packetCount: 1, error: expect.stringMatching(/^Damaged capture: interface description block 4 at offset 388 /) })

    const strange = await openInEngine(engine, write('app-huge-time.pcapng', pcapngFile([frame, frame], { ticks: [2n ** 64n - 1n, 2n ** 64n - 2n] })))
    if (strange.status === 'loading') await loaded(engine, strange.id)
    const page = (await engine.dispatch('packets.page', { captureId: strange.id, offset: 0, limit: 10 })) as PacketPage
    expect(page.rows.map((r) => r.timestamp)).toEqual(['18446744073709.551615', '18446744073709.551614'])
  })

  it('marks a load that throws, in its first batch or later, failed with the reason, never loading', async () => {
    for (const [failingBatch, frames] of [[1, 3], [2, 700]]) {
      const db = openDatabase(join(tempDataDir(), 'fieldkit.db'))
      const sessions = new SessionStore(db)
      let batches = 0
      const failing = Object.assign(Object.create(sessions) as SessionStore, {
        setPacketCount: (...args: Parameters<SessionStore['setPacketCount']>) => {
          if (++batches === failingBatch) throw new Error('the disk is full')
          sessions.setPacketCount(...args)
        },
      })
      const events: [EventName, unknown][] = []
      const path = write(`fails-${failingBatch}.pcap`, pcapFile(Array.from({ length: frames }, () => dhcpFrames[0])))
      const load = openCaptureInSession(failing, (event, payload) => events.push([event, payload]), { path, name: 'fails.pcap' }, () => sessions.create('s').id)
      await load.done
      const info = sessions.capture(load.capture.id)!
      expect(info).toMatchObject({ status: 'failed', error: 'Loading stopped: the disk is full' })
      if (failingBatch === 1) expect(load.capture).toMatchObject({ status: 'failed', error: 'Loading stopped: the disk is full' })
      expect(events).toContainEqual(['capture.updated', info])
      db.close()
    }
  })
})
