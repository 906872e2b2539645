// What a relay agent adds to the queries it forwards (RFC 3046): option 82 with its sub-options, here the two every
// relay sends, the circuit id (1) and the remote id (2), as text.
import type { EncodedOption } from '../decode/dhcp4/option-arguments'
import { EncodeError } from '../decode/dhcp4/encode-formats'

export interface RelayAgent {
  /** giaddr: the relay's address on the client's subnet, which picks the subnet the server serves from. */
  giaddr: string
  circuitId?: string
  remoteId?: string
}

const CIRCUIT_ID = 1
const REMOTE_ID = 2

/** Option 82 for `relay`, or none when it has no sub-option. */
export function relayAgentOption(relay: RelayAgent): EncodedOption[] {
  const subOptions = [[CIRCUIT_ID, relay.circuitId], [REMOTE_ID, relay.remoteId]] as const
  const bytes: number[] = []
  for (const [code, value] of subOptions) {
    if (value === undefined) continue
    const encoded = [...Buffer.from(value, 'utf8')]
    if (encoded.length < 1 || encoded.length > 255) throw new EncodeError(`a relay agent sub-option must be 1 to 255 bytes, not ${encoded.length}`)
    bytes.push(code, encoded.length, ...encoded)
  }
  return bytes.length ? [{ code: 82, bytes }] : []
}
