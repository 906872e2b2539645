// Reads a bundle's zip without trusting it: every name, size and type is checked from the central directory before
// a byte is extracted. Paths that climb out (zip-slip), absolute paths, links, encrypted entries and zip bombs (too
// many entries, too many bytes, a ratio deflate cannot reach honestly) are refused with a sentence saying so.
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { PRIVATE_FILE_MODE } from '../files/private-dir'

export interface ZipLimits {
  entries: number
  /** Bytes of all entries once extracted. */
  totalBytes: number
  /** Uncompressed to compressed, for entries past `ratioFromBytes`: real captures and text stay far below. */
  ratio: number
  ratioFromBytes: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { entries: 10_000, totalBytes: 64 * 1024 ** 3, ratio: 200, ratioFromBytes: 1024 ** 2 }

const S_IFMT = 0o170000
const S_IFLNK = 0o120000

/** A bundle that cannot be opened, or that is refused: `message` is the sentence for the user. */
export class BundleError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BundleError'
  }
}

export interface ZipMember {
  path: string
  bytes: number
  compressed: number
  entry: Entry
}

export class BundleZip {
  private constructor(private readonly zip: ZipFile, readonly members: Map<string, ZipMember>) {}

  /** Opens and checks the whole directory; `name` is the user's name for the file, for messages. */
  static async open(path: string, name: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<BundleZip> {
    let zip: ZipFile
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, decodeStrings: false, autoClose: false })
    } catch (error) {
      throw new BundleError(`${name} is not a zip file (${(error as Error).message}); a bundle is the .zip DHCP Field Kit exports.`)
    }
    try {
      if (zip.entryCount > limits.entries) throw new BundleError(`${name} has ${zip.entryCount} entries, more than the ${limits.entries} a bundle may have; it is refused as a possible zip bomb.`)
      const members = new Map<string, ZipMember>()
      let total = 0
      for (const entry of await readEntries(zip, name)) {
        const path = checkedName(entry, name)
        if (path === null) continue
        if (members.has(path)) throw new BundleError(`${name} holds ${path} twice; a bundle names each file once.`)
        total += entry.uncompressedSize
        if (total > limits.totalBytes) throw new BundleError(`${name} would extract to more than ${gib(limits.totalBytes)}; it is refused as a possible zip bomb.`)
        if (entry.uncompressedSize > limits.ratioFromBytes && entry.uncompressedSize > limits.ratio * Math.max(1, entry.compressedSize)) {
          throw new BundleError(`${path} in ${name} would grow ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times when extracted (at most ${limits.ratio} is allowed); it is refused as a possible zip bomb.`)
        }
        members.set(path, { path, bytes: entry.uncompressedSize, compressed: entry.compressedSize, entry })
      }
      return new BundleZip(zip, members)
    } catch (error) {
      zip.close()
      throw error
    }
  }

  /** The member's SHA-256 and size as read (yauzl checks it against the size the zip declares). */
  async hash(path: string): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash('sha256')
    let bytes = 0
    await pipeline(await this.stream(path), new Transform({
      transform(chunk: Buffer, _encoding, next) {
        hash.update(chunk)
        bytes += chunk.length
        next()
      },
    }))
    return { sha256: hash.digest('hex'), bytes }
  }

  /** Writes the member to a new file (never one that exists). */
  async extract(path: string, to: string): Promise<void> {
    await pipeline(await this.stream(path), createWriteStream(to, { flags: 'wx', mode: PRIVATE_FILE_MODE }))
  }

  /** A member's text, for the small files a bundle restores from (its size bounded by the caller). */
  async text(path: string, maxBytes: number): Promise<string> {
    const member = this.members.get(path)!
    if (member.bytes > maxBytes) throw new BundleError(`${path} is ${member.bytes} bytes, more than the ${maxBytes} it may have.`)
    const chunks: Buffer[] = []
    for await (const chunk of await this.stream(path)) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  }

  close(): void {
    this.zip.close()
  }

  private stream(path: string): Promise<Readable> {
    return this.zip.openReadStreamPromise(this.members.get(path)!.entry)
  }
}

function readEntries(zip: ZipFile, name: string): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = []
    zip.on('entry', (entry: Entry) => {
      entries.push(entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', (error: Error) => reject(new BundleError(`${name} is damaged: ${error.message}.`)))
    zip.readEntry()
  })
}

/** The member's path, checked; null for a folder entry (bundles need none). */
function checkedName(entry: Entry, name: string): string | null {
  const raw = entry.fileName as unknown as Buffer
  const path = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false)
  const shown = JSON.stringify(path)
  if (/[\u0000-\u001f]/.test(path)) throw new BundleError(`${name} holds an entry whose name has control characters (${shown}); it is refused.`)
  if (path.includes('\\')) throw new BundleError(`${name} holds ${shown}, a name with backslashes, which Windows reads as folders; it is refused.`)
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) throw new BundleError(`${name} holds ${shown}, an absolute path, which would be written outside the bundle's folder; it is refused.`)
  if (path.split('/').includes('..')) throw new BundleError(`${name} holds ${shown}, a path that climbs out of the bundle's folder (zip-slip); it is refused.`)
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw new BundleError(`${name} holds ${shown}, a symbolic link, which could point anywhere on this machine; it is refused.`)
  if (entry.isEncrypted()) throw new BundleError(`${name} holds ${shown} encrypted; bundles are never encrypted, so it is refused.`)
  if (path.endsWith('/')) return null
  return path
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(0)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`
}
