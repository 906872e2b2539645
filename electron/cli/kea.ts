// `fieldkit kea status|test|cmd|review|config|stats|apply` (apply: kea-apply.ts): the Kea API from a terminal, against a saved connection (--profile) or one
// described by options, as curl or kea-shell would be used. Secrets come from files, never from the command line.
// `fieldkit kea local`: Kea's services on this machine, from keactrl and systemctl.
import { readFileSync, statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { setTimeout as sleep } from 'node:timers/promises'
import type { KeaCommandAnswer, KeaDhcpService, KeaLocalServices, KeaPools, KeaReview, KeaStatus, KeaServiceStatus, KeaSubnetUsage, KeaTestReport } from '../contract/types'
import { defaultDataDir } from '../engine/data-dir'
import { ContractError } from '../engine/errors'
import { testConnection } from '../engine/kea/discover'
import type { KeaConnection, KeaService } from '../engine/kea/kea-client'
import { runCommand } from '../engine/kea/kea-console'
import { reviewRunning, runningConfig } from '../engine/kea/config-review'
import { KeaError } from '../engine/kea/kea-error'
import { dhcpServices } from '../engine/kea/kea-insights'
import { DiagnosisCache } from '../engine/kea/pool-diagnosis'
import { PoolSampler } from '../engine/kea/pool-sampler'
import { PoolThresholds } from '../engine/kea/pool-thresholds'
import { readPools } from '../engine/kea/pools'
import { redactSecrets } from '../engine/kea/redact'
import { formConnection, KeaProfiles } from '../engine/kea/profiles'
import { localKeaServices } from '../engine/kea/local-services/index'
import { keaStatus } from '../engine/kea/status'
import { commandLineSecrets, PASSPHRASE_VARIABLE } from './secrets'
import { applyConfigFile } from './kea-apply'

const USAGE = 'kea status|test|review|config|stats [--watch S]|cmd COMMAND [--args JSON] [--yes]|apply --config FILE [--write] [--yes] (--profile NAME | --url URL [--user U --password-file F] [--ca FILE] [--cert FILE --key FILE] | --socket PATH) [--service dhcp4|dhcp6|d2] [--json], or kea local [--json]'
const MAX_FILE_BYTES = 1024 * 1024

export class CliProblem extends Error {}

/** `limit` and `what` the file should be, for the sentence when it is too large. */
export function readSmallFile(option: string, path: string, limit = MAX_FILE_BYTES, what = 'a PEM file or a password'): string {
  try {
    if (statSync(path).size > limit) throw new CliProblem(`${option} ${path} is larger than ${limit / 1024 / 1024} MiB: it is not ${what}.`)
    return readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof CliProblem) throw error
    throw new CliProblem(`cannot read ${option} ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check the path.`)
  }
}

type Options = Record<string, string | boolean | undefined>

/** `profileId` keys what is kept per connection (pool thresholds): the saved profile's id, else the URL or socket. */
export async function connectionFrom(values: Options): Promise<{ connection: KeaConnection; service: KeaService | null; profileId: string }> {
  const service = values.service as KeaService | undefined
  if (service !== undefined && !['dhcp4', 'dhcp6', 'd2'].includes(service)) throw new CliProblem(`--service takes dhcp4, dhcp6 or d2, not "${service}".`)
  const targets = ['profile', 'url', 'socket'].filter((o) => values[o] !== undefined)
  if (targets.length !== 1) throw new CliProblem(`name exactly one of --profile, --url or --socket: npm run -s fieldkit -- ${USAGE}`)
  if (values.profile !== undefined) {
    const profiles = new KeaProfiles(defaultDataDir(), await commandLineSecrets())
    const found = profiles.find(String(values.profile))
    if (!found) throw new CliProblem(`no saved Kea connection is named "${values.profile}"${profiles.list().length ? ` (saved: ${profiles.list().map((p) => p.name).join(', ')})` : ''}; use --url instead.`)
    const { connection, service: saved } = await profiles.connection(found.id).catch((error: unknown) => {
      if (error instanceof ContractError && error.code === 'secrets-locked') throw new CliProblem(`the passwords and keys of "${found.name}" are in the passphrase-protected secrets file: give its passphrase in $${PASSPHRASE_VARIABLE}.`)
      throw error
    })
    return { connection, service: service ?? saved, profileId: found.id }
  }
  if (values.socket !== undefined) return { connection: formConnection({ kind: 'unix', name: 'command line', socketPath: String(values.socket) }), service: null, profileId: String(values.socket) }
  if ((values.cert === undefined) !== (values.key === undefined)) throw new CliProblem('--cert and --key go together: a client certificate needs its key.')
  if (values['password-file'] !== undefined && values.user === undefined) throw new CliProblem('--password-file needs --user.')
  const file = (option: string) => (values[option] === undefined ? undefined : readSmallFile(`--${option}`, String(values[option])))
  const connection = formConnection({
    kind: 'http', name: 'command line', url: String(values.url), user: values.user as string | undefined,
    password: file('password-file')?.replace(/\r?\n$/, ''), ca: file('ca'), cert: file('cert'), key: file('key'),
  })
  return { connection, service: service ?? null, profileId: String(values.url) }
}

