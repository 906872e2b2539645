// A large capture without the lab: the DHCP frames of the corpus's Ethernet captures, repeated in turn with one
// packet per 50 µs, written as classic pcap. Each round gives the messages new transaction ids (and fixes their UDP
// checksums), so a round's exchanges are new ones, as perfdhcp's are. Its shape is close to the lab's capture
// (DHCPv4 and DHCPv6, ~320 bytes a record), so the engine's load, memory and filters can be measured where perfdhcp
// and Kea are not available.
//   tsx test/helpers/synthetic-capture.ts OUT.pcap [PACKETS]
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { forEachDecodedFrame } from '../../electron/engine/capture-file/decoded-frames'
import type { CaptureRecord } from '../../electron/engine/capture-file/record'
import { writeCapture } from '../../electron/engine/capture-file/write'
import { FrameScan } from '../../electron/engine/decode/scan'

const ETHERNET = 1
const corpusDir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url))

interface Template {
  data: Uint8Array
  scan: Pick<FrameScan, 'family' | 'dhcpOffset' | 'ipVersion' | 'ipOffset' | 'udpOffset'>
}

export function makeSyntheticCapture(path: string, packets: number): void {
  const templates: Template[] = []
  const scanner = new FrameScan()
  for (const file of readdirSync(corpusDir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort()) {
    forEachDecodedFrame(join(corpusDir, file), (record, decoded) => {
      if (record.linkType !== ETHERNET || !decoded.dhcp || decoded.malformed) return
      const { family, dhcpOffset, ipVersion, ipOffset, udpOffset } = scanner.scan(record.linkType, record.data)
      templates.push({ data: Uint8Array.from(record.data), scan: { family, dhcpOffset, ipVersion, ipOffset, udpOffset } })
    })
  }
  const start = 1_700_000_000
  const records = (function* (): Generator<CaptureRecord> {
    for (let i = 0; i < packets; i++) {
      const round = Math.floor(i / templates.length)
      const data = withRound(templates[i % templates.length], round)
      const micros = i * 50
      yield {
        frame: i + 1, timestampSeconds: start + Math.floor(micros / 1e6), timestampFraction: micros % 1e6, fractionDigits: 6,
        originalLength: data.length, linkType: ETHERNET, interfaceId: 0, data,
      }
    }
  })()
  writeCapture(path, 'pcap', records, { digits: 6 })
}

/** The template with its transaction id moved on by the round, and a UDP checksum that holds again. */
function withRound({ data, scan }: Template, round: number): Uint8Array {
  if (round === 0) return data
  const b = Uint8Array.from(data)
  // DHCPv4's xid is 4 bytes at BOOTP offset 4; DHCPv6's 3 bytes after the message type.
  const [at, bytes] = scan.family === 4 ? [scan.dhcpOffset + 4, 4] : [scan.dhcpOffset + 1, 3]
  let xid = 0
  for (let k = 0; k < bytes; k++) xid = xid * 256 + b[at + k]
  xid = (xid + round * 7919) % 2 ** (8 * bytes)
  for (let k = bytes - 1; k >= 0; k--, xid = Math.floor(xid / 256)) b[at + k] = xid & 255
  fixUdpChecksum(b, scan)
  return b
}

function fixUdpChecksum(b: Uint8Array, { ipVersion, ipOffset, udpOffset }: Template['scan']): void {
  const u = udpOffset
  if (ipVersion === 4 && b[u + 6] === 0 && b[u + 7] === 0) return // not used
  const length = (b[u + 4] << 8) | b[u + 5]
  let sum = 17 + length
  const words = (from: number, count: number) => {
    for (let k = 0; k < count; k += 2) sum += (b[from + k] << 8) | (k + 1 < count ? b[from + k + 1] : 0)
  }
  if (ipVersion === 4) words(ipOffset + 12, 8)
  else words(ipOffset + 8, 32)
  b[u + 6] = 0
  b[u + 7] = 0
  words(u, Math.min(length, b.length - u))
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000)
  const checksum = ~sum & 0xffff || 0xffff
  b[u + 6] = checksum >> 8
  b[u + 7] = checksum & 255
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, count = '1000000'] = process.argv.slice(2)
  if (!out) throw new Error('usage: tsx test/helpers/synthetic-capture.ts OUT.pcap [PACKETS]')
  makeSyntheticCapture(out, Number(count))
}
