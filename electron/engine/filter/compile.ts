// Turns a parsed filter into a test over indexed packets, checking every field name, operator and value on the
// way so that a mistake is reported with its position before any packet is read.
import type { FilterCheck } from '../../contract/types'
import type { CaptureIndex } from '../index/capture-index'
import { filterField, filterFields, type BytesField, type Cursor, type FilterFieldDef, type NumberField } from './fields'
import { FilterError, parseFilter, type FilterNode, type Literal, type Operator } from './parse'
import { parseAddressLiteral } from './address-literal'
import { FilterPass, type FilterRun } from './filter-pass'
import { compilePattern } from './regex'

export type PacketTest = (c: Cursor) => boolean

const KIND_NAMES: Record<FilterFieldDef['kind'], string> = {
  number: 'a number', ipv4: 'an IPv4 address', bool: 'a flag (0 or 1)', mac: 'a MAC address', ipv6: 'an IPv6 address',
  string: 'text', bytes: 'bytes', protocol: 'a protocol',
}

export function compileFilter(text: string): PacketTest | null {
  const tree = parseFilter(text)
  return tree && compileNode(tree)
}

/** Whether a filter is valid, and if not what is wrong and where: for the filter bar as the user types. */
export function checkFilter(text: string): FilterCheck {
  try {
    compileFilter(text)
    return { ok: true }
  } catch (error) {
    if (!(error instanceof FilterError)) throw error
    return { ok: false, message: error.message, position: error.position, length: error.length }
  }
}

function compileNode(node: FilterNode): PacketTest {
  if (node.kind === 'and' || node.kind === 'or') {
    const left = compileNode(node.left), right = compileNode(node.right)
    return node.kind === 'and' ? (c) => left(c) && right(c) : (c) => left(c) || right(c)
  }
  if (node.kind === 'not') {
    const operand = compileNode(node.operand)
    return (c) => !operand(c)
  }
  const field = filterField(node.field) ?? unknownField(node.field, node.position)
  if (!node.operator || !node.value) return field.kind === 'protocol' ? field.present : anyOccurrence(field as NumberField, always)
  if (field.kind === 'protocol') {
    throw new FilterError(`${field.name} is a protocol: test it alone ("${field.name}"), or compare one of its fields.`, node.operatorPosition!, node.operator.length)
  }
  const matches = isNumberField(field)
    ? numberTest(field, node.operator, node.value, node.operatorPosition!)
    : bytesTest(field, node.operator, node.value, node.operatorPosition!)
  if (node.operator !== '!=') return matches
  // Wireshark's "!=": the field is there and no occurrence equals the value.
  const present = anyOccurrence(field as NumberField, always)
  return (c) => present(c) && !matches(c)
}

const always = () => true

/**
 * A test that the packet has an occurrence of `field` that `visit` accepts. The visitor is made once here, with the
 * test: made in the test, it was one closure per packet for the collector to sweep, a fifth of a filter's time.
 */
function anyOccurrence<V>(field: { each(c: Cursor, visit: V): boolean }, visit: V): PacketTest {
  return (c) => field.each(c, visit)
}

function isNumberField(field: NumberField | BytesField): field is NumberField {
  return field.kind === 'number' || field.kind === 'ipv4' || field.kind === 'bool'
}

function unknownField(name: string, position: number): never {
  const names = [...filterFields.keys()]
  const near = names.filter((n) => n.startsWith(name)).slice(0, 3)
  const guess = near.length ? near : names.filter((n) => distance(n, name) <= 2).slice(0, 3)
  throw new FilterError(`"${name}" is not a field${guess.length ? `; did you mean ${guess.join(', ')}?` : '.'}`, position, name.length)
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = current
    }
  }
  return row[b.length]
}

function wrongValue(field: FilterFieldDef, value: Literal, example: string): never {
  throw new FilterError(`"${value.text}" is not ${KIND_NAMES[field.kind]}, which ${field.name} holds (for example ${example}).`, value.position, value.length)
}

function numberTest(field: NumberField, operator: Operator, value: Literal, at: number): PacketTest {
  if (operator === 'contains' || operator === 'matches') {
    throw new FilterError(`"${operator}" works on text and bytes; ${field.name} holds ${KIND_NAMES[field.kind]}.`, at, operator.length)
  }
  if (field.kind === 'ipv4') {
    const { bytes, bits } = parseAddressLiteral(value.text, 4) ?? wrongValue(field, value, '192.0.2.1 or 192.0.2.0/24')
    const wanted = ((bytes[0] << 24) >>> 0) + ((bytes[1] << 16) | (bytes[2] << 8) | bytes[3])
    if (bits < 32) {
      if (operator !== '==' && operator !== '!=') throw new FilterError(`A network (${value.text}) can only be compared with == or !=.`, at, operator.length)
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
      const network = (wanted & mask) >>> 0
      return anyOccurrence(field, (n: number) => ((n & mask) >>> 0) === network)
    }
    return relational(field, operator, wanted)
  }
  return relational(field, operator, parseNumber(field, value))
}

function parseNumber(field: NumberField, value: Literal): number {
  const text = value.text.trim()
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text, 16)
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  if (field.kind === 'bool' && /^(true|false)$/i.test(text)) return /^true$/i.test(text) ? 1 : 0
  const named = Object.entries(field.names ?? {}).find(([name]) => name.toLowerCase() === text.toLowerCase())
  if (named) return named[1]
  const hint = field.misnamed?.(value.text)
  if (hint) throw new FilterError(hint, value.position, value.length)
  if (field.names) {
    const choices = Object.keys(field.names)
    throw new FilterError(`"${value.text}" is not a value of ${field.name}; use a number or one of ${choices.slice(0, 8).join(', ')}${choices.length > 8 ? ' …' : ''}.`, value.position, value.length)
  }
  return wrongValue(field, value, field.kind === 'bool' ? '1' : '42 or 0x2a')
}

