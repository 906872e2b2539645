// CableLabs' vendor options (option 17, enterprise 4491): what a DOCSIS cable modem and a PacketCable phone adapter
// send and get over DHCPv6 (CL-SP-CANN-DHCP-Reg). Wireshark 4.0 reads them with a dissector of its own
// (packet-dhcpv6.c, dissect_cablelabs_specific_opts): each sub-option's code is a field (dhcpv6.cablelabs.opt) whose
// label carries its value, and a few have fields of their own (server addresses, the modem's capabilities in TLV5,
// the CMTS's versions, PacketCable's client configuration). This follows that reading, field for field, so its
// filters select what Wireshark's do. Like Wireshark it reads by the lengths given, on into what follows while the
// message lasts; a reading that would pass the message's end (Wireshark's exception) gives null.
import { hex, ipv4, ipv6, text, u16, u32 } from '../bytes'
import { field, type FieldNode } from '../field'
import { wiresharkDomains } from './wireshark-domains'

export const CABLELABS = 4491

/** Wireshark's label of each sub-option, by code. */
const SUB_OPTION_NAMES: Record<number, string> = {
  1: 'Option Request', 2: 'Device Type', 3: 'Embedded Components', 4: 'Serial Number', 5: 'Hardware Version', 6: 'Software Version',
  7: 'Boot ROM Version', 8: 'Organization Unique Identifier', 9: 'Model Number', 10: 'Vendor Name', 32: 'TFTP Server Addresses',
  33: 'Configuration File Name', 34: 'Syslog Servers', 35: 'TLV5', 36: 'Device Identifier', 37: 'Time Protocol Servers',
  38: 'Time Offset', 39: 'IP preference', 61: 'CCAP-CORES', 1025: 'CMTS Capabilities Option', 1026: 'CM MAC Address Option',
  1027: 'eRouter Container Option', 2170: 'CableLabs Client Configuration', 2171: 'CableLabs Client Configuration IPv6',
  2172: 'CableLabs Correlation ID',
}
const TEXT_SUB_OPTIONS = new Set([3, 4, 5, 6, 7, 9, 10, 33])
const SERVER_LIST_SUB_OPTIONS = new Set([32, 34, 37, 61])
const IP_PREFERENCES: Record<number, string> = { 1: 'IPv4', 2: 'IPv6', 6: 'Dual Stack' }

class PastMessage extends Error {}

/** Reads bounded by the message, as Wireshark's by its buffer. */
class Reader {
  constructor(readonly b: Uint8Array, private readonly end: number) {}
  need(at: number, length: number): void {
    if (at + length > this.end) throw new PastMessage()
  }
  u8(at: number): number {
    this.need(at, 1)
    return this.b[at]
  }
  u16(at: number): number {
    this.need(at, 2)
    return u16(this.b, at)
  }
  u32(at: number): number {
    this.need(at, 4)
    return u32(this.b, at)
  }
}

/**
 * The sub-options at [off, off + len) (after the enterprise number) as Wireshark shows them, reading no further than
 * `messageEnd`; null where Wireshark's reading would pass it.
 */
export function cableLabsSubOptions(b: Uint8Array, off: number, len: number, messageEnd: number): FieldNode[] | null {
  const nodes: FieldNode[] = []
  // Wireshark reads nothing of a value of four bytes or less.
  if (len <= 4) return nodes
  const r = new Reader(b, messageEnd)
  let deviceType: string | null = null
  try {
    for (let at = off; at - off < len;) {
      const code = r.u16(at), length = r.u16(at + 2), value = at + 4
      const shown = subOptionText(r, code, value, length)
      if (code === 2) deviceType = shown.text
      const children = subOptionFields(r, code, value, length, deviceType)
      nodes.push(field(`Suboption: ${SUB_OPTION_NAMES[code] ?? 'Unknown'} (${code})${shown.text === '' ? '' : ` ${shown.text}`}`, at, 2, {
        key: 'dhcpv6.cablelabs.opt', value: String(code), children, ...(shown.problem ? { problem: shown.problem } : {}),
      }))
      at += 4 + length
    }
  } catch (error) {
    if (error instanceof PastMessage) return null
    throw error
  }
  return nodes
}

