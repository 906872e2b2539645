// The DHCPv4 client's parameters (issue 11): FQDN, vendor class, request list, requested address, broadcast flag and
// secs as the options and header fields it sends, read back by the frame decoder; what cannot be sent refused in a
// sentence; the contract's bounds; and the sentences of a NAK and of a DISCOVER nobody answers.
import { describe, expect, it } from 'vitest'
import { methods } from '../../electron/contract/methods'
import { parseRequestList } from '../../electron/contract/request-list'
import { runDhcp4Client, type Dhcp4ClientRequest } from '../../electron/engine/client/dhcp4-client'
import { clientOptions, DHCLIENT_REQUEST_LIST } from '../../electron/engine/client/dhcp4-client-options'
import type { HelperLink } from '../../electron/engine/client/helper-link'
import { EncodeError } from '../../electron/engine/decode/dhcp4/encode-formats'
import { dhcp4Formats } from '../../electron/engine/decode/dhcp4/formats'
import { parseOptionArgument } from '../../electron/engine/decode/dhcp4/option-arguments'
import { decodeFrame } from '../../electron/engine/decode/frame'
import type { Dhcp4Message } from '../../electron/engine/decode/types'
import { answeringLink, STAND_IN_ADDRESS, STAND_IN_SERVER } from '../helpers/dhcp4-server-link'

const MAC = '02:00:5e:60:00:01'

function optionOf(options: { code: number; bytes: number[] }[], code: number): number[] | undefined {
  return options.find((o) => o.code === code)?.bytes
}

/** What a run sent and received, decoded as the packet view decodes it. */
async function run(request: Partial<Dhcp4ClientRequest>, server: Parameters<typeof answeringLink>[1] = {}, link = answeringLink) {
  const result = await runDhcp4Client({ iface: 'eth0', mode: 'dora', mac: MAC, waitSeconds: 0.2, ...request }, async (onPacket) => link(onPacket, server))
  const messages = result.packets.map((p) => decodeFrame(1, p.data).dhcp as Dhcp4Message)
  return { result, messages, sent: messages.filter((m) => m.op === 1) }
}

const value = (message: Dhcp4Message, code: number) => message.options.find((o) => o.code === code)?.value

describe('the options a DHCPv4 run sends', () => {
  it('FQDN: option 81 with S and E set, the name in DNS wire format; S cleared on request', () => {
    const { options } = clientOptions({ fqdn: 'pc-60.lab.fieldkit.test' })
    const bytes = optionOf(options, 81)!
    expect(bytes.slice(0, 3)).toEqual([0x05, 0, 0])
    expect(Buffer.from(bytes.slice(3)).toString('latin1')).toBe('\x05pc-60\x03lab\x08fieldkit\x04test\x00')
    const decoded = dhcp4Formats.clientFqdn(Uint8Array.from(bytes), 0, bytes.length)
    expect(decoded.value).toEqual({ flags: 5, rcode1: 0, rcode2: 0, name: 'pc-60.lab.fieldkit.test' })
    expect(optionOf(clientOptions({ fqdn: 'pc-60.lab.fieldkit.test', fqdnServerUpdate: false }).options, 81)![0]).toBe(0x04)
  })

  it('vendor class as option 60 and the request list as option 55; dhclient\'s list by default, none when empty', () => {
    expect(clientOptions({})).toEqual({ options: [{ code: 55, bytes: DHCLIENT_REQUEST_LIST }], requestList: DHCLIENT_REQUEST_LIST })
    const { options, requestList } = clientOptions({ vendorClass: 'fieldkit-lab', requestList: [1, 3, 6, 15] })
    expect(Buffer.from(optionOf(options, 60)!).toString()).toBe('fieldkit-lab')
    expect(optionOf(options, 55)).toEqual([1, 3, 6, 15])
    expect(requestList).toEqual([1, 3, 6, 15])
    expect(clientOptions({ requestList: [] })).toEqual({ options: [], requestList: [] })
    // An extra option 55 is the list, sent once.
    const extra = clientOptions({ options: [parseOptionArgument('55=01030f')] })
    expect(extra.requestList).toEqual([1, 3, 15])
    expect(extra.options.filter((o) => o.code === 55)).toHaveLength(1)
  })

  it('refuses, in a sentence, what it cannot send or would send twice', () => {
    const refusal = (p: Parameters<typeof clientOptions>[0]) => {
      try {
        clientOptions(p)
      } catch (error) {
        expect(error).toBeInstanceOf(EncodeError)
        return (error as Error).message
      }
      return null
    }
    expect(refusal({ fqdn: `${'a'.repeat(64)}.example` })).toMatch(/^the FQDN: .* is not a domain name \(labels of 1 to 63 bytes between dots\)$/)
    expect(refusal({ fqdn: 'pc..example' })).toMatch(/is not a domain name/)
    expect(refusal({ fqdn: Array(5).fill('a'.repeat(63)).join('.') })).toMatch(/^the FQDN: the domain name a+… is 321 bytes in wire format; at most 255 are allowed$/)
    expect(refusal({ vendorClass: 'café' })).toMatch(/is not ASCII text/)
    expect(refusal({ requestList: [1, 255] })).toBe('the parameter request list names options 1 to 254, not 255')
    expect(refusal({ vendorClass: 'a', options: [parseOptionArgument('60:str=b')] })).toBe('option 60 is given twice, as the vendor class and among the extra options: give it once')
    expect(refusal({ requestedAddress: '192.0.2.7', options: [parseOptionArgument('50:ip=192.0.2.8')] })).toMatch(/^option 50 is given twice/)
  })
})

