// Saves a capture of a session (or the packets a display filter kept) to a pcap/pcapng file.
import { isAbsolute } from 'node:path'
import type { CaptureInfo, SavedCapture } from '../../contract/types'
import { writeCapture, type WritableFormat } from '../capture-file/write'
import { ContractError } from '../errors'
import type { PacketStore } from '../store/packets'

/** "dhcp.pcapng" → "dhcp-<time>.pcapng": a name that does not overwrite earlier saves. */
export function exportName(captureName: string, format: WritableFormat): string {
  return `${captureName.replace(/\.(pcapng|pcap)$/i, '')}-${new Date().toISOString().replace(/[:.]/g, '-')}.${format}`
}

/** The folder of `path` must exist (creating folders for the user is not this function's business). */
export function saveCapture(
  packets: PacketStore, capture: CaptureInfo, format: WritableFormat, path: string, view: { filter: string; frames: number[] } | null,
): SavedCapture {
  if (!isAbsolute(path)) throw new ContractError('bad-input', `Save where? "${path}" is not an absolute path.`)
  const keep = view ? new Set(view.frames) : null
  const records = (function* () {
    for (const { record } of packets.records(capture.id)) if (!keep || keep.has(record.frame)) yield record
  })()
  const comment = `Saved by DHCP Field Kit from ${capture.name}${view?.filter ? ` with display filter: ${view.filter}` : ''}`
  try {
    const written = writeCapture(path, format, records, { digits: packets.maxFractionDigits(capture.id) > 6 ? 9 : 6, comment })
    return { path, format, packets: written }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'the folder does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message
    throw new ContractError('bad-input', code ? `Cannot write ${path}: ${why}.` : why)
  }
}
