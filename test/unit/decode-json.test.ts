// `decode --json` as scripts read it: the same text for the corpus whatever the speed-ups behind it, the decode
// without a field tree equal to the one with it, and output that waits for a slow reader instead of piling up.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeCommand } from '../../electron/cli/decode'
import { LineOutput } from '../../electron/cli/line-output'
import { withTimeWarning, type CaptureRecord } from '../../electron/engine/capture-file/record'
import { decodeFrame, type DecodedFrame } from '../../electron/engine/decode/frame'
import { jsonLine } from '../../electron/engine/decode/json'
import { corpusDir, corpusFiles, decodeFile } from '../helpers/corpus'
import { runFieldkit } from '../helpers/fieldkit'

/** Everything a decode says but its field tree. */
function withoutTree(decoded: DecodedFrame): string {
  const { layers: _layers, ...rest } = decoded
  return JSON.stringify(rest, (key, value: unknown) => (key === 'tree' ? undefined : value))
}

const seeds = corpusFiles().flatMap((file) => decodeFile(`${corpusDir}${file}`)).filter((p) => p.decoded.dhcp)

describe('decode --json', () => {
  it('prints the corpus exactly as pinned', async () => {
    const out: string[] = []
    for (const file of corpusFiles()) {
      out.push(`# ${file}`)
      await decodeCommand(`${corpusDir}${file}`, { json: true }, (line) => out.push(line))
    }
    await expect(`${out.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/decode-json-corpus.jsonl')
  })

  it('prints from the command line what the engine writes, byte for byte', async () => {
    const file = `${corpusDir}tcpdump__dhcpv6-mud.pcap`
    const lines: string[] = []
    await decodeCommand(file, { json: true }, (line) => lines.push(line))
    expect(runFieldkit(['decode', file, '--json']).stdout).toBe(`${lines.join('\n')}\n`)
  })

  it('decodes without the tree to the same values, problems and columns (and without the columns to the same line), on the corpus and 20,000 mutations of it', () => {
    // The decodes without the tree read from one buffer that each packet overwrites, as decode's reader does:
    // values they keep from packet to packet (value-memo.ts) must not depend on bytes that are gone.
    const reused = new Uint8Array(1 << 16)
    const check = (linkType: number, data: Uint8Array, originalLength: number, record: CaptureRecord) => {
      const full = decodeFrame(linkType, data, originalLength)
      reused.set(data)
      const leanData = reused.subarray(0, data.length)
      const lean = decodeFrame(linkType, leanData, originalLength, { tree: false })
      expect(lean.layers).toEqual([])
      expect(withoutTree(lean)).toBe(withoutTree(full))
      const line = jsonLine(record, withTimeWarning(lean, record))
      expect(line).toBe(jsonLine(record, withTimeWarning(full, record)))
      // Without the list's columns too (decode --json's decode): the same line, problems and warnings.
      const values = decodeFrame(linkType, leanData, originalLength, { tree: false, columns: false })
      expect(jsonLine(record, withTimeWarning(values, record))).toBe(line)
      expect([values.malformed, values.warnings, values.protocol]).toEqual([full.malformed, full.warnings, full.protocol])
      // The text is JSON.stringify's own: the same escapes and numbers, whatever bytes the values came from.
      if (line !== null) expect(JSON.stringify(JSON.parse(line))).toBe(line)
    }
    for (const { record } of seeds) check(record.linkType, record.data, record.originalLength, record)
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat({ max: 400 }), (seed, sets, cut) => {
        const { record } = seeds[seed]
        const data = Uint8Array.from(record.data.subarray(0, Math.max(1, record.data.length - cut)))
        for (const [at, value] of sets) data[at % data.length] = value
        check(record.linkType, data, data.length + (cut % 3), { ...record, data })
      }),
      { numRuns: 20_000, seed: 20261130 },
    )
  }, 120_000)

  it('waits for a reader that keeps its pipe full instead of holding the output', async () => {
    // A FIFO opened non-blocking, as a pipe shared with a parent can be: writes beyond its buffer fail with EAGAIN
    // until the reader, which starts late, drains it. Every byte must arrive, in order.
    const dir = mkdtempSync(join(tmpdir(), 'fieldkit-fifo-'))
    try {
      const fifo = join(dir, 'out')
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
      const reader = spawn('sh', ['-c', `sleep 0.3; cat "${fifo}" > "${fifo}.copy"`], { stdio: 'ignore' })
      const readerExited = new Promise((done) => reader.once('exit', done))
      // A reading end of our own lets the non-blocking open succeed before the reader is there; it never reads.
      const idle = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK)
      const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)
      const out = new LineOutput(fd)
      const line = 'x'.repeat(1000)
      const lines = 8192
      for (let i = 0; i < lines; i++) out.line(`${i} ${line}`)
      out.flush()
      closeSync(fd)
      closeSync(idle)
      await readerExited
      const copy = readFileSync(`${fifo}.copy`, 'utf8').split('\n')
      expect(copy).toHaveLength(lines + 1)
      expect(copy[lines - 1]).toBe(`${lines - 1} ${line}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
