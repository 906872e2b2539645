// The configuration review, one check at a time on small configurations: each fires on the mistake it names and
// stays quiet on a sound configuration. A sound lab-like configuration gives no finding at all.
import { describe, expect, it } from 'vitest'
import type { KeaDhcpService } from '../../electron/contract/types'
import { controlSocket } from '../../electron/engine/kea/review/control-socket'
import { debugLogging } from '../../electron/engine/kea/review/debug-logging'
import type { ReviewRule } from '../../electron/engine/kea/review/finding'
import { hooksLoaded } from '../../electron/engine/kea/review/hooks-loaded'
import { reviewConfig } from '../../electron/engine/kea/review/index'
import { interfacesMatch } from '../../electron/engine/kea/review/interfaces-match'
import { lifetimeForPool } from '../../electron/engine/kea/review/lifetime-for-pool'
import { loggerDestination } from '../../electron/engine/kea/review/logger-destination'
import { poolOutsideSubnet } from '../../electron/engine/kea/review/pool-outside-subnet'
import { poolOverlap } from '../../electron/engine/kea/review/pool-overlap'
import { renewRebindTimers } from '../../electron/engine/kea/review/renew-rebind-timers'
import { reservationOutsideSubnet } from '../../electron/engine/kea/review/reservation-outside-subnet'
import { subnetOverlap } from '../../electron/engine/kea/review/subnet-overlap'
import { REDACTED, redactSecrets } from '../../electron/engine/kea/redact'

const hooks = ['libdhcp_lease_cmds.so', 'libdhcp_stat_cmds.so'].map((l) => ({ library: `/usr/lib/x86_64-linux-gnu/kea/hooks/${l}` }))

/** A sound DHCPv4 server, as the lab runs one; each test changes what its check is about. */
function sound4(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'interfaces-config': { interfaces: ['eth0'] },
    'control-socket': { 'socket-type': 'unix', 'socket-name': '/run/kea/kea4.sock' },
    'hooks-libraries': hooks,
    'valid-lifetime': 3600, 'renew-timer': 1800, 'rebind-timer': 3150,
    subnet4: [
      { id: 1, subnet: '192.0.2.0/24', interface: 'eth0', pools: [{ pool: '192.0.2.100 - 192.0.2.199' }], reservations: [{ 'hw-address': '02:00:00:00:00:01', 'ip-address': '192.0.2.10' }] },
      { id: 2, subnet: '198.51.100.0/24', relay: { 'ip-addresses': ['198.51.100.1'] }, pools: [{ pool: '198.51.100.0/25' }] },
    ],
    loggers: [{ name: 'kea-dhcp4', severity: 'INFO', debuglevel: 0, output_options: [{ output: '/var/log/kea/kea-dhcp4.log' }] }],
    ...changes,
  }
}

const sound6 = (changes: Record<string, unknown> = {}) => ({
  'interfaces-config': { interfaces: ['eth0'] },
  'control-socket': { 'socket-type': 'unix', 'socket-name': '/run/kea/kea6.sock' },
  'hooks-libraries': hooks,
  'preferred-lifetime': 3000, 'valid-lifetime': 4000,
  subnet6: [{
    id: 1, subnet: '2001:db8:1::/64', interface: 'eth0', pools: [{ pool: '2001:db8:1::100 - 2001:db8:1::1ff' }],
    'pd-pools': [{ prefix: '2001:db8:8000::', 'prefix-len': 48, 'delegated-len': 56 }],
    reservations: [{ duid: '01:02:03:04', 'ip-addresses': ['2001:db8:1::10'], prefixes: ['2001:db8:9000::/56'] }],
  }],
  loggers: [{ name: 'kea-dhcp6', severity: 'INFO', output_options: [{ output: 'syslog' }] }],
  ...changes,
})

const check = (rule: ReviewRule, config: Record<string, unknown>, service: KeaDhcpService = 'dhcp4', commands: string[] | null = null) => rule.check({ service, config, commands })

