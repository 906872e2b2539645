import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCapture } from '../../electron/engine/capture-file/open'
import { CaptureFileError, isoTimestamp, type CaptureRecord } from '../../electron/engine/capture-file/record'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { corpusDir, corpusFiles, decodeFile } from '../helpers/corpus'
import { pcapFile } from '../helpers/pcap-bytes'
import { tempDir } from '../helpers/temp'

const dir = tempDir('fieldkit-files')
const write = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}
const dhcpFrames = decodeFile(`${corpusDir}zeek__dhcp.pcap`).map((p) => p.record.data)

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
      ['notes.txt', '{"hello": "world"}', /not a pcap or pcapng capture: it starts with 0x7b226865 \(text that looks like JSON\) at offset 0/],
      ['archive.zip', Buffer.from('504b0304aabbccdd', 'hex'), /ZIP archive/],
      ['short.pcap', Buffer.from('d4c3b2a1020004', 'hex'), /truncated: a pcap file header is 24 bytes, the file has 7/],
    ]
    for (const [name, bytes, message] of cases) {
      expect(() => openCapture(write(name, bytes))).toThrow(CaptureFileError)
      expect(() => openCapture(write(name, bytes))).toThrow(message)
    }
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
