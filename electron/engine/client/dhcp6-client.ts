// The built-in DHCPv6 test client (RFC 8415), the DHCPv4 client's sibling (dhcp4-client.ts): it crafts its frames
// from a chosen MAC and DUID, sends them through the capture helper, and answers the server's Neighbor Solicitations
// for its crafted link-local address (framing6.ts). A SOLICIT probe lists every ADVERTISE within the wait and takes
// nothing; SARR takes addresses (IA_NA) and/or a delegated prefix (IA_PD) and, unless kept, releases them; RENEW,
// REBIND and RELEASE work on the lease a SARR of the same run takes first; INFORMATION-REQUEST asks for options only.
// As a relay, each message goes to the server inside a RELAY-FORW, as a relay agent sends it.
import { randomInt } from 'node:crypto'
import type { client6Modes, identityAssociations } from '../../contract/methods'
import type { ClientAnsweringServer, ClientTimelineEntry } from '../../contract/types'
import { hex, mac as macText } from '../decode/bytes'
import { encodeOptionValue6, ipv6Bytes, type EncodedOption6 } from '../decode/dhcp6/encode-formats'
import { encodeDhcp6Message, encodeRelayForward } from '../decode/dhcp6/encode-message'
import { EncodeError, hexBytes } from '../decode/encode-values'
import type { Dhcp6Message, OptionValue } from '../decode/types'
import { DOCUMENTATION_ENTERPRISE, duidFor, duidFromHex, iaidFor, type DuidType } from './client-duid'
import { bindings, dhclient6Variables } from './dhclient6-vars'
import { asOldVariables, type DhclientVariables } from './dhclient-vars'
import { exchange, type ExchangeLine } from './exchange'
import { ALL_DHCP_RELAY_AGENTS_AND_SERVERS, DHCP6_CLIENT_PORT, DHCP6_SERVER_PORT, ethernetIpv6Udp, linkLocalFromMac, multicastMac, neighborAdvertisement, neighborQuery, neighborSolicitation } from './framing6'
import type { HelperLink } from './helper-link'
import type { StreamPacket } from './pcap-stream'
import { dhcp6RetransmitDelays, INFORMATION_REQUEST_TIMING, REBIND_TIMING, RELEASE_TIMING, RENEW_TIMING, REQUEST_TIMING, SOLICIT_TIMING, type Retransmission } from './retransmit6'
import { Wire, type Seen } from './wire'

export type Dhcp6ClientMode = (typeof client6Modes)[number]
export type IdentityAssociation = (typeof identityAssociations)[number]
/** dhclient -6's reasons where it has the exchange, ADVERTISE6 for a probe answered, TIMEOUT and FAIL as in DHCPv4. */
export type Dhcp6Reason = 'ADVERTISE6' | 'BOUND6' | 'RENEW6' | 'REBIND6' | 'RELEASE6' | 'INFORM6' | 'TIMEOUT' | 'FAIL'
const SUCCEEDED: ReadonlySet<string> = new Set(['ADVERTISE6', 'BOUND6', 'RENEW6', 'REBIND6', 'RELEASE6', 'INFORM6'])

export function succeeded6(reason: string): boolean {
  return SUCCEEDED.has(reason)
}

/** Debian's dhclient.conf asks for these (dhcp6.name-servers, domain-search, fqdn, sntp-servers): results compare. */
export const DHCLIENT6_REQUEST_LIST = [23, 24, 39, 31]

const SOLICIT = 1, REQUEST = 3, RENEW = 5, REBIND = 6, RELEASE = 8, INFORMATION_REQUEST = 11
const CLIENT_ID = 1, SERVER_ID = 2, IA_NA = 3, ORO = 6, ELAPSED_TIME = 8, STATUS_CODE = 13, INTERFACE_ID = 18, IA_PD = 25, REMOTE_ID = 37
/** What a client sends; everything else the client sees is a server's or relay's answer. */
const CLIENT_TYPES = new Set(['SOLICIT', 'REQUEST', 'CONFIRM', 'RENEW', 'REBIND', 'RELEASE', 'DECLINE', 'INFORMATION-REQUEST'])
/** Elapsed time counts hundredths of a second, at most 0xffff (RFC 8415 section 21.9). */
const MAX_ELAPSED_MS = 0xffff * 10
const NEIGHBOR_RETRY_MS = 1000

