// The built-in DHCPv4 test client (RFC 2131). It crafts its own frames, so any MAC and client id can be used without
// touching the machine's own interface, and sends them through the capture helper (helper-link.ts), which also
// captures every answer. A probe sends DISCOVER and lists every OFFER within the wait, taking no lease; a DORA takes a
// lease and, unless it is kept, releases it. The result is what a real client would see: dhclient's variables, the
// servers that answered, and a timeline of every packet with its latency.
import { randomInt } from 'node:crypto'
import type { ClientAnsweringServer as AnsweringServer, ClientTimelineEntry } from '../../contract/types'
import { EncodeError, hexBytes } from '../decode/dhcp4/encode-formats'
import { encodeDhcp4Message, type Dhcp4MessageFields } from '../decode/dhcp4/encode-message'
import { encodeOptionText, type EncodedOption } from '../decode/dhcp4/option-arguments'
import { mac as macText } from '../decode/bytes'
import { decodeFrame } from '../decode/frame'
import type { Dhcp4Message } from '../decode/types'
import { dhclientVariables, type DhclientVariables } from './dhclient-vars'
import { BROADCAST_MAC, DHCP_CLIENT_PORT, DHCP_SERVER_PORT, ethernetIpv4Udp } from './framing'
import type { HelperLink } from './helper-link'
import { isLabServer, MAX_LEASES_OUTSIDE_LAB } from './lab-guard'
import type { StreamPacket } from './pcap-stream'
import { retransmitDelays } from './retransmit'

export type Dhcp4ClientMode = 'probe' | 'dora'
/** dhclient's reasons where they apply (BOUND, FAIL, TIMEOUT), NAK for a refusal, OFFER for a probe answered. */
export type Dhcp4Reason = 'BOUND' | 'OFFER' | 'NAK' | 'TIMEOUT' | 'FAIL'

/** Debian's dhclient.conf asks for these (its `request` line): the default, so results compare with dhclient's. */
export const DHCLIENT_REQUEST_LIST = [1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42]
export const MAX_WAIT_SECONDS = 300
export const MAX_LEASES_PER_RUN = 100
/** How long a sent RELEASE is given to come back through the helper's stream before the run ends. */
const RELEASE_SETTLE_MS = 300

export interface Dhcp4ClientRequest {
  iface: string
  mode: Dhcp4ClientMode
  mac: string
  /** Option 61 as text: a MAC address (type 1) or any other identifier (type 0). */
  clientId?: string
  hostname?: string
  /** More options for every message the client sends. */
  options?: EncodedOption[]
  requestList?: number[]
  /** How long each step waits for answers, retransmitting as RFC 2131 says. */
  waitSeconds: number
  keepLease?: boolean
  /** Leases to take one after another (DORA), each with the next MAC; guarded outside the lab. */
  count?: number
  /** Stops the run between packets (the app's Stop): it ends with a ClientStopped. */
  signal?: AbortSignal
}

/** The run was stopped before it ended; the packets it sent until then are not kept. */
export class ClientStopped extends Error {
  constructor() {
    super('The test client run was stopped.')
  }
}

/** A packet of the run; the app numbers them as frames of the run's capture. */
export type TimelineEntry = Omit<ClientTimelineEntry, 'frame'>

export interface LeaseResult {
  mac: string
  reason: Dhcp4Reason
  /** One sentence: what happened, and for a failure what to check. */
  message: string
  variables: DhclientVariables
  released: boolean
}

export interface Dhcp4ClientResult {
  mode: Dhcp4ClientMode
  reason: Dhcp4Reason
  message: string
  /** The variables of the first lease (or offer): what `probe` prints. */
  variables: DhclientVariables
  leases: LeaseResult[]
  servers: AnsweringServer[]
  timeline: TimelineEntry[]
  /** Every DHCPv4 packet seen, sent and received, as captured (Ethernet frames). */
  packets: StreamPacket[]
}

interface Seen {
  packet: StreamPacket
  message: Dhcp4Message
  source: string
  destination: string
}

/** The packets the helper hands over, decoded, with a way to wait for the next one. */
class Wire {
  readonly seen: Seen[] = []
  private arrived: () => void = () => {}

