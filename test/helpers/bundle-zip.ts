// Bundles made differently from the app's, for the import's refusals: a bundle with a file changed, and zips with
// names or entries no exporter writes (yazl refuses them, so a harmless name of the same length is written and its
// bytes replaced: the name is not covered by any checksum).
import { readFileSync, writeFileSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { createWriteStream } from 'node:fs'
import yauzl from 'yauzl'
import { ZipFile } from 'yazl'

export interface ZipItem {
  name: string
  data: Buffer
  mode?: number
  /** Store instead of deflate. */
  store?: boolean
}

export async function writeZip(path: string, items: ZipItem[]): Promise<void> {
  const zip = new ZipFile()
  for (const item of items) zip.addBuffer(item.data, item.name, { ...(item.mode !== undefined && { mode: item.mode }), compress: !item.store })
  zip.end()
  await pipeline(zip.outputStream, createWriteStream(path))
}

export async function readZip(path: string): Promise<ZipItem[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false })
  const entries = await new Promise<yauzl.Entry[]>((done, fail) => {
    const found: yauzl.Entry[] = []
    zip.on('entry', (entry: yauzl.Entry) => {
      found.push(entry)
      zip.readEntry()
    })
    zip.on('end', () => done(found))
    zip.on('error', fail)
    zip.readEntry()
  })
  const items: ZipItem[] = []
  for (const entry of entries) {
    const chunks: Buffer[] = []
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
    items.push({ name: entry.fileName, data: Buffer.concat(chunks) })
  }
  zip.close()
  return items
}

/** Replaces every occurrence of a name's bytes in the zip (local header and central directory) by another of the same length. */
export function renameInZip(path: string, from: string, to: string): void {
  if (from.length !== to.length) throw new Error('names must be of the same length')
  const bytes = readFileSync(path)
  const a = Buffer.from(from)
  let found = 0
  for (let at = bytes.indexOf(a); at >= 0; at = bytes.indexOf(a, at + 1)) {
    Buffer.from(to).copy(bytes, at)
    found++
  }
  if (found < 2) throw new Error(`${from} was found ${found} times`)
  writeFileSync(path, bytes)
}
