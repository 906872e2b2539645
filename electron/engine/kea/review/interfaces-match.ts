// The interfaces the server listens on against the subnets that name an interface: no interface at all serves no
// one; a subnet bound to an interface the server does not listen on gets only relayed traffic; an interface
// listened on that no subnet names, when every directly served subnet names its interface, has no subnet to serve.
import { asList, asObject, asText, rootKey, subnets } from './config-shape'
import type { Finding, ReviewRule } from './finding'

/** "eth0/192.0.2.1" (DHCPv4's interface with an address) is the interface eth0. */
const interfaceName = (entry: string) => entry.split('/')[0]

export const interfacesMatch: ReviewRule = {
  id: 'interfaces-match',
  check(input) {
    const root = rootKey(input.service)
    const path = `${root}.interfaces-config.interfaces`
    const listed = asList(asObject(input.config['interfaces-config'])?.interfaces).map(asText).filter((i): i is string => i !== null).map(interfaceName)
    if (listed.length === 0) {
      return [{
        severity: 'error', subject: 'interfaces-config', path,
        problem: `The ${input.service} server listens on no interface: it answers no client, direct or relayed.`,
        fix: 'List the interfaces facing the clients (or the relays) in "interfaces-config": { "interfaces": [ "eth0" ] }, or "*" for all.',
      }]
    }
    const everywhere = listed.includes('*')
    const all = subnets(input)
    const found: Finding[] = all.flatMap((entry) => {
      const bound = asText(entry.subnet.interface)
      if (!bound || everywhere || listed.includes(bound)) return []
      return [{
        severity: 'warning' as const, subject: entry.name, path: `${entry.path}.interface`,
        problem: `${entry.name} is bound to ${bound}, which the server does not listen on: directly connected clients there get no answer (only relayed ones can reach this subnet).`,
        fix: `Add "${bound}" to "interfaces-config"'s "interfaces", or correct the subnet's "interface".`,
      }]
    })
    const direct = all.filter((entry) => !asObject(entry.subnet.relay) && !asObject(entry.network?.relay))
    if (everywhere || direct.length === 0 || !direct.every((entry) => asText(entry.subnet.interface) ?? asText(entry.network?.interface))) return found
    const named = new Set(direct.map((entry) => asText(entry.subnet.interface) ?? asText(entry.network?.interface)))
    for (const name of listed.filter((i) => !named.has(i))) {
      found.push({
        severity: 'info', subject: `interface ${name}`, path,
        problem: `The server listens on ${name}, but no subnet is bound to it: clients there get an answer only if the interface's address falls in a subnet.`,
        fix: `Bind the subnet for that link to it ("interface": "${name}"), or remove ${name} from the list.`,
      })
    }
    return found
  },
}