export interface Relay6 {
  /** The link-address of the RELAY-FORW: an address on the client's link, by which the server picks the subnet. */
  linkAddress: string
  interfaceId?: string
  remoteId?: string
}

export interface Dhcp6ClientRequest {
  iface: string
  mode: Dhcp6ClientMode
  mac: string
  /** The DUID's type, built from the MAC; `duid` gives one in hex instead. */
  duidType?: DuidType
  duid?: string
  iaid?: number
  /** What a SARR asks for: addresses, a delegated prefix, or both. */
  ia?: IdentityAssociation[]
  /** More options for every message the client sends. */
  options?: EncodedOption6[]
  requestList?: number[]
  waitSeconds: number
  keepLease?: boolean
  relay?: Relay6
  /** The server a relay unicasts to (a multicast group is allowed too). */
  server?: string
  signal?: AbortSignal
}

export type TimelineEntry6 = Omit<ClientTimelineEntry, 'frame'>

export interface Dhcp6ClientResult {
  mode: Dhcp6ClientMode
  reason: Dhcp6Reason
  message: string
  variables: DhclientVariables
  servers: ClientAnsweringServer[]
  timeline: TimelineEntry6[]
  /** Every DHCPv6 packet of the run, sent and received, as captured (Ethernet frames). */
  packets: StreamPacket[]
  /** The lease the run took was released at its end. */
  released: boolean
  /** The client's DUID, in hex: what the server's leases are found by. */
  duid: string
}

/** The client's or server's message of a packet: the relayed one inside a relay message. */
function inner(message: Dhcp6Message): Dhcp6Message {
  return message.relayed ?? message
}

function option(message: Dhcp6Message, code: number): OptionValue | undefined {
  return message.options.find((o) => o.code === code)?.value
}

function duidHex(message: Dhcp6Message, code: number): string | undefined {
  return (option(message, code) as { hex?: string } | undefined)?.hex
}

interface Status {
  status: string
  code: number
  text: string
}

/** The first status that is not Success: the message's own, or one in an IA of `kinds`. */
function failedStatus(message: Dhcp6Message, kinds: number[]): Status | null {
  const statuses = [option(message, STATUS_CODE), ...message.options.filter((o) => kinds.includes(o.code)).map((ia) => {
    const nested = (ia.value as { options?: { code: number; value: OptionValue }[] } | null)?.options ?? []
    return nested.find((o) => o.code === STATUS_CODE)?.value
  })]
  for (const value of statuses) {
    const s = value as { code: number; status: string; message: string } | undefined
    if (s && s.code !== 0) return { status: s.status, code: s.code, text: s.message }
  }
  return null
}

/** What each refusal means for the person running the test, and what to check. */
const statusAdvice: Record<number, string> = {
  1: 'the server failed for a reason it does not name: check its log',
  2: 'it has no address to give on this link: check the subnet\'s pools for this link (or the relay\'s link address), or free leases',
  3: 'it holds no lease for this client: run a SARR first, or check that the DUID and IAID are the lease\'s',
  4: 'the addresses are not on the client\'s link: check the relay\'s link address, or the subnet for this interface',
  5: 'it wants the client to use multicast: send without --server',
  6: 'it has no prefix to delegate on this link: check the subnet\'s pd-pools, or free delegated prefixes',
  10: 'it does not allow this request from this client',
}

function refusal(server: string, what: string, s: Status): string {
  const said = s.text ? ` ("${s.text}")` : ''
  return `${server} refused the ${what} with ${s.status}${said}: ${statusAdvice[s.code] ?? 'check the server\'s configuration and log'}.`
}

