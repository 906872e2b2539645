// Display filters: syntax errors point at the mistake, and results agree with tshark's own display filter on the
// corpus (the reference tool runs side by side; the corpus is merged into one file so it runs once per filter).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { filterFields } from '../../electron/engine/filter/fields'
import { FilterError } from '../../electron/engine/filter/parse'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { corpusDir, corpusFiles } from '../helpers/corpus'
import { tempDir } from '../helpers/temp'
import { tsharkSelects } from '../helpers/tshark'

function error(text: string): { message: string; position: number; length: number } {
  try {
    compileFilter(text)
  } catch (e) {
    if (e instanceof FilterError) return { message: e.message, position: e.position, length: e.length }
    throw e
  }
  throw new Error(`"${text}" compiled`)
}

describe('display filter syntax', () => {
  it('points at the mistake, naming it', () => {
    expect(error('dhcp.typ == DISCOVER')).toMatchObject({ position: 0, length: 8, message: expect.stringContaining('did you mean dhcp.type') })
    expect(error('dhcp.msgtype == DISCOVR')).toMatchObject({ position: 16, length: 7, message: expect.stringContaining('DISCOVER, OFFER') })
    expect(error('dhcp and (ip.src == 192.0.2.1')).toMatchObject({ position: 9, message: 'This parenthesis is never closed.' })
    expect(error('dhcp.type ==')).toMatchObject({ position: 12, message: expect.stringContaining('needs a value') })
    // dhcp.type is BOOTP's op, as in Wireshark: a message type written on it says where the message type is.
    expect(error('dhcp.type == DISCOVER')).toMatchObject({ position: 13, length: 8, message: expect.stringContaining('for the message type write dhcp.msgtype == DISCOVER (or dhcp.option.dhcp') })
    expect(error('ip.src == 192.0.2')).toMatchObject({ position: 10, message: expect.stringContaining('IPv4 address') })
    // Addresses are read strictly: no short IPv4 forms, no prefix beyond the family's width, no MAC or word as IPv6.
    for (const text of ['ip.src == 127.1', 'ip.src == 192.0.2.0/33', 'ipv6.src == abc', 'ipv6.src == aa:bb:cc:dd:ee:ff', 'ipv6.src == fe80::/129']) {
      expect(error(text), text).toMatchObject({ message: expect.stringMatching(/is not an IPv[46] address/) })
    }
    expect(error('dhcp.chaddr > aa:bb:cc:dd:ee:ff')).toMatchObject({ position: 12, message: expect.stringContaining('cannot compare a MAC address') })
    expect(error('dhcp == 1')).toMatchObject({ position: 5, message: expect.stringContaining('is a protocol') })
    expect(error('dhcp dhcpv6')).toMatchObject({ position: 5, message: expect.stringContaining('join tests with "and" or "or"') })
    expect(error('dhcp.option.hostname contains "printer')).toMatchObject({ position: 30, message: expect.stringContaining('no closing quote') })
    expect(error('dhcp.option.hostname matches "(["')).toMatchObject({ position: 29, message: expect.stringContaining('regular expression') })
  })

  it('accepts the forms of the issue and Wireshark\'s spellings', () => {
    for (const text of [
      'dhcp.msgtype == DISCOVER', 'dhcp.chaddr == aa:bb:cc:dd:ee:ff', 'dhcp.option == 82', 'dhcp.option.hostname contains "printer"',
      'ip.src == 192.0.2.1', 'not (dhcp.msgtype == OFFER or dhcp.msgtype eq ACK) && !dhcpv6', 'dhcp.option.dhcp == 3',
      'dhcpv6.msgtype == SOLICIT', 'ipv6.src == fe80::/10', 'dhcp.option.router == 192.0.2.0/24', 'dhcp.hw.mac_addr == 00-0c-01-02-03-04',
      'dhcp.option.client_id contains 01:00', 'dhcp.flags.bc == 1', 'dhcp.type == 1', 'dhcp.type == "Boot Reply"', 'dhcpv6.option.status_code == NoAddrsAvail', 'frame.len >= 300',
      '', '   ',
    ]) expect(() => compileFilter(text), text).not.toThrow()
  })

  it('offers every registry option as a field', () => {
    expect(filterFields.get('dhcp.option.hostname')?.kind).toBe('string')
    expect(filterFields.get('dhcp.option.router')?.kind).toBe('ipv4')
    expect(filterFields.get('dhcp.option.agent_information')?.kind).toBe('bytes')
    expect(filterFields.get('dhcpv6.option.dns_servers')?.kind).toBe('ipv6')
    expect(filterFields.get('dhcp.option.time_server')?.description).toBe('Option 4: Time Server')
  })
})

