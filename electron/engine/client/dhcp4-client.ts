// The built-in DHCPv4 test client (RFC 2131). It crafts its own frames, so any MAC and client id can be used without
// touching the machine's own interface, and sends them through the capture helper (helper-link.ts), which also
// captures every answer. A probe sends DISCOVER and lists every OFFER within the wait, taking no lease; a DORA takes a
// lease and, unless it is kept, releases it. RENEW, REBIND, INIT-REBOOT, INFORM, RELEASE and DECLINE work on an
// address given, or on the lease a DORA of the same run takes first, so they need no earlier state. As a relay, every
// message a client would broadcast goes instead to the server, from the relay's address, as a relay agent sends it.
// The result is what a real client would see: dhclient's variables, the servers that answered, and a timeline of
// every packet with its latency.
import { randomInt } from 'node:crypto'
import type { ClientAnsweringServer as AnsweringServer, ClientRunResult, ClientTimelineEntry } from '../../contract/types'
import { EncodeError, hexBytes, ipv4Bytes } from '../decode/dhcp4/encode-formats'
import { encodeDhcp4Message, type Dhcp4MessageFields } from '../decode/dhcp4/encode-message'
import { encodeOptionText } from '../decode/dhcp4/option-arguments'
import { mac as macText } from '../decode/bytes'
import type { Dhcp4Message } from '../decode/types'
import { arpProbe } from './arp'
import { asOldVariables, dhclientVariables, type DhclientVariables } from './dhclient-vars'
import { clientOptions, type ClientOptions, type Dhcp4ClientParameters } from './dhcp4-client-options'
import { ClientStopped, exchange } from './exchange'
import { BROADCAST_MAC, DHCP_CLIENT_PORT, DHCP_SERVER_PORT, ethernetIpv4Udp } from './framing'
import type { HelperLink } from './helper-link'
import { isLabServer, MAX_LEASES_OUTSIDE_LAB } from './lab-guard'
import type { StreamPacket } from './pcap-stream'
import { relayAgentOption, type RelayAgent } from './relay-agent'
import { retransmitDelays } from './retransmit'
import { leaseGapMs } from './run-limits'
import { Wire, type Seen } from './wire'

/** The DHCPv4 modes: every mode of a run but the DHCPv6 client's own. */
export type Dhcp4ClientMode = Exclude<ClientRunResult['mode'], 'solicit' | 'sarr' | 'info'>
/**
 * dhclient's reasons where it has the exchange (BOUND, RENEW, REBIND, REBOOT, RELEASE, FAIL, TIMEOUT), NAK for a
 * refusal, and the client's own for what dhclient never does in DHCPv4: OFFER (a probe answered), INFORM, DECLINE.
 */
export type Dhcp4Reason = 'BOUND' | 'RENEW' | 'REBIND' | 'REBOOT' | 'RELEASE' | 'INFORM' | 'DECLINE' | 'OFFER' | 'NAK' | 'TIMEOUT' | 'FAIL'
const SUCCEEDED: ReadonlySet<Dhcp4Reason> = new Set(['BOUND', 'RENEW', 'REBIND', 'REBOOT', 'RELEASE', 'INFORM', 'DECLINE', 'OFFER'])

export function succeeded(reason: Dhcp4Reason): boolean {
  return SUCCEEDED.has(reason)
}

export const MAX_WAIT_SECONDS = 300
export const MAX_LEASES_PER_RUN = 100
/** How long a sent RELEASE or DECLINE (which get no answer) is given to come back through the helper's stream. */
const UNANSWERED_SETTLE_MS = 300
/** How often the ARP probe for a server's MAC address is repeated within the wait. */
const ARP_RETRY_MS = 1000
/**
 * Why an INIT-REBOOT may go unanswered: RFC 2131 section 4.3.2 has a server that knows nothing of the client stay
 * silent, and Kea does so unless "authoritative" is set.
 */
const NOT_AUTHORITATIVE = ': a server that is not authoritative (Kea\'s default) ignores an INIT-REBOOT from a client it holds no lease for; a client then starts over with DISCOVER'
/** The secs field is 16 bits (RFC 2131 section 2). */
const MAX_SECS = 65535

