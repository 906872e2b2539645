// An anonymized Wi-Fi capture: every 802.11 address layout (behind each radio header) has its MACs replaced, and what
// a frame carries that is not DHCP (a beacon's SSID, an encrypted body) becomes zeros; the DHCP inside stays readable.
import { describe, expect, it } from 'vitest'
import { FrameAnonymizer } from '../../electron/engine/bundle/anonymize-frame'
import { Pseudonyms } from '../../electron/engine/bundle/pseudonyms'
import { FrameScan } from '../../electron/engine/decode/scan'
import { frames, headers } from '../helpers/wifi-capture'

const MACS = [[0x02, 0xaa, 0, 0, 0, 1], [0x02, 0xcc, 0, 0, 0, 2], [0x02, 0xdd, 0, 0, 0, 3]].map((mac) => Buffer.from(mac))
const SSID = Buffer.from('lab')

describe('anonymizing 802.11 frames', () => {
  it.each(Object.keys(headers))('behind a %s header: no MAC of the original in any frame, no SSID, the DHCP still found', (name) => {
    const { linkType, header } = headers[name]
    const anonymizer = new FrameAnonymizer(new Pseudonyms())
    const scan = new FrameScan()
    for (const [k, { frame, xid }] of frames.entries()) {
      const radio = header(k)
      const bytes = Uint8Array.from([...radio, ...frame])
      anonymizer.rewrite(linkType, bytes)
      const after = Buffer.from(bytes.subarray(radio.length))
      for (const mac of MACS) expect(after.includes(mac), `frame ${k + 1}: ${mac.toString('hex')}`).toBe(false)
      expect(after.includes(SSID), `frame ${k + 1}: SSID`).toBe(false)
      expect(scan.scan(linkType, bytes).xid, `frame ${k + 1}`).toBe(xid ?? 0)
    }
  })
})
