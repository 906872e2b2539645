// Browser mode's secrets kept past this run, for a user who chose a passphrase: one file in the data folder,
// AES-256-GCM under a key scrypt derives from the passphrase. The passphrase itself is never kept; the key and the
// secrets live in memory only while unlocked. The header (format, scrypt's cost, salt, IV) is the cipher's
// additional data, so a change to any byte of the file fails the GCM check; the cost is in the header so a later
// version can raise it and still open the files written before.
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto'
import { closeSync, existsSync, fstatSync, linkSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { ContractError } from '../errors'
import { writeAtomically } from '../files/atomic-write'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../files/private-dir'
import type { SecretStore } from './secret-store'

/** scrypt's cost as the header has it: N = 2^log2N, block size r, parallelism p. */
export interface ScryptCost {
  log2N: number
  r: number
  p: number
}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): 128 MiB and a fraction of a second per unlock. */
export const DEFAULT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 }
/** A header may ask for no more memory than this: a damaged or hostile file must not exhaust the machine. */
const MAX_SCRYPT_MEMORY = 512 * 1024 * 1024
/** Thousands of secrets are a few hundred KiB; anything far larger is not a file this store wrote. */
const MAX_FILE_BYTES = 16 * 1024 * 1024
export const MIN_NEW_PASSPHRASE = 12
export const MAX_PASSPHRASE = 1024

const MAGIC = Buffer.from('FIELDKIT-SECRETS')
const FORMAT_VERSION = 1
const SALT_BYTES = 16
const IV_BYTES = 12
const TAG_BYTES = 16
// magic | version | log2N | r | p | salt | iv — then the tag and the ciphertext.
const HEADER_BYTES = MAGIC.length + 4 + SALT_BYTES + IV_BYTES

const contents = z.object({ secrets: z.record(z.string().max(1_000_000), z.string().max(4_000_000)) })

interface Unlocked {
  key: Buffer
  salt: Buffer
  cost: ScryptCost
  secrets: Map<string, string>
}

export class PassphraseSecretStore implements SecretStore {
  readonly persistent = true
  private unlocked: Unlocked | null = null

  /** `cost` is what a new file gets (tests lower it); an existing file's own header decides how it is opened. */
  constructor(readonly file: string, private readonly cost: ScryptCost = DEFAULT_COST) {}

  get exists(): boolean {
    return existsSync(this.file)
  }

  get isUnlocked(): boolean {
    return this.unlocked !== null
  }

  /** Starts a new, empty file under `passphrase`; there must be none yet. */
  async create(passphrase: string): Promise<void> {
    if (this.exists) throw new ContractError('bad-input', 'A passphrase-protected secrets file exists already: unlock it with its passphrase.')
    if ([...passphrase].length < MIN_NEW_PASSPHRASE) throw new ContractError('bad-input', `A new secrets file needs a passphrase of at least ${MIN_NEW_PASSPHRASE} characters.`)
    const salt = randomBytes(SALT_BYTES)
    const key = await deriveKey(passphrase, salt, this.cost)
    this.unlocked = { key, salt, cost: this.cost, secrets: new Map() }
    this.write()
  }

