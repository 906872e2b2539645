// The fast path: finds where each layer and each DHCP option sits in a frame, without building the field tree
// and without allocating. Filters, transactions and statistics run on this over millions of packets; the
// field tree (decodeFrame) is built only for the packet on screen. Both follow the same layering rules
// (ports.ts, RFC 2131 options area and overload, RFC 8415 relay nesting), and the tests hold them to agree.
import { text } from './bytes'
import { dhcp4Formats, wiresharkStoppingFormats } from './dhcp4/formats'
import { BOOTP_HEADER_LENGTH, FILE, forEachDhcp4Option, MAGIC_COOKIE, SNAME, wiresharkReadingRank } from './dhcp4/option-areas'
import { dhcp4OptionSpec } from './dhcp4/options'
import { vendorInfoFormat } from './dhcp4/sub-options'
import { wiresharkShowsNoFields } from './dhcp4/wireshark-first-pass'
import { wiresharkValueStops } from './dhcp4/wireshark-value-stops'
import { forEachDhcp6Option } from './dhcp6/option-walk'
import { DHCP6_CONTAINER_HEADS, DHCP6_VARIABLE_HEADS, MESSAGE_HEADER_LENGTH, RELAY_FORW, RELAY_HEADER_LENGTH, RELAY_MESSAGE, RELAY_REPL } from './dhcp6/registry'
import { ipv6ExtensionLength, isIpv6Extension, isVlanEtherType, LINKTYPE } from './link-types'
import { isDhcp4Port, isDhcp6Port } from './ports'
import { capwapPayload, CAPWAP_DATA_PORT, erspanCarriesEthernet, erspanHeaderLength, ETHERTYPE, greCarries, greHeaderLength, IP_PROTOCOL, MAX_ENCAPSULATIONS, PPPOE_HEADER_LENGTH, pppEtherType, pppHdlcProtocolAt, pppProtocol, VXLAN_HEADER_LENGTH, VXLAN_PORT } from './tunnels'
import { isWlanLinkType, radioHeaderLength, readWlanHeader, wlanEtherTypeOffset, type WlanLayout } from './wlan'

/** Options recorded per packet; a frame with more is damaged or hostile, and the rest is not indexed. */
const MAX_SCANNED_OPTIONS = 512
const MAX_RELAY_DEPTH = 40
/** Options inside options are followed this deep (IA_PD › IA Prefix › Status is 2). */
const MAX_OPTION_DEPTH = 4

/**
 * The layers a tunnel wraps around the innermost packet (FrameScan.wrapperKinds): IP, UDP, GRE and CAPWAP outside,
 * Ethernet or 802.11 (CAPWAP's, its frame control byte-swapped) inside.
 */
export const WRAPPER = { ETHERNET: 1, IPV4: 4, IPV6: 6, UDP: 17, CAPWAP: 20, GRE: 47, WLAN_SWAPPED: 105 } as const
/** Each encapsulation adds at most an IP header, a UDP or GRE header, a CAPWAP header and a link-layer header. */
const MAX_WRAPPERS = MAX_ENCAPSULATIONS * 4

/**
 * Per DHCPv4 code, whether its value may stop Wireshark: READ_FORMAT for those of wiresharkStoppingFormats and 43
 * (its format is the vendor's), which only reading the value tells; ASK_STOP for those of wiresharkValueStops, whose
 * cheap test is asked at once, as most of them (61, 121, 119…) are common and rarely stop it.
 */
const READ_FORMAT = 1, ASK_STOP = 2
const MAY_STOP_WIRESHARK = Uint8Array.from({ length: 256 }, (_, code) => (code === 43 || wiresharkStoppingFormats.has(dhcp4OptionSpec(code).format) ? READ_FORMAT : code in wiresharkValueStops ? ASK_STOP : 0))

