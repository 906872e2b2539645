// Which commands change a server's state, so the console asks before sending them. Decided by what a command
// only reads: anything else (including commands this list has never heard of) counts as a change.
import { KeaError } from './kea-error'

const readOnlyCommands = new Set([
  'list-commands', 'version-get', 'status-get', 'build-report', 'config-get', 'config-hash-get', 'config-test',
  'server-tag-get', 'ha-heartbeat', 'cache-size', 'subnet4-select-test', 'subnet4o6-select-test', 'subnet6-select-test',
])

/** Reads: `…-get`, `…-get-…`, `…-list`, `…-list-…` (lease4-get-all, statistic-get, subnet4-list, remote-subnet4-list…). */
const readOnlyPattern = /-(get|list)(-|$)/

export function changesState(command: string): boolean {
  return !readOnlyCommands.has(command) && !readOnlyPattern.test(command)
}

export function confirmationNeeded(command: string): string {
  return `"${command}" changes the server's state: confirm it to send it (in the command line, add --yes).`
}

/** The engine's own check: the page (untrusted) or a script may skip its dialog, never this. */
export function requireConfirmation(command: string, confirmed: boolean): void {
  if (changesState(command) && !confirmed) throw new KeaError('unconfirmed', confirmationNeeded(command))
}
