// The DHCPv6 registry both ways: every format's encoder against its decoder (encode → decode gives the value back),
// options given as text in dhcptest's forms, whole messages and relay messages framed for the wire and read back by the
// frame decoder, and the neighbour discovery the client answers and asks with.
import { describe, expect, it } from 'vitest'
import { checksum } from '../../electron/engine/client/framing'
import { ethernetIpv6Udp, linkLocalFromMac, multicastMac, neighborAdvertised, neighborAdvertisement, neighborQuery, neighborSolicitation } from '../../electron/engine/client/framing6'
import { decodeDhcp6 } from '../../electron/engine/decode/dhcp6/decode'
import { dhcp6Encoders, optionBytes } from '../../electron/engine/decode/dhcp6/encode-formats'
import { encodeDhcp6Message, encodeRelayForward } from '../../electron/engine/decode/dhcp6/encode-message'
import { dhcp6Formats, type FormatContext } from '../../electron/engine/decode/dhcp6/formats'
import { dhcp6Arguments } from '../../electron/engine/decode/dhcp6/option-arguments'
import { dhcp6MinimumLength, dhcp6Options, type Dhcp6Format } from '../../electron/engine/decode/dhcp6/registry'
import { EncodeError } from '../../electron/engine/decode/encode-values'
import { Problems } from '../../electron/engine/decode/field'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp6Message, OptionValue } from '../../electron/engine/decode/types'

const { parseOptionArgument } = dhcp6Arguments
/** A SOLICIT with only an elapsed time, as a relay message carries it. */
const solicitHex = '01123456000800020000'

/** Values as the decoder gives them, several where a format has several shapes. */
const samples: Record<Dhcp6Format, OptionValue[]> = {
  duid: [
    { type: 1, hwtype: 1, time: '2024-01-02T03:04:05.000Z', linkLayerAddress: '02:00:5e:10:00:01', hex: '000100012d2639a502005e100001' },
    { type: 2, enterprise: 32473, identifier: '02005e100001', hex: '000200007ed902005e100001' },
    { type: 3, hwtype: 1, linkLayerAddress: '02:00:5e:10:00:01', hex: '0003000102005e100001' },
    { type: 4, uuid: '6669656c-646b-4074-8000-02005e100001', hex: '00046669656c646b4074800002005e100001' },
    { type: 9, hex: '0009abcd' },
  ],
  iaNa: [{ iaid: 7, t1: 150, t2: 240, options: [{ code: 5, name: 'IA Address', value: { address: '2001:db8:1::100', preferred: 300, valid: 600, options: [] } }] }],
  iaPd: [{ iaid: 7, t1: 0, t2: 0, options: [{ code: 26, name: 'IA Prefix', value: { prefix: '2001:db8:8000:100::/56', preferred: 300, valid: 600, options: [] } }] }],
  iaTa: [{ iaid: 9, options: [] }],
  iaAddress: [{ address: '2001:db8:1::1', preferred: 0, valid: 4294967295, options: [{ code: 13, name: 'Status code', value: { code: 0, status: 'Success', message: 'ok' } }] }],
  iaPrefix: [{ prefix: '2001:db8::/48', preferred: 1, valid: 2, options: [] }],
  leaseQuery: [{ queryType: 1, linkAddress: '2001:db8::1', options: [{ code: 5, name: 'IA Address', value: { address: '2001:db8:1::100', preferred: 0, valid: 0, options: [] } }] }],
  options: [{ options: [{ code: 45, name: 'Client Data', value: { options: [{ code: 46, name: 'Client Last Transaction Time', value: 600 }] } }] }, { options: [] }],
  optionRequest: [[23, 24, 39, 31]],
  u8: [0, 255],
  u16: [65535],
  u32: [4000000000],
  secs: [86400],
  elapsed: [0, 1230],
  relayMessage: ['SOLICIT'],
  hex: ['0102ff', ''],
  ip6: ['2001:db8::1'],
  ip6s: [['2001:db8:1::1', 'fe80::1']],
  status: [{ code: 2, status: 'NoAddrsAvail', message: 'pool full' }, { code: 0, status: 'Success', message: '' }],
  empty: [true],
  userClass: [['lab', 'ipxe']],
  vendorClass: [{ enterprise: 4491, data: ['docsis3.0'] }],
  vendorOpts: [{ enterprise: 40712, suboptions: [{ code: 1, value: 'hello vendor' }, { code: 2, value: '0001ff' }] }],
  printable: ['port-7', '0001ff'],
  domainList: [['lab.fieldkit.test', 'example.com']],
  domainName: ['aftr.example.net'],
  fqdn: [{ flags: 1, name: 'host.example.com' }],
  remoteId: [{ enterprise: 32473, id: 'switch-1' }],
  linkLayer: [{ hwtype: 1, address: '02:00:5e:10:00:01' }],
  pdExclude: [{ prefixLength: 64, subnetId: '0b' }, { prefixLength: 72, subnetId: '0b0c' }],
  s46Rule: [
    { flags: 1, eaLength: 12, ipv4Prefix: '192.0.2.0/24', ipv6Prefix: '2001:db8:f000::/36', options: [{ code: 93, name: 'S46 Port Parameters', value: { offset: 6, psidLength: 4, psid: 9 } }] },
    { flags: 0, eaLength: 0, ipv4Prefix: '198.51.100.7/32', ipv6Prefix: '::/0', options: [] },
  ],
  s46Dmr: [{ prefix: '2001:db8:0:1::/64' }, { prefix: '2001:db8:ffff::/47' }],
  s46V4v6Bind: [{ ipv4Address: '192.0.2.33', ipv6Prefix: '2001:db8:77::/56', options: [{ code: 93, name: 'S46 Port Parameters', value: { offset: 0, psidLength: 8, psid: 200 } }] }],
  s46PortParams: [{ offset: 6, psidLength: 0, psid: 0 }, { offset: 4, psidLength: 16, psid: 65535 }],
  ntpServer: [[{ code: 1, name: 'NTP server address', value: '2001:db8::123' }, { code: 3, name: 'NTP server FQDN', value: 'ntp.example.com' }]],
  string: ['EST5EDT'],
  clientArch: [['x64 UEFI', 'x86 BIOS']],
  auth: [
    // A reconfigure key (RFC 8415 section 20.4.1: type 1, then the HMAC-MD5), as an ISP's server sends it.
    { protocol: 3, algorithm: 1, rdm: 0, replayDetection: '0000000000000001', information: '016f729a9fff2492d344531fa02430431d' },
    { protocol: 0, algorithm: 0, rdm: 0, replayDetection: '0000000000000000', information: '' },
    // RFC 3315's delayed authentication: a realm, a key id and the HMAC-MD5.
    { protocol: 2, algorithm: 1, rdm: 0, replayDetection: '00000000000000ff', realm: 'lab.example', keyId: 7, hmacMd5: '00112233445566778899aabbccddeeff' },
  ],
}

