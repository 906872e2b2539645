// Where live packets come from, whatever captures them: the privilege-separated `cap` helper (native/), tcpdump or
// dumpcap on this machine, or tcpdump/dumpcap on a remote host over SSH. Each yields the same thing: a pcap or
// pcapng byte stream, drop counters, and an end with the reason in words. The engine never captures itself.

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

/** Counters as libpcap reports them (pcap_stats): received by the filter, dropped by the kernel, by the interface. */
export interface CaptureCounters {
  received: number
  kernelDropped: number
  interfaceDropped: number
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

/** The interfaces a capturing side offers (`capture --list`, the interface picker). */
export interface CaptureInterface {
  name: string
  description?: string
  addresses: string[]
  up: boolean
  /** libpcap's DLT name, e.g. EN10MB, LINUX_SLL2. */
  linkType?: string
  loopback: boolean
  /** The Kea lab's capture interface: every lab packet passes it. */
  lab?: boolean
}
