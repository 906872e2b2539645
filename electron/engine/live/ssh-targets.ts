// Remote capture hosts the user saved: where and as whom, and the id of the secret (key or password) in the
// SecretStore, never the secret itself. A small JSON file in the data folder: a handful of rows needs no table.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { writeAtomically } from '../files/atomic-write'
import { ensurePrivateDir } from '../files/private-dir'

const savedSshTarget = z.object({
  id: z.string().min(1).max(100),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1).max(100),
  /** What the secret under `secretId` is. */
  auth: z.enum(['key', 'password']),
  secretId: z.string().min(1).max(100),
  /** The secret is in the SecretStore (the OS keychain); otherwise it was kept in memory for the run that saved it. */
  remembered: z.boolean().default(false),
})
export type SavedSshTarget = z.input<typeof savedSshTarget>

/** The saved targets; a missing file has none, a damaged one says where it is. */
export function loadSshTargets(file: string): SavedSshTarget[] {
  if (!existsSync(file)) return []
  const damaged = new Error(`The saved SSH hosts in ${file} are damaged; remove the file and add the hosts again.`)
  let content: unknown
  try {
    content = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    throw damaged
  }
  const parsed = z.array(savedSshTarget).max(1000).safeParse(content)
  if (!parsed.success) throw damaged
  return parsed.data
}

/** Adds `target`, or replaces the one with its id. */
export function saveSshTarget(file: string, target: SavedSshTarget): void {
  writeTargets(file, [...loadSshTargets(file).filter((t) => t.id !== target.id), savedSshTarget.parse(target)])
}

export function deleteSshTarget(file: string, id: string): void {
  writeTargets(file, loadSshTargets(file).filter((t) => t.id !== id))
}

function writeTargets(file: string, targets: SavedSshTarget[]): void {
  ensurePrivateDir(dirname(file))
  writeAtomically({ path: file, replace: true }, (temporary) => writeFileSync(temporary, JSON.stringify(targets, null, 2)))
}
