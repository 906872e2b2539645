// The log lines a bundle keeps: those of the open logs naming one of the session's clients (by MAC, client id or
// DUID), and every ERROR or FATAL line, in each log's order. The clients a log names are interned, so each name is
// tested once and each line is an integer compare.
import { severityCode } from '../logs/severity'
import type { LogBook } from '../logs/log-book'
import { logRow } from '../logs/log-rows'
import type { BundleLogLine } from './contents'

const ERROR = severityCode('ERROR')

export function logExcerpt(book: LogBook, clients: ReadonlySet<string>, limit: number): BundleLogLine[] {
  const excerpt: BundleLogLine[] = []
  for (const { logId, name } of book.list()) {
    const lines = book.get(logId).lines
    if (!lines) continue
    const ids = new Set(lines.clients.names.flatMap((client, id) => (id && clients.has(client.toLowerCase()) ? [id] : [])))
    for (let i = 0; i < lines.count && excerpt.length < limit; i++) {
      if (lines.severity[i] >= ERROR || ids.has(lines.mac[i]) || ids.has(lines.clientId[i])) excerpt.push({ ...logRow(lines, i), log: name })
    }
  }
  return excerpt
}
