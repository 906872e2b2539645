// The copies of captures opened in place (a pick, a drop, the command line): a session must not lose its packets
// when the original is moved, changed or deleted, so each such file is copied once into the data folder. The copy
// is written from the chunks the load reads anyway (see FileWindow.teeTo), on libuv's threads: the file is read
// once, and the copy is complete when the load is.
import { closeSync, openSync, rmSync, write } from 'node:fs'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PRIVATE_FILE_MODE } from './private-dir'

const writeAt = promisify(write)

/** Where a data folder keeps the copies. */
export function copiesDir(dataDir: string): string {
  return join(dataDir, 'captures')
}

/**
 * A copy being written to `path`.partial, moved to `path` when complete: whole or not at all. A copy that cannot be
 * made (no room, no permission) is no reason to stop reading the capture: complete() says why instead.
 */
export class CaptureCopy {
  private readonly partial: string
  private readonly fd: number | null = null
  private readonly writes: Promise<void>[] = []
  private failure: NodeJS.ErrnoException | null = null
  private closed = false

  /** `label`: the user's name for the capture, for messages. Creates the partial file at once (private, new). */
  constructor(readonly path: string, private readonly label: string) {
    this.partial = `${path}.partial`
    try {
      this.fd = openSync(this.partial, 'wx', PRIVATE_FILE_MODE)
    } catch (error) {
      this.failure = error as NodeJS.ErrnoException
    }
  }

  /** Writes bytes at their offset in the file; they must stay unchanged until complete() or discard() settles. */
  write(bytes: Uint8Array, offset: number): void {
    if (this.failure) return
    this.writes.push(this.writeAll(bytes, offset).catch((error: NodeJS.ErrnoException) => {
      this.failure ??= error
    }))
  }

  private async writeAll(bytes: Uint8Array, offset: number): Promise<void> {
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await writeAt(this.fd!, bytes, done, bytes.length - done, offset + done)
      if (bytesWritten === 0) throw new Error('the system wrote nothing')
      done += bytesWritten
    }
  }

  /** Waits for the writes and moves the copy into place; throws a sentence when it could not be made. */
  async complete(): Promise<void> {
    await this.settled()
    if (this.failure) {
      rmSync(this.partial, { force: true })
      throw new Error(`Cannot keep a copy of ${this.label} in the data folder (${whyNot(this.failure)}); it is read from where it was opened.`)
    }
    await rename(this.partial, this.path)
  }

  /** Leaves nothing behind, also after complete(). Never fails: what it cannot remove goes at the next start. */
  async discard(): Promise<void> {
    try {
      await this.settled()
      for (const file of [this.partial, this.path]) rmSync(file, { force: true })
    } catch {
      // See CaptureFolder.removeOrphans.
    }
  }

  /** Every write has ended and the file is closed (never before: its descriptor could be reused by another file). */
  private async settled(): Promise<void> {
    await Promise.all(this.writes)
    if (this.closed || this.fd === null) return
    this.closed = true
    closeSync(this.fd)
  }
}

function whyNot(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOSPC': return 'the disk is full'
    case 'EDQUOT': return 'the disk quota is used up'
    case 'EACCES': case 'EPERM': return 'permission denied'
    default: return error.message
  }
}
