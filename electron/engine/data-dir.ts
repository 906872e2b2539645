import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where sessions live when no front says otherwise: $FIELDKIT_DATA_DIR, else the XDG data folder. */
export function defaultDataDir(): string {
  if (process.env.FIELDKIT_DATA_DIR) return process.env.FIELDKIT_DATA_DIR
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share')
  return join(base, 'dhcp-field-kit')
}
