// Migration 2. Versions up to 0.1.0 kept every packet of a capture in the packets table; now the capture's file is
// the one source of its packets. Each capture stored that way gets its packets written out, as they were stored
// (bytes, times, interfaces, comments), to a pcapng file in the data folder's captures/, and points at it, so
// sessions stored by an older version open whether or not their original files still exist.
import type { CaptureRecord } from '../capture-file/record'
import { writeCapture } from '../capture-file/write'
import { writeAtomically } from '../files/atomic-write'
import { copiesDir } from '../files/capture-copies'
import { CaptureFolder } from '../files/capture-folder'
import { captureFileName } from '../files/safe-name'
import type { Db } from './database'

interface StoredPacketRow {
  frame: number
  ts_seconds: number
  ts_fraction: number
  ts_digits: number
  original_length: number
  link_type: number
  interface_id: number
  data: Buffer
  comment: string | null
}

export function movePacketsOut(db: Db, dataDir: string): void {
  const copies = new CaptureFolder(copiesDir(dataDir))
  const stored = db.prepare('SELECT id, name FROM captures WHERE id IN (SELECT DISTINCT capture_id FROM packets) ORDER BY id').all() as { id: number; name: string }[]
  for (const { id, name } of stored) {
    const digits = (db.prepare('SELECT MAX(ts_digits) FROM packets WHERE capture_id = ?').pluck().get(id) as number) > 6 ? 9 : 6
    try {
      const path = writeAtomically({ path: copies.newPath(captureFileName(name, 'pcapng')), replace: false }, (temporary) => {
        writeCapture(temporary, 'pcapng', storedRecords(db, id), { digits, comment: `${name}, as an earlier DHCP Field Kit stored it` })
      })
      db.prepare('UPDATE captures SET path = ? WHERE id = ?').run(path, id)
    } catch (error) {
      // A packet pcapng cannot hold (a time before 1970): the capture stays where it was read from, if it still is.
      db.prepare(`UPDATE captures SET status = 'failed', error = ? WHERE id = ?`)
        .run(`Its packets could not be moved out of the old session store: ${(error as Error).message}`, id)
    }
  }
  db.exec('DROP TABLE packets; ALTER TABLE captures DROP COLUMN first_time')
}

function* storedRecords(db: Db, captureId: number): Generator<CaptureRecord> {
  const rows = db.prepare(`SELECT frame, ts_seconds, ts_fraction, ts_digits, original_length, link_type, interface_id, data, comment
    FROM packets WHERE capture_id = ? ORDER BY frame`).iterate(captureId) as Iterable<StoredPacketRow>
  for (const r of rows) {
    yield {
      frame: r.frame, timestampSeconds: r.ts_seconds, timestampFraction: r.ts_fraction, fractionDigits: r.ts_digits,
      originalLength: r.original_length, linkType: r.link_type, interfaceId: r.interface_id, data: r.data, comment: r.comment ?? undefined,
    }
  }
}