describe('display filter results', () => {
  const work = tempDir('fieldkit-filter')
  const merged = join(work, 'corpus.pcapng')
  execFileSync('mergecap', ['-a', '-w', merged, ...corpusFiles().map((f) => join(corpusDir, f))])
  const { index } = indexCaptureFile(merged)

  // Filters whose meaning is the same in both tools. Wireshark's field for the message type is dhcp.option.dhcp.
  const filters = [
    'dhcp.option.dhcp == 1', 'dhcp.option.dhcp == 5 or dhcp.option.dhcp == 6', 'dhcp.option.type == 82',
    'dhcp.option.type == 61 and not dhcp.option.type == 12', 'dhcp.hw.mac_addr == 00:0b:82:01:fc:42', 'dhcp.ip.your == 0.0.0.0',
    'dhcp.option.hostname contains "a"', 'ip.src == 192.168.0.0/16 and dhcp', 'dhcpv6.msgtype == 1', 'dhcpv6.msgtype == 7',
    'dhcp.option.router == 192.168.0.1', 'udp.srcport == 68', 'dhcp.option.request_list_item == 6', 'ipv6.src == fe80::/10 and dhcpv6',
    'dhcp.flags.bc == 1', 'dhcp.option.domain_name contains "."', 'eth.src == 00:0b:82:01:fc:42', 'dhcp.option.ip_address_lease_time > 3600',
    'dhcp.option.hostname matches "(?i)^[a-z]+[0-9]*$"', 'dhcp.option.domain_name ~ "\\\\.(com|edu|org)$"',
    // Wireshark's names, and fields read from the field tree.
    'dhcp.option.dhcp_server_id == 192.168.0.1', 'dhcp.option.renewal_time_value >= 1800', 'dhcp.option.agent_information_option.agent_circuit_id',
    'dhcp.option.agent_information_option.agent_remote_id', 'dhcp.cookie == 99.130.83.99', 'ip.hdr_len == 20 and ip.proto == 17', 'udp.length > 300',
    'ip.flags == 2', 'ip.id == 0', 'ipv6.hlim == 1', 'ipv6.nxt == 17', 'eth.type == 0x86dd', 'dhcpv6.duid.type == 1', 'dhcpv6.duid.type == 3',
    'dhcpv6.duidllt.link_layer_addr', 'dhcpv6.requested_option_code == 23', 'dhcpv6.iaaddr.ip', 'dhcpv6.iaprefix.pref_addr',
    'dhcpv6.linkaddr', 'dhcpv6.peeraddr == fe80::/10', 'dhcpv6.hopcount == 0', 'dhcp.hw.type == 1', 'dhcp.client_id.type == 255', 'sll.pkttype == 0',
  ]

  // Frame numbers in the merged file where each corpus file starts.
  const firstFrame = new Map<string, number>()
  let next = 1
  for (const file of corpusFiles()) {
    firstFrame.set(file, next)
    next += indexCaptureFile(join(corpusDir, file)).index.count
  }
  const quotedHeader = 'an ICMP error quoting the IPv4 header it answers: Wireshark dissects the quoted header too; we decode the layers down to DHCP only'
  const knownDifferences: Record<string, { file: string; frame: number; why: string }[]> = {
    'ip.flags == 2': [6, 16, 36].map((frame) => ({ file: 'tcpdump__dhcp-rfc4388.pcap', frame, why: quotedHeader })),
    'dhcp.flags.bc == 1': [{
      file: 'tcpdump__bootp_asan.pcap', frame: 1,
      why: 'a fuzzed frame: 90 of 65570 bytes captured, IPv4 header with More Fragments; Wireshark shows the DHCP tree empty, we read the flags that were captured',
    }],
  }

  // dhcp.chaddr and dhcp.id compare the index's client and xid columns first (the frames are read only where they
  // match): the same frames must pass as when the bytes are read, in every packet of the corpus.
  const frames = (filter: string) => [...runFilter(index, compileFilter(filter))]
  it('dhcp.chaddr == selects what reading the frames selects, for every address of the corpus', () => {
    const macs = new Set<string>()
    for (let i = 0; i < index.count; i++) if (index.col.family[i] === 4 && index.col.client[i] >= 0) macs.add(index.clientName(index.col.client[i]))
    let found = 0
    for (const mac of macs) {
      const byColumn = frames(`dhcp.chaddr == ${mac}`)
      if (byColumn.length) found++
      expect(byColumn, mac).toEqual(frames(`dhcp.chaddr contains ${mac}`))
      expect(frames(`dhcp.chaddr != ${mac}`), mac).toEqual(frames(`dhcp.chaddr and not dhcp.chaddr contains ${mac}`))
    }
    expect(found).toBeGreaterThan(10)
  })

  it('dhcp.id == selects the frames tshark selects, for the transaction ids of the corpus', () => {
    const xids = new Set<number>()
    for (let i = 0; i < index.count && xids.size < 6; i++) if (index.col.family[i] === 4) xids.add(index.col.xid[i])
    // One tshark run selects the frames of every id (six runs outgrew the test's time on a loaded machine).
    const hex = (xid: number) => `0x${xid.toString(16)}`
    const rows = execFileSync('tshark', ['-r', merged, '-Y', `dhcp.id in {${[...xids].map(hex).join(', ')}}`, '-T', 'fields', '-e', 'frame.number', '-e', 'dhcp.id'], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map((line) => line.split('\t').map(Number))
    for (const xid of xids) {
      const filter = `dhcp.id == ${hex(xid)}`
      expect(frames(filter).map((i) => i + 1), filter).toEqual(rows.filter(([, id]) => id === xid).map(([frame]) => frame))
    }
  })

  it.each(filters)('%s selects the frames tshark selects', (filter) => {
    const expected = tsharkSelects(merged, filter)
    const differing = new Set((knownDifferences[filter] ?? []).map((d) => firstFrame.get(d.file)! + d.frame - 1))
    const got = [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    expect(got.filter((f) => !differing.has(f))).toEqual(expected.filter((f) => !differing.has(f)))
  })
})
