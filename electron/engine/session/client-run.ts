// The built-in test client as the app runs it (client.run): a job the user can stop, whose packets are written as a
// pcap file into the data folder and opened as a capture of the session, so the run's timeline opens in the packet
// view; the run itself (reason, variables, servers, timeline) is kept with it (client-run-store.ts).
import type { CheckedParams } from '../../contract/methods'
import type { ClientRunResult } from '../../contract/types'
import type { CaptureRecord } from '../capture-file/record'
import { writeCapture } from '../capture-file/write'
import { ClientStopped, runDhcp4Client, type Dhcp4ClientMode, type Dhcp4ClientResult } from '../client/dhcp4-client'
import { openHelperLink } from '../client/helper-link'
import { randomMac } from '../client/random-mac'
import { RunRateLimiter } from '../client/run-limits'
import type { StreamPacket } from '../client/pcap-stream'
import { EncodeError } from '../decode/dhcp4/encode-formats'
import { parseOptionArgument } from '../decode/dhcp4/option-arguments'
import { ContractError } from '../errors'
import type { EventSink } from '../events'
import { writeAtomically } from '../files/atomic-write'
import type { CaptureIndex } from '../index/capture-index'
import { Job, type Jobs } from '../jobs'
import { CaptureSourceError } from '../live/source'
import type { SessionStore } from '../store/sessions'
import { openCaptureInSession } from './capture-import'
import type { ClientRunStore } from './client-run-store'
import { runClient6 } from './client-run6'

/** The helper captures Ethernet frames, and the client crafts them. */
const ETHERNET = 1

export interface TestClientDeps {
  sessions: SessionStore
  emit: EventSink
  jobs: Jobs
  store: ClientRunStore
  /** A fresh path in the data folder for a capture file of this name. */
  newPath(name: string): string
  /** Hands the capture's index to the engine's analyses (packet pages, filters, transactions). */
  adopt(captureId: number, index: CaptureIndex, done: Promise<unknown>): void
}

/** The client's messages are fragments for the CLI's `fieldkit: …`; the app shows sentences. */
function sentence(fragment: string): string {
  const text = fragment.charAt(0).toUpperCase() + fragment.slice(1)
  return /[.!?]$/.test(text) ? text : `${text}.`
}

/** What either family's client gives back that the run keeps. */
type RunOutcome = Pick<Dhcp4ClientResult, 'message' | 'variables' | 'timeline' | 'servers' | 'packets'> & { reason: string; released: boolean; duid?: string }

function records(packets: StreamPacket[]): CaptureRecord[] {
  return packets.map((packet, i) => {
    const seconds = Math.floor(packet.timeMs / 1000)
    const micros = Math.min(999_999, Math.round((packet.timeMs - seconds * 1000) * 1000))
    return { frame: i + 1, timestampSeconds: seconds, timestampFraction: micros, fractionDigits: 6, originalLength: packet.data.length, linkType: ETHERNET, interfaceId: 0, data: packet.data }
  })
}

/** A run's packets as a pcap file in the data folder, opened as a capture of the session (a new one when none is named). */
export async function keepRunCapture(deps: TestClientDeps, run: { sessionId?: number; iface: string; name: string; packets: StreamPacket[] }): Promise<{ captureId: number; sessionId: number }> {
  const { sessions, emit } = deps
  const path = writeAtomically({ path: deps.newPath(`${run.name}.pcap`), replace: false }, (temporary) => writeCapture(temporary, 'pcap', records(run.packets), { digits: 6 }))
  const load = openCaptureInSession(sessions, emit, { path, name: run.name }, () => run.sessionId ?? sessions.create(`Test client on ${run.iface}`).id)
  deps.adopt(load.capture.id, load.index, load.done)
  await load.done
  return { captureId: load.capture.id, sessionId: load.capture.sessionId }
}

export class TestClient {
  private started = 0
  /** Runs outside the lab are rate-limited (run-limits.ts), the real dhclient's too. */
  readonly limiter = new RunRateLimiter()

  constructor(private readonly deps: TestClientDeps) {}

  /** Runs the client; throws ContractError for options that cannot be sent, a helper that cannot send, or a Stop. */
  async run(request: CheckedParams<'client.run'>): Promise<ClientRunResult> {
    const { iface, mode } = request
    const refused = this.limiter.admit(iface)
    if (refused) throw new ContractError('bad-input', refused)
    const mac = (request.mac ?? randomMac()).toLowerCase()
    let options
    try {
      // DHCPv6's options are read by its own registry, in runClient6.
      options = request.family === 4 ? request.options?.map(parseOptionArgument) : undefined
    } catch (error) {
      throw userError(error)
    }
    const startedAt = new Date().toISOString()
    const title = `Test client ${mode.toUpperCase()} on ${iface}`
    const stop = new AbortController()
    const jobId = `client-run-${++this.started}`
    const job = new Job(jobId, title, null, this.deps.emit, this.deps.jobs.register(jobId, () => stop.abort()))
    job.progress(0)
    let result: RunOutcome
    try {
      result = request.family === 6 ? await runClient6(request, mac, stop.signal) : withReleased(await runDhcp4Client({
        iface, mode: mode as Dhcp4ClientMode, mac, clientId: request.clientId, hostname: request.hostname, options, waitSeconds: request.wait, keepLease: request.keep, signal: stop.signal,
        fqdn: request.fqdn, fqdnServerUpdate: request.fqdnServerUpdate, vendorClass: request.vendorClass, requestList: request.requestList,
        requestedAddress: request.requestedAddress, broadcast: request.broadcast, secs: request.secs,
        address: request.address, server: request.server,
        ...(request.relay ? { relay: { giaddr: request.relay, circuitId: request.circuitId, remoteId: request.remoteId } } : {}),
      }, (onPacket) => openHelperLink(iface, onPacket)))
    } catch (error) {
      job.fail(error)
      throw userError(error)
    }
    const run = await this.keep(request, mac, startedAt, result)
    job.finish(result.packets.length)
    return run
  }

  /** The run's packets become a capture of the session (a new session when none was named), the run is kept with it. */
  private async keep(request: CheckedParams<'client.run'>, mac: string, startedAt: string, result: RunOutcome): Promise<ClientRunResult> {
    const { emit, store } = this.deps
    const { iface, mode } = request
    const name = `Test client ${mode} on ${iface} ${startedAt.slice(0, 19).replace('T', ' ')}`
    const { captureId, sessionId } = await keepRunCapture(this.deps, { sessionId: request.sessionId, iface, name, packets: result.packets })
    const run: ClientRunResult = {
      captureId, sessionId, iface, mode, family: request.family, mac, ...(result.duid ? { duid: result.duid } : {}), startedAt,
      reason: result.reason, message: result.message, variables: result.variables,
      timeline: result.timeline.map((entry, i) => ({ frame: i + 1, ...entry })), servers: result.servers,
      released: result.released,
    }
    store.save(run)
    emit('sessions.changed', { sessionId: run.sessionId })
    return run
  }
}

/** A DHCPv4 result says per lease whether it was released; the run was released if any was. */
function withReleased(result: Dhcp4ClientResult): RunOutcome {
  return { ...result, released: result.leases.some((lease) => lease.released) }
}

/** The client's errors as the user's: an option that cannot be sent, a helper that cannot send, a Stop. */
export function userError(error: unknown): unknown {
  if (error instanceof EncodeError) return new ContractError('bad-input', sentence(error.message))
  if (error instanceof CaptureSourceError) return new ContractError('bad-input', error.message)
  if (error instanceof ClientStopped) return new ContractError('cancelled', error.message)
  return error
}