  take(packet: StreamPacket): void {
    const frame = decodeFrame(1, packet.data)
    if (frame.dhcp?.family !== 4) return
    this.seen.push({ packet, message: frame.dhcp, source: frame.source, destination: frame.destination })
    this.arrived()
  }

  /** Resolves on the next packet, at `untilMs` or when `signal` aborts, whichever is first. */
  next(untilMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((done) => {
      const wake = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', wake)
        done()
      }
      const timer = setTimeout(wake, Math.max(0, untilMs - Date.now()))
      signal?.addEventListener('abort', wake)
      this.arrived = wake
    })
  }
}

function option(message: Dhcp4Message, code: number): unknown {
  return message.options.find((o) => o.code === code)?.value
}

function serverOf(seen: Seen): string {
  return (option(seen.message, 54) as string | undefined) ?? seen.source
}

function noOffer(waitSeconds: number): string {
  return `No server offered an address within ${waitSeconds} s: check that a DHCP server or relay serves this link.`
}

/** The next MAC address: the last bytes counted up, for leases after the first. */
function nthMac(mac: string, n: number): string {
  const bytes = hexBytes(mac)
  let carry = n
  for (let i = bytes.length - 1; i >= 0 && carry > 0; i--) {
    const sum = bytes[i] + carry
    bytes[i] = sum % 256
    carry = Math.floor(sum / 256)
  }
  return macText(Uint8Array.from(bytes), 0, bytes.length)
}

class Dhcp4Client {
  constructor(private readonly request: Dhcp4ClientRequest, private readonly link: HelperLink, private readonly wire: Wire) {}

  private baseOptions(): EncodedOption[] {
    const { clientId, hostname, requestList = DHCLIENT_REQUEST_LIST, options = [] } = this.request
    return [
      ...(clientId ? [encodeOptionText(61, clientId)] : []),
      ...(hostname ? [encodeOptionText(12, hostname)] : []),
      { code: 55, bytes: requestList },
      ...options,
    ]
  }

  private send(fields: Omit<Dhcp4MessageFields, 'op'>, type: number, frame: { destinationMac: string; sourceIp: string; destinationIp: string }): void {
    const payload = encodeDhcp4Message({ ...fields, op: 1, options: [{ code: 53, bytes: [type] }, ...fields.options] })
    this.link.send(ethernetIpv4Udp(fields.chaddr, frame.destinationMac, {
      sourceIp: frame.sourceIp, destinationIp: frame.destinationIp, sourcePort: DHCP_CLIENT_PORT, destinationPort: DHCP_SERVER_PORT, payload,
    }))
  }

  /**
   * Sends with `send` (again after each RFC 2131 delay while `again` holds) until `done` says the answers so far are
   * enough or the wait ends; returns the answers that `accept` keeps.
   */
  private async exchange(send: (secs: number) => void, accept: (seen: Seen) => boolean, done: (answers: Seen[]) => boolean, again: (answers: Seen[]) => boolean): Promise<Seen[]> {
    const start = Date.now()
    const deadline = start + this.request.waitSeconds * 1000
    const delays = retransmitDelays()
    const answers: Seen[] = []
    let from = this.wire.seen.length
    let nextSend = start
    const { signal } = this.request
    while (Date.now() < deadline) {
      if (this.link.failure) throw this.link.failure
      if (signal?.aborted) throw new ClientStopped()
      if (Date.now() >= nextSend && (answers.length === 0 || again(answers))) {
        send(Math.floor((Date.now() - start) / 1000))
        nextSend = Date.now() + delays.next().value
      }
      await this.wire.next(Math.min(nextSend, deadline), signal)
      for (; from < this.wire.seen.length; from++) if (accept(this.wire.seen[from])) answers.push(this.wire.seen[from])
      if (done(answers)) break
    }
    return answers
  }

  private isAnswer(xid: number, mac: string, types: string[]) {
    return ({ message }: Seen) => message.op === 2 && message.xid === xid && message.chaddr === mac && types.includes(message.type)
  }

  private variables(seen: Seen): DhclientVariables {
    return dhclientVariables(seen.packet.data, seen.message, { interface: this.request.iface, receivedMs: seen.packet.timeMs, requested: this.request.requestList ?? DHCLIENT_REQUEST_LIST })
  }

