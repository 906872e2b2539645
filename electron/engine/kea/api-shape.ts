// Which of Kea's API shapes answered, decided from what it says about itself. A Control Agent's list-commands
// holds only the agent's own handful (config-*, status-get, version-get…); a DHCP server's always holds
// dhcp-disable and statistic-get; kea-dhcp-ddns has statistic-get but not dhcp-disable. The agent forwards to
// a server only when asked with `service`, and says in its answer's text when it has no socket for that server
// or cannot reach it.
import type { KeaApiShape, KeaDaemon } from '../../contract/types'
import type { KeaAnswer, KeaService } from './kea-client'

export function daemonKind(commands: readonly string[]): 'ctrl-agent' | 'dhcp' | 'd2' {
  if (commands.includes('dhcp-disable')) return 'dhcp'
  if (commands.includes('statistic-get')) return 'd2'
  return 'ctrl-agent'
}

/** dhcp4 or dhcp6 from family-specific commands (hooks' and, since Kea 2.4, subnet*-select-test); null when none. */
export function familyFromCommands(commands: readonly string[]): 'dhcp4' | 'dhcp6' | null {
  const four = commands.some((c) => /^(lease4|subnet4|network4|stat-lease4|extended-info4)-/.test(c))
  const six = commands.some((c) => /^(lease6|subnet6|network6|stat-lease6|extended-info6)-/.test(c))
  return four === six ? null : four ? 'dhcp4' : 'dhcp6'
}

/** A DHCPv4 server always counts pkt4-received; a DHCPv6 server answers the same question with nothing. */
export function familyFromStatistic(answer: KeaAnswer): 'dhcp4' | 'dhcp6' {
  const args = answer.arguments as Record<string, unknown> | undefined
  return answer.result === 0 && args && 'pkt4-received' in args ? 'dhcp4' : 'dhcp6'
}

export type ServiceAbsence = { state: 'absent' | 'down'; problem: string }

/** A Control Agent's answer for a server it has no socket for, or cannot reach; null for a real answer. */
export function serviceAbsence(service: KeaService, answer: KeaAnswer): ServiceAbsence | null {
  if (answer.result !== 1) return null
  const text = answer.text ?? ''
  if (/forwarding socket is not configured/i.test(text) || /no .*control socket.* for/i.test(text)) {
    return { state: 'absent', problem: `The Control Agent has no ${service} server: its "control-sockets" have none for ${service}; pick another service or add that socket to the agent's configuration.` }
  }
  if (/unable to forward command/i.test(text) || /likely to be offline/i.test(text)) {
    return { state: 'down', problem: `The ${service} server is down: the Control Agent cannot reach it through its control socket (${text.replace(/\.$/, '')}); start the server or check the socket's path.` }
  }
  return null
}

const shapeNames: Record<KeaApiShape, string> = {
  'control-agent': 'a Kea Control Agent',
  'http-server': 'a Kea server\'s own HTTP control socket (Kea 2.7 or later, no Control Agent)',
  'unix-socket': 'a Kea server\'s local unix control socket',
}

const daemonNames: Record<KeaDaemon, string> = { 'ctrl-agent': 'Control Agent', dhcp4: 'DHCPv4 server', dhcp6: 'DHCPv6 server', d2: 'DHCP-DDNS server' }

export function shapeName(shape: KeaApiShape): string {
  return shapeNames[shape]
}

export function daemonName(daemon: KeaDaemon): string {
  return daemonNames[daemon]
}
