// The CLI as scripts use it: a real process, real captures, stdout lines and exit codes.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusDir } from '../helpers/corpus'
import { tempDataDir } from '../helpers/engine'
import { runFieldkit } from '../helpers/fieldkit'

const fieldkit = (...args: string[]) => runFieldkit(args)

describe('fieldkit CLI', () => {
  it('decode --json prints one JSON object per DHCP packet in the PRODUCT.md format', () => {
    const { code, stdout, stderr } = fieldkit('decode', `${corpusDir}zeek__dhcp.pcap`, '--json')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(lines).toHaveLength(9)
    expect(lines[0]).toEqual({
      frame: 1, time: '2013-06-02T19:14:02.323173Z', family: 4, type: 'DISCOVER', xid: '0x000007c0',
      chaddr: '90:b1:1c:99:49:29', ciaddr: '0.0.0.0', yiaddr: '0.0.0.0', siaddr: '0.0.0.0', giaddr: '0.0.0.0',
      hops: 0, secs: 0, flags: '0x0000', sname: '', file: '',
      options: [
        { code: 53, name: 'DHCP Message Type', value: 'DISCOVER' },
        { code: 50, name: 'Requested IP Address', value: '192.168.211.194' },
        { code: 12, name: 'Host Name', value: 'btest.is.cool' },
      ],
      malformed: false, warnings: [],
    })
    expect(lines.map((l) => l.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'NAK', 'REQUEST', 'ACK', 'DECLINE', 'RELEASE', 'INFORM'])
  })

  it('decode --json carries the whole BOOTP header, in PRODUCT.md\'s order', () => {
    const lines = fieldkit('decode', `${corpusDir}netboot__nsec.pcap`, '--json').stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(Object.keys(lines[0])).toEqual([
      'frame', 'time', 'family', 'type', 'xid', 'chaddr', 'ciaddr', 'yiaddr', 'siaddr', 'giaddr', 'hops', 'secs', 'flags', 'sname', 'file',
      'options', 'malformed', 'warnings',
    ])
    // A PXE client's DISCOVER asks for broadcast replies; the proxyDHCP ACK names the boot file.
    expect(lines[0]).toMatchObject({ type: 'DISCOVER', hops: 0, secs: 8, flags: '0x8000', sname: '', file: '' })
    expect(lines[6]).toMatchObject({ type: 'ACK', siaddr: '192.168.16.10', file: 'boot' })
    // Option 52 fills sname and file with options: they read as empty, and a split option is joined options field,
    // file, sname (RFC 3396 section 5).
    const overloaded = JSON.parse(fieldkit('decode', `${corpusDir}suricata-verify__dhcp-option-52-overload-both.pcap`, '--json').stdout)
    expect(overloaded).toMatchObject({ hops: 0, secs: 0, flags: '0x0000', sname: '', file: '' })
    expect(overloaded.options.filter((o: { code: number }) => o.code === 56).at(-1).value).toBe('Paddingfile name field overloadsname field overload')
  })

  it('decode --json nests relayed DHCPv6 messages and uses 6-digit xids', () => {
    const first = JSON.parse(fieldkit('decode', `${corpusDir}tcpdump__dhcpv6-mud.pcap`, '--json').stdout.split('\n')[0])
    expect(first).toMatchObject({ frame: 1, family: 6, type: 'RELAY-FORW', relayed: { family: 6, type: 'SOLICIT', xid: '0x78244b' } })
    expect(first).not.toHaveProperty('chaddr')
  })

  it('stats prints tshark\'s dhcp,stat table, then transactions, latencies and servers', () => {
    const file = `${corpusDir}zeek__dhcp.pcap`
    const { code, stdout } = fieldkit('stats', file)
    expect(code).toBe(0)
    const tshark = spawnSync('tshark', ['-q', '-z', 'dhcp,stat', '-r', file], { encoding: 'utf8' }).stdout
    const table = (text: string) => text.split('\n').filter((line) => /\|\d+ \|$/.test(line))
    expect(table(stdout)).toEqual(table(tshark))
    expect(stdout).toContain('Transactions: 5 (complete 3, incomplete 1, NAK 1, failed 0, answered by more than one server 0)')
    expect(stdout).toMatch(/REQUEST→ACK\s+1\s/)
    expect(stdout).toMatch(/REQUEST→NAK\s+1\s/)
    expect(stdout).toContain('DHCPv4 128.2.6.152:')

    const json = JSON.parse(fieldkit('stats', `${corpusDir}tcpdump__dhcpv6-ia-na.pcap`, '--json').stdout)
    expect(json.dhcp6Types).toEqual([{ type: 'SOLICIT', packets: 1 }, { type: 'ADVERTISE', packets: 1 }, { type: 'REQUEST', packets: 1 }, { type: 'REPLY', packets: 1 }])
    expect(json.transactions).toMatchObject({ total: 1, complete: 1 })
    expect(json.latency.map((l: { step: string }) => l.step)).toEqual(['SOLICIT→ADVERTISE', 'REQUEST→REPLY'])
    expect(fieldkit('stats', '/etc/passwd')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fieldkit: \/etc\/passwd is not a pcap or pcapng capture/) })
  })

  it('decode without --json prints a readable view', () => {
    const { code, stdout } = fieldkit('decode', `${corpusDir}zeek__dhcp.pcap`)
    expect(code).toBe(0)
    expect(stdout).toContain('DHCP Offer - Transaction ID 0x7c0')
    expect(stdout).toContain('Your (client) IP address: 128.2.6.97')
  })

  it('fails with one line and a non-zero status on a file that is no capture', () => {
    const path = join(tempDataDir(), 'notes.txt')
    writeFileSync(path, 'not a capture')
    const { code, stdout, stderr } = fieldkit('decode', path, '--json')
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^fieldkit: .*notes\.txt is not a pcap or pcapng capture/)
    expect(fieldkit('decode', join(tempDataDir(), 'missing.pcap')).stderr).toMatch(/^fieldkit: Cannot open .*: no such file\.\n$/)
  })

  it('answers --help and refuses unknown commands', () => {
    expect(fieldkit('--help').stdout).toMatch(/decode FILE \[--json\]/)
    const unknown = fieldkit('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/)
  })

  it('decode takes tshark\'s habits: -Y FILTER, -c N and - for standard input', () => {
    const file = `${corpusDir}zeek__dhcp.pcap`
    const frames = (out: string) => out.trim().split('\n').map((line) => (JSON.parse(line) as { frame: number }).frame)
    expect(frames(fieldkit('decode', file, '--json', '-Y', 'dhcp.msgtype == ACK or dhcp.msgtype == NAK').stdout)).toEqual([4, 6])
    expect(frames(fieldkit('decode', file, '--json', '-c', '3').stdout)).toEqual([1, 2, 3])
    // As tshark: -c counts packets read, then -Y picks among them.
    expect(frames(fieldkit('decode', file, '--json', '-c', '3', '-Y', 'dhcp.msgtype == REQUEST').stdout)).toEqual([3])
    const piped = runFieldkit(['decode', '-', '--json', '-Y', 'dhcp.msgtype == INFORM'], { input: readFileSync(file) })
    expect(frames(piped.stdout)).toEqual([9])
    expect(runFieldkit(['stats', '-'], { input: readFileSync(file) }).stdout).toContain('Packets: 9 (DHCPv4 9, DHCPv6 0)')
    expect(fieldkit('decode', file, '-Y', 'dhcp.typ == 3')).toEqual({ code: 2, stdout: '', stderr: 'fieldkit: -Y: "dhcp.typ" is not a field; did you mean dhcp.type? (at character 1)\n' })
    expect(fieldkit('decode', file, '-c', '0')).toMatchObject({ code: 2, stderr: 'fieldkit: -c takes a number of packets (1 or more), not "0"\n' })
  })
})
