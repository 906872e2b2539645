// Saves a capture of a session (or the packets a display filter kept) to a pcap/pcapng file, whole or not at all.
import type { CaptureInfo, SavedCapture } from '../../contract/types'
import { writeCapture, type WritableFormat } from '../capture-file/write'
import { ContractError } from '../errors'
import { writeAtomically, type AtomicTarget } from '../files/atomic-write'
import { safeFileName } from '../files/safe-name'
import type { PacketStore } from '../store/packets'

/** The file name to offer for a save: the user's name (or the capture's), made safe, with the format's extension. */
export function saveFileName(name: string, format: WritableFormat): string {
  return `${safeFileName(name).replace(/\.(pcapng|pcap|cap)$/i, '')}.${format}`
}

/** The target's folder must exist (creating folders for the user is not this function's business). */
export function saveCapture(
  packets: PacketStore, capture: CaptureInfo, format: WritableFormat, target: AtomicTarget, view: { filter: string; frames: number[] } | null,
): SavedCapture {
  const keep = view ? new Set(view.frames) : null
  const records = (function* () {
    for (const { record } of packets.records(capture.id)) if (!keep || keep.has(record.frame)) yield record
  })()
  const comment = `Saved by DHCP Field Kit from ${capture.name}${view?.filter ? ` with display filter: ${view.filter}` : ''}`
  let written = 0
  try {
    const path = writeAtomically(target, (temporary) => {
      written = writeCapture(temporary, format, records, { digits: packets.maxFractionDigits(capture.id) > 6 ? 9 : 6, comment })
    })
    return { path, format, packets: written }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'the folder does not exist'
      : code === 'EISDIR' ? 'it is a folder' : code === 'ENOSPC' ? 'the disk is full' : (error as Error).message
    throw new ContractError('bad-input', code ? `Cannot save ${target.path}: ${why}; nothing was changed there.` : why)
  }
}