export interface Dhcp4ClientRequest extends Dhcp4ClientParameters {
  iface: string
  mode: Dhcp4ClientMode
  mac: string
  /** Set the BOOTP broadcast flag where the client has no address yet (DISCOVER, and REQUEST in SELECTING and INIT-REBOOT). */
  broadcast?: boolean
  /** The secs the run's first message carries, as a client that has been trying that long; retransmissions count on. */
  secs?: number
  /** How long each step waits for answers, retransmitting as RFC 2131 says. */
  waitSeconds: number
  keepLease?: boolean
  /** Leases to take one after another (DORA), each with the next MAC; guarded outside the lab. */
  count?: number
  /** Relay every message a client would broadcast to `server`, as this relay agent. */
  relay?: RelayAgent
  /** The server to unicast to: the relay's server, the owner of the address given to renew, release or inform. */
  server?: string
  /** An address the client holds (ciaddr, or option 50 for INIT-REBOOT and DECLINE) instead of a DORA's first. */
  address?: string
  /** Stops the run between packets (the app's Stop): it ends with a ClientStopped. */
  signal?: AbortSignal
  /** Waits out the gap between the leases of a bulk run (run-limits.ts); tests pass their own so as not to wait. */
  pause?: (ms: number) => Promise<void>
}

export { ClientStopped }

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

function option(message: Dhcp4Message, code: number): unknown {
  return message.options.find((o) => o.code === code)?.value
}

function serverOf(seen: Seen): string {
  return (option(seen.message, 54) as string | undefined) ?? seen.source
}

/**
 * A server that cannot give an address stays silent (RFC 2131 section 4.3.1), whether its pool is full or it has no
 * subnet for the link: the sentence names what to check for each, for a relay by the giaddr the server selects on.
 */
