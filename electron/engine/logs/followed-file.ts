// Reading a log file to its end, then (when following) what is added to it, across rotation and truncation,
// without losing a line: a rotated file (a new inode at the path) is first read to its end through the handle
// still open on it; a file that shrank was truncated (copytruncate) and is read again from its start.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'

const CHUNK_BYTES = 1024 * 1024
const POLL_MS = 250

export interface FollowEvents {
  chunk(bytes: Buffer): void
  /** A rotation or truncation, in words. */
  note(text: string): void
  /** Reading stopped for good (an unreadable file): the reason. */
  failed(message: string): void
}

export class FollowedFile {
  private fd: number | null = null
  private inode = 0
  private position = 0
  private timer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(private readonly path: string, private readonly events: FollowEvents) {}

  /** Reads what the file holds now; resolves once at its end. With follow, keeps reading what is added. */
  async start(follow: boolean): Promise<void> {
    try {
      this.open()
      await this.drain()
    } catch (error) {
      this.events.failed(fileProblem(this.path, error))
      this.close()
      return
    }
    if (follow && !this.stopped) this.timer = setInterval(() => void this.poll(), POLL_MS)
    else this.close()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.close()
  }

  private open(): void {
    this.fd = openSync(this.path, 'r')
    this.inode = fstatSync(this.fd).ino
    this.position = 0
  }

  private close(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
  }

  /** Reads from the position to the end of what the open handle shows, in chunks, yielding between them. */
  private async drain(): Promise<void> {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES)
    for (;;) {
      if (this.fd === null || this.stopped) return
      const read = readSync(this.fd, buffer, 0, CHUNK_BYTES, this.position)
      if (read === 0) return
      this.position += read
      this.events.chunk(Buffer.from(buffer.subarray(0, read)))
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private polling = false

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return
    this.polling = true
    try {
      let current: ReturnType<typeof statSync> | null = null
      try {
        current = statSync(this.path)
      } catch {
        // Between a rotation's rename and the new file's creation: read on through the old handle.
      }
      if (this.fd === null) {
        if (!current) return
        this.open()
      } else if (current && current.ino !== this.inode) {
        await this.drain()
        this.close()
        this.events.note(`${new Date().toISOString()}: the file was rotated; reading the new one from its start`)
        this.open()
      } else if (fstatSync(this.fd).size < this.position) {
        this.events.note(`${new Date().toISOString()}: the file was truncated; reading it again from its start`)
        this.position = 0
      }
      await this.drain()
    } catch (error) {
      this.events.failed(fileProblem(this.path, error))
      this.stop()
    } finally {
      this.polling = false
    }
  }
}

function fileProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return `${path} does not exist (any more): check the logger's output path, or that Kea has logged since it started.`
  if (code === 'EACCES' || code === 'EPERM') return `${path} may not be read by this user: add the user to Kea's group (often _kea or kea) or read it as root.`
  if (code === 'EISDIR') return `${path} is a folder, not a log file.`
  return `${path} could not be read: ${(error as Error).message}.`
}
