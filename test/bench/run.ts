// `npm run bench`: DHCP Field Kit against tshark on the same ≥1,000,000-packet capture made in the lab with
// perfdhcp, side by side in one run. Prints figures and ratios; the targets are stated, not asserted.
// FIELDKIT_BENCH_SYNTHETIC=1 makes the capture from the corpus's frames instead (no lab, no root; see
// test/helpers/synthetic-capture.ts).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { benchDecodeJson } from './decode-json'
import { generateCapture } from './generate-capture'
import { benchLiveCapture } from './live-capture'
import { benchLeases } from './leases'
import { benchKeaLogs } from './kea-logs'
import { benchBundleExport } from './bundle-export'
import { labDown, labStatus } from '../../electron/lab/lab'
import { withMallocTunables } from '../../electron/engine-host/malloc-tunables'
import { FIELDKIT } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'

const SYNTHETIC = process.env.FIELDKIT_BENCH_SYNTHETIC === '1'
const FILE = process.env.FIELDKIT_BENCH_FILE ?? `/var/tmp/fieldkit-bench/${SYNTHETIC ? 'synthetic' : 'perfdhcp'}-1m.pcap`
const PACKETS = Number(process.env.FIELDKIT_BENCH_PACKETS ?? 1_000_000)
/** The same filters in our field names and in Wireshark's, where they differ. */
const FILTERS: { ours: string; tshark: string }[] = [
  { ours: 'dhcp.msgtype == ACK', tshark: 'dhcp.option.dhcp == 5' },
  { ours: 'dhcp.chaddr == 00:0c:01:02:03:04', tshark: 'dhcp.hw.mac_addr == 00:0c:01:02:03:04' },
  { ours: 'ip.src == 192.0.2.1 and dhcp.option.lease_time > 100', tshark: 'ip.src == 192.0.2.1 and dhcp.option.ip_address_lease_time > 100' },
  { ours: 'dhcpv6.msgtype == REPLY or dhcp.option == 82', tshark: 'dhcpv6.msgtype == 7 or dhcp.option.type == 82' },
]

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

function timed(command: string, args: string[]): { ms: number; stdout: string; maxRssKb: number } {
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
  const maxRssKb = Number(result.stderr.trim().split('\n').at(-1))
  return { ms, stdout: result.stdout, maxRssKb }
}

/**
 * The median of three runs of each command, taken in turn (ours, theirs, ours…): single runs on a small shared
 * machine vary by a fifth, and a busy spell then weighs on both sides alike.
 */
function timedMedians(ours: [string, string[]], theirs: [string, string[]]): ReturnType<typeof timed>[] {
  const runs: ReturnType<typeof timed>[][] = [[], []]
  for (let k = 0; k < 3; k++) [ours, theirs].forEach(([command, args], side) => runs[side].push(timed(command, args)))
  return runs.map((side) => side.sort((a, b) => a.ms - b.ms)[1])
}

/** Reads the file once so both tools start from the page cache, without holding it in this process. */
function warm(path: string): void {
  const fd = openSync(path, 'r')
  const buffer = Buffer.allocUnsafe(16 << 20)
  for (let at = 0, n = 1; n > 0; at += n) n = readSync(fd, buffer, 0, buffer.length, at)
  closeSync(fd)
}

function firstLineMs(command: string, args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now()
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    child.stdout.once('data', () => {
      done(performance.now() - started)
      child.kill('SIGTERM')
    })
    child.once('error', fail)
  })
}

