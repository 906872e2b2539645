// A folder of the data folder that holds capture files on behalf of sessions: browser mode's uploads, and the
// copies of files opened in place. Each file belongs to the captures that refer to it and goes with them; one that
// no capture refers to (an aborted upload or copy, one never opened, the remains of a crash) is removed at the
// next start.
import { randomUUID } from 'node:crypto'
import { readdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ensurePrivateDir } from './private-dir'
import { safeFileName } from './safe-name'

export class CaptureFolder {
  constructor(readonly dir: string) {}

  /** A fresh path for a file of `name` (the file does not exist yet: create it with flags 'wx'). */
  newPath(name: string): string {
    return join(ensurePrivateDir(this.dir), `${randomUUID()}-${safeFileName(name)}`)
  }

  owns(path: string): boolean {
    return dirname(path) === this.dir
  }

  remove(path: string): void {
    if (this.owns(path)) rmSync(path, { force: true })
  }

  /** Removes every file whose path is not in `referenced`. */
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
}
