// Wi-Fi captures (monitor mode) built around a DISCOVER of our own encoder: 802.11 frames in every address layout
// (To DS / From DS), with QoS, HT Control and an FCS, next to frames that carry nothing readable (encrypted, null
// data, fragments, A-MSDU, management, control), behind each radio header a capture can have.
import { join } from 'node:path'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ipv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'

const AP = [0x02, 0xaa, 0, 0, 0, 1], CLIENT = [0x02, 0xcc, 0, 0, 0, 2], BROADCAST = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], WDS = [0x02, 0xdd, 0, 0, 0, 3]

function discover(xid: number): number[] {
  const payload = encodeDhcp4Message({ op: 1, xid, chaddr: '02:cc:00:00:00:02', options: [{ code: 53, bytes: [1] }] })
  return [...ipv4Udp({ sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload })]
}

interface WlanFrame {
  /** Frame control: type/subtype byte and flags byte. */
  fc: [number, number]
  addresses: number[][]
  sequence: number
  /** The fragment number in the sequence control (0 unless said). */
  fragment?: number
  qos?: number
  htc?: boolean
  body: number[]
}

const LLC_IPV4 = [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00]

function wlanFrame({ fc, addresses, sequence, fragment = 0, qos, htc, body }: WlanFrame): number[] {
  const seq = (sequence << 4) | fragment
  // A duration of 314 µs, least significant byte first.
  return [...fc, 0x3a, 0x01, ...addresses.slice(0, 3).flat(), seq & 0xff, seq >> 8, ...(addresses[3] ?? []), ...(qos === undefined ? [] : [qos, 0]), ...(htc ? [0, 0, 0, 0] : []), ...body]
}

const data = (xid: number) => [...LLC_IPV4, ...discover(xid)]

/** 802.11 frames: the DHCP ones first, numbered by their xid; then those Wireshark reads no IP in. */
export const frames: { frame: number[]; xid: number | null }[] = [
  // To DS: client → AP, data.
  { frame: wlanFrame({ fc: [0x08, 0x01], addresses: [AP, CLIENT, BROADCAST], sequence: 100, body: data(0x101) }), xid: 0x101 },
  // From DS: AP → clients, QoS data.
  { frame: wlanFrame({ fc: [0x88, 0x02], addresses: [BROADCAST, AP, CLIENT], sequence: 200, qos: 0, body: data(0x102) }), xid: 0x102 },
  // QoS data with Order: an HT Control field follows QoS Control.
  { frame: wlanFrame({ fc: [0x88, 0x82], addresses: [BROADCAST, AP, CLIENT], sequence: 300, qos: 5, htc: true, body: data(0x103) }), xid: 0x103 },
  // To DS and From DS: four addresses (a wireless bridge).
  { frame: wlanFrame({ fc: [0x88, 0x03], addresses: [AP, WDS, BROADCAST, CLIENT], sequence: 400, qos: 0, body: data(0x104) }), xid: 0x104 },
  // Neither: ad hoc.
  { frame: wlanFrame({ fc: [0x08, 0x00], addresses: [BROADCAST, CLIENT, AP], sequence: 500, body: data(0x105) }), xid: 0x105 },
  // Protected: encrypted, nothing to read.
  { frame: wlanFrame({ fc: [0x08, 0x41], addresses: [AP, CLIENT, BROADCAST], sequence: 600, body: [...new Array(8).fill(0x11), ...data(0x106)] }), xid: null },
  // Null data: no body.
  { frame: wlanFrame({ fc: [0x48, 0x01], addresses: [AP, CLIENT, AP], sequence: 700, body: [] }), xid: null },
  // A first fragment (More Fragments).
  { frame: wlanFrame({ fc: [0x08, 0x05], addresses: [AP, CLIENT, BROADCAST], sequence: 800, body: data(0x108).slice(0, 60) }), xid: null },
  // An A-MSDU (QoS Control bit 7).
  { frame: wlanFrame({ fc: [0x88, 0x01], addresses: [AP, CLIENT, BROADCAST], sequence: 900, qos: 0x80, body: data(0x109) }), xid: null },
  // A beacon (management): timestamp, interval, capabilities, an SSID.
  { frame: wlanFrame({ fc: [0x80, 0x00], addresses: [BROADCAST, AP, AP], sequence: 1000, body: [...new Array(8).fill(0), 0x64, 0, 0x01, 0x04, 0, 3, 0x6c, 0x61, 0x62] }), xid: null },
  // Control frames: an RTS (receiver and transmitter), an ACK (receiver only).
  { frame: [0xb4, 0x00, 0, 0, ...AP, ...CLIENT], xid: null },
  { frame: [0xd4, 0x00, 0, 0, ...CLIENT], xid: null },
  // A last fragment (fragment 1, no More Fragments) whose first was not captured: Wireshark's 802.11 reassembly takes
  // a lone last fragment as the whole frame, and Cisco's access points number their frames so (inside CAPWAP).
  { frame: wlanFrame({ fc: [0x08, 0x01], addresses: [AP, CLIENT, BROADCAST], sequence: 1100, fragment: 1, body: data(0x10a) }), xid: 0x10a },
]

/**
 * The A-MSDU's frame number: its subframes are not decoded here, while Wireshark shows each one's addresses as
 * wlan.da and wlan.sa (and leaves out the header's own destination).
 */
export const AMSDU_FRAME = 9

const le16 = (n: number) => [n & 0xff, n >> 8]
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]
const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]

/** Radiotap headers: Flags alone; TSFT then Flags saying an FCS ends the frame; two present words, then Flags with FCS. */
const radiotaps: { header: number[]; fcs: boolean }[] = [
  { header: [0, 0, ...le16(9), ...le32(0x02), 0x00], fcs: false },
  { header: [0, 0, ...le16(17), ...le32(0x03), ...new Array(8).fill(7), 0x10], fcs: true },
  { header: [0, 0, ...le16(13), ...le32(0x80000002), ...le32(0), 0x10], fcs: true },
]

export const headers: Record<string, { linkType: number; header: (k: number) => number[]; fcs: (k: number) => boolean }> = {
  radiotap: { linkType: 127, header: (k) => radiotaps[k % radiotaps.length].header, fcs: (k) => radiotaps[k % radiotaps.length].fcs },
  bare: { linkType: 105, header: () => [], fcs: () => false },
  ppi: { linkType: 192, header: () => [0, 0, ...le16(8), ...le32(105)], fcs: () => false },
  prism: { linkType: 119, header: () => [...le32(0x41), ...le32(144), ...new Array(136).fill(0)], fcs: () => false },
  avs: { linkType: 163, header: () => [...be32(0x80211001), ...be32(64), ...new Array(56).fill(0)], fcs: () => false },
}

/** Writes the frames behind the `name` radio header (a key of `headers`) to `dir`; returns the file's path. */
export function writeWifiCapture(name: string, dir: string): string {
  const { linkType, header, fcs } = headers[name]
  const file = join(dir, `wifi-${name}.pcap`)
  writeCapture(file, 'pcap', frames.map(({ frame }, k) => {
    const bytes = Uint8Array.from([...header(k), ...frame, ...(fcs(k) ? [0x12, 0x34, 0x56, 0x78] : [])])
    return { frame: k + 1, timestampSeconds: 1_700_000_000, timestampFraction: k, fractionDigits: 6, originalLength: bytes.length, linkType, interfaceId: 0, data: bytes }
  }), { digits: 6 })
  return file
}

