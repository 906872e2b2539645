// Remote capture against a real OpenSSH server in the lab's server namespace, driven from the client namespace:
// the DHCP exchange of the system dhclient arrives over SSH and decodes; host keys, logins and remote failures
// give their sentences.
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labUp, labStatus } from '../../electron/lab/lab'
import type { Dhcp4Message } from '../../electron/engine/decode/types'
import type { SshTarget } from '../../electron/engine/live/ssh-connect'
import type { DriverEvent, DriverRequest } from '../helpers/ssh-capture-driver'
import { decodeFile } from '../helpers/corpus'
import { labDora, labUnavailable } from '../helpers/lab'
import { runSshDriver, sshdUnavailable, startLabSshd, type LabSshd } from '../helpers/lab-sshd'
import { tempDir } from '../helpers/temp'

const run = promisify(execFile)
const unavailable = labUnavailable() ?? sshdUnavailable()
const work = tempDir('fieldkit-ssh-test')
const dhcpFilter = 'udp port 67 or udp port 68'
let sshd: LabSshd
let hostFingerprint: string

type End = Extract<DriverEvent, { event: 'end' }>
const endOf = async (request: DriverRequest) => (await runSshDriver(request).ended).at(-1) as End

function target(overrides: Partial<SshTarget> = {}): SshTarget {
  return { host: sshd.host, port: sshd.port, user: 'root', auth: { privateKey: sshd.clientKey }, ...overrides }
}

/** A known_hosts file that already trusts the lab's sshd, as `ssh-keyscan`-style OpenSSH writes it. */
function trustingKnownHosts(): string {
  const file = join(tempDir('fieldkit-known'), 'known_hosts')
  const [type, key] = readFileSync(sshd.hostPublicKeyFile, 'utf8').split(' ')
  writeFileSync(file, `[${sshd.host}]:${sshd.port},[${sshd.host}]:${sshd.toolFreePort} ${type} ${key}\n`)
  return file
}

