// A real Kea DHCPv4 server without lease_cmds (started here, on a unix socket of its own, serving no interface):
// reading its leases says which hook to load, in the API source, in the table and in the command line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiLeaseSource } from '../../electron/engine/leases/api-source'
import { runFieldkit } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const unavailable = spawnSync('which', ['kea-dhcp4']).status === 0 ? null : 'kea-dhcp4 is not installed'
const dir = tempDir('kea-no-hooks')
const socket = join(dir, 'kea4.sock')
const sentence = '"lease4-get-page" comes from the lease_cmds hook library: load libdhcp_lease_cmds.so in the server\'s "hooks-libraries" and reload its configuration.'

describe.skipIf(unavailable !== null)(`leases from a Kea without lease_cmds${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let kea: ChildProcess
  beforeAll(async () => {
    writeFileSync(join(dir, 'kea4.json'), JSON.stringify({
      Dhcp4: {
        'interfaces-config': { interfaces: [] }, 'control-socket': { 'socket-type': 'unix', 'socket-name': socket },
        'lease-database': { type: 'memfile', persist: false }, subnet4: [],
        loggers: [{ name: 'kea-dhcp4', output_options: [{ output: join(dir, 'kea.log') }], severity: 'WARN' }],
      },
    }))
    kea = spawn('kea-dhcp4', ['-c', join(dir, 'kea4.json')], { env: { ...process.env, KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir }, stdio: 'ignore' })
    for (let i = 0; i < 100 && !existsSync(socket); i++) await sleep(100)
  })
  afterAll(async () => {
    if (!kea || kea.exitCode !== null) return
    kea.kill('SIGTERM')
    await new Promise((done) => kea.once('exit', done))
  })

  it('says to load libdhcp_lease_cmds.so', async () => {
    const source = new ApiLeaseSource('api test', { kind: 'unix', socketPath: socket }, { 4: 'dhcp4' })
    const reading = (async () => {
      for await (const batch of source.leases(4)) void batch
    })()
    await expect(reading).rejects.toThrow(sentence)
    expect(runFieldkit(['leases', '--socket', socket])).toMatchObject({ code: 1, stderr: `fieldkit: ${sentence}\n` })
  })
})
