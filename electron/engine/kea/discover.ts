// "Test connection": asks whatever answers at a connection what it is (list-commands, version-get), and for a
// Control Agent which servers it reaches, then reports the shape, the versions, the commands each server offers
// and the hook libraries whose absence keeps parts of the app from working.
import type { KeaApiShape, KeaDaemon, KeaServiceReport, KeaTestReport } from '../../contract/types'
import { daemonKind, daemonName, familyFromCommands, familyFromStatistic, serviceAbsence, shapeName } from './api-shape'
import { keaServices, sendCommand, describeConnection, type KeaConnection, type KeaService } from './kea-client'
import { KeaError } from './kea-error'
import { hookFeatures, hookLibraryFile, reportedHooks } from './result-codes'

export interface ApiMap {
  shape: KeaApiShape
  /** Who answers at the connection itself: the agent, or the server. */
  daemon: KeaDaemon
  version: string | null
  services: KeaServiceReport[]
}

/** Where a command for `service` goes: through the agent with `service`, or straight to the one server. */
export function routeFor(map: ApiMap, service: KeaDaemon): KeaService | undefined {
  return map.shape === 'control-agent' && service !== 'ctrl-agent' ? service : undefined
}

async function commandsOf(connection: KeaConnection, service?: KeaService) {
  const answer = await sendCommand(connection, { command: 'list-commands', ...(service && { service }) })
  const commands = answer.result === 0 && Array.isArray(answer.arguments) ? answer.arguments.filter((c): c is string => typeof c === 'string') : []
  return { answer, commands }
}

async function versionOf(connection: KeaConnection, service?: KeaService): Promise<string | null> {
  const answer = await sendCommand(connection, { command: 'version-get', ...(service && { service }) })
  return answer.result === 0 && answer.text ? answer.text : null
}

function hookGaps(service: KeaDaemon, commands: string[]) {
  if (service !== 'dhcp4' && service !== 'dhcp6') return []
  return reportedHooks.filter(({ probe }) => !commands.includes(probe[service]))
    .map(({ hook }) => ({ hook, library: hookLibraryFile(hook), prevents: hookFeatures[hook] }))
}

function report(service: KeaDaemon, version: string | null, commands: string[]): KeaServiceReport {
  return { service, state: 'up', version, commands, missingHooks: hookGaps(service, commands), problem: null }
}

async function forwardedService(connection: KeaConnection, service: KeaService): Promise<KeaServiceReport> {
  const { answer, commands } = await commandsOf(connection, service)
  const absence = serviceAbsence(service, answer)
  if (absence) return { service, state: absence.state, version: null, commands: [], missingHooks: [], problem: absence.problem }
  return report(service, await versionOf(connection, service), commands)
}

/** What answers at `connection`; throws KeaError when nothing (or nothing Kea) does. */
export async function mapApi(connection: KeaConnection): Promise<ApiMap> {
  const { commands } = await commandsOf(connection)
  const version = await versionOf(connection)
  const kind = daemonKind(commands)
  if (kind === 'ctrl-agent') {
    if (connection.kind === 'unix') throw new KeaError('not-kea', `${connection.socketPath} answered like a Control Agent, which has no unix socket: check the path.`)
    const forwarded = await Promise.all(keaServices.map((service) => forwardedService(connection, service)))
    return { shape: 'control-agent', daemon: 'ctrl-agent', version, services: [report('ctrl-agent', version, commands), ...forwarded] }
  }
  const service = kind === 'd2' ? 'd2' : familyFromCommands(commands)
    ?? familyFromStatistic(await sendCommand(connection, { command: 'statistic-get', arguments: { name: 'pkt4-received' } }))
  return { shape: connection.kind === 'unix' ? 'unix-socket' : 'http-server', daemon: service, version, services: [report(service, version, commands)] }
}

function summary(map: ApiMap, where: string): string {
  const version = map.version ? ` ${map.version}` : ''
  if (map.shape !== 'control-agent') return `Found ${shapeName(map.shape)} at ${where}: the ${daemonName(map.daemon)}, Kea${version}.`
  const states = map.services.filter((s) => s.service !== 'ctrl-agent')
    .map((s) => `${s.service} ${s.state === 'up' ? `up${s.version ? ` (${s.version})` : ''}` : s.state === 'down' ? 'down' : 'not configured'}`)
  return `Found ${shapeName(map.shape)}${version} at ${where}, forwarding to: ${states.join(', ')}.`
}

/** What keeps the profile's server from being used, or null: absent or down behind an agent, or another server's socket. */
function serviceProblem(map: ApiMap, service?: KeaService | null): string | null {
  if (map.shape !== 'control-agent') {
    return service && service !== map.daemon ? `This is the ${map.daemon} server's socket, not ${service}'s: pick ${map.daemon} for this connection, or the ${service} server's own socket.` : null
  }
  const wanted = service ? map.services.find((s) => s.service === service) : undefined
  if (wanted && wanted.state !== 'up') return wanted.problem
  return map.services.some((s) => s.state === 'up' && s.service !== 'ctrl-agent') ? null
    : 'The Control Agent answers, but reaches no server: start kea-dhcp4 or kea-dhcp6, or add their sockets to the agent\'s "control-sockets".'
}

/** The test-connection report; `service` is the server the profile means to use, when it names one. */
export async function testConnection(connection: KeaConnection, service?: KeaService | null): Promise<KeaTestReport> {
  const where = describeConnection(connection)
  try {
    const map = await mapApi(connection)
    const problem = serviceProblem(map, service)
    return { ok: problem === null, shape: map.shape, summary: summary(map, where), version: map.version, services: map.services, problem, failure: problem ? 'service' : null }
  } catch (error) {
    if (!(error instanceof KeaError)) throw error
    return { ok: false, shape: null, summary: `Could not use ${where}.`, version: null, services: [], problem: error.message, failure: error.kind }
  }
}
