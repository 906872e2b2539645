// Value decoders for the PXE sub-options of option 43 that have a structure of their own (Intel PXE 2.1,
// section 2.4); the simple ones (addresses, ports, timeouts) use the registry's formats.
import { ipv4, text, u16 } from '../bytes'
import { lengthProblem } from '../field'
import type { DecodedValue, OptionValue } from '../types'

/** Repeated entries of a 2-byte type, a 1-byte count or length and what it counts; null if one runs past the end. */
function entries<T extends OptionValue>(
  b: Uint8Array, off: number, len: number, size: (count: number) => number, read: (at: number, count: number) => T,
): T[] | null {
  const list: T[] = []
  for (let at = off; at < off + len; at += 3 + size(b[at + 2])) {
    if (at + 3 > off + len || at + 3 + size(b[at + 2]) > off + len) return null
    list.push(read(at, b[at + 2]))
  }
  return list
}

/** Tag 8: per boot server type, the addresses of its servers. */
export function bootServers(b: Uint8Array, off: number, len: number): DecodedValue {
  const servers = entries(b, off, len, (count) => 4 * count, (at, count) => ({
    type: u16(b, at), addresses: Array.from({ length: count }, (_, i) => ipv4(b, at + 3 + 4 * i)),
  }))
  if (!servers) return lengthProblem(len, 'whole boot server entries (type, count, addresses)')
  return { value: servers, text: servers.map((s) => `type ${s.type}: ${s.addresses.join(', ')}`).join('; ') }
}

/** Tag 9: the boot menu, a description per boot server type. */
export function bootMenu(b: Uint8Array, off: number, len: number): DecodedValue {
  const items = entries(b, off, len, (length) => length, (at, length) => ({ type: u16(b, at), description: text(b, at + 3, length) }))
  if (!items) return lengthProblem(len, 'whole menu entries (type, length, description)')
  return { value: items, text: items.map((i) => `${i.type}: ${i.description}`).join('; ') }
}

/** Tag 10: seconds the prompt stays, then its text. */
export function menuPrompt(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len < 1) return lengthProblem(len, 'at least 1')
  const prompt = text(b, off + 1, len - 1)
  return { value: { timeout: b[off], prompt }, text: `timeout ${b[off]} s: ${prompt}` }
}

/** Tag 71: the boot server type and layer a client asks for or a server answers with. */
export function bootItem(b: Uint8Array, off: number, len: number): DecodedValue {
  if (len !== 4) return lengthProblem(len, '4')
  return { value: { type: u16(b, off), layer: u16(b, off + 2) }, text: `type ${u16(b, off)}, layer ${u16(b, off + 2)}` }
}
