// Browser mode's uploads: the user's captures streamed into the data folder (see electron/server/upload.ts).
import { statfsSync } from 'node:fs'
import { join } from 'node:path'
import { CaptureFolder } from './capture-folder'
import { ensurePrivateDir } from './private-dir'

/** Where a data folder keeps its uploads. */
export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'uploads')
}

export class Uploads extends CaptureFolder {
  /** Bytes free for uploads on the data folder's disk. */
  freeBytes(): number {
    const disk = statfsSync(ensurePrivateDir(this.dir))
    return disk.bavail * disk.bsize
  }
}
