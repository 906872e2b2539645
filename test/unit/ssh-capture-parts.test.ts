// The SSH capture's parts that need no server, against OpenSSH's own tools and real command output:
// fingerprints and known_hosts as ssh-keygen reads and writes them, private key problems, tcpdump/dumpcap
// counters, `ip` listings, saved hosts and the in-memory secret store.
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fingerprintOf, knownKeysFor, recordHostKey, hostKeyFromBlob } from '../../electron/engine/live/known-hosts'
import { connectSsh } from '../../electron/engine/live/ssh-connect'
import { CaptureToolStats } from '../../electron/engine/live/capture-tool-stats'
import { parseInterfaceListing } from '../../electron/engine/live/ssh-interfaces'
import { remoteCaptureError } from '../../electron/engine/live/ssh-errors'
import { deleteSshTarget, loadSshTargets, saveSshTarget } from '../../electron/engine/live/ssh-targets'
import { MemorySecretStore } from '../../electron/engine/secrets/secret-store'
import type { CaptureCounters } from '../../electron/engine/live/source'
import { tempDir } from '../helpers/temp'

const work = tempDir('fieldkit-ssh-parts')

function keyPair(type: string, passphrase = ''): { file: string; type: string; blob: Buffer } {
  const file = join(tempDir('fieldkit-key'), 'key')
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-f', file])
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ')
  return { file, type: keyType, blob: Buffer.from(base64, 'base64') }
}

describe('host keys', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'])('a %s fingerprint reads as ssh-keygen -lf prints it', (type) => {
    const key = keyPair(type)
    expect(fingerprintOf(key.blob)).toBe(execFileSync('ssh-keygen', ['-lf', `${key.file}.pub`], { encoding: 'utf8' }).split(' ')[1])
    expect(hostKeyFromBlob(key.blob).keyType).toBe(key.type)
  })

  it('records lines ssh-keygen finds, and finds lines ssh-keygen hashed', () => {
    const file = join(work, 'known_hosts')
    const a = keyPair('ed25519')
    const b = keyPair('ecdsa')
    recordHostKey(file, 'Kea.Example.test', 22, hostKeyFromBlob(a.blob))
    recordHostKey(file, '192.0.2.1', 2222, hostKeyFromBlob(b.blob))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(execFileSync('ssh-keygen', ['-F', '[192.0.2.1]:2222', '-f', file], { encoding: 'utf8' })).toContain(b.blob.toString('base64'))
    expect(execFileSync('ssh-keygen', ['-F', 'kea.example.test', '-f', file], { encoding: 'utf8' })).toContain(a.blob.toString('base64'))

    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' })
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/)
    expect(knownKeysFor(file, 'kea.example.test', 22).map((k) => k.fingerprint)).toEqual([fingerprintOf(a.blob)])
    expect(knownKeysFor(file, '192.0.2.1', 2222).map((k) => k.fingerprint)).toEqual([fingerprintOf(b.blob)])
    expect(knownKeysFor(file, '192.0.2.1', 22)).toEqual([])
  })

  it('reads name lists, wildcards and negations, and skips markers, comments and damaged lines', () => {
    const file = join(work, 'patterns')
    const key = keyPair('ed25519')
    const line = (names: string, marker = '') => `${marker}${names} ${key.type} ${key.blob.toString('base64')}`
    writeFileSync(file, [
      '# a comment', line('*.lab.test,!bad.lab.test'), line('[10.0.0.1]:2200'), line('revoked.test', '@revoked '),
      `damaged.test ${key.type} AAAA`, line('other.test'),
    ].join('\n'))
    expect(knownKeysFor(file, 'good.lab.test', 22)).toHaveLength(1)
    expect(knownKeysFor(file, 'bad.lab.test', 22)).toHaveLength(0)
    expect(knownKeysFor(file, '10.0.0.1', 2200)).toHaveLength(1)
    expect(knownKeysFor(file, 'revoked.test', 22)).toHaveLength(0)
    expect(knownKeysFor(file, 'damaged.test', 22)).toHaveLength(0)
    // Appending keeps the last line intact when the file did not end with a newline.
    recordHostKey(file, 'new.test', 22, hostKeyFromBlob(key.blob))
    expect(knownKeysFor(file, 'other.test', 22)).toHaveLength(1)
    expect(knownKeysFor(file, 'new.test', 22)).toHaveLength(1)
  })
})

describe('private keys', () => {
  const knownHostsFile = join(work, 'unused-known_hosts')
  const target = (auth: { privateKey: string; passphrase?: string }) => ({ host: '127.0.0.1', port: 1, user: 'root', auth })

  it('asks for the passphrase of an encrypted key, and says when it is wrong, before connecting', async () => {
    const key = readFileSync(keyPair('ed25519', 'correct horse').file, 'utf8')
    await expect(connectSsh(target({ privateKey: key }), { knownHostsFile })).rejects.toMatchObject({ code: 'auth', message: 'The private key is encrypted; enter its passphrase.' })
    await expect(connectSsh(target({ privateKey: key, passphrase: 'wrong' }), { knownHostsFile })).rejects.toMatchObject({ code: 'auth', message: 'The passphrase does not unlock the private key; check it and try again.' })
  })

  it('says a public key is not the private key, without quoting it', async () => {
    const publicKey = readFileSync(`${keyPair('ed25519').file}.pub`, 'utf8')
    const error = await connectSsh(target({ privateKey: publicKey }), { knownHostsFile }).catch((e: Error) => e)
    expect(error).toMatchObject({ code: 'auth', message: 'The private key could not be read; paste the whole private key file (OpenSSH, PEM or PuTTY format), not the public key.' })
    expect((error as Error).message).not.toContain(publicKey.split(' ')[1].slice(0, 20))
  })
})

