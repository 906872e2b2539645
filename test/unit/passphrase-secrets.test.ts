// Attacks on browser mode's passphrase-protected secrets file: what an attacker with the file, or with the page,
// could try. The file must hold no clear text, any changed byte must fail the unlock with a sentence (GCM over
// header and ciphertext), a wrong passphrase must fail, a damaged file must be kept, and the passphrase must never
// come back in an answer, an event, an error or a log line.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KeaProfileInfo, LeaseDatabaseInfo, LeaseSourceChoices, RemoteHostInfo, SecretsState } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import { ContractError } from '../../electron/engine/errors'
import { SECRETS_FILE } from '../../electron/engine/secrets/browser-secret-store'
import { PassphraseSecretStore, type ScryptCost } from '../../electron/engine/secrets/passphrase-secret-store'
import { MemorySecretStore } from '../../electron/engine/secrets/secret-store'
import { tempDataDir } from '../helpers/engine'

const PASSPHRASE = 'correct horse battery staple 9f3e'
const SECRET = 'kea-api-password-b71c04'
/** Cheap enough to try every byte of a file; the app's own default is 2^17. */
const CHEAP: ScryptCost = { log2N: 10, r: 1, p: 1 }

const browserEngine = (dataDir: string) => new Engine({ dataDir, mode: 'browser', version: '0.0.0-test', passphraseCost: CHEAP })

/** Runs `use` on a browser-mode engine over `dataDir`, closed afterwards whatever happens. */
async function withBrowserEngine(dataDir: string, use: (engine: Engine) => Promise<void>) {
  const engine = browserEngine(dataDir)
  try {
    await use(engine)
  } finally {
    engine.close()
  }
}

/** The ways a string could sit in a file without being encrypted. */
function encodings(text: string): Buffer[] {
  const utf8 = Buffer.from(text, 'utf8')
  return [utf8, Buffer.from(text, 'utf16le'), Buffer.from(utf8.toString('base64')), Buffer.from(utf8.toString('hex')), Buffer.from(utf8.toString('base64url'))]
}

function expectNoTrace(bytes: Buffer, ...texts: string[]) {
  for (const text of texts) for (const encoded of encodings(text)) expect(bytes.includes(encoded)).toBe(false)
}

async function failure(promise: Promise<unknown>): Promise<ContractError> {
  try {
    await promise
  } catch (error) {
    return error as ContractError
  }
  throw new Error('expected a failure')
}

