// The MAC address a test client run uses when none is given.
import { randomBytes } from 'node:crypto'
import { mac as macText } from '../decode/bytes'

/** A random locally administered, unicast MAC (RFC 7042 section 2.1): never a real card's. */
export function randomMac(): string {
  const bytes = randomBytes(6)
  bytes[0] = (bytes[0] & 0xfc) | 0x02
  return macText(bytes, 0, 6)
}
