// One captured frame, decoded from the link layer up to DHCP. The single entry point for the viewer, the store
// summaries and the CLI, so all three always agree.
import { decodeDhcp4 } from './dhcp4/decode'
import { decodeDhcp6 } from './dhcp6/decode'
import { field, Problems, type FieldNode } from './field'
import { decodeEthernet, decodeLink, decodeWlanFrame, type LinkResult } from './link'
import { isBlockRecord, linkTypeNames } from './link-types'
import { decodeNetwork, decodeUdp } from './network'
import { decodeBlockRecord } from './pcapng-blocks'
import { isDhcp4Port, isDhcp6Port } from './ports'
import { describeDhcp } from './summary'
import { decodeCapwapData, decodeGre, decodePppoe, decodeVxlan, type TunnelResult } from './tunnel-layers'
import { CAPWAP_DATA_PORT, ETHERTYPE, IP_PROTOCOL, MAX_ENCAPSULATIONS, VXLAN_PORT } from './tunnels'
import type { DhcpMessage } from './types'

export interface DecodedFrame {
  source: string
  destination: string
  protocol: string
  info: string
  dhcp: DhcpMessage | null
  layers: FieldNode[]
  malformed: boolean
  warnings: string[]
}

export interface DecodeOptions {
  /**
   * Without the field tree, `layers` is empty and the DHCP node has no children; values, problems and the list
   * columns are the same. For readers of values only (`decode --json`): the tree is about 40% of a decode's cost.
   */
  tree?: boolean
  /**
   * Without the list columns, `source`, `destination` and `info` are empty (the protocol stays): for readers of
   * values only (`decode --json`), to whom their text is a tenth of a decode without the tree.
   */
  columns?: boolean
}

export function decodeFrame(linkType: number, b: Uint8Array, originalLength = b.length, { tree = true, columns = true }: DecodeOptions = {}): DecodedFrame {
  const problems = new Problems(originalLength > b.length)
  const frame: DecodedFrame = { source: '', destination: '', protocol: linkTypeNames[linkType] ?? `Link ${linkType}`, info: '', dhcp: null, layers: [], malformed: false, warnings: problems.warnings }
  const layers = tree ? frame.layers : null
  const frameNode = tree ? field(`Frame: ${originalLength} bytes on wire, ${b.length} bytes captured`, 0, b.length, { key: 'frame' }) : null
  if (isBlockRecord(linkType)) {
    const block = decodeBlockRecord(linkType, b, originalLength, problems, tree)
    layers?.push(block.frame ?? frameNode!, ...block.fields)
    frame.protocol = block.protocol
    if (columns) frame.info = block.info
    frame.malformed = problems.malformed
    return frame
  }
  layers?.push(frameNode!)
  const link = decodeLink(linkType, b, problems, tree, tree || columns)
  layers?.push(...link.fields)
  frame.source = link.source ?? ''
  frame.destination = link.destination ?? ''
  if (link.protocol) frame.protocol = link.protocol
  if (link.info && columns) frame.info = link.info
  if (link.etherType !== null) decodeInside(frame, { b, problems, tree, columns, originalLength }, link.etherType, link.payload, 0)
  frame.malformed = problems.malformed
  return frame
}

/** What decoding one frame carries from layer to layer. */
interface Walk {
  b: Uint8Array
  problems: Problems
  tree: boolean
  columns: boolean
  originalLength: number
}