describe('PassphraseSecretStore', () => {
  it('writes no clear text of a secret or the passphrase, only for its owner, under a fresh IV each time', async () => {
    const file = join(tempDataDir(), SECRETS_FILE)
    const store = new PassphraseSecretStore(file, CHEAP)
    await store.create(PASSPHRASE)
    await store.set('kea-1', JSON.stringify({ password: SECRET }))
    const first = readFileSync(file)
    expectNoTrace(first, SECRET, PASSPHRASE, 'kea-1', 'password')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    await store.set('kea-2', SECRET)
    const second = readFileSync(file)
    expectNoTrace(second, SECRET, PASSPHRASE)
    // The IV sits after the magic, version, cost and salt: 16 + 4 + 16 bytes in.
    expect(second.subarray(36, 48).equals(first.subarray(36, 48))).toBe(false)
    expect(second.subarray(20, 36).equals(first.subarray(20, 36))).toBe(true)
    expect(readdirSync(join(file, '..')).filter((name) => name.endsWith('.partial'))).toEqual([])
  })

  it('fails the unlock with a sentence when any single byte of the file is changed, and never loses the file', async () => {
    const dataDir = tempDataDir()
    const file = join(dataDir, SECRETS_FILE)
    const writer = new PassphraseSecretStore(file, CHEAP)
    await writer.create(PASSPHRASE)
    await writer.set('kea-1', SECRET)
    const original = readFileSync(file)
    for (let at = 0; at < original.length; at++) {
      const tampered = Buffer.from(original)
      tampered[at] ^= 0x01
      writeFileSync(file, tampered)
      const reader = new PassphraseSecretStore(file, CHEAP)
      const error = await failure(reader.unlock(PASSPHRASE))
      expect(error, `byte ${at}`).toBeInstanceOf(ContractError)
      expect(error.message, `byte ${at}`).toMatch(/passphrase does not open the secrets file|secrets file .*moved aside/)
      expect(reader.isUnlocked).toBe(false)
      // Either still in place, or moved aside whole: the bytes are never gone.
      const aside = readdirSync(dataDir).filter((name) => name.startsWith(`${SECRETS_FILE}.unreadable-`))
      expect(aside.length, `byte ${at}`).toBe(existsSync(file) ? 0 : 1)
      const kept = existsSync(file) ? readFileSync(file) : readFileSync(join(dataDir, aside[0]))
      expect(kept.equals(tampered), `byte ${at}`).toBe(true)
      for (const name of aside) rmSync(join(dataDir, name))
    }
  })

  it('refuses a wrong passphrase with what to do if it is forgotten, and says so for a cut or foreign file', async () => {
    const dataDir = tempDataDir()
    const file = join(dataDir, SECRETS_FILE)
    await new PassphraseSecretStore(file, CHEAP).create(PASSPHRASE)
    const wrong = await failure(new PassphraseSecretStore(file, CHEAP).unlock(`${PASSPHRASE}!`))
    expect(wrong.message).toMatch(/^That passphrase does not open the secrets file .*forget the file and enter them again\.$/)
    expect(existsSync(file)).toBe(true)

    writeFileSync(file, '{"secrets":{"kea-1":"not ours"}}')
    const foreign = await failure(new PassphraseSecretStore(file, CHEAP).unlock(PASSPHRASE))
    expect(foreign.message).toMatch(/^The secrets file is not a Field Kit secrets file \(or is cut short\); it was moved aside to .*\.unreadable-.* \(nothing was deleted\)\./)
    expect(existsSync(file)).toBe(false)
    const aside = readdirSync(dataDir).find((name) => name.startsWith(`${SECRETS_FILE}.unreadable-`)) as string
    expect(readFileSync(join(dataDir, aside), 'utf8')).toBe('{"secrets":{"kea-1":"not ours"}}')
  })

  it('opens a file with the cost its header names, and refuses a header asking for more memory than allowed', async () => {
    const file = join(tempDataDir(), SECRETS_FILE)
    const older = new PassphraseSecretStore(file, { log2N: 11, r: 2, p: 1 })
    await older.create(PASSPHRASE)
    await older.set('ssh-1', SECRET)
    const newer = new PassphraseSecretStore(file, { log2N: 12, r: 8, p: 1 })
    await newer.unlock(PASSPHRASE)
    expect(await newer.get('ssh-1')).toBe(SECRET)

    const hostile = readFileSync(file)
    hostile[17] = 30 // N = 2^30
    writeFileSync(file, hostile)
    const refused = await failure(new PassphraseSecretStore(file).unlock(PASSPHRASE))
    expect(refused.message).toMatch(/^The secrets file asks for a key derivation this version of Field Kit does not accept; it was moved aside/)
  })

  it('gives nothing while locked, and forgets the key on lock', async () => {
    const file = join(tempDataDir(), SECRETS_FILE)
    const store = new PassphraseSecretStore(file, CHEAP)
    await store.create(PASSPHRASE)
    await store.set('kea-1', SECRET)
    store.lock()
    const locked = await failure(store.get('kea-1'))
    expect(locked).toMatchObject({ code: 'secrets-locked' })
    expect(locked.message).toMatch(/locked: unlock it with its passphrase/)
    await expect(store.set('kea-2', SECRET)).rejects.toMatchObject({ code: 'secrets-locked' })
    await store.unlock(PASSPHRASE)
    expect(await store.get('kea-1')).toBe(SECRET)
  })
})

