// The drop counters tcpdump and dumpcap print on stderr, read line by line. tcpdump prints them at the end, one
// per line, and on SIGUSR1 as one line ("tcpdump: 3 packets captured, 5 packets received by filter, 0 packets
// dropped by kernel"); the interface count appears only when it is not zero. dumpcap prints one line at the end:
// "Packets received/dropped on interface 'eth0': 12/0 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)".
import type { CaptureCounters } from './source'

const COUNT = /(\d+) packets? (received by filter|dropped by kernel|dropped by interface)/
const DUMPCAP_LINE = /received\/dropped on interface .*: (\d+)\/\d+ \(pcap:(\d+)\/dumpcap:(\d+)\/flushed:(\d+)\/ps_ifdrop:(\d+)\)/

export class CaptureToolStats {
  private counters: CaptureCounters = { received: 0, kernelDropped: 0, interfaceDropped: 0 }

  /** @param report gets each completed set of counters read by line(). */
  constructor(private readonly report: (counters: CaptureCounters) => void = () => {}) {}

  /** Reads one stderr line; reports when it completes a set of counters. */
  line(text: string): void {
    const counters = this.read(text)
    if (counters) this.report(counters)
  }

  /**
   * Reads one stderr line: the counters when it completes a set, null when it holds none or only a part (see
   * isCount for telling a line of counters from a diagnostic).
   */
  read(text: string): CaptureCounters | null {
    const dumpcap = DUMPCAP_LINE.exec(text)
    if (dumpcap) {
      const [received, pcap, ownDrops, flushed, interfaceDropped] = dumpcap.slice(1).map(Number)
      // dumpcap's own and flush losses are lost packets too; they count with the kernel's.
      return this.completed({ received, kernelDropped: pcap + ownDrops + flushed, interfaceDropped })
    }
    let done: CaptureCounters | null = null
    for (const part of text.split(',')) {
      const count = COUNT.exec(part)
      if (!count) continue
      const value = Number(count[1])
      if (count[2] === 'received by filter') this.counters = { received: value, kernelDropped: 0, interfaceDropped: 0 }
      else if (count[2] === 'dropped by kernel') done = this.completed({ ...this.counters, kernelDropped: value })
      else done = this.completed({ ...this.counters, interfaceDropped: value })
    }
    return done
  }

  /** True for a line of counters (whole or part), which is no diagnostic. */
  static isCount(text: string): boolean {
    return DUMPCAP_LINE.test(text) || COUNT.test(text)
  }

  latest(): CaptureCounters {
    return { ...this.counters }
  }

  private completed(counters: CaptureCounters): CaptureCounters {
    this.counters = counters
    return { ...counters }
  }
}
