// The interfaces a local capture can use, listed without capture rights: on Linux from /sys/class/net (state and
// hardware type) and the addresses Node sees, so an interface without addresses, like the lab's bridge, is listed too;
// elsewhere from libpcap.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { networkInterfaces } from 'node:os'
import { lab } from '../../lab/topology'
import type { CaptureInterface } from './source'

const SYS_NET = '/sys/class/net'
const IFF_UP = 0x1
const IFF_LOOPBACK = 0x8
/** ARPHRD_* (linux/if_arp.h) to the link type libpcap gives such a device on Linux. */
const LINK_TYPES: Record<number, string> = { 1: 'EN10MB', 772: 'EN10MB', 65534: 'RAW', 512: 'LINUX_SLL', 801: 'IEEE802_11', 803: 'IEEE802_11_RADIO', 280: 'CAN_SOCKETCAN' }

function sysValue(name: string, file: string): string | null {
  try {
    return readFileSync(`${SYS_NET}/${name}/${file}`, 'utf8').trim()
  } catch {
    return null
  }
}

function addressesOf(name: string): string[] {
  return (networkInterfaces()[name] ?? []).map((address) => address.cidr ?? address.address)
}

/**
 * Interfaces with an IPv4 address leased by DHCP: iproute2 marks such an address dynamic (it has a lifetime). An
 * IPv6 address is dynamic from router advertisements too, so it says nothing of DHCPv6.
 */
function dhcpLeased(): Set<string> {
  try {
    const links = JSON.parse(execFileSync('ip', ['-j', '-4', 'addr', 'show'], { encoding: 'utf8', timeout: 2000, maxBuffer: 1 << 22 })) as { ifname: string; addr_info?: { dynamic?: boolean }[] }[]
    return new Set(links.filter((link) => link.addr_info?.some((address) => address.dynamic)).map((link) => link.ifname))
  } catch {
    return new Set()
  }
}

function linuxInterfaces(): CaptureInterface[] {
  const leased = dhcpLeased()
  const devices = readdirSync(SYS_NET).sort().map((name): CaptureInterface => {
    const flags = Number(sysValue(name, 'flags') ?? 0)
    const linkType = LINK_TYPES[Number(sysValue(name, 'type'))]
    return {
      name,
      ...(name === lab.captureInterface ? { description: 'Kea lab: every packet between its server and client namespaces', lab: true } : {}),
      addresses: addressesOf(name),
      ...(leased.has(name) && { dhcp: true }),
      up: (flags & IFF_UP) !== 0,
      ...(linkType ? { linkType } : {}),
      loopback: (flags & IFF_LOOPBACK) !== 0,
    }
  })
  const any: CaptureInterface = { name: 'any', description: 'Every interface at once (Linux cooked capture)', addresses: [], up: true, linkType: 'LINUX_SLL', loopback: false }
  return [...devices, any]
}

interface PcapDevice {
  name: string
  description?: string
  addresses: { addr: string }[]
}

/**
 * Elsewhere libpcap's own list (pcap_findalldevs through `cap`; listing opens no device): its names are the ones a
 * capture takes, such as Npcap's \\Device\\NPF_{…} on Windows, with the description that makes them readable.
 */
export function pcapInterfaces(): CaptureInterface[] {
  const { Cap } = createRequire(import.meta.url)('cap') as { Cap: { deviceList(): PcapDevice[] } }
  return Cap.deviceList().map((device) => ({
    name: device.name,
    ...(device.description ? { description: device.description } : {}),
    addresses: device.addresses.map((address) => address.addr),
    up: true,
    loopback: device.addresses.some((address) => address.addr === '127.0.0.1' || address.addr === '::1'),
  }))
}

export function listCaptureInterfaces(): CaptureInterface[] {
  return process.platform === 'linux' && existsSync(SYS_NET) ? linuxInterfaces() : pcapInterfaces()
}
