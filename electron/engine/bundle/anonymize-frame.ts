// Rewrites a frame's addresses in place with their pseudonyms: the link layer's (Ethernet, Linux cooked, 802.11) and
// ARP's, IPv4 and IPv6 headers, and in DHCP what names a client, a server or the site (DHCPv4's address fields,
// chaddr, sname and file, address options, client id, host, domain and boot file names, FQDN and search list;
// DHCPv6's relay addresses, DUIDs' link-layer addresses, IA addresses and prefixes, DNS servers, domain lists), and
// what a relay agent adds about where the client is (option 82's sub-options; DHCPv6's interface, remote and
// subscriber ids and the client's link-layer address). A packet that is not DHCP keeps its headers (addresses
// replaced) and loses what it carries, which has no stand-in: a DNS name, an HTTP header, an LLDP switch name, a
// neighbor discovery's MAC become zeros. Every length stays, so only checksums change: they are computed again.
import { checksum, pseudoHeader } from '../client/framing'
import { ipv4, ipv6, mac } from '../decode/bytes'
import { ipv4Bytes } from '../decode/dhcp4/encode-formats'
import { ipv6Bytes } from '../decode/dhcp6/encode-formats'
import { hexBytes } from '../decode/encode-values'
import { FILE, SNAME } from '../decode/dhcp4/option-areas'
import { capwapHeader, CAPWAP_FLAGS, ETHERTYPE, IP_PROTOCOL } from '../decode/tunnels'
import { BLOCK_RECORD, ipv6ExtensionLength, isBlockRecord, isIpv6Extension, LINKTYPE } from '../decode/link-types'
import { FrameScan, WRAPPER } from '../decode/scan'
import { isWlanLinkType, radioHeaderLength, readWlanHeader, type WlanLayout } from '../decode/wlan'
import { journalTimeDigits } from '../capture-file/pcapng-records'
import type { Pseudonyms } from './pseudonyms'

/** DHCPv4 options that hold IPv4 addresses (RFC 2132 and later): routers, servers of every kind, requested address. */
const ADDRESS_OPTIONS4 = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 28, 32, 41, 42, 44, 45, 48, 49, 50, 54, 65, 68, 69, 70, 71, 72, 73, 74, 75, 76, 118])
/**
 * DHCPv4 options holding a name as text: host name (12), merit dump file (14), domain name (15), root and extensions
 * paths (17, 18), NIS and NIS+ domains (40, 64), TFTP server name (66), boot file name (67).
 */
const TEXT_OPTIONS4 = new Set([12, 14, 15, 17, 18, 40, 64, 66, 67])
/** DHCPv4 options holding domain names in DNS wire format: the domain search list (119, RFC 3397), SIP servers' (120 holds them after a byte saying so: see sipServers). */
const DOMAIN_LIST_OPTIONS4 = new Set([119])
const SIP_SERVERS4 = 120
const OPTION_OVERLOAD = 52
/** DHCPv6 options holding domain names in wire format: SIP server names (21), domain search list (24), NIS and NIS+ domains (29, 30), AFTR name (64). */
const DOMAIN_LIST_OPTIONS6 = new Set([21, 24, 29, 30, 64])
/** ICMP errors, which quote the IPv4 header (and 8 bytes) of the packet they are about: unreachable, source quench, redirect, time exceeded, parameter problem. */
const ICMP_ERRORS = new Set([3, 4, 5, 11, 12])
const RELAY_FORW = 12
const RELAY_REPL = 13
/** Option 82's sub-options (RFC 3046 and later) that hold an address: link selection (5), server id override (11). */
const RELAY_ADDRESS_SUBOPTIONS = new Set([5, 11])
/** Those that name a place or a subscriber: circuit id (1), remote id (2), subscriber id (6). */
const RELAY_ID_SUBOPTIONS = new Set([1, 2, 6])
const RELAY_ID_DUID = 12
/** DHCPv6 relay options naming a place or a subscriber: interface id (18), subscriber id (38); remote id (37) after its enterprise number. */
const RELAY_ID_OPTIONS6 = new Set([18, 38])
const REMOTE_ID6 = 37
const CLIENT_LINK_LAYER_ADDRESS6 = 79

