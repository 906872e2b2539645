// An engine in a process of its own, capturing live into a session until the test kills it with SIGKILL (as a
// crash would). Reads {dataDir, iface, filter} on stdin; prints one JSON line per step, as the other drivers do.
import { createInterface } from 'node:readline'
import type { CaptureInfo } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const request = JSON.parse((await lines.next()).value as string) as { dataDir: string; iface: string; filter: string }
const say = (step: string, value: unknown) => process.stdout.write(`${JSON.stringify({ step, value })}\n`)
const engine = new Engine({ dataDir: request.dataDir, mode: 'browser', version: 'driver' })
const capture = (await engine.dispatch('capture.start', { iface: request.iface, filter: request.filter, backend: 'helper' })) as CaptureInfo
await engine.dispatch('sessions.open', { sessionId: capture.sessionId })
say('capturing', capture)
// Keeps running (and capturing) until killed.
setInterval(() => undefined, 60_000)
