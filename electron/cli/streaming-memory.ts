// decode makes short-lived objects for every field of every packet, and streams: its memory must stay flat whatever
// the capture's size. Two settings that speed up the other commands work against that, and both can only be set when
// Node starts, so the command runs itself again, once, without them:
// - V8 lets its young generation grow to 16 MB semi-spaces, and that alone took decode --json to 97 MB on a
//   100k-packet capture and 124 MB on a million; capped at 2 MB the same work runs about as fast (within the runs'
//   spread) and stays near 70 MB and 87 MB (4 MB: 75 MB and 97 MB);
// - the shebang's heap pad (malloc-tunables.ts) keeps freed memory for reuse: 96–99 MB on the million, 87 MB
//   without, in as long (6.0–7.0 s).
import { spawnSync } from 'node:child_process'
import { withoutHeapPad } from '../engine-host/malloc-tunables'

const FLAG = '--max-semi-space-size'
const SEMI_SPACE_MB = 2

/** The exit status of this command run again for streaming, or null when this run is that one. */
export function rerunForStreaming(): number | null {
  if (process.execArgv.some((arg) => arg.startsWith(FLAG))) return null
  const rerun = spawnSync(process.execPath, [...process.execArgv, `${FLAG}=${SEMI_SPACE_MB}`, ...process.argv.slice(1)], { stdio: 'inherit', env: withoutHeapPad(process.env) })
  return rerun.status ?? 1
}