const PRINTABLE = /^[\x20-\x7e]+$/

export class FrameAnonymizer {
  private readonly scan = new FrameScan()

  constructor(private readonly names: Pseudonyms) {}

  /** Rewrites `b` (a copy of the frame: it is changed in place). */
  rewrite(linkType: number, b: Uint8Array): void {
    if (isBlockRecord(linkType)) return blankBlockRecord(linkType, b)
    const s = this.scan.scan(linkType, b)
    const network = this.linkLayer(linkType, b, s)
    const transport = s.ipVersion ? transportOf(b, s) : null
    if (!s.family) b.fill(0, Math.min(b.length, transport ? payloadStart(b, s, transport) : network.end))
    if (network.type === ETHERTYPE.ARP && network.end + 28 <= b.length) this.arp(b, network.end)
    if (s.ipVersion === 4) {
      this.ipv4Header(b, s.ipOffset)
      this.icmpError(b, s.ipOffset)
    }
    else if (s.ipVersion === 6) this.ipv6Header(b, s.ipOffset)
    if (s.family === 4) this.dhcp4(b, s)
    else if (s.family === 6) this.dhcp6(b, s.udpOffset + 8, b.length)
    if (s.udpOffset >= 0 && s.ipVersion) udpChecksum(b, s.ipVersion, s.ipOffset, s.udpOffset)
    else if (transport) transportChecksum(b, s.ipVersion, s.ipOffset, transport)
    this.wrappers(b, s)
  }

  /**
   * The link layer's addresses, and what it carries: its EtherType (0 when unknown) and where that starts (the whole
   * frame is blanked from there when it is neither IP nor DHCP; 0 for a link layer not understood).
   */
  private linkLayer(linkType: number, b: Uint8Array, s: FrameScan): { type: number; end: number } {
    const typeAt = (at: number) => (at + 2 <= b.length ? (b[at] << 8) | b[at + 1] : 0)
    if (s.ethernet === 0) {
      this.mac(b, 0)
      this.mac(b, 6)
      return { type: typeAt(s.ipOffset - 2), end: s.ipOffset }
    }
    // Linux cooked captures (on "any") name the sender: its address length, then the address.
    if (linkType === LINKTYPE.LINUX_SLL && b.length >= 16) {
      if (((b[4] << 8) | b[5]) === 6) this.mac(b, 6)
      return { type: typeAt(14), end: 16 }
    }
    if (linkType === LINKTYPE.LINUX_SLL2 && b.length >= 20) {
      if (b[11] === 6) this.mac(b, 12)
      return { type: typeAt(0), end: 20 }
    }
    if (linkType === LINKTYPE.NULL || linkType === LINKTYPE.LOOP) return { type: 0, end: 4 }
    if (isWlanLinkType(linkType)) return this.wlanAddresses(linkType, b, s)
    return { type: 0, end: 0 }
  }

  /** The 802.11 frame after a radio header: its addresses, and what it carries. */
  private wlanAddresses(linkType: number, b: Uint8Array, s: FrameScan): { type: number; end: number } {
    const radio = radioHeaderLength(linkType, b, 0, b.length)
    if (radio < 0 || !this.wlanHeader(b, radio, false)) return { type: 0, end: 0 }
    const { headerLength, llc } = this.wlan
    if (llc < 0) return { type: 0, end: radio + headerLength }
    return { type: (b[llc + 6] << 8) | b[llc + 7], end: s.ipVersion ? s.ipOffset : llc + 8 }
  }

  /** The addresses of the 802.11 header at `start` (receiver, transmitter, then the BSSID or the others a layout names), read into this.wlan. */
  private wlanHeader(b: Uint8Array, start: number, swapped: boolean): boolean {
    if (!readWlanHeader(b, start, b.length, this.wlan, swapped)) return false
    const { headerLength, type, flags } = this.wlan
    for (let at = 4; at + 6 <= Math.min(headerLength, 24); at += 6) this.mac(b, start + at)
    if (type === 2 && (flags & 3) === 3) this.mac(b, start + 24)
    return true
  }

