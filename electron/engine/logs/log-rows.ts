// A line of a log as the list shows it: the columns, and its first line read again for its message.
import type { LogRow } from '../../contract/types'
import { keaMessage } from './catalogue'
import { OTHER_PROGRAM } from './line-formats'
import type { LogLines } from './log-lines'
import { messageFields } from './message-fields'
import { severityName } from './severity'

/** ISO 8601 in UTC, or '' for a line without a time. */
export function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : ''
}

export function logRow(lines: LogLines, i: number): LogRow {
  const [first, ...continuation] = lines.text[i].split('\n')
  const parsed = lines.severity[i] < 0 ? null : lines.reader.read(first)
  const message = parsed && parsed !== OTHER_PROGRAM ? parsed.message : first
  const [head, ...more] = message.split('\n')
  const f = messageFields(head)
  const messageId = f.messageId
  return {
    index: i,
    lineNumber: lines.lineNumber[i],
    time: isoTime(lines.time[i]),
    severity: severityName(lines.severity[i]),
    logger: lines.loggers.names[lines.logger[i]],
    pid: parsed && parsed !== OTHER_PROGRAM ? parsed.pid : 0,
    thread: parsed && parsed !== OTHER_PROGRAM ? parsed.thread : '',
    messageId,
    message: head,
    mac: f.mac, clientId: f.clientId ?? f.duid,
    xid: f.xid === null ? null : `0x${f.xid.toString(16).padStart(8, '0')}`,
    addresses: f.addresses, subnetId: f.subnetId, lifetime: f.lifetime,
    continuation: [...more, ...continuation],
    unparsed: lines.severity[i] < 0,
    meaning: messageId ? keaMessage(messageId)?.meaning ?? null : null,
  }
}
