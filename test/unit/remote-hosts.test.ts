// The renderer's logic for remote (SSH) capture hosts (renderer/src/remote-hosts.ts, behind the Pinia store of the
// Capture panel's "Where" choice): a secret passes through to the engine and is kept nowhere, and a host key seen
// for the first time leads to the trust step and a retry that names the fingerprint the user accepted.
// The engine here is a fake `call` that records requests and answers as told: acceptable ONLY for this
// renderer-logic test; the real engine's side of remote hosts is proven against OpenSSH in test/lab.
import { describe, expect, it } from 'vitest'
import type { MethodName, Params } from '../../electron/contract/methods'
import type { CaptureInterfaceInfo, RemoteHostInfo } from '../../electron/contract/types'
import { hostLabel, remoteHosts } from '../../renderer/src/remote-hosts'

const PASSWORD = 'correct horse battery staple'
const PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'
const PASSPHRASE = 'open sesame'
const FINGERPRINT = `SHA256:${'A'.repeat(43)}`
const saved: RemoteHostInfo = { id: 'h1', host: '192.0.2.10', port: 22, user: 'root', auth: 'password', remembered: false }
const eth0: CaptureInterfaceInfo = { name: 'eth0', addresses: ['192.0.2.10'], up: true, loopback: false, linkType: 'EN10MB' }

/** An error as the bridge throws it: the engine's sentence, with the host key when that is the trouble. */
function engineError(message: string, hostKey?: { firstUse: boolean }) {
  return Object.assign(new Error(message), hostKey && { hostKey: { host: '192.0.2.10', port: 22, keyType: 'ssh-ed25519', fingerprint: FINGERPRINT, ...hostKey } })
}

/** A fake engine: each method answers with what `answers` gives for its parameters; every request is recorded. */
function fakeEngine(answers: Partial<Record<MethodName, (params: never) => unknown>>) {
  const requests: { method: MethodName; params: unknown }[] = []
  const reported: unknown[] = []
  const call = (async <M extends MethodName>(method: M, params: Params<M>) => {
    requests.push({ method, params })
    const answer = answers[method]
    if (!answer) throw new Error(`unexpected ${method}`)
    return answer(params as never)
  }) as Parameters<typeof remoteHosts>[0]
  return { requests, reported, hosts: remoteHosts(call, (error) => reported.push(error)) }
}

/** Everything the logic holds, as text. */
function held(hosts: ReturnType<typeof remoteHosts>): string {
  const { hosts: list, hostId, interfaces, connecting, hostKeyQuestion } = hosts
  return JSON.stringify([list.value, hostId.value, interfaces.value, connecting.value, hostKeyQuestion.value])
}

