// Whether a packet is malformed only the full decoder can say, and decoding every packet of a large capture takes
// far longer than indexing it. So loading leaves the flags unset, and the first filter that asks for them
// (`malformed`) has them checked, a slice at a time, from where the last check stopped.
import type { CaptureIndex } from './capture-index'

/** Checks packets from `index.malformedChecked` on until `until` or for about `budgetMs`; returns whether all are. */
export function checkMalformed(index: CaptureIndex, until: number, budgetMs: number): boolean {
  const { malformed } = index.col
  const started = performance.now()
  for (let i = index.malformedChecked; i < until; i++) {
    malformed[i] = index.decoded(i).malformed ? 1 : 0
    index.malformedChecked = i + 1
    // The clock is read every 256 packets: a decode takes microseconds.
    if ((i & 255) === 255 && performance.now() - started > budgetMs) break
  }
  return index.malformedChecked >= until
}