describe('a DHCPv4 run with the parameters', () => {
  it('DORA: option 50, the broadcast flag and secs in the DISCOVER; the flag on the REQUEST, not on the RELEASE', async () => {
    const { result, sent } = await run({ requestedAddress: STAND_IN_ADDRESS, broadcast: true, secs: 7, fqdn: 'pc-60.lab.fieldkit.test', vendorClass: 'fieldkit-lab', requestList: [1, 3] })
    expect(result.reason).toBe('BOUND')
    expect(sent.map((m) => `${m.type} ${m.flags.toString(16)}`)).toEqual(['DISCOVER 8000', 'REQUEST 8000', 'RELEASE 0'])
    const [discover, request] = sent
    expect(discover.secs).toBe(7)
    expect(value(discover, 50)).toBe(STAND_IN_ADDRESS)
    expect(value(discover, 60)).toBe('fieldkit-lab')
    expect(value(discover, 55)).toEqual([1, 3])
    expect(value(discover, 81)).toMatchObject({ flags: 5, name: 'pc-60.lab.fieldkit.test' })
    expect(request.secs).toBe(7)
    // The REQUEST names the offered address itself (option 50 once) and carries the same identity.
    expect(request.options.filter((o) => o.code === 50)).toHaveLength(1)
    expect(value(request, 81)).toMatchObject({ name: 'pc-60.lab.fieldkit.test' })
    // Only the codes asked for are requested_* variables.
    expect(Object.keys(result.variables).filter((name) => name.startsWith('requested_'))).toEqual(['requested_subnet_mask', 'requested_routers'])
  })

  it('the broadcast flag only where the client has no address: INIT-REBOOT has it, REBIND (from ciaddr) not', async () => {
    expect((await run({ mode: 'reboot', address: '192.0.2.77', broadcast: true })).sent.map((m) => `${m.type} ${m.flags}`)).toEqual(['REQUEST 32768'])
    expect((await run({ mode: 'rebind', address: '192.0.2.77', broadcast: true })).sent.map((m) => `${m.type} ${m.flags} ${m.ciaddr}`)).toEqual(['REQUEST 0 192.0.2.77'])
    expect((await run({ mode: 'dora' })).sent.map((m) => m.flags)).toEqual([0, 0, 0])
  })

  it('refuses a requested address for a run on an address given, and secs beyond 16 bits, before sending', async () => {
    const never = (): HelperLink => {
      throw new Error('nothing may be sent')
    }
    await expect(run({ mode: 'reboot', address: '192.0.2.77', requestedAddress: '192.0.2.78' }, {}, never)).rejects.toThrow('a requested address goes in a DISCOVER, and a run on an address given sends none: give one or the other')
    await expect(run({ secs: 65536 }, {}, never)).rejects.toThrow('secs is a whole number from 0 to 65535')
    await expect(run({ requestedAddress: '192.0.2.300' }, {}, never)).rejects.toThrow(EncodeError)
  })

  it('a NAK: the server\'s message when it gives one, and says when it gives none', async () => {
    const said = await run({ mode: 'reboot', address: '198.51.100.150' }, { nak: { message: 'address not in subnet' } })
    expect(said.result).toMatchObject({ reason: 'NAK', variables: { reason: 'NAK', new_dhcp_message: 'address not in subnet' } })
    expect(said.result.message).toBe(`${STAND_IN_SERVER} refused the INIT-REBOOT (broadcast REQUEST) for 198.51.100.150 (NAK): "address not in subnet": the address is wrong for this link or not this client's; a client gives it up and starts over with DISCOVER.`)
    expect(said.result.servers).toEqual([expect.objectContaining({ type: 'NAK', message: 'address not in subnet' })])
    const silent = await run({ mode: 'reboot', address: '198.51.100.150' }, { nak: {} })
    expect(silent.result.message).toMatch(/\(NAK\) with no message \(option 56\): the address is wrong/)
    expect(silent.result.variables.new_dhcp_message).toBeUndefined()
  })

  it('no OFFER: TIMEOUT, with what to check on the link', async () => {
    const silent = (onPacket: Parameters<typeof answeringLink>[0]): HelperLink => ({ send: (data) => onPacket({ timeMs: Date.now(), data }), close: async () => {}, failure: null })
    const { result } = await run({ mode: 'dora' }, {}, silent)
    expect(result).toMatchObject({ reason: 'TIMEOUT', message: 'No server offered an address within 0.2 s: check that a DHCP server or relay serves this link, and that its pool for this link has a free address.' })
  })
})

