// The review from the server itself: its running configuration (config-get) and its commands (list-commands);
// and config-test of an edited configuration, with Kea's answer and the review of that configuration.
import type { KeaConfigTest, KeaDhcpService, KeaReview } from '../../contract/types'
import { sendCommand, type KeaConnection } from './kea-client'
import { KeaError } from './kea-error'
import { resultMeaning } from './result-codes'
import { asObject, rootKey, type Json } from './review/config-shape'
import { reviewConfig } from './review/index'

/** The server's running configuration, as config-get gives it: { Dhcp4: {…} } without the hash Kea ≥ 2.4 adds. */
export async function runningConfig(connection: KeaConnection, service: KeaDhcpService): Promise<Json> {
  const answer = await sendCommand(connection, { command: 'config-get', service })
  const args = answer.result === 0 ? asObject(answer.arguments) : null
  if (!args || !asObject(args[rootKey(service)])) {
    throw new KeaError('service', `The ${service} server gave no configuration (config-get: ${answer.text ?? `result ${answer.result}`}): check that this connection reaches the ${service} server.`)
  }
  const { hash: _hash, ...config } = args
  return config
}

async function commandsOf(connection: KeaConnection, service: KeaDhcpService): Promise<string[] | null> {
  const answer = await sendCommand(connection, { command: 'list-commands', service })
  return answer.result === 0 && Array.isArray(answer.arguments) ? answer.arguments.filter((c): c is string => typeof c === 'string') : null
}

export async function reviewRunning(connection: KeaConnection, service: KeaDhcpService): Promise<KeaReview> {
  const [config, commands] = await Promise.all([runningConfig(connection, service), commandsOf(connection, service)])
  return reviewConfig({ service, config: asObject(config[rootKey(service)]) ?? {}, commands })
}

/** The server's map in a whole configuration ({ "Dhcp4": {…} }), or a sentence saying how to give it. */
export function serverMap(service: KeaDhcpService, config: Json, action: 'test' | 'apply'): Json {
  const root = rootKey(service)
  const inner = asObject(config[root])
  if (!inner) throw new KeaError('setup', `The configuration to ${action} has no "${root}" map: give it as { "${root}": { … } }, as config-get returns it.`)
  return inner
}

/** `config` is the whole { Dhcp4: {…} } (or { Dhcp6: {…} }) as config-set would take it. */
export async function testConfig(connection: KeaConnection, service: KeaDhcpService, config: Json): Promise<KeaConfigTest> {
  const inner = serverMap(service, config, 'test')
  const answer = await sendCommand(connection, { command: 'config-test', service, arguments: config })
  return {
    service, accepted: answer.result === 0, result: answer.result, meaning: resultMeaning(answer.result), text: answer.text ?? null,
    review: reviewConfig({ service, config: inner, commands: null }),
  }
}
