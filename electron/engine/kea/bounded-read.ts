// Every answer Kea sends is read into memory whole (it is one JSON document), so its size is capped: a
// misdirected URL streaming a large file, or a socket that never stops, fails with a sentence instead.
import type { Readable } from 'node:stream'
import { KeaError } from './kea-error'

/** Kea's largest answers (config-get of a big server, lease4-get-all) stay well below this. */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024

export function tooLarge(where: string, maxBytes: number): KeaError {
  return new KeaError('too-large', `${where} sent more than ${Math.round(maxBytes / 1048576)} MiB for one answer; ask for less (for leases, a page at a time with lease4-get-page).`)
}

/** Collects `stream` until it ends; past `maxBytes`, calls `fail` with the too-large error and stops collecting. */
export function collectBounded(stream: Readable, where: string, maxBytes: number, fail: (error: KeaError) => void): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        stream.removeAllListeners('data')
        fail(tooLarge(where, maxBytes))
        return
      }
      chunks.push(chunk)
    })
    stream.on('end', () => resolve(Buffer.concat(chunks)))
  })
}