describe('remote hosts in the renderer', () => {
  it('hands a password to the engine and keeps only what the engine answered', async () => {
    const engine = fakeEngine({ 'remote.save': () => saved })
    const info = await engine.hosts.save({ host: '192.0.2.10', port: 22, user: 'root', auth: { password: PASSWORD }, remember: true })
    expect(info).toEqual(saved)
    expect(engine.requests).toEqual([{ method: 'remote.save', params: { host: '192.0.2.10', port: 22, user: 'root', auth: { password: PASSWORD }, remember: true } }])
    expect(engine.hosts.hosts.value).toEqual([saved])
    expect(held(engine.hosts)).not.toContain(PASSWORD)
  })

  it('keeps neither a private key nor its passphrase, not even when the engine refuses them', async () => {
    const engine = fakeEngine({ 'remote.save': () => { throw engineError('The private key could not be read; paste the whole private key file.') } })
    expect(await engine.hosts.save({ host: 'kea', user: 'admin', auth: { privateKey: PRIVATE_KEY, passphrase: PASSPHRASE } })).toBeNull()
    expect(engine.reported.map(String)).toEqual(['Error: The private key could not be read; paste the whole private key file.'])
    const everything = held(engine.hosts) + engine.reported.map(String).join()
    expect(everything).not.toContain('OPENSSH PRIVATE KEY')
    expect(everything).not.toContain(PASSPHRASE)
  })

  it('asks to trust a host key seen for the first time, then retries with its fingerprint', async () => {
    const engine = fakeEngine({
      'remote.interfaces': (params: Params<'remote.interfaces'>) => {
        if (params.trustHostKey !== FINGERPRINT) throw engineError('192.0.2.10 is not a known host', { firstUse: true })
        return [eth0]
      },
    })
    expect(await engine.hosts.connect('h1')).toBeNull()
    expect(engine.hosts.hostKeyQuestion.value).toEqual({ hostId: 'h1', host: '192.0.2.10', port: 22, keyType: 'ssh-ed25519', fingerprint: FINGERPRINT })
    expect(engine.hosts.connecting.value).toBe(false)
    // Asking is not failing: nothing goes to the message bar.
    expect(engine.reported).toEqual([])

    expect(await engine.hosts.trust()).toEqual([eth0])
    expect(engine.requests.map((r) => r.params)).toEqual([{ hostId: 'h1' }, { hostId: 'h1', trustHostKey: FINGERPRINT }])
    expect(engine.hosts.hostKeyQuestion.value).toBeNull()
    expect(engine.hosts.interfaces.value).toEqual([eth0])
  })

  it('never offers to trust a changed host key: the engine\'s sentence is the message', async () => {
    const changed = engineError('The host key of 192.0.2.10 has changed (was SHA256:old…, now SHA256:new…); if that is expected, remove the old key with ssh-keygen -R.', { firstUse: false })
    const engine = fakeEngine({ 'remote.interfaces': () => { throw changed } })
    expect(await engine.hosts.connect('h1')).toBeNull()
    expect(engine.hosts.hostKeyQuestion.value).toBeNull()
    expect(await engine.hosts.trust()).toBeNull()
    expect(engine.requests).toHaveLength(1)
    expect(engine.reported).toEqual([changed])
  })

  it('reports an unreachable host in the engine\'s words', async () => {
    const unreachable = engineError('Nothing accepts SSH connections on 127.0.0.1 port 1 (connection refused); check the port and that sshd runs there.')
    const engine = fakeEngine({ 'remote.interfaces': () => { throw unreachable } })
    expect(await engine.hosts.connect('h1')).toBeNull()
    expect(engine.reported).toEqual([unreachable])
    expect(engine.hosts.interfaces.value).toBeNull()
    expect(engine.hosts.connecting.value).toBe(false)
  })

  it('drops the interfaces of a host the user left while they were on their way', async () => {
    let answerFirst!: (list: CaptureInterfaceInfo[]) => void
    const engine = fakeEngine({
      'remote.interfaces': (params: Params<'remote.interfaces'>) => (params.hostId === 'slow' ? new Promise((done) => { answerFirst = done }) : [eth0]),
    })
    const first = engine.hosts.connect('slow')
    expect(await engine.hosts.connect('h1')).toEqual([eth0])
    answerFirst([{ ...eth0, name: 'ens3' }])
    expect(await first).toBeNull()
    expect(engine.hosts.hostId.value).toBe('h1')
    expect(engine.hosts.interfaces.value).toEqual([eth0])
    expect(engine.hosts.connecting.value).toBe(false)
  })

  it('forgets the host being shown when it is deleted', async () => {
    const engine = fakeEngine({ 'remote.hosts': () => [saved], 'remote.interfaces': () => [eth0], 'remote.delete': () => null })
    await engine.hosts.load()
    await engine.hosts.connect('h1')
    await engine.hosts.remove('h1')
    expect(held(engine.hosts)).toBe(JSON.stringify([[], null, null, false, null]))
  })

  it('names a host as user@host, with the port only when it is not 22', () => {
    expect(hostLabel(saved)).toBe('root@192.0.2.10')
    expect(hostLabel({ ...saved, port: 2222 })).toBe('root@192.0.2.10:2222')
  })
})