/** Nobody answered: on the link, a server or relay is missing; relayed, the server may not listen where it was sent. */
function noServer(what: string, request: Dhcp6ClientRequest): string {
  if (request.relay) return `No server answered the ${what} relayed to ${request.server} within ${request.waitSeconds} s: check that the server listens there (Kea listens on its link-local address, and on a global one only when its interfaces-config names it as IFACE/ADDRESS).`
  return `No server answered the ${what} within ${request.waitSeconds} s: check that a DHCPv6 server or relay serves this link.`
}

/** The addresses and prefixes a message binds, for sentences: "2001:db8:1::104, 2001:db8:8000:100::/56". */
function boundText(message: Dhcp6Message): string {
  return bindings(message).map(({ lease }) => {
    const value = lease.value as { address?: string; prefix?: string }
    return value.address ?? value.prefix
  }).join(', ')
}

/** What the run holds after a SARR: the REPLY that bound it, and where it came from. */
interface Held {
  reply: Seen<Dhcp6Message>
  server: string
  serverId: string
}

interface Outcome {
  reason: Dhcp6Reason
  message: string
  variables: DhclientVariables
  released?: boolean
}

class Dhcp6Client {
  readonly linkLocal: string
  readonly duid: number[]
  private readonly iaid: number
  private readonly kinds: number[]

  /** Attached once the helper runs: it hands packets to answerNeighbor from its start. */
  link!: HelperLink

  constructor(private readonly request: Dhcp6ClientRequest, private readonly wire: Wire<Dhcp6Message>) {
    this.linkLocal = linkLocalFromMac(request.mac)
    this.duid = request.duid ? duidFromHex(request.duid) : duidFor(request.duidType ?? 'll', request.mac)
    this.iaid = request.iaid ?? iaidFor(request.mac)
    this.kinds = (request.ia ?? ['na']).map((kind) => (kind === 'pd' ? IA_PD : IA_NA))
  }

  private get line(): ExchangeLine<Dhcp6Message> {
    return { link: this.link, wire: this.wire, waitSeconds: this.request.waitSeconds, signal: this.request.signal }
  }

  private clientOptions(elapsedMs: number): EncodedOption6[] {
    return [
      { code: CLIENT_ID, bytes: this.duid },
      encodeOptionValue6(ORO, this.request.requestList ?? DHCLIENT6_REQUEST_LIST),
      encodeOptionValue6(ELAPSED_TIME, Math.min(MAX_ELAPSED_MS, Math.floor(elapsedMs / 10) * 10)),
      ...(this.request.options ?? []),
    ]
  }

  /** Empty IAs of the kinds asked for, or those `answer` gave (its addresses and prefixes), for REQUEST, RENEW … */
  private identityAssociations(answer?: Dhcp6Message): EncodedOption6[] {
    if (!answer) return this.kinds.map((code) => encodeOptionValue6(code, { iaid: this.iaid, t1: 0, t2: 0, options: [] }))
    return answer.options.filter((o) => this.kinds.includes(o.code) && o.value !== null).map((ia) => {
      const value = ia.value as { iaid: number; options: { code: number; value: OptionValue }[] }
      // A status is the server's; an option the decoder could not read is not sent back.
      const options = value.options.filter((o) => o.code !== STATUS_CODE && o.value !== null)
      try {
        return encodeOptionValue6(ia.code, { iaid: value.iaid, t1: 0, t2: 0, options })
      } catch {
        // What the server sent cannot be sent back as it came (text that is not ASCII …): ask for the IA afresh.
        return encodeOptionValue6(ia.code, { iaid: value.iaid, t1: 0, t2: 0, options: [] })
      }
    })
  }

