// `fieldkit decode --json` against `tshark -T json`: both decode every packet of a 100,000-packet slice of the
// bench capture in full and write it as JSON (to /dev/null, so neither waits on a reader). Runs alternate, ours
// then tshark's, so both see the same load on a shared machine; the median of three each is printed. Then ours
// alone on the whole capture, whose peak memory must be no more than on the slice: the output streams.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { FIELDKIT } from '../helpers/fieldkit'

const SLICE_PACKETS = 100_000
const RUNS = 3
const TARGET_RATIO = 10
const TARGET_PEAK_MB = 100

interface Run {
  seconds: number
  peakMb: number
}

/** One run with its output thrown away; /usr/bin/time gives wall time and peak RSS. */
function timed(command: string, args: string[]): Run {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
  const [seconds, kb] = result.stderr.trim().split('\n').at(-1)!.split(' ').map(Number)
  return { seconds, peakMb: kb / 1024 }
}

function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]
}

/** The first 100,000 packets of `file`, cut once with editcap (which comes with tshark) beside it. */
function slice(file: string): string {
  const path = join(dirname(file), `${basename(file).replace(/(-1m)?\.pcap(ng)?$/, '')}-100k.pcap`)
  if (!existsSync(path)) {
    const cut = spawnSync('editcap', ['-r', file, path, `1-${SLICE_PACKETS}`], { encoding: 'utf8' })
    if (cut.status !== 0) throw new Error(`editcap could not cut ${path}: ${cut.stderr}`)
  }
  return path
}

export function benchDecodeJson(file: string): void {
  const path = slice(file)
  const ours: Run[] = []
  const theirs: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    ours.push(timed(FIELDKIT, ['decode', '--json', path]))
    theirs.push(timed('tshark', ['-r', path, '-T', 'json']))
  }
  const [o, t] = [median(ours), median(theirs)]
  const whole = timed(FIELDKIT, ['decode', '--json', file])
  const mb = (run: Run) => `${run.peakMb.toFixed(0)} MB`
  console.log(`\ndecode --json: every packet of ${path} (${SLICE_PACKETS.toLocaleString('en')} packets) as JSON, median of ${RUNS} alternating runs`)
  console.log(`  fieldkit decode --json ${o.seconds.toFixed(2).padStart(6)} s  peak ${mb(o)}`)
  console.log(`  tshark -T json         ${t.seconds.toFixed(2).padStart(6)} s  peak ${mb(t)}`)
  console.log(`  ratio                  ${(t.seconds / o.seconds).toFixed(1)}× faster (target ≥ ${TARGET_RATIO}×); peak ${mb(o)} (target < ${TARGET_PEAK_MB} MB)`)
  console.log(`  the whole capture, ${basename(file)}: ${whole.seconds.toFixed(2)} s, peak ${mb(whole)} (target < ${TARGET_PEAK_MB} MB: streaming, flat whatever the size)`)
}