/** The layers from the one of `etherType` at `at` up to DHCP, inside `depth` tunnels. */
function decodeInside(frame: DecodedFrame, w: Walk, etherType: number, at: number, depth: number): void {
  const { b, problems, tree, columns } = w
  const layers = tree ? frame.layers : null
  if (etherType === ETHERTYPE.PPPOE_SESSION) return enterTunnel(frame, w, decodePppoe(b, at, problems, tree), depth)
  if (etherType !== ETHERTYPE.IPV4 && etherType !== ETHERTYPE.IPV6) {
    frame.protocol = etherType === 0x0806 ? 'ARP' : `0x${etherType.toString(16).padStart(4, '0')}`
    if (columns) frame.info = `Ethertype 0x${etherType.toString(16).padStart(4, '0')}`
    return
  }
  const ip = decodeNetwork(etherType, b, at, problems, tree, tree || columns)
  if (!ip) return
  layers?.push(...ip.fields)
  frame.source = ip.source
  frame.destination = ip.destination
  frame.protocol = ip.version === 4 ? 'IPv4' : 'IPv6'
  if (columns) frame.info = `Protocol ${ip.protocol}`
  // Only a first fragment has the UDP or GRE header; later ones carry the middle of a datagram.
  if (ip.fragment && ip.version === 4 && !isFirstFragment(b, at)) return
  if (ip.protocol === IP_PROTOCOL.GRE && depth < MAX_ENCAPSULATIONS) return enterTunnel(frame, w, decodeGre(b, ip.payload, ip.end, problems, tree), depth)
  if (ip.protocol !== IP_PROTOCOL.UDP) return
  const udp = decodeUdp(b, ip, problems, tree)
  if (!udp) return
  layers?.push(...udp.fields)
  frame.protocol = 'UDP'
  if (columns) frame.info = `${udp.sourcePort} → ${udp.destinationPort} Len=${udp.end - udp.payload}`
  const ports = [udp.sourcePort, udp.destinationPort]
  if (ports.some(isDhcp4Port) && ip.version === 4) {
    frame.dhcp = decodeDhcp4(b, udp.payload, udp.end, problems, tree, Math.min(udp.claimedEnd, w.originalLength))
    frame.protocol = 'DHCP'
  } else if (ports.some(isDhcp6Port)) {
    frame.dhcp = decodeDhcp6(b, udp.payload, udp.end, problems, tree)
    frame.protocol = 'DHCPv6'
  } else if (ports.includes(VXLAN_PORT) && depth < MAX_ENCAPSULATIONS) {
    return enterTunnel(frame, w, decodeVxlan(b, udp.payload, udp.end, problems, tree), depth)
  } else if (ports.includes(CAPWAP_DATA_PORT) && depth < MAX_ENCAPSULATIONS) {
    return enterTunnel(frame, w, decodeCapwapData(b, udp.payload, udp.end, problems, tree), depth)
  }
  if (frame.dhcp) {
    layers?.push(frame.dhcp.tree)
    if (columns) frame.info = describeDhcp(frame.dhcp)
  }
}

/**
 * A tunnel's header, then what it carries: an IP packet, or an Ethernet or 802.11 frame (whose addresses the columns
 * show until an IP header inside replaces them).
 */
function enterTunnel(frame: DecodedFrame, w: Walk, tunnel: TunnelResult, depth: number): void {
  if (w.tree) frame.layers.push(...tunnel.fields)
  frame.protocol = tunnel.protocol
  const next = tunnel.next
  if (!next) return
  if ('etherType' in next) return decodeInside(frame, w, next.etherType, next.payload, depth + 1)
  const link: LinkResult = 'ethernet' in next
    ? decodeEthernet(w.b, next.ethernet, w.problems, w.tree, w.tree || w.columns)
    : decodeWlanFrame(w.b, next.wlan, next.end, w.problems, w.tree, { swapped: true })
  if (w.tree) frame.layers.push(...link.fields)
  if (link.source !== undefined) frame.source = link.source
  if (link.destination !== undefined) frame.destination = link.destination
  if (link.protocol) frame.protocol = link.protocol
  if (link.info && w.columns) frame.info = link.info
  if (link.etherType !== null) decodeInside(frame, w, link.etherType, link.payload, depth + 1)
}

function isFirstFragment(b: Uint8Array, ipStart: number): boolean {
  return ((b[ipStart + 6] & 0x1f) | b[ipStart + 7]) === 0
}
