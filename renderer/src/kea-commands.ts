// What the Kea console knows about commands before sending one: a starting point for the arguments of the common
// ones, whether a command changes the server's state (the console asks first), and whether typed arguments are JSON
// Kea can take.
import { parseJsonObject } from './json-object'

/** Arguments to start from (null: the command takes none), and what to change in them. */
export interface CommandTemplate {
  arguments: Record<string, unknown> | null
  note: string
}

const noArguments = (note: string): CommandTemplate => ({ arguments: null, note })

export const commandTemplates: Record<string, CommandTemplate> = {
  'status-get': noArguments('Takes no arguments: pid, uptime, time since reload, multi-threading, HA.'),
  'version-get': noArguments('Takes no arguments.'),
  'list-commands': noArguments('Takes no arguments: the commands this server knows, hooks included.'),
  'config-get': noArguments('Takes no arguments: the running configuration (it may hold database passwords).'),
  'build-report': noArguments('Takes no arguments.'),
  'subnet4-list': noArguments('Takes no arguments (subnet_cmds hook).'),
  'subnet6-list': noArguments('Takes no arguments (subnet_cmds hook).'),
  'statistic-get-all': noArguments('Takes no arguments: every statistic with its samples.'),
  'statistic-get': { arguments: { name: 'pkt4-received' }, note: 'A statistic\'s name, as statistic-get-all lists them.' },
  'lease4-get-all': { arguments: { subnets: [1] }, note: 'Leave empty for the leases of every subnet; "subnets" narrows to those ids.' },
  'lease6-get-all': { arguments: { subnets: [1] }, note: 'Leave empty for the leases of every subnet; "subnets" narrows to those ids.' },
  'lease4-get': { arguments: { 'ip-address': '192.0.2.100' }, note: 'The leased address.' },
  'lease6-get': { arguments: { 'ip-address': '2001:db8:1::100' }, note: 'The leased address (add "type": "IA_PD" for a prefix).' },
  'lease4-get-by-hw-address': { arguments: { 'hw-address': '02:00:5e:00:53:01' }, note: 'The client\'s MAC address.' },
  'lease4-del': { arguments: { 'ip-address': '192.0.2.100' }, note: 'The lease to delete: the client loses it at once.' },
  'lease6-del': { arguments: { 'ip-address': '2001:db8:1::100' }, note: 'The lease to delete: the client loses it at once.' },
  'stat-lease4-get': { arguments: { 'subnet-id': 1 }, note: 'Leave empty for every subnet (stat_cmds hook).' },
  'stat-lease6-get': { arguments: { 'subnet-id': 1 }, note: 'Leave empty for every subnet (stat_cmds hook).' },
  'dhcp-disable': { arguments: { 'max-period': 60 }, note: 'The server stops answering clients; "max-period" (seconds) turns it back on by itself.' },
  'leases-reclaim': { arguments: { remove: false }, note: 'Reclaims expired leases now; "remove": true deletes them instead of keeping them expired.' },
}

/**
 * Commands that only read, the rest change the server's state. The engine decides (it refuses an unconfirmed
 * change) by this same rule; the contract does not say which commands those are, so the console applies it to ask
 * before sending rather than after a refusal. Unknown commands count as changes.
 */
const reads = new Set([
  'list-commands', 'version-get', 'status-get', 'build-report', 'config-get', 'config-hash-get', 'config-test',
  'server-tag-get', 'ha-heartbeat', 'cache-size', 'subnet4-select-test', 'subnet4o6-select-test', 'subnet6-select-test',
])

export function changesState(command: string): boolean {
  return !reads.has(command) && !/-(get|list)(-|$)/.test(command)
}

/** What the arguments editor holds: nothing (no arguments sent), a JSON object, or why it is neither. */
export type ParsedArguments = { arguments: Record<string, unknown> | undefined; error: null } | { arguments: undefined; error: string }

export function parseArguments(text: string): ParsedArguments {
  if (!text.trim()) return { arguments: undefined, error: null }
  const parsed = parseJsonObject(text, 'Kea\'s arguments are a JSON object: { "name": value, … }.')
  return parsed.error === null ? { arguments: parsed.value, error: null } : { arguments: undefined, error: parsed.error }
}

/** The editor's text for a template: pretty JSON, or empty for a command without arguments. */
export function templateText(command: string): string {
  const template = commandTemplates[command]?.arguments
  return template ? JSON.stringify(template, null, 2) : ''
}
