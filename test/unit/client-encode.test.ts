// The DHCPv4 registry both ways: every format's encoder against its decoder (encode → decode gives the value back),
// options given as text in dhcptest's forms, and whole messages framed for the wire read back by the frame decoder.
import { describe, expect, it } from 'vitest'
import { dhcp4Encoders, EncodeError } from '../../electron/engine/decode/dhcp4/encode-formats'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { dhcp4Formats } from '../../electron/engine/decode/dhcp4/formats'
import { parseOptionArgument } from '../../electron/engine/decode/dhcp4/option-arguments'
import type { Dhcp4Format } from '../../electron/engine/decode/dhcp4/options'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp4Message, OptionValue } from '../../electron/engine/decode/types'
import { BROADCAST_MAC, ethernetIpv4Udp, ipv4Udp } from '../../electron/engine/client/framing'

/** Values as the decoder gives them, several where a format has several shapes. */
const samples: Record<Dhcp4Format, OptionValue[]> = {
  ip: ['192.0.2.1'],
  ips: [['192.0.2.1', '192.0.2.2']],
  policyFilter: [['10.0.0.0 255.0.0.0', '192.0.2.0 255.255.255.0']],
  staticRoutes: [['10.0.0.0 192.0.2.1']],
  u8: [0, 255],
  u8s: [['1', '2', '255']],
  u16: [1500],
  u16s: [['68', '1500']],
  u32: [4000000000],
  i32: [-3600, 7200],
  secs: [600, 0xffffffff],
  bool: [true, false],
  string: ['printer-7'],
  printable: ['ArubaAP', '00ff10'],
  hex: ['0102ff', ''],
  messageType: ['DISCOVER', 'ACK', 99],
  parameterList: [[1, 3, 6, 15, 121]],
  clientId: [
    { type: 1, hwaddr: '02:00:5e:00:53:01' }, { type: 0, data: 'host-7' },
    { type: 255, iaid: 1, duid: { type: 3, hwtype: 1, linkLayerAddress: '02:00:5e:00:53:01', hex: '0003000102005e005301' } },
  ],
  domainName: ['lost.example.net'],
  domainList: [['example.com', 'eng.example.com']],
  clientFqdn: [{ flags: 5, rcode1: 0, rcode2: 0, name: 'host.example.com' }, { flags: 0, rcode1: 255, rcode2: 255, name: 'host' }],
  relayAgent: [[{ code: 1, name: 'Agent Circuit ID', value: 'eth0/1' }, { code: 2, name: 'Agent Remote ID', value: '0102' }, { code: 5, name: 'Link selection', value: '192.0.2.0' }]],
  classlessRoutes: [['10.0.0.0/8 via 192.0.2.1', '0.0.0.0/0 via 192.0.2.254', '192.0.2.128/25 via 192.0.2.1']],
  authentication: [
    { protocol: 1, algorithm: 1, rdm: 0, replayDetection: '0000000000000001', secretId: 7, hmacMd5: '000102030405060708090a0b0c0d0e0f' },
    { protocol: 0, algorithm: 0, rdm: 0, replayDetection: '0000000000000002', information: '6b6579' },
  ],
  viVendorClass: [[{ enterprise: 4491, data: ['docsis3.0', 'eRouter1.0'] }]],
  viVendorInfo: [[{ enterprise: 3561, suboptions: [{ code: 1, name: 'DeviceManufacturerOUI', value: '00AABB' }] }, { enterprise: 4491, suboptions: [{ code: 2, name: 'TFTP Server Addresses', value: ['192.0.2.7'] }] }]],
  relayVendorInfo: [[{ enterprise: 9, suboptions: [{ code: 1, name: 'Unknown (1)', value: 'abc' }] }]],
  userClass: [['iPXE', 'lab'], 'MSFT 5.0'],
  overload: ['file and sname', 'file'],
  netbiosNodeType: ['H-node'],
  sipServers: [['192.0.2.5'], ['sip.example.com']],
  pxeVendorInfo: [[
    { code: 6, name: 'PXE_DISCOVERY_CONTROL', value: 3 }, { code: 8, name: 'PXE_BOOT_SERVERS', value: [{ type: 1, addresses: ['192.0.2.9'] }] },
    { code: 9, name: 'PXE_BOOT_MENU', value: [{ type: 1, description: 'Linux' }] }, { code: 10, name: 'PXE_MENU_PROMPT', value: { timeout: 5, prompt: 'Press F8' } },
  ]],
  leasequeryStatus: [{ code: 0, status: 'Success', message: 'ok' }, { code: 4, status: 'NotAllowed', message: '' }],
  clientArch: [['x64 UEFI', 'x86 BIOS']],
  clientNdi: [{ type: 1, major: 3, minor: 16 }],
  uuidClientId: ['00112233445566778899aabbccddeeff'],
  dhcpState: ['ACTIVE'],
  bootServers: [[{ type: 1, addresses: ['192.0.2.9', '192.0.2.10'] }, { type: 2, addresses: [] }]],
  bootMenu: [[{ type: 1, description: 'Linux' }, { type: 2, description: 'Memtest' }]],
  menuPrompt: [{ timeout: 5, prompt: 'Press F8' }],
  bootItem: [{ type: 1, layer: 0 }],
  discoveryControl: [3],
  novellOptions: [[
    { code: 2, name: 'NWIP exists in options area', value: '' }, { code: 5, name: 'Broadcast for nearest NetWare server', value: true },
    { code: 6, name: 'Preferred DSS server', value: ['192.0.2.3', '192.0.2.4'] }, { code: 8, name: 'Autoretries', value: 3 }, { code: 11, name: 'Primary DSS', value: '192.0.2.5' },
  ]],
  cableLabsConfiguration: [[
    { code: 1, name: "TSP's Primary DHCP Server Address", value: '192.0.2.1' }, { code: 4, name: "TSP's AS-REQ/AS-REP Backoff and Retry", value: '000000010000000a00000003' },
    { code: 9, name: 'PacketCable Security Ticket Control', value: 3 },
  ]],
  slpDirectoryAgents: [{ mandatory: 1, agents: ['192.0.2.8', '192.0.2.9'] }, { mandatory: 0, agents: [] }],
  slpScope: [{ mandatory: 0, scopes: 'lab,eng' }],
  civicLocation: [{ what: 2, country: 'US', elements: [{ type: 1, value: 'CA' }, { type: 3, value: 'San Jose' }] }, { what: 0, country: 'DE', elements: [] }],
  locationConfiguration: ['0102030405060708090a0b0c0d0e0f10', [{ type: 1, id: 'dss.example.net' }, { type: 2, id: 'b' }]],
  nameServices: [[6, 41], [0, 65]],
  rdnssSelection: [{ preference: 1, primary: '192.0.2.53', secondary: '192.0.2.54', domain: 'lab.fieldkit.test' }, { preference: 3, primary: '192.0.2.53', secondary: '0.0.0.0', domain: 'example.org' }],
  pcpServers: [[['192.0.2.7', '192.0.2.8'], ['198.51.100.1']]],
  portParameters: [{ offset: 6, psidLength: 8, psid: '0034' }],
  sixRd: [{ ipv4MaskLength: 8, prefixLength: 32, prefix: '2001:db8::', borderRelays: ['192.0.2.1', '192.0.2.2'] }],
}