export class FrameScan {
  /** 0 when the frame starts with an Ethernet header, else -1. */
  ethernet = -1
  /**
   * Other headers of the kinds the columns below hold, where a tunnel (PPPoE, GRE, ERSPAN, VXLAN) carries the packet:
   * each outer IP, UDP and GRE header and each inner Ethernet header, in frame order (kind: WRAPPER, offset as below).
   * ipOffset and udpOffset are the innermost ones, those of the packet the tunnels carry.
   */
  wrapperCount = 0
  readonly wrapperKinds = new Uint8Array(MAX_WRAPPERS)
  readonly wrapperOffsets = new Uint32Array(MAX_WRAPPERS)
  vlanId = -1
  ipVersion = 0
  ipOffset = 0
  udpOffset = -1
  sourcePort = 0
  destinationPort = 0
  /** 4 or 6 when the frame carries DHCP, else 0. */
  family = 0
  /** DHCPv4: the BOOTP header. DHCPv6: the innermost (client or server) message, inside any relay messages. */
  dhcpOffset = 0
  /** DHCPv4 option 53 value, DHCPv6 message type of the innermost message; 0 when absent. */
  messageType = 0
  relayHops = 0
  xid = 0
  /** DHCPv4 option 54 (server identifier) value offset, or -1. */
  serverIdOffset = -1
  /** DHCPv6 client and server identifiers (options 1, 2) of the innermost message: value offset or -1, length. */
  clientDuidOffset = -1
  clientDuidLength = 0
  serverDuidOffset = -1
  serverDuidLength = 0
  /** DHCPv6: the first non-success status code (option 13) in the innermost message, else 0. */
  statusCode = 0
  optionCount = 0
  readonly optionCodes = new Uint16Array(MAX_SCANNED_OPTIONS)
  /** Offset of each option's value (after code and length) in the frame. */
  readonly optionOffsets = new Uint32Array(MAX_SCANNED_OPTIONS)
  readonly optionLengths = new Uint16Array(MAX_SCANNED_OPTIONS)
  /**
   * Whether Wireshark stops dissecting the message before all of it (DecodedValue.wiresharkStop, or DHCPv6's at_end
   * on an option cut short in a container): then `wiresharkUnseen` is 1 for each option it does not read, and of
   * DHCPv4's pads and End only those before `wiresharkOptionsEnd` (an offset, as the option offsets) are read.
   */
  wiresharkStopped = false
  wiresharkOptionsEnd = -1
  readonly wiresharkUnseen = new Uint8Array(MAX_SCANNED_OPTIONS)
  /** A DHCPv4 message Wireshark shows no field of (see wiresharkShowsNoFields): no option is recorded either. */
  wiresharkNoFields = false
  /**
   * Where Wireshark stops at a DHCPv4 option whose length runs past its area (an exception once the option's type
   * and length are shown, before its value): the offset of its code byte, or -1. It is not among the options.
   */
  wiresharkCutOffset = -1

  /** Buffer of the frame being scanned, for the option visitors (made once: no closure per packet). */
  private bytes: Uint8Array = new Uint8Array(0)
  private readonly visitOption4 = (code: number, offset: number, length: number): void => {
    if (code === 53 && length === 1 && this.messageType === 0) this.messageType = this.bytes[offset]
    else if (code === 54 && length === 4 && this.serverIdOffset < 0) this.serverIdOffset = offset
    const mayStop = MAY_STOP_WIRESHARK[code]
    if (mayStop === READ_FORMAT || (mayStop === ASK_STOP && wiresharkValueStops[code](this.bytes, offset, length) !== null)) this.mayStopWireshark = true
    this.record(code, offset, length)
  }
  /** An option of the message may stop Wireshark: findWiresharkStop4 reads it. */
  private mayStopWireshark = false
  /** Code-byte offsets of DHCPv4 options cut short by their area's end (an area has one at most: it stops there). */
  private readonly cuts4 = new Uint32Array(3)
  private cutCount4 = 0
  private readonly cutOption4 = (codeOffset: number): void => {
    if (this.cutCount4 < this.cuts4.length) this.cuts4[this.cutCount4++] = codeOffset
    this.mayStopWireshark = true
  }

  /** End of the frame in the buffer being scanned. */
  private end = 0
  /** Where the frame ended on the wire: past `end` when the capture kept only its first bytes. */
  private wireEnd = 0

  /**
   * Scans the frame at [start, end) of `b` (the whole of `b` by default). Offsets found are positions in `b`:
   * relative to the frame when it is scanned on its own, absolute when it sits in a larger read buffer.
   */
  scan(linkType: number, b: Uint8Array, start = 0, end = b.length, originalLength = end - start): this {
    this.end = end
    this.wireEnd = start + originalLength
    this.ethernet = -1
    this.wrapperCount = 0
    this.vlanId = -1
    this.ipVersion = 0
    this.udpOffset = -1
    this.family = 0
    this.messageType = 0
    this.relayHops = 0
    this.xid = 0
    this.optionCount = 0
    this.serverIdOffset = -1
    this.clientDuidOffset = -1
    this.serverDuidOffset = -1
    this.statusCode = 0
    this.wiresharkStopped = false
    this.wiresharkOptionsEnd = -1
    this.wiresharkCutOffset = -1
    this.wiresharkNoFields = false
    this.network(this.link(linkType, b, start), b, 0)
    return this
  }

