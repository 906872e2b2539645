// The real ISC dhclient, run beside the built-in client (issue 11, "The real dhclient"): `dhclient -d -1` with the
// app's script (native/dhclient-vars.sh), which configures nothing and records the variables of every invocation, and
// with its own lease, pid and variables files in a private temporary folder, so the system's dhclient state is never
// read or written. On a lab interface it runs as the lab's client (fklab-c0 in the client namespace). The capture
// helper captures its packets alongside; the lease it takes is released at the end (`dhclient -r` with the same
// files) unless kept.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { restoreClientAddresses } from '../../lab/lab'
import { lab } from '../../lab/topology'
import { root } from '../app-files'
import { decodeFrame } from '../decode/frame'
import { findTool } from '../live/capture-rights'
import { listCaptureInterfaces } from '../live/interfaces'
import { startHelperCapture } from '../live/helper-source'
import { CaptureSourceError } from '../live/source'
import { duidFor } from './client-duid'
import { ClientStopped } from './dhcp4-client'
import type { DhclientVariables } from './dhclient-vars'
import { isLabInterface } from './lab-guard'
import { PcapStreamSplitter, type StreamPacket } from './pcap-stream'

export type DhclientFamily = 4 | 6

export const MAX_DHCLIENT_SECONDS = 300
/** What is kept of each of dhclient's output streams: its log of one exchange is a few KiB. */
export const MAX_OUTPUT_BYTES = 64 * 1024
/** The variables file: one exchange writes a few KiB; more means something is wrong, and the run ends. */
export const MAX_VARS_BYTES = 1024 * 1024
/** How often the variables file is looked at for the invocation that ends the run. */
const POLL_MS = 100
/** Longest the capture helper may take to open the interface, and the release to finish. */
const CAPTURE_START_MS = 10_000
const RELEASE_MS = 15_000
const STOP_GRACE_MS = 3000
/** Time for the last packets (the RELEASE) to come through the capture before it stops. */
const SETTLE_MS = 500
/** DHCPv6's Client Identifier option (RFC 8415 section 21.2). */
const CLIENT_ID = 1

/** The reasons after which dhclient holds a lease (dhclient-script(8)), and those after which it has given up. */
const HOLDS_LEASE = new Set(['BOUND', 'RENEW', 'REBIND', 'REBOOT', 'BOUND6', 'RENEW6', 'REBIND6', 'REBOOT6'])
const GAVE_UP = new Set(['FAIL', 'TIMEOUT', 'EXPIRE', 'FAIL6', 'EXPIRE6', 'STOP', 'STOP6'])

export function dhclientSucceeded(reason: string): boolean {
  return HOLDS_LEASE.has(reason)
}

export interface DhclientRunRequest {
  /** An interface of this machine's list (the engine checks it); a lab one runs dhclient as the lab's client. */
  iface: string
  family: DhclientFamily
  /** DHCPv6: ask for a delegated prefix (-P) instead of an address (-N). */
  prefixDelegation?: boolean
  keepLease?: boolean
  timeoutSeconds: number
  signal?: AbortSignal
}

export interface DhclientRunResult {
  family: DhclientFamily
  /** The interface dhclient ran on, and its network namespace in the lab (null: this machine's own). */
  iface: string
  namespace: string | null
  /** That interface's MAC address: the client's chaddr, and in DHCPv6 the base of its DUID (-D LL). */
  mac: string
  /** The reason of the invocation that ended the run (BOUND, BOUND6…), NAK, or TIMEOUT / FAIL. */
  reason: string
  /** One sentence: what happened, and for a failure what to check. */
  message: string
  /** The variables of that invocation: what `dhclient-run` prints. */
  variables: DhclientVariables
  /** Every invocation of the script, in order (PREINIT, BOUND, RELEASE…). */
  invocations: DhclientVariables[]
  stdout: string
  stderr: string
  exitCode: number | null
  /** The run's DHCP packets, sent and received, as captured (Ethernet frames). */
  packets: StreamPacket[]
  released: boolean
}

/** Why dhclient could not be run at all: a sentence with the fix. */
export class DhclientRunError extends Error {}

/** The script, beside the app's files (unpacked from the archive when packaged: dhclient executes it). */
export function dhclientScript(): string {
  return `${root}native/dhclient-vars.sh`.replace('/app.asar/', '/app.asar.unpacked/')
}

interface Place {
  iface: string
  namespace: string | null
  /** Where the capture helper listens: the lab's bridge sees both ends of the lab's link. */
  captureOn: string
}

/** The lab's client when `iface` is one of the lab's, else `iface` itself. */
export function dhclientPlace(iface: string): Place {
  if (isLabInterface(iface)) return { iface: lab.clientInterface, namespace: lab.clientNamespace, captureOn: lab.captureInterface }
  return { iface, namespace: null, captureOn: iface }
}