function noOffer(request: Dhcp4ClientRequest): string {
  const { waitSeconds, relay, server } = request
  if (relay && server) return `No server offered an address through relay ${relay.giaddr} within ${waitSeconds} s: check that ${server} has a subnet for giaddr ${relay.giaddr} (its prefix, or ${relay.giaddr} among a subnet's relay ip-addresses) and that the subnet's pools have a free address.`
  return `No server offered an address within ${waitSeconds} s: check that a DHCP server or relay serves this link, and that its pool for this link has a free address.`
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

/** An address the client holds, and where to unicast about it. */
interface Held {
  address: string
  server?: string
  serverMac?: string
  /** The ACK of the DORA that took it in this run: the run releases it unless kept. */
  ack?: Seen
}

type Unicast = { mac: string; ip: string }

class Dhcp4Client {
  constructor(private readonly request: Dhcp4ClientRequest, private readonly sent: ClientOptions, private readonly link: HelperLink, private readonly wire: Wire) {}

  /**
   * From the relay's server port when relayed (giaddr set), else from the client's address (or 0.0.0.0) and port. The
   * broadcast flag, when asked for, goes where RFC 2131 section 4.1 has a client set it: on a DISCOVER or REQUEST sent
   * before it has an address (no ciaddr), so that the answer is broadcast.
   */
  private send(fields: Omit<Dhcp4MessageFields, 'op'>, type: number, to: Unicast): void {
    const broadcast = this.request.broadcast === true && fields.ciaddr === undefined && (type === 1 || type === 3)
    const payload = encodeDhcp4Message({ ...fields, op: 1, broadcast, options: [{ code: 53, bytes: [type] }, ...fields.options] })
    const relayed = fields.giaddr !== undefined
    this.link.send(ethernetIpv4Udp(fields.chaddr, to.mac, {
      sourceIp: fields.giaddr ?? fields.ciaddr ?? '0.0.0.0', destinationIp: to.ip,
      sourcePort: relayed ? DHCP_SERVER_PORT : DHCP_CLIENT_PORT, destinationPort: DHCP_SERVER_PORT, payload,
    }))
  }

  /** What a client broadcasts: on the link, or as the relay agent to the server (giaddr, hops 1, option 82). */
  private broadcast(fields: Omit<Dhcp4MessageFields, 'op'>, type: number): void {
    const { relay, server } = this.request
    if (!relay || !server) return this.send(fields, type, { mac: BROADCAST_MAC, ip: '255.255.255.255' })
    this.send({ ...fields, giaddr: relay.giaddr, hops: 1, options: [...fields.options, ...relayAgentOption(relay)] }, type, { mac: this.wire.macs.get(server)!, ip: server })
  }

  /** The MAC address of `ip` on the link, asked by ARP within the wait; null when nothing answers. */
  async macOf(ip: string): Promise<string | null> {
    const deadline = Date.now() + this.request.waitSeconds * 1000
    while (!this.wire.macs.has(ip) && Date.now() < deadline) {
      if (this.link.failure) throw this.link.failure
      if (this.request.signal?.aborted) throw new ClientStopped()
      this.link.send(arpProbe(this.request.mac, ip))
      const retry = Date.now() + ARP_RETRY_MS
      while (!this.wire.macs.has(ip) && Date.now() < Math.min(retry, deadline)) await this.wire.next(Math.min(retry, deadline), this.request.signal)
    }
    return this.wire.macs.get(ip) ?? null
  }

  /**
   * Sends with `send` (again after each RFC 2131 delay while `again` holds) until `done` says the answers so far are
   * enough or the wait ends; returns the answers that `accept` keeps.
   */
  private exchange(send: (secs: number) => void, accept: (seen: Seen) => boolean, done: (answers: Seen[]) => boolean, again: (answers: Seen[]) => boolean): Promise<Seen[]> {
    const { waitSeconds, signal, secs = 0 } = this.request
    return exchange({ link: this.link, wire: this.wire, waitSeconds, signal }, retransmitDelays(), { send: (elapsedMs) => send(Math.min(MAX_SECS, secs + Math.floor(elapsedMs / 1000))), accept, done, again })
  }

  /** Sends until the first answer of `types` comes (or the wait ends). */
  private async ask(fields: Omit<Dhcp4MessageFields, 'op'>, type: number, types: string[], to?: Unicast): Promise<Seen | undefined> {
    const [answer] = await this.exchange(
      (secs) => (to ? this.send({ ...fields, secs }, type, to) : this.broadcast({ ...fields, secs }, type)),
      this.isAnswer(fields.xid, fields.chaddr, types), (answers) => answers.length > 0, () => false,
    )
    return answer
  }

  private isAnswer(xid: number, mac: string, types: string[]) {
    return ({ message }: Seen) => message.op === 2 && message.xid === xid && message.chaddr === mac && types.includes(message.type)
  }

  private variables(seen: Seen): DhclientVariables {
    return dhclientVariables(seen.packet.data, seen.message, { interface: this.request.iface, receivedMs: seen.packet.timeMs, requested: this.sent.requestList })
  }

  private failure(mac: string, reason: 'TIMEOUT' | 'FAIL', message: string, server?: string): LeaseResult & { server?: string } {
    return { mac, ...(server ? { server } : {}), reason, message, variables: { reason, interface: this.request.iface }, released: false }
  }

  /** RFC 2131 section 3.2: after a NAK the client forgets the address and starts over with a DISCOVER. */
  private nak(mac: string, answer: Seen, server: string, what: string): LeaseResult & { server: string } {
    const said = option(answer.message, 56) as string | undefined
    const why = said ? `: "${said}"` : ' with no message (option 56)'
    return { mac, server, reason: 'NAK', message: `${server} refused ${what} (NAK)${why}: the address is wrong for this link or not this client's; a client gives it up and starts over with DISCOVER.`, variables: { reason: 'NAK', interface: this.request.iface, ...(said ? { new_dhcp_message: said } : {}) }, released: false }
  }

  private discover(mac: string, xid: number, collectAll: boolean): Promise<Seen[]> {
    const { requestedAddress } = this.request
    const options = [...(requestedAddress ? [encodeOptionText(50, requestedAddress)] : []), ...this.sent.options]
    return this.exchange(
      (secs) => this.broadcast({ xid, chaddr: mac, secs, options }, 1),
      this.isAnswer(xid, mac, ['OFFER']), (offers) => !collectAll && offers.length > 0, () => false,
    )
  }

  async probe(): Promise<LeaseResult> {
    const { mac } = this.request
    const offers = await this.discover(mac, randomInt(2 ** 32), true)
    if (offers.length === 0) return this.failure(mac, 'TIMEOUT', noOffer(this.request))
    const servers = [...new Set(offers.map(serverOf))]
    return { mac, reason: 'OFFER', message: `${servers.length} server${servers.length === 1 ? '' : 's'} offered an address (${servers.join(', ')}); no lease was taken.`, variables: { reason: 'OFFER', ...this.variables(offers[0]) }, released: false }
  }

  /** DISCOVER, OFFER, REQUEST, ACK: the lease held, or the failure that ends the run. */
  private async bind(mac: string): Promise<Held | LeaseResult> {
    const { waitSeconds } = this.request
    const xid = randomInt(2 ** 32)
    const [offer] = await this.discover(mac, xid, false)
    if (!offer) return this.failure(mac, 'TIMEOUT', noOffer(this.request))
    const server = serverOf(offer)
    const offered = offer.message.yiaddr
    const answer = await this.ask({ xid, chaddr: mac, options: [encodeOptionText(50, offered), encodeOptionText(54, server), ...this.sent.options] }, 3, ['ACK', 'NAK'])
    if (!answer) return this.failure(mac, 'TIMEOUT', `${server} offered ${offered} but did not answer the REQUEST within ${waitSeconds} s.`, server)
    if (answer.message.type === 'NAK') return this.nak(mac, answer, server, `the request for ${offered}`)
    return { address: answer.message.yiaddr, server, serverMac: macText(answer.packet.data, 6), ack: answer }
  }

  /** The address given, or a DORA's lease; with the server's MAC when `unicast` needs it. */
  private async held(mac: string, unicast: boolean): Promise<Held | LeaseResult> {
    const { address, server, waitSeconds } = this.request
    if (!address) return this.bind(mac)
    if (!unicast || !server) return { address, server }
    const serverMac = await this.macOf(server)
    return serverMac ? { address, server, serverMac } : this.failure(mac, 'FAIL', noArpAnswer(server, waitSeconds), server)
  }

  /** Releases what the run took, unless kept, and says so. */
  private async finish(mac: string, held: Held, result: Omit<LeaseResult, 'mac' | 'released'> & { server?: string }): Promise<LeaseResult & { server?: string }> {
    const release = held.ack !== undefined && !this.request.keepLease
    if (release) await this.release(mac, held)
    const end = held.ack ? (release ? `; the lease was released` : '; the lease was kept') : ''
    return { mac, ...result, message: `${result.message.replace(/\.$/, '')}${end}.`, released: release }
  }

  async dora(mac: string): Promise<LeaseResult & { server?: string }> {
    const held = await this.bind(mac)
    if ('reason' in held) return held
    return this.finish(mac, held, { server: held.server, reason: 'BOUND', message: `Bound to ${held.address} from ${held.server}.`, variables: { reason: 'BOUND', ...this.variables(held.ack!) } })
  }

  /**
   * RFC 2131 section 4.3.2: RENEW is a REQUEST unicast to the server, REBIND the same broadcast, both from the address
   * (ciaddr) with no server id; INIT-REBOOT broadcasts it from 0.0.0.0 with the address in option 50.
   */
  async extend(mac: string, reason: 'RENEW' | 'REBIND' | 'REBOOT'): Promise<LeaseResult & { server?: string }> {
    const held = await this.held(mac, reason === 'RENEW')
    if ('reason' in held) return held
    const xid = randomInt(2 ** 32)
    const options = reason === 'REBOOT' ? [encodeOptionText(50, held.address), ...this.sent.options] : this.sent.options
    const fields = { xid, chaddr: mac, ...(reason === 'REBOOT' ? {} : { ciaddr: held.address }), options }
    const answer = await this.ask(fields, 3, ['ACK', 'NAK'], reason === 'RENEW' ? { mac: held.serverMac!, ip: held.server! } : undefined)
    const step = { RENEW: 'RENEW (unicast REQUEST)', REBIND: 'REBIND (broadcast REQUEST)', REBOOT: 'INIT-REBOOT (broadcast REQUEST)' }[reason]
    if (!answer) return this.finish(mac, held, { server: held.server, reason: 'TIMEOUT', message: `No server answered the ${step} for ${held.address} within ${this.request.waitSeconds} s${reason === 'REBOOT' ? NOT_AUTHORITATIVE : ''}`, variables: { reason: 'TIMEOUT', interface: this.request.iface } })
    const server = serverOf(answer)
    if (answer.message.type === 'NAK') return this.finish(mac, held, this.nak(mac, answer, server, `the ${step} for ${held.address}`))
    // As dhclient's bind_lease: old_* (the lease held before) for RENEW and REBIND, none for REBOOT.
    const old = reason === 'REBOOT' ? {} : this.oldVariables(held)
    return this.finish(mac, held, { server, reason, message: `${server} acknowledged the ${step} for ${answer.message.yiaddr}.`, variables: { reason, ...old, ...this.variables(answer) } })
  }

  /** The lease held as dhclient's old_* variables: all of a DORA's, or the address alone when it was given. */
  private oldVariables(held: Held): DhclientVariables {
    if (!held.ack) return { old_ip_address: held.address }
    return asOldVariables(this.variables(held.ack))
  }

  /** RFC 2131 section 3.4: the client has an address and asks only for options; the server answers with no lease. */
  async inform(mac: string): Promise<LeaseResult & { server?: string }> {
    const held = await this.held(mac, this.request.server !== undefined)
    if ('reason' in held) return held
    const fields = { xid: randomInt(2 ** 32), chaddr: mac, ciaddr: held.address, options: this.sent.options }
    const answer = await this.ask(fields, 8, ['ACK'], held.serverMac ? { mac: held.serverMac, ip: held.server! } : undefined)
    if (!answer) return this.finish(mac, held, { server: held.server, reason: 'TIMEOUT', message: `No server answered the INFORM from ${held.address} within ${this.request.waitSeconds} s`, variables: { reason: 'TIMEOUT', interface: this.request.iface } })
    const server = serverOf(answer)
    // The answer's yiaddr is 0.0.0.0: the address the variables describe is the one informed from.
    const variables = this.variables({ ...answer, message: { ...answer.message, yiaddr: held.address } })
    return this.finish(mac, held, { server, reason: 'INFORM', message: `${server} answered the INFORM from ${held.address} with ${answer.message.options.length} options and no lease.`, variables: { reason: 'INFORM', ...variables } })
  }

  /** RELEASE of the address given (to --server), or of a DORA's lease. */
  async releaseHeld(mac: string): Promise<LeaseResult & { server?: string }> {
    const held = await this.held(mac, true)
    if ('reason' in held) return held
    await this.release(mac, held)
    return { mac, server: held.server, reason: 'RELEASE', message: `Released ${held.address} to ${held.server}.`, variables: { reason: 'RELEASE', interface: this.request.iface, old_ip_address: held.address }, released: true }
  }

  /** RFC 2131 section 4.4.4: a DORA's lease declined (as if the address were in use), broadcast, with no answer. */
  async decline(mac: string): Promise<LeaseResult & { server?: string }> {
    const held = await this.bind(mac)
    if ('reason' in held) return held
    this.broadcast({ xid: randomInt(2 ** 32), chaddr: mac, options: [encodeOptionText(50, held.address), encodeOptionText(54, held.server!), ...this.sent.options.filter((o) => o.code === 61)] }, 4)
    await settle()
    return { mac, server: held.server, reason: 'DECLINE', message: `Declined ${held.address} from ${held.server}: the server keeps it out of its pool for its probation period.`, variables: { reason: 'DECLINE', ...this.variables(held.ack!) }, released: false }
  }

  /** RFC 2131 section 4.4.6: unicast to the server, from the leased address; no answer comes. */
  private async release(mac: string, held: Held): Promise<void> {
    const options = [encodeOptionText(54, held.server!), ...this.sent.options.filter((o) => o.code === 61)]
    this.send({ xid: randomInt(2 ** 32), chaddr: mac, ciaddr: held.address, options }, 7, { mac: held.serverMac!, ip: held.server! })
    await settle()
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms))
}

