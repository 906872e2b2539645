// journald's Kea units through `journalctl -o json` (a fixed argv: the unit from a fixed list, times checked),
// locally or over SSH; a follow resumes after the cursor last seen.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { JOURNAL_TIME, type KeaUnit } from '../../contract/log-names'
import type { FollowEvents } from './followed-file'

export interface JournalRequest {
  unit: KeaUnit
  since?: string
  until?: string
  /** Resume after this cursor (journald's __CURSOR). */
  cursor?: string
  follow: boolean
}

export function journalArgs(request: JournalRequest): string[] {
  for (const time of [request.since, request.until]) if (time !== undefined && !JOURNAL_TIME.test(time)) throw new Error(`"${time}" is not a time journalctl takes (2026-11-30 15:00:00, today, -1h)`)
  if (request.cursor !== undefined && !/^[\w=;-]{1,512}$/.test(request.cursor)) throw new Error('that cursor is not one journald wrote')
  return ['-o', 'json', '--no-pager', '-u', request.unit,
    ...(request.cursor ? ['--after-cursor', request.cursor] : request.since ? ['--since', request.since] : []),
    ...(request.until ? ['--until', request.until] : []), ...(request.follow ? ['-f'] : [])]
}

/** Whether this machine has a journal to read, or why not, in one sentence. */
export function localJournal(): { available: boolean; reason: string | null } {
  const version = spawnSync('journalctl', ['--version'], { encoding: 'utf8', timeout: 5000 })
  if (version.error) return { available: false, reason: 'journalctl is not installed here (no systemd): read Kea\'s log files or syslog instead.' }
  const stored = (() => {
    try {
      return readdirSync('/var/log/journal').length > 0
    } catch {
      return false
    }
  })()
  if (!existsSync('/run/systemd/journal') && !stored) return { available: false, reason: 'this machine has no systemd journal (systemd-journald is not running and /var/log/journal is empty): read Kea\'s log files or syslog instead.' }
  return { available: true, reason: null }
}

const MAX_STDERR = 4096

/** Runs journalctl; its output goes to `events.chunk`. Returns the stopper; `done` resolves when it ends. */
export function runJournal(request: JournalRequest, events: FollowEvents): { stop(): void; done: Promise<void> } {
  const child = spawn('journalctl', journalArgs(request), { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => events.chunk(chunk))
  child.stderr.on('data', (chunk: Buffer) => { if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8') })
  const done = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      events.failed(`journalctl could not be run: ${error.message}.`)
      resolve()
    })
    child.on('close', (code, signal) => {
      if (code && !signal) events.failed(`journalctl failed: ${stderr.trim().split('\n')[0] || `exit status ${code}`}.`)
      resolve()
    })
  })
  return { stop: () => child.kill('SIGTERM'), done }
}
