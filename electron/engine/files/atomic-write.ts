// Writes a file whole or not at all: into a temporary file beside the target, then moved into place. A failure
// at any point leaves the target as it was and removes the temporary file.
import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import { PRIVATE_FILE_MODE } from './private-dir'

export interface AtomicTarget {
  path: string
  /** Replace an existing file at `path` (the user confirmed it in a save dialog); otherwise pick a free name. */
  replace: boolean
}

/** Runs `write` on a temporary path, then moves it to the target; returns the path it ended up at. */
export function writeAtomically(target: AtomicTarget, write: (temporaryPath: string) => void): string {
  const temporary = temporaryBeside(target.path)
  try {
    write(temporary)
    return moveIntoPlace(temporary, target)
  } finally {
    rmSync(temporary, { force: true })
  }
}

/** writeAtomically for a write done in turns: stopped or failed, it leaves the target as it was. */
export async function writeAtomicallyInTurns(target: AtomicTarget, write: (temporaryPath: string) => Promise<void>): Promise<string> {
  const temporary = temporaryBeside(target.path)
  try {
    await write(temporary)
    return moveIntoPlace(temporary, target)
  } finally {
    rmSync(temporary, { force: true })
  }
}

function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`)
}

function moveIntoPlace(temporary: string, target: AtomicTarget): string {
  chmodSync(temporary, PRIVATE_FILE_MODE)
  if (!target.replace) return linkToFreeName(temporary, target.path)
  renameSync(temporary, target.path)
  return target.path
}

/** A hard link fails when the name exists, so no existing file is ever replaced, even by a save racing this one. */
function linkToFreeName(temporary: string, wanted: string): string {
  const extension = extname(wanted)
  const stem = wanted.slice(0, wanted.length - extension.length)
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? wanted : `${stem} (${n})${extension}`
    try {
      linkSync(temporary, candidate)
      return candidate
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
}
