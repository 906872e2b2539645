// The built-in client's variables beside real dhclient's for the same client (MAC) and server: what the app shows as
// "Compare with dhclient". Some values differ between any two runs and say nothing about either client: the lease's
// start and end (new_expiry; DHCPv6's new_starts, new_life_starts: from the moment each answer came), the interface
// each ran on, and the address when the server hands the second run another one.
import type { ClientVariableRow } from '../../contract/types'
import type { DhclientVariables } from './dhclient-vars'

/** Values that belong to one run, not to what the server said. */
const PER_RUN = new Set(['interface', 'new_expiry', 'new_life_starts', 'new_starts'])
/** The leased address (v4 and v6): the server may hand a second run the next one. */
const ADDRESS = new Set(['new_ip_address', 'new_ip6_address'])

export const PER_RUN_NOTE = 'Not compared: the lease\'s end and start (new_expiry; new_starts, new_life_starts in DHCPv6) and the interface, which differ between any two runs, and the address when the server handed the second run another one.'

function verdict(name: string, builtin: string | undefined, dhclient: string | undefined): ClientVariableRow['verdict'] {
  if (builtin === undefined) return 'dhclient-only'
  if (dhclient === undefined) return 'builtin-only'
  if (builtin === dhclient) return 'same'
  return PER_RUN.has(name) || ADDRESS.has(name) ? 'per-run' : 'differs'
}

/** Every variable either client got, by name, with whether they agree. */
export function compareVariables(builtin: DhclientVariables, dhclient: DhclientVariables): ClientVariableRow[] {
  const names = [...new Set([...Object.keys(builtin), ...Object.keys(dhclient)])].sort((a, b) => (a === 'reason' ? -1 : b === 'reason' ? 1 : a.localeCompare(b)))
  return names.map((name) => ({ name, builtin: builtin[name] ?? null, dhclient: dhclient[name] ?? null, verdict: verdict(name, builtin[name], dhclient[name]) }))
}

/** True when the two agree on every variable both have (per-run values aside). */
export function agree(rows: ClientVariableRow[]): boolean {
  return rows.every((row) => row.verdict !== 'differs')
}
