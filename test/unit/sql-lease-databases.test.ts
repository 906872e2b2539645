// Saved lease databases through the engine's contract, as the Leases view uses them: the password goes to the
// SecretStore (or this run's memory), never into the file or an answer; the CA comes as PEM text, never a path; a
// password typed into the URL is refused; opening one connects read-only and says in words what failed.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LeaseDatabaseInfo, LeaseSourceChoices } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import { MemorySecretStore, type SecretStore } from '../../electron/engine/secrets/secret-store'
import { tempDataDir } from '../helpers/engine'

const PASSWORD = 'lease-db-password-5c2e'
const CA = '-----BEGIN CERTIFICATE-----\nMIIBcaCAca\n-----END CERTIFICATE-----\n'
/** Nothing listens on the discard port: opening fails at once, after the password was looked up. */
const CLOSED = 'mysql://kea@127.0.0.1:9/kea'

/** A keychain that outlives the engine, as the desktop app's does. */
const keychain = (): SecretStore => Object.defineProperty(new MemorySecretStore(), 'persistent', { value: true })

const engineWith = (dataDir: string, secrets: SecretStore = new MemorySecretStore()) => new Engine({ dataDir, mode: 'browser', version: '0.0.0-test', secrets })

const save = (engine: Engine, entry: Record<string, unknown>) => engine.dispatch('leases.saveDatabase', entry) as Promise<LeaseDatabaseInfo>

describe('saved lease databases', () => {
  it('keeps the password out of the file and out of every answer', async () => {
    const dataDir = tempDataDir()
    const engine = engineWith(dataDir)
    try {
      const info = await save(engine, { name: 'kea leases', url: ' postgres://kea@db.example/kea ', password: PASSWORD, tls: true, ca: CA, remember: true })
      // Browser mode keeps secrets in memory only: "remember" cannot be honoured and is not claimed.
      expect(info).toMatchObject({ name: 'kea leases', url: 'postgresql://kea@db.example:5432/kea', tls: true, hasCa: true, hasPassword: true, remembered: false })
      expect(readFileSync(join(dataDir, 'lease-databases.json'), 'utf8')).not.toContain(PASSWORD)
      const choices = await engine.dispatch('leases.sources', {}) as LeaseSourceChoices
      expect(choices.databases).toEqual([info])
      expect(JSON.stringify(choices)).not.toContain(PASSWORD)
    } finally {
      engine.close()
    }
  })

  it('uses the kept password to connect, keeps it through an edit, and says when a restart forgot it', async () => {
    const dataDir = tempDataDir()
    const store = keychain()
    const first = engineWith(dataDir, store)
    const kept = await save(first, { name: 'kept', url: CLOSED, password: PASSWORD, remember: true })
    const forgotten = await save(first, { name: 'run only', url: CLOSED, password: PASSWORD })
    expect([kept.remembered, forgotten.remembered]).toEqual([true, false])
    expect(await save(first, { id: kept.id, name: 'kept, renamed', url: CLOSED, remember: true })).toMatchObject({ hasPassword: true, remembered: true })
    first.close()
    const second = engineWith(dataDir, store)
    try {
      await expect(second.dispatch('leases.open', { source: { databaseId: kept.id, family: 4 } }))
        .rejects.toMatchObject({ code: 'bad-input', message: 'Nothing answers at 127.0.0.1:9 (connection refused): check the host and port, and that MariaDB/MySQL runs and listens on the network (not only on its unix socket).' })
      await expect(second.dispatch('leases.open', { source: { databaseId: forgotten.id, family: 6 } }))
        .rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/password of the lease database "run only" was not remembered after the app restarted/) })
      await second.dispatch('leases.deleteDatabase', { databaseId: forgotten.id })
      expect((await second.dispatch('leases.sources', {}) as LeaseSourceChoices).databases.map((d) => d.name)).toEqual(['kept, renamed'])
      expect(await store.get(`lease-database-${forgotten.id}`)).toBeUndefined()
    } finally {
      second.close()
    }
  })

  it('refuses a password in the URL, a path for the CA, and ids it never gave', async () => {
    const engine = engineWith(tempDataDir())
    try {
      await expect(save(engine, { name: 'x', url: `mysql://kea:${PASSWORD}@db/kea` })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/Leave the password out of the database URL/) })
      await expect(save(engine, { name: 'x', url: 'mysql://kea@db/kea', tls: true, ca: '/etc/ssl/private/server.key' })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('leases.open', { source: { databaseId: '00000000-0000-4000-8000-000000000000', family: 4 } })).rejects.toMatchObject({ code: 'not-found' })
      await expect(engine.dispatch('leases.open', { source: { databaseId: '../../etc/passwd', family: 4 } })).rejects.toMatchObject({ code: 'invalid-params' })
    } finally {
      engine.close()
    }
  })
})
