// `fieldkit logs loggers`: a Kea server's loggers section, built or changed with the usual recipes, printed as the
// JSON to paste into its configuration, with the advice; --apply --yes sets it (config-set) and writes it
// (config-write).
import { parseArgs } from 'node:util'
import type { LoggerDraft, LoggersConfig } from '../contract/types'
import { ContractError } from '../engine/errors'
import { KeaError } from '../engine/kea/kea-error'
import { LogProblem } from '../engine/logs/log-book'
import { applyLoggers, builtLoggers, readLoggers } from '../engine/logs/logger-apply'
import { connectionFrom } from './kea'

const USAGE = 'logs loggers (--profile NAME | --url URL … | --socket PATH) [--service dhcp4|dhcp6] [--recipe packets|allocation|drops|ddns|production]… [--apply --yes] [--json]'

export async function loggersCommand(args: string[], fail: (message: string) => number): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args,
      options: {
        profile: { type: 'string' }, url: { type: 'string' }, socket: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' },
        ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, service: { type: 'string', default: 'dhcp4' },
        recipe: { type: 'string', multiple: true, default: [] }, apply: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    return fail(`${(error as Error).message}: npm run -s fieldkit -- ${USAGE}`)
  }
  const { values } = parsed
  const service = values.service as 'dhcp4' | 'dhcp6'
  if (!['dhcp4', 'dhcp6'].includes(service)) return fail(`--service takes dhcp4 or dhcp6, not "${values.service}"`)
  if (values.apply && !values.yes) return fail('--apply changes the server\'s configuration and its file (config-set, config-write): add --yes to confirm')
  try {
    const { connection } = await connectionFrom({ ...values, service: undefined, recipe: undefined } as Record<string, string | boolean | undefined>)
    let config = await readLoggers(connection, service)
    const drafts: LoggerDraft[] = [...config.drafts]
    for (const id of values.recipe) {
      const recipe = config.recipes.find((r) => r.id === id)
      if (!recipe) return fail(`--recipe takes ${config.recipes.map((r) => r.id).join(', ')}, not "${id}"`)
      for (const logger of recipe.loggers) {
        const at = drafts.findIndex((d) => d.name === logger.name)
        if (at >= 0) drafts[at] = logger
        else drafts.push(logger)
      }
    }
    config = values.apply ? await applyLoggers(connection, service, drafts) : builtLoggers(service, config.version, drafts)
    process.stdout.write(values.json ? `${JSON.stringify(config)}\n` : text(config))
    return 0
  } catch (error) {
    if (error instanceof LogProblem || error instanceof KeaError || error instanceof ContractError) {
      process.stderr.write(`fieldkit: ${error.message}\n`)
      return 1
    }
    throw error
  }
}

function text(config: LoggersConfig): string {
  const lines = [JSON.stringify({ loggers: config.loggers }, null, 2), '']
  lines.push(`# Kea ${config.version ?? '(version unknown)'}: outputs under "${config.key}"${config.applied ? `; applied (config-set: ${config.applied.configSet}; config-write: ${config.applied.configWrite})` : ''}`)
  for (const a of config.advice) lines.push(`# ${a.level}: ${a.text}`)
  return `${lines.join('\n')}\n`
}
