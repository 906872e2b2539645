// IPv6 addresses written as RFC 5952 says and Wireshark shows them: the longest run of zero groups shortened, not the
// first. ipaddr.js, which writes them so, is the reference for addresses drawn at random, most groups zero.
import ipaddr from 'ipaddr.js'
import { describe, expect, it } from 'vitest'
import { ipv6 } from '../../electron/engine/decode/bytes'

const text = (hexDigits: string) => ipv6(Buffer.from(hexDigits, 'hex'), 0)

describe('IPv6 address text', () => {
  it('shortens the longest run of zero groups, the first of runs as long, and never a single zero group', () => {
    // An IA prefix from a real capture, as Wireshark 4.0 shows it (dhcpv6.iaprefix.pref_addr).
    expect(text('200100000000fe000000000000000000')).toBe('2001:0:0:fe00::')
    expect(text('20010db8000000000001000000000000')).toBe('2001:db8:0:0:1::')
    expect(text('20010db8000000000001000000000001')).toBe('2001:db8::1:0:0:1')
    expect(text('20010db8000100010001000100010001')).toBe('2001:db8:1:1:1:1:1:1')
    expect(text('20010db8000000010001000100010001')).toBe('2001:db8:0:1:1:1:1:1')
    expect(text('00000000000000000000000000000000')).toBe('::')
    expect(text('00000000000000000000000000000001')).toBe('::1')
    expect(text('fe800000000000000a0027fffed410bb')).toBe('fe80::a00:27ff:fed4:10bb')
  })

  it('reads at an offset, and agrees with ipaddr.js on addresses of many zero groups', () => {
    const bytes = new Uint8Array(19)
    const differ: string[] = []
    for (let n = 0; n < 20_000; n++) {
      for (let k = 3; k < 19; k++) bytes[k] = Math.random() < 0.7 ? 0 : Math.floor(Math.random() * 256)
      const expected = ipaddr.fromByteArray([...bytes.subarray(3)]).toString()
      if (ipv6(bytes, 3) !== expected) differ.push(expected)
    }
    expect(differ).toEqual([])
  })
})
