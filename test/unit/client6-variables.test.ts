// The DHCPv6 client's pieces that need no network: dhclient -6's script variables for a REPLY (as the real dhclient
// gave them for the lab's Kea, see test/lab/client-probe6.test.ts), the DUIDs built from a MAC, and RFC 8415's
// retransmission times, a hostile answer read without throwing, and client.run's parameters for DHCPv6.
import { describe, expect, it } from 'vitest'
import { duidFor, duidFromHex, iaidFor } from '../../electron/engine/client/client-duid'
import { dhclient6Variables } from '../../electron/engine/client/dhclient6-vars'
import { ethernetIpv6Udp } from '../../electron/engine/client/framing6'
import { dhcp6RetransmitDelays, REQUEST_TIMING, SOLICIT_TIMING } from '../../electron/engine/client/retransmit6'
import { decodeDuid } from '../../electron/engine/decode/dhcp6/duid'
import { encodeOptionValue6 } from '../../electron/engine/decode/dhcp6/encode-formats'
import { encodeDhcp6Message } from '../../electron/engine/decode/dhcp6/encode-message'
import { methods } from '../../electron/contract/methods'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp6Message } from '../../electron/engine/decode/types'

const mac = '02:00:5e:10:00:30'

describe('dhclient -6 variables', () => {
  const reply = encodeDhcp6Message(7, 0xabcdef, [
    encodeOptionValue6(1, '0003000102005e100030'),
    encodeOptionValue6(2, '0002000009bf6669656c646b6974'),
    encodeOptionValue6(3, { iaid: 0x5e100030, t1: 150, t2: 240, options: [{ code: 5, value: { address: '2001:db8:1::104', preferred: 300, valid: 600, options: [] } }] }),
    encodeOptionValue6(25, { iaid: 0x5e100030, t1: 150, t2: 240, options: [{ code: 26, value: { prefix: '2001:db8:8000:100::/56', preferred: 300, valid: 600, options: [] } }] }),
    encodeOptionValue6(23, ['2001:db8:1::1']),
    encodeOptionValue6(24, ['lab.fieldkit.test']),
    encodeOptionValue6(32, 86400),
  ])
  const frame = ethernetIpv6Udp('32:2c:48:01:5d:63', mac, { sourceIp: 'fe80::1', destinationIp: 'fe80::5eff:fe10:30', sourcePort: 547, destinationPort: 546, payload: reply })
  const message = decodeFrame(1, frame).dhcp as Dhcp6Message

  it('names the options as dhclient does and formats them as its script sees them', () => {
    const vars = dhclient6Variables(frame, message, { interface: 'fklab-c0', receivedMs: 1_796_054_712_300, requested: [23, 24, 39, 31] })
    expect(vars).toEqual({
      interface: 'fklab-c0',
      new_dhcp6_client_id: '0:3:0:1:2:0:5e:10:0:30',
      new_dhcp6_server_id: '0:2:0:0:9:bf:66:69:65:6c:64:6b:69:74',
      new_dhcp6_name_servers: '2001:db8:1::1',
      new_dhcp6_domain_search: 'lab.fieldkit.test.',
      new_dhcp6_info_refresh_time: '86400',
      new_iaid: '5e:10:00:30',
      new_ip6_address: '2001:db8:1::104',
      new_ip6_prefixlen: '128',
      new_ip6_prefix: '2001:db8:8000:100::/56',
      new_life_starts: '1796054712',
      new_starts: '1796054712',
      new_preferred_life: '300',
      new_max_life: '600',
      new_renew: '150',
      new_rebind: '240',
      requested_dhcp6_name_servers: '1',
      requested_dhcp6_domain_search: '1',
      requested_dhcp6_fqdn: '1',
      requested_dhcp6_sntp_servers: '1',
    })
  })
})

describe('a hostile or damaged answer', () => {
  it('gives the variables of what can be read and leaves out what cannot, without throwing', () => {
    // IA_NA with an IA Address cut to 10 bytes, a status whose text is not ASCII and a good address; a domain list
    // that runs off.
    const truncatedAddress = [0, 5, 0, 10, ...Array(10).fill(0x20)]
    const badStatus = [0, 13, 0, 4, 0, 0, 0xff, 0xfe]
    const address = [0, 5, 0, 24, 0x20, 1, 0x0d, 0xb8, 0, 1, ...Array(9).fill(0), 7, 0, 0, 0, 1, 0, 0, 0, 2]
    const ia = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, ...truncatedAddress, ...badStatus, ...address]
    const reply = Uint8Array.from([7, 0, 0, 1, 0, 3, 0, ia.length, ...ia, 0, 24, 0, 3, 9, 0x61, 0x62])
    const frame = ethernetIpv6Udp('32:2c:48:01:5d:63', mac, { sourceIp: 'fe80::1', destinationIp: 'fe80::5eff:fe10:30', sourcePort: 547, destinationPort: 546, payload: reply })
    const message = decodeFrame(1, frame).dhcp as Dhcp6Message
    const vars = dhclient6Variables(frame, message, { interface: 'eth0', receivedMs: 0, requested: [] })
    expect(vars).toMatchObject({ new_ip6_address: '2001:db8:1::7', new_preferred_life: '1', new_max_life: '2' })
    expect(vars.new_dhcp6_status_code).toBeUndefined()
    expect(vars.interface).toBe('eth0')
  })
})

