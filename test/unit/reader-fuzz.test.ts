// Hostile capture files: 100,000 mutations of the block and record structure of real pcap and pcapng files (and
// of files built to carry every block type, byte order and timestamp option) through the readers themselves:
// lengths, block types, options (if_tsresol, if_tsoffset), byte-order magic, record fields, truncation. Every case
// must end in a CaptureFileError of one line naming where, or in records read and at most a one-line problem
// naming the block or record and its offset; nothing else may be thrown, and memory must stay bounded.
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { openCapture } from '../../electron/engine/capture-file/open'
import { CaptureFileError, isoTimestamp, MAX_PACKET_BYTES, timestampWarning } from '../../electron/engine/capture-file/record'
import { corpusDir, corpusFiles } from '../helpers/corpus'
import { pcapFile } from '../helpers/pcap-bytes'
import { block, BLOCK, interfaceBlock, options, OPTION, packetBlock, pcapngFile, sectionHeader } from '../helpers/pcapng-bytes'
import { tempDir } from '../helpers/temp'

const RUNS_PER_FORMAT = 50_000
const HEAP_LIMIT = 200 * 2 ** 20

/**
 * One reused file: the readers open what they are given by path, as the app and the CLI do. It is rewritten in
 * place and cut to size (creating or truncating a file per case costs a journal commit: 40 times slower).
 */
const target = join(tempDir('fieldkit-reader-fuzz'), 'case')
const targetFd = openSync(target, 'w')
afterAll(() => closeSync(targetFd))

function writeCase(bytes: Buffer): void {
  writeSync(targetFd, bytes, 0, bytes.length, 0)
  ftruncateSync(targetFd, bytes.length)
}

const INTERESTING_U32 = [
  0, 1, 3, 4, 8, 11, 12, 13, 16, 20, 24, 28, 32, 0x7f, 0xff, 0xffff, 0x10000, MAX_PACKET_BYTES - 1, MAX_PACKET_BYTES,
  MAX_PACKET_BYTES + 1, 0xffffff, 16 * 2 ** 20 - 4, 16 * 2 ** 20, 16 * 2 ** 20 + 4, 2 ** 30, 0x7fffffff, 0x80000000,
  0xfffffff0, 0xfffffffc, 0xffffffff,
]
const u32 = fc.oneof(fc.constantFrom(...INTERESTING_U32), fc.nat({ max: 0xffffffff }))
const INTERESTING_I64 = [0n, 1n, -1n, 2n ** 31n, 2n ** 40n, -(2n ** 40n), 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n)]
const i64 = fc.oneof(fc.constantFrom(...INTERESTING_I64), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }))

function write32(b: Buffer, value: number, at: number, bigEndian: boolean): void {
  if (at < 0 || at + 4 > b.length) return
  if (bigEndian) b.writeUInt32BE(value, at)
  else b.writeUInt32LE(value, at)
}

// ---- pcap: a header and records, each a buffer of header + data ----

interface PcapSeed {
  header: Buffer
  records: Buffer[]
  bigEndian: boolean
}

function pcapSeed(bytes: Buffer, maxRecords = 6): PcapSeed {
  const bigEndian = bytes.readUInt32LE(0) === 0xd4c3b2a1 || bytes.readUInt32LE(0) === 0x4d3cb2a1
  const records: Buffer[] = []
  for (let at = 24; at + 16 <= bytes.length && records.length < maxRecords;) {
    const length = 16 + (bigEndian ? bytes.readUInt32BE(at + 8) : bytes.readUInt32LE(at + 8))
    records.push(Buffer.from(bytes.subarray(at, at + length)))
    at += length
  }
  return { header: Buffer.from(bytes.subarray(0, 24)), records, bigEndian }
}

const pcapMutation = fc.oneof(
  fc.record({ kind: fc.constant('magic' as const), value: fc.oneof(fc.constantFrom(0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1), u32) }),
  fc.record({ kind: fc.constant('header-field' as const), at: fc.constantFrom(4, 8, 12, 16, 20), value: u32 }),
  fc.record({ kind: fc.constant('record-field' as const), record: fc.nat(), at: fc.constantFrom(0, 4, 8, 12), value: u32 }),
  fc.record({ kind: fc.constant('drop' as const), record: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), record: fc.nat() }),
  fc.record({ kind: fc.constant('cut-record' as const), record: fc.nat(), keep: fc.nat() }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
)
type PcapMutation = typeof pcapMutation extends fc.Arbitrary<infer T> ? T : never