  /** To ff02::1:2 from the link-local address; as a relay, inside a RELAY-FORW unicast to the server. */
  private send(type: number, xid: number, options: EncodedOption6[]): void {
    const { mac, relay, server } = this.request
    const message = encodeDhcp6Message(type, xid, options)
    if (!relay || !server) {
      this.link.send(ethernetIpv6Udp(mac, multicastMac(ALL_DHCP_RELAY_AGENTS_AND_SERVERS), {
        sourceIp: this.linkLocal, destinationIp: ALL_DHCP_RELAY_AGENTS_AND_SERVERS, sourcePort: DHCP6_CLIENT_PORT, destinationPort: DHCP6_SERVER_PORT, payload: message,
      }))
      return
    }
    const relayOptions = [
      ...(relay.interfaceId ? [{ code: INTERFACE_ID, bytes: [...Buffer.from(relay.interfaceId, 'utf8')] }] : []),
      ...(relay.remoteId ? [encodeOptionValue6(REMOTE_ID, { enterprise: DOCUMENTATION_ENTERPRISE, id: relay.remoteId })] : []),
    ]
    const forward = encodeRelayForward({ linkAddress: relay.linkAddress, peerAddress: this.linkLocal, options: relayOptions }, message)
    this.link.send(ethernetIpv6Udp(mac, this.wire.macs.get(server)!, {
      sourceIp: this.linkLocal, destinationIp: server, sourcePort: DHCP6_SERVER_PORT, destinationPort: DHCP6_SERVER_PORT, payload: forward,
    }))
  }

  /** The MAC address of `ip` on the link (its group's for a multicast address), asked by Neighbor Solicitation. */
  async macOf(ip: string): Promise<string | null> {
    if (ip.toLowerCase().startsWith('ff')) {
      this.wire.macs.set(ip, multicastMac(ip))
      return this.wire.macs.get(ip)!
    }
    const deadline = Date.now() + this.request.waitSeconds * 1000
    await exchange(this.line, { next: () => ({ value: NEIGHBOR_RETRY_MS, done: false }) }, {
      send: () => this.link.send(neighborSolicitation(this.request.mac, this.linkLocal, ip)),
      accept: () => false,
      done: () => this.wire.macs.has(ip) || Date.now() >= deadline,
    })
    return this.wire.macs.get(ip) ?? null
  }

  /** Answers a Neighbor Solicitation for the client's own address: without it, no server's answer would leave. */
  answerNeighbor(packet: StreamPacket): void {
    const query = neighborQuery(packet.data)
    if (query?.target === this.linkLocal && query.mac !== this.request.mac) this.link?.send(neighborAdvertisement(query, this.request.mac))
  }

  private isAnswer(xid: number, types: string[]) {
    const ours = hex(Uint8Array.from(this.duid))
    return ({ message }: Seen<Dhcp6Message>) => {
      const m = inner(message)
      return m.xid === xid && types.includes(m.type) && duidHex(m, CLIENT_ID) === ours
    }
  }

  /**
   * Sends `type` (again as RFC 8415 says) until the first answer of `types` comes, or with `everyServer` until the wait
   * ends, gathering every server's answer; returns the answers.
   */
  private ask(type: number, extra: EncodedOption6[], types: string[], timing: Retransmission, everyServer = false): Promise<Seen<Dhcp6Message>[]> {
    const xid = randomInt(2 ** 24)
    return exchange(this.line, dhcp6RetransmitDelays(timing, type === SOLICIT), {
      send: (elapsedMs) => this.send(type, xid, [...this.clientOptions(elapsedMs), ...extra]),
      accept: this.isAnswer(xid, types), done: (answers) => !everyServer && answers.length > 0,
    })
  }

  private async askOne(type: number, extra: EncodedOption6[], types: string[], timing: Retransmission): Promise<Seen<Dhcp6Message> | undefined> {
    return (await this.ask(type, extra, types, timing))[0]
  }

  private variables(seen: Seen<Dhcp6Message>): DhclientVariables {
    return dhclient6Variables(seen.packet.data, inner(seen.message), { interface: this.request.iface, receivedMs: seen.packet.timeMs, requested: this.request.requestList ?? DHCLIENT6_REQUEST_LIST })
  }

  private failure(reason: 'TIMEOUT' | 'FAIL', message: string): Outcome {
    return { reason, message, variables: { reason, interface: this.request.iface } }
  }