async function main() {
  for (const tool of ['tshark', '/usr/bin/time']) {
    if (spawnSync('which', [tool]).status !== 0) throw new Error(`${tool} is not installed (bash .ci/setup installs it)`)
  }
  if (!existsSync(FILE) && SYNTHETIC) {
    mkdirSync(dirname(FILE), { recursive: true })
    makeSyntheticCapture(FILE, PACKETS)
  } else if (!existsSync(FILE)) {
    if (process.getuid?.() !== 0) throw new Error(`${FILE} does not exist and making it needs the lab, which needs root: run as root once (or set FIELDKIT_BENCH_SYNTHETIC=1)`)
    await generateCapture(FILE, PACKETS)
  }
  const size = statSync(FILE).size
  warm(FILE)
  console.log(`Capture: ${FILE}, ${(size / 1e6).toFixed(1)} MB`)

  const [ours, theirs] = timedMedians([FIELDKIT, ['stats', FILE]], ['tshark', ['-q', '-z', 'dhcp,stat', '-r', FILE]])
  // tshark's table: the 18 DHCPv4 rows (ours adds DHCPv6 rows in the same shape further down).
  const table = (text: string) => text.split('\n').filter((line) => /\|\d+ \|$/.test(line)).slice(0, 18).join('\n')
  const packets = Number(/Packets: (\d+)/.exec(ours.stdout)?.[1])
  console.log(`Packets: ${packets.toLocaleString('en')}${packets < 1_000_000 ? '  (fewer than 1,000,000: set FIELDKIT_BENCH_PACKETS / delete the file)' : ''}`)
  console.log(`\nstats (median of 3 alternating runs each, whole process with start-up; the built command line run as the package's bin, through its shebang)`)
  console.log(`  fieldkit stats      ${seconds(ours.ms).padStart(9)}  ${Math.round(packets / ours.ms * 1000).toLocaleString('en')} packets/s`)
  console.log(`  tshark -z dhcp,stat ${seconds(theirs.ms).padStart(9)}  ${Math.round(packets / theirs.ms * 1000).toLocaleString('en')} packets/s`)
  console.log(`  ratio               ${(theirs.ms / ours.ms).toFixed(1)}× faster (target ≥ 10×); message-type tables ${table(ours.stdout) === table(theirs.stdout) ? 'identical' : 'DIFFER'}`)

  const probe = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/engine-probe.ts', FILE, JSON.stringify(FILTERS.map((f) => f.ours))], { encoding: 'utf8', maxBuffer: 1 << 26, env: withMallocTunables(process.env) })) as {
    firstRowsMs: number; loadedMs: number; statsMs: number; baselineRss: number; peakRss: number; filters: { filter: string; matched: number; ms: number }[]
    worstDuringLoadMs: number; worstDuringStatsMs: number; worstDuringFiltersMs: number
  }
  const tsharkFirst = await firstLineMs('tshark', ['-r', FILE])
  console.log(`\nopening the file until the first rows show`)
  console.log(`  app (captures.open + first page)  ${probe.firstRowsMs.toFixed(0).padStart(6)} ms (target < 1000 ms)`)
  console.log(`  app, fully loaded (indexed, kept in the data folder, session stored) ${seconds(probe.loadedMs)} (target < 3 s); its first statistics ${probe.statsMs.toFixed(0)} ms later`)
  console.log(`  tshark -r (first line out)        ${tsharkFirst.toFixed(0).padStart(6)} ms`)

  console.log(`\ndisplay filter over all ${packets.toLocaleString('en')} packets (app: file already open; tshark: reads the file each time)`)
  for (const [k, f] of probe.filters.entries()) {
    const tshark = timed('tshark', ['-r', FILE, '-Y', FILTERS[k].tshark, '-T', 'fields', '-e', 'frame.number'])
    const tsharkMatched = tshark.stdout.split('\n').filter(Boolean).length
    console.log(`  ${f.filter.padEnd(58)} app ${f.ms.toFixed(0).padStart(4)} ms (target < 300)  tshark ${seconds(tshark.ms).padStart(8)}  matches ${f.matched}${f.matched === tsharkMatched ? ' = tshark' : ` ≠ tshark ${tsharkMatched}`}`)
  }

  console.log(`\nthe engine answering while it works (a trivial call every 10 ms: the longest one waited)`)
  console.log(`  during the load ${probe.worstDuringLoadMs.toFixed(0).padStart(5)} ms;  during the first statistics ${probe.worstDuringStatsMs.toFixed(0).padStart(5)} ms;  during the filters ${probe.worstDuringFiltersMs.toFixed(0).padStart(5)} ms (target < 100 ms)`)

  const grown = probe.peakRss - probe.baselineRss
  console.log(`\npeak memory`)
  console.log(`  engine: ${(probe.peakRss / 1e6).toFixed(0)} MB peak RSS, ${(grown / 1e6).toFixed(0)} MB above its start = ${(grown / size).toFixed(2)}× the file (target < 1.5×)`)
  console.log(`  fieldkit stats process: ${(ours.maxRssKb / 1024).toFixed(0)} MB;  tshark -z dhcp,stat: ${(theirs.maxRssKb / 1024).toFixed(0)} MB`)

  benchDecodeJson(FILE)
  await benchLeases()
  benchKeaLogs()
  benchBundleExport(FILE)

  const noLab = labUnavailable()
  if (noLab) console.log(`\nlive capture: skipped (${noLab})`)
  else await benchLiveCapture()
}

/** The lab as the bench found it: making the capture and the live capture bring it up, and it is taken down after. */
const labWasUp = labUnavailable() === null && labStatus().up

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`)
  process.exitCode = 1
}).finally(async () => {
  if (!labWasUp && labUnavailable() === null && labStatus().up) await labDown()
})
