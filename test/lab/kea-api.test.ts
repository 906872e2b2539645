// The Kea API against the real Kea 2.2 of the lab: its Control Agent over HTTP, and over HTTPS with a client
// certificate and basic auth (the lab's second agent, with certificates made at lab up), the servers' unix
// sockets, and each way a connection fails, with its sentence. Through the engine's contract and the CLI.
import { execFile, execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeaCommandAnswer, KeaProfileInfo, KeaStatus, KeaTestReport } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { socketPath } from '../../electron/lab/kea-config'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { labTls } from '../../electron/lab/lab-tls'
import { controlAgentTlsUrl, controlAgentUrl, lab } from '../../electron/lab/topology'
import { tempDataDir, testEngine } from '../helpers/engine'
import { fieldkitCommand } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
let engine: Engine
let wasUp = false
const dataDir = tempDataDir()

const pems = () => ({ ca: readFileSync(labTls.ca, 'utf8'), cert: readFileSync(labTls.clientCert, 'utf8'), key: readFileSync(labTls.clientKey, 'utf8') })
/** The HTTPS agent as a user would enter it: the lab's certificates read as the page reads picked files. */
const https = (changes: Record<string, unknown> = {}) => ({ name: 'lab https', kind: 'http', url: controlAgentTlsUrl, user: lab.apiUser, password: lab.apiPassword, ...pems(), ...changes })
const test = (profile: Record<string, unknown>) => engine.dispatch('kea.test', { profile }) as Promise<KeaTestReport>

