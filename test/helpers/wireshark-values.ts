// Our decode and Wireshark's, value by value. Each side is reduced to (Wireshark field name, value) lists: one for
// each message header, one for each option, the options paired in the order both decoders list them. Our values
// come from the `decode --json` line (what scripts read), the three header fields it leaves out from the field
// tree; wireshark-fields.ts names the Wireshark field that holds each, and how Wireshark writes it.
import { RFC3396_CONTINUATION } from '../../electron/engine/decode/dhcp4/decode'
import { dhcp6MessageTypes } from '../../electron/engine/decode/dhcp6/registry'
import type { FieldNode } from '../../electron/engine/decode/field'
import { jsonLine } from '../../electron/engine/decode/json'
import type { Dhcp4Message, Dhcp6Message, OptionValue } from '../../electron/engine/decode/types'
import { decodeFile, wiresharkDecode, type TsharkTree, type TsharkValue } from './corpus'
import { arr, codeOf, normalise, notComparedReason, obj, v4OptionExpects, v6OptionExpects, type Expect, type Form, type Json } from './wireshark-fields'

// ---- Both sides as lists ----------------------------------------------------------------------------------------

/** Values per field, in document order. */
type Leaves = Map<string, string[]>
interface OptionView {
  code: number
  leaves?: Leaves
  expects?: Expect[]
  /** Instances of the code in the message (DHCPv4: more than one is an option split as RFC 3396 allows). */
  instances?: number
  /** Our decoder found the value malformed: what Wireshark reads of it beyond our value is the filter tests' to check. */
  rejected?: boolean
}
interface MessageView { family: 4 | 6; header: Leaves | Expect[]; options: OptionView[] }

/** Every `dhcp.*`/`dhcpv6.*` value under a tshark JSON node, except under keys `skip` says are not part of it. */
function collectLeaves(node: TsharkValue, skip: (key: string, value: TsharkValue) => boolean, out: Leaves = new Map(), key = ''): Leaves {
  if (typeof node === 'string') {
    if (/^dhcp(v6)?\./.test(key)) out.set(key, [...(out.get(key) ?? []), node])
  } else if (Array.isArray(node)) {
    for (const item of node) collectLeaves(item, skip, out, key)
  } else {
    for (const [k, v] of Object.entries(node)) if (!skip(k, v)) collectLeaves(v, skip, out, k)
  }
  return out
}

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const holdsOptions = (v: TsharkValue) => typeof v === 'object' && !Array.isArray(v) && 'dhcp.option.type' in v

/** DHCPv4 options as Wireshark lists them: overloaded sname and file areas where option 52 stands; pad and end left out. */
function wiresharkOptions4(node: TsharkTree): OptionView[] {
  const codes = list(node['dhcp.option.type'] as string | string[])
  const items = list(node['dhcp.option.type_tree'] as TsharkTree | TsharkTree[])
  return items.flatMap((item, i) => {
    if ('dhcp.option.end' in item || 'dhcp.option.padding' in item) return []
    const own: OptionView = { code: Number(codes[i]), leaves: collectLeaves(item, (_, v) => holdsOptions(v)) }
    return [own, ...Object.values(item).filter(holdsOptions).flatMap((area) => wiresharkOptions4(area as TsharkTree))]
  })
}

/** DHCPv6 messages as Wireshark nests them (a relayed message inside its relay's option 9), outermost first. */
function wiresharkMessages6(node: TsharkTree): MessageView[] {
  const messages: MessageView[] = []
  const options = (n: TsharkTree): OptionView[] => list(n['dhcpv6.option.type_str_tree'] as TsharkTree | TsharkTree[]).flatMap((item) => {
    const own: OptionView = { code: Number(item['dhcpv6.option.type']), leaves: collectLeaves(item, (k) => k.startsWith('dhcpv6.option.type_str') || k === 'dhcpv6') }
    if (item.dhcpv6) messages.push(...wiresharkMessages6(item.dhcpv6 as TsharkTree))
    return [own, ...options(item)]
  })
  const header = collectLeaves(node, (k) => k.startsWith('dhcpv6.option.type_str') || k === 'dhcpv6')
  const message: MessageView = { family: 6, header, options: [] }
  messages.unshift(message)
  message.options = options(node)
  return messages
}

