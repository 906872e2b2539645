// Value decoders for the PXE sub-options of option 43 that have a structure of their own (Intel PXE 2.1,
// section 2.4); the simple ones (addresses, ports, timeouts) use the registry's formats. Their parts carry
// Wireshark's field names (dhcp.option.vendor.pxeclient.*), so Wireshark's filters read them.
import { ipv4, text, u16 } from '../bytes'
import { field, lengthProblem, type FieldNode } from '../field'
import type { DecodedValue, OptionValue } from '../types'

const PXE = 'dhcp.option.vendor.pxeclient'

/**
 * Repeated entries of a 2-byte type, a 1-byte count or length and what it counts, each with its fields; null if one
 * runs past the end.
 */
function entries<T extends OptionValue>(
  b: Uint8Array, off: number, len: number, size: (count: number) => number, read: (at: number, count: number, children: FieldNode[]) => T,
): { list: T[]; children: FieldNode[] } | null {
  const list: T[] = []
  const children: FieldNode[] = []
  for (let at = off; at < off + len; at += 3 + size(b[at + 2])) {
    if (at + 3 > off + len || at + 3 + size(b[at + 2]) > off + len) return null
    list.push(read(at, b[at + 2], children))
  }
  return { list, children }
}

/** Tag 8: per boot server type, the addresses of its servers. */
export function bootServers(b: Uint8Array, off: number, len: number): DecodedValue {
  const servers = entries(b, off, len, (count) => 4 * count, (at, count, children) => {
    const addresses = Array.from({ length: count }, (_, i) => ipv4(b, at + 3 + 4 * i))
    children.push(
      field('Type', at, 2, { key: `${PXE}.boot_servers.type`, value: String(u16(b, at)) }), field('IP count', at + 2, 1, { key: `${PXE}.boot_servers.count`, value: String(count) }),
      ...addresses.map((address, i) => field('IP', at + 3 + 4 * i, 4, { key: `${PXE}.boot_servers.ip`, value: address })),
    )
    return { type: u16(b, at), addresses }
  })
  if (!servers) return lengthProblem(len, 'whole boot server entries (type, count, addresses)')
  return { value: servers.list, text: servers.list.map((s) => `type ${s.type}: ${s.addresses.join(', ')}`).join('; '), children: servers.children }
}

/** Tag 9: the boot menu, a description per boot server type. */
export function bootMenu(b: Uint8Array, off: number, len: number): DecodedValue {
  const items = entries(b, off, len, (length) => length, (at, length, children) => {
    const description = text(b, at + 3, length)
    children.push(
      field('Type', at, 2, { key: `${PXE}.boot_menu.type`, value: String(u16(b, at)) }), field('Length', at + 2, 1, { key: `${PXE}.boot_menu.length`, value: String(length) }),
      field('Description', at + 3, length, { key: `${PXE}.boot_menu.desc`, value: description }),
    )
    return { type: u16(b, at), description }
  })
  if (!items) return lengthProblem(len, 'whole menu entries (type, length, description)')
  return { value: items.list, text: items.list.map((i) => `${i.type}: ${i.description}`).join('; '), children: items.children }
}

/** Tag 10: seconds the prompt stays, then its text. */
export function menuPrompt(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 1) return lengthProblem(len, 'at least 1')
  const prompt = text(b, off + 1, len - 1)
  return {
    value: { timeout: b[off], prompt }, text: `timeout ${b[off]} s: ${prompt}`,
    children: [field('Timeout', off, 1, { key: `${PXE}.menu_prompt.timeout`, value: String(b[off]) }), field('Prompt', off + 1, len - 1, { key: `${PXE}.menu_prompt.prompt`, value: prompt })],
  }
}

/** Tag 71: the boot server type and layer a client asks for or a server answers with. */
export function bootItem(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len !== 4) return lengthProblem(len, '4')
  return {
    value: { type: u16(b, off), layer: u16(b, off + 2) }, text: `type ${u16(b, off)}, layer ${u16(b, off + 2)}`,
    children: [field('Type', off, 2, { key: `${PXE}.boot_item.type`, value: String(u16(b, off)) }), field('Layer', off + 2, 2, { key: `${PXE}.boot_item.layer`, value: String(u16(b, off + 2)) })],
  }
}

/** Tag 6: how the client discovers boot servers, one bit per rule (each a field over the byte, as Wireshark's). */
const discoveryBits: [bit: number, name: string, key: string][] = [
  [0x1, 'Disable broadcast', 'broadcast'], [0x2, 'Disable multicast', 'multicast'], [0x4, 'Server list only', 'serverlist'], [0x8, 'Bootstrap override', 'bstrap'],
]

export function discoveryControl(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len !== 1) return lengthProblem(len, '1')
  return {
    value: b[off], text: String(b[off]),
    children: discoveryBits.map(([bit, name, key]) => field(name, off, 1, { key: `${PXE}.discovery_control.${key}`, value: b[off] & bit ? 'True' : 'False' })),
  }
}
