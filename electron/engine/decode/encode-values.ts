// The value encoders DHCPv4 and DHCPv6 share (dhcp4/encode-formats.ts, dhcp6/encode-formats.ts): numbers, hex, text,
// domain names, lists and records, each the inverse of what the decoders give. A value its form cannot carry throws an
// EncodeError saying what is wrong.
import { dnsNameCodec } from './dns-name-codec'
import type { OptionValue } from './types'

export class EncodeError extends Error {}

export type Encoder = (value: OptionValue) => number[]
export type Json = { [key: string]: OptionValue }

export function wrong(expected: string, value: OptionValue): never {
  throw new EncodeError(`${JSON.stringify(value)?.slice(0, 80)} is not ${expected}`)
}

export function whole(value: OptionValue, bits: number, signed = false): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  const min = signed ? -(2 ** (bits - 1)) : 0
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) wrong(`a whole number from ${min} to ${max}`, value)
  return n
}

export function bigEndian(n: number, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, i) => Math.floor(n / 2 ** (8 * (bytes - 1 - i))) & 0xff)
}

export const uint = (bits: number, signed = false): Encoder => (value) => bigEndian(whole(value, bits, signed) >>> 0, bits / 8)

/** Hex digits, optionally separated by ':', '-', '.' or spaces ("aa:bb:cc", "aabbcc"). */
export function hexBytes(value: OptionValue): number[] {
  const digits = typeof value === 'string' ? value.replace(/[\s:.-]/g, '') : null
  if (digits === null || !/^([0-9a-fA-F]{2})*$/.test(digits)) wrong('hex bytes (like 01:aa:bb or 01aabb)', value)
  return Array.from({ length: digits.length / 2 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16))
}

/** Text as the decoders read it: ASCII up to the first NUL. */
export function ascii(value: OptionValue): number[] {
  if (typeof value !== 'string' || !/^[\x01-\x7f]*$/.test(value)) wrong('ASCII text without NUL bytes', value)
  return [...Buffer.from(value, 'latin1')]
}

export function items(value: OptionValue, what: string): OptionValue[] {
  if (!Array.isArray(value)) wrong(`a list of ${what}`, value)
  return value
}

export function record(value: OptionValue, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) wrong(what, value)
  return value
}

export const listOf = (item: Encoder, what: string): Encoder => (value) => items(value, what).flatMap(item)

/** A value from a table of names (or its number, for one the table lacks). */
export function named(names: Record<number, string>, bits: number): Encoder {
  return (value) => {
    const code = Object.entries(names).find(([, name]) => name === value)?.[0]
    return uint(bits)(code === undefined ? value : Number(code))
  }
}

/** RFC 1035 section 2.3.4: a label's length byte counts to 63 (its top bits mark other kinds), a name to 255 bytes. */
const MAX_LABEL = 63
const MAX_NAME = 255

/** A name as RFC 1035 lays it out, with its root label. dns-packet writes whatever it is given, so lengths are checked here. */
export function wireName(value: OptionValue): number[] {
  if (typeof value !== 'string') wrong('a domain name', value)
  const labels = value.replace(/\.$/, '').split('.')
  if (value !== '' && value !== '.' && labels.some((label) => label === '' || Buffer.byteLength(label) > MAX_LABEL)) wrong(`a domain name (labels of 1 to ${MAX_LABEL} bytes between dots)`, value)
  let bytes: number[]
  try {
    bytes = [...dnsNameCodec().encode(value)]
  } catch {
    return wrong('a domain name', value)
  }
  if (bytes.length > MAX_NAME) throw new EncodeError(`the domain name ${value.slice(0, 40)}… is ${bytes.length} bytes in wire format; at most ${MAX_NAME} are allowed`)
  return bytes
}

/** Text when printable, else hex: the inverse of the decoders' printableOrHex, trying hex first as they show it. */
export function printableOrHex(value: OptionValue): number[] {
  if (typeof value === 'string' && /^([0-9a-f]{2})+$/.test(value) && !/^[\x20-\x7e]*$/.test(Buffer.from(value, 'hex').toString('latin1'))) return hexBytes(value)
  return ascii(value)
}

/** `item` after its length in `bytes` big-endian bytes; throws when it is too long for them. */
export function lengthPrefixed(item: number[], bytes = 1): number[] {
  if (item.length >= 2 ** (8 * bytes)) throw new EncodeError(`an item of ${item.length} bytes does not fit its ${bytes === 1 ? 'one-byte' : `${bytes}-byte`} length`)
  return [...bigEndian(item.length, bytes), ...item]
}