  /** The layer of this EtherType at ipOffset; `depth`: tunnels entered so far. */
  private network(etherType: number, b: Uint8Array, depth: number): void {
    if (etherType === ETHERTYPE.PPPOE_SESSION) etherType = this.pppoe(b, this.ipOffset)
    if (etherType === ETHERTYPE.IPV4) this.ipv4(b, depth)
    else if (etherType === ETHERTYPE.IPV6) this.ipv6(b, depth)
  }

  /** A PPPoE session header at `at`, then PPP's protocol: the EtherType of what PPP carries, at ipOffset. */
  private pppoe(b: Uint8Array, at: number): number {
    const ppp = pppProtocol(b, at + PPPOE_HEADER_LENGTH, this.end)
    if (!ppp) return 0
    this.ipOffset = at + PPPOE_HEADER_LENGTH + ppp.length
    return pppEtherType(ppp.protocol)
  }

  /** An Ethernet header at `s` (its VLAN tags walked): its EtherType, with ipOffset where its payload starts. */
  private ethernetType(b: Uint8Array, s: number): number {
    let at = s + 12
    let type = (b[at] << 8) | b[at + 1]
    while (isVlanEtherType(type) && at + 6 <= this.end) {
      if (this.vlanId < 0) this.vlanId = ((b[at + 2] << 8) | b[at + 3]) & 0x0fff
      at += 4
      type = (b[at] << 8) | b[at + 1]
    }
    this.ipOffset = at + 2
    return type
  }

  /** Records a header around the innermost packet (see wrapperKinds). */
  private wrap(kind: number, offset: number): void {
    if (this.wrapperCount === MAX_WRAPPERS) return
    this.wrapperKinds[this.wrapperCount] = kind
    this.wrapperOffsets[this.wrapperCount++] = offset
  }

  /**
   * Enters a tunnel whose IP header (and UDP header, for VXLAN) is the one at hand: they become wrappers, and the
   * columns' layers are looked for again inside.
   */
  private enter(withUdp: boolean): void {
    this.wrap(this.ipVersion === 4 ? WRAPPER.IPV4 : WRAPPER.IPV6, this.ipOffset)
    if (withUdp) this.wrap(WRAPPER.UDP, this.udpOffset)
    this.ipVersion = 0
    this.udpOffset = -1
  }

  /** An Ethernet frame a tunnel carries, at `at`. */
  private innerEthernet(b: Uint8Array, at: number, depth: number): void {
    if (at + 14 > this.end) return
    this.wrap(WRAPPER.ETHERNET, at)
    this.network(this.ethernetType(b, at), b, depth + 1)
  }

  /** A GRE packet at `at`, inside the IP packet at hand, which ends at `end`. */
  private gre(b: Uint8Array, at: number, end: number, depth: number): void {
    const length = greHeaderLength(b, at, end)
    if (length < 0) return
    const protocol = (b[at + 2] << 8) | b[at + 3]
    const carries = greCarries(protocol)
    if (!carries) return
    this.enter(false)
    this.wrap(WRAPPER.GRE, at)
    const payload = at + length
    if (carries === 'ip') {
      this.ipOffset = payload
      this.network(protocol, b, depth + 1)
      return
    }
    if (carries === 'ppp') {
      const protocolAt = pppHdlcProtocolAt(b, payload, end)
      const ppp = protocolAt < 0 ? null : pppProtocol(b, protocolAt, end)
      if (!ppp) return
      this.ipOffset = protocolAt + ppp.length
      this.network(pppEtherType(ppp.protocol), b, depth + 1)
      return
    }
    const header = carries === 'erspan' ? erspanHeaderLength(b, payload, end, protocol, (b[at] << 8) | b[at + 1]) : 0
    if (header >= 0 && erspanCarriesEthernet(b, payload, header)) this.innerEthernet(b, payload + header, depth)
  }