/** Codes for the formats no registered option has, as the decoder reads them when the registry grows. */
const unregistered: Partial<Record<Dhcp6Format, number>> = { u16: 65001, u32: 65002 }

/** What a format that carries no options needs to be read on its own. */
function flatContext(b: Uint8Array): FormatContext {
  return { b, depth: 0, messageType: 7, messageStart: 0, messageEnd: b.length, options: () => ({ list: [], tree: [] }), relayedMessage: () => { throw new Error('no relayed message here') } }
}

/** An option of `format` (under the first code the registry gives it), encoded and decoded inside a REPLY. */
function roundTrip(format: Dhcp6Format, value: OptionValue) {
  // The relayed message is given as its bytes: the decoder shows its type.
  const bytes = dhcp6Encoders[format](format === 'relayMessage' ? solicitHex : value)
  // A code of this format that takes a value this long (authentication's are 11 bytes at least).
  const code = [...dhcp6Options.values()].find((spec) => spec.format === format && dhcp6MinimumLength(spec.code) <= bytes.length)?.code ?? unregistered[format]!
  const message = Uint8Array.from([7, 0, 0, 1, ...optionBytes({ code, bytes })])
  const problems = new Problems()
  const [option] = decodeDhcp6(message, 0, message.length, problems).options
  if (!dhcp6Options.has(code)) return { option: { value: dhcp6Formats[format](flatContext(message), 8, bytes.length).value }, problems: problems.warnings }
  return { option, problems: problems.warnings }
}

