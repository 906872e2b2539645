// The variables ISC dhclient -6 hands its script for a binding (dhc6.c, dhc6_marshall_values): `new_dhcp6_<option>`
// for the options of the answer, of the identity association and of the address (dhclient6-names.ts), then the
// address (ip6_address and ip6_prefixlen) or delegated prefix (ip6_prefix) with its lifetimes, the IA's IAID, start,
// T1 and T2, and `requested_<option>=1` for each option asked for. dhclient calls its script once per address or
// prefix; the client's variables are those of its first binding, with a delegated prefix's ip6_prefix added.
import { hex, ipv6, u16, u32 } from '../decode/bytes'
import { encodeOptionValue6 } from '../decode/dhcp6/encode-formats'
import { bigEndian } from '../decode/encode-values'
import { dhcp6StatusCodes } from '../decode/dhcp6/registry'
import type { DecodedOption, Dhcp6Message, OptionValue } from '../decode/types'
import { dhclient6Option, type Dhclient6Format } from './dhclient6-names'
import { formatters, type DhclientVariables } from './dhclient-vars'

function addresses(b: Uint8Array): string {
  const out: string[] = []
  for (let at = 0; at + 16 <= b.length; at += 16) out.push(ipv6(b, at))
  return out.join(' ')
}

const formatters6: Record<Dhclient6Format, (b: Uint8Array) => string> = {
  ...formatters,
  6: addresses,
  '6A': addresses,
  T: (b) => (b.length === 4 ? (u32(b, 0) === 0xffffffff ? 'infinite' : String(u32(b, 0))) : formatters.X(b)),
  Z: () => '',
  N: (b) => (b.length >= 2 ? [dhcp6StatusCodes[u16(b, 0)] ?? String(u16(b, 0)), formatters.t(b.subarray(2))].filter(Boolean).join(' ') : formatters.X(b)),
}

/** Options an identity association or address carries: what dhclient stores apart, not among the lease's options. */
const BINDING_OPTIONS = new Set([3, 4, 5, 25, 26])
const IA_NA = 3
const IA_PD = 25
const IA_ADDRESS = 5
const IA_PREFIX = 26

export interface Lease6Context {
  interface: string
  /** When the answer came: dhclient's starts and life_starts (seconds since the epoch). */
  receivedMs: number
  /** The option request sent. */
  requested: number[]
}

type Nested = { code: number; value: OptionValue }

function optionVariables(vars: DhclientVariables, options: Nested[], bytesOf: (option: Nested) => Uint8Array | null): void {
  for (const option of options) {
    const bytes = BINDING_OPTIONS.has(option.code) ? null : bytesOf(option)
    if (!bytes) continue
    const { name, format } = dhclient6Option(option.code)
    vars[`new_${name}`] ??= formatters6[format](bytes)
  }
}

/**
 * A nested option's bytes, from its decoded value (the decoder keeps no offsets for nested options): the two-way
 * registry gives them back. A damaged one, which the decoder could not read, is left out as dhclient leaves it.
 */
function reencoded(option: Nested): Uint8Array | null {
  if (option.value === null) return null
  try {
    return Uint8Array.from(encodeOptionValue6(option.code, option.value).bytes)
  } catch {
    return null
  }
}

/** One binding's variables: an address of an IA_NA or a prefix of an IA_PD. */
function bindingVariables(vars: DhclientVariables, ia: Nested, lease: Nested, starts: number): void {
  const iaValue = ia.value as { iaid: number; t1: number; t2: number; options: Nested[] }
  const leaseValue = lease.value as { address?: string; prefix?: string; preferred: number; valid: number; options: Nested[] }
  optionVariables(vars, iaValue.options, reencoded)
  optionVariables(vars, leaseValue.options, reencoded)
  if (ia.code === IA_PD) vars.new_ip6_prefix ??= leaseValue.prefix!
  else {
    vars.new_ip6_prefixlen ??= '128'
    vars.new_ip6_address ??= leaseValue.address!
  }
  vars.new_life_starts ??= String(starts)
  vars.new_preferred_life ??= String(leaseValue.preferred)
  vars.new_max_life ??= String(leaseValue.valid)
  vars.new_iaid ??= hex(Uint8Array.from(bigEndian(iaValue.iaid, 4)), 0, 4, ':')
  vars.new_starts ??= String(starts)
  vars.new_renew ??= String(iaValue.t1)
  vars.new_rebind ??= String(iaValue.t2)
}

/** The addresses and prefixes `message` binds, each with its IA: IA_NA's first, as dhclient goes through them. */
export function bindings(message: Dhcp6Message): { ia: DecodedOption; lease: Nested }[] {
  const out: { ia: DecodedOption; lease: Nested }[] = []
  for (const code of [IA_NA, IA_PD]) {
    for (const ia of message.options.filter((o) => o.code === code && o.value !== null)) {
      const inner = (ia.value as { options: Nested[] }).options
      for (const lease of inner.filter((o) => o.code === (code === IA_NA ? IA_ADDRESS : IA_PREFIX) && o.value !== null)) out.push({ ia, lease })
    }
  }
  return out
}

/** `new_*` and `requested_*` for `message` (an ADVERTISE or REPLY, the relayed one when relayed) read from `frame`. */
export function dhclient6Variables(frame: Uint8Array, message: Dhcp6Message, context: Lease6Context): DhclientVariables {
  const vars: DhclientVariables = { interface: context.interface }
  optionVariables(vars, message.options, (option) => {
    const { offset, length } = option as DecodedOption
    return frame.subarray(offset + 4, offset + length)
  })
  const starts = Math.floor(context.receivedMs / 1000)
  for (const { ia, lease } of bindings(message)) bindingVariables(vars, ia, lease, starts)
  for (const code of context.requested) vars[`requested_${dhclient6Option(code).name}`] = '1'
  return vars
}