describe('remote tool output', () => {
  // Printed by tcpdump 4.99 and dumpcap 4.0 (Debian 12) at the end and, for tcpdump, on SIGUSR1.
  const read = (lines: string[]) => {
    const seen: CaptureCounters[] = []
    const stats = new CaptureToolStats((c) => seen.push(c))
    for (const line of lines) stats.line(line)
    return seen
  }

  it('reads tcpdump\'s and dumpcap\'s counters', () => {
    expect(read(['tcpdump: 3 packets captured, 5 packets received by filter, 1 packet dropped by kernel'])).toEqual([{ received: 5, kernelDropped: 1, interfaceDropped: 0 }])
    expect(read(['tcpdump: listening on fklab-s0, link-type EN10MB (Ethernet), snapshot length 262144 bytes', '6 packets captured', '6 packets received by filter', '0 packets dropped by kernel', '2 packets dropped by interface']).at(-1))
      .toEqual({ received: 6, kernelDropped: 0, interfaceDropped: 2 })
    expect(read(["Packets received/dropped on interface 'Loopback: lo': 10/3 (pcap:1/dumpcap:1/flushed:1/ps_ifdrop:4) (76.9%)"])).toEqual([{ received: 10, kernelDropped: 3, interfaceDropped: 4 }])
  })

  it('sorts the remote\'s complaints into errors in words', () => {
    const place = { host: 'kea1', port: 22, user: 'ops' }
    const request = { iface: 'eth9', filter: 'udp port ((' }
    expect(remoteCaptureError('fieldkit-pid=41\ntcpdump: eth0: You don\'t have permission to perform this capture on that device\n(socket: Operation not permitted)\n', 1, place, request))
      .toMatchObject({ code: 'no-rights', message: 'User ops may not capture on kea1 (eth0: You don\'t have permission to perform this capture on that device); connect as root, or give tcpdump capture rights there (setcap cap_net_raw,cap_net_admin+eip on it) or passwordless sudo for tcpdump.' })
    expect(remoteCaptureError('sudo: a password is required\n', 1, place, request)).toMatchObject({ code: 'no-rights' })
    expect(remoteCaptureError('tcpdump: can\'t parse filter expression: syntax error\n', 1, place, request))
      .toMatchObject({ code: 'bad-filter', message: 'The capture filter "udp port ((" is not valid on kea1: can\'t parse filter expression: syntax error.' })
    expect(remoteCaptureError('Capturing on \'lo\'\ndumpcap: Invalid capture filter "udp port ((" for interface \'lo\'.\n\nThat string isn\'t a valid capture filter (can\'t parse filter expression: syntax error).\nSee the User\'s Guide for a description of the capture filter syntax.\n', 1, place, request))
      .toMatchObject({ code: 'bad-filter', message: 'The capture filter "udp port ((" is not valid on kea1: That string isn\'t a valid capture filter (can\'t parse filter expression: syntax error).' })
    expect(remoteCaptureError('tcpdump: eth9: No such device exists\n(No such device exists)\n', 1, place, request)).toMatchObject({ code: 'no-interface' })
  })

  it('lists this machine\'s interfaces from ip\'s own output', () => {
    const listing = `## link\n${execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })}## addr\n${execFileSync('ip', ['-o', 'addr', 'show'], { encoding: 'utf8' })}## pcap\n` +
      '1.eth0 [Up, Running, Connected]\n5.any (Pseudo-device that captures on all interfaces) [Up, Running]\n8.nflog (Linux netfilter log (NFLOG) interface) [none]\n'
    const interfaces = parseInterfaceListing(listing)
    expect(interfaces.find((i) => i.name === 'lo')).toMatchObject({ up: true, loopback: true, linkType: 'EN10MB', addresses: expect.arrayContaining(['127.0.0.1']) })
    expect(interfaces.find((i) => i.name === 'any')).toMatchObject({ up: true, linkType: 'LINUX_SLL2', description: 'Pseudo-device that captures on all interfaces' })
    expect(interfaces.find((i) => i.name === 'nflog')).toMatchObject({ up: false, description: 'Linux netfilter log (NFLOG) interface' })
  })
})

describe('saved hosts and secrets', () => {
  it('keeps saved hosts without secrets, and refuses a damaged file with a sentence', () => {
    const file = join(tempDir('fieldkit-targets'), 'ssh-targets.json')
    expect(loadSshTargets(file)).toEqual([])
    const kea = { id: 'kea1', host: 'kea1.example.test', port: 22, user: 'ops', auth: 'key' as const, secretId: 'ssh-key:kea1' }
    saveSshTarget(file, kea)
    saveSshTarget(file, { ...kea, port: 2222 })
    expect(loadSshTargets(file)).toEqual([{ ...kea, port: 2222, remembered: false }])
    expect(statSync(file).mode & 0o777).toBe(0o600)
    deleteSshTarget(file, 'kea1')
    expect(loadSshTargets(file)).toEqual([])
    writeFileSync(file, '{not json')
    expect(() => loadSshTargets(file)).toThrow(`The saved SSH hosts in ${file} are damaged; remove the file and add the hosts again.`)
  })

  it('keeps secrets in memory only', async () => {
    const store = new MemorySecretStore()
    expect(store.persistent).toBe(false)
    await store.set('ssh-key:kea1', 'secret text')
    expect(await store.get('ssh-key:kea1')).toBe('secret text')
    await store.delete('ssh-key:kea1')
    expect(await store.get('ssh-key:kea1')).toBeUndefined()
  })
})
