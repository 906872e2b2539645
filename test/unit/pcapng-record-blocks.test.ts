// pcapng blocks that hold no packet but that Wireshark numbers as frames: custom blocks (which a rewriter may copy,
// or may not) and systemd journal export blocks. Frame numbers, bytes, times and filter fields are tshark's, and a
// saved file holds what Wireshark's own editcap writes from the same file.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FrameAnonymizer } from '../../electron/engine/bundle/anonymize-frame'
import { Pseudonyms } from '../../electron/engine/bundle/pseudonyms'
import { openCapture } from '../../electron/engine/capture-file/open'
import { journalTime } from '../../electron/engine/capture-file/pcapng-records'
import type { CaptureRecord } from '../../electron/engine/capture-file/record'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { BLOCK_RECORD, customBlockCopy } from '../../electron/engine/decode/link-types'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { filterForField } from '../../electron/engine/filter/field-filter'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { corpusDir, decodeFile } from '../helpers/corpus'
import { block, BLOCK, interfaceBlock, packetBlock, sectionHeader } from '../helpers/pcapng-bytes'
import { JOURNAL_ENTRY, writeRecordBlocksCapture } from '../helpers/record-blocks-capture'
import { tempDir } from '../helpers/temp'
import { hasTshark, NO_TSHARK, tsharkSelects } from '../helpers/tshark'

const dir = tempDir('fieldkit-record-blocks')
const write = (name: string, bytes: Buffer) => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}
const FILE = writeRecordBlocksCapture(dir)

function readAll(path: string): { records: CaptureRecord[]; problem: string | null } {
  const reader = openCapture(path)
  const records: CaptureRecord[] = []
  for (let r = reader.next(); r; r = reader.next()) records.push({ ...r, data: Uint8Array.from(r.data) })
  const problem = reader.problem
  reader.close()
  return { records, problem }
}

