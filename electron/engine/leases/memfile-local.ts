// Memfiles on this machine: read with bounded chunks, and found where Kea keeps them, so the page picks one from
// a list and never names a path.
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readSync } from 'node:fs'
import { access } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { readHeader } from './memfile-format'
import type { MemfileAccess } from './memfile-source'

export const localMemfiles: MemfileAccess = {
  describe: (path) => path,
  async read(path, start = 0) {
    try {
      await access(path)
    } catch {
      return null
    }
    return createReadStream(path, { start, highWaterMark: 1 << 20 })
  },
}

export async function localExists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false)
}

/** The folders Kea's packages keep memfiles in, and the lab's. */
export const memfileFolders = ['/run/fieldkit-lab', '/var/lib/kea', '/usr/local/var/lib/kea', '/var/db/kea']

/** Live memfiles (not LFC's companions) in the usual folders and at the extra paths given (a Kea config's "name"). */
export function findLocalMemfiles(extra: string[] = [], folders = memfileFolders): { path: string; family: 4 | 6 }[] {
  const found = new Map<string, 4 | 6>()
  const consider = (path: string) => {
    const family = memfileFamily(path)
    if (family) found.set(path, family)
  }
  for (const folder of folders) {
    if (!existsSync(folder)) continue
    try {
      for (const name of readdirSync(folder)) if (/^kea-leases[46].*\.csv$/.test(name) || /lease.*\.csv$/.test(name)) consider(join(folder, name))
    } catch {
      // unreadable folder: nothing offered from it
    }
  }
  for (const path of extra) consider(path)
  return [...found].map(([path, family]) => ({ path, family }))
}

/** The family a file's header names, or null when it is not a readable memfile. */
function memfileFamily(path: string): 4 | 6 | null {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const head = Buffer.alloc(4096)
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8')
    return readHeader(text.split('\n', 1)[0], basename(path)).family
  } catch {
    return null
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
