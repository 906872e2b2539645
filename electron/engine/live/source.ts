// Where live packets come from, whatever captures them: the privilege-separated capture helper (native/), tcpdump or
// dumpcap on this machine, or tcpdump/dumpcap on a remote host over SSH. Each yields the same thing: a pcap or
// pcapng byte stream, drop counters, and an end with the reason in words. The engine never captures itself.
import type { CaptureCounters, CaptureInterfaceInfo } from '../../contract/types'

/** Counters and interfaces as the contract shows them (libpcap's pcap_stats; the interface picker). */
export type { CaptureCounters, CaptureInterfaceInfo as CaptureInterface }

export interface CaptureRequest {
  /** Interface name as the capturing side knows it (`eth0`, `any`). */
  iface: string
  /** A BPF filter (libpcap syntax); an invalid one ends the capture with libpcap's own message. */
  filter: string
  /** Bytes kept of each packet; DHCP fits in the default. */
  snaplen?: number
  /** Kernel buffer in MiB: at tens of thousands of packets a second a small one drops. */
  bufferMb?: number
}

/** Why a capture could not start or stopped: a sentence naming the problem and, where there is one, the fix. */
export class CaptureSourceError extends Error {
  constructor(
    readonly code: 'no-rights' | 'no-interface' | 'bad-filter' | 'no-tool' | 'auth' | 'host-key' | 'unreachable' | 'failed',
    message: string,
  ) {
    super(message)
    this.name = 'CaptureSourceError'
  }
}

export interface CaptureSourceEvents {
  /** The next bytes of the pcap/pcapng stream, in order; a record may span chunks. */
  data(chunk: Uint8Array): void
  /** The latest counters, at least once a second while capturing and once at the end. */
  counters(counters: CaptureCounters): void
  /** Called once: null after stop() or a natural end, else what went wrong. */
  end(error: CaptureSourceError | null): void
}

export interface CaptureSource {
  /** Asks the capturing side to stop; `end` follows once its last bytes and counters are delivered. */
  stop(): void
}

export type StartCapture = (request: CaptureRequest, events: CaptureSourceEvents) => CaptureSource