  private discover(mac: string, xid: number, collectAll: boolean): Promise<Seen[]> {
    return this.exchange(
      (secs) => this.send({ xid, chaddr: mac, secs, options: this.baseOptions() }, 1, { destinationMac: BROADCAST_MAC, sourceIp: '0.0.0.0', destinationIp: '255.255.255.255' }),
      this.isAnswer(xid, mac, ['OFFER']), (offers) => !collectAll && offers.length > 0, () => false,
    )
  }

  async probe(): Promise<LeaseResult> {
    const { mac, waitSeconds } = this.request
    const offers = await this.discover(mac, randomInt(2 ** 32), true)
    if (offers.length === 0) return { mac, reason: 'TIMEOUT', message: noOffer(waitSeconds), variables: { reason: 'TIMEOUT', interface: this.request.iface }, released: false }
    const servers = [...new Set(offers.map(serverOf))]
    return { mac, reason: 'OFFER', message: `${servers.length} server${servers.length === 1 ? '' : 's'} offered an address (${servers.join(', ')}); no lease was taken.`, variables: { reason: 'OFFER', ...this.variables(offers[0]) }, released: false }
  }

  async dora(mac: string): Promise<LeaseResult & { server?: string }> {
    const { waitSeconds, iface } = this.request
    const xid = randomInt(2 ** 32)
    const [offer] = await this.discover(mac, xid, false)
    if (!offer) return { mac, reason: 'TIMEOUT', message: noOffer(waitSeconds), variables: { reason: 'TIMEOUT', interface: iface }, released: false }
    const server = serverOf(offer)
    const offered = offer.message.yiaddr
    const options = [encodeOptionText(50, offered), encodeOptionText(54, server), ...this.baseOptions()]
    const [answer] = await this.exchange(
      (secs) => this.send({ xid, chaddr: mac, secs, options }, 3, { destinationMac: BROADCAST_MAC, sourceIp: '0.0.0.0', destinationIp: '255.255.255.255' }),
      (seen) => this.isAnswer(xid, mac, ['ACK', 'NAK'])(seen) && serverOf(seen) === server, (answers) => answers.length > 0, () => false,
    )
    if (!answer) return { mac, server, reason: 'TIMEOUT', message: `${server} offered ${offered} but did not answer the REQUEST within ${waitSeconds} s.`, variables: { reason: 'TIMEOUT', interface: iface }, released: false }
    if (answer.message.type === 'NAK') {
      const said = option(answer.message, 56) as string | undefined
      return { mac, server, reason: 'NAK', message: `${server} refused the request for ${offered} (NAK)${said ? `: ${said}` : ''}.`, variables: { reason: 'NAK', interface: iface, ...(said ? { new_dhcp_message: said } : {}) }, released: false }
    }
    const variables = { reason: 'BOUND', ...this.variables(answer) }
    const released = this.request.keepLease ? false : await this.release(mac, answer, server)
    return { mac, server, reason: 'BOUND', message: `Bound to ${answer.message.yiaddr} from ${server}${released ? ', then released it' : ', lease kept'}.`, variables, released }
  }

  /** RFC 2131 section 4.4.6: unicast to the server, from the leased address; no answer comes. */
  private async release(mac: string, ack: Seen, server: string): Promise<boolean> {
    const address = ack.message.yiaddr
    const serverMac = macText(ack.packet.data, 6)
    this.send({ xid: randomInt(2 ** 32), chaddr: mac, ciaddr: address, options: [encodeOptionText(54, server), ...this.baseOptions().filter((o) => o.code === 61)] }, 7, { destinationMac: serverMac, sourceIp: address, destinationIp: server })
    await new Promise((done) => setTimeout(done, RELEASE_SETTLE_MS))
    return true
  }
}

/** The run's packets of transactions `xids`, in time order. */
function ofRun(seen: Seen[], xids: Set<number>): Seen[] {
  return seen.filter((s) => xids.has(s.message.xid)).sort((a, b) => a.packet.timeMs - b.packet.timeMs)
}

