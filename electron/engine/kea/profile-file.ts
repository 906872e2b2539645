// Saved Kea connections: where and how to connect, never the password or the client key (those are in the
// SecretStore under `secretId`). CA and client certificates are public by nature and stay with the profile.
// One small JSON file in the data folder, written whole each time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { writeAtomically } from '../files/atomic-write'
import { ensurePrivateDir } from '../files/private-dir'

const savedProfile = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  kind: z.enum(['http', 'unix']),
  url: z.string().max(2000).nullable(),
  socketPath: z.string().max(4096).nullable(),
  user: z.string().max(200).nullable(),
  service: z.enum(['dhcp4', 'dhcp6', 'd2']).nullable(),
  ca: z.string().max(262_144).nullable(),
  cert: z.string().max(262_144).nullable(),
  hasPassword: z.boolean(),
  hasKey: z.boolean(),
  secretId: z.string().min(1).max(100),
  /** The secrets are in the SecretStore; otherwise they were kept in memory for the run that saved them. */
  remembered: z.boolean(),
})
export type SavedKeaProfile = z.infer<typeof savedProfile>

const profileFile = z.object({ profiles: z.array(savedProfile).max(1000) })

/** The saved profiles; a missing file has none, a damaged one says where it is and what to do. */
export function loadKeaProfiles(file: string): SavedKeaProfile[] {
  if (!existsSync(file)) return []
  let parsed: ReturnType<typeof profileFile.safeParse> | undefined
  try {
    parsed = profileFile.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  } catch {
    parsed = undefined
  }
  if (!parsed?.success) throw new Error(`The saved Kea connections in ${file} are damaged; remove the file and save the connections again.`)
  return parsed.data.profiles
}

/** Replaces the whole list, so a save is all or nothing. */
export function writeKeaProfiles(file: string, profiles: SavedKeaProfile[]): void {
  ensurePrivateDir(dirname(file))
  const content = JSON.stringify(profileFile.parse({ profiles }), null, 2)
  writeAtomically({ path: file, replace: true }, (temporary) => writeFileSync(temporary, content))
}
