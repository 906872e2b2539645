// A capture that is a child process writing a pcap or pcapng stream to stdout and talking on stderr: the capture
// helper, tcpdump and dumpcap all run through here. Each backend only says how to read its stderr.
import { spawn } from 'node:child_process'
import { MAX_HELPER_LINE } from './helper-protocol'
import type { CaptureCounters, CaptureSource, CaptureSourceError, CaptureSourceEvents } from './source'

/** What one stderr line says: counters to report, or a diagnostic worth keeping for the final error. */
export type StderrLine = { counters: CaptureCounters } | { error: CaptureSourceError } | { diagnostic: string } | null

export interface ProcessCapture {
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
  readLine(line: string): StderrLine
  /** The error for a non-zero exit that no line explained, from the diagnostics kept. */
  failure(diagnostics: string, exitCode: number | null): CaptureSourceError
  /** The error when the command cannot be run at all (not installed). */
  missing(): CaptureSourceError
  /** Called for each line before readLine: e.g. tcpdump starts its counters timer once it is listening. */
  onLine?(line: string, child: { kill(signal: NodeJS.Signals): boolean }): void
}

/** How long a stopped capture may take to flush before it is killed. */
const STOP_GRACE_MS = 5000
const KEPT_DIAGNOSTICS = 20

export function startProcessCapture(spec: ProcessCapture, events: CaptureSourceEvents): CaptureSource {
  // stdin is a pipe the child never reads: when this process dies, it closes, and the helper stops by itself.
  const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['pipe', 'pipe', 'pipe'] })
  const diagnostics: string[] = []
  let error: CaptureSourceError | null = null
  let stopped = false
  let ended = false
  let killTimer: NodeJS.Timeout | undefined

  const end = (reason: CaptureSourceError | null) => {
    if (ended) return
    ended = true
    clearTimeout(killTimer)
    events.end(reason)
  }

  child.stdout.on('data', (chunk: Buffer) => events.data(chunk))
  let partial = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (text: string) => {
    const lines = (partial + text).split('\n')
    partial = lines.pop()!.slice(0, MAX_HELPER_LINE)
    for (const raw of lines) {
      const line = raw.slice(0, MAX_HELPER_LINE).trimEnd()
      spec.onLine?.(line, child)
      const said = spec.readLine(line)
      if (said === null) continue
      if ('counters' in said) events.counters(said.counters)
      else if ('error' in said) error ??= said.error
      else if (said.diagnostic && diagnostics.push(said.diagnostic) > KEPT_DIAGNOSTICS) diagnostics.shift()
    }
  })
  child.stdin.on('error', () => {})
  child.once('error', (spawnError: NodeJS.ErrnoException) => end(spawnError.code === 'ENOENT' ? spec.missing() : spec.failure(spawnError.message, null)))
  child.once('close', (code) => {
    if (partial) diagnostics.push(partial)
    if (error) end(error)
    else if (code === 0 || stopped) end(null)
    else end(spec.failure(diagnostics.join('\n'), code))
  })

  return {
    stop() {
      if (stopped || ended) return
      stopped = true
      child.kill('SIGTERM')
      killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      killTimer.unref()
    },
  }
}

/** A capture that could not start: `end` comes on the next turn, as callers expect of a started one. */
export function endedAtOnce(events: CaptureSourceEvents, error: CaptureSourceError): CaptureSource {
  setImmediate(() => events.end(error))
  return { stop() {} }
}