function roundTrip(format: Dhcp4Format, value: OptionValue) {
  const bytes = Uint8Array.from(dhcp4Encoders[format](value))
  return dhcp4Formats[format](bytes, 0, bytes.length)
}

describe('DHCPv4 option encoders', () => {
  it('cover every format of the registry', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(dhcp4Formats).sort())
  })

  for (const [format, values] of Object.entries(samples) as [Dhcp4Format, OptionValue[]][]) {
    it.each(values.map((v) => [JSON.stringify(v).slice(0, 60), v]))(`${format}: %s decodes back to itself`, (_, value) => {
      const decoded = roundTrip(format, value)
      expect(decoded.problem).toBeUndefined()
      expect(decoded.value).toEqual(value)
    })
  }

  it('refuse values their format cannot carry, saying what was expected', () => {
    expect(() => dhcp4Encoders.ip('192.0.2')).toThrow(new EncodeError('"192.0.2" is not an IPv4 address (a.b.c.d)'))
    expect(() => dhcp4Encoders.u8(256)).toThrow('is not a whole number from 0 to 255')
    expect(() => dhcp4Encoders.userClass(['x'.repeat(256)])).toThrow('does not fit its one-byte length')
  })
})

describe('options as text (dhcptest forms)', () => {
  it('reads CODE=HEX as raw bytes, CODE:TYPE=VALUE by the type, NAME=VALUE by the option format', () => {
    expect(parseOptionArgument('60=666b')).toEqual({ code: 60, bytes: [0x66, 0x6b] })
    expect(parseOptionArgument('60:str=fieldkit')).toEqual({ code: 60, bytes: [...Buffer.from('fieldkit')] })
    expect(parseOptionArgument('224:ips=192.0.2.1, 192.0.2.2')).toEqual({ code: 224, bytes: [192, 0, 2, 1, 192, 0, 2, 2] })
    expect(parseOptionArgument('51:u32=3600')).toEqual({ code: 51, bytes: [0, 0, 14, 16] })
    expect(parseOptionArgument('hostname=printer-7')).toEqual({ code: 12, bytes: [...Buffer.from('printer-7')] })
    expect(parseOptionArgument('requested-address=192.0.2.150')).toEqual({ code: 50, bytes: [192, 0, 2, 150] })
    expect(parseOptionArgument('parameter-request-list=1,3,6')).toEqual({ code: 55, bytes: [1, 3, 6] })
    expect(parseOptionArgument('vendor-class=fieldkit')).toEqual({ code: 60, bytes: [...Buffer.from('fieldkit')] })
    expect(parseOptionArgument('client-id=02:00:5e:00:53:01')).toEqual({ code: 61, bytes: [1, 2, 0, 0x5e, 0, 0x53, 1] })
    expect(parseOptionArgument('client-id=host-7')).toEqual({ code: 61, bytes: [0, ...Buffer.from('host-7')] })
    expect(parseOptionArgument('domain_search=example.com,eng.example.com').bytes.length).toBe(13 + 17)
    expect(parseOptionArgument('82:relayAgent=[{"code":1,"value":"eth0"}]')).toEqual({ code: 82, bytes: [1, 4, ...Buffer.from('eth0')] })
  })

  it('names what is wrong with a bad argument', () => {
    expect(() => parseOptionArgument('hostname')).toThrow('"hostname" is not an option: write CODE=HEX, CODE:TYPE=VALUE or NAME=VALUE (e.g. 60:str=fieldkit)')
    expect(() => parseOptionArgument('nosuch=1')).toThrow('"nosuch" is not a DHCPv4 option name')
    expect(() => parseOptionArgument('300=00')).toThrow('option code 300 is out of range')
    expect(() => parseOptionArgument('60:float=1')).toThrow('"float" is not a value type')
    expect(() => parseOptionArgument('60=zz')).toThrow('option 60: "zz" is not hex bytes')
  })
})

