// `fieldkit leases` on memfiles, as the built command line runs: a trailing --csv asks for CSV, --csv FILE names the
// input, filters combine, and a foreign file or a missing source fails in one sentence.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Lease } from '../../electron/engine/leases/lease'
import { runFieldkit } from '../helpers/fieldkit'
import { writeMemfile } from '../helpers/leases'
import { tempDir } from '../helpers/temp'

describe('fieldkit leases', () => {
  const dir = tempDir('leases-cli')
  const memfile = join(dir, 'kea-leases4.csv')
  writeMemfile(memfile, 200, undefined, 1_800_000_000)

  it('filters a memfile by state and subnet and prints JSON or CSV', () => {
    const json = runFieldkit(['leases', '--csv', memfile, '--state', 'declined', '--subnet', '3', '--json'])
    expect(json.code).toBe(0)
    expect((JSON.parse(json.stdout) as Lease[]).map((l) => l.address)).toEqual(['10.0.0.50', '10.0.0.150'])
    const csv = runFieldkit(['leases', '--csv', memfile, '--mac', '02:00:5e:40:00:07', '--csv'])
    expect(csv.stdout).toBe('address,hw_address,client_id,hostname,subnet_id,valid_lifetime,start,expire,state,type,iaid,prefix_length,source\n'
      + '10.0.0.7,02:00:5e:40:00:07,,host-7,4,3600,2027-01-15T07:00:07.000Z,2027-01-15T08:00:07.000Z,expired-reclaimed,,,,memfile kea-leases4.csv\n')
    const table = runFieldkit(['leases', '--csv', memfile, '--address', '10.0.0.1'])
    expect(table.stdout.split('\n')[1]).toMatch(/^10\.0\.0\.1 +02:00:5e:40:00:01 +- +host-1 +2 +3600 +2027-01-15 08:00:01 +(\d+d \d+h|expired .* ago) +default +memfile kea-leases4.csv$/)
    expect(table.stderr).toBe('1 lease\n')
  })

  it('refuses a foreign CSV and a command without one source, in one sentence each', () => {
    const foreign = join(dir, 'people.csv')
    writeFileSync(foreign, 'name,email\n')
    expect(runFieldkit(['leases', '--csv', foreign])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^fieldkit: .*people\.csv is not a Kea memfile lease file: .*\n$/) })
    expect(runFieldkit(['leases', '--mac', '02:00:5e:40:00:01'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fieldkit: name exactly one source/) })
    expect(runFieldkit(['leases', '--csv', memfile, '--mac', 'nope'])).toMatchObject({ code: 2, stderr: 'fieldkit: --mac takes a MAC address such as 02:00:5e:40:00:01, not "nope".\n' })
  })
})
