// Every corpus capture, packet by packet, against Wireshark's own decode stored beside it.
import { describe, expect, it } from 'vitest'
import { dhcp4MessageTypes } from '../../electron/engine/decode/dhcp4/message-types'
import { dhcp6MessageTypes } from '../../electron/engine/decode/dhcp6/registry'
import type { DecodedOption, Dhcp6Message, DhcpMessage, OptionValue } from '../../electron/engine/decode/types'
import { corpusDir, corpusFiles, decodeFile, reference } from '../helpers/corpus'

/**
 * Where we disagree with Wireshark on purpose. Key: file#frame. The rule is that a packet is malformed
 * when Wireshark raises an error-level expert item on its DHCP part or the RFC forbids what it carries.
 */
const knownDifferences: Record<string, { malformed: boolean; why: string }> = {
  'tcpdump__dhcp-option-33.pcap#4': {
    malformed: true,
    why: 'option 33 has length 3; Wireshark raises the error-level expert item "Option length isn\'t a multiple of 8" but does not set _ws.malformed',
  },
  'tcpdump__dhcp-option-33.pcap#5': {
    malformed: true,
    why: 'option 33 has length 0; RFC 2132 section 5.8 requires at least 8 (one destination/router pair), Wireshark shows nothing',
  },
}

function typeCodes(message: DhcpMessage): string {
  if (message.family === 4) return message.messageType === null ? '' : String(message.messageType)
  const chain: number[] = []
  for (let m: Dhcp6Message | undefined = message; m; m = m.relayed) chain.push(m.messageType)
  return chain.join(',')
}

/** Option codes in document order, nested DHCPv6 options included, as Wireshark lists them. */
function optionCodes(message: DhcpMessage): number[] {
  const codes: number[] = []
  const nested = (value: OptionValue) => {
    const inner = value && typeof value === 'object' && !Array.isArray(value) ? value.options : undefined
    if (Array.isArray(inner)) for (const o of inner as { code: number; value: OptionValue }[]) {
      codes.push(o.code)
      nested(o.value)
    }
  }
  const walk = (m: DhcpMessage) => {
    for (const o of m.options as DecodedOption[]) {
      codes.push(o.code)
      if (m.family === 6 && o.code === 9 && m.relayed) walk(m.relayed)
      else nested(o.value)
    }
  }
  walk(message)
  return codes
}

describe('decoder agrees with Wireshark on the corpus', () => {
  for (const file of corpusFiles()) {
    it(file, () => {
      const decoded = new Map(decodeFile(corpusDir + file).map((p) => [p.record.frame, p]))
      for (const ref of reference(file)) {
        const packet = decoded.get(ref.frame)
        const where = `${file} frame ${ref.frame}`
        expect(packet?.decoded.dhcp, `${where}: no DHCP decoded`).toBeTruthy()
        const dhcp = packet!.decoded.dhcp!
        expect(dhcp.family, where).toBe(ref.family)
        if (ref.msgtype) expect(typeCodes(dhcp), `${where} message type`).toBe(ref.msgtype)
        if (ref.xid && dhcp.family === 4) expect(`0x${dhcp.xid.toString(16).padStart(8, '0')}`, `${where} xid`).toBe(ref.xid)
        if (ref.xid && dhcp.family === 6) {
          let inner: Dhcp6Message = dhcp
          while (inner.relayed) inner = inner.relayed
          expect(`0x${(inner.xid ?? 0).toString(16).padStart(6, '0')}`, `${where} xid`).toBe(ref.xid)
        }
        if (ref.chaddr && dhcp.family === 4) expect(dhcp.chaddr, `${where} chaddr`).toBe(ref.chaddr)
        if (ref.yiaddr && dhcp.family === 4) expect(dhcp.yiaddr, `${where} yiaddr`).toBe(ref.yiaddr)
        expect(optionCodes(dhcp), `${where} option order`).toEqual(ref.optionCodes)
        const expected = knownDifferences[`${file}#${ref.frame}`]?.malformed ?? ref.malformed
        expect(packet!.decoded.malformed, `${where} malformed (${packet!.decoded.warnings.join('; ')})`).toBe(expected)
      }
    })
  }

  it('names every message type it meets', () => {
    expect(Object.keys(dhcp4MessageTypes)).toHaveLength(18)
    expect(dhcp6MessageTypes[12]).toBe('RELAY-FORW')
  })
})
