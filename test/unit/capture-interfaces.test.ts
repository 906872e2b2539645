// The interface list needs no capture rights: on Linux from /sys (up/down, link type, the lab's bridge even without
// an address), elsewhere from libpcap's own list through `cap`, which is checked here against the same machine.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { listCaptureInterfaces, pcapInterfaces } from '../../electron/engine/live/interfaces'

describe('capture interfaces', () => {
  it('lists loopback, up, with its address and link type, and the any pseudo-interface', () => {
    const list = listCaptureInterfaces()
    expect(list.find((i) => i.name === 'lo')).toMatchObject({ up: true, loopback: true, linkType: 'EN10MB', addresses: expect.arrayContaining(['127.0.0.1/8']) })
    expect(list.find((i) => i.name === 'any')).toMatchObject({ linkType: 'LINUX_SLL' })
  })

  it('libpcap names the same devices, with their addresses', () => {
    const fromPcap = pcapInterfaces()
    expect(fromPcap.find((i) => i.name === 'lo')).toMatchObject({ loopback: true, addresses: expect.arrayContaining(['127.0.0.1']) })
    const known = new Set(listCaptureInterfaces().map((i) => i.name))
    // libpcap also offers pseudo-devices (nflog, dbus, bluetooth-monitor) that are no network interfaces.
    expect(fromPcap.filter((i) => i.addresses.length > 0).map((i) => i.name).filter((name) => !known.has(name))).toEqual([])
  })

  it.skipIf(process.getuid?.() !== 0)('marks an interface holding a DHCP lease (an IPv4 address with a lifetime), and no other', () => {
    // A veth pair left down carries no traffic; 198.18.0.0/15 is the benchmarking range.
    const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore' })
    ip('link', 'add', 'fk-test-lease', 'type', 'veth', 'peer', 'name', 'fk-test-peer')
    try {
      ip('addr', 'add', '198.18.0.1/32', 'dev', 'fk-test-lease', 'valid_lft', '300', 'preferred_lft', '300')
      expect(listCaptureInterfaces().find((i) => i.name === 'fk-test-lease')).toMatchObject({ dhcp: true })
      ip('addr', 'change', '198.18.0.1/32', 'dev', 'fk-test-lease', 'valid_lft', 'forever', 'preferred_lft', 'forever')
      expect(listCaptureInterfaces().find((i) => i.name === 'fk-test-lease')!.dhcp).toBeUndefined()
    } finally {
      ip('link', 'del', 'fk-test-lease')
    }
    expect(listCaptureInterfaces().find((i) => i.name === 'lo')!.dhcp).toBeUndefined()
  })
})
