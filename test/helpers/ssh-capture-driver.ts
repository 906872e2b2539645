// Drives the SSH capture source from inside a lab namespace, so its TCP traffic stays in the lab: reads one JSON
// request line on stdin (secrets travel there, not on the command line), prints one JSON event per line.
// For `capture`, a later "stop" line on stdin stops the capture; the bytes go to `request.out`.
import { writeFileSync, appendFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { listSshInterfaces } from '../../electron/engine/live/ssh-interfaces'
import { startSshCapture } from '../../electron/engine/live/ssh-source'
import type { SshCaptureOptions } from '../../electron/engine/live/ssh-source'
import type { SshTarget } from '../../electron/engine/live/ssh-connect'
import type { CaptureRequest, CaptureSourceError } from '../../electron/engine/live/source'

export interface DriverRequest {
  action: 'list' | 'capture'
  target: SshTarget
  options: SshCaptureOptions
  capture?: CaptureRequest
  out?: string
}

export type DriverEvent =
  | { event: 'interfaces'; interfaces: unknown[] }
  | { event: 'data-started' }
  | { event: 'counters'; received: number; kernelDropped: number; interfaceDropped: number }
  | { event: 'end'; error: null | { code: string; message: string; hostKey?: unknown } }

const print = (event: DriverEvent) => process.stdout.write(`${JSON.stringify(event)}\n`)
const described = (error: CaptureSourceError) => ({ code: error.code, message: error.message, hostKey: (error as { hostKey?: unknown }).hostKey })

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const request = JSON.parse((await lines.next()).value as string) as DriverRequest

if (request.action === 'list') {
  try {
    print({ event: 'interfaces', interfaces: await listSshInterfaces(request.target, request.options) })
    print({ event: 'end', error: null })
  } catch (error) {
    print({ event: 'end', error: described(error as CaptureSourceError) })
  }
  process.exit(0)
}

const out = request.out!
writeFileSync(out, '')
let started = false
const source = startSshCapture(request.target, request.capture!, {
  data(chunk) {
    appendFileSync(out, chunk)
    if (!started) print({ event: 'data-started' })
    started = true
  },
  counters(counters) {
    print({ event: 'counters', ...counters })
  },
  end(error) {
    print({ event: 'end', error: error ? described(error) : null })
    process.exit(0)
  },
}, request.options)
for await (const line of { [Symbol.asyncIterator]: () => lines }) if (line.trim() === 'stop') source.stop()
