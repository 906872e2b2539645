// The lines of the open logs about one client: those whose hardware address, client id or DUID is the client's.
import type { ClientTimelineItem } from '../../contract/types'
import { lastMatches, type SourceItems } from '../clients/client-timeline'
import type { LogBook } from './log-book'
import { logRow } from './log-rows'

export function clientLogLines(book: LogBook, matches: (written: string) => boolean, limit: number): SourceItems[] {
  return book.list().flatMap(({ logId, name }) => {
    const lines = book.get(logId).lines
    if (!lines) return []
    const names = lines.namesClient(matches)
    if (!names) return []
    const { positions, total } = lastMatches(lines.count, names, limit)
    const items = positions.map((i): ClientTimelineItem => {
      const row = logRow(lines, i)
      return { kind: 'log', time: row.time, logId, logName: name, index: i, line: row.lineNumber, severity: row.severity, messageId: row.messageId, text: row.message, mac: row.mac, clientId: row.clientId }
    })
    return [{ items, total }]
  })
}
