// Browser mode's uploads: the user's captures copied into the data folder. Each belongs to the captures opened
// from it and goes with them; one that no capture refers to (an aborted upload, one never opened, the remains
// of a crash) is removed at the next start.
import { randomUUID } from 'node:crypto'
import { readdirSync, rmSync, statfsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ensurePrivateDir } from './private-dir'
import { safeFileName } from './safe-name'

/** Where a data folder keeps its uploads. */
export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads')
}

export class Uploads {
  constructor(readonly dir: string) {}

  /** A fresh path for an upload of `name` (the file does not exist yet: create it with flags 'wx'). */
  newPath(name: string): string {
    return join(ensurePrivateDir(this.dir), `${randomUUID()}-${safeFileName(name)}`)
  }

  owns(path: string): boolean {
    return dirname(path) === this.dir
  }

  remove(path: string): void {
    if (this.owns(path)) rmSync(path, { force: true })
  }

  /** Removes every upload whose path is not in `referenced`. */
  removeOrphans(referenced: ReadonlySet<string>): void {
    let names: string[]
    try {
      names = readdirSync(this.dir)
    } catch {
      return
    }
    for (const name of names) {
      const path = join(this.dir, name)
      if (!referenced.has(path)) rmSync(path, { force: true, recursive: true })
    }
  }

  /** Bytes free for uploads on the data folder's disk. */
  freeBytes(): number {
    const disk = statfsSync(ensurePrivateDir(this.dir))
    return disk.bavail * disk.bsize
  }
}