  async solicit(): Promise<Outcome> {
    const advertised = await this.ask(SOLICIT, this.identityAssociations(), ['ADVERTISE'], SOLICIT_TIMING, true)
    if (advertised.length === 0) return this.failure('TIMEOUT', noServer('SOLICIT', this.request))
    const usable = advertised.filter((a) => !failedStatus(inner(a.message), this.kinds))
    if (usable.length === 0) return this.failure('FAIL', refusal(advertised[0].source, 'SOLICIT', failedStatus(inner(advertised[0].message), this.kinds)!))
    const servers = [...new Set(usable.map((a) => a.source))]
    return {
      reason: 'ADVERTISE6', message: `${servers.length} server${servers.length === 1 ? '' : 's'} advertised (${servers.join(', ')}); no lease was taken.`,
      variables: { reason: 'ADVERTISE6', ...this.variables(usable[0]) },
    }
  }

  /** SOLICIT, ADVERTISE, REQUEST, REPLY: the lease held, or the failure that ends the run. */
  private async bind(): Promise<Held | Outcome> {
    const { waitSeconds } = this.request
    const advertise = await this.askOne(SOLICIT, this.identityAssociations(), ['ADVERTISE'], SOLICIT_TIMING)
    if (!advertise) return this.failure('TIMEOUT', noServer('SOLICIT', this.request))
    const server = advertise.source
    const refused = failedStatus(inner(advertise.message), this.kinds)
    if (refused) return this.failure('FAIL', refusal(server, 'SOLICIT', refused))
    const serverId = { code: SERVER_ID, bytes: hexBytes(duidHex(inner(advertise.message), SERVER_ID) ?? '') }
    const reply = await this.askOne(REQUEST, [serverId, ...this.identityAssociations(inner(advertise.message))], ['REPLY'], REQUEST_TIMING)
    if (!reply) return this.failure('TIMEOUT', `${server} advertised but did not answer the REQUEST within ${waitSeconds} s.`)
    const replyRefused = failedStatus(inner(reply.message), this.kinds)
    if (replyRefused) return this.failure('FAIL', refusal(server, 'REQUEST', replyRefused))
    return { reply, server, serverId: duidHex(inner(reply.message), SERVER_ID) ?? '' }
  }

  private leased(reply: Seen<Dhcp6Message>): string {
    return boundText(inner(reply.message))
  }

  private async release(held: Held): Promise<Seen<Dhcp6Message> | undefined> {
    return this.askOne(RELEASE, [{ code: SERVER_ID, bytes: hexBytes(held.serverId) }, ...this.identityAssociations(inner(held.reply.message))], ['REPLY'], RELEASE_TIMING)
  }

  /** Releases what the run took, unless kept, and says so. */
  private async finish(held: Held, outcome: Outcome): Promise<Outcome> {
    if (this.request.keepLease) return { ...outcome, message: `${outcome.message.replace(/\.$/, '')}; the lease was kept.`, released: false }
    const answer = await this.release(held)
    const end = answer ? '; the lease was released' : `; the RELEASE got no answer within ${this.request.waitSeconds} s`
    return { ...outcome, message: `${outcome.message.replace(/\.$/, '')}${end}.`, released: answer !== undefined }
  }

  async sarr(): Promise<Outcome> {
    const held = await this.bind()
    if (!('reply' in held)) return held
    return this.finish(held, { reason: 'BOUND6', message: `Bound ${this.leased(held.reply)} from ${held.server}.`, variables: { reason: 'BOUND6', ...this.variables(held.reply) } })
  }

  /** The held lease's variables as dhclient hands a script the lease before: old_* for new_*. */
  private old(held: Held): DhclientVariables {
    return asOldVariables(this.variables(held.reply))
  }

