// A remote host's capture interfaces: `ip -o link` and `ip -o addr` give names, state, link type and addresses;
// the capture tool's `-D` adds what only libpcap knows (`any`, nflog, descriptions), and is the whole list where
// `ip` is missing.
import type { CaptureInterface } from './source'
import { connectSsh, sshPlace, type SshOptions, type SshTarget } from './ssh-connect'
import { runRemote, shellQuote } from './remote-shell'
import { findRemoteCaptureTool } from './remote-capture-tool'

/** More interfaces than this is not a list anyone picks from; the rest are left off. */
const MAX_INTERFACES = 1000

const LIST_SCRIPT = (toolPath: string) => `echo '## link'; ip -o link show 2>/dev/null
echo '## addr'; ip -o addr show 2>/dev/null
echo '## pcap'; ${shellQuote(toolPath)} -D 2>/dev/null
exit 0`

export async function listSshInterfaces(target: SshTarget, options: SshOptions): Promise<CaptureInterface[]> {
  const client = await connectSsh(target, options)
  try {
    const tool = await findRemoteCaptureTool(client, sshPlace(target))
    return parseInterfaceListing((await runRemote(client, LIST_SCRIPT(tool.path))).stdout)
  } finally {
    client.end()
  }
}

/** The three sections LIST_SCRIPT prints, merged by interface name, in `ip`'s order then libpcap's. */
export function parseInterfaceListing(listing: string): CaptureInterface[] {
  const sections = new Map<string, string[]>()
  let section: string[] = []
  for (const line of listing.split('\n')) {
    const header = /^## (\w+)$/.exec(line)
    if (header) sections.set(header[1], (section = []))
    else if (line.trim()) section.push(line)
  }
  const byName = new Map<string, CaptureInterface>()
  for (const line of sections.get('link') ?? []) {
    const link = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+<([^>]*)>.*?\slink\/(\S+)/.exec(line)
    if (!link) continue
    const flags = link[2].split(',')
    byName.set(link[1], { name: link[1], addresses: [], up: flags.includes('UP'), loopback: flags.includes('LOOPBACK'), linkType: LINK_TYPES[link[3]] })
  }
  for (const line of sections.get('addr') ?? []) {
    const address = /^\d+:\s+([^:@\s]+)\s+inet6?\s+([0-9a-fA-F.:]+)/.exec(line)
    if (address) byName.get(address[1])?.addresses.push(address[2])
  }
  for (const line of sections.get('pcap') ?? []) {
    // tcpdump: `5.any (Pseudo-device that captures on all interfaces) [Up, Running]`; dumpcap: `3. lo (Loopback)`.
    const device = /^\d+\.\s*(\S+)(?:\s+\((.*?)\))?(?:\s+\[([^\]]*)\])?\s*$/.exec(line)
    if (!device) continue
    const [, name, description, flags = ''] = device
    const known = byName.get(name)
    if (known) {
      known.description ??= description
      continue
    }
    byName.set(name, { name, description, addresses: [], up: /\bUp\b/.test(flags) || name === 'any', loopback: /Loopback/i.test(`${flags} ${description ?? ''}`), linkType: name === 'any' ? 'LINUX_SLL2' : undefined })
  }
  return [...byName.values()].slice(0, MAX_INTERFACES)
}

/** `ip link`'s link kinds as libpcap's DLT names (Linux's loopback captures as Ethernet). */
const LINK_TYPES: Record<string, string> = { ether: 'EN10MB', loopback: 'EN10MB', none: 'RAW' }
