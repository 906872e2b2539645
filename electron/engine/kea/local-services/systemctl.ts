// `systemctl status` of Kea's units: Debian's and Ubuntu's (kea-dhcp4-server, kea-dhcp6-server, kea-ctrl-agent,
// kea-dhcp-ddns-server) and ISC's own packages' (the same with isc- before). Per unit, systemctl prints
//   ● kea-dhcp4-server.service - Kea IPv4 DHCP daemon
//        Loaded: loaded (/lib/systemd/system/kea-dhcp4-server.service; enabled; preset: enabled)
//        Active: active (running) since Mon 2026-11-30 13:56:02 UTC; 2h ago
//      Main PID: 1234 (kea-dhcp4)
// and, on standard error, "Unit isc-kea-dhcp4-server.service could not be found." for those not installed.
import type { KeaLocalServices, KeaSystemdUnit } from '../../../contract/types'
import { notRun, runTool, type ToolRun } from './run-tool'

export type SystemdReport = KeaLocalServices['systemd']

const DEBIAN_UNITS = ['kea-dhcp4-server', 'kea-dhcp6-server', 'kea-ctrl-agent', 'kea-dhcp-ddns-server']
export const KEA_UNITS = [...DEBIAN_UNITS, ...DEBIAN_UNITS.map((u) => `isc-${u}`)].map((u) => `${u}.service`)

/** A unit's first line: a state glyph (●, ○, ×, * outside UTF-8…), the unit, its description. */
const UNIT_LINE = /^(?:\S\s+)?([\w.@:-]+\.service)(?:\s+-\s+(.*))?$/
const LOADED = /^Loaded:\s*(\S+)(?:\s+\((.*)\))?/
const ACTIVE = /^Active:\s*(\S+)(?:\s+\(([^)]*)\))?(?:\s+since\s+([^;]+?)(?:;\s*(.+?)(?:\s+ago)?)?)?\s*$/
const MAIN_PID = /^Main PID:\s*(\d+)/

export function parseSystemctlStatus(output: string): KeaSystemdUnit[] {
  const units: KeaSystemdUnit[] = []
  for (const line of output.split('\n')) {
    const head = /^\S/.test(line) ? UNIT_LINE.exec(line.trim()) : null
    if (head) {
      units.push({ unit: head[1], description: head[2]?.trim() || null, loaded: null, enabled: null, active: 'unknown', sub: null, since: null, ago: null, pid: null })
      continue
    }
    const unit = units[units.length - 1]
    const text = line.trim()
    if (!unit || !text) continue
    const loaded = LOADED.exec(text)
    const active = ACTIVE.exec(text)
    const pid = MAIN_PID.exec(text)
    if (loaded) Object.assign(unit, { loaded: loaded[1], enabled: loaded[2]?.split(';')[1]?.trim() || null })
    else if (active) Object.assign(unit, { active: active[1], sub: active[2] ?? null, since: active[3] ?? null, ago: active[4] ?? null })
    else if (pid) unit.pid = Number(pid[1])
  }
  // A unit systemd knows of only by name (a dependency) but has no file for is not installed.
  return units.filter((u) => u.loaded !== 'not-found')
}

const NO_SYSTEMD = /not been booted with systemd|Failed to connect to bus: (No such file or directory|Host is down)|System has not been booted/i
const DENIED = /(Permission denied|Access denied)/i

export function systemdReport(run: ToolRun): SystemdReport {
  if (!run.ran) {
    return { units: [], problem: notRun('systemctl', run, 'systemctl is not installed: this machine does not use systemd, so Kea\'s services are not systemd units here; see keactrl, or ask Kea through its API.') }
  }
  const units = parseSystemctlStatus(run.stdout)
  if (units.length > 0) return { units, problem: null }
  if (NO_SYSTEMD.test(run.stderr)) {
    return { units: [], problem: 'This machine does not run systemd (it was not started with systemd as its first process, as in most containers), so systemctl cannot tell the state of Kea\'s services: ask the servers through the Kea API instead.' }
  }
  if (DENIED.test(run.stderr)) {
    return { units: [], problem: 'systemctl was refused by systemd (permission denied): run the app as a user allowed to read the services\' state, or ask the servers through the Kea API.' }
  }
  if (/could not be found/i.test(run.stderr) || run.stdout.trim() === '') {
    return { units: [], problem: `None of Kea's systemd units is installed here (looked for ${DEBIAN_UNITS.join(', ')}, and ISC's isc-kea-…): Kea is not installed as a service on this machine.` }
  }
  return { units: [], problem: `systemctl status gave nothing about Kea (exit ${run.exitCode}): ${(run.stderr.trim() || run.stdout.trim()).split('\n').slice(0, 3).join(' ')}` }
}

export async function systemdStatus(): Promise<SystemdReport> {
  return systemdReport(await runTool('systemctl', ['status', '--no-pager', '--full', '--lines=0', ...KEA_UNITS]))
}
