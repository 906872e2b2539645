// IPv4 (with options; fragments marked) and IPv6 (extension headers walked), then UDP with checksum check.
import { hex, ipv4, ipv6, u16 } from './bytes'
import { field, type FieldNode, type Problems } from './field'
import { ipv6ExtensionLength, isIpv6Extension } from './link-types'

export interface NetworkResult {
  version: 4 | 6
  source: string
  destination: string
  protocol: number
  payload: number
  end: number
  /** Where the header says the packet ends, whether captured or not. */
  claimedEnd: number
  fields: FieldNode[]
  /** A non-first or not-last fragment: the payload is not a whole datagram. */
  fragment: boolean
  /** Sum of the pseudo-header's addresses and protocol (the UDP length is added by UDP), for the checksum check. */
  pseudoSum: number
}

/** `tree`: make `fields` (else empty; see DecodeOptions). */
/** `addresses`: whether the source and destination are wanted as text (the list's columns, the tree's titles). */
export function decodeNetwork(etherType: number, b: Uint8Array, start: number, problems: Problems, tree = true, addresses = true): NetworkResult | null {
  if (etherType === 0x0800) return decodeIpv4(b, start, problems, tree, addresses)
  if (etherType === 0x86dd) return decodeIpv6(b, start, problems, tree, addresses)
  return null
}

function sum16(b: Uint8Array, start: number, length: number, initial = 0): number {
  let sum = initial
  const end = start + length
  for (let i = start; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1]
  if (length % 2 === 1) sum += b[end - 1] << 8
  return sum
}

function decodeIpv4(b: Uint8Array, start: number, problems: Problems, tree: boolean, addresses: boolean): NetworkResult | null {
  if (start + 20 > b.length) {
    problems.truncated('IPv4 header', start, `truncated: 20 bytes needed, ${b.length - start} present`)
    return null
  }
  const headerLength = (b[start] & 0x0f) * 4
  const totalLength = u16(b, start + 2)
  if (headerLength < 20 || start + headerLength > b.length) {
    problems.error('IPv4 header length', start, `${headerLength} bytes is invalid`)
    return null
  }
  const flagsFragment = u16(b, start + 6)
  const moreFragments = (flagsFragment & 0x2000) !== 0
  const fragmentOffset = (flagsFragment & 0x1fff) * 8
  const protocol = b[start + 9]
  const source = addresses ? ipv4(b, start + 12) : '', destination = addresses ? ipv4(b, start + 16) : ''
  let end = start + totalLength
  const claimedEnd = totalLength < headerLength ? b.length : end
  if (totalLength < headerLength) {
    problems.error('IPv4 total length', start + 2, `${totalLength} is smaller than the header`)
    end = b.length
  } else if (end > b.length) {
    problems.note('IPv4 total length', start + 2, `${totalLength} bytes claimed, ${b.length - start} captured`)
    end = b.length
  }
  const fragment = moreFragments || fragmentOffset > 0
  const children = tree ? [
    field('Header Length', start, 1, { key: 'ip.hdr_len', value: `${headerLength} bytes` }),
    field('Total Length', start + 2, 2, { key: 'ip.len', value: String(totalLength) }),
    field('Identification', start + 4, 2, { key: 'ip.id', value: `0x${hex(b, start + 4, 2)}` }),
    field('Flags / Fragment Offset', start + 6, 2, { key: 'ip.flags', value: `${moreFragments ? 'MF, ' : ''}offset ${fragmentOffset}` }),
    field('Time to Live', start + 8, 1, { key: 'ip.ttl', value: String(b[start + 8]) }),
    field('Protocol', start + 9, 1, { key: 'ip.proto', value: String(protocol) }),
    field('Source Address', start + 12, 4, { key: 'ip.src', value: source }),
    field('Destination Address', start + 16, 4, { key: 'ip.dst', value: destination }),
  ] : null
  if (headerLength > 20) children?.push(field('Options', start + 20, headerLength - 20, { key: 'ip.options', value: hex(b, start + 20, headerLength - 20) }))
  if (fragment) problems.note('IPv4', start + 6, `fragment (offset ${fragmentOffset}${moreFragments ? ', more follow' : ''}); not reassembled`)
  const pseudoSum = sum16(b, start + 12, 8, protocol)
  return {
    version: 4, source, destination, protocol, payload: start + headerLength, end, claimedEnd, fragment, pseudoSum,
    fields: children ? [field(`Internet Protocol Version 4, Src: ${source}, Dst: ${destination}`, start, headerLength, { key: 'ip', children })] : [],
  }
}