describe('DHCPv6 option encoders', () => {
  it('cover every format of the registry', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(dhcp6Formats).sort())
  })

  for (const [format, values] of Object.entries(samples) as [Dhcp6Format, OptionValue[]][]) {
    it.each(values.map((v) => [JSON.stringify(v).slice(0, 60), v]))(`${format}: %s decodes back to itself`, (_, value) => {
      const { option, problems } = roundTrip(format, value)
      expect(problems).toEqual([])
      expect(option.value).toEqual(value)
    })
  }

  it('refuse values their format cannot carry, saying what was expected', () => {
    expect(() => dhcp6Encoders.ip6('2001:db8::g')).toThrow(new EncodeError('"2001:db8::g" is not an IPv6 address (like 2001:db8::1)'))
    expect(() => dhcp6Encoders.iaPrefix({ prefix: '2001:db8::/129', preferred: 0, valid: 0 })).toThrow('is not a prefix (like 2001:db8::/56)')
    expect(() => dhcp6Encoders.u16(70000)).toThrow('is not a whole number from 0 to 65535')
    expect(() => dhcp6Encoders.userClass(['x'.repeat(65536)])).toThrow('does not fit its 2-byte length')
    expect(() => dhcp6Encoders.empty('x')).toThrow('is not true (the option carries no value)')
    expect(() => dhcp6Encoders.auth({ protocol: 3, algorithm: 1, rdm: 0, replayDetection: '00' })).toThrow('is not 8 bytes of replay detection')
    expect(() => dhcp6Encoders.auth({ protocol: 2, algorithm: 1, rdm: 0, replayDetection: '0000000000000000', realm: 'x', keyId: 1, hmacMd5: 'ab' })).toThrow('is not a 16-byte HMAC-MD5 in hex')
  })
})

describe('DHCPv6 options as text (dhcptest forms)', () => {
  it('reads CODE=HEX as raw bytes, CODE:TYPE=VALUE by the type, NAME=VALUE by the option format', () => {
    expect(parseOptionArgument('15=00036c6162')).toEqual({ code: 15, bytes: [0, 3, 0x6c, 0x61, 0x62] })
    expect(parseOptionArgument('65000:ip6s=2001:db8::1')).toEqual({ code: 65000, bytes: [0x20, 1, 0xd, 0xb8, ...Array(11).fill(0), 1] })
    expect(parseOptionArgument('user-class=lab,ipxe')).toEqual({ code: 15, bytes: [0, 3, ...Buffer.from('lab'), 0, 4, ...Buffer.from('ipxe')] })
    expect(parseOptionArgument('vendor-class={"enterprise":4491,"data":["lab"]}')).toEqual({ code: 16, bytes: [0, 0, 0x11, 0x8b, 0, 3, ...Buffer.from('lab')] })
    expect(parseOptionArgument('rapid-commit=')).toEqual({ code: 14, bytes: [] })
    expect(parseOptionArgument('dns_servers=2001:db8::53').bytes).toHaveLength(16)
    expect(parseOptionArgument('oro=23,24')).toEqual({ code: 6, bytes: [0, 23, 0, 24] })
  })

  it('names what is wrong with a bad argument', () => {
    expect(() => parseOptionArgument('user-class')).toThrow('is not an option: write CODE=HEX, CODE:TYPE=VALUE or NAME=VALUE')
    expect(() => parseOptionArgument('nosuch=1')).toThrow('"nosuch" is not a DHCPv6 option name; use its code (e.g. 15=00036c6162) or a name such as user-class')
    expect(() => parseOptionArgument('70000=00')).toThrow('option code 70000 is out of range: DHCPv6 options are numbered 1 to 65535')
    expect(() => parseOptionArgument('dns-servers=192.0.2.1')).toThrow('option dns-servers: "192.0.2.1" is not an IPv6 address')
  })
})

