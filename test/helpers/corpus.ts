import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { forEachDecodedFrame } from '../../electron/engine/capture-file/decoded-frames'
import type { CaptureRecord } from '../../electron/engine/capture-file/record'
import type { DecodedFrame } from '../../electron/engine/decode/frame'

export const corpusDir = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url))

export function corpusFiles(): string[] {
  return readdirSync(corpusDir).filter((f) => /\.(pcap|pcapng)$/.test(f)).sort()
}

export interface ReferenceRow {
  frame: number
  msgtype: string
  xid: string
  chaddr: string
  yiaddr: string
  expert: string
  malformed: boolean
  family: 4 | 6
  optionCodes: number[]
}

/** Wireshark's summary of a corpus capture (see fixtures/corpus/README.md for how it was made). */
export function reference(file: string): ReferenceRow[] {
  const lines = readFileSync(`${corpusDir}${file}.summary.tsv`, 'utf8').replace(/\n$/, '').split('\n').slice(1)
  return lines.map((line) => {
    const [frame, msgtype, xid, chaddr, yiaddr, , expert, malformed, , family, wire] = line.split('\t')
    const fam = family === '6' ? 6 : 4
    const codes = wire.split(',').filter((c) => c !== '').map(Number)
    // The CLI contract leaves pad and end out of DHCPv4 option lists.
    return { frame: Number(frame), msgtype, xid, chaddr, yiaddr, expert, malformed: malformed === '1', family: fam, optionCodes: fam === 4 ? codes.filter((c) => c !== 0 && c !== 255) : codes }
  })
}

export function decodeFile(path: string): { record: CaptureRecord; decoded: DecodedFrame }[] {
  const out: { record: CaptureRecord; decoded: DecodedFrame }[] = []
  forEachDecodedFrame(path, (record, decoded) => out.push({ record, decoded }))
  return out
}

/** A JSON object as tshark -T json writes it: every value a string, an object, or (repeated keys) an array. */
export type TsharkTree = { [field: string]: TsharkValue }
export type TsharkValue = string | TsharkTree | TsharkValue[]

/** Wireshark's full decode of a capture's DHCP packets (`<file>.tshark.json`, see fixtures/corpus/README.md): frame → layers. */
export function wiresharkDecode(tsharkJsonPath: string): Map<number, TsharkTree> {
  const packets = JSON.parse(readFileSync(tsharkJsonPath, 'utf8')) as { _source: { layers: TsharkTree } }[]
  return new Map(packets.map(({ _source: { layers } }) => [Number((layers.frame as TsharkTree)['frame.number']), layers]))
}

/** Packets where Wireshark shows DHCP fields and this decoder does not, or the other way round: left out of comparisons of fields. */
export const packetsDecodedDifferently: { file: string; frames: number[]; why: string }[] = [
  { file: 'tcpdump__dhcp-rfc4388.pcap', frames: [6, 16, 36], why: 'ICMP errors quoting a DHCP packet: Wireshark dissects the quoted packet too; we decode the layers down to DHCP only' },
  { file: 'tcpdump__bootp_asan.pcap', frames: [1], why: 'a fuzzed IPv4 fragment of which 90 of 65,570 bytes were captured: Wireshark shows an empty DHCP tree, we read the fields that were captured' },
]

/** The frames of a corpus file left out of field comparisons (see packetsDecodedDifferently). */
export const framesDecodedDifferently = (file: string) => new Set(packetsDecodedDifferently.filter((o) => o.file === file).flatMap((o) => o.frames))

/** Captures made in the lab, with Wireshark's decode (see its README). */
export const labCapturesDir = fileURLToPath(new URL('../fixtures/wireshark-lab/', import.meta.url))

/** The captures in `dir` that have Wireshark's decode beside them, as paths. */
const decodedIn = (dir: string) => readdirSync(dir).filter((f) => /\.(pcap|pcapng)$/.test(f) && existsSync(join(dir, `${f}.tshark.json`))).map((f) => join(dir, f))

/**
 * The corpus's captures as paths, the lab's (fixtures/wireshark-lab), and with WIRESHARK_VALUES_DIR the captures
 * there too (each beside its .tshark.json, made as fixtures/corpus/README.md says).
 */
export function capturesWithWiresharkDecode(): string[] {
  const other = process.env.WIRESHARK_VALUES_DIR
  return [...corpusFiles().map((file) => join(corpusDir, file)), ...decodedIn(labCapturesDir), ...(other ? decodedIn(other) : [])]
}