function mutatePcap(seed: PcapSeed, mutations: PcapMutation[]): Buffer {
  const header = Buffer.from(seed.header)
  const records = seed.records.map((r) => Buffer.from(r))
  // Structure first: what the header and the records say.
  for (const m of mutations) {
    const i = 'record' in m && records.length ? m.record % records.length : -1
    if (m.kind === 'magic') write32(header, m.value, 0, seed.bigEndian)
    else if (m.kind === 'header-field') write32(header, m.value, m.at, seed.bigEndian)
    else if (i < 0) continue
    else if (m.kind === 'record-field') write32(records[i], m.value, m.at, seed.bigEndian)
    else if (m.kind === 'drop') records.splice(i, 1)
    else if (m.kind === 'duplicate') records.splice(i, 0, Buffer.from(records[i]))
    else if (m.kind === 'cut-record') records[i] = records[i].subarray(0, m.keep % (records[i].length + 1))
  }
  let file = Buffer.concat([header, ...records])
  // Then the bytes: damage anywhere, truncation.
  for (const m of mutations) {
    if (file.length === 0) break
    if (m.kind === 'byte') file[m.at % file.length] = m.value
    else if (m.kind === 'truncate') file = file.subarray(0, m.at % (file.length + 1))
  }
  return file
}

// ---- pcapng: a list of blocks, each with its section's byte order ----

interface Block {
  type: number
  body: Buffer
  bigEndian: boolean
}

function pcapngSeed(bytes: Buffer, maxBlocks = 12): Block[] {
  const blocks: Block[] = []
  let bigEndian = false
  for (let at = 0; at + 12 <= bytes.length && blocks.length < maxBlocks;) {
    if (bytes.readUInt32LE(at) === BLOCK.SHB) bigEndian = bytes.readUInt32LE(at + 8) !== 0x1a2b3c4d
    const type = bigEndian ? bytes.readUInt32BE(at) : bytes.readUInt32LE(at)
    const length = bigEndian ? bytes.readUInt32BE(at + 4) : bytes.readUInt32LE(at + 4)
    blocks.push({ type, body: Buffer.from(bytes.subarray(at + 8, at + length - 4)), bigEndian })
    at += length
  }
  return blocks
}

const BLOCK_TYPES = [BLOCK.SHB, BLOCK.IDB, BLOCK.OPB, BLOCK.SPB, BLOCK.NRB, BLOCK.ISB, BLOCK.EPB, 0, 0x0bad, 0x80000001]
const pcapngMutation = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), block: fc.nat(), value: fc.oneof(fc.constantFrom(...BLOCK_TYPES), u32) }),
  fc.record({ kind: fc.constant('drop' as const), block: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), block: fc.nat() }),
  fc.record({ kind: fc.constant('cut-body' as const), block: fc.nat(), keep: fc.nat() }),
  // A body's fixed fields: interface ids, timestamps, captured and original lengths, link type, snapshot length.
  fc.record({ kind: fc.constant('body-field' as const), block: fc.nat(), at: fc.constantFrom(0, 4, 8, 12, 16), value: u32 }),
  fc.record({
    kind: fc.constant('interface-options' as const), block: fc.nat(),
    tsresol: fc.option(fc.oneof(fc.constantFrom(0, 6, 9, 10, 19, 30, 127, 0x80, 0x80 | 30, 0x80 | 64, 0xff), fc.nat({ max: 255 }))),
    tsoffset: fc.option(i64), name: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('option-length' as const), block: fc.nat(), at: fc.nat(), value: fc.constantFrom(0, 1, 3, 8, 0xff, 0xffff) }),
  fc.record({ kind: fc.constant('byte-order' as const), block: fc.nat(), value: fc.oneof(fc.constantFrom(0x1a2b3c4d, 0x4d3c2b1a), u32) }),
  fc.record({ kind: fc.constant('block-length' as const), block: fc.nat(), trailer: fc.boolean(), value: u32 }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
)
type PcapngMutation = typeof pcapngMutation extends fc.Arbitrary<infer T> ? T : never

function interfaceBody(original: Buffer, m: Extract<PcapngMutation, { kind: 'interface-options' }>, bigEndian: boolean): Buffer {
  const list: [number, Buffer][] = []
  if (m.tsresol !== null) list.push([OPTION.IF_TSRESOL, Buffer.from([m.tsresol])])
  if (m.tsoffset !== null) {
    const value = Buffer.alloc(8)
    if (bigEndian) value.writeBigInt64BE(m.tsoffset)
    else value.writeBigInt64LE(m.tsoffset)
    list.push([OPTION.IF_TSOFFSET, value])
  }
  if (m.name) list.push([OPTION.IF_NAME, Buffer.from('eth0')])
  return Buffer.concat([original.subarray(0, 8), Buffer.alloc(Math.max(0, 8 - original.length)), options(list, bigEndian)])
}

