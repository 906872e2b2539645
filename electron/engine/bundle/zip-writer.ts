// Writes a bundle's zip as a stream: each file is produced as it is deflated (never whole in memory), and hashed on
// its way in, so the manifest, added last, names every file with the SHA-256 and size of exactly what went in.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { ZipFile } from 'yazl'
import { PRIVATE_FILE_MODE } from '../files/private-dir'
import type { ManifestFile } from './manifest'

/** Produces a file's bytes: strings or buffers, as many as it likes, as an iterable or a stream. */
export type FileSource = () => AsyncIterable<Buffer | string> | Iterable<Buffer | string>

export class ZipWriter {
  private readonly zip = new ZipFile()
  private readonly files: Promise<ManifestFile>[] = []
  private readonly written: Promise<void>
  private failure: Error | null = null
  private readonly mtime = new Date()

  /**
   * `path` must not exist. `paced` runs after every chunk that goes in (a job's turn: progress and stop);
   * when it throws, the zip fails.
   */
  constructor(path: string, private readonly paced: (bytes: number) => Promise<void>) {
    this.written = pipeline(this.zip.outputStream, createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE }))
    this.written.catch((error: Error) => (this.failure ??= error))
  }

  private get output(): Readable {
    return this.zip.outputStream as Readable
  }

  /** Adds a file, read from `source` only when the zip gets to it (so sources are never open all at once). */
  add(path: string, source: FileSource): void {
    let settle!: { resolve: (file: ManifestFile) => void; reject: (error: Error) => void }
    this.files.push(new Promise((resolve, reject) => (settle = { resolve, reject })))
    this.zip.addReadStreamLazy(path, { mtime: this.mtime, mode: 0o100644 }, (callback) => {
      const hash = createHash('sha256')
      let bytes = 0
      const paced = this.paced
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          hash.update(chunk)
          bytes += chunk.length
          paced(chunk.length).then(() => next(null, chunk), next)
        },
      })
      const input = Readable.from(source(), { objectMode: false })
      pipeline(input, hashing).then(
        () => settle.resolve({ path, bytes, sha256: hash.digest('hex') }),
        (error: Error) => {
          this.failure ??= error
          settle.reject(error)
          // yazl would wait for the stream's end: end the zip's output so the write ends too.
          this.output.destroy(error)
        },
      )
      callback(null, hashing)
    })
  }

  /** Waits for every file, adds the last one (the manifest, made from their sums), and ends the zip. */
  async finish(last: (files: ManifestFile[]) => { path: string; text: string }): Promise<ManifestFile[]> {
    const files = await Promise.all(this.files)
    const { path, text } = last(files)
    this.zip.addBuffer(Buffer.from(text), path, { mtime: this.mtime, mode: 0o100644 })
    this.zip.end()
    await this.written
    if (this.failure) throw this.failure
    return files
  }

  /** Stops writing after a failure (files the zip has not got to are never read); the caller removes the file. */
  async abandon(): Promise<void> {
    this.output.destroy(this.failure ?? new Error('abandoned'))
    await this.written.catch(() => undefined)
  }
}