  /** EtherType of the network layer (0 when unknown), with ipOffset set to where it starts. */
  private link(linkType: number, b: Uint8Array, s: number): number {
    const n = this.end - s
    switch (linkType) {
      case LINKTYPE.ETHERNET: {
        if (n < 14) return 0
        this.ethernet = 0
        return this.ethernetType(b, s)
      }
      case LINKTYPE.LINUX_SLL:
        this.ipOffset = s + 16
        return n >= 16 ? (b[s + 14] << 8) | b[s + 15] : 0
      case LINKTYPE.LINUX_SLL2:
        this.ipOffset = s + 20
        return n >= 20 ? (b[s] << 8) | b[s + 1] : 0
      case LINKTYPE.NULL:
      case LINKTYPE.LOOP: {
        if (n < 4) return 0
        this.ipOffset = s + 4
        return versionType(n > 4 ? b[s + 4] >> 4 : 0)
      }
      case LINKTYPE.RAW:
      case LINKTYPE.RAW_OPENBSD:
      case LINKTYPE.RAW_BSDOS:
      case LINKTYPE.IPV4:
      case LINKTYPE.IPV6:
        this.ipOffset = s
        return versionType(n > 0 ? b[s] >> 4 : 0)
      default: {
        const radio = isWlanLinkType(linkType) ? radioHeaderLength(linkType, b, s, this.end) : -1
        const at = radio < 0 ? -1 : wlanEtherTypeOffset(b, s + radio, this.end)
        if (at < 0) return 0
        this.ipOffset = at + 2
        return (b[at] << 8) | b[at + 1]
      }
    }
  }

  private ipv4(b: Uint8Array, depth: number): void {
    const o = this.ipOffset
    if (o + 20 > this.end) return
    const headerLength = (b[o] & 0x0f) * 4
    if (headerLength < 20 || o + headerLength > this.end) return
    this.ipVersion = 4
    const total = (b[o + 2] << 8) | b[o + 3]
    const claimedEnd = total >= headerLength ? o + total : this.wireEnd
    const end = total >= headerLength ? Math.min(o + total, this.end) : this.end
    // Only a first fragment has the UDP or GRE header; later ones carry the middle of a datagram.
    if (((b[o + 6] & 0x1f) | b[o + 7]) !== 0) return
    if (b[o + 9] === IP_PROTOCOL.UDP) this.udp(b, o + headerLength, end, claimedEnd, depth)
    else if (b[o + 9] === IP_PROTOCOL.GRE && depth < MAX_ENCAPSULATIONS) this.gre(b, o + headerLength, end, depth)
  }

  private ipv6(b: Uint8Array, depth: number): void {
    const o = this.ipOffset
    if (o + 40 > this.end) return
    this.ipVersion = 6
    const claimedEnd = o + 40 + ((b[o + 4] << 8) | b[o + 5])
    const end = Math.min(claimedEnd, this.end)
    let next = b[o + 6]
    let at = o + 40
    while (isIpv6Extension(next)) {
      if (at + 8 > end) return
      const length = ipv6ExtensionLength(next, b, at)
      next = b[at]
      at += length
    }
    if (next === IP_PROTOCOL.UDP) this.udp(b, at, end, claimedEnd, depth)
    else if (next === IP_PROTOCOL.GRE && depth < MAX_ENCAPSULATIONS) this.gre(b, at, end, depth)
  }

  /** `ipClaimedEnd`: where the IP header says the packet ends, captured or not. */
  private udp(b: Uint8Array, at: number, ipEnd: number, ipClaimedEnd: number, depth: number): void {
    if (at + 8 > ipEnd) return
    this.udpOffset = at
    const source = (b[at] << 8) | b[at + 1]
    const destination = (b[at + 2] << 8) | b[at + 3]
    this.sourcePort = source
    this.destinationPort = destination
    const length = (b[at + 4] << 8) | b[at + 5]
    const end = length >= 8 ? Math.min(at + length, ipEnd) : ipEnd
    if (this.ipVersion === 4 && (isDhcp4Port(source) || isDhcp4Port(destination))) {
      this.dhcp4(b, at + 8, end, Math.min(length >= 8 ? at + length : ipClaimedEnd, ipClaimedEnd, this.wireEnd))
    }
    else if (isDhcp6Port(source) || isDhcp6Port(destination)) this.dhcp6(b, at + 8, end)
    else if ((destination === VXLAN_PORT || source === VXLAN_PORT) && depth < MAX_ENCAPSULATIONS && at + 8 + VXLAN_HEADER_LENGTH <= end) {
      this.enter(true)
      this.innerEthernet(b, at + 8 + VXLAN_HEADER_LENGTH, depth)
    }
    else if ((destination === CAPWAP_DATA_PORT || source === CAPWAP_DATA_PORT) && depth < MAX_ENCAPSULATIONS) this.capwap(b, at + 8, end, depth)
  }

