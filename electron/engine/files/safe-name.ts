// A name the user (or an untrusted page) gave, made safe to use as one file name inside one of our folders.
import type { WritableFormat } from '../capture-file/write'

const MAX_NAME = 120

/** No folder parts, no control or shell-special characters, no leading dot; never empty. */
export function safeFileName(name: string, fallback = 'capture'): string {
  const last = name.split(/[/\\]/).pop() ?? ''
  const cleaned = last.replace(/[^\w.\- ()+,=@]+/g, '_').replace(/^[.\s]+/, '').trim().slice(0, MAX_NAME)
  return cleaned || fallback
}

/** A capture's name made safe, with the extension of the format it is written in. */
export function captureFileName(name: string, format: WritableFormat): string {
  return `${safeFileName(name).replace(/\.(pcapng|pcap|cap)$/i, '')}.${format}`
}
