// Remote capture over SSH: remote tcpdump (or dumpcap) writes pcap/pcapng to its stdout, which arrives here
// unchanged; its stderr carries its pid, its errors and its counters. tcpdump prints its counters on SIGUSR1: a
// second channel runs `kill -USR1` on its pid every second; where that is refused (tcpdump under sudo), an SSH
// signal request goes over the capture's own channel instead (OpenSSH ≥ 7.9 honours those, but not for root
// logins, whose sessions run without privilege separation). dumpcap's counters come only at the end. stop() sends
// SIGINT both ways, and closes the channel if the remote has not ended 5 s later.
import type { Client, ClientChannel } from 'ssh2'
import { CaptureSourceError, type CaptureRequest, type CaptureSource, type CaptureSourceEvents } from './source'
import { connectSsh, sshPlace, type SshOptions, type SshTarget } from './ssh-connect'
import { oneLine, remoteCaptureError, type SshPlace } from './ssh-errors'
import { BoundedText, openRemote, runRemote } from './remote-shell'
import { captureScript, findRemoteCaptureTool, type RemoteCaptureTool } from './remote-capture-tool'
import { CaptureToolStats } from './capture-tool-stats'

export interface SshCaptureOptions extends SshOptions {
  /** How often tcpdump is asked for its counters; 1 s when absent. */
  countersIntervalMs?: number
}

/** After stop(), how long the remote gets to deliver its last bytes and counters before its channel is closed. */
const STOP_ABANDON_AFTER_MS = 5_000
/** `kill` could not signal the capture program (another user's process, as under sudo). */
const KILL_REFUSED = 3
/** A stderr line longer than this is a flood, not a diagnostic: it is cut. */
const MAX_STDERR_LINE = 4096

export function startSshCapture(target: SshTarget, request: CaptureRequest, events: CaptureSourceEvents, options: SshCaptureOptions): CaptureSource {
  const capture = new SshCapture(target, request, events, options)
  void capture.run()
  return { stop: () => capture.stop() }
}

interface Attempt {
  error: CaptureSourceError | null
  sawData: boolean
}

class SshCapture {
  private readonly place: SshPlace
  private client?: Client
  private channel?: ClientChannel
  private remotePid?: number
  private stopping = false
  private ended = false
  private countersTimer?: NodeJS.Timeout
  private countersLoop?: ClientChannel
  private stopTimer?: NodeJS.Timeout

  constructor(
    private readonly target: SshTarget,
    private readonly request: CaptureRequest,
    private readonly events: CaptureSourceEvents,
    private readonly options: SshCaptureOptions,
  ) {
    this.place = sshPlace(target)
  }

  async run(): Promise<void> {
    try {
      const client = (this.client = await connectSsh(this.target, this.options))
      client.on('close', () => this.finish(this.stopping ? null : this.connectionLost()))
      if (this.stopping) return this.finish(null)
      const tool = await findRemoteCaptureTool(client, this.place)
      if (this.stopping) return this.finish(null)
      let attempt = await this.attempt(tool, false)
      const sudoMayHelp = attempt.error?.code === 'no-rights' && !tool.root && tool.sudo !== undefined && !attempt.sawData
      if (sudoMayHelp && !this.stopping) attempt = await this.attempt(tool, true)
      this.finish(attempt.error)
    } catch (error) {
      this.finish(error instanceof CaptureSourceError ? error : new CaptureSourceError('failed', `The remote capture on ${this.place.host} failed: ${oneLine((error as Error).message)}.`))
    }
  }

  stop(): void {
    if (this.stopping || this.ended) return
    this.stopping = true
    clearInterval(this.countersTimer)
    const channel = this.channel
    // Before the capture runs, run() sees `stopping` at its next step and ends.
    if (!channel) return
    channel.signal('INT')
    if (this.remotePid && this.client) runRemote(this.client, `kill -INT ${this.remotePid}`).catch(() => undefined)
    this.stopTimer = setTimeout(() => {
      channel.close()
      this.finish(null)
    }, STOP_ABANDON_AFTER_MS)
  }

