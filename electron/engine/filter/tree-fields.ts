// Filter fields read from the packet's own field tree, as Wireshark's are from its dissection: every node of the
// tree names a field (its key), and a node's bytes (offset, length) are the field's value, read with the type,
// bit mask and scale this table gives, like an hf_ entry. Wireshark's own DHCP and DHCPv6 fields (all of them,
// wireshark-dhcp-fields.ts) are in the table with Wireshark's types; a few it hides in its tree (an option's raw
// value, a sub-option's code) are read as a part of the node that holds them instead. These are the fields the
// index does not hold in columns (header details, sub-options, DUID parts, relay addresses); testing one decodes
// the packet, once per packet however many of them a filter names. The common fields stay on the index's fast
// path (fields.ts).
import { hardwareAddress, hex, u16 } from '../decode/bytes'
import { namesAsShown } from '../decode/domain-names'
import type { FieldNode } from '../decode/field'
import { cableLabsSubOptions, novellSubOptions, relayAgentSubOptions, pxeSubOptions } from '../decode/dhcp4/sub-options'
import { dhcp4Options, type Dhcp4Format } from '../decode/dhcp4/options'
import { dhcp6Options, psidOf } from '../decode/dhcp6/registry'
import { ETHERTYPE, GRE_ENHANCED, GRE_FLAGS } from '../decode/tunnels'
import { visitTexts, type BytesField, type BytesVisit, type Cursor, type FilterFieldDef, type NumberField, type ProtocolField } from './fields'
import { wiresharkDhcpFields, type WiresharkField } from './wireshark-dhcp-fields'

type TreeKind = 'number' | 'bool' | 'ipv4' | 'ipv6' | 'mac' | 'string' | 'bytes' | 'protocol'

/** Where an option's (or a sub-option's) node keeps its code, its length and its value. */
type OptionPart = 'code' | 'length' | 'value'

interface TreeFieldSpec {
  key: string
  description: string
  kind: TreeKind
  /** Number fields: the bits of the bytes that hold the value (as Wireshark's bitmask), and a multiplier. */
  mask?: number
  scale?: number
  /** Number fields of a little-endian protocol (radiotap, PPI, 802.11's sequence control and FCS). */
  littleEndian?: boolean
  /** A number Wireshark composes from its bytes rather than reads (802.11's type/subtype, an OUI in hex digits of text). */
  compose?: (b: Uint8Array, at: number, length: number) => number
  /** Sub-options: the node spans a code and a length (this many bytes together) before the value. */
  header?: 2 | 4
  /** A field Wireshark hides in its tree: this part of every node whose key `of` accepts, as well as nodes of its own key. */
  part?: { of: (key: string) => boolean; is: OptionPart; header: 2 | 4 }
  /**
   * Text fields whose bytes Wireshark shows as other text, which its filters compare: DNS names (wire format) as
   * dotted names in the family's style, a DHCPv6 top-level domain (one label) with its dot, or bytes as hex digits
   * (an IAID) or as Wireshark writes a hardware address (a DUID's: a MAC for Ethernet, hex digits for others).
   */
  shown?: 'names4' | 'names6' | 'tld6' | 'hex' | 'hardwareAddress'
  /** A hardware address's ARP hardware type, which says how Wireshark writes it (decode/bytes.ts hardwareAddress). */
  hardwareType?: (b: Uint8Array, at: number, length: number) => number
  /** Names only when this says the bytes are wire format (DHCPv4's FQDN option: its E flag); else text as it is. */
  encodedIf?: (b: Uint8Array, at: number) => boolean
}

/** GRE's reserved flags, as Wireshark masks them: PPTP's enhanced GRE (version 1 carrying PPP) has its acknowledgment bit among them. */
function greReservedFlags(b: Uint8Array, at: number): number {
  const flags = u16(b, at)
  const enhanced = (flags & GRE_FLAGS.VERSION) === GRE_ENHANCED && u16(b, at + 2) === ETHERTYPE.PPP
  return (flags & (enhanced ? 0x0078 : 0x00f8)) >> 3
}

