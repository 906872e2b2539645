// Watches the replies of a growing capture for a second DHCP server: one more server identifier (DHCPv4 option 54,
// else the source address; DHCPv6 server DUID) or the same one from another source MAC. Rogue and misconfigured
// servers are a first suspect when a client gets the wrong address, so a live capture says so as soon as it sees one.
import { mac } from '../decode/bytes'
import type { CaptureIndex } from '../index/capture-index'
import { bit, V4, V6 } from './message-roles'

const V4_REPLIES = bit(V4.OFFER) | bit(V4.ACK) | bit(V4.NAK)
const V6_REPLIES = bit(V6.ADVERTISE) | bit(V6.REPLY)
/** Servers named per family at most: a flood of forged ones must not grow the alert without end. */
const MAX_NAMED = 16

export class ServerWatch {
  private seen = 0
  private readonly servers = { 4: new Map<string, string>(), 6: new Map<string, string>() }

  /** Looks at the packets added since the last call; the servers per family where more than one answered. */
  update(index: CaptureIndex): { family: 4 | 6; servers: string[] }[] {
    const c = index.col
    for (let i = this.seen; i < index.count; i++) {
      const family = c.family[i]
      if ((family !== 4 && family !== 6) || c.server[i] < 0) continue
      if ((bit(c.messageType[i]) & (family === 4 ? V4_REPLIES : V6_REPLIES)) === 0) continue
      const known = this.servers[family]
      const source = c.ethernet[i] === 0 && index.retainFrames ? mac(index.frame(i), 6) : ''
      const key = `${c.server[i]}/${source}`
      if (!known.has(key) && known.size < MAX_NAMED) known.set(key, `${index.serverName(c.server[i])}${source ? ` (MAC ${source})` : ''}`)
    }
    this.seen = index.count
    return ([4, 6] as const).filter((family) => this.servers[family].size > 1).map((family) => ({ family, servers: [...this.servers[family].values()] }))
  }
}