describe('client.run\'s DHCPv4 parameters', () => {
  const parse = (params: object) => methods['client.run'].params.safeParse({ iface: 'eth0', mode: 'dora', ...params })
  const problems = (params: object) => parse(params).error?.issues.map((issue) => issue.path.join('.'))

  it('takes them within their bounds', () => {
    expect(parse({ fqdn: 'pc-60.lab.fieldkit.test', fqdnServerUpdate: false, vendorClass: 'fieldkit-lab', requestList: [1, 3, 6, 15], requestedAddress: '192.0.2.150', broadcast: true, secs: 65535 }).success).toBe(true)
    expect(parse({ requestList: [] }).success).toBe(true)
  })

  it('bounds each, and refuses them for DHCPv6 runs', () => {
    expect(problems({ fqdn: 'a'.repeat(254) })).toEqual(['fqdn'])
    expect(problems({ fqdn: '  ' })).toEqual(['fqdn'])
    expect(problems({ vendorClass: 'v'.repeat(256) })).toEqual(['vendorClass'])
    expect(problems({ requestList: [0] })).toEqual(['requestList.0'])
    expect(problems({ requestList: [255] })).toEqual(['requestList.0'])
    expect(problems({ requestList: Array(255).fill(1) })).toEqual(['requestList'])
    expect(problems({ requestedAddress: '192.0.2.256' })).toEqual(['requestedAddress'])
    expect(problems({ secs: 65536 })).toEqual(['secs'])
    expect(problems({ secs: 1.5 })).toEqual(['secs'])
    expect(problems({ secs: -1 })).toEqual(['secs'])
    expect(parse({ family: 6, mode: 'sarr', broadcast: true, fqdn: 'x.example', secs: 3 }).error?.issues.map((issue) => issue.message)).toEqual([
      'fqdn is for DHCPv4 runs', 'broadcast is for DHCPv4 runs', 'secs is for DHCPv4 runs',
    ])
  })

  it('reads a request list as people type it', () => {
    expect(parseRequestList('1, 3,6 ,15')).toEqual([1, 3, 6, 15])
    expect(parseRequestList('none')).toEqual([])
    expect(parseRequestList('')).toEqual([])
    expect(parseRequestList('1,routers')).toBeNull()
    expect(parseRequestList('1,,3')).toBeNull()
  })
})