/** What Wireshark appends to the sub-option's label. */
function subOptionText(r: Reader, code: number, at: number, length: number): { text: string; problem?: string } {
  const { b } = r
  if (code === 2 || TEXT_SUB_OPTIONS.has(code)) {
    r.need(at, length)
    return { text: text(b, at, length).replace(/\0+$/, '') }
  }
  switch (code) {
    case 1: {
      const codes: number[] = []
      for (let i = 0; i < length; i += 2) codes.push(r.u16(at + i))
      return { text: codes.join(' ') }
    }
    case 8:
      if (length === 3 || length === 6) {
        r.need(at, length)
        return { text: length === 3 ? hex(b, at, 3, ':') : text(b, at, length) }
      }
      return { text: '', problem: `Suboption 8: suboption length isn't 3 or 6` }
    case 36:
    case 1026:
      if (length !== 6) return { text: '', problem: `Bogus length: ${length}` }
      r.need(at, 6)
      return { text: code === 36 ? hex(b, at, 6) : hex(b, at, 6, ':') }
    case 38: return { text: String(r.u32(at) | 0) }
    case 39: {
      const preference = r.u8(at)
      return { text: IP_PREFERENCES[preference] ?? `Invalid IP Preference value ${preference}` }
    }
    case 1027:
      r.need(at, length)
      return { text: `${hex(b, at, length)} (len=${length})` }
    case 2170:
    case 2171: return { text: `(${length} bytes)` }
    case 2172: return length === 4 ? { text: String(r.u32(at)) } : { text: `Bogus value length=${length}` }
    default: return { text: '' }
  }
}

/** The fields of their own that a few sub-options have. */
function subOptionFields(r: Reader, code: number, at: number, length: number, deviceType: string | null): FieldNode[] {
  const { b } = r
  const nodes: FieldNode[] = []
  if (SERVER_LIST_SUB_OPTIONS.has(code)) {
    if (length % 16 === 0) {
      for (let k = 0; k < length / 16; k++) {
        r.need(at + k * 16, 16)
        nodes.push(field(`${k + 1} IPv6 address`, at + k * 16, 16, { key: 'dhcpv6.cablelabs.ipv6_server', value: ipv6(b, at + k * 16) }))
      }
    }
    return nodes
  }
  switch (code) {
    case 35: return modemCapabilities(r, at, length, deviceType)
    case 1025:
      for (let used = 0, p = at; used < length;) {
        const tag = r.u8(p), tagLength = r.u8(p + 1)
        if ((tag === 1 || tag === 2) && tagLength === 2) {
          const key = tag === 1 ? 'dhcpv6.cablelabs.docsis_version_number' : 'dhcpv6.cablelabs.dpoe_server_version_number'
          nodes.push(field(tag === 1 ? 'DOCSIS Version Number' : 'DPoE Server Version Number', p + 2, 2, { key, value: String(r.u16(p + 2)) }))
        }
        p += 2 + tagLength
        used += tagLength + 2
      }
      return nodes
    case 2170:
    case 2171:
      for (let used = 0, p = at; used < length;) {
        const consumed = code === 2170 ? clientConfiguration(r, p, nodes) : clientConfigurationV6(r, p, nodes)
        p += consumed
        used += consumed
      }
      return nodes
    default: return nodes
  }
}

/**
 * TLV5, the modem's (or phone adapter's) capabilities: a type, a length and a value each, counted as Wireshark counts
 * them (type and length bytes apart), read as a modem's unless the device type says a phone adapter.
 */
function modemCapabilities(r: Reader, at: number, length: number, deviceType: string | null): FieldNode[] {
  const nodes: FieldNode[] = []
  const kind = deviceType === null || deviceType.slice(0, 3).toLowerCase() === 'ecm' ? 'docsis' : deviceType.slice(0, 3).toLowerCase() === 'edv' ? 'packetcable' : null
  if (kind === null) return nodes
  for (let counted = 0, p = at; counted < length;) {
    const type = r.u8(p), capLength = r.u8(p + 1)
    r.need(p + 2, capLength)
    const value = capLength > 2
      ? field('Value', p + 2, capLength, { key: 'dhcpv6.cccV6.tlv5.suboption.value', value: hex(r.b, p + 2, capLength) })
      : field('Value', p + 2, capLength, { key: 'dhcpv6.cccV6.tlv5.suboption.value_number', value: String(capLength === 2 ? u16(r.b, p + 2) : capLength === 1 ? r.b[p + 2] : 0) })
    nodes.push(field('Type', p, 1, {
      key: `dhcpv6.${kind}.cccV6.tlv5.suboption`, value: String(type),
      children: [field('Length', p + 1, 1, { key: 'dhcpv6.cccV6.tlv5.suboption.length', value: String(capLength) }), value],
    }))
    p += 2 + capLength
    counted += 2 + capLength
  }
  return nodes
}

