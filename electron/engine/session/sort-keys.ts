// Sort keys for the packet list's text columns, made from the index rather than from the texts: decoding a million
// frames to sort them would take seconds. Each key orders as the column's text does (text-order.ts): addresses
// from the IP header's bytes, the protocol from what the scanner found, the Info of a DHCP message from its kind
// and transaction id (info-keys.ts). A packet whose text the index cannot tell (no IP …) is decoded.
import type { PacketRow } from '../../contract/types'
import { isDhcp4Port, isDhcp6Port } from '../decode/ports'
import type { CaptureIndex } from '../index/capture-index'
import { InfoKeys } from './info-keys'
import { addressBytesKey, addressKey, naturalKey } from './text-order'

export type TextColumn = keyof Pick<PacketRow, 'source' | 'destination' | 'protocol' | 'info'>

/** The sort key of a column's text for packet i (0-based). */
export function textSortKey(index: CaptureIndex, column: TextColumn): (i: number) => string {
  const decodedText = decodedColumn(index, column)
  if (column === 'source' || column === 'destination') return addressSortKey(index, column, decodedText)
  if (column === 'protocol') return protocolSortKey(index, decodedText)
  const info = new InfoKeys(index, decodedText)
  return (i) => info.keyOf(i)
}

/** A column's text of packet i, from the full decoder. */
export function decodedColumn(index: CaptureIndex, column: TextColumn): (i: number) => string {
  return (i) => index.decoded(i)[column]
}

function addressSortKey(index: CaptureIndex, column: 'source' | 'destination', decodedText: (i: number) => string) {
  const { ipVersion, ipOffset, ref } = index.col
  const { arena } = index
  // Where the address sits in the IPv4 and in the IPv6 header.
  const [at4, at6] = column === 'source' ? [12, 8] : [16, 24]
  return (i: number): string => {
    const version = ipVersion[i]
    if (version !== 4 && version !== 6) return addressKey(decodedText(i))
    return addressBytesKey(version, arena.slab(ref[i]), arena.offset(ref[i]) + ipOffset[i] + (version === 4 ? at4 : at6))
  }
}

function protocolSortKey(index: CaptureIndex, decodedText: (i: number) => string) {
  const { family, udpOffset, sourcePort, destinationPort, ipVersion } = index.col
  const keys = new Map<string, string>()
  const keyOf = (text: string) => keys.get(text) ?? keys.set(text, naturalKey(text)).get(text)!
  const dhcpPort = (port: number) => isDhcp4Port(port) || isDhcp6Port(port)
  return (i: number): string => {
    if (family[i] === 4) return keyOf('DHCP')
    if (family[i] === 6) return keyOf('DHCPv6')
    // A DHCP port without DHCP found (an empty payload, DHCPv4 ports over IPv6): the decoder's word for it.
    if (udpOffset[i] >= 0) return keyOf(dhcpPort(sourcePort[i]) || dhcpPort(destinationPort[i]) ? decodedText(i) : 'UDP')
    if (ipVersion[i] === 4) return keyOf('IPv4')
    if (ipVersion[i] === 6) return keyOf('IPv6')
    return keyOf(decodedText(i))
  }
}