const fixed: TreeFieldSpec[] = [
  { key: 'frame', description: 'Any frame', kind: 'protocol' },
  { key: 'frame.cb_pen', description: 'pcapng custom block: its Private Enterprise Number', kind: 'number', littleEndian: true },
  { key: 'systemd_journal', description: 'systemd journal export entry (a pcapng block)', kind: 'protocol' },
  { key: 'eth.type', description: 'EtherType of the Ethernet header (0x8100 before a VLAN tag)', kind: 'number' },
  { key: 'vlan.priority', description: 'VLAN tag priority (802.1p)', kind: 'number', mask: 0xe000 },
  { key: 'vlan.dei', description: 'VLAN tag drop eligible indicator', kind: 'number', mask: 0x1000 },
  { key: 'vlan.etype', description: 'EtherType after a VLAN tag', kind: 'number' },
  { key: 'ieee8021ad', description: '802.1ad provider (service) tag, 0x88a8 (QinQ\'s outer tag)', kind: 'protocol' },
  { key: 'ieee8021ad.priority', description: '802.1ad provider tag priority', kind: 'number', mask: 0xe000 },
  { key: 'ieee8021ad.dei', description: '802.1ad provider tag drop eligible indicator', kind: 'number', mask: 0x1000 },
  { key: 'ieee8021ad.id', description: '802.1ad provider tag: the service VLAN ID', kind: 'number', mask: 0x0fff },
  { key: 'ieee8021ah.etype', description: 'EtherType after an 802.1ad provider tag', kind: 'number' },
  { key: 'sll', description: 'Linux cooked capture', kind: 'protocol' },
  { key: 'sll.pkttype', description: 'Linux cooked capture packet type', kind: 'number' },
  { key: 'sll.src.eth', description: 'Linux cooked capture source address', kind: 'mac' },
  { key: 'sll.etype', description: 'Linux cooked capture protocol', kind: 'number' },
  { key: 'sll.ifindex', description: 'Linux cooked capture v2 interface index', kind: 'number' },
  { key: 'radiotap', description: 'Radiotap header (802.11 monitor mode)', kind: 'protocol' },
  { key: 'radiotap.version', description: 'Radiotap header revision', kind: 'number' },
  { key: 'radiotap.length', description: 'Radiotap header length', kind: 'number', littleEndian: true },
  { key: 'ppi', description: 'PPI header (802.11 monitor mode)', kind: 'protocol' },
  { key: 'ppi.version', description: 'PPI version', kind: 'number' },
  { key: 'ppi.length', description: 'PPI header length', kind: 'number', littleEndian: true },
  { key: 'ppi.dlt', description: 'PPI link type', kind: 'number', littleEndian: true },
  { key: 'prism', description: 'Prism capture header (802.11 monitor mode)', kind: 'protocol' },
  { key: 'prism.msglen', description: 'Prism header length', kind: 'number', littleEndian: true },
  { key: 'wlancap', description: 'AVS capture header (802.11 monitor mode)', kind: 'protocol' },
  { key: 'wlancap.length', description: 'AVS header length', kind: 'number' },
  { key: 'wlan', description: 'IEEE 802.11', kind: 'protocol' },
  { key: 'wlan.fc.type_subtype', description: '802.11 type and subtype: wlan.fc.type_subtype == 0x28 (QoS Data)', kind: 'number', compose: (b, at) => ((b[at] & 0x0c) << 2) | (b[at] >> 4) },
  { key: 'wlan.fc', description: '802.11 frame control', kind: 'number' },
  { key: 'wlan.flags', description: '802.11 flags (To DS 0x01, From DS 0x02, Protected 0x40)', kind: 'number' },
  { key: 'wlan.duration', description: '802.11 duration (microseconds)', kind: 'number', littleEndian: true },
  { key: 'wlan.staa', description: '802.11 station address (the client, in a frame to or from its access point)', kind: 'mac' },
  { key: 'wlan.qos', description: '802.11 QoS control', kind: 'number', littleEndian: true },
  { key: 'wlan.ra', description: '802.11 receiver address', kind: 'mac' },
  { key: 'wlan.ta', description: '802.11 transmitter address', kind: 'mac' },
  { key: 'wlan.da', description: '802.11 destination address', kind: 'mac' },
  { key: 'wlan.sa', description: '802.11 source address', kind: 'mac' },
  { key: 'wlan.bssid', description: '802.11 BSS Id (the access point)', kind: 'mac' },
  { key: 'wlan.frag', description: '802.11 fragment number', kind: 'number', littleEndian: true, mask: 0x000f },
  { key: 'wlan.seq', description: '802.11 sequence number', kind: 'number', littleEndian: true, mask: 0xfff0 },
  { key: 'wlan.fcs', description: '802.11 frame check sequence', kind: 'number', littleEndian: true },
  { key: 'llc', description: 'Logical-Link Control', kind: 'protocol' },
  { key: 'llc.dsap', description: 'LLC DSAP', kind: 'number' },
  { key: 'llc.ssap', description: 'LLC SSAP', kind: 'number' },
  { key: 'llc.control', description: 'LLC control field', kind: 'number' },
  { key: 'llc.oui', description: 'SNAP organization code', kind: 'number' },
  { key: 'llc.type', description: 'SNAP EtherType', kind: 'number' },
  { key: 'pppoes', description: 'PPPoE session (DSL: PPP over Ethernet)', kind: 'protocol' },
  { key: 'pppoe.version', description: 'PPPoE version', kind: 'number', mask: 0xf0 },
  { key: 'pppoe.type', description: 'PPPoE type', kind: 'number', mask: 0x0f },
  { key: 'pppoe.code', description: 'PPPoE code (0: session data)', kind: 'number' },
  { key: 'pppoe.session_id', description: 'PPPoE session ID', kind: 'number' },
  { key: 'pppoe.payload_length', description: 'PPPoE payload length', kind: 'number' },
  { key: 'ppp', description: 'Point-to-Point Protocol', kind: 'protocol' },
  { key: 'ppp.protocol', description: 'PPP protocol: 0x0021 IPv4, 0x0057 IPv6', kind: 'number' },
  { key: 'ppp.address', description: 'PPP address (HDLC-like framing, as in PPTP)', kind: 'number' },
  { key: 'ppp.control', description: 'PPP control (HDLC-like framing, as in PPTP)', kind: 'number' },
  { key: 'gre', description: 'Generic Routing Encapsulation', kind: 'protocol' },
  { key: 'gre.flags_and_version', description: 'GRE flags and version', kind: 'number' },
  { key: 'gre.flags.checksum', description: 'GRE checksum present', kind: 'bool', mask: 0x8000 },
  { key: 'gre.flags.routing', description: 'GRE routing present', kind: 'bool', mask: 0x4000 },
  { key: 'gre.flags.key', description: 'GRE key present', kind: 'bool', mask: 0x2000 },
  { key: 'gre.flags.sequence_number', description: 'GRE sequence number present', kind: 'bool', mask: 0x1000 },
  { key: 'gre.flags.strict_source_route', description: 'GRE strict source route', kind: 'bool', mask: 0x0800 },
  { key: 'gre.flags.recursion_control', description: 'GRE recursion control', kind: 'number', mask: 0x0700 },
  { key: 'gre.flags.ack', description: 'PPTP\'s enhanced GRE: acknowledgment number present', kind: 'bool', mask: 0x0080 },
  // PPTP's enhanced GRE (version 1, carrying PPP) has an acknowledgment bit where others have a reserved one.
  { key: 'gre.flags.reserved', description: 'GRE reserved flags', kind: 'number', compose: greReservedFlags },
  { key: 'gre.flags.version', description: 'GRE version', kind: 'number', mask: 0x0007 },
  { key: 'gre.proto', description: 'GRE protocol type: 0x6558 Ethernet, 0x88be ERSPAN', kind: 'number' },
  { key: 'gre.checksum', description: 'GRE checksum', kind: 'number' },
  { key: 'gre.offset', description: 'GRE offset', kind: 'number' },
  { key: 'gre.key', description: 'GRE key', kind: 'number' },
  { key: 'gre.key.payload_length', description: 'PPTP\'s enhanced GRE: payload length', kind: 'number' },
  { key: 'gre.key.call_id', description: 'PPTP\'s enhanced GRE: call ID', kind: 'number' },
  { key: 'gre.sequence_number', description: 'GRE sequence number', kind: 'number' },
  { key: 'gre.ack_number', description: 'PPTP\'s enhanced GRE: acknowledgment number', kind: 'number' },
  { key: 'erspan', description: 'ERSPAN (a switch\'s remote port mirror)', kind: 'protocol' },
  { key: 'erspan.version', description: 'ERSPAN version: 1 type II, 2 type III', kind: 'number', mask: 0xf000 },
  { key: 'erspan.vlan', description: 'ERSPAN: the mirrored frame\'s VLAN', kind: 'number', mask: 0x0fff },
  { key: 'erspan.cos', description: 'ERSPAN class of service', kind: 'number', mask: 0xe000 },
  { key: 'erspan.encap', description: 'ERSPAN type II: the mirrored frame\'s VLAN encapsulation', kind: 'number', mask: 0x1800 },
  { key: 'erspan.bso', description: 'ERSPAN type III: bad, short or oversized frame', kind: 'number', mask: 0x1800 },
  { key: 'erspan.truncated', description: 'ERSPAN: the mirrored frame was cut to the MTU', kind: 'number', mask: 0x0400 },
  { key: 'erspan.spanid', description: 'ERSPAN session ID', kind: 'number', mask: 0x03ff },
  { key: 'erspan.reserved', description: 'ERSPAN type II reserved bits', kind: 'number', mask: 0xfff00000 },
  { key: 'erspan.index', description: 'ERSPAN type II port index', kind: 'number', mask: 0x000fffff },
  { key: 'erspan.timestamp', description: 'ERSPAN type III timestamp', kind: 'number' },
  { key: 'erspan.sgt', description: 'ERSPAN type III security group tag', kind: 'number' },
  { key: 'erspan.p', description: 'ERSPAN type III: the frame is Ethernet', kind: 'number', mask: 0x8000 },
  { key: 'erspan.ft', description: 'ERSPAN type III frame type (0: Ethernet)', kind: 'number', mask: 0x7c00 },
  { key: 'erspan.hw', description: 'ERSPAN type III hardware ID', kind: 'number', mask: 0x03f0 },
  { key: 'erspan.direction', description: 'ERSPAN type III direction (1: egress)', kind: 'bool', mask: 0x0008 },
  { key: 'erspan.gra', description: 'ERSPAN type III timestamp granularity', kind: 'number', mask: 0x0006 },
  { key: 'erspan.o', description: 'ERSPAN type III: a platform sub-header follows', kind: 'number', mask: 0x0001 },
  { key: 'erspan.platid', description: 'ERSPAN type III platform ID', kind: 'number', mask: 0xfc000000 },
  { key: 'vxlan', description: 'VXLAN', kind: 'protocol' },
  { key: 'vxlan.flags', description: 'VXLAN flags', kind: 'number' },
  { key: 'vxlan.flag_g', description: 'VXLAN group policy extension', kind: 'bool', mask: 0x8000 },
  { key: 'vxlan.flag_i', description: 'VXLAN: the VNI is valid', kind: 'bool', mask: 0x0800 },
  { key: 'vxlan.flag_d', description: 'VXLAN don\'t learn', kind: 'bool', mask: 0x0040 },
  { key: 'vxlan.flag_a', description: 'VXLAN policy applied', kind: 'bool', mask: 0x0008 },
  { key: 'vxlan.flags_reserved', description: 'VXLAN reserved flags', kind: 'number', mask: 0x77b7 },
  { key: 'vxlan.gbp', description: 'VXLAN group policy ID', kind: 'number' },
  { key: 'vxlan.vni', description: 'VXLAN network identifier', kind: 'number' },
  { key: 'vxlan.reserved8', description: 'VXLAN reserved byte', kind: 'number' },
  { key: 'capwap.data', description: 'CAPWAP data channel (a wireless controller\'s tunnel from its access points)', kind: 'protocol' },
  { key: 'capwap.preamble', description: 'CAPWAP preamble', kind: 'protocol' },
  { key: 'capwap.preamble.version', description: 'CAPWAP version', kind: 'number', mask: 0xf0 },
  { key: 'capwap.preamble.type', description: 'CAPWAP payload type (1: DTLS)', kind: 'number', mask: 0x0f },
  { key: 'capwap.header', description: 'CAPWAP header', kind: 'protocol' },
  { key: 'capwap.header.length', description: 'CAPWAP header length in 4-byte words', kind: 'number', mask: 0xf80000 },
  { key: 'capwap.header.rid', description: 'CAPWAP radio ID', kind: 'number', mask: 0x07c000 },
  { key: 'capwap.header.wbid', description: 'CAPWAP wireless binding ID (1: IEEE 802.11)', kind: 'number', mask: 0x003e00 },
  { key: 'capwap.header.flags', description: 'CAPWAP header flags', kind: 'number', mask: 0x0001ff },
  { key: 'capwap.header.flags.t', description: 'CAPWAP: the payload is in the binding\'s native format (else 802.3)', kind: 'bool', mask: 0x000100 },
  { key: 'capwap.header.flags.f', description: 'CAPWAP: a fragment', kind: 'bool', mask: 0x000080 },
  { key: 'capwap.header.flags.l', description: 'CAPWAP: the last fragment', kind: 'bool', mask: 0x000040 },
  { key: 'capwap.header.flags.w', description: 'CAPWAP: wireless information follows', kind: 'bool', mask: 0x000020 },
  { key: 'capwap.header.flags.m', description: 'CAPWAP: the radio\'s MAC address follows', kind: 'bool', mask: 0x000010 },
  { key: 'capwap.header.flags.k', description: 'CAPWAP keep-alive', kind: 'bool', mask: 0x000008 },
  { key: 'capwap.header.flags.r', description: 'CAPWAP reserved flags', kind: 'number', mask: 0x000007 },
  { key: 'capwap.header.fragment.id', description: 'CAPWAP fragment ID', kind: 'number' },
  { key: 'capwap.header.fragment.offset', description: 'CAPWAP fragment offset (8-byte units)', kind: 'number', mask: 0xfff8 },
  { key: 'capwap.header.fragment.reserved', description: 'CAPWAP reserved bits after the fragment offset', kind: 'number', mask: 0x07 },
  { key: 'capwap.header.mac.length', description: 'CAPWAP radio MAC address length', kind: 'number' },
  { key: 'capwap.header.mac.eui48', description: 'CAPWAP radio MAC address', kind: 'mac' },
  { key: 'capwap.header.mac.eui64', description: 'CAPWAP radio MAC address (EUI-64)', kind: 'bytes' },
  { key: 'capwap.header.mac.data', description: 'CAPWAP radio MAC address of another length', kind: 'bytes' },
  { key: 'capwap.header.wireless.length', description: 'CAPWAP wireless information length', kind: 'number' },
  { key: 'capwap.header.wireless.data', description: 'CAPWAP wireless information', kind: 'bytes' },
  { key: 'capwap.header.padding', description: 'CAPWAP header padding', kind: 'bytes' },
  { key: 'ip.hdr_len', description: 'IPv4 header length in bytes', kind: 'number', mask: 0x0f, scale: 4 },
  { key: 'ip.len', description: 'IPv4 total length', kind: 'number' },
  { key: 'ip.id', description: 'IPv4 identification', kind: 'number' },
  { key: 'ip.flags', description: 'IPv4 flags (reserved, DF, MF)', kind: 'number', mask: 0xe000 },
  { key: 'ip.proto', description: 'IPv4 protocol', kind: 'number' },
  { key: 'ipv6.plen', description: 'IPv6 payload length', kind: 'number' },
  { key: 'ipv6.nxt', description: 'IPv6 next header', kind: 'number' },
  { key: 'ipv6.hlim', description: 'IPv6 hop limit', kind: 'number' },
  { key: 'ipv6.ext', description: 'An IPv6 extension header', kind: 'protocol' },
  { key: 'udp.length', description: 'UDP length', kind: 'number' },
  { key: 'udp.checksum', description: 'UDP checksum', kind: 'number' },
  { key: 'dhcp.cookie', description: 'DHCP magic cookie (Wireshark shows it as an address: 99.130.83.99)', kind: 'ipv4' },
  { key: 'dhcp.hw.addr', description: 'Client hardware address that is not 6 bytes long', kind: 'bytes' },
  { key: 'dhcp.hw.addr_padding', description: 'Client hardware address padding', kind: 'bytes' },
  { key: 'dhcp.client_id.type', description: 'Client identifier (option 61) type', kind: 'number' },
  { key: 'dhcp.client_id.iaid', description: 'Client identifier (option 61) IAID, as Wireshark\'s text of 8 hex digits: == "8f9aaebd"', kind: 'string', shown: 'hex' },
  { key: 'dhcp.client_id.duid', description: 'Client identifier (option 61) DUID', kind: 'bytes' },
  // TR-111 sends the OUI as six hex digits of text; Wireshark reads them as a number (strtol), as here.
  { key: 'dhcp.option.vi.tr111.device_manufacturer_oui', description: 'TR-111 device manufacturer OUI (option 125, enterprise 3561): == 0x8cf813', kind: 'number', compose: hexDigitsAt },
  // A DUID-LL's address follows its type (3) and hardware type, 9 bytes into option 61's value; a DUID-LLT's, 13.
  { key: 'dhcp.client_id.link_layer_address', description: 'Client identifier (option 61) DUID\'s link-layer address, as Wireshark\'s text: == "00:0c:29:5e:77:44"', kind: 'string', shown: 'hardwareAddress', hardwareType: (b, at, length) => (u16(b, at - 4) === 3 && b[at - 10] === length + 9 ? u16(b, at - 2) : u16(b, at - 6)) },
  { key: 'dhcp.option.request_list_item', description: 'Parameter Request List item (option 55)', kind: 'number' },
  // The PSID is the leading bits of its two bytes, as many as the PSID length before them says (RFC 7598 section 4.5).
  { key: 'dhcpv6.s46_portparam.psid', description: 'S46 port parameters (option 93) PSID', kind: 'number', compose: (b, at) => psidOf(b[at - 1], u16(b, at)) },
  { key: 'dhcpv6.duid.type', description: 'DUID type', kind: 'number' },
  { key: 'dhcpv6.duidllt.link_layer_addr', description: 'DUID-LLT link-layer address, as Wireshark\'s text: == "00:0c:29:5e:77:44" (Ethernet), "005056aa27c2" (others)', kind: 'string', shown: 'hardwareAddress', hardwareType: (b, at) => u16(b, at - 6) },
  { key: 'dhcpv6.duidll.link_layer_addr', description: 'DUID-LL link-layer address, as Wireshark\'s text: == "00:0c:29:5e:77:44" (Ethernet), "005056aa27c2" (others)', kind: 'string', shown: 'hardwareAddress', hardwareType: (b, at) => u16(b, at - 2) },
  { key: 'dhcpv6.duidllt.hwtype', description: 'DUID-LLT hardware type', kind: 'number' },
  { key: 'dhcpv6.duidllt.time', description: 'DUID-LLT time (seconds since 2000)', kind: 'number' },
  { key: 'dhcpv6.duidll.hwtype', description: 'DUID-LL hardware type', kind: 'number' },
  { key: 'dhcpv6.duiden.enterprise', description: 'DUID-EN enterprise number', kind: 'number' },
  { key: 'dhcpv6.duiden.identifier', description: 'DUID-EN identifier', kind: 'bytes' },
  { key: 'dhcpv6.duiduuid.bytes', description: 'DUID-UUID', kind: 'bytes' },
  { key: 'dhcpv6.iaid', description: 'IA_NA / IA_PD IAID, as Wireshark\'s text of 8 hex digits: == "295e7744"', kind: 'string', shown: 'hex' },
  { key: 'dhcpv6.iaid.t1', description: 'IA_NA / IA_PD T1 (seconds)', kind: 'number' },
  { key: 'dhcpv6.iaid.t2', description: 'IA_NA / IA_PD T2 (seconds)', kind: 'number' },
  { key: 'dhcpv6.iata', description: 'IA_TA IAID, as Wireshark\'s text of 8 hex digits: == "02030405"', kind: 'string', shown: 'hex' },
  { key: 'dhcpv6.client_domain', description: 'Client FQDN (option 39) domain name: == "host.example.com." (a partial name has no final dot)', kind: 'string', shown: 'names6' },
  { key: 'dhcpv6.ntpserver.fqdn', description: 'NTP server (option 56) FQDN: == "ntp.example.com."', kind: 'string', shown: 'names6' },
  { key: 'dhcpv6.packetcable.cccV6.prov_srv.fqdn', description: 'PacketCable provisioning server FQDN (CableLabs option 17, 2171.3)', kind: 'string', shown: 'names6' },
  { key: 'dhcpv6.packetcable.cccV6.krb_realm', description: 'PacketCable Kerberos realm (CableLabs option 17, 2171.6)', kind: 'string', shown: 'names6' },
  { key: 'dhcpv6.tld', description: 'A DHCPv6 domain name of one label, a top-level domain: == "com."', kind: 'string', shown: 'tld6' },
  { key: 'dhcp.option.rdnss.domain', description: 'RDNSS selection (option 146) domains and networks: == "example.org"', kind: 'string', shown: 'names4' },
  { key: 'dhcp.fqdn.name', description: 'Client FQDN (option 81) name: == "host.example.com"', kind: 'string', shown: 'names4', encodedIf: (b, at) => (b[at - 3] & 0x04) !== 0 },
  { key: 'dhcpv6.iaaddr.pref_lifetime', description: 'IA Address preferred lifetime (seconds)', kind: 'number' },
  { key: 'dhcpv6.iaaddr.valid_lifetime', description: 'IA Address valid lifetime (seconds)', kind: 'number' },
  { key: 'dhcpv6.iaprefix.pref_lifetime', description: 'IA Prefix preferred lifetime (seconds)', kind: 'number' },
  { key: 'dhcpv6.iaprefix.valid_lifetime', description: 'IA Prefix valid lifetime (seconds)', kind: 'number' },
  { key: 'dhcpv6.iaprefix.pref_len', description: 'IA Prefix length', kind: 'number' },
  { key: 'dhcpv6.requested_option_code', description: 'Requested option code (option 6)', kind: 'number' },
  { key: 'dhcpv6.iaaddr.ip', description: 'IA Address (option 5) address', kind: 'ipv6' },
  { key: 'dhcpv6.iaprefix.pref_addr', description: 'IA Prefix (option 26) prefix address', kind: 'ipv6' },
  { key: 'dhcpv6.hopcount', description: 'Relay hop count', kind: 'number' },
  { key: 'dhcpv6.linkaddr', description: 'Relay link address', kind: 'ipv6' },
  { key: 'dhcpv6.peeraddr', description: 'Relay peer address', kind: 'ipv6' },
  { key: 'dhcpv6.vendoropts.enterprise', description: 'Vendor-specific information (option 17) enterprise number', kind: 'number' },
]

