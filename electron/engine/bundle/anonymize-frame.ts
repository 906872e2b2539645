// Rewrites a frame's addresses in place with their pseudonyms: Ethernet and ARP, IPv4 and IPv6 headers, and in DHCP
// what names a client or a server (DHCPv4's address fields, chaddr, address options, client id, host name and FQDN;
// DHCPv6's relay addresses, DUIDs' link-layer addresses, IA addresses and prefixes, DNS servers), and what a relay
// agent adds about where the client is (option 82's sub-options; DHCPv6's interface, remote and subscriber ids and
// the client's link-layer address). Stand-ins keep every length, so only the IPv4 header and UDP checksums change:
// they are computed again.
import { checksum } from '../client/framing'
import { ipv4, ipv6, mac } from '../decode/bytes'
import { ipv4Bytes } from '../decode/dhcp4/encode-formats'
import { ipv6Bytes } from '../decode/dhcp6/encode-formats'
import { hexBytes } from '../decode/encode-values'
import { BLOCK_RECORD, isBlockRecord } from '../decode/link-types'
import { FrameScan, WRAPPER } from '../decode/scan'
import { journalTimeDigits } from '../capture-file/pcapng-records'
import type { Pseudonyms } from './pseudonyms'

/** DHCPv4 options that hold IPv4 addresses (RFC 2132 and later): routers, servers of every kind, requested address. */
const ADDRESS_OPTIONS4 = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 28, 32, 41, 42, 44, 45, 48, 49, 50, 54, 65, 68, 69, 70, 71, 72, 73, 74, 75, 76, 118])
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
    if (s.ethernet === 0) {
      this.mac(b, 0)
      this.mac(b, 6)
      const etherType = (b[s.ipOffset - 2] << 8) | b[s.ipOffset - 1]
      if (etherType === 0x0806 && s.ipOffset + 28 <= b.length) this.arp(b, s.ipOffset)
    }
    if (s.ipVersion === 4) {
      this.ipv4Header(b, s.ipOffset)
      this.icmpError(b, s.ipOffset)
    }
    else if (s.ipVersion === 6) this.ipv6Header(b, s.ipOffset)
    if (s.family === 4) this.dhcp4(b, s)
    else if (s.family === 6) this.dhcp6(b, s.udpOffset + 8, b.length)
    if (s.udpOffset >= 0 && s.ipVersion) this.udpChecksum(b, s.ipVersion, s.ipOffset, s.udpOffset)
    this.wrappers(b, s)
  }

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
          this.udpChecksum(b, ipVersion, ip, at)
          break
        case WRAPPER.GRE:
          this.greChecksum(b, at, ipVersion === WRAPPER.IPV4 ? ip + ((b[ip + 2] << 8) | b[ip + 3]) : ip + 40 + ((b[ip + 4] << 8) | b[ip + 5]))
          break
      }
    }
  }

  /** A GRE checksum (when its C flag says there is one) covers the GRE header and its payload, to `end`. */
  private greChecksum(b: Uint8Array, at: number, end: number): void {
    if (!(b[at] & 0x80) || end > b.length || at + 8 > end) return
    b[at + 4] = 0
    b[at + 5] = 0
    const sum = checksum(b.subarray(at, end))
    b[at + 4] = sum >> 8
    b[at + 5] = sum & 255
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
    b[o + 10] = 0
    b[o + 11] = 0
    const sum = checksum(b.subarray(o, o + headerLength))
    b[o + 10] = sum >> 8
    b[o + 11] = sum & 255
  }

  /** An ICMP error quotes the IPv4 header of the packet it is about: its addresses too, and the ICMP checksum again. */
  private icmpError(b: Uint8Array, o: number): void {
    const headerLength = (b[o] & 0x0f) * 4
    const icmp = o + headerLength
    if (b[o + 9] !== 1 || icmp + 28 > b.length || ![3, 4, 5, 11, 12].includes(b[icmp])) return
    this.ipv4Header(b, icmp + 8)
    const total = (b[o + 2] << 8) | b[o + 3]
    const end = o + total
    if (end > b.length || end <= icmp) return
    b[icmp + 2] = 0
    b[icmp + 3] = 0
    const sum = checksum(b.subarray(icmp, end))
    b[icmp + 2] = sum >> 8
    b[icmp + 3] = sum & 255
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
    for (let i = 0; i < s.optionCount; i++) {
      const code = s.optionCodes[i]
      const at = s.optionOffsets[i]
      const length = s.optionLengths[i]
      if (ADDRESS_OPTIONS4.has(code) && length % 4 === 0) for (let k = 0; k < length; k += 4) this.ipv4(b, at + k)
      else if (code === 61 && length === 7 && b[at] === 1) this.mac(b, at + 1)
      else if (code === 12) this.text(b, at, length)
      else if (code === 81 && length > 3) this.fqdn(b, at + 3, at + length, (b[at] & 0x04) !== 0)
      else if (code === 82) this.relayAgent(b, at, at + length)
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

  /** UDP's checksum over its pseudo-header; IPv4's "no checksum" (0) and a frame cut short stay as they are. */
  private udpChecksum(b: Uint8Array, version: number, ip: number, u: number): void {
    const length = (b[u + 4] << 8) | b[u + 5]
    if (u + length > b.length || length < 8) return
    if (version === 4 && b[u + 6] === 0 && b[u + 7] === 0) return
    const pseudo = new Uint8Array(version === 4 ? 12 : 40)
    if (version === 4) pseudo.set(b.subarray(ip + 12, ip + 20))
    else pseudo.set(b.subarray(ip + 8, ip + 40))
    const tail = version === 4 ? 8 : 32
    pseudo[tail + (version === 4 ? 1 : 7)] = 17
    if (version === 4) {
      pseudo[10] = length >> 8
      pseudo[11] = length & 255
    } else {
      pseudo[34] = length >> 8
      pseudo[35] = length & 255
    }
    b[u + 6] = 0
    b[u + 7] = 0
    const sum = checksum(pseudo, b.subarray(u, u + length)) || 0xffff
    b[u + 6] = sum >> 8
    b[u + 7] = sum & 255
  }
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
