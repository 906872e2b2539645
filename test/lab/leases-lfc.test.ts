// Kea's own lease file cleanup (kea-lfc, as Kea runs it: the previous cleanup's .2 and the rotated .1 merged into
// .output, then .completed, then .2): the table read before the cleanup equals the one read after it.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Lease } from '../../electron/engine/leases/lease'
import { localExists, localMemfiles } from '../../electron/engine/leases/memfile-local'
import { MemfileSource } from '../../electron/engine/leases/memfile-source'
import { tempDir } from '../helpers/temp'

/** Kea 2.2's header, as the lab's kea-lfc writes it again (2.4's pool_id would be dropped). */
const memfileHeader4 = 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context'
const unavailable = spawnSync('which', ['kea-lfc']).status === 0 ? null : 'kea-lfc is not installed (apt-get install kea-common)'

async function table(live: string): Promise<Lease[]> {
  const leases: Lease[] = []
  for await (const batch of new MemfileSource('memfile', localMemfiles, live, 4, localExists).leases(4)) {
    expect(batch.problems).toEqual([])
    leases.push(...batch.leases)
  }
  return leases.sort((a, b) => a.address.localeCompare(b.address))
}

describe.skipIf(unavailable !== null)(`memfile before and after Kea's LFC${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('reads the same leases before kea-lfc merges the files and after', async () => {
    const dir = tempDir('lfc-real')
    const live = join(dir, 'kea-leases4.csv')
    const line = (address: string, mac: string, valid: number, expire: number, host: string) => `${address},${mac},,${valid},${expire},1,0,0,${host},0,`
    writeFileSync(`${live}.2`, [memfileHeader4,
      line('192.0.2.10', '02:00:5e:40:50:01', 600, 1800000000, 'old-ten'),
      line('192.0.2.11', '02:00:5e:40:50:02', 600, 1800000000, 'eleven')].join('\n') + '\n')
    writeFileSync(`${live}.1`, [memfileHeader4,
      line('192.0.2.10', '02:00:5e:40:50:01', 600, 1800000600, 'new-ten'),
      line('192.0.2.12', '02:00:5e:40:50:03', 600, 1800000000, 'twelve'),
      line('192.0.2.12', '02:00:5e:40:50:03', 0, 1800000000, 'twelve')].join('\n') + '\n')
    writeFileSync(live, [memfileHeader4, line('192.0.2.13', '02:00:5e:40:50:04', 600, 1800000000, 'thirteen')].join('\n') + '\n')
    writeFileSync(join(dir, 'kea.conf'), '{}\n')
    const before = await table(live)
    expect(before.map((l) => [l.address, l.hostname])).toEqual([['192.0.2.10', 'new-ten'], ['192.0.2.11', 'eleven'], ['192.0.2.13', 'thirteen']])

    execFileSync('kea-lfc', ['-4', '-p', join(dir, 'lfc.pid'), '-x', `${live}.2`, '-i', `${live}.1`, '-o', `${live}.output`, '-f', `${live}.completed`, '-c', join(dir, 'kea.conf')],
      { env: { ...process.env, KEA_LOCKFILE_DIR: dir, KEA_LOGGER_DESTINATION: join(dir, 'lfc.log') } })
    // The cleanup merged .2 and .1 into a new .2 and dropped the deleted lease.
    expect(existsSync(`${live}.1`)).toBe(false)
    expect(readFileSync(`${live}.2`, 'utf8')).not.toContain('twelve')
    expect(await table(live)).toEqual(before)
  })
})