/** The kind a sub-option's registry format reads as. */
function kindOf(format: Dhcp4Format): TreeKind {
  return format === 'ip' ? 'ipv4' : format === 'u8' || format === 'u16' || format === 'u32' || format === 'discoveryControl' ? 'number' : format === 'string' || format === 'printable' ? 'string' : 'bytes'
}

/** Sub-options as the tree names them: `dhcp.option.agent_information_option.1` … */
const subOptionFields: TreeFieldSpec[] = [
  ...[...relayAgentSubOptions].map(([code, spec]): TreeFieldSpec => ({ key: `dhcp.option.agent_information_option.${code}`, description: `Relay agent information (option 82): ${spec.name}`, kind: kindOf(spec.format), header: 2 })),
  ...[...pxeSubOptions].map(([code, spec]): TreeFieldSpec => ({ key: `dhcp.option.vendor.pxe.${code}`, description: `PXE (option 43): ${spec.name}`, kind: kindOf(spec.format), header: 2 })),
  ...[...novellSubOptions].map(([code, spec]): TreeFieldSpec => ({ key: `dhcp.option.novell_options.${code}`, description: `NetWare/IP (option 63): ${spec.name}`, kind: kindOf(spec.format), header: 2 })),
  ...[...cableLabsSubOptions].map(([code, spec]): TreeFieldSpec => ({ key: `dhcp.option.cablelabs.${code}`, description: `CableLabs client configuration (option 122): ${spec.name}`, kind: kindOf(spec.format), header: 2 })),
]

