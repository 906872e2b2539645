// `stats` reads a large pcap file on two threads (index/split-index.ts). Whatever the file, the result must be what
// one reading from the start gives: the same columns, DUIDs and servers, and the same message where it is damaged.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaptureIndex } from '../../electron/engine/index/capture-index'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { startPartWorker, startPartWorkerFor } from '../../electron/engine/index/part-worker'
import { indexSummariesInParallel } from '../../electron/engine/index/split-index'
import { FIELDKIT, runFieldkit } from '../helpers/fieldkit'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'

const WORKER = join(FIELDKIT, '..', 'index-worker.js')
const dir = mkdtempSync(join(tmpdir(), 'fieldkit-split-'))
const file = join(dir, 'big.pcap')

/** What the statistics read of an index, with DHCPv6 keys as their DUIDs (ids may differ between readings). */
async function summaries(path: string, worker: string | null, onRows?: (index: CaptureIndex, expected: number) => void) {
  const { index, problem } = worker ? await indexSummariesInParallel(path, startPartWorker(worker), onRows) : indexCaptureFile(path, { retainFrames: false })
  const c = index.col, n = index.count
  return {
    problem, count: n,
    columns: [c.time, c.family, c.messageType, c.xid, c.status].map((column) => Array.from(column.subarray(0, n))),
    clients: Array.from({ length: n }, (_, i) => index.clientName(c.client[i])),
    servers: Array.from({ length: n }, (_, i) => index.serverName(c.server[i])),
  }
}