describe('secrets.* in browser mode', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('moves this run\'s remembered secrets into a new file, and after a restart asks to unlock before connecting', async () => {
    const dataDir = tempDataDir()
    const written: string[] = []
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true))
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(' ')))
    const seen: unknown[] = []
    const first = browserEngine(dataDir)
    first.events.subscribe((name, payload) => seen.push({ name, payload }))
    const call = async (engine: Engine, method: string, params: unknown) => {
      try {
        const result = await engine.dispatch(method, params)
        seen.push(result)
        return result
      } catch (error) {
        seen.push((error as ContractError).toJSON?.() ?? String(error))
        throw error
      }
    }

    expect(await call(first, 'secrets.state', {})).toEqual({ kind: 'memory', locked: false, passphraseOffered: true, minPassphraseLength: 12 })
    const profile = await call(first, 'kea.saveProfile', { name: 'kea-1', kind: 'http', url: 'http://127.0.0.1:9/', user: 'admin', password: SECRET, remember: true }) as KeaProfileInfo
    const runOnly = await call(first, 'kea.saveProfile', { name: 'kea-2', kind: 'http', url: 'http://127.0.0.1:9/', user: 'admin', password: SECRET }) as KeaProfileInfo
    expect(profile.remembered).toBe(false)
    await expect(call(first, 'secrets.usePassphrase', { passphrase: 'too short' })).rejects.toThrow('A new secrets file needs a passphrase of at least 12 characters.')
    expect(await call(first, 'secrets.usePassphrase', { passphrase: PASSPHRASE })).toMatchObject({ kind: 'passphrase', locked: false })
    const listed = await call(first, 'kea.profiles', {}) as KeaProfileInfo[]
    expect(listed.find((p) => p.id === profile.id)?.remembered).toBe(true)
    expect(listed.find((p) => p.id === runOnly.id)?.remembered).toBe(false)
    expectNoTrace(readFileSync(join(dataDir, SECRETS_FILE)), SECRET, PASSPHRASE)
    first.close()

    const second = browserEngine(dataDir)
    second.events.subscribe((name, payload) => seen.push({ name, payload }))
    try {
      expect(await call(second, 'secrets.state', {})).toMatchObject({ kind: 'passphrase', locked: true })
      await expect(call(second, 'kea.status', { profileId: profile.id })).rejects.toMatchObject({ code: 'secrets-locked', message: expect.stringMatching(/^The saved passwords and keys are in a passphrase-protected file that is locked/) })
      await expect(call(second, 'secrets.usePassphrase', { passphrase: `${PASSPHRASE}x` })).rejects.toThrow(/^That passphrase does not open the secrets file/)
      await call(second, 'secrets.usePassphrase', { passphrase: PASSPHRASE })
      // Unlocked, the password is there: the call gets as far as the network (nobody listens on port 9).
      await expect(call(second, 'kea.status', { profileId: profile.id })).rejects.toThrow(/^Nothing answers at http:\/\/127\.0\.0\.1:9\/ \(connection refused\)/)
      expect(await call(second, 'secrets.lock', {})).toMatchObject({ kind: 'passphrase', locked: true })
    } finally {
      second.close()
    }
    const everything = JSON.stringify(seen) + written.join('\n')
    expect(everything).not.toContain(PASSPHRASE)
    expect(everything).not.toContain(SECRET)
  })

  it('marks an SSH host and a lease database remembered once their secrets moved into the new file', async () => {
    const dataDir = tempDataDir()
    const first = browserEngine(dataDir)
    const host = await first.dispatch('remote.save', { host: 'kea.example.net', user: 'ops', auth: { password: SECRET }, remember: true }) as RemoteHostInfo
    const database = await first.dispatch('leases.saveDatabase', { name: 'kea db', url: 'mysql://kea@db.example/kea', password: SECRET, remember: true }) as LeaseDatabaseInfo
    expect([host.remembered, database.remembered]).toEqual([false, false])
    await first.dispatch('secrets.usePassphrase', { passphrase: PASSPHRASE })
    first.close()
    await withBrowserEngine(dataDir, async (second) => {
      const hosts = await second.dispatch('remote.hosts', {}) as RemoteHostInfo[]
      const { databases } = await second.dispatch('leases.sources', {}) as LeaseSourceChoices
      expect([hosts[0].remembered, databases[0].remembered]).toEqual([true, true])
      expectNoTrace(readFileSync(join(dataDir, SECRETS_FILE)), SECRET)
    })
  })

  it('starts one file when two first passphrases race, keeping what moved in', async () => {
    const dataDir = tempDataDir()
    await withBrowserEngine(dataDir, async (engine) => {
      const profile = await engine.dispatch('kea.saveProfile', { name: 'kea-1', kind: 'http', url: 'http://127.0.0.1:9/', user: 'admin', password: SECRET, remember: true }) as KeaProfileInfo
      const [first, second] = await Promise.allSettled([
        engine.dispatch('secrets.usePassphrase', { passphrase: PASSPHRASE }),
        engine.dispatch('secrets.usePassphrase', { passphrase: `${PASSPHRASE} other` }),
      ])
      expect(first.status).toBe('fulfilled')
      expect(second.status).toBe('fulfilled')
      await engine.dispatch('secrets.lock', {})
      await engine.dispatch('secrets.usePassphrase', { passphrase: PASSPHRASE })
      await expect(engine.dispatch('kea.status', { profileId: profile.id })).rejects.toThrow(/^Nothing answers at http:\/\/127\.0\.0\.1:9\//)
    })
  })

  it('bounds the passphrase at the contract, without echoing it', async () => {
    await withBrowserEngine(tempDataDir(), async (engine) => {
      const long = `${'p'.repeat(1024)}q`
      const tooLong = await failure(engine.dispatch('secrets.usePassphrase', { passphrase: long }))
      expect(tooLong).toMatchObject({ code: 'invalid-params' })
      expect(tooLong.message).not.toContain('pppp')
      await expect(engine.dispatch('secrets.usePassphrase', { passphrase: '' })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('secrets.usePassphrase', { passphrase: PASSPHRASE, extra: 1 })).rejects.toMatchObject({ code: 'invalid-params' })
      expect(await engine.dispatch('secrets.state', {})).toMatchObject({ kind: 'memory' })
    })
  })

  it('deletes the file only when confirmed, and then keeps secrets in memory again', async () => {
    const dataDir = tempDataDir()
    await withBrowserEngine(dataDir, async (engine) => {
      await engine.dispatch('secrets.usePassphrase', { passphrase: PASSPHRASE })
      await expect(engine.dispatch('secrets.forget', {})).rejects.toMatchObject({ code: 'invalid-params' })
      expect(existsSync(join(dataDir, SECRETS_FILE))).toBe(true)
      expect(await engine.dispatch('secrets.forget', { confirmed: true })).toMatchObject({ kind: 'memory', locked: false })
      expect(existsSync(join(dataDir, SECRETS_FILE))).toBe(false)
      await expect(engine.dispatch('secrets.lock', {})).rejects.toThrow('There is no passphrase-protected secrets file to lock')
    })
  })

  it('leaves the desktop app\'s keychain as the store and says so', async () => {
    const keychain = Object.assign(new MemorySecretStore(), { persistent: true })
    const engine = new Engine({ dataDir: tempDataDir(), mode: 'electron', version: '0.0.0-test', secrets: keychain })
    try {
      expect(await engine.dispatch('secrets.state', {}) as SecretsState).toMatchObject({ kind: 'keychain', passphraseOffered: false })
      await expect(engine.dispatch('secrets.usePassphrase', { passphrase: PASSPHRASE })).rejects.toThrow(/^The desktop app keeps passwords and keys in the OS keychain/)
    } finally {
      engine.close()
    }
  })
})
