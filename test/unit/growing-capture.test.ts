// A live capture's file grows while it is read: a record cut short at the end is one not written yet, read once it
// is whole; damage still ends reading, for good. Both formats, record by record and byte by byte.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCapture, type CaptureReader } from '../../electron/engine/capture-file/open'
import { corpusDir } from '../helpers/corpus'
import { tempDir } from '../helpers/temp'

const dir = tempDir('fieldkit-growing')

/** Reads `source` as if it were being written in pieces of `step` bytes; the frames read, in order. */
function readWhileWritten(source: string, step: number): { frames: number[]; problem: string | null } {
  const bytes = readFileSync(source)
  const path = join(dir, `growing-${step}-${source.split('/').pop()}`)
  writeFileSync(path, bytes.subarray(0, 24))
  let written = 24
  const reader: CaptureReader = openCapture(path)
  const frames: number[] = []
  try {
    for (;;) {
      reader.follow(written, written < bytes.length)
      for (let record = reader.next(); record; record = reader.next()) frames.push(record.frame)
      if (written >= bytes.length) return { frames, problem: reader.problem }
      const next = Math.min(bytes.length, written + step)
      appendFileSync(path, bytes.subarray(written, next))
      written = next
    }
  } finally {
    reader.close()
  }
}

describe('a capture file read while it grows', () => {
  for (const file of ['zeek__dhcp.pcap', 'tcpdump__dhcp-option-108.pcapng']) {
    it.each([1, 7, 100, 4096])(`${file}: written %i bytes at a time, every record is read once, in order`, (step) => {
      const whole = readWhileWritten(join(corpusDir, file), 1 << 30)
      expect(whole.frames.length).toBeGreaterThan(0)
      expect(readWhileWritten(join(corpusDir, file), step)).toEqual(whole)
    })
  }

  it('stops for good at damage, even when more is written after it', () => {
    const path = join(dir, 'damaged.pcap')
    const bytes = readFileSync(join(corpusDir, 'zeek__dhcp.pcap'))
    // The second record claims a length past the maximum.
    const second = 24 + 16 + bytes.readUInt32LE(24 + 8)
    const damaged = Buffer.from(bytes)
    damaged.writeUInt32LE(0x7fffffff, second + 8)
    writeFileSync(path, damaged)
    const reader = openCapture(path)
    reader.follow(damaged.length, true)
    expect(reader.next()?.frame).toBe(1)
    expect(reader.next()).toBeNull()
    expect(reader.problem).toMatch(/^Damaged capture: record 2 at offset \d+ claims/)
    appendFileSync(path, bytes.subarray(24))
    reader.follow(damaged.length + bytes.length - 24, true)
    expect(reader.next()).toBeNull()
    reader.close()
  })
})
