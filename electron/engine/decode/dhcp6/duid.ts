import { hardwareAddress, hex, u16, u32 } from '../bytes'
import { field } from '../field'
import type { DecodedValue } from '../types'
import { duidTypes } from './registry'

/** DUID-LLT times count seconds from 2000-01-01T00:00:00Z (RFC 8415 11.2). */
const DUID_EPOCH_MS = Date.UTC(2000, 0, 1)

/** The filter field of each part of a DUID: DHCPv6's own, or those of DHCPv4's client identifier (RFC 4361). */
export interface DuidKeys {
  type: string
  lltHwtype: string
  lltTime: string
  lltAddress: string
  enEnterprise: string
  enIdentifier: string
  llHwtype: string
  llAddress: string
  uuid?: string
}

export const DHCP6_DUID_KEYS: DuidKeys = {
  type: 'dhcpv6.duid.type', lltHwtype: 'dhcpv6.duidllt.hwtype', lltTime: 'dhcpv6.duidllt.time', lltAddress: 'dhcpv6.duidllt.link_layer_addr',
  enEnterprise: 'dhcpv6.duiden.enterprise', enIdentifier: 'dhcpv6.duiden.identifier', llHwtype: 'dhcpv6.duidll.hwtype', llAddress: 'dhcpv6.duidll.link_layer_addr',
  uuid: 'dhcpv6.duiduuid.bytes',
}

/** Wireshark's names for a DUID in option 61 (packet-dhcp.c); it has none for a DUID-UUID's bytes. */
export const DHCP4_CLIENT_ID_DUID_KEYS: DuidKeys = {
  type: 'dhcp.client_id.duid_type', lltHwtype: 'dhcp.client_id.duid_llt_hw_type', lltTime: 'dhcp.client_id.time', lltAddress: 'dhcp.client_id.link_layer_address',
  enEnterprise: 'dhcp.client_id.enterprise_num', enIdentifier: 'dhcp.client_id', llHwtype: 'dhcp.client_id.duid_ll_hw_type', llAddress: 'dhcp.client_id.link_layer_address',
}

export function decodeDuid(b: Uint8Array, off: number, len: number, keys = DHCP6_DUID_KEYS): DecodedValue {
  if (len < 2) return { value: null, text: 'invalid', problem: `DUID length ${len} is too short` }
  const type = u16(b, off)
  const all = hex(b, off, len)
  const typeField = field('DUID Type', off, 2, { key: keys.type, value: `${duidTypes[type] ?? 'Unknown'} (${type})` })
  if (type === 1 && len >= 8) {
    const time = new Date(DUID_EPOCH_MS + u32(b, off + 4) * 1000).toISOString()
    const address = hardwareAddress(b, off + 8, len - 8, u16(b, off + 2))
    return {
      value: { type, hwtype: u16(b, off + 2), time, linkLayerAddress: address, hex: all }, text: `LLT ${address}`,
      children: [
        typeField, field('Hardware type', off + 2, 2, { key: keys.lltHwtype, value: String(u16(b, off + 2)) }), field('Time', off + 4, 4, { key: keys.lltTime, value: time }),
        field('Link-layer address', off + 8, len - 8, { key: keys.lltAddress, value: address }),
      ],
    }
  }
  if (type === 2 && len >= 6) {
    const enterprise = u32(b, off + 2)
    return {
      value: { type, enterprise, identifier: hex(b, off + 6, len - 6), hex: all }, text: `EN ${enterprise} ${hex(b, off + 6, len - 6)}`,
      children: [
        typeField, field('Enterprise number', off + 2, 4, { key: keys.enEnterprise, value: String(enterprise) }),
        field('Identifier', off + 6, len - 6, { key: keys.enIdentifier, value: hex(b, off + 6, len - 6) }),
      ],
    }
  }
  if (type === 3 && len >= 4) {
    const address = hardwareAddress(b, off + 4, len - 4, u16(b, off + 2))
    return {
      value: { type, hwtype: u16(b, off + 2), linkLayerAddress: address, hex: all }, text: `LL ${address}`,
      children: [typeField, field('Hardware type', off + 2, 2, { key: keys.llHwtype, value: String(u16(b, off + 2)) }), field('Link-layer address', off + 4, len - 4, { key: keys.llAddress, value: address })],
    }
  }
  if (type === 4 && len === 18) {
    const h = hex(b, off + 2, 16)
    const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    return { value: { type, uuid, hex: all }, text: `UUID ${uuid}`, children: [typeField, field('UUID', off + 2, 16, { key: keys.uuid, value: uuid })] }
  }
  return { value: { type, hex: all }, text: all, children: [typeField] }
}