  private readonly wlan: WlanLayout = { type: 0, subtype: 0, flags: 0, headerLength: 0, qos: -1, llc: -1 }

  /**
   * A CAPWAP data packet at [at, end): the Ethernet or 802.11 frame it carries, when it carries one this reads. With
   * nothing of IP inside, ipOffset is where the inner frame's body starts.
   */
  private capwap(b: Uint8Array, at: number, end: number, depth: number): void {
    const carried = capwapPayload(b, at, end)
    if (!carried) return
    this.enter(true)
    this.wrap(WRAPPER.CAPWAP, at)
    if (carried.carries === 'ethernet') return this.innerEthernet(b, carried.payload, depth)
    const h = this.wlan, frame = carried.payload
    this.wrap(WRAPPER.WLAN_SWAPPED, frame)
    if (!readWlanHeader(b, frame, end, h, true)) {
      this.ipOffset = frame
      return
    }
    this.ipOffset = h.llc < 0 ? frame + h.headerLength : h.llc + 8
    if (h.llc >= 0) this.network((b[h.llc + 6] << 8) | b[h.llc + 7], b, depth + 1)
  }

  private dhcp4(b: Uint8Array, start: number, end: number, claimedEnd: number): void {
    this.family = 4
    this.dhcpOffset = start
    if (start + 8 <= end) this.xid = ((b[start + 4] << 24) >>> 0) + ((b[start + 5] << 16) | (b[start + 6] << 8) | b[start + 7])
    if (wiresharkShowsNoFields(b, start, end, claimedEnd)) {
      this.wiresharkNoFields = this.wiresharkStopped = true
      this.wiresharkOptionsEnd = start
      return
    }
    const c = start + BOOTP_HEADER_LENGTH
    if (c + 4 > end || ((b[c] << 24) | (b[c + 1] << 16) | (b[c + 2] << 8) | b[c + 3]) >>> 0 !== MAGIC_COOKIE) return
    this.bytes = b
    this.mayStopWireshark = false
    this.cutCount4 = 0
    forEachDhcp4Option(b, start, end, this.visitOption4, this.cutOption4)
    if (this.mayStopWireshark) this.findWiresharkStop4(b, start)
  }

  /**
   * Reads the options that may stop Wireshark (wiresharkStoppingFormats, wiresharkValueStops), as the decoder does, and
   * takes the options cut short; from the first of them in Wireshark's reading order, the options after it are
   * unseen. Options split in pieces (RFC 3396) are decoded joined, where Wireshark's pieces would differ: they are
   * left out, as in the decoder.
   */
  private findWiresharkStop4(b: Uint8Array, start: number): void {
    let overloadAt = -1
    let vendorClass: string | null = null
    for (let k = 0; k < this.optionCount; k++) {
      const code = this.optionCodes[k], at = this.optionOffsets[k] - start
      if (code === 52 && overloadAt < 0 && !(at >= SNAME[0] && at < FILE[1])) overloadAt = this.optionOffsets[k]
      if (code === 60 && vendorClass === null) vendorClass = text(b, this.optionOffsets[k], this.optionLengths[k])
    }
    let stop = -1, stopRank = Infinity
    for (let k = 0; k < this.optionCount; k++) {
      const code = this.optionCodes[k]
      if (!MAY_STOP_WIRESHARK[code] || this.instances(code) > 1) continue
      const format = code === 43 ? vendorInfoFormat(vendorClass ?? '') : dhcp4OptionSpec(code).format
      const off = this.optionOffsets[k], len = this.optionLengths[k]
      const stops = (format && wiresharkStoppingFormats.has(format) && dhcp4Formats[format](b, off, len).wiresharkStop !== undefined) || wiresharkValueStops[code]?.(b, off, len) != null
      if (!stops) continue
      const rank = wiresharkReadingRank(this.optionOffsets[k], start, overloadAt)
      if (rank < stopRank) [stop, stopRank] = [k, rank]
    }
    // Ranked by where their value would start, as the options are.
    let cutAt = -1
    for (let k = 0; k < this.cutCount4; k++) {
      const rank = wiresharkReadingRank(this.cuts4[k] + 2, start, overloadAt)
      if (rank < stopRank) [cutAt, stopRank] = [this.cuts4[k], rank]
    }
    if (stop < 0 && cutAt < 0) return
    this.wiresharkStopped = true
    this.wiresharkCutOffset = cutAt
    for (let k = 0; k < this.optionCount; k++) this.wiresharkUnseen[k] = wiresharkReadingRank(this.optionOffsets[k], start, overloadAt) > stopRank ? 1 : 0
    // Pads and End of the options area are read up to the stopping option, or to option 52 when it is in sname or file.
    const stopAt = cutAt >= 0 ? cutAt : this.optionOffsets[stop] - 2
    this.wiresharkOptionsEnd = stopAt - start >= BOOTP_HEADER_LENGTH ? stopAt : overloadAt + 1
  }

