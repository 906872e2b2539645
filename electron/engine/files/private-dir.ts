// The data folder holds clients' MACs, host names and addresses: it and every folder in it are the user's alone.
import { chmodSync, mkdirSync } from 'node:fs'

export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates `path` (and its parents) if needed and makes it private to the user, also when it existed before. */
export function ensurePrivateDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE })
  chmodSync(path, PRIVATE_DIR_MODE)
  return path
}
