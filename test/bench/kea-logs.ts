// A 1,000,000-line Kea log (default pattern, DORAs of 50,000 clients with a pool running dry now and then) read
// into the engine, then filtered, against `grep -c` on the same file in the same run, both giving the same count.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import type { LogQuery } from '../../electron/contract/types'
import { lineReader } from '../../electron/engine/logs/line-formats'
import { LogLines } from '../../electron/engine/logs/log-lines'
import { filterLines } from '../../electron/engine/logs/log-query'
import { TextLines } from '../../electron/engine/logs/text-lines'

const FILE = process.env.FIELDKIT_BENCH_LOG ?? '/var/tmp/fieldkit-bench/kea-dhcp4-1m.log'
const LINES = 1_000_000

function writeLog(path: string): void {
  const fd = openSync(path, 'w')
  const start = Date.UTC(2026, 10, 30, 8, 0, 0)
  const two = (n: number) => String(n).padStart(2, '0')
  let chunk: string[] = []
  for (let n = 0, k = 0; n < LINES; k++) {
    const at = new Date(start + k * 20)
    const time = `${at.getUTCFullYear()}-${two(at.getUTCMonth() + 1)}-${two(at.getUTCDate())} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}.${String(at.getUTCMilliseconds()).padStart(3, '0')}`
    const c = k % 50_000
    const client = `[hwtype=1 02:00:5e:${two((c >> 16) & 255).padStart(2, '0')}:${(c >> 8 & 255).toString(16).padStart(2, '0')}:${(c & 255).toString(16).padStart(2, '0')}], cid=[no info], tid=0x${(0x10000000 + k).toString(16)}`
    const prefix = (severity: string, logger: string) => `${time} ${severity.padEnd(5)} [kea-dhcp4.${logger}/4242.139872400578240] `
    const address = `10.${(c >> 16) & 255}.${(c >> 8) & 255}.${c & 255}`
    if (k % 97 === 0) {
      chunk.push(`${prefix('WARN', 'alloc-engine')}ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET ${client}: failed to allocate an IPv4 lease in the subnet 10.0.0.0/8, subnet-id 1, shared network (none)`)
      n++
      continue
    }
    chunk.push(
      `${prefix('INFO', 'packets')}DHCP4_PACKET_RECEIVED ${client}: DHCPDISCOVER (type 1) received from 0.0.0.0 to 255.255.255.255 on interface eth0`,
      `${prefix('INFO', 'leases')}DHCP4_LEASE_OFFER ${client}: lease ${address} will be offered`,
      `${prefix('INFO', 'packets')}DHCP4_PACKET_RECEIVED ${client}: DHCPREQUEST (type 3) received from 0.0.0.0 to 255.255.255.255 on interface eth0`,
      `${prefix('INFO', 'leases')}DHCP4_LEASE_ALLOC ${client}: lease ${address} has been allocated for 600 seconds`,
    )
    n += 4
    if (chunk.length >= 10_000) {
      writeSync(fd, `${chunk.join('\n')}\n`)
      chunk = []
    }
  }
  writeSync(fd, `${chunk.join('\n')}\n`)
  closeSync(fd)
}

const median = <T extends { ms: number }>(runs: T[]) => runs.sort((a, b) => a.ms - b.ms)[1]

function grep(args: string[]): { ms: number; count: number } {
  const started = performance.now()
  const result = spawnSync('grep', [...args, FILE], { encoding: 'utf8' })
  return { ms: performance.now() - started, count: Number(result.stdout.trim()) }
}

const CASES: { name: string; query: LogQuery; grep: string[] }[] = [
  { name: 'one MAC (--mac 02:00:5e:00:30:39)', query: { mac: '02:00:5e:00:30:39' }, grep: ['-c', '-F', 'hwtype=1 02:00:5e:00:30:39]'] },
  { name: 'severity WARN', query: { severities: ['WARN'] }, grep: ['-c', '-F', ' WARN  ['] },
  { name: 'one xid (--xid 0x10001000)', query: { xid: 0x10001000 }, grep: ['-c', '-F', 'tid=0x10001000:'] },
  { name: 'free text "allocated for 600"', query: { text: 'allocated for 600' }, grep: ['-c', '-F', '-i', 'allocated for 600'] },
]

export function benchKeaLogs(): void {
  if (!existsSync(FILE)) {
    mkdirSync(dirname(FILE), { recursive: true })
    writeLog(FILE)
  }
  const lines = new LogLines(lineReader('kea'))
  const started = performance.now()
  const splitter = new TextLines((line) => lines.add(line))
  splitter.push(readFileSync(FILE))
  splitter.end()
  const loadMs = performance.now() - started
  console.log(`\nKea log: ${FILE}, ${(statSync(FILE).size / 1e6).toFixed(0)} MB, ${lines.count.toLocaleString('en')} lines (${lines.unparsed} unparsed), read and parsed in ${(loadMs / 1000).toFixed(2)} s`)
  console.log('  filter (median of 3; app: log already read; grep -c: reads the file each time)')
  for (const c of CASES) {
    const ours = median([0, 1, 2].map(() => {
      const t = performance.now()
      const total = filterLines(lines, c.query).view.total
      return { ms: performance.now() - t, total }
    }))
    const theirs = median([0, 1, 2].map(() => grep(c.grep)))
    console.log(`  ${c.name.padEnd(40)} app ${ours.ms.toFixed(0).padStart(5)} ms (target < 1000)  grep ${theirs.ms.toFixed(0).padStart(5)} ms  ratio ${(theirs.ms / ours.ms).toFixed(2)}×  matches ${ours.total}${ours.total === theirs.count ? ' = grep' : ` ≠ grep ${theirs.count}`}`)
  }
}
