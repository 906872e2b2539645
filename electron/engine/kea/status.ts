// Server status as `keactrl status` would tell it, from the API: for each server (and a Control Agent itself)
// up or down, pid, uptime, time since reload, version, multi-threading, the DHCP sockets, whether DHCP is
// disabled, and HA state, from status-get and version-get. Fields a Kea version does not send stay null.
import type { KeaDaemon, KeaHaRelationship, KeaServiceStatus, KeaStatus } from '../../contract/types'
import { mapApi, routeFor } from './discover'
import { sendCommand, type KeaAnswer, type KeaConnection } from './kea-client'

type Json = Record<string, unknown>

const object = (value: unknown): Json | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Json : null)
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)

function haRelationships(value: unknown): KeaHaRelationship[] | null {
  if (!Array.isArray(value)) return null
  return value.map((entry) => {
    const relationship = object(entry) ?? {}
    const servers = object(relationship['ha-servers']) ?? {}
    const local = object(servers.local) ?? {}
    const remote = object(servers.remote) ?? {}
    return {
      mode: text(relationship['ha-mode']),
      localRole: text(local.role), localState: text(local.state),
      partnerName: text(remote['server-name']), partnerRole: text(remote.role), partnerState: text(remote['last-state']),
      inTouch: flag(remote['in-touch']), communicationInterrupted: flag(remote['communication-interrupted']),
    }
  })
}

/** Why DHCP is off, from Kea ≥ 2.4's dhcp-state; null when it serves (or does not say). */
function dhcpDisabled(value: unknown): string | null {
  const state = object(value)
  if (!state) return null
  const reasons = [
    state['disabled-by-user'] === true && 'by the dhcp-disable command',
    state['disabled-by-db-connection'] === true && 'because it lost its database connection',
    Array.isArray(state['disabled-by-local-command']) && state['disabled-by-local-command'].length > 0 && `by ${state['disabled-by-local-command'].join(', ')}`,
    Array.isArray(state['disabled-by-remote-command']) && state['disabled-by-remote-command'].length > 0 && `by its HA partner (${state['disabled-by-remote-command'].join(', ')})`,
  ].filter((reason): reason is string => typeof reason === 'string')
  if (reasons.length === 0) return state['globally-disabled'] === true ? 'DHCP service is disabled' : null
  return `DHCP service is disabled ${reasons.join(' and ')}`
}

/** One server's status from its status-get answer (and version-get's text). */
export function serviceStatus(service: KeaDaemon, answer: KeaAnswer, version: string | null, problem: string | null = null): KeaServiceStatus {
  const args = answer.result === 0 ? object(answer.arguments) : null
  const base: KeaServiceStatus = {
    service, up: args !== null, problem: args ? null : problem ?? `status-get failed: ${answer.text ?? `result ${answer.result}`}`,
    pid: null, uptimeSeconds: null, reloadSeconds: null, version, multiThreading: null, sockets: null, dhcpDisabled: null, ha: null,
  }
  if (!args) return base
  const sockets = object(args.sockets)
  const threads = flag(args['multi-threading-enabled'])
  return {
    ...base,
    pid: number(args.pid), uptimeSeconds: number(args.uptime), reloadSeconds: number(args.reload),
    multiThreading: threads === null ? null : { enabled: threads, threadPoolSize: number(args['thread-pool-size']), packetQueueSize: number(args['packet-queue-size']) },
    sockets: sockets ? { status: text(sockets.status) ?? 'unknown', errors: Array.isArray(sockets.errors) ? sockets.errors.map(String) : [] } : null,
    dhcpDisabled: dhcpDisabled(args['dhcp-state']),
    ha: haRelationships(args['high-availability']),
  }
}

export async function keaStatus(connection: KeaConnection): Promise<KeaStatus> {
  const map = await mapApi(connection)
  const services = await Promise.all(map.services.filter((s) => s.state !== 'absent').map(async (found) => {
    const down = { result: 1, text: found.problem ?? 'down' }
    if (found.state === 'down') return serviceStatus(found.service, down, null, found.problem)
    const answer = await sendCommand(connection, { command: 'status-get', service: routeFor(map, found.service) })
    return serviceStatus(found.service, answer, found.version)
  }))
  return { shape: map.shape, services, checkedAt: new Date().toISOString() }
}
