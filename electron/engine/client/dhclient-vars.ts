// The variables ISC dhclient hands its script for a lease (dhclient.c, script_write_params): `new_<option>` for every
// option of the server's answer under dhclient's name and in its format (dhclient-names.ts), the address, network,
// broadcast address, expiry and next server it works out, and `requested_<option>=1` for each option asked for.
import { i32, ipv4, text, u16, u32 } from '../decode/bytes'
import { decodeNameList } from '../decode/domain-names'
import type { Dhcp4Message } from '../decode/types'
import { fqdnVariables } from './dhclient-fqdn'
import { dhclientOption, type DhclientFormat } from './dhclient-names'

const FQDN = 81

export type DhclientVariables = Record<string, string>

/** Each item of `size` bytes, read by `read`, space-separated as dhclient prints arrays. */
function items(b: Uint8Array, size: number, read: (b: Uint8Array, at: number) => string | number): string {
  const out: string[] = []
  for (let at = 0; at + size <= b.length; at += size) out.push(String(read(b, at)))
  return out.join(' ')
}

/** ISC's pretty_print_option for `X`: text when every byte is printable, else colon-separated hex without padding. */
function textOrHex(b: Uint8Array): string {
  const printable = b.every((byte, i) => (byte >= 0x20 && byte <= 0x7e) || (byte === 0 && i === b.length - 1))
  return printable ? text(b, 0, b.length) : Array.from(b, (byte) => byte.toString(16)).join(':')
}

export const formatters: Record<DhclientFormat, (b: Uint8Array) => string> = {
  I: (b) => items(b, 4, ipv4),
  IA: (b) => items(b, 4, ipv4),
  IIA: (b) => items(b, 4, ipv4),
  t: (b) => text(b, 0, b.length),
  L: (b) => items(b, 4, u32),
  l: (b) => items(b, 4, i32),
  S: (b) => items(b, 2, u16),
  SA: (b) => items(b, 2, u16),
  B: (b) => items(b, 1, (x, at) => x[at]),
  BA: (b) => items(b, 1, (x, at) => x[at]),
  f: (b) => (b[0] ? 'true' : 'false'),
  X: textOrHex,
  // Names come with their root's dot, in both families (dhclient 4.4.3: "lab.fieldkit.test. example.org.").
  D: (b) => decodeNameList(b, 0, b.length).names.map((name) => `${name}.`).join(' '),
  d: (b) => (decodeNameList(b, 0, b.length).names[0] ?? '').replace(/^(.+)$/, '$1.'),
}

/** The value bytes of each option code in `message` (the instances of a split option joined, RFC 3396). */
function optionBytes(frame: Uint8Array, message: Dhcp4Message): Map<number, Uint8Array> {
  const joined = new Map<number, number[]>()
  for (const { code, offset, length } of message.options) {
    const list = joined.get(code) ?? []
    list.push(...frame.subarray(offset + 2, offset + length))
    joined.set(code, list)
  }
  return new Map([...joined].map(([code, bytes]) => [code, Uint8Array.from(bytes)]))
}

function addressNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0)
}

function addressText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
}

export interface LeaseContext {
  interface: string
  /** When the answer came, for new_expiry (the lease's end as dhclient gives it: seconds since the epoch). */
  receivedMs: number
  /** The parameter request list sent. */
  requested: number[]
}

/** `new_*` and `requested_*` for `message` (an OFFER or ACK) read from `frame`, and `interface`. */
export function dhclientVariables(frame: Uint8Array, message: Dhcp4Message, context: LeaseContext): DhclientVariables {
  const vars: DhclientVariables = { interface: context.interface }
  const options = optionBytes(frame, message)
  for (const [code, bytes] of options) {
    const { name, format } = dhclientOption(code)
    vars[`new_${name}`] = formatters[format](bytes)
    if (code === FQDN) Object.assign(vars, fqdnVariables(bytes))
  }
  vars.new_ip_address = message.yiaddr
  const mask = vars.new_subnet_mask
  if (mask) {
    const network = (addressNumber(message.yiaddr) & addressNumber(mask)) >>> 0
    vars.new_network_number = addressText(network)
    vars.new_broadcast_address ??= addressText((network | (~addressNumber(mask) >>> 0)) >>> 0)
  }
  const lease = options.get(51)
  if (lease?.length === 4) vars.new_expiry = String(Math.floor(context.receivedMs / 1000) + u32(lease, 0))
  vars.new_next_server = message.siaddr
  if (message.sname) vars.new_server_name = message.sname
  if (message.file) vars.new_filename = message.file
  for (const code of context.requested) vars[`requested_${dhclientOption(code).name}`] = '1'
  return vars
}

/** A lease's `new_*` variables as dhclient hands a script the lease held before: `old_*`. */
export function asOldVariables(vars: DhclientVariables): DhclientVariables {
  return Object.fromEntries(Object.entries(vars).filter(([name]) => name.startsWith('new_')).map(([name, value]) => [`old_${name.slice(4)}`, value]))
}

/** A variable's value as the script would get it, quoted for a POSIX shell: `new_host_name='printer 7'`. */
export function shellAssignment(name: string, value: string): string {
  return `${name}='${value.replace(/'/g, `'\\''`)}'`
}
