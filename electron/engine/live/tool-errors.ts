// tcpdump and dumpcap say what went wrong on stderr, in libpcap's words wrapped in their own: this sorts those
// words into our errors.
import { badFilter, captureFailed, noInterface, noRights } from './capture-errors'
import type { CaptureRequest, CaptureSourceError } from './source'

/** `filterError` is the tool's sentence around libpcap's filter message, with that message as its first group. */
export function toolFailure(tool: string, request: CaptureRequest, diagnostics: string, exitCode: number | null, filterError: RegExp): CaptureSourceError {
  const text = diagnostics.trim()
  if (/no such device|there is no device named/i.test(text)) return noInterface(request.iface)
  const denied = /\((socket: [^)]*(?:not permitted|denied)[^)]*)\)/i.exec(text) ?? /(permission|not permitted)/i.exec(text)
  if (denied) return noRights(request.iface, `${tool}: ${denied[1]}`)
  const filter = filterError.exec(text)
  if (filter && request.filter) return badFilter(request.filter, filter[1])
  return captureFailed(`Capturing on ${request.iface} with ${tool}`, text.split('\n')[0] || `${tool} exited with status ${exitCode}`)
}
