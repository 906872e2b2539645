// Sort keys of the Info column without its text. The Info of a DHCPv4 message with a message type, or of an
// unrelayed DHCPv6 message, reads the same for every message of its kind but for the transaction id ("DHCP Discover
// - Transaction ID 0x3d1d"): one message of each kind is decoded, and the others' keys are its text's with their own
// transaction id. A relayed DHCPv6 message's Info names the outermost relay (its type, link and peer address) and
// the innermost message's type: one message per such relay header is decoded. Other packets (BOOTP, not DHCP) are
// decoded for their text.
import type { CaptureIndex } from '../index/capture-index'
import { naturalKey, numberKey } from './text-order'

const RELAY_FORW = 12, RELAY_REPL = 13
/** Message type, hop count, link address and peer address (RFC 8415, 9). */
const RELAY_HEADER = 34

/** The natural keys of a kind's Info text before and after its transaction id. */
interface KindText {
  before: string
  after: string
}

export class InfoKeys {
  /** Kind (family × 256 + message type) → its text around the xid; null when its text is not "words and xid". */
  private readonly kinds = new Map<number, KindText | null>()
  /** Relay header (see relayHeader) → the key of the Info of the messages relayed under it. */
  private readonly relays = new Map<string, string>()

  constructor(private readonly index: CaptureIndex, private readonly decodedInfo: (i: number) => string) {}

  /** The kind of packet i when its key is its kind's text with its own xid (see keyOfXid), else -1. */
  kindOf(i: number): number {
    const { family, messageType, relayHops, xid } = this.index.col
    const type = messageType[i]
    const byXid = family[i] === 4 ? type !== 0 : family[i] === 6 && relayHops[i] === 0 && type !== RELAY_FORW && type !== RELAY_REPL
    if (!byXid) return -1
    const kind = family[i] * 256 + type
    if (!this.kinds.has(kind)) this.kinds.set(kind, splitAtXid(this.decodedInfo(i), xid[i]))
    return this.kinds.get(kind) ? kind : -1
  }

  /** The key of a message of this kind (kindOf ≥ 0) with this transaction id. */
  keyOfXid(kind: number, xid: number): string {
    const text = this.kinds.get(kind)!
    return text.before + numberKey(xid.toString(16)) + text.after
  }

  keyOf(i: number): string {
    const kind = this.kindOf(i)
    if (kind >= 0) return this.keyOfXid(kind, this.index.col.xid[i])
    const header = this.relayHeader(i)
    if (header === null) return naturalKey(this.decodedInfo(i))
    let key = this.relays.get(header)
    if (key === undefined) this.relays.set(header, key = naturalKey(this.decodedInfo(i)))
    return key
  }

  /** The innermost message's type, the outermost relay's type, link and peer address, as one string; or null. */
  private relayHeader(i: number): string | null {
    const { family, relayHops, udpOffset, messageType } = this.index.col
    if (family[i] !== 6 || relayHops[i] === 0) return null
    const b = this.index.frame(i)
    const at = udpOffset[i] + 8
    // A relay message cut short reads "?" for what is missing: decoded on its own.
    if (((b[at - 4] << 8) | b[at - 3]) < 8 + RELAY_HEADER || at + RELAY_HEADER > b.length) return null
    return String.fromCharCode(messageType[i], b[at], ...b.subarray(at + 2, at + RELAY_HEADER))
  }
}

/** Null when the text's last word-initial 0x number is not this xid: then each message of the kind is decoded. */
function splitAtXid(info: string, xid: number): KindText | null {
  const found = /(^|[^0-9a-z])0x([0-9a-f]+)(?!.*0x)/is.exec(info)
  if (!found || parseInt(found[2], 16) !== xid) return null
  const start = found.index + found[1].length
  return { before: naturalKey(info.slice(0, start)), after: naturalKey(info.slice(start + 2 + found[2].length)) }
}