/** One PacketCable client configuration sub-element (2170): its code, and the DHCP servers'; returns its bytes. */
function clientConfiguration(r: Reader, at: number, into: FieldNode[]): number {
  const code = r.u16(at), length = r.u16(at + 2)
  const children: FieldNode[] = []
  if ((code === 1 || code === 2) && length === 4) {
    r.need(at + 4, 4)
    children.push(field(code === 1 ? 'Primary DHCP' : 'Secondary DHCP', at + 4, 4, { key: `dhcpv6.packetcable.ccc.${code === 1 ? 'pri' : 'sec'}_dhcp`, value: ipv4(r.b, at + 4) }))
  }
  into.push(field('Sub element', at, 2, { key: 'dhcpv6.packetcable.ccc.suboption', value: String(code), children }))
  return 4 + length
}

const KERBEROS_FIELDS = ['nominal_timeout', 'max_timeout', 'max_retry_count'] as const

/** One PacketCable IPv6 client configuration sub-element (2171), with Wireshark's fields; returns its bytes. */
function clientConfigurationV6(r: Reader, at: number, into: FieldNode[]): number {
  const code = r.u16(at), length = r.u16(at + 2), value = at + 4
  const children: FieldNode[] = []
  const add = (label: string, offset: number, size: number, key: string, shown: string) => children.push(field(label, offset, size, { key: `dhcpv6.packetcable.cccV6.${key}`, value: shown }))
  switch (code) {
    case 1:
    case 2:
      if (length < 35) {
        r.need(value, length)
        add(code === 1 ? 'Primary SSID' : 'Secondary SSID', value, length, code === 1 ? 'pri_dss' : 'sec_dss', text(r.b, value, length))
      }
      break
    case 3: {
      const type = r.u8(value)
      add('Type', value, 1, 'prov_srv.type', String(type))
      if (type === 0) domain(r, value + 1, length - 1, 'prov_srv.fqdn', children)
      // Wireshark's item for each address spans the first 4 bytes after the type, one per 16 bytes of the value.
      else if (type === 1 && length % 16 === 0) for (let k = 0; k < length / 16; k++) add('IPv6 address', value + 1, 4, 'prov_srv.ipv6', hex(r.b, value + 1, 4))
      break
    }
    case 4:
    case 5:
      if (length === 12) {
        KERBEROS_FIELDS.forEach((name, k) => add(name, value + 4 * k, 4, `${code === 4 ? 'as' : 'ap'}_krb.${name}`, String(r.u32(value + 4 * k))))
      }
      break
    case 6:
      if (length > 0) domain(r, value, length, 'krb_realm', children)
      break
    case 7:
      if (length === 1) {
        const flags = r.u8(value)
        add('TGT Flags', value, 1, 'tgt_flag', String(flags))
        add('Fetch TGT', value, 1, 'tgt_flag.fetch', String(flags & 1))
      }
      break
    case 8:
      if (length === 1) add('Provisioning timer', value, 1, 'prov_timer', String(r.u8(value)))
      break
    case 9: {
      const flags = r.u16(value)
      add('SEC TCM Flags', value, 2, 'sec_tcm', String(flags))
      if (length === 2) {
        add('Provisioning Server', value, 2, 'sec_tcm.provisioning_server', String(flags & 1))
        add('Call Manager Servers', value, 2, 'tgt_flag.call_manager_server', String((flags >> 1) & 1))
      }
      break
    }
  }
  into.push(field('Sub element', at, 2, { key: 'dhcpv6.packetcable.cccV6.suboption', value: String(code), children }))
  return 4 + length
}

/** A name field read as Wireshark's dhcpv6_domain reads it: one node for the field, and its notes. */
function domain(r: Reader, at: number, length: number, key: string, into: FieldNode[]): void {
  r.need(at, Math.max(0, length))
  const { names, notes } = wiresharkDomains(r.b, at, Math.max(0, length))
  if (names.length) into.push(field(key === 'krb_realm' ? 'KRB Realm' : 'FQDN', at, length, { key: `dhcpv6.packetcable.cccV6.${key}`, value: names.map(([name]) => name).join(', ') }))
  into.push(...notes)
}