/** The command line, entering the lab's namespace when there is one. */
function commandLine(place: Place, dhclient: string, args: string[]): [string, string[]] {
  return place.namespace ? ['ip', ['netns', 'exec', place.namespace, dhclient, ...args]] : [dhclient, args]
}

/** `iface`'s MAC address, from iproute2 (in its namespace); null when it has none or is not there. */
export function interfaceMac(place: Pick<Place, 'iface' | 'namespace'>): string | null {
  try {
    const out = execFileSync('ip', ['-j', ...(place.namespace ? ['-n', place.namespace] : []), 'link', 'show', 'dev', place.iface], { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, stdio: ['ignore', 'pipe', 'ignore'] })
    const [link] = JSON.parse(out) as { address?: string; link_type?: string }[]
    return link?.link_type === 'ether' && link.address ? link.address.toLowerCase() : null
  } catch {
    return null
  }
}

/** The first `max` bytes of a stream, and a note when more came. */
export class BoundedText {
  private text = ''
  private cut = false
  constructor(private readonly max: number) {}
  add(chunk: Buffer): void {
    if (this.text.length + chunk.length <= this.max) this.text += chunk.toString('utf8')
    else {
      this.text += chunk.subarray(0, Math.max(0, this.max - this.text.length)).toString('utf8')
      this.cut = true
    }
  }
  toString(): string {
    return this.cut ? `${this.text}\n… (cut at ${this.max / 1024} KiB)` : this.text
  }
}

/** The script's invocations so far: one JSON object a line (a line it could not write whole is left out). */
export function readInvocations(path: string): DhclientVariables[] {
  let text: string
  try {
    if (statSync(path).size > MAX_VARS_BYTES) throw new DhclientRunError(`dhclient's script wrote more than ${MAX_VARS_BYTES / 1024 / 1024} MiB of variables; the run was stopped.`)
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof DhclientRunError) throw error
    return []
  }
  return text.split('\n').flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as unknown
      return parsed && typeof parsed === 'object' && typeof (parsed as DhclientVariables).reason === 'string' ? [parsed as DhclientVariables] : []
    } catch {
      return []
    }
  })
}