  /** Runs the capture program once; resolves when its channel closes. */
  private async attempt(tool: RemoteCaptureTool, withSudo: boolean): Promise<Attempt> {
    const channel = (this.channel = await openRemote(this.client!, captureScript(tool, this.request, withSudo)))
    this.remotePid = undefined
    let sawData = false
    let sawCounters = false
    const stats = new CaptureToolStats((counters) => {
      sawCounters = true
      this.events.counters(counters)
    })
    const stderr = new BoundedText()
    const lines = new LineReader((line) => {
      const pid = /^fieldkit-pid=(\d+)$/.exec(line)
      if (pid) this.remotePid = Number(pid[1])
      else if (tool.kind === 'tcpdump' && /^tcpdump: listening on /.test(line)) this.askForCounters(channel).catch(() => undefined)
      else stats.line(line)
    })
    return new Promise((resolve) => {
      let exitCode: number | null = null
      let exited = false
      channel.on('data', (chunk: Buffer) => {
        sawData = true
        this.events.data(chunk)
      })
      channel.stderr.on('data', (chunk: Buffer) => {
        stderr.add(chunk)
        lines.add(chunk)
      })
      channel.on('exit', (code: number | null) => {
        exited = true
        exitCode = code
      })
      channel.on('close', () => {
        clearInterval(this.countersTimer)
        this.countersLoop?.close()
        lines.flush()
        if (!sawCounters && sawData) this.events.counters(stats.latest())
        if (this.stopping || (exited && exitCode === 0)) resolve({ error: null, sawData })
        // No exit status means the connection, not the program, ended.
        else if (!exited) resolve({ error: this.connectionLost(), sawData })
        else resolve({ error: remoteCaptureError(stderr.text(), exitCode, this.place, this.request), sawData })
      })
    })
  }

  /** Once tcpdump listens (its SIGUSR1 handler is set by then), asks it for counters on every tick. */
  private async askForCounters(channel: ClientChannel): Promise<void> {
    const intervalMs = this.options.countersIntervalMs ?? 1000
    const bySshSignal = () => {
      if (!this.stopping && !this.ended) this.countersTimer = setInterval(() => channel.signal('USR1'), intervalMs)
    }
    if (!this.remotePid) return bySshSignal()
    const pid = this.remotePid
    const seconds = Math.max(1, Math.round(intervalMs / 1000))
    const loop = (this.countersLoop = await openRemote(this.client!, `kill -USR1 ${pid} 2>/dev/null || exit ${KILL_REFUSED}; while sleep ${seconds} && kill -USR1 ${pid} 2>/dev/null; do :; done`))
    loop.on('exit', (code: number | null) => {
      if (code === KILL_REFUSED) bySshSignal()
    })
  }

  private connectionLost(): CaptureSourceError {
    return new CaptureSourceError('unreachable', `The SSH connection to ${this.place.host} was lost during the capture; check the network and start the capture again.`)
  }

  private finish(error: CaptureSourceError | null): void {
    if (this.ended) return
    this.ended = true
    clearInterval(this.countersTimer)
    clearTimeout(this.stopTimer)
    this.client?.end()
    this.events.end(error)
  }
}

/** Splits a byte stream into text lines, cutting any line past MAX_STDERR_LINE. */
class LineReader {
  private partial = ''

  constructor(private readonly onLine: (line: string) => void) {}

  add(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split(/\r?\n|\r/)
    this.partial = parts.pop() ?? ''
    if (this.partial.length > MAX_STDERR_LINE) {
      parts.push(this.partial)
      this.partial = ''
    }
    for (const line of parts) this.onLine(line.slice(0, MAX_STDERR_LINE))
  }

  flush(): void {
    if (this.partial) this.onLine(this.partial)
    this.partial = ''
  }
}
