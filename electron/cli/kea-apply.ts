// `fieldkit kea apply --config FILE [--write] [--yes]`: an edited configuration (as `kea config` prints it, secrets
// as ***** kept from the running one) shown as a diff against the running configuration, then, once the user says
// yes at the prompt (or gave --yes), set with config-set and written with config-write when --write is given.
import { createInterface } from 'node:readline/promises'
import type { KeaCommandAnswer, KeaConfigApplied, KeaDhcpService } from '../contract/types'
import { applyConfig, previewConfig } from '../engine/kea/config-apply'
import type { KeaConnection, KeaService } from '../engine/kea/kea-client'
import type { Json } from '../engine/kea/review/config-shape'
import { CliProblem, readSmallFile } from './kea'

/** A configuration with many reservations runs to megabytes; past this it is not one. */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024

function readConfig(file: string): Json {
  const text = readSmallFile('--config', file, MAX_CONFIG_BYTES, 'a Kea configuration')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CliProblem(`--config ${file} is not JSON (${(error as Error).message}); Kea's comments are not taken here: start from \`fieldkit kea config\`'s output.`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliProblem(`--config ${file} must hold a JSON object: { "Dhcp4": { … } }.`)
  return parsed as Json
}

/** --service when it names a DHCP server, else the file's one root (Dhcp4 or Dhcp6). */
function serviceOf(config: Json, service: KeaService | null): KeaDhcpService {
  if (service === 'dhcp4' || service === 'dhcp6') return service
  if (service === 'd2') throw new CliProblem('kea apply sets a DHCP server\'s configuration: --service dhcp4 or dhcp6.')
  const roots = (['Dhcp4', 'Dhcp6'] as const).filter((root) => root in config)
  if (roots.length !== 1) throw new CliProblem('the configuration names no single server (Dhcp4 or Dhcp6): add --service dhcp4 or dhcp6.')
  return roots[0] === 'Dhcp4' ? 'dhcp4' : 'dhcp6'
}

async function askYes(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim())
  } finally {
    prompt.close()
  }
}

const answerLine = (answer: KeaCommandAnswer) => `${answer.command}: result ${answer.result} (${answer.meaning})${answer.text ? `: ${answer.text}` : ''}`

function showApplied(applied: KeaConfigApplied): string {
  const kept = applied.keptSecrets.length ? [`kept the running secrets at ${applied.keptSecrets.join(', ')}`] : []
  return [answerLine(applied.set), ...(applied.written ? [answerLine(applied.written)] : []), ...kept].join('\n') + '\n'
}

export async function applyConfigFile(
  connection: KeaConnection, chosen: KeaService | null, options: { file: string; write: boolean; yes: boolean; json: boolean }, fail: (message: string) => number,
): Promise<number> {
  const config = readConfig(options.file)
  const service = serviceOf(config, chosen)
  const preview = await previewConfig(connection, service, config)
  if (!options.json) process.stdout.write(preview.changed ? preview.diff : `The edit changes nothing in the running ${service} configuration.\n`)
  if (!preview.changed) {
    if (options.json) process.stdout.write(`${JSON.stringify({ preview, applied: null })}\n`)
    return 0
  }
  const steps = options.write ? 'config-set, then config-write' : 'config-set'
  if (!options.yes) {
    if (!process.stdin.isTTY || options.json) return fail(`applying the configuration changes the ${service} server: add --yes to send ${steps} without a prompt.`)
    if (!await askYes(`Apply this to the ${service} server with ${steps}? [y/N] `)) return fail('not applied: nothing was sent.')
  }
  const applied = await applyConfig(connection, service, config, { write: options.write, confirmed: true })
  process.stdout.write(options.json ? `${JSON.stringify({ preview, applied })}\n` : showApplied(applied))
  return applied.applied && (applied.written === null || applied.written.result === 0) ? 0 : 1
}
