// Kea's services on this machine (kea.localServices, `kea local`): keactrl status and systemctl status parsed from
// recorded outputs (fixtures/kea-local/README.md), every way they can fail given a sentence, and the real tools of
// this machine run as the app runs them, whichever way they answer here.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { KeaLocalServices } from '../../electron/contract/types'
import { keactrlReport, parseKeactrlStatus } from '../../electron/engine/kea/local-services/keactrl'
import { runTool } from '../../electron/engine/kea/local-services/run-tool'
import { parseSystemctlStatus, systemdReport } from '../../electron/engine/kea/local-services/systemctl'
import { testEngine } from '../helpers/engine'

const recorded = (name: string) => readFileSync(new URL(`../fixtures/kea-local/${name}`, import.meta.url), 'utf8')

describe('keactrl status', () => {
  it('reads each server\'s state, the configuration files and the warnings', () => {
    const parsed = parseKeactrlStatus(recorded('keactrl-2.2-status.txt'))
    expect(parsed.servers).toEqual([
      { name: 'DHCPv4 server', active: true }, { name: 'DHCPv6 server', active: false }, { name: 'DHCP DDNS', active: false },
      { name: 'Control Agent', active: true }, { name: 'Netconf agent', active: false },
    ])
    expect(parsed.configFiles[0]).toEqual({ name: 'Kea DHCPv4 configuration file', path: '/usr/local/etc/kea/kea-dhcp4.conf' })
    expect(parsed.configFiles.at(-1)).toEqual({ name: 'keactrl configuration file', path: '/usr/local/etc/kea/keactrl.conf' })
    expect(parsed.notes).toEqual(['WARNING: keactrl: Configuration file for Kea does not exist: /usr/local/etc/kea/kea-netconf.conf'])
  })

  it('says why there is nothing: not installed, not allowed, its own error', () => {
    expect(keactrlReport({ ran: false, reason: 'missing', detail: 'spawn keactrl ENOENT' }).problem).toMatch(/^keactrl is not installed here: it comes with Kea built from source/)
    expect(keactrlReport({ ran: false, reason: 'denied', detail: 'spawn keactrl EACCES' }).problem).toBe('keactrl may not be run by this user (permission denied): run the app as a user allowed to, or ask Kea through its API.')
    expect(keactrlReport({ ran: true, exitCode: 1, stdout: '', stderr: 'ERROR/keactrl: keactrl configuration file doesn\'t exist in /usr/local/etc/kea/keactrl.conf.\n' }).problem)
      .toBe('keactrl status failed (exit 1): ERROR/keactrl: keactrl configuration file doesn\'t exist in /usr/local/etc/kea/keactrl.conf.; check keactrl.conf and that this user may read it.')
    expect(keactrlReport({ ran: true, exitCode: 0, stdout: recorded('keactrl-2.2-status.txt'), stderr: '' }).problem).toBeNull()
  })
})

