// DHCPv6 decoder (RFC 8415 and the option RFCs in the registry). Relay messages nest: each RELAY-FORW/REPL
// carries the next message in option 9, decoded recursively into `relayed`. Never throws.
import { hex, ipv6, u16, u24 } from '../bytes'
import { field, lengthProblem, type FieldNode, type Problems } from '../field'
import type { DecodedOption, DecodedValue, Dhcp6Message } from '../types'
import { dhcp6Formats, type FormatContext } from './formats'
import { forEachDhcp6Option } from './option-walk'
import { ValueMemo } from '../value-memo'
import { dhcp6MessageTypes, dhcp6MinimumLength, dhcp6OptionSpec, MESSAGE_HEADER_LENGTH, RELAY_FORW, RELAY_HEADER_LENGTH, RELAY_REPL } from './registry'

interface Context {
  b: Uint8Array
  problems: Problems
  depth: number
  /** The type of the message whose options these are, and where that type's byte is. */
  messageType: number
  messageStart: number
  /** Give the messages' tree nodes their children (see DecodeOptions). */
  withTree: boolean
  relayed?: Dhcp6Message
  /**
   * Wireshark's at_end, one per message: an option cut short inside a container (IA, IA address…) ends its
   * dissection of the message, the containers' later options included; nodes made after it are past the stop.
   * A relayed message has its own.
   */
  wiresharkStop: { reached: boolean }
  /** Where the bytes of the message whose options these are end (FormatContext.messageEnd). */
  messageEnd: number
  /** The hop count of the relay message this one is relayed in, and its node, for Wireshark's checks of it. */
  relayHop?: { count: number; node: FieldNode | null }
}

/** RFC 8415 section 7.6: HOP_COUNT_LIMIT. */
const HOP_COUNT_LIMIT = 32

/** Wireshark's note on a relay's hop count (dhcpv6.error_hopcount), under the hop count's node. */
function hopCountNote(ctx: Context, hop: { node: FieldNode | null }, at: number, why: string): void {
  ctx.problems.note('Hop count', at, why)
  if (hop.node) hop.node.children = [...(hop.node.children ?? []), field(why, hop.node.offset, 1, { key: 'dhcpv6.error_hopcount' })]
}

export function decodeDhcp6(b: Uint8Array, start: number, end: number, problems: Problems, withTree = true): Dhcp6Message {
  return decodeMessage({ b, problems, depth: 0, messageType: 0, messageStart: start, withTree, wiresharkStop: { reached: false }, messageEnd: end }, start, end)
}

function decodeMessage(ctx: Context, start: number, end: number): Dhcp6Message {
  const { b, problems } = ctx
  const messageType = start < end ? b[start] : 0
  const type = dhcp6MessageTypes[messageType] ?? `UNKNOWN-${messageType}`
  const message: Dhcp6Message = { family: 6, messageType, type, xid: null, options: [], tree: field(`DHCPv6 (${type})`, start, end - start, { key: 'dhcpv6' }) }
  const tree: FieldNode[] | null = ctx.withTree ? [] : null
  if (start >= end) {
    problems.error('DHCPv6 message', start, 'empty')
    return message
  }
  tree?.push(field('Message type', start, 1, { key: 'dhcpv6.msgtype', value: `${type} (${messageType})` }))
  let optionsStart: number
  let relayHop: Context['relayHop']
  if (messageType === RELAY_FORW || messageType === RELAY_REPL) {
    if (start + RELAY_HEADER_LENGTH > end) {
      problems.truncated('DHCPv6 relay header', start, `truncated: ${RELAY_HEADER_LENGTH} bytes needed, ${end - start} present`)
      if (tree) message.tree.children = tree
      return message
    }
    message.hopCount = b[start + 1]
    message.linkAddress = ipv6(b, start + 2)
    message.peerAddress = ipv6(b, start + 18)
    const hopNode = tree ? field('Hop count', start + 1, 1, { key: 'dhcpv6.hopcount', value: String(message.hopCount) }) : null
    tree?.push(
      hopNode!,
      field('Link address', start + 2, 16, { key: 'dhcpv6.linkaddr', value: message.linkAddress }),
      field('Peer address', start + 18, 16, { key: 'dhcpv6.peeraddr', value: message.peerAddress }),
    )
    relayHop = { count: message.hopCount, node: hopNode }
    if (relayHop.count > HOP_COUNT_LIMIT) hopCountNote(ctx, relayHop, start + 1, `Hopcount (${relayHop.count}) exceeds the maximum limit HOP_COUNT_LIMIT (${HOP_COUNT_LIMIT})`)
    // Each relay adds one as it forwards: the relay message inside has one less.
    if (ctx.relayHop && relayHop.count !== ctx.relayHop.count - 1) {
      hopCountNote(ctx, ctx.relayHop, start + 1, `hopcount is not correctly incremented by 1 (expected : ${relayHop.count + 1}, actual : ${ctx.relayHop.count})`)
    }
    optionsStart = start + RELAY_HEADER_LENGTH
  } else {
    if (start + MESSAGE_HEADER_LENGTH > end) {
      problems.truncated('DHCPv6 header', start, `truncated: ${MESSAGE_HEADER_LENGTH} bytes needed, ${end - start} present`)
      if (tree) message.tree.children = tree
      return message
    }
    // The first relay agent sends a hop count of 0.
    if (ctx.relayHop && ctx.relayHop.count !== 0) hopCountNote(ctx, ctx.relayHop, start, `Hopcount of most inner message has to equal 0 instead of ${ctx.relayHop.count}`)
    message.xid = u24(b, start + 1)
    tree?.push(field('Transaction ID', start + 1, 3, { key: 'dhcpv6.xid', value: `0x${hex(b, start + 1, 3)}` }))
    optionsStart = start + MESSAGE_HEADER_LENGTH
  }
  const inner: Context = { ...ctx, messageType, messageStart: start, relayed: undefined, messageEnd: end, relayHop }
  const options = decodeOptions(inner, optionsStart, end)
  message.options = options.list
  tree?.push(...options.tree)
  if (inner.relayed) message.relayed = inner.relayed
  if (tree) message.tree.children = tree
  return message
}