const RELAY_AGENT_SUB_OPTION = /^dhcp\.option\.agent_information_option\.\d+$/
const PXE_SUB_OPTION = /^dhcp\.option\.vendor\.pxe\.\d+$/
const NOVELL_SUB_OPTION = /^dhcp\.option\.novell_options\.\d+$/
const dhcp4OptionKeys = new Set([...dhcp4Options.values()].map((spec) => `dhcp.option.${spec.key}`))
const dhcp6OptionKeys = new Set([...dhcp6Options.values()].map((spec) => `dhcpv6.option.${spec.key}`))
const DUID_OPTIONS = new Set([...dhcp6Options.values()].filter((spec) => spec.format === 'duid').map((spec) => `dhcpv6.option.${spec.key}`))

/** The code, length and value byte counts of an option's node: 2 for a DHCPv4 option, 4 for DHCPv6, else 0. */
function optionHeader(key: string): 0 | 2 | 4 {
  if (dhcp4OptionKeys.has(key) || /^dhcp\.option\.\d+$/.test(key)) return 2
  if (dhcp6OptionKeys.has(key) || /^dhcpv6\.option\.\d+$/.test(key)) return 4
  return 0
}
const isDhcp4Option = (key: string) => optionHeader(key) === 2

/** Wireshark's fields its tree hides: read as a part of the option or sub-option that holds them. */
const hiddenParts: TreeFieldSpec[] = [
  { key: 'dhcp.option.value', description: 'An option\'s value, as bytes', kind: 'bytes', part: { of: isDhcp4Option, is: 'value', header: 2 } },
  { key: 'dhcp.option.agent_information_option.suboption', description: 'Relay agent information (option 82) sub-option code', kind: 'number', part: { of: (key) => RELAY_AGENT_SUB_OPTION.test(key), is: 'code', header: 2 } },
  { key: 'dhcp.option.agent_information_option.value', description: 'Relay agent information (option 82) sub-option value, as bytes', kind: 'bytes', part: { of: (key) => RELAY_AGENT_SUB_OPTION.test(key), is: 'value', header: 2 } },
  { key: 'dhcp.option.novell_options.value', description: 'NetWare/IP (option 63) sub-option value, as bytes', kind: 'bytes', part: { of: (key) => NOVELL_SUB_OPTION.test(key), is: 'value', header: 2 } },
  { key: 'dhcp.option.vendor.pxeclient.suboption', description: 'PXE (option 43) sub-option code', kind: 'number', part: { of: (key) => PXE_SUB_OPTION.test(key), is: 'code', header: 2 } },
  // Also the whole option 43 of a vendor whose sub-options are not known (the decoder gives that a node of this key).
  { key: 'dhcp.option.vendor.value', description: 'Vendor-specific information (option 43) value, or a PXE sub-option\'s, as bytes', kind: 'bytes', part: { of: (key) => PXE_SUB_OPTION.test(key), is: 'value', header: 2 } },
  { key: 'dhcpv6.duid.bytes', description: 'A DUID, as bytes', kind: 'bytes', part: { of: (key) => DUID_OPTIONS.has(key), is: 'value', header: 4 } },
]