/** What tshark shows of each frame of a file, one line each. */
function tsharkFrames(path: string): string[] {
  const fields = ['frame.number', 'frame.len', 'frame.time_epoch', 'frame.cb_pen', 'frame.cb_copy', '_ws.col.Protocol', 'systemd_journal.message']
  return execFileSync('tshark', ['-r', path, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n').filter(Boolean)
}

describe('pcapng blocks that are frames without being packets', () => {
  it(`numbers them where tshark does, with its lengths, times, enterprise numbers and copying rule${NO_TSHARK}`, { skip: !hasTshark, timeout: 60_000 }, () => {
    const { records, problem } = readAll(FILE)
    expect(problem).toBeNull()
    const ours = records.map((r) => {
      const decoded = decodeFrame(r.linkType, r.data, r.originalLength)
      const custom = r.linkType === BLOCK_RECORD.CUSTOM_COPY || r.linkType === BLOCK_RECORD.CUSTOM_NO_COPY
      const node = (key: string) => decoded.layers.flatMap((l) => [l, ...(l.children ?? [])]).find((n) => n.key === key)
      const time = custom ? '' : `${r.timestampSeconds}.${String(r.timestampFraction).padStart(r.fractionDigits, '0').padEnd(9, '0')}`
      const message = r.linkType === BLOCK_RECORD.SYSTEMD_JOURNAL ? decoded.info : ''
      return [r.frame, custom ? r.originalLength - 4 : r.originalLength, time, node('frame.cb_pen')?.value ?? '', custom ? customBlockCopy(r.linkType) : '', decoded.protocol, message].join('\t')
    })
    expect(ours).toEqual(tsharkFrames(FILE))
  })

  it(`selects them by frame.cb_pen, frame.cb_copy and systemd_journal as tshark -Y does${NO_TSHARK}`, { skip: !hasTshark, timeout: 60_000 }, () => {
    const { index } = indexCaptureFile(FILE)
    for (const filter of ['frame.cb_pen == 32473', 'frame.cb_pen == 36724', 'frame.cb_copy == 0', 'frame.cb_copy == 1', 'frame.cb_copy', 'systemd_journal', 'dhcp', '!frame.cb_pen']) {
      expect([...runFilter(index, compileFilter(filter))].map((i) => i + 1), filter).toEqual(tsharkSelects(FILE, filter))
    }
  })

  it('shows a custom block\'s parts where its bytes are, and applies them as filters', () => {
    const big = readAll(FILE).records[5]
    expect(big.frame).toBe(6)
    const decoded = decodeFrame(big.linkType, big.data, big.originalLength)
    expect(decoded.info).toBe('Custom Block: PEN = 36724, will be copied')
    const [frame, data] = decoded.layers
    expect(frame.label).toBe('Custom block: 28 bytes of custom data and options, PEN 36724, copying allowed')
    expect(frame.children!.map((n) => [n.label, n.value, n.offset, n.length])).toEqual([['Private Enterprise Number', '36724', 0, 4], ['Copying', 'Allowed', 0, 0]])
    expect([data.label, data.offset, data.length]).toEqual(['Data (28 bytes)', 4, 28])
    expect(Buffer.from(big.data.subarray(4, 29)).toString()).toBe('from a big-endian section')
    expect(filterForField('frame.cb_pen', big.data, 0, 4, () => true)).toBe('frame.cb_pen == 36724')
  })

  it('reads a journal entry\'s fields, its time and its message, as lines of the tree', () => {
    const journal = readAll(FILE).records[3]
    expect([journal.frame, journal.linkType, journal.originalLength]).toEqual([4, BLOCK_RECORD.SYSTEMD_JOURNAL, JOURNAL_ENTRY.length])
    const decoded = decodeFrame(journal.linkType, journal.data, journal.originalLength)
    expect([decoded.protocol, decoded.info]).toEqual(['systemd Journal', 'DHCPACK on 192.0.2.10 to 00:11:22:33:44:55'])
    const lines = decoded.layers[1].children!
    expect(lines.map((n) => `${n.label}: ${n.value}`)).toEqual(['__CURSOR: s=1;i=2', '__REALTIME_TIMESTAMP: 1700000000123456', '_HOSTNAME: lab', 'MESSAGE: DHCPACK on 192.0.2.10 to 00:11:22:33:44:55'])
    expect(Buffer.from(journal.data.subarray(lines[2].offset, lines[2].offset + lines[2].length)).toString()).toBe('_HOSTNAME=lab\n')
    // A binary field: its name alone on a line, a 64-bit length (here claiming more than there is), the bytes.
    const binary = Buffer.concat([Buffer.from('__REALTIME_TIMESTAMP=1\nMESSAGE\n'), Buffer.from('ffffff0000000000', 'hex'), Buffer.from('bound')])
    expect(decodeFrame(BLOCK_RECORD.SYSTEMD_JOURNAL, binary).info).toBe('bound')
    expect(journalTime(Buffer.from('MESSAGE=x\n__REALTIME_TIMESTAMP=99999999999999999999999\n'))).toEqual({ timestampSeconds: 0, timestampFraction: 0, fractionDigits: 6 })
  })

  it(`saves them as Wireshark's editcap does: copyable ones kept, the others left out, none in pcap${NO_TSHARK}`, { skip: !hasTshark, timeout: 60_000 }, () => {
    const records = readAll(FILE).records
    const ours = join(dir, 'saved.pcapng'), theirs = join(dir, 'editcap.pcapng')
    expect(writeCapture(ours, 'pcapng', records, { digits: 6 })).toBe(records.length - 1)
    execFileSync('editcap', ['-F', 'pcapng', FILE, theirs])
    expect(tsharkFrames(ours)).toEqual(tsharkFrames(theirs))
    expect(readAll(ours).records.map((r) => Buffer.from(r.data).toString('hex'))).toEqual(records.filter((r) => r.linkType !== BLOCK_RECORD.CUSTOM_NO_COPY).map((r) => Buffer.from(r.data).toString('hex')))
    expect(() => writeCapture(join(dir, 'saved.pcap'), 'pcap', records, { digits: 6 }))
      .toThrow('Frame 1 is a pcapng custom block, which a pcap file cannot hold; save as pcapng, or save only the packets a display filter such as "dhcp || dhcpv6" keeps.')
  })

  it('blanks what they hold in an anonymized bundle, keeping the enterprise number and the entry\'s time', () => {
    const records = readAll(FILE).records
    const anonymizer = new FrameAnonymizer(new Pseudonyms())
    const custom = Uint8Array.from(records[0].data), journal = Uint8Array.from(records[3].data)
    anonymizer.rewrite(records[0].linkType, custom)
    anonymizer.rewrite(records[3].linkType, journal)
    expect([...custom.subarray(0, 4)]).toEqual([...records[0].data.subarray(0, 4)])
    expect(custom.subarray(4).every((b) => b === 0)).toBe(true)
    const text = Buffer.from(journal).toString()
    expect(text).not.toMatch(/lab|DHCPACK|192\.0\.2|00:11/)
    expect(text.length).toBe(JOURNAL_ENTRY.length)
    expect(journalTime(journal)).toEqual(journalTime(records[3].data))
  })

  it('ends reading at a journal entry too short to be one, as Wireshark does, saying where', () => {
    const path = write('short-entry.pcapng', Buffer.concat([sectionHeader(), interfaceBlock(), packetBlock(decodeFile(`${corpusDir}zeek__dhcp.pcap`)[0].record.data), block(BLOCK.JOURNAL, Buffer.from('MESSAGE=hi\n'.padEnd(24, '\0')))]))
    const { records, problem } = readAll(path)
    expect(records).toHaveLength(1)
    expect(problem).toBe('Damaged capture: systemd journal export block 4 at offset 388 holds an entry of 11 bytes, too short for one (at least 23); 1 packet was read before it.')
  })
})
