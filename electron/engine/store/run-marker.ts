// Tells a crash from a clean exit: each engine marks its run with a file named for its process (running/<pid>) and
// removes it on close. A mark whose process is gone was left by a crash or a kill -9; one whose process still runs
// is another engine's on the same data folder (the app and a CLI command), not a crash.
import { readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../files/private-dir'

export class RunMarker {
  /** An earlier run on this data folder ended without closing its engine. */
  readonly crashed: boolean
  private readonly file: string

  constructor(dataDir: string) {
    const dir = ensurePrivateDir(join(dataDir, 'running'))
    let crashed = false
    for (const name of readdirSync(dir)) {
      const pid = /^\d+$/.test(name) ? Number(name) : NaN
      if (pid === process.pid || (pid && alive(pid))) continue
      crashed ||= !Number.isNaN(pid)
      rmSync(join(dir, name), { force: true, recursive: true })
    }
    this.crashed = crashed
    this.file = join(dir, String(process.pid))
    writeFileSync(this.file, '', { mode: PRIVATE_FILE_MODE })
  }

  /** The run ends cleanly. */
  release(): void {
    rmSync(this.file, { force: true })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
