// The ring buffer cuts a pcap stream into parts between records, whatever the chunks it arrives in: each part is a
// whole capture (its own file header), only the last ones are kept, and together they hold the stream's last records.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCapture } from '../../electron/engine/capture-file/open'
import { RingFiles, type RingPart } from '../../electron/engine/live/ring-files'
import { corpusDir } from '../helpers/corpus'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'
import { tempDir } from '../helpers/temp'

const dir = tempDir('fieldkit-ring')
const stream = join(dir, 'stream.pcap')
makeSyntheticCapture(stream, 12_000) // ~3.8 MB

function frames(path: string): { problem: string | null; times: number[] } {
  const reader = openCapture(path)
  const times: number[] = []
  for (let record = reader.next(); record; record = reader.next()) times.push(record.timestampSeconds * 1e6 + record.timestampFraction)
  reader.close()
  return { problem: reader.problem, times }
}

/** Writes `bytes` through a ring in chunks of `chunk` bytes; the parts kept, done and dropped. */
function run(bytes: Buffer, chunk: number, name: string) {
  const done: RingPart[] = [], dropped: RingPart[] = []
  const ring = new RingFiles({ files: 2, megabytes: 1 }, {
    newPart: (number) => join(dir, `${name}-${number}.pcap`),
    partDone: (part) => done.push({ ...part }),
    partDropped: (part) => dropped.push(part),
  })
  for (let at = 0; at < bytes.length; at += chunk) ring.write(bytes.subarray(at, at + chunk))
  ring.close()
  return { done, dropped, problem: ring.problem }
}

describe('a ring buffer of capture files', () => {
  const bytes = readFileSync(stream)
  const all = frames(stream).times

  it.each([13, 97, 4096, 1 << 20])('cuts between records, whatever the chunks (%i bytes)', (chunk) => {
    const { done, dropped, problem } = run(bytes, chunk, `chunks-${chunk}`)
    expect(problem).toBeNull()
    expect(done.length).toBe(4)
    expect(dropped.map((p) => p.number)).toEqual([1, 2])
    const kept = done.slice(-2)
    for (const part of done.slice(0, -1)) expect(part.bytes).toBeGreaterThanOrEqual(1e6 + 24)
    for (const part of kept) {
      expect(statSync(part.path).size).toBe(part.bytes)
      expect(frames(part.path).problem).toBeNull()
    }
    // The kept parts hold the stream's last records, in order, none lost or doubled at a cut.
    const tail = kept.flatMap((part) => frames(part.path).times)
    expect(tail).toEqual(all.slice(all.length - tail.length))
    expect(tail.length).toBeGreaterThan(all.length / 4)
  })

  it('leaves a pcapng stream whole in one part, and says why', () => {
    const pcapng = readFileSync(join(corpusDir, 'tcpdump__dhcp-option-108.pcapng'))
    const { done, problem } = run(pcapng, 100, 'ng')
    expect(done).toHaveLength(1)
    expect(readFileSync(done[0].path)).toEqual(pcapng)
    expect(problem).toMatch(/pcapng, which a ring buffer does not cut; use the capture helper or tcpdump/)
    expect(existsSync(join(dir, 'ng-2.pcap'))).toBe(false)
  })
})
