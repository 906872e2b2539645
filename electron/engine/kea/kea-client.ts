// Sends one command to Kea and reads its answer, whatever carries it: a Control Agent or a server's own HTTP
// socket (HTTP/HTTPS), or a server's local unix socket. Failures of the way there (refused, TLS, 401/403, not
// Kea at all) throw a KeaError in words; Kea's own answer, whatever its result code, is returned as it came.
import { MAX_ANSWER_BYTES } from './bounded-read'
import { postJson, type HttpAnswer, type HttpEndpoint, type Limits } from './http-transport'
import { KeaError } from './kea-error'
import { sendOverSocket } from './unix-transport'

export type KeaService = 'dhcp4' | 'dhcp6' | 'd2'
export const keaServices: readonly KeaService[] = ['dhcp4', 'dhcp6', 'd2']

export type KeaConnection = ({ kind: 'http' } & HttpEndpoint) | { kind: 'unix'; socketPath: string }

export interface KeaRequest {
  command: string
  /** For a Control Agent: the server to forward to. Omitted, the agent answers for itself. */
  service?: KeaService
  arguments?: unknown
}

export interface KeaAnswer {
  result: number
  text?: string
  arguments?: unknown
}

/** Kea's own control-channel timeout is 10 s; an agent forwarding to a server may take that long and then some. */
export const defaultLimits: Limits = { timeoutMs: 15_000, maxBytes: MAX_ANSWER_BYTES }

export function describeConnection(connection: KeaConnection): string {
  return connection.kind === 'unix' ? connection.socketPath : connection.url
}

export async function sendCommand(connection: KeaConnection, request: KeaRequest, limits: Limits = defaultLimits): Promise<KeaAnswer> {
  const body = JSON.stringify({
    command: request.command,
    ...(request.service && connection.kind === 'http' && { service: [request.service] }),
    ...(request.arguments !== undefined && { arguments: request.arguments }),
  })
  if (connection.kind === 'unix') return readAnswer(await sendOverSocket(connection.socketPath, body, limits), connection.socketPath, request.command)
  const answer = await postJson(connection, body, limits)
  return readHttpAnswer(answer, connection.url, request.command, connection.user !== undefined)
}

export function readHttpAnswer(answer: HttpAnswer, where: string, command: string, hasUser: boolean): KeaAnswer {
  if (answer.status === 401) throw authError(where, hasUser, 401)
  if (answer.status === 403) throw forbidden(where, command, hasUser)
  const parsed = readAnswer(answer.body, where, command, answer)
  if (parsed.result === 401) throw authError(where, hasUser, 401)
  if (parsed.result === 403) throw forbidden(where, command, hasUser)
  return parsed
}

/**
 * An answer is one JSON map with a numeric result; a Control Agent (and a Kea 3 server's HTTP socket) wraps it in
 * a list, one entry per service asked for, and one is asked for at a time here.
 */
export function readAnswer(text: string, where: string, command: string, http?: HttpAnswer): KeaAnswer {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw notKea(where, text, http)
  }
  const answer = Array.isArray(parsed) ? parsed[0] : parsed
  if (typeof answer !== 'object' || answer === null || typeof (answer as KeaAnswer).result !== 'number') {
    if (Array.isArray(parsed) && parsed.length === 0) throw new KeaError('not-kea', `${where} gave an empty answer to "${command}": check that the URL points at the Kea API.`)
    throw notKea(where, text, http)
  }
  const { result, text: said, arguments: args } = answer as KeaAnswer
  return { result, ...(typeof said === 'string' && { text: said }), ...(args !== undefined && { arguments: args }) }
}

function notKea(where: string, text: string, http?: HttpAnswer): KeaError {
  const page = /html/i.test(http?.contentType ?? '') || /^\s*<(!doctype|html|\?xml)/i.test(text)
  const status = http && http.status !== 200 ? ` (HTTP ${http.status})` : ''
  return new KeaError('not-kea', page
    ? `${where} answered with a web page${status}, not Kea's JSON: this is not the Kea API; check the host and port (a Control Agent listens on 8000 by default).`
    : `${where} answered${status} with something other than Kea's JSON: check that it is a Kea Control Agent, a Kea server's HTTP control socket or a Kea unix socket.`)
}

function authError(where: string, hasUser: boolean, status: number): KeaError {
  return new KeaError('auth', hasUser
    ? `${where} refused the user name or password (${status} Unauthorized): check them against the "authentication" clients in Kea's configuration.`
    : `${where} requires a user name and password (${status} Unauthorized): add them to the connection.`)
}

/** Kea ≥ 2.4 also answers a wrong password with 403, so the sentence names both causes. */
function forbidden(where: string, command: string, hasUser: boolean): KeaError {
  return new KeaError('forbidden', hasUser
    ? `${where} refused "${command}" (403 Forbidden): the user name or password is wrong, or this user may not run it (Kea's access rules); check both.`
    : `${where} refused "${command}" (403 Forbidden): it requires a user name and password; add them to the connection.`)
}
