// Wireshark's field names as filters: every DHCP and DHCPv6 field Wireshark's own decode of the corpus names
// (the stored `*.tshark.json`) is a filter field here and, as a bare name, selects exactly the packets in which
// Wireshark shows it. Beyond the corpus, every DHCP and DHCPv6 field Wireshark defines (`tshark -G fields`) is a
// filter field: a filter written for Wireshark is never a mistake here. Where this decoder shows no such data
// (DOCSIS and PacketCable encodings, DHCPv6 failover, S46 rules, most expert notes…) the field is accepted and
// simply absent, as a field is in Wireshark in a packet that lacks it.
import { execFileSync } from 'node:child_process'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkFilter, compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { filterField } from '../../electron/engine/filter/fields'
import { wiresharkDhcpFields } from '../../electron/engine/filter/wireshark-dhcp-fields'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { capturesWithWiresharkDecode, framesDecodedDifferently as skipped, wiresharkDecode, type TsharkValue } from '../helpers/corpus'

/** The DHCP/DHCPv6 field names in a packet's Wireshark decode. */
function names(value: TsharkValue, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => names(v, into))
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (/^dhcp(v6)?\.[\w.]+$/.test(key) && !key.endsWith('_tree')) into.add(key)
      names(inner, into)
    }
  }
  return into
}

const framesByName = new Map<string, Map<string, Set<number>>>()
// Keyed by file name: the corpus's, and WIRESHARK_VALUES_DIR's captures when it is set.
const paths = new Map(capturesWithWiresharkDecode().map((path) => [basename(path), path]))
for (const [file, path] of paths) {
  for (const [frame, layers] of wiresharkDecode(`${path}.tshark.json`)) {
    for (const name of names(layers)) {
      const byFile = framesByName.get(name) ?? new Map<string, Set<number>>()
      const frames = byFile.get(file) ?? new Set<number>()
      frames.add(frame)
      byFile.set(file, frames)
      framesByName.set(name, byFile)
    }
  }
}
const taken = [...framesByName.keys()].sort()
const indexes = new Map([...paths].map(([file, path]) => [file, indexCaptureFile(path).index]))

describe('Wireshark\'s field names', () => {
  it('are all taken', () => {
    expect(taken.length).toBeGreaterThan(140)
    expect(taken.filter((name) => !checkFilter(name).ok)).toEqual([])
  })

  it.each(taken)('%s selects the packets in which Wireshark shows it', (name) => {
    const test = compileFilter(name)
    for (const [file, index] of indexes) {
      const other = skipped(file)
      const ours = [...runFilter(index, test)].map((i) => i + 1).filter((f) => !other.has(f))
      const theirs = [...(framesByName.get(name)!.get(file) ?? [])].filter((f) => !other.has(f)).sort((a, b) => a - b)
      expect(ours, `${file}`).toEqual(theirs)
    }
  })
})

/** Wireshark's DHCP and DHCPv6 field names and types from the tshark installed here, or null without tshark. */
function tsharkFields(): { name: string; type: string }[] | null {
  let out: string
  try {
    out = execFileSync('tshark', ['-G', 'fields'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return null
  }
  return out.split('\n').map((line) => line.split('\t')).filter((f) => f[0] === 'F' && /^dhcp(v6)?\./.test(f[2])).map((f) => ({ name: f[2], type: f[3].replace(/^FT_/, '') }))
}

describe('every DHCP and DHCPv6 field Wireshark defines', () => {
  const installed = tsharkFields()

  it('is a filter field, alone and in a test', () => {
    const names = installed?.map((f) => f.name) ?? wiresharkDhcpFields.map((f) => f.name)
    expect(names.length).toBeGreaterThan(700)
    expect(names.filter((name) => !checkFilter(name).ok || !checkFilter(`not ${name} and dhcp`).ok)).toEqual([])
  })

  it.runIf(installed)('is in the stored table, with the type Wireshark gives it (tshark installed here)', () => {
    const stored = new Map(wiresharkDhcpFields.map((f) => [f.name, f.type]))
    expect(installed!.filter((f) => stored.get(f.name) !== f.type)).toEqual([])
  })

  it('reads as its type: bit fields by their mask, expert notes as present or not', () => {
    expect(filterField('dhcp.flags.reserved')).toMatchObject({ kind: 'number' })
    expect(filterField('dhcp.option.vendor.pxeclient.discovery_control.bstrap')).toMatchObject({ kind: 'bool' })
    expect(filterField('dhcp.option.vendor.pxeclient.boot_servers.ip')).toMatchObject({ kind: 'ipv4' })
    expect(filterField('dhcpv6.malformed_option')).toMatchObject({ kind: 'protocol' })
    expect(checkFilter('dhcp.option.vendor.pxeclient.boot_servers.ip == 192.168.16.10 and dhcp.flags.reserved == 0')).toEqual({ ok: true })
    const netboot = indexes.get('netboot__nsec.pcap')!
    const selected = (filter: string) => [...runFilter(netboot, compileFilter(filter))].map((i) => i + 1)
    // Wireshark: discovery control 0x03 in frame 2's PXE option 43 (Disable Broadcast, Disable Multicast).
    expect(selected('dhcp.option.vendor.pxeclient.discovery_control.multicast == 1')).toEqual([2])
    expect(selected('dhcp.option.vendor.pxeclient.discovery_control.serverlist == 1')).toEqual([])
    expect(selected('dhcp.option.vendor.pxeclient.boot_servers.ip == 192.168.16.10')).toEqual([2])
    expect(selected('dhcp.type == "Boot Reply"')).toEqual(selected('dhcp.op == 2'))
  })

  it('is absent where this decoder shows no such data, as Wireshark\'s is where a packet lacks it', () => {
    for (const name of ['dhcp.docsis_cm_cap.mpls.stpid', 'dhcpv6.failover.mclt', 'dhcpv6.mip6_home_agent', 'dhcp.option.vendor.cisco.suboption']) {
      for (const [file, index] of indexes) expect([...runFilter(index, compileFilter(name))], `${name} in ${file}`).toEqual([])
    }
  })
})
