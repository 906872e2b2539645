// The CLI's `decode --json` line format: a stable interface that other tools parse (see PRODUCT.md).
import { isoTimestamp, type CaptureRecord } from '../capture-file/record'
import type { DecodedFrame } from './frame'
import type { DecodedOption, Dhcp6Message, DhcpMessage, OptionValue } from './types'

type Json = { [key: string]: OptionValue | Json | undefined }

function options(list: DecodedOption[]): OptionValue[] {
  return list.map((o) => ({ code: o.code, name: o.name, value: o.value }))
}

function message6(m: Dhcp6Message): Json {
  const relay = m.xid === null
  return {
    family: 6,
    type: m.type,
    ...(relay
      ? { hopCount: m.hopCount ?? null, linkAddress: m.linkAddress ?? null, peerAddress: m.peerAddress ?? null }
      : { xid: `0x${m.xid!.toString(16).padStart(6, '0')}` }),
    options: options(m.options),
    ...(m.relayed ? { relayed: message6(m.relayed) } : {}),
  }
}

function dhcpJson(message: DhcpMessage): Json {
  if (message.family === 6) return message6(message)
  return {
    family: 4,
    type: message.type,
    xid: `0x${message.xid.toString(16).padStart(8, '0')}`,
    chaddr: message.chaddr,
    ciaddr: message.ciaddr,
    yiaddr: message.yiaddr,
    siaddr: message.siaddr,
    giaddr: message.giaddr,
    hops: message.hops,
    secs: message.secs,
    flags: `0x${message.flags.toString(16).padStart(4, '0')}`,
    // Empty when unused or overloaded by option 52 (then the options they hold are in `options`).
    sname: message.sname,
    file: message.file,
    options: options(message.options),
  }
}

/** One JSON line for a DHCP packet, or null for a frame that carries no DHCP. */
export function jsonLine(record: CaptureRecord, decoded: DecodedFrame): string | null {
  if (!decoded.dhcp) return null
  const { family, ...rest } = dhcpJson(decoded.dhcp)
  return JSON.stringify({ frame: record.frame, time: isoTimestamp(record), family, ...rest, malformed: decoded.malformed, warnings: decoded.warnings })
}