function treeValue(tree: FieldNode, key: string): string | undefined {
  if (tree.key === key) return tree.value
  for (const child of tree.children ?? []) {
    const found = treeValue(child, key)
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * Offsets of the options Wireshark does not read, its dissection stopped before them (FieldNode.pastWiresharkStop):
 * they are left out of ours, as its tree has none of them.
 */
function optionsPastStop4(node: FieldNode, out = new Set<number>()): Set<number> {
  for (const child of node.children ?? []) {
    if (child.pastWiresharkStop && child.label.startsWith('Option: (')) out.add(child.offset)
    optionsPastStop4(child, out)
  }
  return out
}

/**
 * For each DHCPv6 option of a message, in the JSON's order (nested ones after their container): whether Wireshark's
 * dissection stopped before it, and whether ours rejects its value as malformed.
 */
function optionStates6(node: FieldNode, past = false, out: { past: boolean; rejected: boolean }[] = []): { past: boolean; rejected: boolean }[] {
  for (const child of node.children ?? []) {
    if (child.key === 'dhcpv6') continue
    const beyond = past || child.pastWiresharkStop === true
    const isOption = child.key === 'dhcpv6.option' || (child.key?.startsWith('dhcpv6.option.') && child.children?.some((c) => c.key === 'dhcpv6.option.type'))
    if (isOption) out.push({ past: beyond, rejected: child.problem !== undefined })
    optionStates6(child, beyond, out)
  }
  return out
}

/** Offsets of the DHCPv4 options whose value ours rejects as malformed. */
function rejectedOptions4(node: FieldNode, out = new Set<number>()): Set<number> {
  for (const child of node.children ?? []) {
    if (child.label.startsWith('Option: (') && child.problem !== undefined) out.add(child.offset)
    rejectedOptions4(child, out)
  }
  return out
}

function ourMessage4(line: Json, message: Dhcp4Message): MessageView {
  const { tree } = message
  const past = optionsPastStop4(tree)
  const rejected = rejectedOptions4(tree)
  const options = arr(line.options).map(obj)
  // op, htype and hlen are not in the JSON line: the tree shows them as "Boot Request (1)", "Ethernet (0x01)", "6".
  const fromTree = (key: string, pattern: RegExp) => {
    const m = pattern.exec(treeValue(tree, key) ?? '')
    return m ? Number(m[1]) : undefined
  }
  const header: Expect[] = [
    ['dhcp.type', fromTree('dhcp.op', /\((\d+)\)$/), 'number'], ['dhcp.hw.type', fromTree('dhcp.hw.type', /(0x[0-9a-f]+)/), 'number'],
    ['dhcp.hw.len', fromTree('dhcp.hw.len', /^(\d+)$/), 'number'],
    ['dhcp.hops', line.hops, 'number'], ['dhcp.id', Number(line.xid), 'number'], ['dhcp.secs', line.secs, 'number'],
    ['dhcp.flags', Number(line.flags), 'number'], ['dhcp.ip.client', line.ciaddr], ['dhcp.ip.your', line.yiaddr],
    ['dhcp.ip.server', line.siaddr], ['dhcp.ip.relay', line.giaddr], ['dhcp.hw.mac_addr', line.chaddr], ['dhcp.hw.addr', line.chaddr],
    ['dhcp.server', line.sname], ['dhcp.file', line.file],
  ]
  return {
    family: 4, header,
    options: options.flatMap((o, i) => (past.has(message.options[i].offset) ? [] : [{
      code: Number(o.code), instances: options.filter((p) => p.code === o.code).length, rejected: rejected.has(message.options[i].offset),
      // The pieces after the first show no value of their own: the first carries the joined one.
      expects: o.value === RFC3396_CONTINUATION ? [] : v4OptionExpects(o, options),
    }])),
  }
}

function ourMessages6(line: Json, message: Dhcp6Message): MessageView[] {
  const header: Expect[] = [
    ['dhcpv6.msgtype', codeOf(dhcp6MessageTypes, line.type), 'number'], ['dhcpv6.xid', line.xid === undefined ? undefined : Number(line.xid), 'number'],
    ['dhcpv6.hopcount', line.hopCount, 'number'], ['dhcpv6.linkaddr', line.linkAddress], ['dhcpv6.peeraddr', line.peerAddress],
  ]
  const options = (list: OptionValue): OptionView[] => arr(list).map(obj).flatMap((o) => [{ code: Number(o.code), expects: v6OptionExpects(o) }, ...options(obj(o.value).options)])
  const states = optionStates6(message.tree)
  const read = options(line.options).map((o, i) => ({ ...o, rejected: states[i]?.rejected })).filter((_, i) => !states[i]?.past)
  return [{ family: 6, header, options: read }, ...(line.relayed && message.relayed ? ourMessages6(obj(line.relayed), message.relayed) : [])]
}

// ---- Comparing ----------------------------------------------------------------------------------------------------

export interface Difference {
  where: string
  /** Option code, or null for a header field. */
  code: number | null
  field: string
  ours: string | undefined
  wireshark: string | undefined
  /** Instances of the option in its message (several: split as RFC 3396 allows). */
  instances: number
}

export interface Comparison {
  compared: number
  /** Of those, header fields (BOOTP header, DHCPv6 message and relay headers). */
  header: number
  matched: number
  /** Compared values per Wireshark field. */
  byField: Map<string, number>
  differences: Difference[]
  /** Wireshark fields in a compared header or option that no value of ours maps to, with how often. */
  notCompared: Map<string, number>
  /** Options both decode whose value ours rejects as malformed: what ours gives is compared, the rest of Wireshark's is not. */
  rejected: number
  /** Options one side lists and the other does not. */
  unpaired: string[]
}

/** Pairs two lists of option codes in order (longest common subsequence), so one missing option shifts nothing. */
function pairOptions(a: OptionView[], b: OptionView[]): [number, number][] {
  const n = a.length, m = b.length
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) best[i][j] = a[i].code === b[j].code ? best[i + 1][j + 1] + 1 : Math.max(best[i + 1][j], best[i][j + 1])
  const pairs: [number, number][] = []
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i].code === b[j].code) pairs.push([i++, j++])
    else if (best[i + 1][j] >= best[i][j + 1]) i++
    else j++
  }
  return pairs
}