function settle(): Promise<void> {
  return pause(UNANSWERED_SETTLE_MS)
}

function noArpAnswer(server: string, waitSeconds: number): string {
  return `${server} did not answer ARP within ${waitSeconds} s: give a server on this link (--server), or check that it is up.`
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
export function answeringServers(ours: Seen[]): AnsweringServer[] {
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

export function timeline(ours: Seen[]): TimelineEntry[] {
  const start = ours[0]?.packet.timeMs ?? 0
  return ours.map((s, i) => ({
    atMs: s.packet.timeMs - start, direction: s.message.op === 1 ? 'sent' : 'received', type: s.message.type, xid: `0x${s.message.xid.toString(16).padStart(8, '0')}`,
    source: s.source, destination: s.destination, latencyMs: latency(ours, i),
    ...(s.message.giaddr !== '0.0.0.0' ? { giaddr: s.message.giaddr } : {}),
  }))
}

/** What each mode does for one client (one MAC). */
const exchanges: Record<Exclude<Dhcp4ClientMode, 'probe'>, (client: Dhcp4Client, mac: string) => Promise<LeaseResult & { server?: string }>> = {
  dora: (client, mac) => client.dora(mac),
  renew: (client, mac) => client.extend(mac, 'RENEW'),
  rebind: (client, mac) => client.extend(mac, 'REBIND'),
  reboot: (client, mac) => client.extend(mac, 'REBOOT'),
  inform: (client, mac) => client.inform(mac),
  release: (client, mac) => client.releaseHeld(mac),
  decline: (client, mac) => client.decline(mac),
}

/** Modes that can work on an address the client already holds. */
const ON_AN_ADDRESS: readonly Dhcp4ClientMode[] = ['renew', 'rebind', 'reboot', 'inform', 'release']

/** Refuses, before anything is sent, a request that cannot make sense; gives the options it sends. */
function check(request: Dhcp4ClientRequest, count: number): ClientOptions {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LEASES_PER_RUN) throw new EncodeError(`the number of leases must be 1 to ${MAX_LEASES_PER_RUN}`)
  if (!(request.waitSeconds > 0 && request.waitSeconds <= MAX_WAIT_SECONDS)) throw new EncodeError(`the wait must be more than 0 and at most ${MAX_WAIT_SECONDS} seconds`)
  if (hexBytes(request.mac).length !== 6) throw new EncodeError(`"${request.mac}" is not a MAC address (six bytes, like 02:00:5e:00:53:01)`)
  for (const address of [request.address, request.server, request.relay?.giaddr, request.requestedAddress]) if (address !== undefined) ipv4Bytes(address)
  if (request.secs !== undefined && !(Number.isInteger(request.secs) && request.secs >= 0 && request.secs <= MAX_SECS)) throw new EncodeError(`secs is a whole number from 0 to ${MAX_SECS}`)
  if (request.relay) relayAgentOption(request.relay)
  if (request.relay && !request.server) throw new EncodeError('relaying needs the server to relay to (--server ADDR)')
  const sent = clientOptions(request)
  if (request.address === undefined) return sent
  if (request.requestedAddress !== undefined) throw new EncodeError('a requested address goes in a DISCOVER, and a run on an address given sends none: give one or the other')
  if (!ON_AN_ADDRESS.includes(request.mode)) throw new EncodeError(`an address is given to ${ON_AN_ADDRESS.join(', ')}, not to ${request.mode}`)
  if ((request.mode === 'renew' || request.mode === 'release') && !request.server) throw new EncodeError(`a ${request.mode} of a given address needs the server that leased it (--server ADDR)`)
  if (count > 1) throw new EncodeError('a given address is one client\'s: run it with one lease')
  return sent
}

/**
 * Runs the client on an open helper link. Throws an EncodeError for options that cannot be sent and a
 * CaptureSourceError when the helper fails; every DHCP outcome (a timeout, a NAK) is a result.
 */
export async function runDhcp4Client(request: Dhcp4ClientRequest, openLink: (onPacket: (packet: StreamPacket) => void) => Promise<HelperLink>): Promise<Dhcp4ClientResult> {
  const count = request.count ?? 1
  const sent = check(request, count)
  const wire = new Wire()
  const link = await openLink((packet) => wire.take(packet))
  const client = new Dhcp4Client({ ...request, mac: request.mac.toLowerCase() }, sent, link, wire)
  const leases: LeaseResult[] = []
  try {
    if (request.relay && !(await client.macOf(request.server!))) {
      leases.push({ mac: request.mac.toLowerCase(), reason: 'FAIL', message: noArpAnswer(request.server!, request.waitSeconds), variables: { reason: 'FAIL', interface: request.iface }, released: false })
    } else if (request.mode === 'probe') leases.push(await client.probe())
    else {
      let outsideLab = 0
      for (let n = 0; n < count; n++) {
        if (outsideLab >= MAX_LEASES_OUTSIDE_LAB) {
          leases.push({ mac: nthMac(request.mac, n), reason: 'FAIL', message: `Stopped after ${MAX_LEASES_OUTSIDE_LAB} leases from a server that is not the lab's: a run takes at most ${MAX_LEASES_OUTSIDE_LAB} outside the lab.`, variables: { reason: 'FAIL', interface: request.iface }, released: false })
          break
        }
        if (n > 0) await (request.pause ?? pause)(leaseGapMs(request.iface))
        const lease = await exchanges[request.mode](client, nthMac(request.mac, n))
        leases.push(lease)
        if (lease.server && succeeded(lease.reason) && !isLabServer(request.iface, lease.server)) outsideLab++
        if (!succeeded(lease.reason)) break
      }
    }
  } finally {
    await link.close()
  }
  const xids = new Set(wire.seen.filter((s) => s.message.op === 1 && leases.some((l) => l.mac === s.message.chaddr)).map((s) => s.message.xid))
  const ours = ofRun(wire.seen, xids)
  const last = leases.at(-1)!
  return {
    mode: request.mode, reason: last.reason, message: leases.length > 1 ? `${leases.filter((l) => succeeded(l.reason)).length} of ${count} clients succeeded. ${last.message}` : last.message,
    variables: leases[0].variables, leases, servers: answeringServers(ours), timeline: timeline(ours), packets: ours.map((s) => s.packet),
  }
}