  private readonly wlan: WlanLayout = { type: 0, subtype: 0, flags: 0, headerLength: 0, qos: -1, llc: -1 }

  /**
   * The headers tunnels wrap the packet in, from the innermost out: a tunnel's checksum covers what it carries, which
   * is rewritten by then. A UDP or GRE header's IP header is the wrapper before it.
   */
  private wrappers(b: Uint8Array, s: FrameScan): void {
    for (let k = s.wrapperCount - 1; k >= 0; k--) {
      const at = s.wrapperOffsets[k]
      const ip = k > 0 ? s.wrapperOffsets[k - 1] : -1, ipVersion = k > 0 ? s.wrapperKinds[k - 1] : 0
      switch (s.wrapperKinds[k]) {
        case WRAPPER.ETHERNET:
          this.mac(b, at)
          this.mac(b, at + 6)
          break
        case WRAPPER.IPV4:
          this.ipv4Header(b, at)
          break
        case WRAPPER.IPV6:
          this.ipv6Header(b, at)
          break
        case WRAPPER.UDP:
          udpChecksum(b, ipVersion, ip, at)
          break
        case WRAPPER.GRE:
          this.greChecksum(b, at, ipVersion === WRAPPER.IPV4 ? ip + ((b[ip + 2] << 8) | b[ip + 3]) : ip + 40 + ((b[ip + 4] << 8) | b[ip + 5]))
          break
        case WRAPPER.CAPWAP:
          // The access point's radio, when the M flag says its MAC address (6 bytes long) follows the fixed header.
          if (capwapHeader(b, at).flags & CAPWAP_FLAGS.RADIO_MAC && b[at + 8] === 6) this.mac(b, at + 9)
          break
        case WRAPPER.WLAN_SWAPPED:
          this.wlanHeader(b, at, true)
          break
      }
    }
  }

  /** A GRE checksum (when its C flag says there is one) covers the GRE header and its payload, to `end`. */
  private greChecksum(b: Uint8Array, at: number, end: number): void {
    if (!(b[at] & 0x80) || end > b.length || at + 8 > end) return
    setChecksum(b, at + 4, [b.subarray(at, end)])
  }

  private mac(b: Uint8Array, at: number): void {
    if (at + 6 > b.length) return
    b.set(hexBytes(this.names.mac(mac(b, at))), at)
  }

  private ipv4(b: Uint8Array, at: number): void {
    if (at + 4 > b.length) return
    b.set(ipv4Bytes(this.names.ipv4(ipv4(b, at))), at)
  }

  private ipv6(b: Uint8Array, at: number): void {
    if (at + 16 > b.length) return
    b.set(ipv6Bytes(this.names.ipv6(ipv6(b, at))), at)
  }

  private arp(b: Uint8Array, o: number): void {
    this.mac(b, o + 8)
    this.ipv4(b, o + 14)
    this.mac(b, o + 18)
    this.ipv4(b, o + 24)
  }

  private ipv4Header(b: Uint8Array, o: number): void {
    const headerLength = (b[o] & 0x0f) * 4
    this.ipv4(b, o + 12)
    this.ipv4(b, o + 16)
    if (o + headerLength > b.length) return
    setChecksum(b, o + 10, [b.subarray(o, o + headerLength)])
  }

  /** An ICMP error quotes the IPv4 header of the packet it is about: its addresses too (the checksum: transportChecksum). */
  private icmpError(b: Uint8Array, o: number): void {
    const icmp = o + (b[o] & 0x0f) * 4
    if (b[o + 9] === IP_PROTOCOL.ICMP && icmp + 28 <= b.length && ICMP_ERRORS.has(b[icmp])) this.ipv4Header(b, icmp + 8)
  }

  private ipv6Header(b: Uint8Array, o: number): void {
    this.ipv6(b, o + 8)
    this.ipv6(b, o + 24)
  }