function decodeIpv6(b: Uint8Array, start: number, problems: Problems, tree: boolean, addresses: boolean): NetworkResult | null {
  if (start + 40 > b.length) {
    problems.truncated('IPv6 header', start, `truncated: 40 bytes needed, ${b.length - start} present`)
    return null
  }
  const payloadLength = u16(b, start + 4)
  let next = b[start + 6]
  const source = addresses ? ipv6(b, start + 8) : '', destination = addresses ? ipv6(b, start + 24) : ''
  let end = start + 40 + payloadLength
  const claimedEnd = end
  if (end > b.length) {
    problems.note('IPv6 payload length', start + 4, `${payloadLength} bytes claimed, ${b.length - start - 40} captured`)
    end = b.length
  }
  const children = tree ? [
    field('Payload Length', start + 4, 2, { key: 'ipv6.plen', value: String(payloadLength) }),
    field('Next Header', start + 6, 1, { key: 'ipv6.nxt', value: String(next) }),
    field('Hop Limit', start + 7, 1, { key: 'ipv6.hlim', value: String(b[start + 7]) }),
    field('Source Address', start + 8, 16, { key: 'ipv6.src', value: source }),
    field('Destination Address', start + 24, 16, { key: 'ipv6.dst', value: destination }),
  ] : null
  let at = start + 40
  let fragment = false
  while (isIpv6Extension(next)) {
    if (at + 8 > end) {
      problems.truncated('IPv6 extension header', at, 'truncated')
      return null
    }
    const length = ipv6ExtensionLength(next, b, at)
    if (next === 44) fragment = (u16(b, at + 2) & 0xfff9) !== 0
    children?.push(field(`Extension header ${next}`, at, length, { key: 'ipv6.ext', value: `next ${b[at]}` }))
    next = b[at]
    at += length
  }
  const pseudoSum = sum16(b, start + 8, 32, next)
  return {
    version: 6, source, destination, protocol: next, payload: at, end, claimedEnd, fragment, pseudoSum,
    fields: children ? [field(`Internet Protocol Version 6, Src: ${source}, Dst: ${destination}`, start, at - start, { key: 'ipv6', children })] : [],
  }
}

export interface UdpResult {
  sourcePort: number
  destinationPort: number
  payload: number
  end: number
  /** Where the UDP and IP headers say the datagram ends, whether captured or not. */
  claimedEnd: number
  fields: FieldNode[]
}

/** `tree`: make `fields` (else empty; see DecodeOptions). The checksum is checked either way: a bad one is a warning. */
export function decodeUdp(b: Uint8Array, ip: NetworkResult, problems: Problems, tree = true): UdpResult | null {
  const start = ip.payload
  if (start + 8 > ip.end) {
    problems.truncated('UDP header', start, `truncated: 8 bytes needed, ${ip.end - start} present`)
    return null
  }
  const sourcePort = u16(b, start), destinationPort = u16(b, start + 2)
  const length = u16(b, start + 4)
  const checksum = u16(b, start + 6)
  let end = start + length
  if (length < 8) {
    problems.error('UDP length', start + 4, `${length} is smaller than the header`)
    end = ip.end
  } else if (end > ip.end) {
    problems.note('UDP length', start + 4, `${length} bytes claimed, ${ip.end - start} present`)
    end = ip.end
  }
  let verdict = ''
  let problem: string | undefined
  const complete = start + length <= ip.end && length >= 8
  if (checksum === 0 && ip.version === 4) verdict = ' (not used)'
  else if (complete && !ip.fragment) {
    let sum = sum16(b, start, length, ip.pseudoSum + length)
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16)
    if (sum === 0xffff) verdict = ' [correct]'
    else {
      verdict = ' [incorrect]'
      problem = problems.note('UDP checksum', start + 6, 'incorrect (often harmless: checksum offload on the capturing host)')
    }
  }
  return {
    sourcePort, destinationPort, payload: start + 8, end, claimedEnd: length >= 8 ? Math.min(start + length, ip.claimedEnd) : ip.claimedEnd,
    fields: tree ? [field(`User Datagram Protocol, Src Port: ${sourcePort}, Dst Port: ${destinationPort}`, start, 8, {
      key: 'udp',
      children: [
        field('Source Port', start, 2, { key: 'udp.srcport', value: String(sourcePort) }),
        field('Destination Port', start + 2, 2, { key: 'udp.dstport', value: String(destinationPort) }),
        field('Length', start + 4, 2, { key: 'udp.length', value: String(length) }),
        field('Checksum', start + 6, 2, { key: 'udp.checksum', value: `0x${hex(b, start + 6, 2)}${verdict}`, problem }),
      ],
    })] : [],
  }
}
