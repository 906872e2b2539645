// Lines written to a file descriptor through one reused buffer, synchronously. process.stdout queues in memory
// whatever the reader has not taken yet (a slow pipe, or one left non-blocking by the process that made it),
// so a large capture decoded into it grew without bound; a synchronous write waits for the reader instead.
import { writeSync } from 'node:fs'

const BUFFER_BYTES = 1 << 20
const WAIT_MS = 1

/** A reader that went away (`| head`): the output has ended, which is no error. */
export class OutputClosed extends Error {
  constructor() {
    super('the reader of the output has gone')
    this.name = 'OutputClosed'
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4))

export class LineOutput {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  private used = 0

  constructor(private readonly fd: number) {}

  line(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8, so this bound never cuts a line.
    const most = text.length * 3 + 1
    if (this.used + most > this.buffer.length) this.flush()
    if (most > this.buffer.length) {
      this.writeAll(Buffer.from(`${text}\n`))
      return
    }
    this.used += this.buffer.write(text, this.used)
    this.buffer[this.used++] = 0x0a
  }

  flush(): void {
    this.writeAll(this.buffer.subarray(0, this.used))
    this.used = 0
  }

  private writeAll(bytes: Buffer): void {
    for (let at = 0; at < bytes.length;) {
      try {
        at += writeSync(this.fd, bytes, at, bytes.length - at)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EPIPE') throw new OutputClosed()
        if (code !== 'EAGAIN') throw error
        // A non-blocking descriptor whose reader is behind: wait for it rather than queue.
        Atomics.wait(sleeper, 0, 0, WAIT_MS)
      }
    }
  }
}