const memo = new ValueMemo()

function decodeOptions(ctx: Context, start: number, end: number): { list: DecodedOption[]; tree: FieldNode[] } {
  const { b, problems } = ctx
  const list: DecodedOption[] = []
  const tree: FieldNode[] = []
  const formats: FormatContext = {
    b, depth: ctx.depth, messageType: ctx.messageType, messageStart: ctx.messageStart, messageEnd: ctx.messageEnd,
    options: (from, to) => {
      const nested = decodeOptions(ctx, from, to)
      return { list: nested.list.map((o) => ({ code: o.code, name: o.name, value: o.value })), tree: nested.tree }
    },
    relayedMessage: (from, to) => (ctx.relayed = decodeMessage({ ...ctx, depth: ctx.depth + 1, relayed: undefined, wiresharkStop: { reached: false } }, from, to)),
  }
  const stop = forEachDhcp6Option(b, start, end, (code, off, len) => {
    const at = off - 4
    const spec = dhcp6OptionSpec(code)
    const past = ctx.wiresharkStop.reached
    const decoded = ctx.withTree ? readValue(formats, code, off, len) : memoized(ctx, formats, code, off, len)
    const problem = decoded.problem ? problems.error(`Option ${code} (${spec.name})`, at, decoded.problem) : undefined
    list.push({ code, name: spec.name, value: decoded.value, offset: at, length: len + 4 })
    if (!ctx.withTree) return
    const node = field(spec.name, at, len + 4, {
      key: `dhcpv6.option.${spec.key}`, value: decoded.text, problem,
      children: [
        field('Option', at, 2, { key: 'dhcpv6.option.type', value: `${spec.name} (${code})` }), field('Length', at + 2, 2, { key: 'dhcpv6.option.length', value: String(len) }),
        ...(decoded.children ?? []), ...(problem && !decoded.wiresharkQuiet ? [field('Malformed option', at, len + 4, { key: 'dhcpv6.malformed_option', value: decoded.problem })] : []),
      ],
    })
    if (past) node.pastWiresharkStop = true
    tree.push(node)
  })
  // Wireshark shows no item for an option cut short, and reads nothing after it (its at_end).
  let cut: FieldNode | null = null
  if (stop < end && stop + 4 > end) {
    const problem = problems.truncated('DHCPv6 option', stop, `header truncated: 4 bytes needed, ${end - stop} present`)
    cut = field('Option (truncated)', stop, end - stop, { problem })
  } else if (stop < end) {
    const code = u16(b, stop)
    const spec = dhcp6OptionSpec(code)
    const problem = problems.truncated(`Option ${code} (${spec.name})`, stop, `length ${u16(b, stop + 2)} runs past the end of its container (${end - stop - 4} bytes left)`)
    list.push({ code, name: spec.name, value: null, offset: stop, length: end - stop })
    cut = field(`${spec.name}`, stop, end - stop, { key: 'dhcpv6.option', problem })
  }
  if (cut) {
    ctx.wiresharkStop.reached = true
    cut.pastWiresharkStop = true
    if (ctx.withTree) tree.push(cut)
  }
  return { list, tree }
}

function readValue(formats: FormatContext, code: number, off: number, len: number): DecodedValue {
  const shortest = dhcp6MinimumLength(code)
  return len < shortest ? lengthProblem(len, `at least ${shortest}`) : dhcp6Formats[dhcp6OptionSpec(code).format](formats, off, len)
}

/**
 * A value for a decode without the tree, read once per distinct bytes (see value-memo.ts). A value is kept only
 * when reading it did nothing but give it: a nested option that reported a problem, or a relayed message, would
 * be lost from a packet that took it from the memo. FQDN bits depend on the message type: it is part of the key.
 */
function memoized(ctx: Context, formats: FormatContext, code: number, off: number, len: number): DecodedValue {
  const context = code * 256 + ctx.messageType
  const known = memo.get(context, ctx.b, off, len)
  if (known) return known
  const warnings = ctx.problems.warnings.length, relayed = ctx.relayed
  const decoded = readValue(formats, code, off, len)
  if (ctx.problems.warnings.length === warnings && ctx.relayed === relayed) memo.set(context, ctx.b, off, len, decoded)
  return decoded
}
