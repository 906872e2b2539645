// tshark, the reference the tests compare with: whether it is here, and the frames its display filter selects.
import { execFileSync, spawnSync } from 'node:child_process'

export const hasTshark = spawnSync('tshark', ['-v']).status === 0

/** Appended to the title of a test that skips without tshark, so the skip says why. */
export const NO_TSHARK = hasTshark ? '' : ' (skipped: tshark is not installed; bash .ci/setup installs it)'

/** The frame numbers `tshark -r file -Y filter` selects. */
export function tsharkSelects(file: string, filter: string): number[] {
  return execFileSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n').filter(Boolean).map(Number)
}
