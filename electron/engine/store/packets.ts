import type { PacketRow } from '../../contract/types'
import { isoTimestamp, secondsOf, timestampWarning, type CaptureRecord } from '../capture-file/record'
import type { DecodedFrame } from '../decode/frame'
import type { Db } from './database'

/** What the list shows of a decoded frame; the field tree is not kept (it is rebuilt for the packet on screen). */
export type PacketSummary = Pick<DecodedFrame, 'source' | 'destination' | 'protocol' | 'info' | 'malformed'>

export interface StoredPacket {
  row: PacketRow
  linkType: number
  data: Uint8Array
  /** What the record itself warns of, beside its decode's warnings: a time no date can show (given raw in the row). */
  warnings: string[]
}

interface PacketDbRow {
  frame: number
  ts_seconds: number
  ts_fraction: number
  ts_digits: number
  original_length: number
  link_type: number
  source: string
  destination: string
  protocol: string
  info: string
  malformed: number
  data?: Buffer
}

/** Packets of captures: raw bytes plus the summary columns the list shows, paged by frame number. */
export class PacketStore {
  private readonly insert
  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO packets (capture_id, frame, ts_seconds, ts_fraction, ts_digits, original_length, link_type,
      interface_id, source, destination, protocol, info, malformed, data, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  }

  /** Stores one batch in one transaction and moves the capture's packet count on. */
  addBatch(captureId: number, batch: { record: CaptureRecord; decoded: PacketSummary }[]): void {
    this.db.transaction(() => {
      for (const { record, decoded } of batch) {
        this.insert.run(captureId, record.frame, record.timestampSeconds, record.timestampFraction, record.fractionDigits,
          record.originalLength, record.linkType, record.interfaceId, decoded.source, decoded.destination, decoded.protocol,
          decoded.info, decoded.malformed ? 1 : 0, record.data, record.comment ?? null)
      }
      const last = batch.at(-1)
      if (last) {
        this.db.prepare('UPDATE captures SET packet_count = ?, first_time = COALESCE(first_time, ?) WHERE id = ?')
          .run(last.record.frame, secondsOf(batch[0].record), captureId)
      }
    })()
  }

  page(captureId: number, offset: number, limit: number): PacketRow[] {
    const first = this.firstTime(captureId)
    const rows = this.db.prepare(`SELECT frame, ts_seconds, ts_fraction, ts_digits, original_length, link_type, source, destination, protocol, info, malformed
      FROM packets WHERE capture_id = ? AND frame > ? AND frame <= ? ORDER BY frame`).all(captureId, offset, offset + limit) as PacketDbRow[]
    return rows.map((r) => toRow(r, first))
  }

  /** The rows of these frames, in the order given (a filtered or sorted view's page). */
  rows(captureId: number, frames: ArrayLike<number>): PacketRow[] {
    if (frames.length === 0) return []
    const first = this.firstTime(captureId)
    const list = Array.from(frames)
    const found = this.db.prepare(`SELECT frame, ts_seconds, ts_fraction, ts_digits, original_length, link_type, source, destination, protocol, info, malformed
      FROM packets WHERE capture_id = ? AND frame IN (SELECT value FROM json_each(?))`).all(captureId, JSON.stringify(list)) as PacketDbRow[]
    const byFrame = new Map(found.map((r) => [r.frame, toRow(r, first)]))
    return list.flatMap((frame) => byFrame.get(frame) ?? [])
  }

  /** A text column of every packet, in frame order (element 0 is frame 1): what sorting by it orders. */
  columnTexts(captureId: number, column: 'source' | 'destination' | 'protocol' | 'info'): string[] {
    return this.db.prepare(`SELECT ${column} FROM packets WHERE capture_id = ? ORDER BY frame`).pluck().all(captureId) as string[]
  }

  /** The finest timestamp precision among a capture's packets (6 microseconds, 9 nanoseconds). */
  maxFractionDigits(captureId: number): number {
    return (this.db.prepare('SELECT MAX(ts_digits) FROM packets WHERE capture_id = ?').pluck().get(captureId) as number | null) ?? 6
  }

  /** Every stored packet of a capture in frame order, with what the index and the file writers need. */
  *records(captureId: number): Generator<{ record: CaptureRecord; malformed: boolean }> {
    const rows = this.db.prepare(`SELECT frame, ts_seconds, ts_fraction, ts_digits, original_length, link_type, interface_id, malformed, data, comment
      FROM packets WHERE capture_id = ? ORDER BY frame`).iterate(captureId) as Iterable<PacketDbRow & { interface_id: number; comment: string | null }>
    for (const r of rows) {
      yield {
        record: {
          frame: r.frame, timestampSeconds: r.ts_seconds, timestampFraction: r.ts_fraction, fractionDigits: r.ts_digits, originalLength: r.original_length,
          linkType: r.link_type, interfaceId: r.interface_id, data: r.data!, comment: r.comment ?? undefined,
        },
        malformed: r.malformed === 1,
      }
    }
  }

  get(captureId: number, frame: number): StoredPacket | undefined {
    const r = this.db.prepare('SELECT * FROM packets WHERE capture_id = ? AND frame = ?').get(captureId, frame) as PacketDbRow | undefined
    if (!r) return undefined
    const timeWarning = timestampWarning({ timestampSeconds: r.ts_seconds, timestampFraction: r.ts_fraction, fractionDigits: r.ts_digits })
    return { row: toRow(r, this.firstTime(captureId)), linkType: r.link_type, data: new Uint8Array(r.data!), warnings: timeWarning ? [timeWarning] : [] }
  }

  private firstTime(captureId: number): number {
    return (this.db.prepare('SELECT first_time FROM captures WHERE id = ?').get(captureId) as { first_time: number | null } | undefined)?.first_time ?? 0
  }
}

function toRow(r: PacketDbRow, firstTime: number): PacketRow {
  const stamp = { timestampSeconds: r.ts_seconds, timestampFraction: r.ts_fraction, fractionDigits: r.ts_digits }
  return {
    frame: r.frame, time: secondsOf(stamp) - firstTime, timestamp: isoTimestamp(stamp), source: r.source, destination: r.destination,
    protocol: r.protocol, length: r.original_length, info: r.info, malformed: r.malformed === 1,
  }
}
