// A Kea log file and its rotated copies: log4cplus renames kea-dhcp4.log to .1, .1 to .2 … up to maxver, so the
// oldest is the highest number. Read oldest first, the lines come in the order they were written.
import { existsSync, statSync } from 'node:fs'

/** Kea's maxver is at most this (a configuration asking for more is refused by Kea). */
const MAX_ROTATED = 100

export function rotatedCopies(path: string): string[] {
  const copies: string[] = []
  for (let n = 1; n <= MAX_ROTATED && existsSync(`${path}.${n}`); n++) copies.push(`${path}.${n}`)
  return copies.reverse()
}

export function fileBytes(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}
