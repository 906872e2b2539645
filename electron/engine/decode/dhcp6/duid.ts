import { hex, mac, u16, u32 } from '../bytes'
import { field } from '../field'
import type { DecodedValue } from '../types'
import { duidTypes } from './registry'

/** DUID-LLT times count seconds from 2000-01-01T00:00:00Z (RFC 8415 11.2). */
const DUID_EPOCH_MS = Date.UTC(2000, 0, 1)

export function decodeDuid(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 2) return { value: null, text: 'invalid', problem: `DUID length ${len} is too short` }
  const type = u16(b, off)
  const all = hex(b, off, len)
  const typeField = field('DUID Type', off, 2, { key: 'dhcpv6.duid.type', value: `${duidTypes[type] ?? 'Unknown'} (${type})` })
  if (type === 1 && len >= 8) {
    const time = new Date(DUID_EPOCH_MS + u32(b, off + 4) * 1000).toISOString()
    const address = mac(b, off + 8, len - 8)
    return {
      value: { type, hwtype: u16(b, off + 2), time, linkLayerAddress: address, hex: all }, text: `LLT ${address}`,
      children: [
        typeField, field('Hardware type', off + 2, 2, { key: 'dhcpv6.duidllt.hwtype', value: String(u16(b, off + 2)) }), field('Time', off + 4, 4, { key: 'dhcpv6.duidllt.time', value: time }),
        field('Link-layer address', off + 8, len - 8, { key: 'dhcpv6.duidllt.link_layer_addr', value: address }),
      ],
    }
  }
  if (type === 2 && len >= 6) {
    const enterprise = u32(b, off + 2)
    return {
      value: { type, enterprise, identifier: hex(b, off + 6, len - 6), hex: all }, text: `EN ${enterprise} ${hex(b, off + 6, len - 6)}`,
      children: [
        typeField, field('Enterprise number', off + 2, 4, { key: 'dhcpv6.duiden.enterprise', value: String(enterprise) }),
        field('Identifier', off + 6, len - 6, { key: 'dhcpv6.duiden.identifier', value: hex(b, off + 6, len - 6) }),
      ],
    }
  }
  if (type === 3 && len >= 4) {
    const address = mac(b, off + 4, len - 4)
    return {
      value: { type, hwtype: u16(b, off + 2), linkLayerAddress: address, hex: all }, text: `LL ${address}`,
      children: [typeField, field('Hardware type', off + 2, 2, { key: 'dhcpv6.duidll.hwtype', value: String(u16(b, off + 2)) }), field('Link-layer address', off + 4, len - 4, { key: 'dhcpv6.duidll.link_layer_addr', value: address })],
    }
  }
  if (type === 4 && len === 18) {
    const h = hex(b, off + 2, 16)
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    return { value: { type, uuid, hex: all }, text: `UUID ${uuid}`, children: [typeField, field('UUID', off + 2, 16, { key: 'dhcpv6.duiduuid.bytes', value: uuid })] }
  }
  return { value: { type, hex: all }, text: all, children: [typeField] }
}
