// Saved Kea connections through the engine's contract, as the page uses them: secrets go to the SecretStore (or
// this run's memory) and never into the file, `remembered` says which, an update keeps what it does not replace,
// and the lab's connection is neither saved nor deletable.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { KeaProfileInfo } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import { MemorySecretStore } from '../../electron/engine/secrets/secret-store'
import { tempDataDir } from '../helpers/engine'

const PASSWORD = 'kea-api-password-7d1f'
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgkeyKEYkey\n-----END PRIVATE KEY-----\n'
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBcertCERTcert\n-----END CERTIFICATE-----\n'

/** A keychain that survives restarts, as the desktop app's: kept here in memory across two engines. */
class Keychain extends MemorySecretStore {
  override readonly persistent = true
}

function engineWith(dataDir: string, secrets = new MemorySecretStore()) {
  return new Engine({ dataDir, mode: 'browser', version: '0.0.0-test', secrets })
}

const saved = (engine: Engine) => engine.dispatch('kea.profiles', {}) as Promise<KeaProfileInfo[]>

describe('Kea connection profiles', () => {
  it('keeps the password and client key out of the file and out of every answer', async () => {
    const dataDir = tempDataDir()
    const engine = engineWith(dataDir)
    try {
      const info = await engine.dispatch('kea.saveProfile', {
        name: 'kea-1', kind: 'http', url: 'https://kea-1.example:8000/', user: 'admin', password: PASSWORD, cert: CERT, key: KEY, service: 'dhcp4', remember: true,
      }) as KeaProfileInfo
      // Browser mode keeps secrets in memory only, so "remember" cannot be honoured and is not claimed.
      expect(info).toMatchObject({ name: 'kea-1', user: 'admin', hasPassword: true, hasClientCert: true, hasCa: false, remembered: false, lab: false })
      const file = readFileSync(join(dataDir, 'kea-connections.json'), 'utf8')
      expect(file).not.toContain(PASSWORD)
      expect(file).not.toContain('PRIVATE KEY')
      expect(JSON.stringify(await saved(engine))).not.toContain(PASSWORD)
    } finally {
      engine.close()
    }
  })

  it('says a secret kept for one run is gone after a restart, and one in the keychain is not', async () => {
    const dataDir = tempDataDir()
    const keychain = new Keychain()
    const first = engineWith(dataDir, keychain)
    const forgotten = await first.dispatch('kea.saveProfile', { name: 'run only', kind: 'http', url: 'http://127.0.0.1:9/', user: 'u', password: PASSWORD }) as KeaProfileInfo
    const kept = await first.dispatch('kea.saveProfile', { name: 'kept', kind: 'http', url: 'http://127.0.0.1:9/', user: 'u', password: PASSWORD, remember: true }) as KeaProfileInfo
    expect([forgotten.remembered, kept.remembered]).toEqual([false, true])
    first.close()
    const second = engineWith(dataDir, keychain)
    try {
      await expect(second.dispatch('kea.status', { profileId: forgotten.id })).rejects.toThrow('The password of the Kea connection "run only" was not remembered after the app restarted')
      // The kept one gets as far as the network: port 9 on loopback has nobody listening.
      await expect(second.dispatch('kea.status', { profileId: kept.id })).rejects.toThrow(/^Nothing answers at http:\/\/127\.0\.0\.1:9\/ \(connection refused\)/)
    } finally {
      second.close()
    }
  })

  it('updates a profile without asking again for the secrets it already has, and deletes it with them', async () => {
    const keychain = new Keychain()
    const engine = engineWith(tempDataDir(), keychain)
    try {
      const info = await engine.dispatch('kea.saveProfile', { name: 'kea-2', kind: 'http', url: 'http://127.0.0.1:9/', user: 'u', password: PASSWORD, remember: true }) as KeaProfileInfo
      const renamed = await engine.dispatch('kea.saveProfile', { id: info.id, name: 'kea-2 renamed', kind: 'http', url: 'http://127.0.0.1:9/', user: 'u', remember: true }) as KeaProfileInfo
      expect(renamed).toMatchObject({ id: info.id, name: 'kea-2 renamed', hasPassword: true })
      expect(await keychain.get(`kea-${info.id}`)).toContain(PASSWORD)
      await engine.dispatch('kea.deleteProfile', { profileId: info.id })
      expect((await saved(engine)).filter((p) => !p.lab)).toEqual([])
      expect(await keychain.get(`kea-${info.id}`)).toBeUndefined()
    } finally {
      engine.close()
    }
  })

  it('refuses paths and non-PEM text where certificates go, and the lab\'s id', async () => {
    const engine = engineWith(tempDataDir())
    try {
      await expect(engine.dispatch('kea.saveProfile', { name: 'x', kind: 'http', url: 'https://kea:8000/', ca: '/etc/kea/ca.pem' })).rejects.toThrow(/ca: PEM text/)
      await expect(engine.dispatch('kea.saveProfile', { name: 'x', kind: 'http', socketPath: '/run/kea.sock' })).rejects.toThrow(/needs its url/)
      await expect(engine.dispatch('kea.saveProfile', { name: 'x', kind: 'http', url: 'https://kea:8000/', cert: CERT })).rejects.toThrow('A client certificate needs its private key: pick the key file too.')
      await expect(engine.dispatch('kea.saveProfile', { id: 'lab', name: 'x', kind: 'http', url: 'https://kea:8000/' })).rejects.toThrow(/made by the lab itself/)
      await expect(engine.dispatch('kea.deleteProfile', { profileId: 'lab' })).rejects.toThrow(/goes away with the lab/)
    } finally {
      engine.close()
    }
  })
})
