// Splits a byte stream into lines without trusting it: a line longer than the limit is reported and skipped, never
// held whole, so a file with no newline (or a hostile one) cannot make the reader grow without end.
export type BoundedLine = { lineNo: number; text: string } | { lineNo: number; tooLong: true }

/** Longer than any lease line Kea writes (a user context of a few kB at most). */
export const MAX_LINE_BYTES = 64 * 1024

export class LineSplitter {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private skipping = false
  /** The number the next complete line will have. */
  lineNo: number

  /** `firstLineNo`: the number of the first line fed (reading on from the middle of a file). */
  constructor(firstLineNo = 1, private readonly maxBytes = MAX_LINE_BYTES) {
    this.lineNo = firstLineNo
  }

  /** Bytes consumed into complete lines so far, counted from where this splitter started. */
  consumed = 0

  /** The complete lines in `chunk` (with what was left over before); a partial last line waits for more. */
  push(chunk: Buffer): BoundedLine[] {
    const lines: BoundedLine[] = []
    let start = 0
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      lines.push(this.finish(chunk.subarray(start, end)))
      this.consumed += end - start + 1
      start = end + 1
    }
    this.keep(chunk.subarray(start))
    return lines
  }

  /** The last line, when the stream ended without a newline after it. */
  end(): BoundedLine | null {
    if (this.pendingBytes === 0 && !this.skipping) return null
    return this.finish(Buffer.alloc(0))
  }

  private keep(rest: Buffer): void {
    if (rest.length === 0) return
    if (this.skipping) {
      this.consumedSkipped += rest.length
      return
    }
    if (this.pendingBytes + rest.length > this.maxBytes) {
      this.skipping = true
      this.consumedSkipped = this.pendingBytes + rest.length
      this.pending = []
      this.pendingBytes = 0
      return
    }
    this.pending.push(Buffer.from(rest))
    this.pendingBytes += rest.length
  }

  private consumedSkipped = 0

  private finish(tail: Buffer): BoundedLine {
    const lineNo = this.lineNo++
    this.consumed += this.pendingBytes + this.consumedSkipped
    if (this.skipping || this.pendingBytes + tail.length > this.maxBytes) {
      this.reset()
      return { lineNo, tooLong: true }
    }
    const bytes = this.pendingBytes ? Buffer.concat([...this.pending, tail]) : tail
    this.reset()
    const text = bytes.toString('utf8')
    return { lineNo, text: text.endsWith('\r') ? text.slice(0, -1) : text }
  }

  private reset(): void {
    this.pending = []
    this.pendingBytes = 0
    this.skipping = false
    this.consumedSkipped = 0
  }
}
