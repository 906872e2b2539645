// The log lines a bundle keeps: those of the open logs naming one of the session's clients (by MAC, client id or
// DUID), and every ERROR or FATAL line, in each log's order.
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
    const names = lines.namesClient((client) => clients.has(client.toLowerCase()))
    for (let i = 0; i < lines.count && excerpt.length < limit; i++) {
      if (lines.severity[i] >= ERROR || names?.(i)) excerpt.push({ ...logRow(lines, i), log: name })
    }
  }
  return excerpt
}