/** How each of Wireshark's field types reads here. */
function wiresharkKind(type: string): TreeKind {
  if (type === 'BOOLEAN') return 'bool'
  if (type === 'IPv4' || type === 'IPv6') return type === 'IPv4' ? 'ipv4' : 'ipv6'
  if (type === 'ETHER') return 'mac'
  if (type === 'STRING' || type === 'STRINGZ') return 'string'
  if (type === 'NONE') return 'protocol'
  return /^(U?INT\d+|ABSOLUTE_TIME|DOUBLE)$/.test(type) ? 'number' : 'bytes'
}

const wiresharkSpec = ({ name, type, mask, title }: WiresharkField): TreeFieldSpec => ({ key: name, description: title, kind: wiresharkKind(type), ...(mask ? { mask } : {}) })

/** DHCPv6 vendor sub-options are the vendor's own: any code, as text or bytes. */
const VENDOR_OPTS = /^dhcpv6\.option\.vendor_opts\.(\d{1,5})$/

/** The number the hex digits that begin the text spell, as strtol(…, 16) reads them (0 without any), kept to 32 bits. */
function hexDigitsAt(b: Uint8Array, at: number, length: number): number {
  const digits = /^[0-9a-f]{1,8}/i.exec(String.fromCharCode(...b.subarray(at, at + Math.min(length, 8))))
  return digits ? parseInt(digits[0], 16) : 0
}

