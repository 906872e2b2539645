// What passes between the engine and the capture helper (native/capture-helper.ts):
// - argv[2]: the request as JSON (CaptureRequest);
// - stdout: a classic pcap stream (microsecond timestamps, host byte order, the link type libpcap reports);
// - stderr: JSON lines, `{"counters":{received,kernelDropped,interfaceDropped}}` about once a second and once at
//   the end, or `{"error":{code,message}}` once before exiting non-zero; any other line is a diagnostic;
// - SIGTERM, SIGINT or stdin closing: stop, flush, send the final counters, exit 0.
// `--rights` instead of a request prints `{"rights":{"netRaw":bool}}` and exits: whether this interpreter may capture.
import type { CaptureCounters, CaptureRequest } from './source'

export const DEFAULT_SNAPLEN = 65535
/** Enough for seconds of a 40k packets/s DHCP burst in TPACKET_V3 blocks; the kernel only touches what is used. */
export const DEFAULT_BUFFER_MB = 32
export const MAX_BUFFER_MB = 1024
/** Longest a line of the helper's stderr may be before it is cut: counters and errors are short. */
export const MAX_HELPER_LINE = 8192

export type HelperErrorCode = 'no-rights' | 'no-interface' | 'bad-filter' | 'failed'

export type HelperLine =
  | { counters: CaptureCounters }
  | { error: { code: HelperErrorCode; message: string } }
  | { rights: { netRaw: boolean } }

/** The request with defaults filled in, or a sentence saying which field is wrong. */
export function checkedRequest(value: unknown): Required<CaptureRequest> | string {
  const request = value as Partial<CaptureRequest> | null
  if (typeof request !== 'object' || request === null) return 'the capture request must be a JSON object'
  const { iface, filter = '', snaplen = DEFAULT_SNAPLEN, bufferMb = DEFAULT_BUFFER_MB } = request
  if (typeof iface !== 'string' || iface.length === 0 || iface.length > 256) return 'the interface name must be 1-256 characters'
  if (typeof filter !== 'string' || filter.length > 65535) return 'the capture filter must be text of at most 65535 characters'
  if (!Number.isInteger(snaplen) || snaplen < 64 || snaplen > 262144) return 'snaplen must be a whole number from 64 to 262144'
  if (!Number.isInteger(bufferMb) || bufferMb < 1 || bufferMb > MAX_BUFFER_MB) return `bufferMb must be a whole number from 1 to ${MAX_BUFFER_MB}`
  return { iface, filter, snaplen, bufferMb }
}

/** One stderr line of the helper, or null when it is not one of ours (a diagnostic). */
export function parseHelperLine(line: string): HelperLine | null {
  if (!line.startsWith('{')) return null
  try {
    const parsed = JSON.parse(line) as Partial<Record<'counters' | 'error' | 'rights', unknown>>
    return 'counters' in parsed || 'error' in parsed || 'rights' in parsed ? (parsed as HelperLine) : null
  } catch {
    return null
  }
}
