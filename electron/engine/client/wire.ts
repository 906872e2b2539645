// What the capture helper hands the test client: its DHCPv4 packets decoded (sent and received), the MAC addresses
// ARP replies name, and a way to wait for the next of either.
import { decodeFrame } from '../decode/frame'
import type { Dhcp4Message } from '../decode/types'
import { arpReplySender } from './arp'
import type { StreamPacket } from './pcap-stream'

export interface Seen {
  packet: StreamPacket
  message: Dhcp4Message
  source: string
  destination: string
}

export class Wire {
  readonly seen: Seen[] = []
  /** IPv4 address to MAC address, from the ARP replies seen. */
  readonly macs = new Map<string, string>()
  private arrived: () => void = () => {}

  take(packet: StreamPacket): void {
    const arp = arpReplySender(packet.data)
    if (arp) this.macs.set(arp.ip, arp.mac)
    else {
      const frame = decodeFrame(1, packet.data)
      if (frame.dhcp?.family !== 4) return
      this.seen.push({ packet, message: frame.dhcp, source: frame.source, destination: frame.destination })
    }
    this.arrived()
  }

  /** Resolves on the next packet, at `untilMs` or when `signal` aborts, whichever is first. */
  next(untilMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((done) => {
      const wake = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', wake)
        done()
      }
      const timer = setTimeout(wake, Math.max(0, untilMs - Date.now()))
      signal?.addEventListener('abort', wake)
      this.arrived = wake
    })
  }
}