  private dhcp4(b: Uint8Array, s: FrameScan): void {
    const d = s.dhcpOffset
    for (const field of [12, 16, 20, 24]) this.ipv4(b, d + field)
    // chaddr is a MAC when the hardware type is Ethernet with 6-byte addresses.
    if (b[d + 1] === 1 && b[d + 2] === 6) this.mac(b, d + 28)
    let overload = 0
    for (let i = 0; i < s.optionCount; i++) {
      const code = s.optionCodes[i]
      const at = s.optionOffsets[i]
      const length = s.optionLengths[i]
      if (ADDRESS_OPTIONS4.has(code) && length % 4 === 0) for (let k = 0; k < length; k += 4) this.ipv4(b, at + k)
      else if (code === 61 && length === 7 && b[at] === 1) this.mac(b, at + 1)
      else if (TEXT_OPTIONS4.has(code)) this.text(b, at, length)
      else if (DOMAIN_LIST_OPTIONS4.has(code)) this.domainList(b, at, at + length)
      else if (code === SIP_SERVERS4 && length > 1) this.sipServers(b, at, at + length)
      else if (code === 81 && length > 3) this.fqdn(b, at + 3, at + length, (b[at] & 0x04) !== 0)
      else if (code === 82) this.relayAgent(b, at, at + length)
      else if (code === OPTION_OVERLOAD && length === 1) overload = b[at]
    }
    // Option 52's value 1 puts options in file, 2 in sname, 3 in both; otherwise each holds a name, up to a NUL.
    for (const [[from, to], overloaded] of [[FILE, overload & 1], [SNAME, overload & 2]] as const) {
      if (overloaded || d + to > b.length) continue
      const name = b.subarray(d + from, d + to).indexOf(0)
      this.text(b, d + from, name < 0 ? to - from : name)
    }
  }

  /** Option 120 (RFC 3361): a byte saying whether domain names (0) or IPv4 addresses (1) follow. */
  private sipServers(b: Uint8Array, from: number, end: number): void {
    if (b[from] === 0) this.domainList(b, from + 1, end)
    else if (b[from] === 1 && (end - from - 1) % 4 === 0) for (let at = from + 1; at < end; at += 4) this.ipv4(b, at)
  }

  /**
   * Domain names in DNS wire format, one after another: each label gets its stand-in. A compression pointer (two
   * bytes, RFC 1035 section 4.1.4) points at labels already replaced.
   */
  private domainList(b: Uint8Array, from: number, end: number): void {
    for (let at = from; at < end;) {
      const length = b[at]
      if (length >= 0xc0) at += 2
      else if (at + 1 + length > end) return
      else {
        this.text(b, at + 1, length)
        at += 1 + length
      }
    }
  }

  /** Option 82's sub-options at [from, end): addresses, identifiers, and the relay's own DUID (RFC 6925). */
  private relayAgent(b: Uint8Array, from: number, end: number): void {
    for (let at = from; at + 2 <= end;) {
      const code = b[at]
      const length = b[at + 1]
      const value = at + 2
      if (value + length > end) return
      if (RELAY_ADDRESS_SUBOPTIONS.has(code) && length === 4) this.ipv4(b, value)
      else if (RELAY_ID_SUBOPTIONS.has(code)) this.relayId(b, value, length)
      else if (code === RELAY_ID_DUID && !this.duid(b, value, length)) this.relayId(b, value, length)
      at = value + length
    }
  }

  /**
   * A relay's identifier for where the client is: six bytes are a MAC, as is the MAC after a Cisco remote id's type 0
   * and length 6; text and other bytes get a stand-in of their length (a MAC written as text stays one).
   */
  private relayId(b: Uint8Array, at: number, length: number): void {
    if (length === 6 && !PRINTABLE.test(Buffer.from(b.subarray(at, at + 6)).toString('latin1'))) this.mac(b, at)
    else if (length === 8 && b[at] === 0 && b[at + 1] === 6) this.mac(b, at + 2)
    else if (length > 0) b.set(this.names.identifier(b.subarray(at, at + length)), at)
  }

