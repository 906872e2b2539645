// Memfiles on a remote host (the Kea server) over the SSH connection remote capture uses: found and read with fixed
// commands (a path the user typed or the engine found goes in quoted), followed with `tail -F`, which keeps reading
// when Kea's LFC replaces the file.
import type { Client } from 'ssh2'
import type { SshPlace } from '../live/ssh-errors'
import { openRemote, runRemote, shellQuote } from '../live/remote-shell'
import { readHeader } from './memfile-format'
import { memfileFolders } from './memfile-local'
import type { MemfileAccess } from './memfile-source'

const MAX_FOUND = 100

/** Each folder's *.csv with its first line: the header tells a memfile and its family. */
const LIST_SCRIPT = `for d in ${memfileFolders.map(shellQuote).join(' ')}; do
  for f in "$d"/*.csv; do [ -f "$f" ] && [ -r "$f" ] && printf '%s\\t%s\\n' "$f" "$(head -c 4096 "$f" | head -n 1)"; done
done; exit 0`

export async function findRemoteMemfiles(client: Client): Promise<{ path: string; family: 4 | 6 }[]> {
  const found: { path: string; family: 4 | 6 }[] = []
  for (const line of (await runRemote(client, LIST_SCRIPT)).stdout.split('\n')) {
    const [path, header] = line.split('\t')
    if (!path || header === undefined || found.length >= MAX_FOUND) continue
    try {
      found.push({ path, family: readHeader(header, path).family })
    } catch {
      // not a memfile: not offered
    }
  }
  return found
}

export function remoteMemfiles(client: Client, place: SshPlace): MemfileAccess & { exists(path: string): Promise<boolean> } {
  return {
    describe: (path) => `${place.user}@${place.host}:${path}`,
    exists: async (path) => (await runRemote(client, `test -f ${shellQuote(path)}`)).code === 0,
    async read(path, start = 0) {
      if ((await runRemote(client, `test -r ${shellQuote(path)}`)).code !== 0) return null
      return openRemote(client, `exec tail -c +${start + 1} -- ${shellQuote(path)}`)
    },
  }
}

/** The live file's bytes from `start` on, and what Kea appends after (and the new file's, once LFC replaced it). */
export function followRemote(client: Client, path: string, start: number) {
  return openRemote(client, `exec tail -F -c +${start + 1} -- ${shellQuote(path)} 2>/dev/null`)
}
