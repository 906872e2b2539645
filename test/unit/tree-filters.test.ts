// Every node of the field tree names a filter field, and that field selects exactly the packets whose tree shows
// it: the tree, "Apply as filter" and the display filters agree, on every corpus packet.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FieldNode } from '../../electron/engine/decode/field'
import { checkFilter, compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { filterForField } from '../../electron/engine/filter/field-filter'
import { filterField } from '../../electron/engine/filter/fields'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { corpusDir, corpusFiles } from '../helpers/corpus'
import { tempDir } from '../helpers/temp'

const merged = join(tempDir('fieldkit-tree-filters'), 'corpus.pcapng')
execFileSync('mergecap', ['-a', '-w', merged, ...corpusFiles().map((f) => join(corpusDir, f))])
const { index } = indexCaptureFile(merged)

/** Tree key → the packets (0-based positions) whose tree has a node with it; and one node of each key and length. */
const packetsByKey = new Map<string, Set<number>>()
const samples = new Map<string, { i: number; node: FieldNode }>()
for (let i = 0; i < index.count; i++) {
  const visit = (node: FieldNode) => {
    if (node.key) {
      const set = packetsByKey.get(node.key) ?? new Set()
      set.add(i)
      packetsByKey.set(node.key, set)
      const sample = `${node.key} (${node.length} bytes)`
      if (!samples.has(sample) && !node.problem) samples.set(sample, { i, node })
    }
    node.children?.forEach(visit)
  }
  index.decoded(i).layers.forEach(visit)
}

describe('the field tree and the display filters', () => {
  it('meet over a hundred fields in the corpus', () => {
    expect(packetsByKey.size).toBeGreaterThan(100)
  })

  it.each([...packetsByKey.keys()])('%s is a filter field that selects the packets showing it', (key) => {
    expect(checkFilter(key)).toEqual({ ok: true })
    expect([...runFilter(index, compileFilter(key))]).toEqual([...packetsByKey.get(key)!].sort((a, b) => a - b))
  })

  it('"Apply as filter" on any field selects its packet, by value where the field has one', () => {
    const byPresence: string[] = []
    for (const [sample, { i, node }] of samples) {
      const selects = (filter: string) => runFilter(index, compileFilter(filter)).includes(i)
      const filter = filterForField(node.key!, index.frame(i), node.offset, node.length, selects)!
      expect(selects(filter), `${sample}: ${filter}`).toBe(true)
      if (filter === node.key && filterField(node.key)?.kind !== 'protocol') byPresence.push(sample)
    }
    // Lists of values, and text that is not UTF-8, fall back to the field's presence, as few as that.
    expect(byPresence.length / samples.size, byPresence.join(', ')).toBeLessThan(0.1)
    // One filter run over the whole corpus per sample, a few hundred of them.
  }, 30_000)
})
