// No display filter can hang the engine: `matches` runs on a linear-time engine (a pattern that backtracks for
// hours in JavaScript's RegExp answers at once), patterns that need backtracking are refused with a sentence, and a
// run over a capture stops at its time budget, saying where.
import { describe, expect, it } from 'vitest'
import type { FieldNode } from '../../electron/contract/types'
import { compileFilter, runFilter, runFilterWithin } from '../../electron/engine/filter/compile'
import { FilterError } from '../../electron/engine/filter/parse'
import { CaptureIndex, type IndexedRecord } from '../../electron/engine/index/capture-index'
import { CaptureAnalyses } from '../../electron/engine/session/capture-analysis'
import { corpusDir, decodeFile } from '../helpers/corpus'

/** The first packet of a corpus capture (a DHCP Discover) with its host name option (12) holding `name`. */
function discoverFrom(name: string): IndexedRecord {
  const [{ record, decoded }] = decodeFile(`${corpusDir}zeek__dhcp.pcap`)
  const all = (n: FieldNode): FieldNode[] => [n, ...(n.children ?? []).flatMap(all)]
  const field = (key: string) => decoded.layers.flatMap(all).find((n) => n.key === key)!
  const option = field('dhcp.option.hostname')
  const value = new TextEncoder().encode(name)
  const data = new Uint8Array(record.data.length - option.length + 2 + value.length)
  data.set(record.data.subarray(0, option.offset))
  data.set([12, value.length, ...value], option.offset)
  data.set(record.data.subarray(option.offset + option.length), option.offset + 2 + value.length)
  // The IPv4 and UDP lengths grow with the option; a zero UDP checksum means none.
  const view = new DataView(data.buffer)
  for (const key of ['ip.len', 'udp.length']) view.setUint16(field(key).offset, view.getUint16(field(key).offset) + data.length - record.data.length)
  view.setUint16(field('udp.checksum').offset, 0)
  return { ...record, data, originalLength: data.length }
}

function indexOf(names: string[]): CaptureIndex {
  const index = new CaptureIndex()
  for (const name of names) index.add(discoverFrom(name), false)
  return index
}

function refusal(text: string): FilterError {
  try {
    compileFilter(text)
  } catch (error) {
    if (error instanceof FilterError) return error
    throw error
  }
  throw new Error(`"${text}" compiled`)
}

const hostnames = ['a'.repeat(40) + '!', 'a'.repeat(40), 'btest.is.cool', 'Printer-2']
const frames = (index: CaptureIndex, filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)

describe('matches', () => {
  const index = indexOf(hostnames)

  it('answers ^(a+)+$ on 40 a\'s and a "!" at once (JavaScript\'s RegExp backtracks for hours)', () => {
    expect(frames(index, 'dhcp.option.hostname matches "^(a+)+$"')).toEqual([2])
    expect(frames(index, 'dhcp.option.hostname ~ "^(a|aa)+!$"')).toEqual([1])
  })

  it('keeps Wireshark\'s syntax: (?i) for case-insensitive, quoted backslashes', () => {
    expect(frames(index, 'dhcp.option.hostname matches "^printer"')).toEqual([])
    expect(frames(index, 'dhcp.option.hostname matches "(?i)^printer-\\\\d$"')).toEqual([4])
    expect(frames(index, 'dhcp.option.hostname matches "(?i)COOL$" or dhcp.option.hostname matches "!"')).toEqual([1, 3])
  })

  it('refuses backreferences and lookaround with a sentence, at the pattern', () => {
    const backreference = refusal('dhcp.option.hostname matches "(a+)\\\\1"')
    expect(backreference).toMatchObject({ position: 29, length: 9 })
    expect(backreference.message).toContain('(\\1…); RE2 syntax has no backreferences')
    for (const pattern of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b']) {
      expect(refusal(`dhcp.option.hostname matches "${pattern}"`).message).toContain('RE2 syntax has no lookahead or lookbehind')
    }
    expect(refusal('dhcp.option.hostname matches "a{2000}"').message).toBe('This regular expression is not valid: invalid repeat count at {2000}.')
  })
})

describe('a filter\'s time budget', () => {
  // Enough packets that the clock is read several times before the end.
  const index = indexOf(Array.from({ length: 3000 }, (_, i) => hostnames[i % hostnames.length]))
  const filter = 'dhcp.option.hostname matches "^a+$"'
  /** The index is adopted, as a load's is: no capture file to rebuild it from. */
  const noFiles = { captureFile: () => undefined }

  it('stops a run that outlasts it, keeping the matches before the packet it stopped at', () => {
    const all = runFilter(index, compileFilter(filter))
    expect(all.length).toBe(750)
    const cut = runFilterWithin(index, compileFilter(filter), 0)
    expect(cut.tested).toBeGreaterThan(0)
    expect(cut.tested).toBeLessThan(index.count)
    expect([...cut.positions]).toEqual([...all].filter((p) => p < cut.tested))
    expect(runFilterWithin(index, compileFilter(filter), 60_000).tested).toBe(index.count)
  })

  it('marks a view as cut, with where it stopped', async () => {
    const analyses = new CaptureAnalyses(noFiles, undefined, 0)
    analyses.adopt(1, index, Promise.resolve())
    const view = await analyses.view(1, filter, 'frame', false)
    expect(view.cut).toEqual({ budgetMs: 0, tested: expect.any(Number) })
    expect(view.cut!.tested).toBeLessThan(index.count)
    expect(view.matched).toBe(runFilterWithin(index, compileFilter(filter), 0).positions.length)
    expect((await analyses.view(1, '', 'frame', false)).cut).toBeUndefined()
  })

  it('lets other calls in between slices, and gives way to a newer filter of the same capture', async () => {
    const analyses = new CaptureAnalyses(noFiles)
    analyses.adopt(1, index, Promise.resolve())
    const slow = `${filter} or ${filter} or ${filter}`
    let finished = false
    const first = analyses.view(1, slow, 'frame', false).finally(() => { finished = true })
    // The event loop turns while the filter runs: a call made now is answered before the filter ends.
    await new Promise((turned) => setImmediate(turned))
    expect(finished).toBe(false)
    const second = analyses.view(1, 'dhcp', 'frame', false)
    await expect(first).rejects.toMatchObject({ code: 'cancelled' })
    expect((await second).matched).toBe(index.count)
  })
})
