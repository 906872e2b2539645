// DHCPv4 option cases the corpus lacks, built on a real DISCOVER frame: an option split across instances
// (RFC 3396) and PXE sub-options in option 43.
import { describe, expect, it } from 'vitest'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp4Message } from '../../electron/engine/decode/types'
import { corpusDir, decodeFile } from '../helpers/corpus'

const discover = decodeFile(`${corpusDir}zeek__dhcp.pcap`)[0].record.data
const OPTIONS = 14 + 20 + 8 + 240

/** The DISCOVER with its options replaced, lengths fixed (the UDP checksum is left stale: a note, not an error). */
function withOptions(...options: number[][]): Uint8Array {
  const frame = Uint8Array.from([...discover.subarray(0, OPTIONS), ...options.flat(), 255])
  const ipLength = frame.length - 14
  frame[16] = ipLength >> 8
  frame[17] = ipLength & 0xff
  frame[38] = (ipLength - 20) >> 8
  frame[39] = (ipLength - 20) & 0xff
  frame[24] = 0
  frame[25] = 0
  return frame
}

const text = (s: string) => [...Buffer.from(s)]

describe('DHCPv4 options', () => {
  it('joins an option split into several instances (RFC 3396) before decoding it', () => {
    // Option 6 with three DNS servers, split in the middle of the second address.
    const frame = decodeFrame(1, withOptions([53, 1, 1], [6, 6, 192, 0, 2, 1, 192, 0], [12, 4, ...text('host')], [6, 6, 2, 2, 192, 0, 2, 3]))
    const dhcp = frame.dhcp as Dhcp4Message
    expect(frame.malformed).toBe(false)
    expect(dhcp.options.map((o) => o.code)).toEqual([53, 6, 12, 6])
    expect(dhcp.options[1].value).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3'])
    expect(dhcp.options[3].value).toBe('(RFC 3396 continuation)')
    const node = dhcp.tree.children!.find((n) => n.label === 'Option: (6) Domain Name Server')!
    expect(node.value).toBe('192.0.2.1, 192.0.2.2, 192.0.2.3 (RFC 3396: joined from 2 instances)')
  })

  it('still flags a joined value its format cannot have', () => {
    const frame = decodeFrame(1, withOptions([53, 1, 1], [6, 3, 192, 0, 2], [6, 2, 1, 9]))
    expect(frame.malformed).toBe(true)
    expect(frame.warnings.find((w) => w.startsWith('Option'))).toMatch(/^Option 6 \(Domain Name Server\) at offset \d+: length 5 is invalid, expected a multiple of 4$/)
  })

  it('reads option 43 as PXE sub-options when option 60 says PXEClient', () => {
    const pxe = [6, 1, 8, 8, 7, 0x80, 0x00, 1, 192, 0, 2, 1, 9, 12, 0x80, 0x00, 9, ...text('Linux PXE'), 10, 5, 5, ...text('Boot'), 255]
    const frame = decodeFrame(1, withOptions([53, 1, 1], [60, 32, ...text('PXEClient:Arch:00000:UNDI:002001')], [43, pxe.length, ...pxe]))
    const dhcp = frame.dhcp as Dhcp4Message
    expect(frame.malformed).toBe(false)
    expect(dhcp.options.find((o) => o.code === 43)!.value).toEqual([
      { code: 6, name: 'PXE_DISCOVERY_CONTROL', value: '8' },
      { code: 8, name: 'PXE_BOOT_SERVERS', value: '800001c0000201' },
      { code: 9, name: 'PXE_BOOT_MENU', value: '32768: Linux PXE' },
      { code: 10, name: 'PXE_MENU_PROMPT', value: 'timeout 5 s: Boot' },
    ])
    // Without PXEClient the same bytes stay opaque vendor data.
    const plain = decodeFrame(1, withOptions([53, 1, 1], [43, pxe.length, ...pxe]))
    expect((plain.dhcp as Dhcp4Message).options.find((o) => o.code === 43)!.value).toBe(Buffer.from(pxe).toString('hex'))
  })
})