  /** A DHCPv6 message at [o, end): a relay's addresses and the message it carries, or a client's or server's options. */
  private dhcp6(b: Uint8Array, o: number, end: number): void {
    if (o >= end) return
    const relay = b[o] === RELAY_FORW || b[o] === RELAY_REPL
    if (relay) {
      this.ipv6(b, o + 2)
      this.ipv6(b, o + 18)
    }
    this.options6(b, o + (relay ? 34 : 4), end)
  }

  private options6(b: Uint8Array, from: number, end: number): void {
    for (let at = from; at + 4 <= end;) {
      const code = (b[at] << 8) | b[at + 1]
      const length = (b[at + 2] << 8) | b[at + 3]
      const value = at + 4
      if (value + length > end) return
      if (code === 9) this.dhcp6(b, value, value + length)
      else if (code === 1 || code === 2) this.duid(b, value, length)
      else if (code === 3 && length >= 12) this.options6(b, value + 12, value + length)
      else if (code === 25 && length >= 12) this.options6(b, value + 12, value + length)
      else if (code === 5 && length >= 16) this.ipv6(b, value)
      else if (code === 26 && length >= 25) this.ipv6(b, value + 9)
      else if (code === 23 && length % 16 === 0) for (let k = 0; k < length; k += 16) this.ipv6(b, value + k)
      else if (code === 39 && length > 1) this.fqdn(b, value + 1, value + length, true)
      else if (DOMAIN_LIST_OPTIONS6.has(code)) this.domainList(b, value, value + length)
      else if (RELAY_ID_OPTIONS6.has(code)) this.relayId(b, value, length)
      else if (code === REMOTE_ID6 && length > 4) this.relayId(b, value + 4, length - 4)
      else if (code === CLIENT_LINK_LAYER_ADDRESS6 && length === 8 && b[value] === 0 && b[value + 1] === 1) this.mac(b, value + 2)
      at = value + length
    }
  }

  /** DUID-LLT and DUID-LL of Ethernet end with the MAC; false for a DUID that holds none. */
  private duid(b: Uint8Array, at: number, length: number): boolean {
    const type = (b[at] << 8) | b[at + 1]
    const hardware = (b[at + 2] << 8) | b[at + 3]
    if (length < 4 || hardware !== 1) return false
    if (type === 1 && length === 14) this.mac(b, at + 8)
    else if (type === 3 && length === 10) this.mac(b, at + 4)
    else return false
    return true
  }

  /** A host name in ASCII, replaced by its stand-in of the same length. */
  private text(b: Uint8Array, at: number, length: number): void {
    const name = Buffer.from(b.subarray(at, at + length)).toString('latin1')
    b.set(Buffer.from(this.names.host(name), 'latin1'), at)
  }

  /** A domain name in wire format (length-prefixed labels), or in ASCII: each label replaced by its stand-in. */
  private fqdn(b: Uint8Array, from: number, end: number, wire: boolean): void {
    if (!wire) {
      this.text(b, from, end - from)
      return
    }
    for (let at = from; at < end && b[at] !== 0;) {
      const length = b[at]
      if (at + 1 + length > end) return
      this.text(b, at + 1, length)
      at += 1 + length
    }
  }
}

/** Where an IP packet's transport header starts (after IPv6's extension headers) and where the packet ends. */
interface Transport {
  /** IP protocol number, or -1 for a fragment after the first (its bytes are the middle of a datagram). */
  protocol: number
  at: number
  /** Where the IP header says the packet ends: past the frame's end when the capture kept only its first bytes. */
  end: number
}

function transportOf(b: Uint8Array, s: FrameScan): Transport {
  const o = s.ipOffset
  if (s.ipVersion === 4) {
    const headerLength = (b[o] & 0x0f) * 4, total = (b[o + 2] << 8) | b[o + 3]
    const laterFragment = ((b[o + 6] & 0x1f) | b[o + 7]) !== 0
    return { protocol: laterFragment ? -1 : b[o + 9], at: o + headerLength, end: total >= headerLength ? o + total : b.length }
  }
  const end = o + 40 + ((b[o + 4] << 8) | b[o + 5])
  let next = b[o + 6], at = o + 40
  while (isIpv6Extension(next) && at + 8 <= Math.min(end, b.length)) {
    if (next === 44 && (((b[at + 2] << 8) | b[at + 3]) & 0xfff8) !== 0) return { protocol: -1, at: at + 8, end }
    const length = ipv6ExtensionLength(next, b, at)
    next = b[at]
    at += length
  }
  return { protocol: isIpv6Extension(next) ? -1 : next, at, end }
}

