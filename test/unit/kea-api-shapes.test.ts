// Kea's API shapes and answers across versions, from recorded answers (test/fixtures/kea) of the Kea versions this
// machine does not run: 2.4 and 2.6 Control Agents and servers, Kea 3.0's servers with their own HTTP sockets.
// The real Kea 2.2 is proven in test/lab/kea-api.test.ts.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { daemonKind, familyFromCommands, familyFromStatistic, serviceAbsence } from '../../electron/engine/kea/api-shape'
import { readAnswer, readHttpAnswer } from '../../electron/engine/kea/kea-client'
import { KeaError } from '../../electron/engine/kea/kea-error'
import { hookForCommand, missingHookHint, resultMeaning } from '../../electron/engine/kea/result-codes'
import { changesState } from '../../electron/engine/kea/state-changing'
import { serviceStatus } from '../../electron/engine/kea/status'

const recorded = (name: string) => readFileSync(new URL(`../fixtures/kea/${name}`, import.meta.url), 'utf8')
const answer = (name: string) => readAnswer(recorded(name), 'https://kea.example:8000/', 'list-commands')
const commands = (name: string) => answer(name).arguments as string[]

describe('Kea API shapes', () => {
  it('tells a Control Agent, a DHCP server and a DDNS server apart by the commands they list', () => {
    expect(daemonKind(commands('ca-2.4-list-commands.json'))).toBe('ctrl-agent')
    expect(daemonKind(commands('kea-3.0-dhcp4-http-list-commands.json'))).toBe('dhcp')
    expect(daemonKind(commands('kea-3.0-dhcp6-unix-list-commands.json'))).toBe('dhcp')
    expect(daemonKind(commands('kea-2.4-d2-list-commands.json'))).toBe('d2')
  })

  it('tells DHCPv4 from DHCPv6 by family commands, and without them by the pkt4-received statistic', () => {
    expect(familyFromCommands(commands('kea-3.0-dhcp4-http-list-commands.json'))).toBe('dhcp4')
    expect(familyFromCommands(commands('kea-3.0-dhcp6-unix-list-commands.json'))).toBe('dhcp6')
    expect(familyFromCommands(['config-get', 'dhcp-disable', 'statistic-get'])).toBeNull()
    expect(familyFromStatistic({ result: 0, arguments: { 'pkt4-received': [[0, '2024-01-12 10:12:03.000000']] } })).toBe('dhcp4')
    expect(familyFromStatistic({ result: 0, arguments: {} })).toBe('dhcp6')
  })

  it('reads answers wrapped in a list (Control Agent, Kea 3 HTTP) and bare (unix socket) alike', () => {
    expect(answer('kea-3.0-version-get.json')).toMatchObject({ result: 0, text: '3.0.0' })
    expect(answer('kea-3.0-unsupported.json')).toEqual({ result: 2, text: '\'lease4-get\' command not supported.' })
  })

  it('says what is not Kea: a web page, other JSON, an empty list', () => {
    const html = { status: 200, contentType: 'text/html; charset=utf-8', body: '' }
    expect(() => readAnswer('<!DOCTYPE html><html><body>Welcome to nginx!</body></html>', 'http://kea.example/', 'list-commands', html))
      .toThrow(/answered with a web page, not Kea's JSON: this is not the Kea API; check the host and port/)
    expect(() => readAnswer('{"status":"ok"}', 'http://kea.example/', 'list-commands')).toThrow(/something other than Kea's JSON/)
    expect(() => readAnswer('[]', 'http://kea.example/', 'list-commands')).toThrow(KeaError)
  })

  it('says a 403 names both causes (Kea ≥ 2.4 answers a wrong password with it), and asks for credentials when none were given', () => {
    const body = recorded('ca-2.4-forbidden.json')
    const forbidden = (status: number, hasUser: boolean) => () => readHttpAnswer({ status, contentType: 'application/json', body }, 'https://kea.example:8000/', 'config-set', hasUser)
    expect(forbidden(403, true)).toThrow('https://kea.example:8000/ refused "config-set" (403 Forbidden): the user name or password is wrong, or this user may not run it (Kea\'s access rules); check both.')
    expect(forbidden(200, true)).toThrow(/403 Forbidden/)
    expect(forbidden(403, false)).toThrow(/it requires a user name and password; add them to the connection\.$/)
  })

  it('says which server a Control Agent lacks and which one is down', () => {
    expect(serviceAbsence('d2', answer('ca-2.6-no-d2.json'))).toEqual({ state: 'absent', problem: expect.stringMatching(/^The Control Agent has no d2 server: its "control-sockets" have none for d2/) })
    const offline = { result: 1, text: 'unable to forward command to the dhcp6 service: No such file or directory. The server is likely to be offline' }
    expect(serviceAbsence('dhcp6', offline)?.state).toBe('down')
    expect(serviceAbsence('dhcp6', offline)?.problem).toMatch(/^The dhcp6 server is down: the Control Agent cannot reach it/)
    expect(serviceAbsence('dhcp4', { result: 1, text: 'lease4-get: invalid ip-address' })).toBeNull()
  })
})

describe('Kea results', () => {
  it('gives every result code its meaning', () => {
    expect([0, 1, 2, 3, 4, 403].map(resultMeaning)).toEqual(['success', 'error', 'unsupported command', 'empty: nothing found or nothing affected', 'conflict with the server\'s state or configuration', 'forbidden'])
    expect(resultMeaning(1001)).toMatch(/specific to a hook library/)
  })

  it('turns "unsupported" for a hook\'s command into the hook to load', () => {
    const unsupported = answer('kea-3.0-unsupported.json')
    expect(missingHookHint('lease4-get', unsupported.result)).toMatch(/^"lease4-get" comes from the lease_cmds hook library: load libdhcp_lease_cmds\.so/)
    expect(missingHookHint('lease4-get', 0)).toBeNull()
    expect(missingHookHint('no-such-command', 2)).toBeNull()
    expect(Object.fromEntries(['stat-lease6-get', 'lease6-bulk-apply', 'subnet4-list', 'network6-add', 'ha-heartbeat', 'reservation-get', 'leases-reclaim', 'subnet4-select-test', 'status-get']
      .map((c) => [c, hookForCommand(c)]))).toEqual({
      'stat-lease6-get': 'stat_cmds', 'lease6-bulk-apply': 'lease_cmds', 'subnet4-list': 'subnet_cmds', 'network6-add': 'subnet_cmds', 'ha-heartbeat': 'ha',
      'reservation-get': 'host_cmds', 'leases-reclaim': null, 'subnet4-select-test': null, 'status-get': null,
    })
  })

  it('counts every command that is not a read as a change of state, unknown ones too', () => {
    const reads = ['list-commands', 'status-get', 'config-get', 'config-test', 'lease4-get-all', 'lease6-get-by-duid', 'statistic-get-all', 'stat-lease4-get', 'subnet4-list', 'ha-heartbeat']
    const changes = ['lease4-del', 'lease6-wipe', 'leases-reclaim', 'dhcp-disable', 'config-set', 'config-write', 'config-reload', 'shutdown', 'statistic-reset-all', 'ha-maintenance-start', 'some-new-command']
    expect(reads.filter(changesState)).toEqual([])
    expect(changes.filter((c) => !changesState(c))).toEqual([])
  })
})

describe('Kea status from status-get', () => {
  it('reads Kea 2.6\'s multi-threading, HA relationship and dhcp-state', () => {
    const status = serviceStatus('dhcp4', answer('kea-2.6-dhcp4-status-get-ha.json'), '2.6.1')
    expect(status).toEqual({
      service: 'dhcp4', up: true, problem: null, pid: 2341, uptimeSeconds: 86520, reloadSeconds: 1200, version: '2.6.1',
      multiThreading: { enabled: true, threadPoolSize: 4, packetQueueSize: 64 }, sockets: { status: 'ready', errors: [] },
      dhcpDisabled: 'DHCP service is disabled by its HA partner (HA_server1)',
      ha: [{ mode: 'load-balancing', localRole: 'primary', localState: 'load-balancing', partnerName: 'server2', partnerRole: 'secondary', partnerState: 'load-balancing', inTouch: true, communicationInterrupted: false }],
    })
  })

  it('reads Kea 3.0\'s sockets that are retrying and DHCP disabled by the user', () => {
    const status = serviceStatus('dhcp6', answer('kea-3.0-dhcp6-status-get-retrying.json'), '3.0.0')
    expect(status).toMatchObject({ up: true, pid: 812, sockets: { status: 'retrying', errors: ['the interface eth1 is not running'] }, dhcpDisabled: 'DHCP service is disabled by the dhcp-disable command', ha: null })
    expect(status.multiThreading).toEqual({ enabled: false, threadPoolSize: null, packetQueueSize: null })
  })

  it('counts a server that does not answer status-get as down, with the reason', () => {
    expect(serviceStatus('dhcp6', { result: 1, text: 'boom' }, null)).toMatchObject({ up: false, problem: 'status-get failed: boom', pid: null })
  })
})
