// Links between the open logs and a capture, worked out when asked and kept while neither has grown.
import type { LogLineDetail, TransactionLogLines } from '../../contract/types'
import { keaMessage } from './catalogue'
import { capturedPackets, type TransactionSource } from './capture-packets'
import { correlate, type Links } from './correlate'
import type { LogBook } from './log-book'
import { logRow } from './log-rows'

export class LogLinks {
  private readonly cache = new Map<string, { key: string; links: Links }>()

  constructor(private readonly book: LogBook, private readonly captures: TransactionSource) {}

  private async links(logId: number, captureId: number): Promise<Links | null> {
    const lines = this.book.get(logId).lines
    if (!lines) return null
    const packets = await capturedPackets(this.captures, captureId)
    const key = `${lines.count}/${packets.length}`
    const cached = this.cache.get(`${logId}/${captureId}`)
    if (cached?.key === key) return cached.links
    const links = correlate(lines, packets)
    this.cache.set(`${logId}/${captureId}`, { key, links })
    return links
  }

  async line(logId: number, index: number, captureId?: number): Promise<LogLineDetail> {
    const lines = this.book.get(logId).lines
    if (!lines || index >= lines.count) throw new Error(`log ${logId} has no line ${index}`)
    const row = logRow(lines, index)
    const message = row.messageId ? keaMessage(row.messageId) : null
    if (captureId === undefined) return { row, message, packets: [], skew: null }
    const links = await this.links(logId, captureId)
    const packets = (links?.byLine.get(index) ?? []).map((p) => ({
      captureId, frame: p.frame, type: p.type, time: new Date(p.time).toISOString(), offsetMs: Math.round(lines.time[index] - p.time), transactionId: p.transactionId,
    }))
    return { row, message, packets, skew: links?.skew ?? null }
  }

  async forTransaction(captureId: number, transactionId: number): Promise<TransactionLogLines> {
    const found: TransactionLogLines['lines'] = []
    let skew: TransactionLogLines['skew'] = null
    for (const info of this.book.list()) {
      const links = await this.links(info.logId, captureId)
      if (!links) continue
      skew ??= links.skew
      const lines = this.book.get(info.logId).lines!
      for (const i of links.byTransaction.get(transactionId) ?? []) {
        const frames = links.byLine.get(i)!.filter((p) => p.transactionId === transactionId).map((p) => p.frame)
        found.push({ ...logRow(lines, i), logId: info.logId, logName: info.name, frames })
      }
    }
    found.sort((a, b) => a.time.localeCompare(b.time))
    return { lines: found, skew }
  }
}

