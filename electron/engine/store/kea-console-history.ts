// The Kea console's commands kept in a session, so reopening it shows what was sent and answered. Secrets are
// hidden before anything is written (arguments and answers alike: config-get answers with the database passwords),
// an answer's arguments are kept up to MAX_ANSWER_CHARS of their JSON, and a session keeps its newest
// MAX_CONSOLE_KEPT commands.
import type { KeaCommandAnswer, KeaConsoleRecord } from '../../contract/types'
import { redactSecrets } from '../kea/redact'
import type { Db } from './database'

/** A lease4-get-all of a big subnet answers megabytes: its start is what a history needs. */
export const MAX_ANSWER_CHARS = 256 * 1024
export const MAX_CONSOLE_KEPT = 500
/** What one read returns, newest first. */
export const MAX_CONSOLE_LISTED = 200

export interface ConsoleOutcome {
  profileId: string
  service: KeaConsoleRecord['service']
  command: string
  arguments: Record<string, unknown> | null
  answer: KeaCommandAnswer | null
  error: string | null
}

interface Row { id: number; profile_id: string; service: KeaConsoleRecord['service']; command: string; arguments: string | null; at: string; answer: string | null; truncated: number; error: string | null }

/** The answer as kept: secrets hidden; arguments past the bound replaced by the start of their JSON text. */
function keptAnswer(answer: KeaCommandAnswer): { answer: KeaCommandAnswer; truncated: boolean } {
  const hidden = redactSecrets(answer)
  const text = JSON.stringify(hidden.arguments ?? null)
  if (text.length <= MAX_ANSWER_CHARS) return { answer: hidden, truncated: false }
  return { answer: { ...hidden, arguments: text.slice(0, MAX_ANSWER_CHARS) }, truncated: true }
}

export class KeaConsoleHistory {
  constructor(private readonly db: Db) {}

  add(sessionId: number, outcome: ConsoleOutcome, at = new Date()): void {
    const kept = outcome.answer ? keptAnswer(outcome.answer) : null
    this.db.transaction(() => {
      this.db.prepare(`INSERT INTO kea_console_commands (session_id, profile_id, service, command, arguments, at, answer, truncated, error)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        sessionId, outcome.profileId, outcome.service, outcome.command,
        outcome.arguments ? JSON.stringify(redactSecrets(outcome.arguments)) : null, at.toISOString(),
        kept ? JSON.stringify(kept.answer) : null, kept?.truncated ? 1 : 0, outcome.error,
      )
      this.db.prepare(`DELETE FROM kea_console_commands WHERE session_id = ? AND id NOT IN
        (SELECT id FROM kea_console_commands WHERE session_id = ? ORDER BY id DESC LIMIT ?)`).run(sessionId, sessionId, MAX_CONSOLE_KEPT)
    })()
  }

  /** Newest first; one connection's when `profileId` is given. */
  list(sessionId: number, profileId?: string): KeaConsoleRecord[] {
    const rows = this.db.prepare(`SELECT * FROM kea_console_commands WHERE session_id = ? AND (? IS NULL OR profile_id = ?) ORDER BY id DESC LIMIT ?`)
      .all(sessionId, profileId ?? null, profileId ?? null, MAX_CONSOLE_LISTED) as Row[]
    return rows.map((r) => ({
      id: r.id, profileId: r.profile_id, service: r.service, command: r.command, at: r.at, truncated: r.truncated === 1, error: r.error,
      arguments: r.arguments === null ? null : JSON.parse(r.arguments) as Record<string, unknown>,
      answer: r.answer === null ? null : JSON.parse(r.answer) as KeaCommandAnswer,
    }))
  }
}