/**
 * Where the payload of a packet that is not DHCP starts: what follows its transport header (TCP's options kept), or an
 * ICMP error's quote of the packet it is about (IP header and 8 bytes); ICMP keeps its identifier and sequence number.
 */
function payloadStart(b: Uint8Array, s: FrameScan, t: Transport): number {
  switch (t.protocol) {
    case IP_PROTOCOL.UDP: return s.udpOffset >= 0 ? s.udpOffset + 8 : t.at
    case IP_PROTOCOL.TCP: return t.at + 20 <= b.length ? t.at + Math.max(20, (b[t.at + 12] >> 4) * 4) : t.at
    case IP_PROTOCOL.ICMP: return ICMP_ERRORS.has(b[t.at]) && t.at + 28 <= b.length ? t.at + 16 + (b[t.at + 8] & 0x0f) * 4 : t.at + 8
    case IP_PROTOCOL.ICMPV6: return t.at + 8
    case IP_PROTOCOL.IGMP: return t.at + 8
    default: return t.at
  }
}

/** Writes at `at` the Internet checksum of `covered` (views of `b` that include the field, counted as zero). */
function setChecksum(b: Uint8Array, at: number, covered: Uint8Array[], zeroAsOnes = false): void {
  b[at] = 0
  b[at + 1] = 0
  const sum = checksum(...covered) || (zeroAsOnes ? 0xffff : 0)
  b[at] = sum >> 8
  b[at + 1] = sum & 255
}

/** UDP's checksum over its pseudo-header; IPv4's "no checksum" (0) and a frame cut short stay as they are. */
function udpChecksum(b: Uint8Array, version: number, ip: number, u: number): void {
  const length = (b[u + 4] << 8) | b[u + 5]
  if (u + length > b.length || length < 8) return
  if (version === 4 && b[u + 6] === 0 && b[u + 7] === 0) return
  setChecksum(b, u + 6, [pseudoHeader(b, ip, version, IP_PROTOCOL.UDP, length), b.subarray(u, u + length)], true)
}

/** The checksum of TCP, ICMP, ICMPv6 and IGMP (not UDP: see udpChecksum), when the whole packet was captured. */
function transportChecksum(b: Uint8Array, version: number, ip: number, t: Transport): void {
  if (t.end > b.length || t.at + 4 > t.end) return
  const segment = b.subarray(t.at, t.end)
  if (t.protocol === IP_PROTOCOL.TCP && segment.length >= 20) setChecksum(b, t.at + 16, [pseudoHeader(b, ip, version, t.protocol, segment.length), segment])
  else if (t.protocol === IP_PROTOCOL.ICMPV6 && version === 6) setChecksum(b, t.at + 2, [pseudoHeader(b, ip, version, t.protocol, segment.length), segment])
  else if ((t.protocol === IP_PROTOCOL.ICMP || t.protocol === IP_PROTOCOL.IGMP) && version === 4) setChecksum(b, t.at + 2, [segment])
}

/**
 * A block that is not a packet holds what no pseudonym can stand for (a vendor's data, a log entry): it is blanked,
 * keeping what the frame is. A custom block keeps its enterprise number; a journal entry its time, its line breaks
 * and its length (spaces, not NULs, which would make it too short to read back).
 */
function blankBlockRecord(linkType: number, b: Uint8Array): void {
  if (linkType !== BLOCK_RECORD.SYSTEMD_JOURNAL) {
    b.fill(0, 4)
    return
  }
  const time = journalTimeDigits(b)
  for (let i = 0; i < b.length; i++) if (b[i] !== 0x0a && !(time && i >= time.name && i < time.end)) b[i] = 0x20
}