describe.skipIf(unavailable !== null)(`Remote capture over SSH${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    await labUp()
    sshd = await startLabSshd()
    hostFingerprint = execFileSync('ssh-keygen', ['-lf', sshd.hostPublicKeyFile], { encoding: 'utf8' }).split(' ')[1]
  })
  afterAll(async () => {
    await sshd?.stop()
  })

  it('asks before trusting a new host, with the fingerprint ssh-keygen shows, and records it when trusted', async () => {
    const knownHostsFile = join(work, 'first-use-known_hosts')
    const first = await endOf({ action: 'list', target: target(), options: { knownHostsFile } })
    expect(first.error).toMatchObject({ code: 'host-key', hostKey: { firstUse: true, fingerprint: hostFingerprint, keyType: 'ssh-ed25519', host: sshd.host, port: sshd.port } })
    expect(first.error!.message).toContain(hostFingerprint)

    const trusted = await runSshDriver({ action: 'list', target: target(), options: { knownHostsFile, trustHostKey: hostFingerprint } }).ended
    expect(trusted.at(-1)).toEqual({ event: 'end', error: null })
    const listed = trusted.find((e) => e.event === 'interfaces')
    expect(listed).toMatchObject({ interfaces: expect.arrayContaining([expect.objectContaining({ name: labStatus().serverInterface, addresses: expect.arrayContaining([sshd.host]), up: true, linkType: 'EN10MB' })]) })
    // OpenSSH's own tools read the line the engine wrote.
    const { stdout } = await run('ssh-keygen', ['-F', `[${sshd.host}]:${sshd.port}`, '-f', knownHostsFile])
    expect(stdout).toContain(`[${sshd.host}]:${sshd.port} ssh-ed25519 `)
  })

  it('captures the DORA of dhclient remotely: the bytes arrive over SSH and decode, with counters', async () => {
    const out = join(work, 'remote.pcap')
    const capture = runSshDriver({ action: 'capture', target: target(), options: { knownHostsFile: trustingKnownHosts() }, capture: { iface: labStatus().serverInterface, filter: dhcpFilter }, out })
    await capture.next('data-started')
    await capture.next('counters')
    await labDora(tempDir('fieldkit-ssh-dhclient'), 'dhclient')
    // The counters tick while capturing: wait for one that has seen the exchange, then stop.
    await new Promise((r) => setTimeout(r, 1500))
    capture.stop()
    const events = await capture.ended
    expect(events.at(-1)).toEqual({ event: 'end', error: null })

    const dhcp = decodeFile(out).map((p) => p.decoded).filter((d) => d.dhcp?.family === 4)
    expect(dhcp.every((m) => !m.malformed)).toBe(true)
    expect(dhcp.map((m) => (m.dhcp as Dhcp4Message).type).slice(0, 4)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
    const counters = events.filter((e) => e.event === 'counters')
    expect(counters.length).toBeGreaterThan(1)
    expect(counters.at(-1)).toMatchObject({ received: dhcp.length, kernelDropped: 0, interfaceDropped: 0 })
  })

  it('says the server refused the key, for a key it does not know', async () => {
    const end = await endOf({ action: 'list', target: target({ auth: { privateKey: sshd.strangerKey } }), options: { knownHostsFile: trustingKnownHosts() } })
    expect(end.error).toEqual({ code: 'auth', message: `The server ${sshd.host} refused the key for user root; add its public key to ~root/.ssh/authorized_keys there, or check the user name.` })
  })

  it('refuses a changed host key, naming both fingerprints and the fix, even when told to trust the new one', async () => {
    const knownHostsFile = join(work, 'changed-known_hosts')
    const impostor = join(tempDir('fieldkit-impostor'), 'key')
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', impostor])
    const [type, key] = readFileSync(`${impostor}.pub`, 'utf8').split(' ')
    writeFileSync(knownHostsFile, `[${sshd.host}]:${sshd.port} ${type} ${key}\n`)
    const oldFingerprint = execFileSync('ssh-keygen', ['-lf', `${impostor}.pub`], { encoding: 'utf8' }).split(' ')[1]

    // Even with the new key "trusted", a mismatch is never passed.
    const end = await endOf({ action: 'capture', target: target(), options: { knownHostsFile, trustHostKey: hostFingerprint }, capture: { iface: labStatus().serverInterface, filter: dhcpFilter }, out: join(work, 'never.pcap') })
    expect(end.error).toMatchObject({ code: 'host-key', hostKey: { firstUse: false, fingerprint: hostFingerprint, knownFingerprints: [oldFingerprint] } })
    expect(end.error!.message).toBe(`The host key of [${sshd.host}]:${sshd.port} has changed: it was ${oldFingerprint}, the server now shows ${hostFingerprint} (ssh-ed25519). ` +
      `This can be an attack; if the change is expected (the server was reinstalled), remove the old line with ssh-keygen -R '[${sshd.host}]:${sshd.port}' -f '${knownHostsFile}', then connect again.`)
    expect(readFileSync(knownHostsFile, 'utf8')).toBe(`[${sshd.host}]:${sshd.port} ${type} ${key}\n`)
  })

  it('says nothing accepts connections on a closed port', async () => {
    const end = await endOf({ action: 'list', target: target({ port: 2299 }), options: { knownHostsFile: trustingKnownHosts() } })
    expect(end.error).toEqual({ code: 'unreachable', message: `Nothing accepts SSH connections on ${sshd.host} port 2299 (connection refused); check the port and that sshd runs there.` })
  })

  it('says which package to install on a host without tcpdump or dumpcap', async () => {
    const end = await endOf({ action: 'capture', target: target({ port: sshd.toolFreePort }), options: { knownHostsFile: trustingKnownHosts() }, capture: { iface: labStatus().serverInterface, filter: dhcpFilter }, out: join(work, 'no-tool.pcap') })
    expect(end.error).toEqual({ code: 'no-tool', message: `Neither tcpdump nor dumpcap is installed on ${sshd.host} (or in the PATH of root); install the tcpdump package there (apt-get install tcpdump, or dnf install tcpdump).` })
  })

  it('passes on the remote tcpdump\'s words for a bad filter and a missing interface', async () => {
    const options = { knownHostsFile: trustingKnownHosts() }
    const badFilter = await endOf({ action: 'capture', target: target(), options, capture: { iface: labStatus().serverInterface, filter: 'udp port ((' }, out: join(work, 'bad-filter.pcap') })
    expect(badFilter.error).toMatchObject({ code: 'bad-filter', message: expect.stringMatching(/^The capture filter "udp port \(\(" is not valid on 192\.0\.2\.1: .*syntax error\.$/) })
    const noInterface = await endOf({ action: 'capture', target: target(), options, capture: { iface: 'nosuch0', filter: dhcpFilter }, out: join(work, 'no-interface.pcap') })
    expect(noInterface.error).toEqual({ code: 'no-interface', message: `${sshd.host} has no interface named "nosuch0"; pick one from its interface list.` })
  })
})