describe('DHCPv6 messages on the wire', () => {
  const mac = '02:00:5e:10:00:01'
  const client = linkLocalFromMac(mac)
  const solicit = () => encodeDhcp6Message(1, 0x123456, [
    { code: 1, bytes: dhcp6Encoders.duid('0003000102005e100001') }, parseOptionArgument('oro=23,24'),
    { code: 3, bytes: dhcp6Encoders.iaNa({ iaid: 1, t1: 0, t2: 0, options: [] }) },
  ])

  it('derives the link-local address from the MAC (EUI-64) and the multicast MAC from the group', () => {
    expect(client).toBe('fe80::5eff:fe10:1')
    expect(multicastMac('ff02::1:2')).toBe('33:33:00:01:00:02')
  })

  it('frames a SOLICIT to ff02::1:2 that the frame decoder reads back without a problem (checksum included)', () => {
    const frame = ethernetIpv6Udp(mac, multicastMac('ff02::1:2'), { sourceIp: client, destinationIp: 'ff02::1:2', sourcePort: 546, destinationPort: 547, payload: solicit() })
    const decoded = decodeFrame(1, frame)
    expect(decoded.warnings).toEqual([])
    expect(decoded.malformed).toBe(false)
    expect([decoded.source, decoded.destination]).toEqual([client, 'ff02::1:2'])
    const dhcp = decoded.dhcp as Dhcp6Message
    expect(dhcp).toMatchObject({ type: 'SOLICIT', xid: 0x123456 })
    expect(dhcp.options.map((o) => o.value)).toEqual([
      { type: 3, hwtype: 1, linkLayerAddress: mac, hex: '0003000102005e100001' }, [23, 24], { iaid: 1, t1: 0, t2: 0, options: [] },
    ])
  })

  it('wraps it in a RELAY-FORW with link and peer addresses and the relay\'s options', () => {
    const forward = encodeRelayForward({ linkAddress: '2001:db8:1::2', peerAddress: client, options: [parseOptionArgument('interface-id=port-7')] }, solicit())
    const frame = ethernetIpv6Udp(mac, '02:00:5e:10:00:02', { sourceIp: client, destinationIp: 'fe80::1', sourcePort: 547, destinationPort: 547, payload: forward })
    const decoded = decodeFrame(1, frame)
    expect(decoded.warnings).toEqual([])
    expect(decoded.dhcp).toMatchObject({ type: 'RELAY-FORW', linkAddress: '2001:db8:1::2', peerAddress: client, relayed: { type: 'SOLICIT', xid: 0x123456 } })
    expect((decoded.dhcp as Dhcp6Message).options[0]).toMatchObject({ code: 18, value: 'port-7' })
  })

  it('refuses a message longer than one frame can carry', () => {
    expect(() => encodeDhcp6Message(1, 1, [{ code: 15, bytes: Array(1500).fill(0) }])).toThrow('at most 1452 fit one Ethernet frame')
  })
})

describe('neighbour discovery for the crafted address', () => {
  const server = { mac: '32:2c:48:01:5d:63', ip: 'fe80::302c:48ff:fe01:5d63' }
  const mac = '02:00:5e:10:00:01'
  const client = linkLocalFromMac(mac)

  /** The ICMPv6 checksum over the pseudo-header is right when summing it all gives zero. */
  function checksumHolds(frame: Uint8Array): boolean {
    const icmp = frame.subarray(54)
    const pseudo = Uint8Array.from([...frame.subarray(22, 54), 0, 0, icmp.length >> 8, icmp.length & 0xff, 0, 0, 0, 58])
    return checksum(pseudo, icmp) === 0
  }

  it('reads a server\'s Neighbor Solicitation for the client and answers it with an Advertisement the server can use', () => {
    const solicitation = neighborSolicitation(server.mac, server.ip, client)
    expect(checksumHolds(solicitation)).toBe(true)
    const query = neighborQuery(solicitation)
    expect(query).toEqual({ ip: server.ip, mac: server.mac, target: client })
    const advertisement = neighborAdvertisement(query!, mac)
    expect(checksumHolds(advertisement)).toBe(true)
    expect(decodeFrame(1, advertisement)).toMatchObject({ source: client, destination: server.ip })
    expect(neighborAdvertised(advertisement)).toEqual({ ip: client, mac })
    // Solicited and override, and the target's link-layer address option.
    expect([advertisement[58], ...advertisement.subarray(78, 86)]).toEqual([0x60, 2, 1, 2, 0, 0x5e, 0x10, 0, 1])
  })

  it('ignores duplicate address detection\'s solicitations (from ::) and anything routed (hop limit below 255)', () => {
    const dad = neighborSolicitation(server.mac, '::', client)
    expect(neighborQuery(dad)).toBeNull()
    const routed = neighborSolicitation(server.mac, server.ip, client)
    routed[21] = 64
    expect(neighborQuery(routed)).toBeNull()
  })
})
