/** An open libpcap handle; only this module looks inside. */
export type PcapHandle = { readonly __brand: 'PcapHandle' }

export interface PcapOpenError extends Error {
  /** no-rights: EPERM/EACCES; no-interface: no such device; bad-filter: pcap_compile's message; failed: anything else. */
  code: 'no-rights' | 'no-interface' | 'bad-filter' | 'failed'
}

/**
 * Opens `iface` in promiscuous, buffered mode (TPACKET_V3 on Linux: packets share blocks whatever the snapshot
 * length, and a block is handed over when full or `timeoutMs` after its first packet) and sets `filter`.
 * Throws a PcapOpenError carrying libpcap's own message.
 */
export function open(iface: string, filter: string, snaplen: number, bufferBytes: number, timeoutMs: number): { handle: PcapHandle; linkType: number; linkName: string }

/**
 * Copies every packet ready now into `into` as classic pcap records (16-byte header in host byte order, microsecond
 * time, then the bytes) and returns how many bytes it wrote; it stops early, leaving the rest for the next call,
 * when fewer than 16 + snaplen bytes remain. Never blocks. Throws with libpcap's message when the device fails.
 */
export function read(handle: PcapHandle, into: Buffer): number

/**
 * Puts one whole link-layer frame (14 to 65535 bytes) on the interface as it is (pcap_inject) and returns when, as
 * [seconds, microseconds] of the clock captured packets are stamped with, read just before sending. The handle does
 * not capture what it sends itself. Throws with libpcap's message when the interface refuses it.
 */
export function send(handle: PcapHandle, frame: Buffer): [number, number]

/** pcap_stats: [received, dropped by the kernel, dropped by the interface], cumulative since open. */
export function stats(handle: PcapHandle): [number, number, number]

export function close(handle: PcapHandle): void
