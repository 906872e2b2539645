// Lease databases the user saved: name, URL and TLS in a small file of the data folder; the password in the
// SecretStore when the user asked to remember it, else in this process's memory until it ends (KeptSecrets, as Kea
// connections keep theirs). A CA certificate is public and stays with the entry, as PEM text: never a path.
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { CheckedParams } from '../../contract/methods'
import type { LeaseDatabaseInfo } from '../../contract/types'
import { ContractError } from '../errors'
import { writeAtomically } from '../files/atomic-write'
import { ensurePrivateDir } from '../files/private-dir'
import { KeptSecrets } from '../secrets/kept-secrets'
import type { SecretStore } from '../secrets/secret-store'
import { LeaseSourceError } from './lease-source'
import type { SqlConnectOptions } from './sql-connection'
import { parseSqlUrl, sqlUrlText } from './sql-url'

/** The form as the contract checked it: a password or CA left out keeps the saved one. */
export type NewLeaseDatabase = CheckedParams<'leases.saveDatabase'>

const savedDatabase = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  url: z.string().min(1).max(1024),
  tls: z.boolean(),
  ca: z.string().max(262_144).nullable(),
  hasPassword: z.boolean(),
  remembered: z.boolean(),
})
type SavedDatabase = z.infer<typeof savedDatabase>
const databaseFile = z.object({ databases: z.array(savedDatabase).max(1000) })

export class LeaseDatabases {
  private readonly file: string
  private readonly secrets: KeptSecrets

  constructor(dataDir: string, store: SecretStore) {
    this.file = join(dataDir, 'lease-databases.json')
    this.secrets = new KeptSecrets(store, (ids) => this.write(this.load().map((d) => (ids.includes(secretId(d.id)) ? { ...d, remembered: true } : d))))
  }

  list(): LeaseDatabaseInfo[] {
    return this.load().map(info)
  }

  async save(entry: NewLeaseDatabase): Promise<LeaseDatabaseInfo> {
    let url: string
    try {
      url = sqlUrlText(parseSqlUrl(entry.url))
    } catch (error) {
      throw new ContractError('bad-input', (error as LeaseSourceError).message)
    }
    const saved = this.load()
    const previous = entry.id ? saved.find((d) => d.id === entry.id) : undefined
    if (entry.id && !previous) notFound('That lease database is no longer saved; save it as a new one.')
    const id = previous?.id ?? randomUUID()
    let { hasPassword, remembered } = previous ?? { hasPassword: false, remembered: false }
    if (entry.password !== undefined) {
      remembered = await this.secrets.keep(secretId(id), entry.password, entry.remember)
      hasPassword = true
    }
    const ca = entry.tls ? entry.ca ?? previous?.ca ?? null : null
    const next: SavedDatabase = { id, name: entry.name, url, tls: entry.tls, ca, hasPassword, remembered }
    this.write([...saved.filter((d) => d.id !== id), next])
    return info(next)
  }

  async delete(id: string): Promise<void> {
    const saved = this.load()
    if (!saved.some((d) => d.id === id)) notFound('That lease database is no longer saved.')
    await this.secrets.forget(secretId(id))
    this.write(saved.filter((d) => d.id !== id))
  }

  /** How to connect, the password included; it must still be known. */
  async connectOptions(id: string): Promise<SqlConnectOptions> {
    const saved = this.load().find((d) => d.id === id) ?? notFound('That lease database is no longer saved; save it again.')
    const password = saved.hasPassword ? await this.secrets.get(secretId(id)) : undefined
    if (saved.hasPassword && password === undefined) {
      throw new ContractError('bad-input', `The password of the lease database "${saved.name}" was not remembered after the app restarted (or is kept by the desktop app's keychain); save the database again with it.`)
    }
    return { address: parseSqlUrl(saved.url), password, ...(saved.tls && { tls: saved.ca === null ? {} : { ca: saved.ca } }) }
  }

  private load(): SavedDatabase[] {
    if (!existsSync(this.file)) return []
    let parsed: ReturnType<typeof databaseFile.safeParse> | undefined
    try {
      parsed = databaseFile.safeParse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch {
      parsed = undefined
    }
    if (!parsed?.success) throw new ContractError('bad-input', `The saved lease databases in ${this.file} are damaged; remove the file and save them again.`)
    return parsed.data.databases
  }

  private write(databases: SavedDatabase[]): void {
    ensurePrivateDir(dirname(this.file))
    const content = JSON.stringify(databaseFile.parse({ databases }), null, 2)
    writeAtomically({ path: this.file, replace: true }, (temporary) => writeFileSync(temporary, content))
  }
}

const secretId = (id: string) => `lease-database-${id}`

function info(saved: SavedDatabase): LeaseDatabaseInfo {
  return {
    id: saved.id, name: saved.name, url: saved.url, tls: saved.tls, hasCa: saved.ca !== null,
    hasPassword: saved.hasPassword, remembered: saved.remembered || !saved.hasPassword,
  }
}

function notFound(message: string): never {
  throw new ContractError('not-found', message)
}