function relational(field: NumberField, operator: Operator, wanted: number): PacketTest {
  switch (operator) {
    case '==':
    case '!=': return anyOccurrence(field, (n: number) => n === wanted)
    case '<': return anyOccurrence(field, (n: number) => n < wanted)
    case '>': return anyOccurrence(field, (n: number) => n > wanted)
    case '<=': return anyOccurrence(field, (n: number) => n <= wanted)
    default: return anyOccurrence(field, (n: number) => n >= wanted)
  }
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: false })

function bytesTest(field: BytesField, operator: Operator, value: Literal, at: number): PacketTest {
  if (operator !== '==' && operator !== '!=' && operator !== 'contains' && operator !== 'matches') {
    throw new FilterError(`"${operator}" cannot compare ${KIND_NAMES[field.kind]} (${field.name}); use ==, !=, contains or matches.`, at, operator.length)
  }
  if (operator === 'matches') {
    const pattern = compilePattern(value)
    // Decoded text rather than the bytes themselves: re2js tests a string faster than it reads UTF-8.
    return anyOccurrence(field, (b: Uint8Array, off: number, len: number) => pattern.test(decoder.decode(b.subarray(off, off + trimmed(field, b, off, len)))))
  }
  if (field.kind === 'ipv6') {
    const { bytes: wanted, bits } = parseAddressLiteral(value.text, 6) ?? wrongValue(field, value, '2001:db8::1 or 2001:db8::/32')
    if (operator === 'contains') throw new FilterError('Use == with a prefix (2001:db8::/32) to match part of an IPv6 address.', at, operator.length)
    return anyOccurrence(field, (b: Uint8Array, off: number) => prefixEquals(b, off, wanted, bits))
  }
  const wanted = literalBytes(field, value, operator)
  if (operator === 'contains') return anyOccurrence(field, (b: Uint8Array, off: number, len: number) => indexOf(b, off, len, wanted))
  const equals = anyOccurrence(field, (b: Uint8Array, off: number, len: number) => {
    const n = trimmed(field, b, off, len)
    if (n !== wanted.length) return false
    for (let k = 0; k < n; k++) if (b[off + k] !== wanted[k]) return false
    return true
  })
  const { columnValue } = field
  if (!columnValue || wanted.length > 6) return equals
  const key = wanted.reduce((n, byte) => n * 256 + byte, 0)
  return (c) => columnValue(c) === key && equals(c)
}

/**
 * Text fields compare up to their first NUL, as Wireshark's strings do: without the padding of fixed-size fields
 * (sname, file) and the terminators some clients add, and "" for a field whose first byte is NUL ("not given").
 */
function trimmed(field: BytesField, b: Uint8Array, off: number, len: number): number {
  if (field.kind !== 'string') return len
  let n = 0
  while (n < len && b[off + n] !== 0) n++
  return n
}

function literalBytes(field: BytesField, value: Literal, operator: Operator): Uint8Array {
  if (field.kind === 'string' || value.quoted) return encoder.encode(value.text)
  const hex = value.text.replace(/[:.-]/g, '')
  if (!/^([0-9a-f]{2})+$/i.test(hex)) {
    const example = field.kind === 'mac' ? 'aa:bb:cc:dd:ee:ff' : '01:02:0a or "text"'
    wrongValue(field, value, example)
  }
  const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)))
  if (field.kind === 'mac' && operator !== 'contains' && bytes.length !== 6) wrongValue(field, value, 'aa:bb:cc:dd:ee:ff')
  return bytes
}

function prefixEquals(b: Uint8Array, off: number, wanted: Uint8Array, bits: number): boolean {
  const whole = bits >> 3
  for (let k = 0; k < whole; k++) if (b[off + k] !== wanted[k]) return false
  const rest = bits & 7
  if (rest === 0) return true
  const mask = (0xff << (8 - rest)) & 0xff
  return (b[off + whole] & mask) === (wanted[whole] & mask)
}

function indexOf(b: Uint8Array, off: number, len: number, needle: Uint8Array): boolean {
  const last = off + len - needle.length
  outer: for (let p = off; p <= last; p++) {
    for (let k = 0; k < needle.length; k++) if (b[p + k] !== needle[k]) continue outer
    return true
  }
  return false
}

/** Positions (0-based) of the packets that pass; every packet when there is no test. */
export function runFilter(index: CaptureIndex, test: PacketTest | null, count = index.count): Int32Array {
  return runFilterWithin(index, test, Infinity, count).positions
}

/** Whether one packet (0-based position) passes a filter. */
export function runFilterOn(index: CaptureIndex, test: PacketTest | null, i: number): boolean {
  if (!test) return true
  const ref = index.col.ref[i]
  return test({ index, i, b: index.arena.slab(ref), base: index.arena.offset(ref) })
}

/** Runs a filter until the packets run out or budgetMs has passed (looked at after each slice), whichever is first. */
export function runFilterWithin(index: CaptureIndex, test: PacketTest | null, budgetMs: number, count = index.count): FilterRun {
  const pass = new FilterPass(index, test, count)
  do pass.slice()
  while (!pass.done && performance.now() - pass.started < budgetMs)
  return pass.result()
}