  /** Opens the file with `passphrase`. A wrong one (or a changed file) fails the GCM check and says so. */
  async unlock(passphrase: string): Promise<void> {
    const bytes = this.readFile()
    const header = this.parseHeader(bytes)
    const key = await deriveKey(passphrase, header.salt, header.cost)
    let plain: Buffer
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, header.iv)
      decipher.setAAD(bytes.subarray(0, HEADER_BYTES))
      decipher.setAuthTag(bytes.subarray(HEADER_BYTES, HEADER_BYTES + TAG_BYTES))
      plain = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES + TAG_BYTES)), decipher.final()])
    } catch {
      key.fill(0)
      throw new ContractError('bad-input', 'That passphrase does not open the secrets file (or the file was changed since Field Kit wrote it). Type it again; if it is forgotten there is no way to recover the secrets: forget the file and enter them again.')
    }
    const parsed = contents.safeParse(safeJson(plain.toString('utf8')))
    plain.fill(0)
    if (!parsed.success) {
      key.fill(0)
      this.damaged('holds something other than secrets')
    }
    this.unlocked = { key, salt: header.salt, cost: header.cost, secrets: new Map(Object.entries(parsed.data.secrets)) }
  }

  /** Drops the key and the secrets from memory; the file stays for the next unlock. */
  lock(): void {
    this.unlocked?.key.fill(0)
    this.unlocked = null
  }

  /** Deletes the file and everything in it (the user confirmed). */
  forget(): void {
    this.lock()
    rmSync(this.file, { force: true })
  }

  async get(id: string): Promise<string | undefined> {
    return this.open().secrets.get(id)
  }

  async set(id: string, value: string): Promise<void> {
    this.open().secrets.set(id, value)
    this.write()
  }

  async delete(id: string): Promise<void> {
    if (this.open().secrets.delete(id)) this.write()
  }

  private open(): Unlocked {
    if (!this.unlocked) throw new ContractError('secrets-locked', 'The saved passwords and keys are in a passphrase-protected file that is locked: unlock it with its passphrase (Secrets, in the status bar), then try again.')
    return this.unlocked
  }

  /** The whole file again, under a fresh IV: GCM must never see the same key and IV twice. */
  private write(): void {
    const { key, salt, cost, secrets } = this.open()
    const iv = randomBytes(IV_BYTES)
    const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, cost.log2N, cost.r, cost.p]), salt, iv])
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(header)
    const plain = Buffer.from(JSON.stringify({ secrets: Object.fromEntries(secrets) }), 'utf8')
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()])
    plain.fill(0)
    const bytes = Buffer.concat([header, cipher.getAuthTag(), sealed])
    ensurePrivateDir(dirname(this.file))
    writeAtomically({ path: this.file, replace: true }, (temporary) => writeFileSync(temporary, bytes, { mode: PRIVATE_FILE_MODE }))
  }

  private readFile(): Buffer {
    let fd: number
    try {
      fd = openSync(this.file, 'r')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ContractError('not-found', 'There is no passphrase-protected secrets file yet: choose a passphrase to start one.')
      throw new ContractError('bad-input', `The secrets file ${this.file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): check its owner and permissions.`)
    }
    try {
      const size = fstatSync(fd).size
      if (size > MAX_FILE_BYTES) this.damaged('is far larger than any secrets file Field Kit writes')
      const bytes = Buffer.alloc(size)
      let read = 0
      while (read < size) {
        const n = readSync(fd, bytes, read, size - read, read)
        if (n === 0) break
        read += n
      }
      return bytes.subarray(0, read)
    } finally {
      closeSync(fd)
    }
  }

  private parseHeader(bytes: Buffer): { cost: ScryptCost; salt: Buffer; iv: Buffer } {
    if (bytes.length < HEADER_BYTES + TAG_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) this.damaged('is not a Field Kit secrets file (or is cut short)')
    const at = MAGIC.length
    if (bytes[at] !== FORMAT_VERSION) this.damaged(`is in format ${bytes[at]}, which this version of Field Kit does not know`)
    const cost = { log2N: bytes[at + 1], r: bytes[at + 2], p: bytes[at + 3] }
    if (!acceptableCost(cost)) this.damaged('asks for a key derivation this version of Field Kit does not accept')
    const salt = Buffer.from(bytes.subarray(at + 4, at + 4 + SALT_BYTES))
    const iv = Buffer.from(bytes.subarray(at + 4 + SALT_BYTES, HEADER_BYTES))
    return { cost, salt, iv }
  }

  /** Never overwrites what it cannot read: the file is moved aside, kept, and named in the sentence. */
  private damaged(why: string): never {
    this.lock()
    const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`
    try {
      // A link fails rather than replace a file already there (another one moved aside); then the name goes.
      linkSync(this.file, aside)
      rmSync(this.file)
    } catch {
      throw new ContractError('bad-input', `The secrets file ${this.file} ${why}, and it could not be moved aside; move it away yourself, then choose a passphrase to start a new one.`)
    }
    throw new ContractError('bad-input', `The secrets file ${why}; it was moved aside to ${aside} (nothing was deleted). Choose a passphrase to start a new one and enter the passwords and keys again.`)
  }
}

function acceptableCost({ log2N, r, p }: ScryptCost): boolean {
  return log2N >= 10 && log2N <= 22 && r >= 1 && r <= 32 && p >= 1 && p <= 16 && scryptMemory({ log2N, r, p }) <= MAX_SCRYPT_MEMORY
}

function scryptMemory({ log2N, r }: ScryptCost): number {
  return 128 * r * 2 ** log2N
}

/** The same passphrase typed on another keyboard (composed or decomposed accents) opens the same file. */
async function deriveKey(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: scryptMemory(cost) + 1024 * 1024 }
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(new ContractError('internal', `The key cannot be derived from the passphrase: ${error.message}`)) : resolve(key)))
  })
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
