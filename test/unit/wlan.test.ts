// Wi-Fi captures (monitor mode): DHCP inside 802.11 data frames behind a radiotap, PPI, Prism or AVS header, or bare.
// Frames are built here around a DISCOVER of our own encoder, in every address layout (To DS / From DS), with QoS,
// HT Control and an FCS, next to frames that carry nothing readable (encrypted, null data, fragments, A-MSDU,
// management). tshark reads each file, and every field it shows must select the same frames with the same values here.
import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { ipv4Udp } from '../../electron/engine/client/framing'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { FrameScan } from '../../electron/engine/decode/scan'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { tempDir } from '../helpers/temp'

const hasTshark = spawnSync('tshark', ['-v']).status === 0

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
  qos?: number
  htc?: boolean
  body: number[]
}

const LLC_IPV4 = [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00]

function wlanFrame({ fc, addresses, sequence, qos, htc, body }: WlanFrame): number[] {
  const seq = sequence << 4
  return [...fc, 0, 0, ...addresses.slice(0, 3).flat(), seq & 0xff, seq >> 8, ...(addresses[3] ?? []), ...(qos === undefined ? [] : [qos, 0]), ...(htc ? [0, 0, 0, 0] : []), ...body]
}

const data = (xid: number) => [...LLC_IPV4, ...discover(xid)]

/** 802.11 frames: the DHCP ones first, numbered by their xid; then those Wireshark reads no IP in. */
const frames: { frame: number[]; xid: number | null }[] = [
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
]

const le16 = (n: number) => [n & 0xff, n >> 8]
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]
const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]

/** Radiotap headers: Flags alone; TSFT then Flags saying an FCS ends the frame; two present words, then Flags with FCS. */
const radiotaps: { header: number[]; fcs: boolean }[] = [
  { header: [0, 0, ...le16(9), ...le32(0x02), 0x00], fcs: false },
  { header: [0, 0, ...le16(17), ...le32(0x03), ...new Array(8).fill(7), 0x10], fcs: true },
  { header: [0, 0, ...le16(13), ...le32(0x80000002), ...le32(0), 0x10], fcs: true },
]

const headers: Record<string, { linkType: number; header: (k: number) => number[]; fcs: (k: number) => boolean }> = {
  radiotap: { linkType: 127, header: (k) => radiotaps[k % radiotaps.length].header, fcs: (k) => radiotaps[k % radiotaps.length].fcs },
  bare: { linkType: 105, header: () => [], fcs: () => false },
  ppi: { linkType: 192, header: () => [0, 0, ...le16(8), ...le32(105)], fcs: () => false },
  prism: { linkType: 119, header: () => [...le32(0x41), ...le32(144), ...new Array(136).fill(0)], fcs: () => false },
  avs: { linkType: 163, header: () => [...be32(0x80211001), ...be32(64), ...new Array(56).fill(0)], fcs: () => false },
}

function writeWifi(name: string): string {
  const { linkType, header, fcs } = headers[name]
  const file = join(tempDir('wlan'), `${name}.pcap`)
  writeCapture(file, 'pcap', frames.map(({ frame }, k) => {
    const bytes = Uint8Array.from([...header(k), ...frame, ...(fcs(k) ? [0x12, 0x34, 0x56, 0x78] : [])])
    return { frame: k + 1, timestampSeconds: 1_700_000_000, timestampFraction: k, fractionDigits: 6, originalLength: bytes.length, linkType, interfaceId: 0, data: bytes }
  }), { digits: 6 })
  return file
}

/** The fields compared with tshark's: the 802.11 layers', and DHCP's to show the payload was found. */
const FIELDS = [
  'dhcp.id', 'ip.src', 'udp.dstport', 'wlan', 'wlan.fc.type_subtype', 'wlan.fc', 'wlan.flags', 'wlan.ra', 'wlan.ta', 'wlan.da', 'wlan.sa', 'wlan.bssid',
  'wlan.seq', 'wlan.frag', 'wlan.fcs', 'llc', 'llc.dsap', 'llc.ssap', 'llc.control', 'llc.oui', 'llc.type', 'radiotap', 'radiotap.version', 'radiotap.length', 'ppi.length', 'ppi.dlt',
]

/**
 * The A-MSDU's frame number: its subframes are not decoded here, while Wireshark shows each one's addresses as
 * wlan.da and wlan.sa (and leaves out the header's own destination).
 */
const AMSDU_FRAME = 9

/** tshark's values of `field` per frame (frames without it left out), as -T fields prints them. */
function tsharkValues(file: string, field: string): Map<number, string> {
  const out = execFileSync('tshark', ['-r', file, '-Y', `frame.number != ${AMSDU_FRAME}`, '-T', 'fields', '-E', 'occurrence=f', '-e', 'frame.number', '-e', field], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return new Map(out.split('\n').filter(Boolean).map((line) => line.split('\t')).filter(([, v]) => v !== '').map(([frame, v]) => [Number(frame), v]))
}

describe('Wi-Fi captures', () => {
  it.each(Object.keys(headers))('finds DHCP in the data frames of a %s capture, and none in the others', (name) => {
    const file = writeWifi(name)
    const { index } = indexCaptureFile(file)
    const selected = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    const dhcpFrames = frames.flatMap(({ xid }, k) => (xid === null ? [] : [k + 1]))
    expect(selected('dhcp.option.dhcp == 1')).toEqual(dhcpFrames)
    expect(selected('wlan.sa == 02:cc:00:00:00:02 and dhcp')).toEqual(dhcpFrames)
    const scan = new FrameScan()
    frames.forEach(({ xid }, k) => expect(scan.scan(headers[name].linkType, index.frame(k)).family, `frame ${k + 1}`).toBe(xid === null ? 0 : 4))
    // The tree names the layers, and their bytes are where the hex pane shows them.
    const tree = decodeFrame(headers[name].linkType, index.frame(1)).layers
    const wlan = tree.find((node) => node.key === 'wlan')!
    expect(wlan.label).toBe('IEEE 802.11 QoS Data')
    expect(wlan.children!.find((node) => node.key === 'wlan.bssid')?.value).toBe('02:aa:00:00:00:01')
    expect(tree.some((node) => node.key === 'dhcp')).toBe(true)
  })

  it.skipIf(!hasTshark).each(Object.keys(headers))('selects with each field tshark shows in a %s capture the frames it shows it in, with its value', (name) => {
    const file = writeWifi(name)
    const { index } = indexCaptureFile(file)
    const selected = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1).filter((frame) => frame !== AMSDU_FRAME)
    for (const field of FIELDS) {
      const theirs = tsharkValues(file, field)
      expect(selected(field), field).toEqual([...theirs.keys()])
      for (const [frame, value] of theirs) {
        // Protocols print as their name; a value compares as itself.
        const test = /^\d+$|^0x[\da-f]+$|^[\da-f]{2}(:[\da-f]{2}){5}$|^[\d.]+$/.test(value) ? `${field} == ${value}` : field
        expect(selected(`frame.number == ${frame} and ${test}`), `${test} in frame ${frame}`).toEqual([frame])
      }
    }
  }, 60_000)
})