function mutatePcapng(seed: Block[], mutations: PcapngMutation[]): Buffer {
  const blocks: Block[] = seed.map((b) => ({ ...b, body: Buffer.from(b.body) }))
  const pick = (n: number) => (blocks.length ? n % blocks.length : -1)
  // Structure first: what the blocks say.
  for (const m of mutations) {
    const i = 'block' in m ? pick(m.block) : -1
    if (i < 0) continue
    const b = blocks[i]
    if (m.kind === 'type') b.type = m.value
    else if (m.kind === 'drop') blocks.splice(i, 1)
    else if (m.kind === 'duplicate') blocks.splice(i, 0, { ...b, body: Buffer.from(b.body) })
    else if (m.kind === 'cut-body') b.body = b.body.subarray(0, m.keep % (b.body.length + 1))
    else if (m.kind === 'body-field') write32(b.body, m.value, m.at, b.bigEndian)
    else if (m.kind === 'interface-options') b.body = interfaceBody(b.body, m, b.bigEndian)
    else if (m.kind === 'option-length' && b.body.length >= 4) {
      const at = (m.at % (b.body.length - 3)) & ~3
      if (b.bigEndian) b.body.writeUInt16BE(m.value, at + 2)
      else b.body.writeUInt16LE(m.value, at + 2)
    } else if (m.kind === 'byte-order') write32(b.body, m.value, 0, false)
  }
  const offsets: number[] = []
  let size = 0
  const parts = blocks.map((b) => {
    const bytes = block(b.type, b.body, b.bigEndian)
    offsets.push(size)
    size += bytes.length
    return bytes
  })
  let file = Buffer.concat(parts)
  // Then the bytes: lengths that lie, damage anywhere, truncation.
  for (const m of mutations) {
    if (file.length === 0) break
    if (m.kind === 'block-length' && offsets.length) {
      const i = m.block % offsets.length
      const bigEndian = blocks[i].bigEndian
      write32(file, m.value, m.trailer ? (offsets[i + 1] ?? file.length) - 4 : offsets[i] + 4, bigEndian)
    } else if (m.kind === 'byte') file[m.at % file.length] = m.value
    else if (m.kind === 'truncate') file = file.subarray(0, m.at % (file.length + 1))
  }
  return file
}

// ---- the check every case must pass ----

const ONE_LINE_PROBLEM = /^Damaged capture: [^\n]*\b(block|record) \d+[^\n]* at offset \d+[^\n]*; \d+ packets? (was|were) read before it\.$/
const ONE_LINE_REFUSAL = /^[^\n]*(at offset \d+|is empty \(0 bytes\))[^\n]*$/

/** A case that broke the rules (as opposed to whatever a reader threw, which breaks them too). */
class RuleBroken extends Error {}

function fail(why: string): never {
  throw new RuleBroken(why)
}

/** Reads the file at `target` both ways; returns what happened, or throws an Error saying what broke the rules. */
function readCase(): string {
  let reader
  try {
    reader = openCapture(target, 'case')
  } catch (error) {
    if (!(error instanceof CaptureFileError)) fail(`openCapture threw ${(error as Error).stack}`)
    if (!ONE_LINE_REFUSAL.test(error.message)) fail(`refusal not one line naming an offset: ${error.message}`)
    return 'refused'
  }
  let count = 0
  let problem: string | null
  try {
    for (let r = reader.next(); r; r = reader.next()) {
      count++
      if (r.frame !== count) fail(`frame ${r.frame} where ${count} was expected`)
      if (r.data.length > MAX_PACKET_BYTES) fail(`record of ${r.data.length} bytes`)
      if (!Number.isInteger(r.fractionDigits) || r.fractionDigits < 0 || r.fractionDigits > 9) fail(`fractionDigits ${r.fractionDigits}`)
      const time = isoTimestamp(r)
      const warning = timestampWarning(r)
      if (time.includes('\n') || (warning !== null && warning.includes('\n'))) fail(`time not one line: ${time} / ${warning}`)
    }
    problem = reader.problem
    if (problem !== null && !ONE_LINE_PROBLEM.test(problem)) fail(`problem not one line naming block/record and offset: ${problem}`)
  } catch (error) {
    if (error instanceof RuleBroken) throw error
    fail(`reading threw ${(error as Error).stack}`)
  } finally {
    reader.close()
  }
  if (reader.format !== 'pcapng') checkInPlace(count, problem)
  return problem ? 'damaged' : 'read'
}

