// The drop counters tcpdump and dumpcap print on stderr, read line by line. tcpdump prints them at the end, one
// per line, and on SIGUSR1 as one line ("tcpdump: 3 packets captured, 5 packets received by filter, 0 packets
// dropped by kernel"); the interface count appears only when it is not zero. dumpcap prints one line at the end:
// "Packets received/dropped on interface 'eth0': 12/0 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (100.0%)".
import type { CaptureCounters } from './source'

const DUMPCAP_LINE = /received\/dropped on interface .*: (\d+)\/\d+ \(pcap:(\d+)\/dumpcap:(\d+)\/flushed:(\d+)\/ps_ifdrop:(\d+)\)/

export class CaptureToolStats {
  private counters: CaptureCounters = { received: 0, kernelDropped: 0, interfaceDropped: 0 }

  constructor(private readonly report: (counters: CaptureCounters) => void) {}

  /** Reads one stderr line; reports when it completes a set of counters. */
  line(text: string): void {
    const dumpcap = DUMPCAP_LINE.exec(text)
    if (dumpcap) {
      const [received, pcap, ownDrops, flushed, interfaceDropped] = dumpcap.slice(1).map(Number)
      // dumpcap's own and flush losses are lost packets too; they count with the kernel's.
      this.reportNow({ received, kernelDropped: pcap + ownDrops + flushed, interfaceDropped })
      return
    }
    for (const part of text.split(',')) {
      const count = /(\d+) packets? (received by filter|dropped by kernel|dropped by interface)/.exec(part)
      if (!count) continue
      const value = Number(count[1])
      if (count[2] === 'received by filter') this.counters = { received: value, kernelDropped: 0, interfaceDropped: 0 }
      else if (count[2] === 'dropped by kernel') this.reportNow({ ...this.counters, kernelDropped: value })
      else this.reportNow({ ...this.counters, interfaceDropped: value })
    }
  }

  latest(): CaptureCounters {
    return { ...this.counters }
  }

  private reportNow(counters: CaptureCounters): void {
    this.counters = counters
    this.report({ ...counters })
  }
}
