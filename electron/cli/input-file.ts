// `-` as a FILE argument reads the capture from standard input, as tshark -r - does. Readers need a file they can
// measure and seek, so a pipe is first copied into a private temporary file, removed afterwards.
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const STDIN = 0

export async function withInputFile<T>(path: string, use: (path: string) => T | Promise<T>): Promise<T> {
  if (path !== '-') return use(path)
  if (fstatSync(STDIN).isFile()) return use('/dev/stdin')
  const dir = mkdtempSync(join(tmpdir(), 'fieldkit-stdin-'))
  try {
    const spooled = join(dir, 'stdin.capture')
    copyStdinTo(spooled)
    return await use(spooled)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function copyStdinTo(path: string): void {
  const out = openSync(path, 'wx', 0o600)
  const buffer = Buffer.allocUnsafe(1 << 20)
  try {
    for (;;) {
      let n: number
      try {
        n = readSync(STDIN, buffer, 0, buffer.length, null)
      } catch (error) {
        // A non-blocking pipe with nothing yet: wait for it rather than spin.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); continue }
        if ((error as NodeJS.ErrnoException).code === 'EOF') break
        throw error
      }
      if (n === 0) break
      writeSync(out, buffer, 0, n)
    }
  } finally {
    closeSync(out)
  }
}