describe('DHCPv4 messages on the wire', () => {
  const discover = () => encodeDhcp4Message({
    op: 1, xid: 0x12345678, chaddr: '02:00:5e:00:53:01', secs: 3, broadcast: true,
    options: [parseOptionArgument('53:messageType=DISCOVER'), parseOptionArgument('hostname=printer-7'), parseOptionArgument('55=01030f'), parseOptionArgument('43=' + 'ab'.repeat(300))],
  })

  it('frames a broadcast DISCOVER that the frame decoder reads back without a problem (checksums included)', () => {
    const frame = ethernetIpv4Udp('02:00:5e:00:53:01', BROADCAST_MAC, { sourceIp: '0.0.0.0', destinationIp: '255.255.255.255', sourcePort: 68, destinationPort: 67, payload: discover() })
    const decoded = decodeFrame(1, frame)
    expect(decoded.warnings).toEqual([])
    expect(decoded.malformed).toBe(false)
    expect(decoded.info).toBe('DHCP Discover - Transaction ID 0x12345678')
    const dhcp = decoded.dhcp as Dhcp4Message
    expect(dhcp).toMatchObject({ op: 1, xid: 0x12345678, chaddr: '02:00:5e:00:53:01', secs: 3, flags: 0x8000 })
    const option = (code: number) => dhcp.options.find((o) => o.code === code)?.value
    expect(option(12)).toBe('printer-7')
    expect(option(55)).toEqual([1, 3, 15])
    // 300 bytes travel as two instances (RFC 3396), joined again by the decoder.
    expect(dhcp.options.filter((o) => o.code === 43)).toHaveLength(2)
    expect(option(43)).toBe('ab'.repeat(300))
  })

  it('frames a relay\'s unicast as IPv4/UDP alone', () => {
    const packet = ipv4Udp({ sourceIp: '198.51.100.1', destinationIp: '192.0.2.1', sourcePort: 67, destinationPort: 67, payload: discover() })
    const decoded = decodeFrame(101, packet) // LINKTYPE_RAW: the packet starts at its IPv4 header
    expect(decoded.warnings).toEqual([])
    expect(decoded).toMatchObject({ source: '198.51.100.1', destination: '192.0.2.1' })
  })

  it('pads short messages to BOOTP\'s 300 bytes and refuses what would not fit a frame', () => {
    expect(encodeDhcp4Message({ op: 1, xid: 1, chaddr: '02:00:5e:00:53:01', options: [] })).toHaveLength(300)
    expect(() => encodeDhcp4Message({ op: 1, xid: 1, chaddr: '02:00:5e:00:53:01', options: [{ code: 43, bytes: new Array(1300).fill(1) }] })).toThrow('at most 1472 fit one Ethernet frame')
  })
})
