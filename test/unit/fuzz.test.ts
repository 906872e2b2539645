// Hostile input: 100,000 mutated and truncated versions of real DHCP frames through the field-tree decoder, the
// scanner, the index, transactions and display filters. Nothing may throw; every input must yield a result.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { CaptureIndex } from '../../electron/engine/index/capture-index'
import { captureStats } from '../../electron/engine/index/statistics'
import { describeExchange } from '../../electron/engine/transactions/describe-exchange'
import { groupExchanges } from '../../electron/engine/transactions/exchanges'
import { corpusDir, corpusFiles, decodeFile } from '../helpers/corpus'

const RUNS = 100_000

const seeds = corpusFiles().flatMap((file) => decodeFile(`${corpusDir}${file}`))
  .filter((p) => p.decoded.dhcp)
  .map((p) => ({ linkType: p.record.linkType, data: Uint8Array.from(p.record.data) }))

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  // Length bytes are where decoders break: make one huge or zero.
  fc.record({ kind: fc.constant('length' as const), at: fc.nat(), value: fc.constantFrom(0, 1, 2, 0x7f, 0xff) }),
)

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

function mutate(data: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Uint8Array.from(data)
  for (const m of mutations) {
    if (bytes.length === 0) break
    const at = m.at % bytes.length
    if (m.kind === 'truncate') bytes = bytes.slice(0, at)
    else if (m.kind === 'insert') bytes = Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)])
    else bytes[at] = m.value
  }
  return bytes
}

describe('fuzzing', () => {
  it(`decodes ${RUNS.toLocaleString('en')} mutated and truncated packets without throwing`, () => {
    expect(seeds.length).toBeGreaterThan(100)
    const index = new CaptureIndex()
    let n = 0
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, mutations) => {
        const { linkType, data } = seeds[seed]
        const bytes = mutate(data, mutations)
        const decoded = decodeFrame(linkType, bytes, bytes.length + (n % 7 === 0 ? 10 : 0))
        expect(Array.isArray(decoded.layers) && typeof decoded.malformed === 'boolean' && typeof decoded.info === 'string').toBe(true)
        for (const warning of decoded.warnings) expect(warning).toMatch(/ at offset \d+: /)
        index.add({ linkType, data: bytes, timestampSeconds: n++, timestampFraction: 0, fractionDigits: 6, originalLength: bytes.length }, decoded.malformed)
      }),
      { numRuns: RUNS, seed: 20261125 },
    )
    expect(index.count).toBe(RUNS)
    for (const filter of ['dhcp.msgtype == DISCOVER', 'dhcp.option.hostname contains "a"', 'dhcpv6.option.dns_servers == ::/0', 'dhcp.option == 82 or dhcpv6.option == 9', 'dhcp.chaddr == 00:00:00:00:00:00', 'malformed']) {
      // A filter and its negation split the packets between them: none in both, none in neither.
      const kept = runFilter(index, compileFilter(filter))
      const rest = runFilter(index, compileFilter(`not (${filter})`))
      expect(kept.length + rest.length).toBe(RUNS)
      expect(new Set([...kept, ...rest]).size).toBe(RUNS)
    }
    const exchanges = groupExchanges(index)
    expect(captureStats(index, exchanges).packets).toBe(RUNS)
    for (let id = 0; id < exchanges.count; id += 97) expect(describeExchange(index, exchanges, id).steps.length).toBeGreaterThan(0)
  }, 300_000)
})