beforeAll(() => {
  // ~24 MB: past the size where a second thread is started.
  makeSyntheticCapture(file, 80_000)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('indexing a pcap file on two threads', () => {
  it('gives what one reading gives, handing the rows over as they come', async () => {
    expect(statSync(file).size).toBeGreaterThan(16 * 1024 * 1024)
    const seen: { count: number; expected: number }[] = []
    const parallel = await summaries(file, WORKER, (index, expected) => seen.push({ count: index.count, expected }))
    expect(parallel.count).toBe(80_000)
    // The first part (half the bytes, about half the packets), then the worker's in a batch of 32,768 and the rest.
    const first = seen[0].count
    expect(Math.abs(first - 40_000)).toBeLessThan(400)
    expect(seen.map((s) => s.count)).toEqual([first, first + 32_768, 80_000])
    for (const { expected } of seen) expect(Math.abs(expected - 80_000)).toBeLessThan(800)
    expect(parallel.clients.some((name) => name.length > 17)).toBe(true) // DHCPv6 DUIDs were joined too
    expect(parallel).toEqual(await summaries(file, null))
  })

  it('names damage in the second half as one reading does', async () => {
    const damaged = join(dir, 'damaged.pcap')
    const bytes = readFileSync(file)
    writeFileSync(damaged, bytes)
    truncateSync(damaged, bytes.length - 100)
    const parallel = await summaries(damaged, WORKER)
    expect(parallel.problem).toMatch(/^Damaged capture: the file ends inside record 80000/)
    expect(parallel).toEqual(await summaries(damaged, null))
  })

  it('names damage inside the second half as one reading does', async () => {
    // A record claiming more than the maximum, three quarters in: the packets after it are not read.
    const damaged = join(dir, 'damaged-middle.pcap')
    const bytes = Buffer.from(readFileSync(file))
    bytes.writeUInt32LE(0x7fffffff, boundaryBefore(bytes, bytes.length * 0.75) + 8)
    writeFileSync(damaged, bytes)
    const parallel = await summaries(damaged, WORKER)
    expect(parallel.problem).toMatch(/^Damaged capture: record 6\d{4} at offset \d+ claims 2147483647 bytes/)
    expect(parallel).toEqual(await summaries(damaged, null))
  })

  it('reads on alone when a record only looked like one', async () => {
    // A file whose middle is one large record holding a chain of plausible record headers: the worker is sent to
    // the false start, and this thread's reading must notice and read on.
    const decoy = join(dir, 'decoy.pcap')
    const bytes = readFileSync(file)
    const half = bytes.subarray(0, boundaryBefore(bytes, bytes.length / 2))
    const payload = Buffer.alloc(200_000)
    for (let at = 0; at + 16 + 100 <= payload.length; at += 116) {
      payload.writeUInt32LE(bytes.readUInt32LE(24), at)
      payload.writeUInt32LE(0, at + 4)
      payload.writeUInt32LE(100, at + 8)
      payload.writeUInt32LE(100, at + 12)
    }
    const header = Buffer.alloc(16)
    header.writeUInt32LE(bytes.readUInt32LE(24), 0)
    header.writeUInt32LE(payload.length, 8)
    header.writeUInt32LE(payload.length, 12)
    writeFileSync(decoy, Buffer.concat([half, header, payload]))
    appendFileSync(decoy, bytes.subarray(half.length))
    const parallel = await summaries(decoy, WORKER)
    expect(parallel.count).toBe(80_001)
    expect(parallel).toEqual(await summaries(decoy, null))
  })

  it('starts a worker ahead only for a file large enough to be read in two', () => {
    const small = join(dir, 'small.pcap')
    writeFileSync(small, readFileSync(file).subarray(0, 1 << 20))
    expect(startPartWorkerFor(small, WORKER)).toBeNull()
    expect(startPartWorkerFor(join(dir, 'missing.pcap'), WORKER)).toBeNull()
  })

  it('stops the worker started ahead when the file cannot be read in two: pcapng read alone, a foreign file refused', () => {
    // `stats` starts the worker before it knows the format: it must not keep the command from ending.
    const pcapng = join(dir, 'big.pcapng')
    execFileSync('editcap', ['-F', 'pcapng', file, pcapng])
    const fromPcapng = runFieldkit(['stats', pcapng, '--json'], { timeout: 30_000 })
    expect(fromPcapng.code).toBe(0)
    expect(fromPcapng.stdout).toBe(runFieldkit(['stats', file, '--json'], { timeout: 30_000 }).stdout)
    const foreign = join(dir, 'zeros.pcap')
    writeFileSync(foreign, Buffer.alloc(20 << 20))
    const refused = runFieldkit(['stats', foreign], { timeout: 30_000 })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/^fieldkit: .*not a pcap or pcapng/i)
  }, 60_000)

  // Rows are reserved for parts whose records average 48 bytes or more (column-layout.ts): a part of smaller ones
  // runs out of rows, and this thread must then read on alone.
  it("reads on alone when the first half's records are too small for its rows", async () => {
    const small = join(dir, 'small-first.pcap')
    const bytes = readFileSync(file)
    writeFileSync(small, Buffer.concat([bytes.subarray(0, 24), tinyRecords(bytes, 400_000), bytes.subarray(24)]))
    const parallel = await summaries(small, WORKER)
    expect(parallel.count).toBe(480_000)
    expect(parallel).toEqual(await summaries(small, null))
  }, 30_000)

  it("reads on alone when the second half's records are too small for its rows", async () => {
    const small = join(dir, 'small-second.pcap')
    const bytes = readFileSync(file)
    writeFileSync(small, Buffer.concat([bytes, tinyRecords(bytes, 400_000)]))
    const parallel = await summaries(small, WORKER)
    expect(parallel.count).toBe(480_000)
    expect(parallel).toEqual(await summaries(small, null))
  }, 30_000)
})

/** `count` records of 17 bytes (a 1-byte frame), stamped with the time of the first record of `pcap`. */
function tinyRecords(pcap: Buffer, count: number): Buffer {
  const records = Buffer.alloc(count * 17)
  for (let at = 0; at < records.length; at += 17) {
    records.writeUInt32LE(pcap.readUInt32LE(24), at)
    records.writeUInt32LE(1, at + 8)
    records.writeUInt32LE(1, at + 12)
  }
  return records
}

/** The offset of the first record at or after `at` whose start is before the middle: walks the records. */
function boundaryBefore(bytes: Buffer, at: number): number {
  let offset = 24
  while (offset + 16 + bytes.readUInt32LE(offset + 8) < at) offset += 16 + bytes.readUInt32LE(offset + 8)
  return offset
}