function duration(seconds: number | null): string {
  if (seconds === null) return '?'
  const d = Math.floor(seconds / 86400), h = Math.floor((seconds % 86400) / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60
  return [d && `${d}d`, (d || h) && `${h}h`, (d || h || m) && `${m}m`, `${s}s`].filter(Boolean).join('')
}

function statusLine(s: KeaServiceStatus): string {
  if (!s.up) return `${s.service.padEnd(10)} down   ${s.problem ?? ''}`
  const parts = [
    `pid ${s.pid ?? '?'}`, `up ${duration(s.uptimeSeconds)}`, `reloaded ${duration(s.reloadSeconds)} ago`, `Kea ${s.version ?? '?'}`,
    s.multiThreading && (s.multiThreading.enabled ? `multi-threading on (${s.multiThreading.threadPoolSize ?? '?'} threads, queue ${s.multiThreading.packetQueueSize ?? '?'})` : 'multi-threading off'),
    s.sockets && `sockets ${s.sockets.status}${s.sockets.errors.length ? ` (${s.sockets.errors.join('; ')})` : ''}`,
    s.dhcpDisabled,
  ].filter(Boolean)
  const ha = (s.ha ?? []).map((r) => `\n${''.padEnd(17)}HA ${r.mode ?? ''}: this server ${r.localState ?? '?'} (${r.localRole ?? '?'}), partner ${r.partnerName ?? ''} ${r.partnerState ?? '?'}${r.inTouch === false ? ', not in touch' : ''}`)
  return `${s.service.padEnd(10)} up     ${parts.join(', ')}${ha.join('')}`
}

function showStatus(status: KeaStatus): string {
  return `${status.services.map(statusLine).join('\n')}\n`
}

function showTest(report: KeaTestReport): string {
  const lines = [report.summary]
  for (const s of report.services) {
    if (s.state !== 'up') {
      if (s.state === 'down') lines.push(`  ${s.service}: down: ${s.problem}`)
      continue
    }
    lines.push(`  ${s.service}: up, Kea ${s.version ?? '?'}, ${s.commands.length} commands`)
    for (const gap of s.missingHooks) lines.push(`    without ${gap.hook}: no ${gap.prevents}; load ${gap.library}`)
  }
  if (report.problem) lines.push(report.problem)
  return `${lines.join('\n')}\n`
}

function showAnswer(answer: KeaCommandAnswer): string {
  const head = `result ${answer.result} (${answer.meaning})${answer.text ? `: ${answer.text}` : ''}`
  return [head, ...(answer.hint ? [answer.hint] : []), ...(answer.arguments !== null ? [JSON.stringify(answer.arguments, null, 2)] : [])].join('\n') + '\n'
}

function showReviews(reviews: KeaReview[]): string {
  return reviews.map((review) => {
    const count = review.findings.length
    const lines = [`${review.service}: ${count === 0 ? 'no findings' : `${count} finding${count === 1 ? '' : 's'}`}`]
    for (const f of review.findings) lines.push(`  ${f.severity.padEnd(8)} ${f.rule}: ${f.subject} (${f.path})`, `           ${f.problem}`, `           Fix: ${f.fix}`)
    return lines.join('\n')
  }).join('\n') + '\n'
}

const percent = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)} %`)
const kindNames = { address: 'addresses', na: 'NAs', pd: 'PDs' }

function subnetLines(s: KeaSubnetUsage): string[] {
  const extra = [s.declined !== null && `declined ${s.declined}`, s.reclaimed !== null && `reclaimed ${s.reclaimed}`].filter(Boolean).join(', ')
  const head = `${s.service} subnet ${s.subnetId}${s.subnet ? ` ${s.subnet}` : ''}: ${kindNames[s.kind]} ${s.assigned}/${s.total} ${percent(s.utilization)} ${s.level.toUpperCase()}${extra ? ` (${extra})` : ''}; ${s.projection.text}`
  return [head, ...s.pools.map((p) => `    pool ${p.pool ?? `#${p.index}`}: ${p.assigned}/${p.total} ${percent(p.utilization)}`), ...diagnosisLines(s)]
}

/** Beside a subnet at warn or critical: the usual causes (the likely ones marked) and the clients holding most leases. */
function diagnosisLines({ diagnosis }: KeaSubnetUsage): string[] {
  if (!diagnosis) return []
  const holders = diagnosis.topHolders.map((h) => `${h.client} ${h.leases}`).join(', ')
  return [
    ...(diagnosis.problem ? [`    ${diagnosis.problem}`] : []),
    ...(holders ? [`    top clients by leases${diagnosis.partial ? ` (of the first ${diagnosis.leasesRead} read)` : ''}: ${holders}`] : []),
    ...diagnosis.causes.map((c) => `    ${c.likely ? 'LIKELY ' : ''}${c.cause}: ${c.found}${c.likely ? ` Fix: ${c.fix}` : ''}`),
  ]
}

function showLocal(local: KeaLocalServices): string {
  const keactrl = local.keactrl.problem
    ? [`keactrl: ${local.keactrl.problem}`]
    : ['keactrl status:', ...local.keactrl.servers.map((s) => `  ${s.name}: ${s.active ? 'active' : 'inactive'}`), ...local.keactrl.notes.map((n) => `  ${n}`)]
  const systemd = local.systemd.problem
    ? [`systemd: ${local.systemd.problem}`]
    : ['systemd:', ...local.systemd.units.map((u) => `  ${u.unit}: ${u.active}${u.sub ? ` (${u.sub})` : ''}${u.since ? ` since ${u.since}${u.ago ? `, ${u.ago} ago` : ''}` : ''}${u.pid ? `, pid ${u.pid}` : ''}${u.enabled ? `, ${u.enabled} at boot` : ''}`)]
  return [...keactrl, ...systemd].join('\n') + '\n'
}

function showPools(pools: KeaPools): string {
  const counts = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'
  const servers = pools.servers.map((c) => `${c.service} packets received: ${counts(c.received)}\n${c.service} packets sent: ${counts(c.sent)}\n${c.service} dropped: ${counts(c.dropped)}; allocation failures: ${counts(c.allocationFailures)}`)
  return [`sampled ${pools.sampledAt}`, ...pools.subnets.flatMap(subnetLines), ...servers, ...pools.problems].join('\n') + '\n'
}

/** Every DHCP server's configuration the connection reaches (or the one named), secrets hidden: { Dhcp4, Dhcp6 }. */
async function configs(connection: KeaConnection, service: KeaService | null): Promise<Record<string, unknown>> {
  const services: KeaDhcpService[] = service === 'dhcp4' || service === 'dhcp6' ? [service] : await dhcpServices(connection)
  const all = await Promise.all(services.map((s) => runningConfig(connection, s)))
  return redactSecrets(Object.assign({}, ...all))
}

/** Reads the pools once, or every `watch` seconds until interrupted; the samples (and so the projection) build up. */
async function stats(connection: KeaConnection, profileId: string, watch: number | null, show: (pools: KeaPools) => void): Promise<void> {
  const reading = { profileId, sampler: new PoolSampler(), thresholds: new PoolThresholds(defaultDataDir()), diagnoses: new DiagnosisCache() }
  const stopped = new AbortController()
  process.once('SIGINT', () => stopped.abort())
  do {
    show(await readPools(connection, reading))
    if (watch === null) return
    await sleep(watch * 1000, undefined, { signal: stopped.signal }).catch(() => undefined)
  } while (!stopped.signal.aborted)
}

function parseWatch(text: string | undefined): number | null {
  if (text === undefined) return null
  const seconds = Number(text)
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86400) throw new CliProblem(`--watch takes seconds between samples (1 to 86400), not "${text}".`)
  return seconds
}

function parseArguments(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CliProblem(`--args is not JSON (${(error as Error).message}): write it as '{"ip-address": "192.0.2.100"}'.`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliProblem('--args must be a JSON object, as Kea\'s "arguments" are.')
  return parsed as Record<string, unknown>
}

export async function keaCommand(args: string[], fail: (message: string) => number): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      profile: { type: 'string' }, url: { type: 'string' }, socket: { type: 'string' }, user: { type: 'string' }, 'password-file': { type: 'string' },
      ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, service: { type: 'string' },
      args: { type: 'string' }, yes: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, watch: { type: 'string' },
      config: { type: 'string' }, write: { type: 'boolean', default: false },
    },
  })
  const [action, command, ...extra] = positionals
  const out = (value: unknown, text: string) => process.stdout.write(values.json ? `${JSON.stringify(value)}\n` : text)
  try {
    if (action === 'local' && positionals.length === 1) {
      const local = await localKeaServices()
      out(local, showLocal(local))
      return local.keactrl.problem && local.systemd.problem ? 1 : 0
    }
    if (action === 'cmd' && (command === undefined || extra.length)) return fail(`kea cmd takes one COMMAND: npm run -s fieldkit -- ${USAGE}`)
    if (action !== 'cmd' && (action === undefined || positionals.length !== 1 || !['status', 'test', 'review', 'config', 'stats', 'apply'].includes(action))) {
      return fail(`kea takes status, test, review, config, stats, cmd, apply or local: npm run -s fieldkit -- ${USAGE}`)
    }
    if ((values.config !== undefined || values.write) !== (action === 'apply')) return fail('--config and --write go with kea apply (and kea apply needs --config FILE).')
    if (values.watch !== undefined && action !== 'stats') return fail('--watch goes with kea stats.')
    const watch = parseWatch(values.watch)
    const { connection, service, profileId } = await connectionFrom(values)
    if (action === 'test') {
      const report = await testConnection(connection, service)
      out(report, showTest(report))
      return report.ok ? 0 : 1
    }
    if (action === 'status') {
      const status = await keaStatus(connection)
      out(status, showStatus(status))
      return status.services.every((s) => s.up) ? 0 : 1
    }
    if (action === 'review') {
      const dhcp = service === 'dhcp4' || service === 'dhcp6' ? [service] : await dhcpServices(connection)
      const reviews = await Promise.all(dhcp.map((s) => reviewRunning(connection, s)))
      out(reviews, showReviews(reviews))
      return reviews.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0
    }
    if (action === 'config') {
      const config = await configs(connection, service)
      process.stdout.write(`${JSON.stringify(config, null, values.json ? undefined : 2)}\n`)
      return 0
    }
    if (action === 'stats') {
      await stats(connection, profileId, watch, (pools) => out(pools, showPools(pools)))
      return 0
    }
    if (action === 'apply') return await applyConfigFile(connection, service, { file: String(values.config), write: values.write, yes: values.yes, json: values.json }, fail)
    const answer = await runCommand(connection, { command, service: service ?? undefined, arguments: parseArguments(values.args), confirmed: values.yes })
    out(answer, showAnswer(answer))
    return answer.result === 0 || answer.result === 3 ? 0 : 1
  } catch (error) {
    if (error instanceof KeaError && error.kind === 'unconfirmed') return fail(error.message)
    if (error instanceof KeaError || error instanceof ContractError || error instanceof CliProblem) {
      process.stderr.write(`fieldkit: ${error.message}\n`)
      return error instanceof CliProblem ? 2 : 1
    }
    throw error
  }
}