describe('Kea configuration review', () => {
  it('finds nothing in sound DHCPv4 and DHCPv6 configurations', () => {
    expect(reviewConfig({ service: 'dhcp4', config: sound4(), commands: null }).findings).toEqual([])
    expect(reviewConfig({ service: 'dhcp6', config: sound6(), commands: null }).findings).toEqual([])
  })

  it('hooks-loaded: names lease_cmds or stat_cmds when neither the config nor the commands show them', () => {
    const found = check(hooksLoaded, sound4({ 'hooks-libraries': [hooks[0]] }))
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', subject: 'hook stat_cmds', path: 'Dhcp4.hooks-libraries' })])
    expect(found[0].fix).toContain('libdhcp_stat_cmds.so')
    expect(check(hooksLoaded, sound4({ 'hooks-libraries': [] }), 'dhcp6', ['stat-lease6-get']).map((f) => f.subject)).toEqual(['hook lease_cmds'])
  })

  it('control-socket: a server nothing can reach, unless it has control-socket or Kea 3\'s control-sockets', () => {
    const { 'control-socket': _, ...without } = sound4()
    expect(check(controlSocket, without)).toEqual([expect.objectContaining({ severity: 'warning', path: 'Dhcp4.control-socket' })])
    expect(check(controlSocket, { ...without, 'control-sockets': [{ 'socket-type': 'http', 'socket-port': 8004 }] })).toEqual([])
  })

  it('subnet-overlap: two prefixes sharing addresses, in shared networks too', () => {
    const found = check(subnetOverlap, sound4({ 'shared-networks': [{ name: 'office', subnet4: [{ id: 3, subnet: '192.0.2.128/25' }] }] }))
    expect(found).toEqual([expect.objectContaining({ severity: 'error', subject: 'subnet 192.0.2.128/25 (id 3)', path: 'Dhcp4.shared-networks[0].subnet4[0]' })])
    expect(found[0].problem).toContain('overlaps subnet 192.0.2.0/24 (id 1)')
  })

  it('pool-outside-subnet: a range or prefix pool beyond its subnet, in DHCPv4 and DHCPv6', () => {
    const v4 = sound4({ subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.200 - 192.0.3.10' }, { pool: '10.0.0.0/30' }] }] })
    expect(check(poolOutsideSubnet, v4).map((f) => [f.path, f.severity])).toEqual([['Dhcp4.subnet4[0].pools[0]', 'error'], ['Dhcp4.subnet4[0].pools[1]', 'error']])
    const v6 = sound6({ subnet6: [{ id: 1, subnet: '2001:db8:1::/64', pools: [{ pool: '2001:db8:2::1 - 2001:db8:2::ff' }] }] })
    expect(check(poolOutsideSubnet, v6, 'dhcp6')[0].problem).toBe('The pool 2001:db8:2::1 - 2001:db8:2::ff is not inside subnet 2001:db8:1::/64 (id 1): Kea refuses the configuration.')
  })

  it('pool-overlap: pools sharing addresses in one subnet, or across two', () => {
    const same = sound4({ subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.10 - 192.0.2.50' }, { pool: '192.0.2.50 - 192.0.2.60' }] }] })
    expect(check(poolOverlap, same)).toEqual([expect.objectContaining({ severity: 'error', subject: 'pool 192.0.2.50 - 192.0.2.60', path: 'Dhcp4.subnet4[0].pools[1]' })])
    const adjacent = sound4({ subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.10 - 192.0.2.49' }, { pool: '192.0.2.50 - 192.0.2.60' }] }] })
    expect(check(poolOverlap, adjacent)).toEqual([])
  })

  it('reservation-outside-subnet: an address the subnet does not hold; delegated prefixes are exempt', () => {
    const v4 = sound4({ subnet4: [{ id: 1, subnet: '192.0.2.0/24', reservations: [{ 'hw-address': '02:00:00:00:00:01', 'ip-address': '203.0.113.5' }] }] })
    expect(check(reservationOutsideSubnet, v4)).toEqual([expect.objectContaining({ severity: 'error', subject: 'reservation 203.0.113.5', path: 'Dhcp4.subnet4[0].reservations[0]' })])
    const v6 = sound6({ subnet6: [{ id: 1, subnet: '2001:db8:1::/64', reservations: [{ duid: '01', 'ip-addresses': ['2001:db8:1::5', '2001:db8:7::5'], prefixes: ['2001:db8:9000::/56'] }] }] })
    expect(check(reservationOutsideSubnet, v6, 'dhcp6').map((f) => f.subject)).toEqual(['reservation 2001:db8:7::5'])
  })

  it('lifetime-for-pool: fewer than 10 new clients an hour, with the lifetime inherited or Kea\'s default', () => {
    // 100 addresses for a day: about 4 new clients an hour (and the /25 pool of the second subnet about 5).
    const day = sound4({ 'valid-lifetime': 86400, 'renew-timer': 43200, 'rebind-timer': 75600 })
    const found = check(lifetimeForPool, day)
    expect(found.map((f) => [f.severity, f.subject, f.path])).toEqual([
      ['warning', 'subnet 192.0.2.0/24 (id 1)', 'Dhcp4.valid-lifetime'], ['warning', 'subnet 198.51.100.0/24 (id 2)', 'Dhcp4.valid-lifetime'],
    ])
    expect(found[0].problem).toContain('only about 4.2 new clients an hour')
    expect(found[0].fix).toBe('Shorten valid-lifetime for this subnet to 36000 s or less (10 new clients an hour), or make its pools larger.')
    // 8 addresses and Kea's default 2 hours: 4 an hour.
    const { 'valid-lifetime': _, ...noLifetime } = sound4({ subnet4: [{ id: 1, subnet: '192.0.2.0/24', pools: [{ pool: '192.0.2.8/29' }] }] })
    expect(check(lifetimeForPool, noLifetime)[0]).toMatchObject({ path: 'Dhcp4.subnet4[0]', problem: expect.stringContaining('(2 h, Kea\'s default)') })
    expect(check(lifetimeForPool, sound4({ 'valid-lifetime': 7200 }))).toEqual([])
  })

  it('renew-rebind-timers: renew not below rebind, rebind or renew not below the lifetime, told at the level that sets them', () => {
    const found = check(renewRebindTimers, sound4({ 'renew-timer': 900, 'rebind-timer': 600, 'valid-lifetime': 600 }))
    expect(found.map((f) => [f.severity, f.path])).toEqual([['error', 'Dhcp4'], ['warning', 'Dhcp4'], ['warning', 'Dhcp4']])
    expect(found[0].problem).toBe('In the global settings renew-timer (900 s) is not below rebind-timer (600 s): clients would rebind before they renew; Kea refuses the configuration.')
    // A subnet that shortens the lifetime below the inherited rebind-timer.
    const subnet = sound4({ subnet4: [{ id: 1, subnet: '192.0.2.0/24', 'valid-lifetime': 3000 }] })
    expect(check(renewRebindTimers, subnet)).toEqual([expect.objectContaining({ severity: 'warning', subject: 'subnet 192.0.2.0/24 (id 1)', path: 'Dhcp4.subnet4[0]' })])
  })

  it('debug-logging: DEBUG at debuglevel 40 or more; a low one passes', () => {
    const logger = (debuglevel: number) => sound4({ loggers: [{ name: 'kea-dhcp4', severity: 'DEBUG', debuglevel, output_options: [{ output: 'syslog' }] }] })
    expect(check(debugLogging, logger(99))).toEqual([expect.objectContaining({ severity: 'warning', subject: 'logger kea-dhcp4', path: 'Dhcp4.loggers[0]' })])
    expect(check(debugLogging, logger(10))).toEqual([])
  })

  it('logger-destination: only stdout/stderr or no logger at all; a file, syslog or Kea ≥ 2.5\'s output-options pass', () => {
    expect(check(loggerDestination, sound4({ loggers: [{ name: 'kea-dhcp4', severity: 'INFO', output_options: [{ output: 'stdout' }] }] })))
      .toEqual([expect.objectContaining({ severity: 'info', path: 'Dhcp4.loggers' })])
    expect(check(loggerDestination, sound4({ loggers: undefined }))).toHaveLength(1)
    expect(check(loggerDestination, sound4({ loggers: [{ name: 'kea-dhcp4', 'output-options': [{ output: 'syslog:kea' }] }] }))).toEqual([])
  })

  it('interfaces-match: no interface, a subnet bound to one not listened on, one listened on with no subnet', () => {
    expect(check(interfacesMatch, sound4({ 'interfaces-config': { interfaces: [] } }))).toEqual([expect.objectContaining({ severity: 'error', path: 'Dhcp4.interfaces-config.interfaces' })])
    const found = check(interfacesMatch, sound4({ 'interfaces-config': { interfaces: ['eth1/192.0.2.1'] } }))
    expect(found.map((f) => [f.severity, f.subject])).toEqual([['warning', 'subnet 192.0.2.0/24 (id 1)'], ['info', 'interface eth1']])
    expect(check(interfacesMatch, sound4({ 'interfaces-config': { interfaces: ['*'] } }))).toEqual([])
  })

  it('orders findings errors first and names the rule of each', () => {
    const review = reviewConfig({ service: 'dhcp4', config: sound4({ 'renew-timer': 4000, 'hooks-libraries': [], loggers: [] }), commands: null })
    expect(review.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['renew-rebind-timers', 'error'], ['hooks-loaded', 'warning'], ['hooks-loaded', 'warning'], ['renew-rebind-timers', 'warning'], ['logger-destination', 'info'],
    ])
  })

  it('hides passwords and secrets at any depth, and leaves file paths and everything else', () => {
    const config = {
      Dhcp4: {
        'lease-database': { type: 'mysql', name: 'kea', user: 'kea', password: 'hunter2' },
        'hosts-databases': [{ type: 'postgresql', password: 'pg-secret' }],
        'control-sockets': [{ 'socket-type': 'https', authentication: { type: 'basic', clients: [{ user: 'admin', password: 'p', 'password-file': '/etc/kea/pw' }] } }],
        'hooks-libraries': [{ library: 'libdhcp_ha.so', parameters: { 'high-availability': [{ peers: [{ 'basic-auth-password': 'peer-pw' }] }] } }],
      },
      DhcpDdns: { 'tsig-keys': [{ name: 'key', algorithm: 'HMAC-SHA256', secret: 'LSWXnfkKZjdPJI5QxlpnfQ==' }] },
    }
    const text = JSON.stringify(redactSecrets(config))
    for (const secret of ['hunter2', 'pg-secret', '"p"', 'peer-pw', 'LSWXnfkKZjdPJI5QxlpnfQ==']) expect(text).not.toContain(secret)
    expect(text.match(new RegExp(REDACTED.replace(/\*/g, '\\*'), 'g'))).toHaveLength(5)
    expect(text).toContain('"password-file":"/etc/kea/pw"')
    expect(config.Dhcp4['lease-database'].password).toBe('hunter2')
  })
})