/** `rejected`: ours gave the option no full value (malformed), so what Wireshark reads of it beyond ours is not a gap in the mapping. */
function compareValues(result: Comparison, where: string, code: number | null, expects: Expect[], leaves: Leaves, instances: number, rejected = false): void {
  const count = (field: string, ours: string | undefined, theirs: string | undefined) => {
    result.compared++
    if (code === null) result.header++
    result.byField.set(field, (result.byField.get(field) ?? 0) + 1)
    if (ours === theirs) result.matched++
    else result.differences.push({ where, code, field, ours, wireshark: theirs, instances })
  }
  const ours = new Map<string, { values: string[]; form: Form }>()
  for (const [field, value, form = 'text'] of expects) {
    if (value === undefined || value === null) continue
    const entry = ours.get(field) ?? { values: [], form }
    entry.values.push(String(value))
    ours.set(field, entry)
  }
  for (const [field, values] of leaves) {
    if (ours.has(field)) continue
    // A piece of a split option: Wireshark decodes it alone, we decode the pieces joined (the value on the first,
    // nothing on the others), so what Wireshark shows of it and we do not is a difference, not a gap in the mapping.
    if (instances > 1 && !notComparedReason(field)) for (const value of values) count(field, undefined, value)
    else if (!rejected) result.notCompared.set(field, (result.notCompared.get(field) ?? 0) + values.length)
  }
  for (const [field, { values, form }] of ours) {
    // Compared only where Wireshark names the field too.
    const theirs = (leaves.get(field) ?? []).map(normalise[form])
    if (theirs.length === 0) continue
    for (let i = 0; i < Math.max(values.length, theirs.length); i++) count(field, values[i], theirs[i])
  }
}

function compareMessages(result: Comparison, where: string, ours: MessageView[], theirs: MessageView[]): void {
  ours.forEach((message, k) => {
    const other = theirs[k]
    if (!other) return
    const at = ours.length > 1 ? `${where} message ${k + 1}` : where
    compareValues(result, at, null, message.header as Expect[], other.header as Leaves, 1)
    const pairs = pairOptions(message.options, other.options)
    for (const [i, j] of pairs) {
      const option = message.options[i]
      if (option.rejected) result.rejected++
      compareValues(result, `${at} option ${option.code}`, option.code, option.expects!, other.options[j].leaves!, option.instances ?? 1, option.rejected === true)
    }
    const paired = new Set(pairs.map(([i]) => i)), pairedTheirs = new Set(pairs.map(([, j]) => j))
    message.options.forEach((o, i) => paired.has(i) || result.unpaired.push(`${at}: option ${o.code} only in ours`))
    other.options.forEach((o, j) => pairedTheirs.has(j) || result.unpaired.push(`${at}: option ${o.code} only in Wireshark's`))
  })
}

export function emptyComparison(): Comparison {
  return { compared: 0, header: 0, matched: 0, byField: new Map(), differences: [], notCompared: new Map(), rejected: 0, unpaired: [] }
}

/** Compares every DHCP packet of `capture` with Wireshark's decode in `capture.tshark.json`, adding to `result`. */
export function compareCapture(capture: string, result: Comparison, name = capture): Comparison {
  const wireshark = wiresharkDecode(`${capture}.tshark.json`)
  for (const { record, decoded } of decodeFile(capture)) {
    const layers = wireshark.get(record.frame)
    const line = jsonLine(record, decoded)
    if (!layers || !line || !decoded.dhcp) continue
    const json = JSON.parse(line) as Json
    const where = `${name} frame ${record.frame}`
    if (decoded.dhcp.family === 4) {
      const layer = layers.dhcp
      if (typeof layer !== 'object' || Array.isArray(layer)) continue
      const header = collectLeaves(layer, (k, v) => k.startsWith('dhcp.option.type') || holdsOptions(v))
      compareMessages(result, where, [ourMessage4(json, decoded.dhcp)], [{ family: 4, header, options: wiresharkOptions4(layer) }])
    } else {
      const layer = layers.dhcpv6
      if (typeof layer !== 'object' || Array.isArray(layer)) continue
      compareMessages(result, where, ourMessages6(json, decoded.dhcp), wiresharkMessages6(layer))
    }
  }
  return result
}
