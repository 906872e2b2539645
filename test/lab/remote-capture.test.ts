// Remote capture as the user drives it, on a real OpenSSH server in the lab's server namespace: the command line's
// `capture --ssh` and the engine's contract (remote.save, remote.interfaces, capture.start with remote), both run
// from the client namespace so that SSH stays inside the lab. dhclient's DORA arrives and decodes.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaptureInfo } from '../../electron/contract/types'
import { labDown, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { fieldkitCommand } from '../helpers/fieldkit'
import { labDora, labUnavailable } from '../helpers/lab'
import { sshdUnavailable, startLabSshd, type LabSshd } from '../helpers/lab-sshd'
import { startClientNamespaceDriver } from '../helpers/client-namespace-driver'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable() ?? sshdUnavailable()
const work = tempDir('fieldkit-remote')

describe.skipIf(unavailable !== null)(`remote capture from the command line and the engine${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let sshd: LabSshd
  beforeAll(async () => {
    await labUp()
    sshd = await startLabSshd()
  })
  afterAll(async () => {
    await sshd?.stop()
    await labDown()
  })

  /** The CLI in the client namespace, with its own data folder (its known_hosts). */
  function fieldkitInLab(args: string[], dataDir: string) {
    const [node, cli] = fieldkitCommand()
    return promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, node, cli, 'capture', '--ssh', `root@${sshd.host}:${sshd.port}`, '--identity', join(sshd.dir, 'client'), ...args],
      { env: { ...process.env, FIELDKIT_DATA_DIR: dataDir }, timeout: 40000 }).then((done) => ({ code: 0, ...done }), (error: { code: number; stdout: string; stderr: string }) => error)
  }

  it('capture --ssh: a new host is named with its fingerprint and how to trust it; trusted, the DORA comes over SSH', async () => {
    const dataDir = tempDir('fieldkit-remote-cli')
    const first = await fieldkitInLab(['--list'], dataDir)
    expect(first.code).toBe(2)
    const fingerprint = /--trust-host-key (SHA256:\S+)/.exec(first.stderr)?.[1]
    expect(fingerprint, first.stderr).toBeTruthy()
    const listed = await fieldkitInLab(['--list', '--json', '--trust-host-key', fingerprint!], dataDir)
    expect(JSON.parse(listed.stdout).interfaces.map((i: { name: string }) => i.name)).toContain(lab.serverInterface)

    const captured = fieldkitInLab(['--iface', lab.serverInterface, '--filter', 'udp port 67 or udp port 68', '--count', '4', '--json'], dataDir)
    await sleep(2500)
    await labDora(work, 'cli')
    const { code, stdout, stderr } = await captured
    expect(code, stderr).toBe(0)
    expect(stdout.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
    expect(JSON.parse(stderr)).toMatchObject({ packets: 4, counters: { kernelDropped: 0 } })
  })

  it('the engine: a saved host, its key trusted on first use, a remote capture in a session', async () => {
    const { process: driver, arrived } = startClientNamespaceDriver('./remote-engine-driver.ts', { host: sshd.host, port: sshd.port, privateKey: sshd.clientKey, iface: lab.serverInterface, dataDir: tempDir('fieldkit-remote-engine') })
    expect(await arrived('saved')).toMatchObject({ host: sshd.host, user: 'root', auth: 'key', remembered: false })
    expect(await arrived('first-use')).toMatchObject({ code: 'bad-input', hostKey: { firstUse: true, keyType: 'ssh-ed25519', fingerprint: expect.stringMatching(/^SHA256:/) } })
    expect(await arrived('interfaces')).toEqual(expect.arrayContaining([expect.objectContaining({ name: lab.serverInterface })]))
    expect(await arrived('started')).toMatchObject({ status: 'capturing', live: { backend: 'ssh', host: `root@${sshd.host}`, iface: lab.serverInterface } })
    await sleep(2500)
    await labDora(work, 'engine')
    driver.stdin.end('dhclient done\n')
    const stopped = await arrived('stopped') as CaptureInfo
    expect(stopped).toMatchObject({ status: 'ready', error: null })
    expect(stopped.packetCount).toBeGreaterThanOrEqual(4)
    expect(stopped.live!.counters).toMatchObject({ kernelDropped: 0 })
  })
})
