// Wi-Fi captures: the radio headers a monitor-mode capture puts before each 802.11 frame (radiotap, PPI, Prism, AVS),
// and the 802.11 data frame whose LLC/SNAP header carries IP. A laptop capturing in monitor mode on an open network
// sees a client's DHCP this way. Only the layout is read here, without allocating: the scanner asks it of every
// frame, and the field tree (link.ts) builds its nodes from the same offsets.
import { u16le, u32, u32le } from './bytes'
import { LINKTYPE } from './link-types'

/** Link types whose frames are 802.11 frames behind a radio header, and the 802.11 frame alone. */
export const isWlanLinkType = (linkType: number): boolean =>
  linkType === LINKTYPE.IEEE802_11 || linkType === LINKTYPE.IEEE802_11_RADIOTAP || linkType === LINKTYPE.PPI
  || linkType === LINKTYPE.IEEE802_11_PRISM || linkType === LINKTYPE.IEEE802_11_AVS

/**
 * Length of the radio header at `s` before the 802.11 frame, 0 for a bare 802.11 frame, or -1 when the header does
 * not fit the frame or is not one of 802.11 (a PPI header can carry other link types).
 */
export function radioHeaderLength(linkType: number, b: Uint8Array, s: number, end: number): number {
  const n = end - s
  let length: number
  switch (linkType) {
    case LINKTYPE.IEEE802_11: return 0
    // Radiotap: version 0, then its length (little-endian) at 2.
    case LINKTYPE.IEEE802_11_RADIOTAP: length = n >= 8 && b[s] === 0 ? u16le(b, s + 2) : -1; break
    // PPI: its length at 2 and the link type it carries at 4, both little-endian.
    case LINKTYPE.PPI: length = n >= 8 && u32le(b, s + 4) === LINKTYPE.IEEE802_11 ? u16le(b, s + 2) : -1; break
    // Prism: a message code, then the message's length (the capturing host's byte order: little-endian in practice).
    case LINKTYPE.IEEE802_11_PRISM: length = n >= 8 ? u32le(b, s + 4) : -1; break
    // AVS: version, then the header's length, big-endian.
    case LINKTYPE.IEEE802_11_AVS: length = n >= 8 ? u32(b, s + 4) : -1; break
    default: return -1
  }
  return length >= 8 && length <= n ? length : -1
}

/** Radiotap's present-flags bits: TSFT (8 bytes, 8-aligned) comes before Flags, whose 0x10 says an FCS ends the frame. */
const RADIOTAP_TSFT = 1 << 0
const RADIOTAP_FLAGS = 1 << 1
const RADIOTAP_EXT = 1 << 31
const RADIOTAP_FLAG_FCS = 0x10

/** Whether a radiotap header of `length` bytes at `s` says the 802.11 frame after it ends with a 4-byte FCS. */
export function radiotapHasFcs(b: Uint8Array, s: number, length: number): boolean {
  const present = u32le(b, s + 4)
  if ((present & RADIOTAP_FLAGS) === 0) return false
  // Further present words follow while bit 31 is set; the fields start after the last.
  let at = s + 8
  for (let word = present; (word & RADIOTAP_EXT) !== 0 && at + 4 <= s + length; at += 4) word = u32le(b, at)
  // Fields are aligned to their size from the header's start.
  if (present & RADIOTAP_TSFT) at = s + Math.ceil((at - s) / 8) * 8 + 8
  return at < s + length && (b[at] & RADIOTAP_FLAG_FCS) !== 0
}

/** An 802.11 frame's header, as readWlanHeader finds it. */
export interface WlanLayout {
  /** 0 management, 1 control, 2 data. */
  type: number
  subtype: number
  /** Frame control's second byte: To DS 0x01, From DS 0x02, More Fragments 0x04, Protected 0x40, Order 0x80. */
  flags: number
  headerLength: number
  /** Offset of the QoS Control field of a QoS data frame, or -1. */
  qos: number
  /** Offset of the LLC header (AA AA 03, an OUI, the EtherType) of a data frame carrying one in the clear, or -1. */
  llc: number
}

/** An LLC header with its SNAP extension: DSAP, SSAP, control, OUI, EtherType. */
export const LLC_SNAP_LENGTH = 8

/**
 * Reads the 802.11 header at [s, end) into `layout`; false when the frame is shorter than its header. The LLC header
 * is found only in a data frame with a body in the clear: not null data, not protected (encrypted), not one with
 * More Fragments (the datagram is split across frames), not an A-MSDU (subframes, each with its own header).
 * `swapped`: the frame control's two bytes are in the other order (flags first), as Cisco's access points send it
 * inside CAPWAP.
 */
export function readWlanHeader(b: Uint8Array, s: number, end: number, layout: WlanLayout, swapped = false): boolean {
  if (end - s < 10) return false
  const fc0 = b[s + frameControlAt(swapped)], flags = b[s + flagsAt(swapped)]
  const type = (fc0 >> 2) & 3, subtype = fc0 >> 4
  layout.type = type
  layout.subtype = subtype
  layout.flags = flags
  layout.llc = -1
  layout.qos = -1
  let header: number
  if (type === 0) header = (flags & 0x80) !== 0 ? 28 : 24
  // Control frames: CTS and ACK name only their receiver.
  else if (type === 1) header = subtype === 12 || subtype === 13 ? 10 : 16
  else if (type === 2) {
    const qos = (subtype & 8) !== 0
    const addresses = (flags & 0x03) === 0x03 ? 30 : 24
    if (qos) layout.qos = s + addresses
    header = addresses + (qos ? 2 : 0) + (qos && (flags & 0x80) !== 0 ? 4 : 0)
  } else header = 10
  layout.headerLength = header
  if (end - s < header) return false
  // A fragment number alone does not make a fragment: as Wireshark's reassembly does, a last fragment (no More
  // Fragments) is read as the whole frame; Cisco's access points number the frames they tunnel so. One that really
  // ends a datagram starts mid-way, and has no LLC header to be read.
  if (type !== 2 || (subtype & 4) !== 0 || (flags & 0x44) !== 0) return true
  // QoS Control bit 7: an A-MSDU.
  if (layout.qos >= 0 && (b[layout.qos] & 0x80) !== 0) return true
  const llc = s + header
  if (llc + LLC_SNAP_LENGTH > end || b[llc] !== 0xaa || b[llc + 1] !== 0xaa || b[llc + 2] !== 0x03) return true
  // The OUI of an EtherType: RFC 1042's 00-00-00, or 802.1H's 00-00-F8.
  if (b[llc + 3] !== 0 || b[llc + 4] !== 0 || (b[llc + 5] !== 0 && b[llc + 5] !== 0xf8)) return true
  layout.llc = llc
  return true
}

const scratch: WlanLayout = { type: 0, subtype: 0, flags: 0, headerLength: 0, qos: -1, llc: -1 }

/** Offset of the EtherType of the 802.11 frame at [s, end), or -1 when it carries no LLC payload in the clear. */
export function wlanEtherTypeOffset(b: Uint8Array, s: number, end: number): number {
  return readWlanHeader(b, s, end, scratch) && scratch.llc >= 0 ? scratch.llc + 6 : -1
}

/** Where in the frame control the byte of type and subtype is, and where the flags are, in either byte order. */
export const frameControlAt = (swapped: boolean) => (swapped ? 1 : 0)
export const flagsAt = (swapped: boolean) => (swapped ? 0 : 1)
