// A Kea server's loggers read through its API (config-get, version-get) and set (config-set, then config-write so
// a restart keeps them). The rest of the configuration goes back exactly as config-get gave it.
import type { LoggerDraft, LoggersConfig } from '../../contract/types'
import { runningConfig } from '../kea/config-review'
import { sendCommand, type KeaConnection } from '../kea/kea-client'
import { LogProblem } from './log-book'
import { draftOf, loggerAdvice, loggerRecipes, loggersSection, outputsKey } from './logger-config'

type Service = 'dhcp4' | 'dhcp6'
const rootKey = (service: Service) => (service === 'dhcp4' ? 'Dhcp4' : 'Dhcp6')

export function builtLoggers(service: Service, version: string | null, drafts: LoggerDraft[]): LoggersConfig {
  return { service, version, key: outputsKey(version), drafts, loggers: loggersSection(drafts, version), advice: loggerAdvice(drafts, service), recipes: loggerRecipes(service) }
}

/** The server's version from version-get ("2.2.0"), or null when it does not say. */
async function serverVersion(connection: KeaConnection, service: Service): Promise<string | null> {
  const answer = await sendCommand(connection, { command: 'version-get', service })
  return answer.result === 0 ? /\d+\.\d+\.\d+/.exec(answer.text ?? '')?.[0] ?? null : null
}

export async function readLoggers(connection: KeaConnection, service: Service): Promise<LoggersConfig> {
  const config = await runningConfig(connection, service)
  const loggers = ((config[rootKey(service)] as Record<string, unknown>).loggers ?? []) as Record<string, unknown>[]
  return builtLoggers(service, await serverVersion(connection, service), loggers.map(draftOf))
}

export async function applyLoggers(connection: KeaConnection, service: Service, drafts: LoggerDraft[]): Promise<LoggersConfig> {
  const result = builtLoggers(service, await serverVersion(connection, service), drafts)
  const blocking = result.advice.filter((a) => a.level === 'error')
  if (blocking.length) throw new LogProblem(`Not applied: ${blocking.map((a) => a.text).join(' ')}`)
  const config = await runningConfig(connection, service)
  const next = { ...config, [rootKey(service)]: { ...(config[rootKey(service)] as Record<string, unknown>), loggers: result.loggers } }
  const set = await sendCommand(connection, { command: 'config-set', service, arguments: next })
  if (set.result !== 0) throw new LogProblem(`Kea refused the loggers (config-set): ${set.text ?? `result ${set.result}`}. Nothing was changed.`)
  const write = await sendCommand(connection, { command: 'config-write', service, arguments: {} })
  if (write.result !== 0) throw new LogProblem(`The loggers are running, but Kea could not write its configuration file (config-write): ${write.text ?? `result ${write.result}`}; they are lost at the next restart.`)
  return { ...result, applied: { configSet: set.text ?? 'done', configWrite: write.text ?? 'done' } }
}