/** Refuses, before anything runs, what cannot work: no dhclient, no root, an interface with no MAC address. */
function preflight(place: Place): { dhclient: string; mac: string } {
  const dhclient = findTool('dhclient')
  if (!dhclient) throw new DhclientRunError('dhclient is not installed: install ISC dhclient (sudo apt-get install isc-dhcp-client), or use the built-in client.')
  if (process.getuid?.() !== 0) {
    throw new DhclientRunError('Running the real dhclient needs root: it opens raw sockets on the interface (and enters the lab\'s namespace). Run the app or `sudo fieldkit dhclient-run` as root, or use the built-in client, which needs only the capture helper\'s rights.')
  }
  const mac = interfaceMac(place)
  if (!mac) throw new DhclientRunError(`${place.iface}${place.namespace ? ` (in the lab's namespace ${place.namespace})` : ''} is not an Ethernet interface this machine has: pick one from the interface list${place.namespace ? ', or bring the lab up (sudo fieldkit lab up)' : ''}.`)
  return { dhclient, mac }
}

/**
 * Whether dhclient's lease would be this machine's own: DHCPv4 on an interface where this machine holds a lease has
 * the same MAC (and, as Debian's dhclient sends none, no client id), so the server gives it that very lease, and a
 * release would take the machine's address away. (DHCPv6 runs with a DUID-LL of their own.)
 */
export function machinesOwnLease(iface: string, family: DhclientFamily): boolean {
  return family === 4 && !isLabInterface(iface) && listCaptureInterfaces().some((i) => i.name === iface && i.dhcp)
}

/** The capture helper on `iface`, keeping the DHCP packets `ours` says belong to the run; resolves once it captures. */
function startCapture(iface: string, family: DhclientFamily, ours: (data: Uint8Array) => boolean): Promise<{ packets: StreamPacket[]; stop(): Promise<void> }> {
  const filter = family === 4 ? 'udp port 67 or udp port 68' : 'udp port 546 or udp port 547'
  const splitter = new PcapStreamSplitter()
  const packets: StreamPacket[] = []
  return new Promise((resolve, reject) => {
    let ended: (error: CaptureSourceError | null) => void = () => {}
    const end = new Promise<CaptureSourceError | null>((done) => (ended = done))
    const timer = setTimeout(() => {
      source.stop()
      reject(new CaptureSourceError('failed', `Capturing on ${iface} stopped: the capture helper did not start within ${CAPTURE_START_MS / 1000} s.`))
    }, CAPTURE_START_MS)
    const source = startHelperCapture({ iface, filter }, {
      data(chunk) {
        for (const packet of splitter.push(Buffer.from(chunk))) if (ours(packet.data)) packets.push(packet)
        if (!splitter.started) return
        clearTimeout(timer)
        resolve({ packets, stop: async () => {
          source.stop()
          await end
        } })
      },
      counters() {},
      end(error) {
        clearTimeout(timer)
        ended(error)
        reject(error ?? new CaptureSourceError('failed', `Capturing on ${iface} stopped before it began.`))
      },
    })
  })
}

/**
 * The run's packets: DHCPv4 with this chaddr; DHCPv6 with this run's client id (the DUID-LL of -D LL), so another
 * dhclient on the same interface (with a DUID of its own) is not taken for this one.
 */
function packetsOf(family: DhclientFamily, mac: string): (data: Uint8Array) => boolean {
  const duid = Buffer.from(duidFor('ll', mac)).toString('hex')
  return (data) => {
    const dhcp = decodeFrame(1, data, data.length, { tree: false }).dhcp
    if (family === 4) return dhcp?.family === 4 && dhcp.chaddr === mac
    return dhcp?.family === 6 && (dhcp.options.find((o) => o.code === CLIENT_ID)?.value as { hex?: string } | undefined)?.hex === duid
  }
}

/** The server's message of a NAK the run received (DHCPv4 option 56), or null when none came. */
function nakMessage(packets: StreamPacket[]): string | null {
  for (const { data } of packets) {
    const dhcp = decodeFrame(1, data, data.length, { tree: false }).dhcp
    if (dhcp?.family === 4 && dhcp.type === 'NAK') return String(dhcp.options.find((o) => o.code === 56)?.value ?? '')
  }
  return null
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((done) => child.once('close', (code) => done(code)))
}

/** Stops `child` (SIGTERM, then SIGKILL after a grace) and waits for it. */
async function stopped(child: ChildProcess): Promise<number | null> {
  child.kill('SIGTERM')
  const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  const code = await exited(child)
  clearTimeout(kill)
  return code
}

/** Waits for the invocation that ends the run, dhclient's exit, the timeout or a Stop: which one, and the invocations. */
function outcome(child: ChildProcess, varsFile: string, timeoutMs: number, signal?: AbortSignal): Promise<'lease' | 'gave-up' | 'exited' | 'timeout' | 'stopped'> {
  return new Promise((resolve, reject) => {
    const finish = (how: 'lease' | 'gave-up' | 'exited' | 'timeout' | 'stopped') => {
      clearInterval(poll)
      clearTimeout(timer)
      signal?.removeEventListener('abort', abort)
      resolve(how)
    }
    const abort = () => finish('stopped')
    const poll = setInterval(() => {
      try {
        const last = readInvocations(varsFile).at(-1)?.reason
        if (last && HOLDS_LEASE.has(last)) finish('lease')
        else if (last && GAVE_UP.has(last)) finish('gave-up')
      } catch (error) {
        clearInterval(poll)
        clearTimeout(timer)
        reject(error)
      }
    }, POLL_MS)
    const timer = setTimeout(() => finish('timeout'), timeoutMs)
    child.once('close', () => setTimeout(() => finish('exited'), POLL_MS))
    if (signal?.aborted) abort()
    else signal?.addEventListener('abort', abort)
  })
}

function failureMessage(how: 'gave-up' | 'exited' | 'timeout', timeoutSeconds: number, exitCode: number | null, nak: string | null, stderr: string): string {
  if (nak !== null) return `The server refused dhclient's request (NAK)${nak ? `: ${nak}` : ''}.`
  if (how === 'timeout') return `dhclient got no lease within ${timeoutSeconds} s: check that a DHCP server or relay serves this link, or allow more time.`
  const said = stderr.trim().split('\n').filter((line) => line && !/^(Internet Systems|Copyright|All rights|For info)/.test(line)).at(-1)
  return `dhclient ended without a lease${exitCode !== null ? ` (exit status ${exitCode})` : ''}${said ? `: ${said.replace(/[.\s]+$/, '')}` : ''}.`
}

/**
 * Runs dhclient once. Throws DhclientRunError when it cannot run (not installed, no root, no such interface),
 * CaptureSourceError when the capture cannot start, ClientStopped on a Stop; a timeout, a NAK or a failure is a result.
 */
export async function runDhclient(request: DhclientRunRequest): Promise<DhclientRunResult> {
  const { family, timeoutSeconds, signal } = request
  if (!(timeoutSeconds > 0 && timeoutSeconds <= MAX_DHCLIENT_SECONDS)) throw new DhclientRunError(`The time allowed must be more than 0 and at most ${MAX_DHCLIENT_SECONDS} seconds.`)
  const place = dhclientPlace(request.iface)
  const { dhclient, mac } = preflight(place)
  const dir = mkdtempSync(join(tmpdir(), 'fieldkit-dhclient-'))
  const varsFile = join(dir, 'vars.jsonl')
  const familyArgs = family === 4 ? ['-4'] : ['-6', request.prefixDelegation ? '-P' : '-N']
  // -D LL: in DHCPv6 the DUID is made from the interface's MAC address, so every run is the same client.
  const files = ['-sf', dhclientScript(), '-lf', join(dir, 'dhclient.leases'), '-pf', join(dir, 'dhclient.pid'), '-e', `FIELDKIT_VARS_FILE=${varsFile}`, ...familyArgs, ...(family === 6 ? ['-D', 'LL'] : [])]
  const capture = await startCapture(place.captureOn, family, packetsOf(family, mac)).catch((error) => {
    rmSync(dir, { recursive: true, force: true })
    throw error
  })
  const stdout = new BoundedText(MAX_OUTPUT_BYTES)
  const stderr = new BoundedText(MAX_OUTPUT_BYTES)
  let released = false
  let exitCode: number | null = null
  let how: Awaited<ReturnType<typeof outcome>>
  const ownLease = machinesOwnLease(request.iface, family)
  try {
    const [command, args] = commandLine(place, dhclient, ['-d', '-1', ...files, place.iface])
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout!.on('data', (chunk: Buffer) => stdout.add(chunk))
    child.stderr!.on('data', (chunk: Buffer) => stderr.add(chunk))
    const spawnError = new Promise<never>((_, reject) => child.once('error', (error) => reject(new DhclientRunError(`dhclient could not be started: ${error.message}.`))))
    try {
      how = await Promise.race([outcome(child, varsFile, timeoutSeconds * 1000, signal), spawnError])
    } catch (error) {
      await stopped(child)
      throw error
    }
    if (how === 'lease' && !request.keepLease && !ownLease) {
      // Given the same lease and pid files, `dhclient -r` stops the running one and releases its lease.
      const [releaseCommand, releaseArgs] = commandLine(place, dhclient, ['-r', ...files, place.iface])
      const release = spawn(releaseCommand, releaseArgs, { stdio: ['ignore', 'ignore', 'pipe'] })
      release.stderr!.on('data', (chunk: Buffer) => stderr.add(chunk))
      const kill = setTimeout(() => release.kill('SIGKILL'), RELEASE_MS)
      released = (await exited(release)) === 0
      clearTimeout(kill)
      exitCode = await Promise.race([exited(child), new Promise<number | null>((done) => setTimeout(() => done(null), STOP_GRACE_MS))]) ?? (await stopped(child))
    } else exitCode = how === 'exited' ? child.exitCode : await stopped(child)
  } finally {
    // dhclient may take the lab client's fixed addresses away (see restoreClientAddresses): the lab stays as built.
    if (place.namespace) restoreClientAddresses()
    await new Promise((done) => setTimeout(done, SETTLE_MS))
    await capture.stop()
  }
  const invocations = readInvocations(varsFile)
  rmSync(dir, { recursive: true, force: true })
  if (how === 'stopped') throw new ClientStopped()
  const packets = capture.packets.sort((a, b) => a.timeMs - b.timeMs)
  const ending = [...invocations].reverse().find((v) => HOLDS_LEASE.has(v.reason) || GAVE_UP.has(v.reason))
  const base = { family, iface: place.iface, namespace: place.namespace, mac, invocations, stdout: stdout.toString(), stderr: stderr.toString(), exitCode, packets, released }
  if (how === 'lease' && ending) {
    const address = family === 4 ? ending.new_ip_address : ending.new_ip6_address ?? ending.new_ip6_prefix
    const server = family === 4 ? ending.new_dhcp_server_identifier : ending.new_dhcp6_server_id
    const end = request.keepLease ? 'the lease was kept'
      : ownLease ? `the lease was kept: it is this machine's own on ${place.iface} (the same MAC), which a release would take away`
        : released ? 'the lease was released' : 'releasing the lease failed (see dhclient\'s output)'
    return { ...base, reason: ending.reason, variables: ending, message: `dhclient: ${ending.reason} with ${address ?? 'no address'} from ${server ?? 'the server'}; ${end}.` }
  }
  const nak = family === 4 ? nakMessage(packets) : null
  const reason = nak !== null ? 'NAK' : how === 'timeout' ? 'TIMEOUT' : ending?.reason ?? 'FAIL'
  return { ...base, reason, variables: { reason, interface: place.iface, ...(nak ? { new_dhcp_message: nak } : {}) }, message: failureMessage(how as 'gave-up' | 'exited' | 'timeout', timeoutSeconds, exitCode, nak, stderr.toString()) }
}
