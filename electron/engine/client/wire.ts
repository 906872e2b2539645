// What the capture helper hands the test client: its DHCP packets of one family decoded (sent and received), the MAC
// addresses ARP replies and Neighbor Advertisements name, and a way to wait for the next of either.
import { decodeFrame } from '../decode/frame'
import type { Dhcp4Message, Dhcp6Message } from '../decode/types'
import { arpReplySender } from './arp'
import { neighborAdvertised } from './framing6'
import type { StreamPacket } from './pcap-stream'

export interface Seen<M extends Dhcp4Message | Dhcp6Message = Dhcp4Message> {
  packet: StreamPacket
  message: M
  source: string
  destination: string
}

export class Wire<M extends Dhcp4Message | Dhcp6Message = Dhcp4Message> {
  readonly seen: Seen<M>[] = []
  /** IP address to MAC address, from the ARP replies and Neighbor Advertisements seen. */
  readonly macs = new Map<string, string>()
  private arrived: () => void = () => {}

  constructor(private readonly family: 4 | 6 = 4) {}

  take(packet: StreamPacket): void {
    const neighbor = arpReplySender(packet.data) ?? neighborAdvertised(packet.data)
    if (neighbor) this.macs.set(neighbor.ip, neighbor.mac)
    else {
      const frame = decodeFrame(1, packet.data)
      if (frame.dhcp?.family !== this.family) return
      this.seen.push({ packet, message: frame.dhcp as M, source: frame.source, destination: frame.destination })
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