export function treeFieldSpec(name: string): TreeFieldSpec | undefined {
  const known = specs.get(name)
  if (known) return known
  if (VENDOR_OPTS.test(name)) return { key: name, description: 'DHCPv6 vendor sub-option (option 17)', kind: 'bytes', header: 4 }
  return undefined
}

// Ours last: where Wireshark's type reads worse for filtering (an IAID as text), ours is kept.
const specs = new Map([...wiresharkDhcpFields.map(wiresharkSpec), ...hiddenParts, ...fixed, ...subOptionFields].map((spec) => [spec.key, spec]))

/** The packet's tree nodes by key, decoding the packet once for all the tree fields a filter tests. */
class TreeNodes {
  private decodedFor: { index: unknown; i: number } = { index: null, i: -1 }
  private byKey = new Map<string, FieldNode[]>()

  of(c: Cursor, key: string): FieldNode[] {
    return this.decode(c).get(key) ?? []
  }

  /** The nodes whose key `accepts` takes. */
  matching(c: Cursor, accepts: (key: string) => boolean): FieldNode[] {
    return [...this.decode(c)].flatMap(([key, list]) => (accepts(key) ? list : []))
  }

  private decode(c: Cursor): Map<string, FieldNode[]> {
    if (this.decodedFor.index !== c.index || this.decodedFor.i !== c.i) {
      this.byKey = new Map()
      const visit = (node: FieldNode) => {
        // What Wireshark does not dissect, its filters do not see.
        if (node.pastWiresharkStop) return
        if (node.key) {
          const list = this.byKey.get(node.key)
          if (list) list.push(node)
          else this.byKey.set(node.key, [node])
        }
        node.children?.forEach(visit)
      }
      c.index.decoded(c.i).layers.forEach(visit)
      this.decodedFor = { index: c.index, i: c.i }
    }
    return this.byKey
  }
}

