// A memfile read over SSH, as on a Kea server: the lab's own kea-leases4.csv through a real OpenSSH server in the
// lab's server namespace, by the command line run from the client namespace (so SSH stays inside the lab). A host
// seen for the first time is named with its fingerprint; trusted, the remote table equals the local one.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Lease, LeaseRow, LeaseSourceChoices, LeaseTableInfo } from '../../electron/contract/types'
import { sendCommand } from '../../electron/engine/kea/kea-client'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { controlAgentUrl, lab } from '../../electron/lab/topology'
import { fieldkitCommand, runFieldkit } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'
import { sshdUnavailable, startLabSshd, type LabSshd } from '../helpers/lab-sshd'
import { startClientNamespaceDriver } from '../helpers/client-namespace-driver'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable() ?? sshdUnavailable()
const memfile = `${lab.dir}/kea-leases4.csv`
/** Another port than remote capture's tests use, so both may run at once. */
const PORT = 2242
const ADDRESS = '192.0.2.247'
const MAC = '02:00:5e:40:30:01'
/** Added while the engine follows the file over SSH. */
const FOLLOWED = '192.0.2.248'
const agent = { kind: 'http' as const, url: controlAgentUrl }

describe.skipIf(unavailable !== null)(`a memfile over SSH${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let sshd: LabSshd
  let wasUp = false
  const dataDir = tempDir('fieldkit-leases-ssh')
  beforeAll(async () => {
    wasUp = labStatus().up
    await labUp()
    sshd = await startLabSshd(PORT)
    await sendCommand(agent, { command: 'lease4-del', service: 'dhcp4', arguments: { 'ip-address': ADDRESS } })
    const added = await sendCommand(agent, { command: 'lease4-add', service: 'dhcp4', arguments: { 'ip-address': ADDRESS, 'hw-address': MAC, hostname: 'over-ssh', 'subnet-id': 1 } })
    expect(added.result, added.text).toBe(0)
  }, 60_000)
  afterAll(async () => {
    if (unavailable) return
    for (const address of [ADDRESS, FOLLOWED]) await sendCommand(agent, { command: 'lease4-del', service: 'dhcp4', arguments: { 'ip-address': address } })
    await sshd?.stop()
    if (!wasUp) await labDown()
  })

  function leasesOverSsh(path: string, ...extra: string[]) {
    const [node, cli] = fieldkitCommand()
    return promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, node, cli, 'leases', '--ssh', `root@${sshd.host}:${PORT}`, '--identity', join(sshd.dir, 'client'), '--csv', path, ...extra],
      { env: { ...process.env, FIELDKIT_DATA_DIR: dataDir }, timeout: 40_000 }).then((done) => ({ code: 0, ...done }), (error: { code: number; stdout: string; stderr: string }) => error)
  }

  it('names a new host\'s fingerprint, then reads the memfile as the local reading does', async () => {
    const first = await leasesOverSsh(memfile, '--json')
    expect(first.code).toBe(2)
    const fingerprint = /--trust-host-key (SHA256:\S+)/.exec(first.stderr)?.[1]
    expect(fingerprint, first.stderr).toBeDefined()

    const remote = await leasesOverSsh(memfile, '--mac', MAC, '--json', '--trust-host-key', fingerprint!)
    expect(remote.stderr).toBe('')
    const local = runFieldkit(['leases', '--csv', memfile, '--mac', MAC, '--json'])
    const withoutSource = ({ source: _source, ...lease }: Lease) => lease
    const remoteLeases = JSON.parse(remote.stdout) as Lease[]
    expect(remoteLeases.map(withoutSource)).toEqual((JSON.parse(local.stdout) as Lease[]).map(withoutSource))
    expect(remoteLeases).toEqual([expect.objectContaining({ address: ADDRESS, hostname: 'over-ssh', source: `memfile root@${sshd.host}:${memfile}` })])

    // Known now: no trust needed again. A path that is not there says so.
    const missing = await leasesOverSsh('/var/lib/kea/none.csv')
    expect(missing).toMatchObject({ code: 2, stderr: `fieldkit: --csv /var/lib/kea/none.csv: there is no such file on ${sshd.host} (or it may not be read); check the path.\n` })
  }, 90_000)

  it('the engine: a saved host\'s memfiles, its key trusted on first use, the table followed with tail -F', async () => {
    await sendCommand(agent, { command: 'lease4-del', service: 'dhcp4', arguments: { 'ip-address': FOLLOWED } })
    const { process: driver, arrived, exited } = startClientNamespaceDriver('./remote-lease-driver.ts', { host: sshd.host, port: PORT, privateKey: sshd.clientKey, dataDir: tempDir('fieldkit-leases-ssh-engine'), path: memfile })
    expect(await arrived('first-use')).toMatchObject({ code: 'bad-input', hostKey: { firstUse: true, fingerprint: expect.stringMatching(/^SHA256:/) } })
    expect(await arrived('memfiles')).toEqual(expect.arrayContaining([{ memfileId: expect.stringMatching(/^[\da-f]{16}$/), path: memfile, family: 4 }] as LeaseSourceChoices['memfiles']))
    expect(await arrived('loaded')).toMatchObject({ kind: 'memfile', name: `memfile root@${sshd.host}:${memfile}`, loading: false, following: true, error: null } satisfies Partial<LeaseTableInfo>)
    const added = await sendCommand(agent, { command: 'lease4-add', service: 'dhcp4', arguments: { 'ip-address': FOLLOWED, 'hw-address': '02:00:5e:40:30:02', hostname: 'followed-over-ssh', 'subnet-id': 1 } })
    expect(added.result, added.text).toBe(0)
    driver.stdin.end(`${FOLLOWED}\n`)
    expect(await arrived('followed')).toMatchObject({ address: FOLLOWED, hwAddress: '02:00:5e:40:30:02', hostname: 'followed-over-ssh' } satisfies Partial<LeaseRow>)
    expect(await exited).toBe(0)
  }, 90_000)
})
