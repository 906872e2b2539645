// Saves a capture of a session (or the packets a display filter kept) to a pcap/pcapng file, whole or not at all.
// The records are read again from the capture's file, which keeps what the index does not: exact times, interfaces
// and comments.
import type { CaptureInfo, SavedCapture } from '../../contract/types'
import { openCapture } from '../capture-file/open'
import { CaptureWriter, type WritableFormat } from '../capture-file/write'
import { ContractError } from '../errors'
import { writeAtomicallyInTurns, type AtomicTarget } from '../files/atomic-write'
import type { CaptureIndex } from '../index/capture-index'
import type { Job } from '../jobs'

/** Records written between turns (a few milliseconds' work). */
const BATCH = 20_000

export interface SavedView {
  filter: string
  /** The packets (0-based positions) the view holds, in any order: they are written in the capture's order. */
  positions: Int32Array
}

/**
 * The target's folder must exist (creating folders for the user is not this function's business). Writes in turns
 * of the job; stopped, it leaves no file.
 */
export async function saveCapture(
  capture: CaptureInfo, file: string, index: CaptureIndex, format: WritableFormat, target: AtomicTarget, view: SavedView | null, job: Job,
): Promise<SavedCapture> {
  // The first `count` records of the file (a loading capture may have more by now), those `keep` marks.
  const count = index.count
  const keep = view && new Uint8Array(count)
  if (view) for (const p of view.positions) keep![p] = 1
  const comment = [`Saved by DHCP Field Kit from ${capture.name}${view?.filter ? ` with display filter: ${view.filter}` : ''}`, ...liveNotes(capture)].join('\n')
  const interfaceNames = liveInterfaceNames(capture)
  const digits = index.col.fractionDigits.subarray(0, count).some((d) => d > 6) ? 9 : 6
  const reader = openCapture(file, capture.name)
  let written = 0
  try {
    const path = await writeAtomicallyInTurns(target, async (temporary) => {
      const writer = new CaptureWriter(temporary, format, { digits, comment, interfaceNames })
      try {
        for (let record = reader.next(); record && record.frame <= count; record = record.frame < count ? reader.next() : null) {
          if (!keep || keep[record.frame - 1]) writer.add(record)
          if (record.frame % BATCH === 0) await job.turn(record.frame)
        }
        written = writer.close()
      } catch (error) {
        writer.discard()
        throw error
      }
    })
    return { path, format, packets: written }
  } catch (error) {
    if (error instanceof ContractError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'the folder does not exist'
      : code === 'EISDIR' ? 'it is a folder' : code === 'ENOSPC' ? 'the disk is full' : (error as Error).message
    throw new ContractError('bad-input', code ? `Cannot save ${target.path}: ${why}; nothing was changed there.` : why)
  } finally {
    reader.close()
  }
}

/** A live capture names the interface it was captured on (pcapng if_name; a pcap file has no place for it). */
export function liveInterfaceNames({ live }: CaptureInfo): string[] | undefined {
  return live ? [live.host ? `${live.host}:${live.iface}` : live.iface] : undefined
}

/** What a live capture's comment says of it: where, with what filter, when, and what was lost. */
export function liveNotes({ live }: CaptureInfo): string[] {
  if (!live) return []
  const c = live.counters
  return [
    `Live capture on ${live.host ? `${live.host} ` : ''}${live.iface} (${live.backend}) with capture filter: ${live.filter || '(none)'}`,
    `From ${live.startedAt}${live.stoppedAt ? ` to ${live.stoppedAt}` : ''}`,
    c ? `Counters: ${c.received} received by the filter, ${c.kernelDropped} dropped by the kernel, ${c.interfaceDropped} dropped by the interface` : 'No drop counters were reported',
    ...(live.ended ? [`Ended: ${live.ended}`] : []),
  ]
}