const nodes = new TreeNodes()

/** Where each occurrence of a field's value is in the frame: [offset, length]. */
function occurrences(c: Cursor, spec: TreeFieldSpec): [number, number][] {
  const own = nodes.of(c, spec.key).map((node) => fieldValue(spec.key, c.b, c.base + node.offset, node.length))
  if (!spec.part) return own
  const { of, is, header } = spec.part
  const parts = nodes.matching(c, of).flatMap((node): [number, number][] => {
    const at = c.base + node.offset
    if (node.length < header) return []
    return [is === 'code' ? [at, header / 2] : is === 'length' ? [at + header / 2, header / 2] : [at + header, node.length - header]]
  })
  return [...own, ...parts]
}

/**
 * Where a node's value is: an option's (or sub-option's) node spans its code and length too, while its field
 * compares the value after them, as Wireshark's do.
 */
export function fieldValue(key: string, b: Uint8Array, offset: number, length: number): [number, number] {
  const header = optionHeader(key) || (specs.get(key)?.header ?? (VENDOR_OPTS.test(key) ? 4 : 0))
  if (header === 4 && length >= 4 && ((b[offset + 2] << 8) | b[offset + 3]) === length - 4) return [offset + 4, length - 4]
  if (header === 2 && length >= 2 && b[offset + 1] === length - 2) return [offset + 2, length - 2]
  return [offset, length]
}

