// What a Kea answer's `result` means, and which hook library a command comes from: Kea answers 2 ("unsupported")
// both for a typo and for a command whose hook is not loaded, and only the second has a fix worth saying.

export const resultMeanings: Record<number, string> = {
  0: 'success',
  1: 'error',
  2: 'unsupported command',
  3: 'empty: nothing found or nothing affected',
  4: 'conflict with the server\'s state or configuration',
  401: 'unauthorized',
  403: 'forbidden',
}

export function resultMeaning(result: number): string {
  return resultMeanings[result] ?? `result code ${result} (specific to a hook library)`
}

/** Kea's hook libraries that bring commands, by command prefix; the first match wins. */
const hookCommands: [RegExp, string][] = [
  [/^leases-reclaim$/, ''], // built into the servers
  [/^stat-lease[46]-get/, 'stat_cmds'],
  [/^leases?[46]?-/, 'lease_cmds'],
  [/^extended-info[46]-upgrade$/, 'lease_cmds'],
  [/^subnet[46]o?[46]?-select-test$/, ''], // built in since 2.4
  [/^(subnet|network)[46]-/, 'subnet_cmds'],
  [/^ha-/, 'ha'],
  [/^reservation-/, 'host_cmds'],
  [/^class-/, 'class_cmds'],
  [/^cache-/, 'host_cache'],
  [/^remote-/, 'cb_cmds'],
  [/^gss-tsig-/, 'gss_tsig'],
  [/^perfmon-/, 'perfmon'],
]

/** The hook library a command belongs to, or null for one built into Kea. */
export function hookForCommand(command: string): string | null {
  const match = hookCommands.find(([pattern]) => pattern.test(command))
  return match?.[1] || null
}

/** The line that loads `hook` into a server's "hooks-libraries" (Debian/Ubuntu's path; others differ by prefix). */
export function hookLibraryFile(hook: string): string {
  return `libdhcp_${hook}.so`
}

/** What a missing hook keeps from working, said where the app reports what it found. */
export const hookFeatures: Record<string, string> = {
  lease_cmds: 'leases: find, show, add and delete them through the API',
  stat_cmds: 'lease statistics per subnet (stat-lease4-get, stat-lease6-get) for pool utilization',
  subnet_cmds: 'listing and changing subnets and shared networks through the API',
  host_cmds: 'host reservations through the API',
  ha: 'high-availability state and the partner\'s state (only with an HA partner)',
}

/** The hooks whose absence the app reports, each with a command that proves it loaded. */
export const reportedHooks: { hook: string; probe: Record<'dhcp4' | 'dhcp6', string> }[] = [
  { hook: 'lease_cmds', probe: { dhcp4: 'lease4-get', dhcp6: 'lease6-get' } },
  { hook: 'stat_cmds', probe: { dhcp4: 'stat-lease4-get', dhcp6: 'stat-lease6-get' } },
  { hook: 'subnet_cmds', probe: { dhcp4: 'subnet4-list', dhcp6: 'subnet6-list' } },
  { hook: 'host_cmds', probe: { dhcp4: 'reservation-get', dhcp6: 'reservation-get' } },
  { hook: 'ha', probe: { dhcp4: 'ha-heartbeat', dhcp6: 'ha-heartbeat' } },
]

/** "load hook X" for an unsupported command that a hook brings; null when result 2 means an unknown command. */
export function missingHookHint(command: string, result: number): string | null {
  if (result !== 2) return null
  const hook = hookForCommand(command)
  return hook && `"${command}" comes from the ${hook} hook library: load ${hookLibraryFile(hook)} in the server's "hooks-libraries" and reload its configuration.`
}