  private instances(code: number): number {
    let n = 0
    for (let k = 0; k < this.optionCount; k++) if (this.optionCodes[k] === code) n++
    return n
  }

  private dhcp6(b: Uint8Array, start: number, end: number): void {
    if (start >= end) return
    this.family = 6
    let at = start
    let stop = end
    while ((b[at] === RELAY_FORW || b[at] === RELAY_REPL) && this.relayHops < MAX_RELAY_DEPTH) {
      if (at + RELAY_HEADER_LENGTH > stop) break
      const first = this.optionCount
      this.options6(b, at + RELAY_HEADER_LENGTH, stop, 0, false)
      let inner = -1
      for (let i = first; i < this.optionCount; i++) {
        if (this.optionCodes[i] === RELAY_MESSAGE) { inner = i; break }
      }
      if (inner < 0 || this.optionLengths[inner] === 0) break
      this.relayHops++
      at = this.optionOffsets[inner]
      stop = at + this.optionLengths[inner]
    }
    this.dhcpOffset = at
    this.messageType = b[at]
    if (b[at] === RELAY_FORW || b[at] === RELAY_REPL || at + MESSAGE_HEADER_LENGTH > stop) return
    this.xid = (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]
    this.options6(b, at + MESSAGE_HEADER_LENGTH, stop, 0, true)
  }

  /** Where the DHCPv6 option walk is: nesting depth, and whether it is in the client/server message itself. */
  private depth6 = 0
  private innermost6 = false
  private readonly visitOption6 = (code: number, offset: number, length: number): void => {
    this.record(code, offset, length)
    if (this.innermost6) this.identify6(this.bytes, code, offset, length, this.depth6)
    const head = DHCP6_CONTAINER_HEADS[code] ?? (length > 8 ? DHCP6_VARIABLE_HEADS[code]?.(this.bytes, offset) : undefined)
    if (head !== undefined && length > head && this.depth6 < MAX_OPTION_DEPTH) this.options6(this.bytes, offset + head, offset + length, this.depth6 + 1, this.innermost6)
  }

  /** `innermost`: the options belong to the client/server message itself, not to a relay around it. */
  private options6(b: Uint8Array, start: number, end: number, depth: number, innermost: boolean): void {
    const outerDepth = this.depth6, outerInnermost = this.innermost6
    this.bytes = b
    this.depth6 = depth
    this.innermost6 = innermost
    // Each message (a relay's, the client's or server's) has its own at_end.
    if (depth === 0) this.atEnd6 = false
    if (forEachDhcp6Option(b, start, end, this.visitOption6) < end) this.atEnd6 = true
    this.depth6 = outerDepth
    this.innermost6 = outerInnermost
  }

  /** Wireshark's at_end: an option was cut short in this message, and Wireshark reads none after it. */
  private atEnd6 = false

  private identify6(b: Uint8Array, code: number, offset: number, length: number, depth: number): void {
    if (code === 1 && depth === 0 && this.clientDuidOffset < 0) {
      this.clientDuidOffset = offset
      this.clientDuidLength = length
    } else if (code === 2 && depth === 0 && this.serverDuidOffset < 0) {
      this.serverDuidOffset = offset
      this.serverDuidLength = length
    } else if (code === 13 && length >= 2 && this.statusCode === 0) {
      this.statusCode = (b[offset] << 8) | b[offset + 1]
    }
  }

  private record(code: number, offset: number, length: number): void {
    if (this.optionCount >= MAX_SCANNED_OPTIONS) return
    this.optionCodes[this.optionCount] = code
    this.optionOffsets[this.optionCount] = offset
    this.optionLengths[this.optionCount] = length
    this.wiresharkUnseen[this.optionCount] = this.family === 6 && this.atEnd6 ? 1 : 0
    if (this.wiresharkUnseen[this.optionCount]) this.wiresharkStopped = true
    this.optionCount++
  }
}

function versionType(version: number): number {
  return version === 4 ? 0x0800 : version === 6 ? 0x86dd : 0
}