/** A number field reads its 1–4 bytes (big-endian unless said), then its mask (shifted down to its lowest set bit) and scale. */
export function treeNumber(b: Uint8Array, offset: number, length: number, spec: Partial<Pick<TreeFieldSpec, 'mask' | 'scale' | 'kind' | 'littleEndian' | 'compose'>>): number {
  if (spec.compose) return spec.compose(b, offset, length)
  let n = 0
  for (let k = 0; k < length; k++) n = n * 256 + b[offset + (spec.littleEndian ? length - 1 - k : k)]
  if (spec.mask) {
    n = (n & spec.mask) >>> 0
    for (let m = spec.mask; (m & 1) === 0; m >>>= 1) n >>>= 1
  }
  // A Wireshark boolean is true (1) whenever any of its bits is set.
  if (spec.kind === 'bool') return n === 0 ? 0 : 1
  return n * (spec.scale ?? 1)
}

export function treeField(spec: TreeFieldSpec): FilterFieldDef {
  const { key, description } = spec
  if (spec.kind === 'protocol') return { name: key, description, kind: 'protocol', present: (c) => occurrences(c, spec).length > 0 } satisfies ProtocolField
  if (spec.kind === 'number' || spec.kind === 'bool' || spec.kind === 'ipv4') {
    return {
      name: key, description, kind: spec.kind,
      each: (c, visit) => occurrences(c, spec).some(([at, length]) => length >= 1 && (length <= 4 || spec.compose !== undefined) && visit(treeNumber(c.b, at, length, spec))),
    } satisfies NumberField
  }
  if (spec.shown) {
    const texts = (b: Uint8Array, at: number, length: number) => shownTexts(spec, b, at, length)
    return { name: key, description, kind: spec.kind, texts, each: (c, visit) => occurrences(c, spec).some(([at, length]) => visitTexts(texts(c.b, at, length), visit)) } satisfies BytesField
  }
  // A padded link-layer address (Linux cooked capture's 8 bytes) compares as the MAC it starts with; an IPv6 prefix
  // sent in its leading bytes only (RFC 7598) as the address they start, zero-padded, which Wireshark shows.
  const visitValue = (b: Uint8Array, at: number, length: number, visit: BytesVisit) => {
    if (spec.kind === 'ipv6' && length < 16) {
      const address = new Uint8Array(16)
      address.set(b.subarray(at, at + length))
      return visit(address, 0, 16)
    }
    return visit(b, at, spec.kind === 'mac' ? Math.min(6, length) : length)
  }
  return { name: key, description, kind: spec.kind, each: (c, visit) => occurrences(c, spec).some(([at, length]) => visitValue(c.b, at, length, visit)) } satisfies BytesField
}

const decoder = new TextDecoder()

/** A field's value as the text Wireshark shows for it (see TreeFieldSpec.shown): each name of a list on its own. */
function shownTexts(spec: TreeFieldSpec, b: Uint8Array, at: number, length: number): string[] {
  if (spec.encodedIf && !spec.encodedIf(b, at)) return [decoder.decode(b.subarray(at, at + length))]
  if (spec.shown === 'hex') return [hex(b, at, length)]
  if (spec.shown === 'hardwareAddress') return [hardwareAddress(b, at, length, spec.hardwareType!(b, at, length))]
  if (spec.shown === 'tld6') return [`${decoder.decode(b.subarray(at + 1, at + 1 + b[at]))}.`]
  return namesAsShown(b, at, length, spec.shown === 'names6' ? 6 : 4)
}

/** Our tree fields with a fixed name, for the field list and completion. */
export function treeFields(): FilterFieldDef[] {
  return [...hiddenParts, ...fixed, ...subOptionFields].map(treeField)
}

/** Every field of Wireshark's DHCP and DHCPv6 table as a tree field (with our type where we define the field too). */
export function wiresharkTreeFields(): FilterFieldDef[] {
  return wiresharkDhcpFields.map((field) => treeField(specs.get(field.name)!))
}
