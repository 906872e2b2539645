// DHCPv6 option cases the corpus lacks, built on a real ADVERTISE frame: vendor-specific information (option 17).
import { describe, expect, it } from 'vitest'
import type { FieldNode } from '../../electron/engine/decode/field'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp6Message } from '../../electron/engine/decode/types'
import { corpusDir, decodeFile } from '../helpers/corpus'

const all = (n: FieldNode): FieldNode[] => [n, ...(n.children ?? []).flatMap(all)]
const [, advertise] = decodeFile(`${corpusDir}tcpdump__dhcpv6-ia-na.pcap`)

/** The ADVERTISE with `option` added after its last one; IPv6 and UDP lengths grown (the stale checksum is a note). */
function withOption(option: number[]): Uint8Array {
  const { record, decoded } = advertise
  const data = Uint8Array.from([...record.data, ...option])
  const view = new DataView(data.buffer)
  for (const key of ['ipv6.plen', 'udp.length']) {
    const at = decoded.layers.flatMap(all).find((n) => n.key === key)!.offset
    view.setUint16(at, view.getUint16(at) + option.length)
  }
  return data
}

describe('DHCPv6 vendor-specific information (option 17)', () => {
  const text = (s: string) => [...Buffer.from(s)]
  const sub = (code: number, bytes: number[]) => [0, code, 0, bytes.length, ...bytes]
  const body = [0, 0, 0x9f, 0x08, ...sub(1, text('hello vendor')), ...sub(2, [0, 1, 0xff])]
  const frame = withOption([0, 17, 0, body.length, ...body])
  const decoded = decodeFrame(1, frame)
  const dhcp = decoded.dhcp as Dhcp6Message

  it('shows printable sub-options as text, others as hex', () => {
    expect(decoded.malformed).toBe(false)
    expect(dhcp.options.at(-1)).toMatchObject({
      code: 17, value: { enterprise: 40712, suboptions: [{ code: 1, value: 'hello vendor' }, { code: 2, value: '0001ff' }] },
    })
  })

  it('keeps each sub-option\'s offset and length', () => {
    const fields = all(dhcp.tree).filter((n) => n.label.startsWith('Sub-option'))
    expect(fields.map((n) => [n.label, n.value, frame[n.offset + 1], n.length])).toEqual([['Sub-option 1', 'hello vendor', 1, 16], ['Sub-option 2', '0001ff', 2, 7]])
  })
})
