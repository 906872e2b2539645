// The log files this machine has that a Logs view may open: the lab's, those a Kea configuration's `loggers`
// names (output_options or output-options), /var/log/kea/*, and syslog. Each gets an opaque id; logs.open takes
// only such ids, so the page never names a path.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { LogFileChoice } from '../../contract/types'
import { lab } from '../../lab/topology'
import { fileBytes, rotatedCopies } from './rotated-files'

export interface ConfiguredOutput {
  output: string
  pattern: string | null
}

const SYSLOG_FILES = ['/var/log/syslog', '/var/log/messages', '/var/log/kea.log']

/** The outputs of a Kea configuration's loggers (config-get's answer, either spelling of output options). */
export function configuredOutputs(config: unknown): ConfiguredOutput[] {
  const found: ConfiguredOutput[] = []
  const servers = typeof config === 'object' && config !== null ? Object.values(config as Record<string, unknown>) : []
  for (const server of servers) {
    const loggers = (server as { loggers?: unknown })?.loggers
    if (!Array.isArray(loggers)) continue
    for (const logger of loggers) {
      const options = (logger as Record<string, unknown>)?.output_options ?? (logger as Record<string, unknown>)?.['output-options']
      if (!Array.isArray(options)) continue
      for (const option of options) {
        const { output, pattern } = option as { output?: unknown; pattern?: unknown }
        if (typeof output === 'string') found.push({ output, pattern: typeof pattern === 'string' && pattern !== '' ? pattern : null })
      }
    }
  }
  return found
}

export function fileId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16)
}

function choice(path: string, origin: string, pattern: string | null): LogFileChoice | null {
  try {
    if (!statSync(path).isFile()) return null
  } catch {
    return null
  }
  return { id: fileId(path), path, origin, bytes: fileBytes(path), rotated: rotatedCopies(path).length, pattern }
}

export function findLogFiles(configured: { origin: string; outputs: ConfiguredOutput[] }[] = []): LogFileChoice[] {
  const found = new Map<string, LogFileChoice>()
  const add = (path: string, origin: string, pattern: string | null = null) => {
    if (found.has(path)) return
    const c = choice(path, origin, pattern)
    if (c) found.set(path, c)
  }
  for (const { origin, outputs } of configured) for (const { output, pattern } of outputs) if (isAbsolute(output)) add(output, origin, pattern)
  for (const name of safeList(lab.dir)) if (/^kea-[\w-]+\.log$/.test(name)) add(join(lab.dir, name), 'the Kea lab')
  for (const name of safeList('/var/log/kea')) if (/\.log$/.test(name)) add(join('/var/log/kea', name), '/var/log/kea')
  for (const path of SYSLOG_FILES) if (existsSync(path)) add(path, 'syslog')
  return [...found.values()]
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}
