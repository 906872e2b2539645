// A capture's DHCP packets with what correlation needs (xid, client MAC, time, transaction), from its transactions.
import type { TransactionPage } from '../../contract/types'
import type { Timestamp } from '../capture-file/record'
import type { CapturedPacket } from './correlate'
import { transactionPages } from '../transactions/transaction-pages'

export interface TransactionSource {
  transactions(captureId: number, offset: number, limit: number, problemsOnly: boolean): Promise<TransactionPage>
  firstTimestamp(captureId: number): Promise<Timestamp | null>
}

const PAGE = 10_000

/** Milliseconds since the epoch of a packet's time. */
export function timestampMs(t: Timestamp): number {
  return t.timestampSeconds * 1000 + (t.timestampFraction / 10 ** t.fractionDigits) * 1000
}

export async function capturedPackets(source: TransactionSource, captureId: number): Promise<CapturedPacket[]> {
  const first = await source.firstTimestamp(captureId)
  if (!first) return []
  const firstMs = timestampMs(first)
  const packets: CapturedPacket[] = []
  for await (const rows of transactionPages((offset, limit) => source.transactions(captureId, offset, limit, false), PAGE)) {
    for (const t of rows) {
      const xid = parseInt(t.xid, 16)
      const mac = t.family === 4 && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(t.client) ? t.client : null
      for (const step of t.steps) packets.push({ frame: step.frame, xid, mac, time: firstMs + step.time * 1000, type: step.type, transactionId: t.id })
    }
  }
  return packets
}