describe('the client\'s identity', () => {
  it('builds each DUID type from the MAC, as the decoder reads them', () => {
    const read = (bytes: number[]) => decodeDuid(Uint8Array.from(bytes), 0, bytes.length).value
    expect(read(duidFor('ll', mac))).toMatchObject({ type: 3, hwtype: 1, linkLayerAddress: mac })
    expect(read(duidFor('llt', mac, Date.UTC(2026, 0, 1)))).toMatchObject({ type: 1, hwtype: 1, time: '2026-01-01T00:00:00.000Z', linkLayerAddress: mac })
    expect(read(duidFor('en', mac))).toMatchObject({ type: 2, enterprise: 32473, identifier: '02005e100030' })
    expect(read(duidFor('uuid', mac))).toMatchObject({ type: 4, uuid: '6669656c-646b-4074-8000-02005e100030' })
  })

  it('takes a DUID in hex within RFC 8415\'s bounds, and dhclient\'s IAID (the MAC\'s last four bytes)', () => {
    expect(duidFromHex('00:03:00:01:02:00:5e:10:00:30')).toEqual([0, 3, 0, 1, 2, 0, 0x5e, 0x10, 0, 0x30])
    expect(() => duidFromHex('0003')).toThrow('a DUID is 3 to 130 bytes, not 2')
    expect(iaidFor(mac)).toBe(0x5e100030)
  })
})

describe('RFC 8415 retransmission', () => {
  const take = (delays: Iterator<number>, n: number) => Array.from({ length: n }, () => Math.round(delays.next().value as number))

  it('doubles from the initial time, randomized by a tenth, up to the maximum', () => {
    expect(take(dhcp6RetransmitDelays(REQUEST_TIMING, false, () => 0.5), 7)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000])
    expect(take(dhcp6RetransmitDelays(REQUEST_TIMING, false, () => 0), 2)).toEqual([900, 1710])
    expect(take(dhcp6RetransmitDelays(REQUEST_TIMING, false, () => 0.999999), 1)).toEqual([1100])
  })

  it('randomizes the first SOLICIT only upwards', () => {
    expect(take(dhcp6RetransmitDelays(SOLICIT_TIMING, true, () => 0), 1)).toEqual([1100])
    expect(take(dhcp6RetransmitDelays(SOLICIT_TIMING, true, () => 0.5), 1)).toEqual([1000])
  })
})

describe('client.run\'s parameters for DHCPv6', () => {
  const parse = (params: object) => methods['client.run'].params.safeParse({ iface: 'eth0', ...params })
  const problems = (params: object) => parse(params).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)

  it('takes the DHCPv6 modes and parameters with family 6, and DHCPv4 runs as before', () => {
    expect(parse({ family: 6, mode: 'sarr', duidType: 'llt', iaid: 7, ia: ['na', 'pd'], relay: '2001:db8:1::2', server: 'fe80::1', interfaceId: 'port-7' }).success).toBe(true)
    expect(parse({ family: 6, mode: 'solicit', duid: '00:03:00:01:02:00:5e:10:00:30' }).success).toBe(true)
    expect(parse({ mode: 'dora', hostname: 'pc-7', relay: '198.51.100.1', server: '192.0.2.1' }).data).toMatchObject({ family: 4, mode: 'dora' })
  })

  it('refuses what belongs to the other family, and bounds what it takes', () => {
    expect(problems({ family: 6, mode: 'dora' })).toEqual(['mode: DHCPv6 modes are solicit, sarr, info, renew, rebind, release'])
    expect(problems({ mode: 'solicit' })).toEqual(['mode: DHCPv4 modes are probe, dora, renew, rebind, reboot, inform, release, decline'])
    expect(problems({ family: 6, mode: 'sarr', clientId: 'x', address: '192.0.2.9' })).toEqual(['clientId: clientId is for DHCPv4 runs', 'address: address is for DHCPv4 runs'])
    expect(problems({ mode: 'dora', ia: ['pd'] })).toEqual(['ia: ia is for DHCPv6 runs'])
    expect(problems({ family: 6, mode: 'sarr', server: '192.0.2.1' })).toEqual(['server: an IPv6 address for a DHCPv6 run'])
    expect(problems({ family: 6, mode: 'sarr', iaid: 2 ** 32 })?.[0]).toMatch(/^iaid: /)
    expect(problems({ family: 6, mode: 'sarr', duid: '00'.repeat(131) })?.[0]).toMatch(/^duid: a DUID in hex/)
    expect(problems({ family: 6, mode: 'sarr', ia: [] })?.[0]).toMatch(/^ia: /)
  })
})
