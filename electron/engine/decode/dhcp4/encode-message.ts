// A DHCPv4 message as bytes (RFC 2131 section 2): the BOOTP header, the magic cookie, the options, End. The other
// direction of decode.ts; options come already encoded (option-arguments.ts, encode-formats.ts).
import { EncodeError, hexBytes, ipv4Bytes } from './encode-formats'
import type { EncodedOption } from './option-arguments'
import { BOOTP_HEADER_LENGTH, MAGIC_COOKIE } from './option-areas'

export interface Dhcp4MessageFields {
  op: 1 | 2
  xid: number
  chaddr: string
  secs?: number
  /** The BOOTP broadcast flag (RFC 2131 section 4.1): ask the server to broadcast its reply. */
  broadcast?: boolean
  hops?: number
  ciaddr?: string
  yiaddr?: string
  siaddr?: string
  giaddr?: string
  options: EncodedOption[]
}

/** RFC 1542 section 2.1: a BOOTP message is at least 300 bytes; some relays drop shorter ones. */
const MIN_MESSAGE = 300
/** What fits one Ethernet frame's UDP payload (1500 - 20 - 8): the client never fragments. */
export const MAX_MESSAGE = 1472
const MAX_OPTION_PIECE = 255

/** Each option as code, length, value; a value over 255 bytes is split into consecutive instances (RFC 3396). */
function optionBytes({ code, bytes }: EncodedOption): number[] {
  if (bytes.length === 0) return [code, 0]
  const out: number[] = []
  for (let at = 0; at < bytes.length; at += MAX_OPTION_PIECE) {
    const piece = bytes.slice(at, at + MAX_OPTION_PIECE)
    out.push(code, piece.length, ...piece)
  }
  return out
}

export function encodeDhcp4Message(m: Dhcp4MessageFields): Uint8Array {
  const chaddr = hexBytes(m.chaddr)
  if (chaddr.length < 1 || chaddr.length > 16) throw new EncodeError(`a hardware address of ${chaddr.length} bytes does not fit chaddr (1-16 bytes)`)
  const options = m.options.flatMap(optionBytes)
  const length = Math.max(MIN_MESSAGE, BOOTP_HEADER_LENGTH + 4 + options.length + 1)
  if (length > MAX_MESSAGE) throw new EncodeError(`the message would be ${length} bytes; at most ${MAX_MESSAGE} fit one Ethernet frame`)
  const b = new Uint8Array(length)
  const view = new DataView(b.buffer)
  b[0] = m.op
  b[1] = 1 // Ethernet (ARP hardware type 1)
  b[2] = chaddr.length
  b[3] = m.hops ?? 0
  view.setUint32(4, m.xid >>> 0)
  view.setUint16(8, m.secs ?? 0)
  view.setUint16(10, m.broadcast ? 0x8000 : 0)
  b.set(ipv4Bytes(m.ciaddr ?? '0.0.0.0'), 12)
  b.set(ipv4Bytes(m.yiaddr ?? '0.0.0.0'), 16)
  b.set(ipv4Bytes(m.siaddr ?? '0.0.0.0'), 20)
  b.set(ipv4Bytes(m.giaddr ?? '0.0.0.0'), 24)
  b.set(chaddr, 28)
  view.setUint32(BOOTP_HEADER_LENGTH, MAGIC_COOKIE)
  b.set(options, BOOTP_HEADER_LENGTH + 4)
  b[BOOTP_HEADER_LENGTH + 4 + options.length] = 255
  return b
}