/** For an answer at `i` of `ours`: milliseconds since the latest request of its transaction before it. */
function latency(ours: Seen[], i: number): number | null {
  if (ours[i].message.op !== 2) return null
  for (let j = i - 1; j >= 0; j--) {
    if (ours[j].message.op === 1 && ours[j].message.xid === ours[i].message.xid) return ours[i].packet.timeMs - ours[j].packet.timeMs
  }
  return null
}

/** Who answered: the first answer of each type from each server. */
function answeringServers(ours: Seen[]): AnsweringServer[] {
  const servers = new Map<string, AnsweringServer>()
  for (const [i, s] of ours.entries()) {
    const server = serverOf(s)
    const key = `${server} ${s.message.type}`
    if (s.message.op !== 2 || servers.has(key)) continue
    servers.set(key, {
      server, mac: macText(s.packet.data, 6), type: s.message.type, address: s.message.yiaddr, latencyMs: latency(ours, i) ?? 0,
      ...(s.message.type === 'NAK' ? { message: String(option(s.message, 56) ?? '') } : {}),
    })
  }
  return [...servers.values()]
}

function timeline(ours: Seen[]): TimelineEntry[] {
  const start = ours[0]?.packet.timeMs ?? 0
  return ours.map((s, i) => ({
    atMs: s.packet.timeMs - start, direction: s.message.op === 1 ? 'sent' : 'received', type: s.message.type, xid: `0x${s.message.xid.toString(16).padStart(8, '0')}`,
    source: s.source, destination: s.destination, latencyMs: latency(ours, i),
  }))
}

/**
 * Runs the client on an open helper link. Throws an EncodeError for options that cannot be sent and a
 * CaptureSourceError when the helper fails; every DHCP outcome (a timeout, a NAK) is a result.
 */
export async function runDhcp4Client(request: Dhcp4ClientRequest, openLink: (onPacket: (packet: StreamPacket) => void) => Promise<HelperLink>): Promise<Dhcp4ClientResult> {
  const count = request.count ?? 1
  if (!Number.isInteger(count) || count < 1 || count > MAX_LEASES_PER_RUN) throw new EncodeError(`the number of leases must be 1 to ${MAX_LEASES_PER_RUN}`)
  if (!(request.waitSeconds > 0 && request.waitSeconds <= MAX_WAIT_SECONDS)) throw new EncodeError(`the wait must be more than 0 and at most ${MAX_WAIT_SECONDS} seconds`)
  if (hexBytes(request.mac).length !== 6) throw new EncodeError(`"${request.mac}" is not a MAC address (six bytes, like 02:00:5e:00:53:01)`)
  const wire = new Wire()
  const link = await openLink((packet) => wire.take(packet))
  const client = new Dhcp4Client({ ...request, mac: request.mac.toLowerCase() }, link, wire)
  const leases: LeaseResult[] = []
  try {
    if (request.mode === 'probe') leases.push(await client.probe())
    else {
      let outsideLab = 0
      for (let n = 0; n < count; n++) {
        if (outsideLab >= MAX_LEASES_OUTSIDE_LAB) {
          leases.push({ mac: nthMac(request.mac, n), reason: 'FAIL', message: `Stopped after ${MAX_LEASES_OUTSIDE_LAB} leases from a server that is not the lab's: a run takes at most ${MAX_LEASES_OUTSIDE_LAB} outside the lab.`, variables: { reason: 'FAIL', interface: request.iface }, released: false })
          break
        }
        const lease = await client.dora(nthMac(request.mac, n))
        leases.push(lease)
        if (lease.server && lease.reason === 'BOUND' && !isLabServer(request.iface, lease.server)) outsideLab++
        if (lease.reason !== 'BOUND') break
      }
    }
  } finally {
    await link.close()
  }
  const xids = new Set(wire.seen.filter((s) => s.message.op === 1 && leases.some((l) => l.mac === s.message.chaddr)).map((s) => s.message.xid))
  const ours = ofRun(wire.seen, xids)
  const last = leases.at(-1)!
  return {
    mode: request.mode, reason: last.reason, message: leases.length > 1 ? `${leases.filter((l) => l.reason === 'BOUND').length} of ${count} leases bound. ${last.message}` : last.message,
    variables: leases[0].variables, leases, servers: answeringServers(ours), timeline: timeline(ours), packets: ours.map((s) => s.packet),
  }
}
