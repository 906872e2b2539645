// One captured frame, decoded from the link layer up to DHCP. The single entry point for the viewer, the store
// summaries and the CLI, so all three always agree.
import { decodeDhcp4 } from './dhcp4/decode'
import { decodeDhcp6 } from './dhcp6/decode'
import { field, Problems, type FieldNode } from './field'
import { decodeLink } from './link'
import { isBlockRecord, linkTypeNames } from './link-types'
import { decodeNetwork, decodeUdp } from './network'
import { decodeBlockRecord } from './pcapng-blocks'
import { isDhcp4Port, isDhcp6Port } from './ports'
import { describeDhcp } from './summary'
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
  if (link.etherType !== null && link.etherType !== 0x0800 && link.etherType !== 0x86dd) {
    frame.protocol = link.etherType === 0x0806 ? 'ARP' : `0x${link.etherType.toString(16).padStart(4, '0')}`
    if (columns) frame.info = `Ethertype 0x${link.etherType.toString(16).padStart(4, '0')}`
  }
  const ip = link.etherType === null ? null : decodeNetwork(link.etherType, b, link.payload, problems, tree, tree || columns)
  if (ip) {
    layers?.push(...ip.fields)
    frame.source = ip.source
    frame.destination = ip.destination
    frame.protocol = ip.version === 4 ? 'IPv4' : 'IPv6'
    if (columns) frame.info = `Protocol ${ip.protocol}`
    if (ip.protocol === 17 && !(ip.fragment && ip.version === 4 && !isFirstFragment(b, link.payload))) {
      const udp = decodeUdp(b, ip, problems, tree)
      if (udp) {
        layers?.push(...udp.fields)
        frame.protocol = 'UDP'
        if (columns) frame.info = `${udp.sourcePort} → ${udp.destinationPort} Len=${udp.end - udp.payload}`
        const ports = [udp.sourcePort, udp.destinationPort]
        if (ports.some(isDhcp4Port) && ip.version === 4) {
          frame.dhcp = decodeDhcp4(b, udp.payload, udp.end, problems, tree, Math.min(udp.claimedEnd, originalLength))
          frame.protocol = 'DHCP'
        } else if (ports.some(isDhcp6Port)) {
          frame.dhcp = decodeDhcp6(b, udp.payload, udp.end, problems, tree)
          frame.protocol = 'DHCPv6'
        }
        if (frame.dhcp) {
          layers?.push(frame.dhcp.tree)
          if (columns) frame.info = describeDhcp(frame.dhcp)
        }
      }
    }
  }
  frame.malformed = problems.malformed
  return frame
}

function isFirstFragment(b: Uint8Array, ipStart: number): boolean {
  return ((b[ipStart + 6] & 0x1f) | b[ipStart + 7]) === 0
}
