// `capture --iface IF …`: a live capture from the command line, over the same sources and readers as the app. The
// stream goes to a file (--write, else a private temporary one) and is read back from it as it grows; each DHCP
// packet is printed as it comes, as `decode` prints it; the counters follow on stderr when the capture ends
// (Ctrl+C, --count, --duration, or the capturing side stopping).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openCapture, type CaptureReader } from '../engine/capture-file/open'
import { decodeFrame } from '../engine/decode/frame'
import { defaultDataDir } from '../engine/data-dir'
import { ensurePrivateDir } from '../engine/files/private-dir'
import { captureRights, setupCaptureRights, type CaptureBackend } from '../engine/live/capture-rights'
import { captureFilterFor, DEFAULT_CAPTURE_FILTER } from '../engine/live/default-filter'
import { listCaptureInterfaces } from '../engine/live/interfaces'
import { RingFiles, type RingLimits } from '../engine/live/ring-files'
import { defaultBackend, localCaptureBackends } from '../engine/live/local-capture'
import { CaptureSourceError, type CaptureCounters, type CaptureSource, type StartCapture } from '../engine/live/source'
import type { SshOptions, SshTarget } from '../engine/live/ssh-connect'
import { HostKeyError } from '../engine/live/ssh-errors'
import { listSshInterfaces } from '../engine/live/ssh-interfaces'
import { startSshCapture } from '../engine/live/ssh-source'
import { LineOutput, OutputClosed } from './line-output'
import { packetPrinter } from './packet-printer'

const HEADER_BYTES = 24
const READ_MS = 50

export async function captureCommand(args: string[], fail: (message: string) => number): Promise<number> {
  const { values } = parseArgs({
    args, options: {
      iface: { type: 'string', short: 'i' }, filter: { type: 'string', short: 'f' }, count: { type: 'string', short: 'c' },
      duration: { type: 'string' }, write: { type: 'string', short: 'w' }, backend: { type: 'string' }, json: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false }, 'setup-rights': { type: 'boolean', default: false },
      ssh: { type: 'string' }, identity: { type: 'string' }, 'trust-host-key': { type: 'string' }, ring: { type: 'string' },
    },
  })
  if (values['setup-rights']) {
    for (const line of setupCaptureRights()) process.stdout.write(`${line}\n`)
    return 0
  }
  const remote = values.ssh === undefined ? null : sshTarget(values.ssh, values.identity)
  if (typeof remote === 'string') return fail(remote)
  const sshOptions = { knownHostsFile: join(ensurePrivateDir(defaultDataDir()), 'known_hosts'), ...(values['trust-host-key'] && { trustHostKey: values['trust-host-key'] }) }
  try {
    if (values.list) return remote ? await listRemote(remote, sshOptions, values.json) : list(values.json)
  } catch (error) {
    if (error instanceof CaptureSourceError) return fail(hostKeyHint(error))
    throw error
  }
  if (!values.iface) return fail('capture needs an interface: --iface IF (capture --list shows them)')
  const count = positive(values.count), duration = positive(values.duration)
  if (count === null) return fail(`--count takes a number of packets (1 or more), not "${values.count}"`)
  if (duration === null) return fail(`--duration takes a number of seconds (more than 0), not "${values.duration}"`)
  const backend = (values.backend ?? defaultBackend()) as CaptureBackend
  if (!(backend in localCaptureBackends)) return fail(`--backend takes helper, tcpdump or dumpcap, not "${values.backend}"`)
  const ring = values.ring === undefined ? undefined : ringLimits(values.ring)
  if (typeof ring === 'string') return fail(ring)
  if (values.write && existsSync(values.write)) return fail(`${values.write} exists; capture never replaces a file: remove it or give another name to --write`)
  if (ring && !values.write) return fail('--ring writes its parts beside --write FILE: give both (parts are FILE_00001.pcap, FILE_00002.pcap…)')
  const start: StartCapture = remote ? (request, events) => startSshCapture(remote, request, events, sshOptions) : localCaptureBackends[backend]
  const linkType = remote ? undefined : listCaptureInterfaces().find((known) => known.name === values.iface)?.linkType
  const filter = captureFilterFor(values.filter ?? DEFAULT_CAPTURE_FILTER, values.iface, linkType)
  const result = await capture({ iface: values.iface, filter, start, count, duration, write: values.write, ring, json: values.json })
  process.stderr.write(values.json ? `${JSON.stringify({ packets: result.packets, counters: result.counters })}\n` : countersText(result.packets, result.counters))
  if (result.error) return fail(hostKeyHint(result.error))
  return 0
}