describe('systemctl status', () => {
  it('reads Debian\'s units: running with its pid and since when, inactive, failed', () => {
    expect(parseSystemctlStatus(recorded('systemctl-debian12-status.txt'))).toEqual([
      { unit: 'kea-dhcp4-server.service', description: 'Kea IPv4 DHCP daemon', loaded: 'loaded', enabled: 'enabled', active: 'active', sub: 'running', since: 'Mon 2026-11-30 13:56:02 UTC', ago: '2h 4min', pid: 1234 },
      { unit: 'kea-dhcp6-server.service', description: 'Kea IPv6 DHCP daemon', loaded: 'loaded', enabled: 'disabled', active: 'inactive', sub: 'dead', since: null, ago: null, pid: null },
      { unit: 'kea-ctrl-agent.service', description: 'Kea Control Agent', loaded: 'loaded', enabled: 'enabled', active: 'failed', sub: 'Result: exit-code', since: 'Mon 2026-11-30 15:58:10 UTC', ago: '5min', pid: 2345 },
    ])
    const report = systemdReport({ ran: true, exitCode: 3, stdout: recorded('systemctl-debian12-status.txt'), stderr: recorded('systemctl-debian12-status.stderr.txt') })
    expect(report.problem).toBeNull()
    expect(report.units.map((u) => u.unit)).toEqual(['kea-dhcp4-server.service', 'kea-dhcp6-server.service', 'kea-ctrl-agent.service'])
  })

  it('reads ISC\'s packages\' isc-kea-* units', () => {
    expect(parseSystemctlStatus(recorded('systemctl-isc-status.txt'))).toEqual([
      { unit: 'isc-kea-dhcp4-server.service', description: 'Kea DHCPv4 Server', loaded: 'loaded', enabled: 'enabled', active: 'active', sub: 'running', since: 'Tue 2024-05-07 08:00:01 CEST', ago: '3 days', pid: 812 },
    ])
  })

  it('says why there is nothing: no systemd, refused, no Kea unit, not installed', () => {
    const noSystemd = systemdReport({ ran: true, exitCode: 1, stdout: '', stderr: 'System has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down\n' })
    expect(noSystemd.problem).toMatch(/^This machine does not run systemd \(it was not started with systemd as its first process/)
    expect(systemdReport({ ran: true, exitCode: 1, stdout: '', stderr: 'Failed to connect to bus: Permission denied\n' }).problem).toMatch(/^systemctl was refused by systemd \(permission denied\)/)
    const none = systemdReport({ ran: true, exitCode: 4, stdout: '', stderr: 'Unit kea-dhcp4-server.service could not be found.\n' })
    expect(none.problem).toMatch(/^None of Kea's systemd units is installed here \(looked for kea-dhcp4-server, kea-dhcp6-server, kea-ctrl-agent, kea-dhcp-ddns-server, and ISC's isc-kea-…\)/)
    expect(systemdReport({ ran: false, reason: 'missing', detail: 'ENOENT' }).problem).toMatch(/^systemctl is not installed: this machine does not use systemd/)
    expect(systemdReport({ ran: false, reason: 'timeout', detail: 'killed' }).problem).toMatch(/^systemctl did not finish within 10 s/)
  })

  it('takes nothing from the page: a command or unit named in the request is refused', async () => {
    const engine = testEngine()
    try {
      for (const params of [{ command: 'systemctl stop kea-dhcp4-server' }, { units: ['ssh.service'] }]) {
        await expect(engine.dispatch('kea.localServices', params)).rejects.toMatchObject({ code: 'invalid-params' })
      }
    } finally {
      engine.close()
    }
  })

  it('runs the commands as fixed words: a shell word in an argument is only an argument', async () => {
    const run = await runTool('echo', ['status; touch /tmp/fieldkit-should-not-exist'])
    expect(run).toMatchObject({ ran: true, exitCode: 0, stdout: 'status; touch /tmp/fieldkit-should-not-exist\n' })
    expect(existsSync('/tmp/fieldkit-should-not-exist')).toBe(false)
  })
})

describe('the real keactrl and systemctl of this machine', () => {
  const installed = (tool: string) => {
    try {
      execFileSync('sh', ['-c', `PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" command -v ${tool}`], { stdio: 'pipe' })
      return true
    } catch {
      return false
    }
  }

  it('answers kea.localServices with what they say, or a sentence saying why not', async () => {
    const engine = testEngine()
    const local = await engine.dispatch('kea.localServices', {}) as KeaLocalServices
    engine.close()
    if (!installed('keactrl')) expect(local.keactrl.problem).toMatch(/^keactrl is not installed here/)
    else expect(local.keactrl.servers.length > 0 || /^keactrl status failed \(exit \d+\)/.test(local.keactrl.problem ?? '')).toBe(true)

    const systemdRuns = existsSync('/run/systemd/system')
    if (!installed('systemctl')) expect(local.systemd.problem).toMatch(/^systemctl is not installed/)
    else if (!systemdRuns) expect(local.systemd.problem).toMatch(/^This machine does not run systemd/)
    else if (local.systemd.units.length === 0) expect(local.systemd.problem).toMatch(/^None of Kea's systemd units is installed here|^systemctl was refused/)
    else expect(local.systemd.units.every((u) => /^(isc-)?kea-[\w-]+\.service$/.test(u.unit) && u.active !== 'unknown')).toBe(true)
    // Whichever way, one of the two parts said something.
    expect(local.keactrl.servers.length + local.systemd.units.length > 0 || (local.keactrl.problem !== null && local.systemd.problem !== null)).toBe(true)
  })
})