  /** RFC 8415 section 18.2.4 and 18.2.5: RENEW to the server that leased (its id given), REBIND to any. */
  async extend(reason: 'RENEW6' | 'REBIND6'): Promise<Outcome> {
    const held = await this.bind()
    if (!('reply' in held)) return held
    const renew = reason === 'RENEW6'
    const what = renew ? 'RENEW' : 'REBIND'
    const ias = this.identityAssociations(inner(held.reply.message))
    const answer = await this.askOne(renew ? RENEW : REBIND, renew ? [{ code: SERVER_ID, bytes: hexBytes(held.serverId) }, ...ias] : ias, ['REPLY'], renew ? RENEW_TIMING : REBIND_TIMING)
    if (!answer) return this.finish(held, this.failure('TIMEOUT', noServer(`${what} of ${this.leased(held.reply)}`, this.request)))
    const refused = failedStatus(inner(answer.message), this.kinds)
    if (refused) return this.finish(held, this.failure('FAIL', refusal(answer.source, what, refused)))
    // As dhclient -6 does, the script also gets the lease held before, as old_*.
    return this.finish(held, { reason, message: `${answer.source} answered the ${what} of ${this.leased(answer)}.`, variables: { reason, ...this.variables(answer), ...this.old(held) } })
  }

  /** A SARR's lease released (RFC 8415 section 18.2.7), and the server's answer to it. */
  async releaseHeld(): Promise<Outcome> {
    const held = await this.bind()
    if (!('reply' in held)) return held
    const leased = this.leased(held.reply)
    const answer = await this.release(held)
    if (!answer) return this.failure('TIMEOUT', noServer(`RELEASE of ${leased}`, this.request))
    const refused = failedStatus(inner(answer.message), [])
    if (refused) return this.failure('FAIL', refusal(answer.source, 'RELEASE', refused))
    return { reason: 'RELEASE6', message: `Released ${leased} to ${held.server}.`, variables: { reason: 'RELEASE6', interface: this.request.iface, ...this.old(held) }, released: true }
  }

  /** RFC 8415 section 18.2.6: options only, no identity association, no lease. */
  async information(): Promise<Outcome> {
    const answer = await this.askOne(INFORMATION_REQUEST, [], ['REPLY'], INFORMATION_REQUEST_TIMING)
    if (!answer) return this.failure('TIMEOUT', noServer('INFORMATION-REQUEST', this.request))
    const refused = failedStatus(inner(answer.message), [])
    if (refused) return this.failure('FAIL', refusal(answer.source, 'INFORMATION-REQUEST', refused))
    return { reason: 'INFORM6', message: `${answer.source} answered the INFORMATION-REQUEST with ${inner(answer.message).options.length} options and no lease.`, variables: { reason: 'INFORM6', ...this.variables(answer) } }
  }
}

const exchanges: Record<Dhcp6ClientMode, (client: Dhcp6Client) => Promise<Outcome>> = {
  solicit: (client) => client.solicit(),
  sarr: (client) => client.sarr(),
  info: (client) => client.information(),
  renew: (client) => client.extend('RENEW6'),
  rebind: (client) => client.extend('REBIND6'),
  release: (client) => client.releaseHeld(),
}

/** For an answer at `i` of `ours`: milliseconds since the latest message of its transaction the client sent before. */
function latency(ours: Seen<Dhcp6Message>[], i: number): number | null {
  const answer = inner(ours[i].message)
  if (CLIENT_TYPES.has(answer.type)) return null
  for (let j = i - 1; j >= 0; j--) {
    const asked = inner(ours[j].message)
    if (CLIENT_TYPES.has(asked.type) && asked.xid === answer.xid) return ours[i].packet.timeMs - ours[j].packet.timeMs
  }
  return null
}

export function timeline(ours: Seen<Dhcp6Message>[]): TimelineEntry6[] {
  const start = ours[0]?.packet.timeMs ?? 0
  return ours.map((s, i) => {
    const m = inner(s.message)
    return {
      atMs: s.packet.timeMs - start, direction: CLIENT_TYPES.has(m.type) ? 'sent' : 'received', type: m.type, xid: `0x${(m.xid ?? 0).toString(16).padStart(6, '0')}`,
      source: s.source, destination: s.destination, latencyMs: latency(ours, i),
      ...(s.message.linkAddress ? { linkAddress: s.message.linkAddress } : {}),
    }
  })
}