/** USER@HOST[:PORT] with --identity KEYFILE (passphrase in $FIELDKIT_SSH_PASSPHRASE) or $FIELDKIT_SSH_PASSWORD; or what is wrong. */
export function sshTarget(place: string, identity: string | undefined): SshTarget | string {
  const parsed = /^([\w.@-]+)@([\w.-]+|\[[\da-fA-F:]+\])(?::(\d{1,5}))?$/.exec(place)
  if (!parsed) return `--ssh takes USER@HOST or USER@HOST:PORT, not "${place}"`
  const [, user, host, port] = parsed
  const { FIELDKIT_SSH_PASSWORD: password, FIELDKIT_SSH_PASSPHRASE: passphrase } = process.env
  let auth: SshTarget['auth']
  if (identity) {
    try {
      auth = { privateKey: readFileSync(identity, 'utf8'), ...(passphrase && { passphrase }) }
    } catch (error) {
      return `cannot read the key file ${identity} given to --identity (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
    }
  } else if (password) auth = { password }
  else return '--ssh needs a way to log in: --identity KEYFILE, or the password in $FIELDKIT_SSH_PASSWORD'
  return { host: host.replace(/^\[|\]$/g, ''), port: port ? Number(port) : 22, user, auth }
}

/** A host seen for the first time: how to trust it from the command line. */
export function hostKeyHint(error: CaptureSourceError): string {
  if (!(error instanceof HostKeyError) || !error.hostKey.firstUse) return error.message
  return `${error.message} To trust it, run again with --trust-host-key ${error.hostKey.fingerprint}`
}

async function listRemote(target: SshTarget, options: SshOptions, json: boolean): Promise<number> {
  const interfaces = await listSshInterfaces(target, options)
  if (json) process.stdout.write(`${JSON.stringify({ interfaces })}\n`)
  else for (const i of interfaces) process.stdout.write(`${i.name.padEnd(16)} ${i.up ? 'up' : 'down'}${i.addresses.length ? `  ${i.addresses.join(' ')}` : ''}\n`)
  return 0
}

/** FILES:MB, as dumpcap's -b files:N -b filesize:… together; or what is wrong. */
function ringLimits(text: string): RingLimits | string {
  const [files, megabytes] = text.split(':').map(Number)
  if (!(Number.isInteger(files) && files >= 2 && megabytes >= 1)) return `--ring takes FILES:MB, at least 2 files of at least 1 MB (e.g. 10:100), not "${text}"`
  return { files, megabytes }
}

function positive(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined
  const n = Number(text)
  return n > 0 && Number.isFinite(n) ? n : null
}

function list(json: boolean): number {
  const interfaces = listCaptureInterfaces()
  const backends = captureRights()
  if (json) {
    process.stdout.write(`${JSON.stringify({ interfaces, backends, defaultBackend: defaultBackend(backends) })}\n`)
    return 0
  }
  for (const i of interfaces) {
    const marks = [i.up ? 'up' : 'down', i.linkType, i.loopback && 'loopback', i.lab && 'Kea lab'].filter(Boolean).join(', ')
    process.stdout.write(`${i.name.padEnd(16)} ${marks}${i.addresses.length ? `  ${i.addresses.join(' ')}` : ''}${i.description ? `  (${i.description})` : ''}\n`)
  }
  process.stdout.write('\nBackends:\n')
  for (const b of backends) process.stdout.write(`  ${b.backend.padEnd(8)} ${b.usable ? 'can capture' : b.problem}\n`)
  return 0
}

function countersText(packets: number, counters: CaptureCounters | null): string {
  if (!counters) return `${packets} packet${packets === 1 ? '' : 's'} captured; the capturing side reported no counters\n`
  return `${packets} packet${packets === 1 ? '' : 's'} captured; ${counters.received} received by the filter, ${counters.kernelDropped} dropped by the kernel, ${counters.interfaceDropped} dropped by the interface\n`
}

interface CaptureRun {
  iface: string
  filter: string
  start: StartCapture
  count?: number
  duration?: number
  write?: string
  ring?: RingLimits
  json: boolean
}

/** Runs one capture to its end; resolves with the packets read, the last counters and the error it ended with. */
function capture(run: CaptureRun): Promise<{ packets: number; counters: CaptureCounters | null; error: CaptureSourceError | null }> {
  const temporary = run.write ? null : mkdtempSync(join(tmpdir(), 'fieldkit-capture-'))
  const single = run.write ?? join(temporary!, 'capture')
  const out = new LineOutput(1)
  const print = packetPrinter(run.json, (line) => out.line(line))
  // JSON has values, not the field tree.
  const decode = { tree: !run.json, columns: !run.json }
  let packets = 0
  let counters: CaptureCounters | null = null
  /** The part being read: its path and reader, opened once its header is in. */
  let reading: { path: string; reader: CaptureReader | null } | null = null
  let timer: NodeJS.Timeout | null = null
  let source: CaptureSource | null = null
  let closed = false

  const read = (growing: boolean, bytes = ring.part?.bytes ?? 0) => {
    timer = null
    if (!reading) return
    if (!reading.reader && bytes >= HEADER_BYTES) reading.reader = openCapture(reading.path, `the stream from ${run.iface}`)
    const { reader } = reading
    if (!reader) return
    reader.follow(bytes, growing)
    try {
      for (let record = reader.next(); record && packets < (run.count ?? Infinity) && !closed; record = reader.next()) {
        packets++
        print(record, decodeFrame(record.linkType, record.data, record.originalLength, decode))
      }
      // Each packet is shown as it comes: what was read goes out now.
      out.flush()
    } catch (error) {
      // A reader that stopped reading (`| head`) ends the capture, as Ctrl+C would.
      if (!(error instanceof OutputClosed)) throw error
      closed = true
    }
    if (closed || (run.count && packets >= run.count)) source?.stop()
  }

  // Without --ring, one file (--write's, or a private temporary one); with it, parts as dumpcap names them.
  const ring = new RingFiles(run.ring ?? null, {
    newPart: (number) => {
      const path = !run.ring ? single : run.write!.replace(/(\.pcap)?$/, `_${String(number).padStart(5, '0')}.pcap`)
      reading = { path, reader: null }
      return path
    },
    partDone: (part) => {
      read(false, part.bytes)
      reading?.reader?.close()
    },
    partDropped: (part) => rmSync(part.path, { force: true }),
  })

  return new Promise((done) => {
    source = run.start({ iface: run.iface, filter: run.filter }, {
      data(chunk) {
        ring.write(chunk)
        timer ??= setTimeout(() => read(true), READ_MS)
      },
      counters: (latest) => (counters = latest),
      end(error) {
        if (timer) clearTimeout(timer)
        clearTimeout(limit)
        process.off('SIGINT', stop).off('SIGTERM', stop)
        try {
          ring.close()
        } finally {
          if (temporary) rmSync(temporary, { recursive: true, force: true })
        }
        done({ packets, counters, error })
      },
    })
    const stop = () => source?.stop()
    process.on('SIGINT', stop).on('SIGTERM', stop)
    const limit = run.duration ? setTimeout(stop, run.duration * 1000) : undefined
  })
}
