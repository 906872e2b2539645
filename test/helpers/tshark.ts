// tshark, the reference the tests compare with: whether it is here, and the frames its display filter selects.
import { execFileSync, spawnSync } from 'node:child_process'

export const hasTshark = spawnSync('tshark', ['-v']).status === 0

/** Appended to the title of a test that skips without tshark, so the skip says why. */
export const NO_TSHARK = hasTshark ? '' : ' (skipped: tshark is not installed; bash .ci/setup installs it)'

/** The frame numbers `tshark -r file -Y filter` selects. */
export function tsharkSelects(file: string, filter: string): number[] {
  const frames = (out: string) => out.split('\n').filter(Boolean).map(Number)
  try {
    return frames(execFileSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))
  } catch (error) {
    // A file tshark reads only up to damage (or a section it does not know): the frames it read before, as we do.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    if (typeof stdout === 'string' && /tshark: The file "/.test(stderr ?? '')) return frames(stdout)
    throw error
  }
}

/**
 * Whether tshark failed because it refused the filter's value although its own decode shows it: a DHCPv6 elapsed
 * time of 0xffff, shown as 655350 ms, is no value of the field's 16 bits.
 */
export function tsharkRefusesValue(error: unknown): boolean {
  return /cannot be found among the possible values|is too large|out of range/.test(String((error as { stderr?: string }).stderr ?? ''))
}