/** Who answered: the first answer of each type from each server. */
export function answeringServers(ours: Seen<Dhcp6Message>[]): ClientAnsweringServer[] {
  const servers = new Map<string, ClientAnsweringServer>()
  for (const [i, s] of ours.entries()) {
    const m = inner(s.message)
    const key = `${s.source} ${m.type}`
    if (CLIENT_TYPES.has(m.type) || servers.has(key)) continue
    const status = failedStatus(m, [IA_NA, IA_PD])
    servers.set(key, {
      server: s.source, mac: macText(s.packet.data, 6), type: m.type, latencyMs: latency(ours, i) ?? 0,
      address: boundText(m),
      ...(duidHex(m, SERVER_ID) ? { serverId: duidHex(m, SERVER_ID) } : {}),
      ...(status ? { message: `${status.status}${status.text ? `: ${status.text}` : ''}` } : {}),
    })
  }
  return [...servers.values()]
}

/** Refuses, before anything is sent, a request that cannot make sense. */
function check(request: Dhcp6ClientRequest): void {
  if (!(request.waitSeconds > 0 && request.waitSeconds <= 300)) throw new EncodeError('the wait must be more than 0 and at most 300 seconds')
  if (hexBytes(request.mac).length !== 6) throw new EncodeError(`"${request.mac}" is not a MAC address (six bytes, like 02:00:5e:00:53:01)`)
  if (request.iaid !== undefined && !(Number.isInteger(request.iaid) && request.iaid >= 0 && request.iaid < 2 ** 32)) throw new EncodeError('the IAID must be a whole number from 0 to 4294967295')
  if (request.ia?.length === 0) throw new EncodeError('ask for addresses (na), a prefix (pd), or both')
  if (request.duid) duidFromHex(request.duid)
  for (const address of [request.server, request.relay?.linkAddress]) if (address !== undefined) ipv6Bytes(address)
  if (request.relay && !request.server) throw new EncodeError('relaying needs the server to relay to (--server ADDR)')
}

/**
 * Runs the client on a helper link opened with `openLink`. Throws an EncodeError for options that cannot be sent and a
 * CaptureSourceError when the helper fails; every DHCPv6 outcome (a timeout, a refusal) is a result.
 */
export async function runDhcp6Client(request: Dhcp6ClientRequest, openLink: (onPacket: (packet: StreamPacket) => void) => Promise<HelperLink>): Promise<Dhcp6ClientResult> {
  check(request)
  const wire = new Wire<Dhcp6Message>(6)
  const client = new Dhcp6Client({ ...request, mac: request.mac.toLowerCase() }, wire)
  const link = await openLink((packet) => {
    client.answerNeighbor(packet)
    wire.take(packet)
  })
  client.link = link
  let outcome: Outcome
  try {
    if (request.relay && !(await client.macOf(request.server!))) {
      outcome = { reason: 'FAIL', message: `${request.server} did not answer Neighbor Solicitation within ${request.waitSeconds} s: give a server on this link (--server), or check that it is up.`, variables: { reason: 'FAIL', interface: request.iface } }
    } else outcome = await exchanges[request.mode](client)
  } finally {
    await link.close()
  }
  const duid = hex(Uint8Array.from(client.duid))
  const xids = new Set(wire.seen.filter((s) => CLIENT_TYPES.has(inner(s.message).type) && duidHex(inner(s.message), CLIENT_ID) === duid).map((s) => inner(s.message).xid))
  const ours = wire.seen.filter((s) => xids.has(inner(s.message).xid)).sort((a, b) => a.packet.timeMs - b.packet.timeMs)
  return {
    mode: request.mode, reason: outcome.reason, message: outcome.message, variables: outcome.variables, servers: answeringServers(ours),
    timeline: timeline(ours), packets: ours.map((s) => s.packet), released: outcome.released ?? false, duid,
  }
}
