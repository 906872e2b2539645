// The Kea console's view of commands (renderer/src/kea-commands.ts): its state-changing rule agrees with the
// engine's, which refuses an unconfirmed change (the renderer cannot import it, the contract does not carry it);
// its templates are arguments Kea takes; what the editor holds is checked as Kea's arguments; and durations read well.
import { describe, expect, it } from 'vitest'
import { changesState as engineChangesState } from '../../electron/engine/kea/state-changing'
import { formatDuration } from '../../renderer/src/durations'
import { changesState, commandTemplates, parseArguments, templateText } from '../../renderer/src/kea-commands'

/** Kea 2.2's dhcp4 list-commands with lease_cmds and stat_cmds, as the lab answers, and some the lab lacks. */
const commands = [
  'build-report', 'config-backend-pull', 'config-get', 'config-reload', 'config-set', 'config-test', 'config-write', 'dhcp-disable', 'dhcp-enable',
  'lease4-add', 'lease4-del', 'lease4-get', 'lease4-get-all', 'lease4-get-by-client-id', 'lease4-get-by-hostname', 'lease4-get-by-hw-address',
  'lease4-get-page', 'lease4-resend-ddns', 'lease4-update', 'lease4-wipe', 'lease6-bulk-apply', 'leases-reclaim', 'libreload', 'list-commands',
  'server-tag-get', 'shutdown', 'stat-lease4-get', 'statistic-get', 'statistic-get-all', 'statistic-remove', 'statistic-reset-all',
  'statistic-sample-age-set', 'status-get', 'version-get', 'subnet4-list', 'subnet4-add', 'ha-heartbeat', 'ha-maintenance-start',
  'remote-subnet4-list', 'reservation-get-page', 'cache-size', 'subnet4-select-test', 'a-command-nobody-knows',
]

describe('Kea console commands', () => {
  it('asks before exactly the commands the engine refuses unconfirmed', () => {
    for (const command of [...commands, ...Object.keys(commandTemplates)]) {
      expect(changesState(command), command).toBe(engineChangesState(command))
    }
    expect(['lease4-del', 'leases-reclaim', 'dhcp-disable', 'config-set', 'shutdown'].filter(changesState)).toHaveLength(5)
    expect(['status-get', 'lease4-get-all', 'subnet4-list', 'statistic-get-all', 'config-get'].some(changesState)).toBe(false)
  })

  it('offers templates that the editor takes back as the same arguments', () => {
    for (const [command, template] of Object.entries(commandTemplates)) {
      const parsed = parseArguments(templateText(command))
      expect(parsed, command).toEqual({ arguments: template.arguments ?? undefined, error: null })
      expect(template.note, command).not.toBe('')
    }
    expect(templateText('lease4-del')).toBe('{\n  "ip-address": "192.0.2.100"\n}')
    expect(templateText('a-command-nobody-knows')).toBe('')
  })

  it('takes an empty editor as no arguments and says what is wrong with anything but a JSON object', () => {
    expect(parseArguments('  \n')).toEqual({ arguments: undefined, error: null })
    expect(parseArguments('{ "subnets": [1, 2] }')).toEqual({ arguments: { subnets: [1, 2] }, error: null })
    expect(parseArguments('{ "ip-address": ').error).toMatch(/^Not JSON: /)
    for (const notAnObject of ['[1]', '"text"', '42', 'null']) {
      expect(parseArguments(notAnObject).error, notAnObject).toBe('Kea\'s arguments are a JSON object: { "name": value, … }.')
    }
  })

  it('tells durations in their two largest units', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(42)).toBe('42 s')
    expect(formatDuration(185)).toBe('3 min 5 s')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(11_545)).toBe('3 h 12 min')
    expect(formatDuration(2 * 86400 + 3 * 3600 + 59)).toBe('2 d 3 h')
    expect(formatDuration(86400 + 59)).toBe('1 d')
  })
})
