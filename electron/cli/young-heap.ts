// decode makes short-lived objects for every field of every packet. V8 lets its young generation grow to 16 MB
// semi-spaces, and that alone took decode --json to 97 MB on a 100k-packet capture and 124 MB on a million;
// capped at 2 MB the same work runs about as fast (within the runs' spread) and stays near 70 MB and 87 MB (4 MB:
// 75 MB and 97 MB). The cap can only be set when Node starts, so the command runs itself again with it, once.
import { spawnSync } from 'node:child_process'

const FLAG = '--max-semi-space-size'
const SEMI_SPACE_MB = 2

/** The exit status of this command run again with the small young generation, or null when this run has it. */
export function rerunWithSmallYoungHeap(): number | null {
  if (process.execArgv.some((arg) => arg.startsWith(FLAG))) return null
  const rerun = spawnSync(process.execPath, [...process.execArgv, `${FLAG}=${SEMI_SPACE_MB}`, ...process.argv.slice(1)], { stdio: 'inherit' })
  return rerun.status ?? 1
}
