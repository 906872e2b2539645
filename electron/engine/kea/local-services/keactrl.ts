// `keactrl status`, as Kea 2.x's keactrl prints it: one line per server ("DHCPv4 server: active", "DHCP DDNS:
// inactive", "Control Agent: active", "Netconf agent: inactive"), the configuration files ("Kea DHCPv4
// configuration file: /etc/kea/kea-dhcp4.conf", "keactrl configuration file: …"), then its warnings.
import type { KeaLocalServices } from '../../../contract/types'
import { notRun, runTool, type ToolRun } from './run-tool'

export type KeactrlReport = KeaLocalServices['keactrl']

const SERVER_LINE = /^(DHCPv4 server|DHCPv6 server|DHCP DDNS|Control Agent|Netconf agent):\s*(active|inactive)\s*$/
const FILE_LINE = /^(.+ configuration file):\s*(\S.*)$/

export function parseKeactrlStatus(output: string): Omit<KeactrlReport, 'problem'> {
  const report: Omit<KeactrlReport, 'problem'> = { servers: [], configFiles: [], notes: [] }
  for (const line of output.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const server = SERVER_LINE.exec(line)
    const file = FILE_LINE.exec(line)
    if (server) report.servers.push({ name: server[1], active: server[2] === 'active' })
    else if (file) report.configFiles.push({ name: file[1], path: file[2] })
    else report.notes.push(line)
  }
  return report
}

/** The report from a run of `keactrl status`, or the sentence saying why there is none. */
export function keactrlReport(run: ToolRun): KeactrlReport {
  const empty = { servers: [], configFiles: [], notes: [] }
  if (!run.ran) {
    return { ...empty, problem: notRun('keactrl', run, 'keactrl is not installed here: it comes with Kea built from source, while Debian\'s and ISC\'s packages run Kea as systemd services (see systemctl).') }
  }
  const parsed = parseKeactrlStatus(run.stdout)
  if (run.exitCode !== 0 || parsed.servers.length === 0) {
    const said = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(0, 3).join(' ')
    return { ...parsed, problem: `keactrl status failed (exit ${run.exitCode})${said ? `: ${said}` : ''}; check keactrl.conf and that this user may read it.` }
  }
  return { ...parsed, problem: null }
}

export async function keactrlStatus(): Promise<KeactrlReport> {
  return keactrlReport(await runTool('keactrl', ['status']))
}
