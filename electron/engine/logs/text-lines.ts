// Bytes to lines, whatever the chunks: UTF-8 decoded across chunk edges, CR LF or LF, and a line longer than
// MAX_LINE_CHARS cut there (the rest of it dropped, and said so) so a file without line ends cannot fill memory.
import { StringDecoder } from 'node:string_decoder'

export const MAX_LINE_CHARS = 16_384

export class TextLines {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''
  /** The line being read is past the limit: its rest is skipped up to the next line end. */
  private cutting = false

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk)
    let start = 0
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.take(text.slice(start, end), true)
      start = end + 1
    }
    this.take(text.slice(start), false)
  }

  /** The last line, if the text did not end with a line end. */
  end(): void {
    const rest = this.decoder.end()
    if (rest) this.take(rest, false)
    if (this.pending) this.emit(this.pending)
    this.pending = ''
    this.cutting = false
  }

  private take(part: string, lineEnds: boolean): void {
    if (!this.cutting) {
      this.pending += part
      if (this.pending.length > MAX_LINE_CHARS) {
        this.emit(`${this.pending.slice(0, MAX_LINE_CHARS)} … [line cut at ${MAX_LINE_CHARS} characters]`)
        this.pending = ''
        this.cutting = true
      }
    }
    if (!lineEnds) return
    if (this.cutting) this.cutting = false
    else {
      this.emit(this.pending)
      this.pending = ''
    }
  }

  private emit(line: string): void {
    this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line)
  }
}
