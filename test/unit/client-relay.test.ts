// The frames the test client adds for unicasting to a server: option 82 as a relay agent sends it (RFC 3046), and
// the ARP probe that finds the server's MAC address with the reply it reads back.
import { describe, expect, it } from 'vitest'
import { arpProbe, arpReplySender } from '../../electron/engine/client/arp'
import { relayAgentOption } from '../../electron/engine/client/relay-agent'
import { EncodeError } from '../../electron/engine/decode/dhcp4/encode-formats'

describe('relay agent option 82', () => {
  it('carries the circuit id (1) and remote id (2) as text', () => {
    expect(relayAgentOption({ giaddr: '198.51.100.1', circuitId: 'p7', remoteId: 'sw' })).toEqual([{ code: 82, bytes: [1, 2, 0x70, 0x37, 2, 2, 0x73, 0x77] }])
  })

  it('is left out with no sub-option, and refuses one that does not fit', () => {
    expect(relayAgentOption({ giaddr: '198.51.100.1' })).toEqual([])
    expect(() => relayAgentOption({ giaddr: '198.51.100.1', remoteId: 'x'.repeat(256) })).toThrow(EncodeError)
  })
})

describe('ARP', () => {
  it('asks who has the server\'s address, from 0.0.0.0 (an RFC 5227 probe), broadcast', () => {
    const frame = arpProbe('02:00:5e:00:53:01', '192.0.2.1')
    expect(Buffer.from(frame).toString('hex')).toBe(
      'ffffffffffff' + '02005e005301' + '0806' + '0001' + '0800' + '06' + '04' + '0001' + '02005e005301' + '00000000' + '000000000000' + 'c0000201',
    )
    expect(arpReplySender(frame)).toBeNull()
  })

  it('reads the sender of a reply', () => {
    const reply = Buffer.from('02005e005301' + '5a8512ac85fd' + '0806' + '0001' + '0800' + '06' + '04' + '0002' + '5a8512ac85fd' + 'c0000201' + '02005e005301' + '00000000', 'hex')
    expect(arpReplySender(reply)).toEqual({ ip: '192.0.2.1', mac: '5a:85:12:ac:85:fd' })
  })
})