/** The stats path: one reused buffer, no object per record; it must agree with next(). */
function checkInPlace(count: number, problem: string | null): void {
  const reader = openCapture(target, 'case', true)
  try {
    const inPlace = reader.inPlace ?? fail('no in-place path for a pcap file')
    let n = 0
    while (inPlace.next()) {
      n++
      const { dataStart, dataEnd, buffer } = inPlace.current
      if (dataEnd - dataStart > MAX_PACKET_BYTES || dataStart < 0 || dataEnd > buffer.length) fail(`in-place record ${n} at [${dataStart}, ${dataEnd}) of ${buffer.length}`)
    }
    if (n !== count || reader.problem !== problem) fail(`in place: ${n} records, ${reader.problem}; by record: ${count}, ${problem}`)
  } finally {
    reader.close()
  }
}

function fuzz(cases: fc.Arbitrary<Buffer>, runs: number, seed: number) {
  const outcomes = { refused: 0, damaged: 0, read: 0 }
  let heapPeak = 0
  let n = 0
  fc.assert(
    fc.property(cases, (bytes) => {
      writeCase(bytes)
      outcomes[readCase() as keyof typeof outcomes]++
      if (++n % 1000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers)
    }),
    { numRuns: runs, seed },
  )
  return { outcomes, heapPeak }
}

/** Runs the cases; the mutations must reach every outcome (so each rule above was tried), within the memory limit. */
function fuzzAndCheck(cases: fc.Arbitrary<Buffer>, seed: number): void {
  const { outcomes, heapPeak } = fuzz(cases, RUNS_PER_FORMAT, seed)
  for (const count of Object.values(outcomes)) expect(count).toBeGreaterThan(RUNS_PER_FORMAT / 50)
  expect(heapPeak).toBeLessThan(HEAP_LIMIT)
}

const corpus = corpusFiles().map((file) => readFileSync(join(corpusDir, file)))
const frames = pcapSeed(readFileSync(join(corpusDir, 'zeek__dhcp.pcap'))).records.map((r) => r.subarray(16))

describe('fuzzing the capture readers', () => {
  it(`reads ${RUNS_PER_FORMAT.toLocaleString('en')} mutated pcap files: an error or records, both ways, one-line messages`, () => {
    const seeds = [
      ...corpus.filter((b) => b.readUInt32LE(0) !== BLOCK.SHB).map((b) => pcapSeed(b)),
      pcapSeed(pcapFile(frames, { bigEndian: true, nanoseconds: true })),
      pcapSeed(pcapFile(frames, { snapLength: 0xffffffff })),
    ]
    expect(seeds.length).toBeGreaterThan(20)
    const cases = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(pcapMutation, { minLength: 1, maxLength: 5 }))
      .map(([seed, mutations]) => mutatePcap(seeds[seed], mutations))
    fuzzAndCheck(cases, 20261130)
  }, 300_000)

  it(`reads ${RUNS_PER_FORMAT.toLocaleString('en')} mutated pcapng files: an error or records, one-line messages`, () => {
    const spb = block(BLOCK.SPB, Buffer.concat([Buffer.from([frames[0].length, 0, 0, 0]), frames[0]]))
    const opbHead = Buffer.alloc(20)
    opbHead.writeUInt32LE(7, 8)
    opbHead.writeUInt32LE(frames[1].length, 12)
    opbHead.writeUInt32LE(frames[1].length, 16)
    const built = [
      pcapngFile(frames.slice(0, 3), { bigEndian: true, tsresol: 9 }),
      pcapngFile(frames.slice(0, 2), { tsresol: 0x80 | 20, tsoffset: 1000n }),
      Buffer.concat([pcapngFile(frames.slice(0, 2), { tsresol: 30 }), pcapngFile(frames.slice(2, 4), { bigEndian: true, tsoffset: -5n })]),
      Buffer.concat([sectionHeader(), interfaceBlock({ snapLength: 0 }), spb, block(BLOCK.OPB, Buffer.concat([opbHead, frames[1]])), block(BLOCK.ISB, Buffer.alloc(12)),
        packetBlock(frames[2], { ticks: 2n ** 64n - 1n, comment: 'the NAK' }), block(BLOCK.NRB, Buffer.alloc(4))]),
    ]
    const seeds = [...corpus.filter((b) => b.readUInt32LE(0) === BLOCK.SHB), ...built].map((b) => pcapngSeed(b))
    expect(seeds.length).toBeGreaterThan(5)
    const cases = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(pcapngMutation, { minLength: 1, maxLength: 5 }))
      .map(([seed, mutations]) => mutatePcapng(seeds[seed], mutations))
    fuzzAndCheck(cases, 20261201)
  }, 300_000)
})
