// The lease table against `awk` (as kea-show-leases4.sh reads a memfile) on one generated 1,000,000-line memfile:
// loading it (newest line per address wins, as Kea and that script's awk do) and filtering it, both tools giving
// the same count.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { LeaseTable } from '../../electron/engine/leases/lease-table'
import { localExists, localMemfiles } from '../../electron/engine/leases/memfile-local'
import { MemfileSource } from '../../electron/engine/leases/memfile-source'
import { writeMemfile } from '../helpers/leases'
import { FIELDKIT } from '../helpers/fieldkit'

const FILE = process.env.FIELDKIT_BENCH_MEMFILE ?? '/var/tmp/fieldkit-bench/kea-leases4-1m.csv'
const LEASES = 1_000_000

function run(command: string, args: string[]): { ms: number; stdout: string } {
  const started = performance.now()
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`)
  return { ms: performance.now() - started, stdout: result.stdout }
}

const median = (runs: { ms: number; stdout: string }[]) => runs.sort((a, b) => a.ms - b.ms)[1]

/** kea-show-leases4.sh's way: the last line of each address wins, then the state is checked. */
const awkDeclined = `BEGIN { FS = "," } NR > 1 { lease[$1] = $10 } END { for (a in lease) if (lease[a] == 1) n++; print n }`

export async function benchLeases(): Promise<void> {
  if (!existsSync(FILE)) {
    mkdirSync(dirname(FILE), { recursive: true })
    writeMemfile(FILE, LEASES)
  }
  console.log(`\nlease table: ${FILE}, ${(statSync(FILE).size / 1e6).toFixed(1)} MB, ${LEASES.toLocaleString('en')} leases`)

  const started = performance.now()
  const source = new MemfileSource('memfile bench', localMemfiles, FILE, 4, localExists)
  const table = new LeaseTable(source.name)
  for await (const batch of source.leases(4)) table.add(batch.leases)
  const loadMs = performance.now() - started
  const firstAt = performance.now()
  table.view({}, 'address', false)
  const firstViewMs = performance.now() - firstAt
  const filters = [{ state: 'declined' }, { subnetId: 3 }, { search: 'host-4242' }]
  const filtered = filters.map((filter) => {
    const at = performance.now()
    const view = table.view(filter, 'address', false)
    return { filter, ms: performance.now() - at, count: view.positions.length }
  })
  const sortAt = performance.now()
  table.view({}, 'expire', true)
  const sortMs = performance.now() - sortAt

  const cli = median([0, 1, 2].map(() => run(FIELDKIT, ['leases', '--csv', FILE, '--state', 'declined', '--csv'])))
  const cliCount = cli.stdout.split('\n').filter(Boolean).length - 1
  const awk = median([0, 1, 2].map(() => run('awk', [awkDeclined, FILE])))
  const awkCount = Number(awk.stdout.trim())

  console.log(`  app engine: load ${(loadMs / 1000).toFixed(2)} s (${Math.round(LEASES / loadMs * 1000).toLocaleString('en')} leases/s); first view (sorts by address once) ${firstViewMs.toFixed(0)} ms; sort by expiry ${sortMs.toFixed(0)} ms`)
  for (const f of filtered) console.log(`  app engine filter ${JSON.stringify(f.filter).padEnd(24)} ${f.ms.toFixed(0).padStart(5)} ms  ${f.count.toLocaleString('en')} leases`)
  console.log(`  fieldkit leases --csv FILE --state declined (whole process, median of 3)  ${(cli.ms / 1000).toFixed(2)} s  ${cliCount.toLocaleString('en')} leases`)
  console.log(`  awk, kea-show-leases4.sh style (last line per address, state 1)          ${(awk.ms / 1000).toFixed(2)} s  ${awkCount.toLocaleString('en')} leases`)
  console.log(`  ratio: fieldkit takes ${(cli.ms / awk.ms).toFixed(2)}× awk's time; an app filter once loaded is ${(awk.ms / filtered[0].ms).toFixed(0)}× faster than awk reading again; counts ${cliCount === awkCount ? 'equal' : 'DIFFER'}`)
}