/** The built CLI with this test's data folder; resolves with its exit code and output. */
async function fieldkit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [node, cli] = fieldkitCommand()
  try {
    const { stdout, stderr } = await promisify(execFile)(node, [cli, ...args], { env: { ...process.env, FIELDKIT_DATA_DIR: dataDir }, timeout: 30000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

describe.skipIf(unavailable !== null)(`Kea API on the lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    wasUp = labStatus().up
    await labUp()
    engine = testEngine(dataDir)
  })
  afterAll(async () => {
    engine?.close()
    if (!wasUp) await labDown()
  })

  it('finds the Control Agent over plain HTTP, with the servers it forwards to and the one it has not', async () => {
    const report = await test({ name: 'lab http', kind: 'http', url: controlAgentUrl, service: 'dhcp4' })
    expect(report).toMatchObject({ ok: true, shape: 'control-agent', version: '2.2.0', problem: null, failure: null })
    expect(report.summary).toBe(`Found a Kea Control Agent 2.2.0 at ${controlAgentUrl}, forwarding to: dhcp4 up (2.2.0), dhcp6 up (2.2.0), d2 not configured.`)
    expect(report.services.map((s) => [s.service, s.state])).toEqual([['ctrl-agent', 'up'], ['dhcp4', 'up'], ['dhcp6', 'up'], ['d2', 'absent']])
    const dhcp4 = report.services.find((s) => s.service === 'dhcp4')!
    expect(dhcp4.commands).toEqual(expect.arrayContaining(['lease4-get', 'stat-lease4-get', 'dhcp-disable']))
    // The lab loads lease_cmds and stat_cmds and nothing else: the rest is reported with its library.
    expect(dhcp4.missingHooks.map((h) => h.hook)).toEqual(['subnet_cmds', 'host_cmds', 'ha'])
    expect(dhcp4.missingHooks[0]).toMatchObject({ library: 'libdhcp_subnet_cmds.so' })
  })

  it('says when the profile\'s server is one the agent does not have', async () => {
    const report = await test({ name: 'lab http', kind: 'http', url: controlAgentUrl, service: 'd2' })
    expect(report).toMatchObject({ ok: false, shape: 'control-agent', failure: 'service' })
    expect(report.problem).toBe('The Control Agent has no d2 server: its "control-sockets" have none for d2; pick another service or add that socket to the agent\'s configuration.')
  })

  it('uses the HTTPS agent with a client certificate and basic auth, as the lab\'s ready-made profile', async () => {
    const profiles = await engine.dispatch('kea.profiles', {}) as KeaProfileInfo[]
    expect(profiles[0]).toMatchObject({ id: 'lab', url: controlAgentTlsUrl, user: lab.apiUser, hasPassword: true, hasCa: true, hasClientCert: true, lab: true })
    const report = await engine.dispatch('kea.test', { profileId: 'lab' }) as KeaTestReport
    expect(report).toMatchObject({ ok: true, shape: 'control-agent', version: '2.2.0' })
    expect(report.summary).toMatch(/^Found a Kea Control Agent 2\.2\.0 at https:\/\/127\.0\.0\.1:\d+\/, forwarding to: dhcp4 up/)
  })

  it('saves an HTTPS profile from PEM text and reads each server\'s status through it', async () => {
    const info = await engine.dispatch('kea.saveProfile', https()) as KeaProfileInfo
    const status = await engine.dispatch('kea.status', { profileId: info.id }) as KeaStatus
    expect(status.shape).toBe('control-agent')
    const running = labStatus().services
    for (const service of ['dhcp4', 'dhcp6'] as const) {
      expect(status.services.find((s) => s.service === service)).toMatchObject({
        up: true, problem: null, pid: running[service].pid, version: '2.2.0', multiThreading: { enabled: false }, sockets: { status: 'ready', errors: [] }, ha: null,
      })
    }
    const agent = status.services.find((s) => s.service === 'ctrl-agent')!
    expect(agent).toMatchObject({ up: true, pid: running['ctrl-agent-tls'].pid })
    expect(agent.uptimeSeconds).toBeGreaterThanOrEqual(0)
    await engine.dispatch('kea.deleteProfile', { profileId: info.id })
  })

  it('talks to each server straight through its unix socket', async () => {
    for (const service of ['dhcp4', 'dhcp6'] as const) {
      const report = await test({ name: service, kind: 'unix', socketPath: socketPath(service) })
      expect(report).toMatchObject({ ok: true, shape: 'unix-socket', version: '2.2.0' })
      expect(report.services.map((s) => s.service)).toEqual([service])
      expect(report.summary).toBe(`Found a Kea server's local unix control socket at ${socketPath(service)}: the ${service === 'dhcp4' ? 'DHCPv4' : 'DHCPv6'} server, Kea 2.2.0.`)
    }
    const mixedUp = await test({ name: 'v6?', kind: 'unix', socketPath: socketPath('dhcp4'), service: 'dhcp6' })
    expect(mixedUp).toMatchObject({ ok: false, failure: 'service', problem: 'This is the dhcp4 server\'s socket, not dhcp6\'s: pick dhcp4 for this connection, or the dhcp6 server\'s own socket.' })
  })

  it('says a wrong password, a missing one, a dead port and a missing socket, each in its own words', async () => {
    expect(await test(https({ password: 'not-the-password' }))).toMatchObject({
      ok: false, shape: null, failure: 'auth',
      problem: `${controlAgentTlsUrl} refused the user name or password (401 Unauthorized): check them against the "authentication" clients in Kea's configuration.`,
    })
    expect((await test(https({ user: undefined, password: undefined }))).problem).toBe(`${controlAgentTlsUrl} requires a user name and password (401 Unauthorized): add them to the connection.`)
    const dead = `http://127.0.0.1:${lab.controlAgentTlsPort + 7}/`
    expect(await test({ name: 'dead', kind: 'http', url: dead })).toMatchObject({
      failure: 'refused', problem: `Nothing answers at ${dead} (connection refused): check the address and port, and that the Control Agent or the server's HTTP control socket is running.`,
    })
    // The page names only a socket the engine offers; the command line (the user's own shell) may name any path.
    const gone = join(lab.dir, 'no-such.sock')
    expect(await engine.dispatch('kea.sockets', {})).toEqual(expect.arrayContaining([expect.stringMatching(/dhcp4/), expect.stringMatching(/dhcp6/)]))
    await expect(test({ name: 'gone', kind: 'unix', socketPath: gone })).rejects.toMatchObject({ code: 'bad-input', message: `${gone} is not a Kea control socket on this machine; pick one from the list (kea.sockets).` })
    expect((await fieldkit('kea', 'test', '--socket', gone)).stdout).toContain(`There is no socket at ${gone}: check the socket-name in Kea's control-socket setting, and that the server runs.`)
    expect((await test({ name: 'plain', kind: 'http', url: `https://127.0.0.1:${lab.controlAgentPort}/` })).problem)
      .toBe(`https://127.0.0.1:${lab.controlAgentPort}/ does not speak HTTPS: use an http:// URL, or turn on TLS in the server's configuration.`)
  })

  it('says what is wrong with TLS: a CA it does not trust, a name the certificate does not list, no client certificate', async () => {
    // A CA made here, which never signed the lab's certificate.
    const elsewhere = tempDir('fieldkit-other-ca')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(elsewhere, 'key.pem'), '-subj', '/CN=Some other CA', '-days', '1', '-out', join(elsewhere, 'ca.pem')], { stdio: 'ignore' })
    const otherCa = await test(https({ ca: readFileSync(join(elsewhere, 'ca.pem'), 'utf8') }))
    expect(otherCa).toMatchObject({ failure: 'tls' })
    expect(otherCa.problem).toBe(`The certificate of ${controlAgentTlsUrl} is not signed by a CA this connection trusts (self-signed or unknown CA): add the CA certificate that signed it (the file Kea's trust-anchor names).`)
    const byName = `https://localhost:${lab.controlAgentTlsPort}/`
    expect((await test(https({ url: byName }))).problem).toBe(`The certificate of ${byName} is not valid for "localhost" (it names IP Address:127.0.0.1): connect by a name or address the certificate lists.`)
    expect((await test(https({ cert: undefined, key: undefined }))).problem).toBe(`${controlAgentTlsUrl} requires a client certificate (Kea's cert-required): add a client certificate and key signed by the CA the server trusts.`)
  })

  it('runs console commands with the result in words, the hook to load, and a confirmation for changes', async () => {
    const stats = await engine.dispatch('kea.command', { profileId: 'lab', command: 'stat-lease4-get' }) as KeaCommandAnswer
    expect(stats).toMatchObject({ command: 'stat-lease4-get', service: 'dhcp4', result: 0, meaning: 'success', hint: null })
    const subnets = await engine.dispatch('kea.command', { profileId: 'lab', command: 'subnet6-list', service: 'dhcp6' }) as KeaCommandAnswer
    expect(subnets).toMatchObject({ result: 2, meaning: 'unsupported command', text: '\'subnet6-list\' command not supported.' })
    expect(subnets.hint).toBe('"subnet6-list" comes from the subnet_cmds hook library: load libdhcp_subnet_cmds.so in the server\'s "hooks-libraries" and reload its configuration.')
    const d2 = await engine.dispatch('kea.command', { profileId: 'lab', command: 'status-get', service: 'd2' }) as KeaCommandAnswer
    expect(d2).toMatchObject({ result: 1, meaning: 'error', hint: expect.stringMatching(/^The Control Agent has no d2 server/) })
    await expect(engine.dispatch('kea.command', { profileId: 'lab', command: 'lease4-del', arguments: { 'ip-address': '192.0.2.250' } }))
      .rejects.toThrow('"lease4-del" changes the server\'s state: confirm it to send it (in the command line, add --yes).')
    const deleted = await engine.dispatch('kea.command', { profileId: 'lab', command: 'lease4-del', arguments: { 'ip-address': '192.0.2.250' }, confirmed: true }) as KeaCommandAnswer
    expect(deleted).toMatchObject({ result: 3, meaning: 'empty: nothing found or nothing affected' })
  })

  it('hides secrets in the console\'s answers to the page, as the Config tab does (the page is not trusted with them)', async () => {
    const secret = 'console-secret-7f3a'
    const address = '192.0.2.251'
    await engine.dispatch('kea.command', { profileId: 'lab', command: 'lease4-add', arguments: { 'ip-address': address, 'hw-address': '02:00:5e:30:00:51', 'user-context': { 'db-password': secret } }, confirmed: true })
    try {
      const answer = await engine.dispatch('kea.command', { profileId: 'lab', command: 'lease4-get', arguments: { 'ip-address': address } }) as KeaCommandAnswer
      expect(JSON.stringify(answer)).not.toContain(secret)
      expect(answer.arguments).toMatchObject({ 'ip-address': address, 'user-context': { 'db-password': '*****' } })
    } finally {
      await engine.dispatch('kea.command', { profileId: 'lab', command: 'lease4-del', arguments: { 'ip-address': address }, confirmed: true })
    }
  })

  it('does the same from the command line: test, status, and lease4-del only with --yes', async () => {
    const tested = await fieldkit('kea', 'test', '--profile', 'lab')
    expect(tested.code).toBe(0)
    expect(tested.stdout).toMatch(/^Found a Kea Control Agent 2\.2\.0 at https:/)
    const status = await fieldkit('kea', 'status', '--socket', socketPath('dhcp4'), '--json')
    expect(JSON.parse(status.stdout)).toMatchObject({ shape: 'unix-socket', services: [{ service: 'dhcp4', up: true, version: '2.2.0' }] })
    const refused = await fieldkit('kea', 'cmd', 'lease4-del', '--profile', 'lab', '--args', '{"ip-address": "192.0.2.250"}')
    expect(refused).toMatchObject({ code: 2, stdout: '' })
    expect(refused.stderr).toBe('fieldkit: "lease4-del" changes the server\'s state: confirm it to send it (in the command line, add --yes).\n')
    const confirmed = await fieldkit('kea', 'cmd', 'lease4-del', '--profile', 'lab', '--args', '{"ip-address": "192.0.2.250"}', '--yes', '--json')
    expect(confirmed.code).toBe(0)
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ command: 'lease4-del', result: 3 })
    const passwordFile = join(tempDir('fieldkit-kea-cli'), 'password')
    execFileSync('sh', ['-c', `printf 'wrong\\n' > ${passwordFile}`])
    const wrong = await fieldkit('kea', 'status', '--url', controlAgentTlsUrl, '--user', lab.apiUser, '--password-file', passwordFile, '--ca', labTls.ca, '--cert', labTls.clientCert, '--key', labTls.clientKey)
    expect(wrong).toMatchObject({ code: 1, stderr: `fieldkit: ${controlAgentTlsUrl} refused the user name or password (401 Unauthorized): check them against the "authentication" clients in Kea's configuration.\n` })
  })
})
