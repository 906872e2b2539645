// Option 81 (client FQDN, RFC 4702) as dhclient hands it to its script: ISC decodes it into its own option space,
// so beside the raw `new_fqdn` the script gets each field (`new_fqdn_server_update`, `new_fqdn_fqdn`…) and the name
// split at its first dot. Checked against dhclient 4.4.3 with Kea 2.2: an ASCII name "pc-7.lab.fieldkit.test." gave
// fqdn_hostname "pc-7" and fqdn_domainname "lab.fieldkit.test.".
import { text } from '../decode/bytes'
import { decodeNameList } from '../decode/domain-names'
import type { DhclientVariables } from './dhclient-vars'

const SERVER_UPDATE = 0x01
const ENCODED = 0x04
const NO_CLIENT_UPDATE = 0x08

const flag = (flags: number, bit: number) => ((flags & bit) !== 0 ? 'true' : 'false')

/** The fields of option 81's value `b` (flags, two RCODEs, the name), as `new_fqdn_*` variables. */
export function fqdnVariables(b: Uint8Array): DhclientVariables {
  if (b.length < 3) return {}
  const flags = b[0]
  const name = b.length === 3 ? '' : flags & ENCODED ? (decodeNameList(b, 3, b.length - 3).names[0] ?? '').replace(/^(.+)$/, '$1.') : text(b, 3, b.length - 3)
  const dot = name.indexOf('.')
  return {
    new_fqdn_no_client_update: flag(flags, NO_CLIENT_UPDATE),
    new_fqdn_server_update: flag(flags, SERVER_UPDATE),
    new_fqdn_encoded: flag(flags, ENCODED),
    new_fqdn_rcode1: String(b[1]),
    new_fqdn_rcode2: String(b[2]),
    ...(name && { new_fqdn_fqdn: name, new_fqdn_hostname: dot < 0 ? name : name.slice(0, dot) }),
    ...(dot >= 0 && dot + 1 < name.length && { new_fqdn_domainname: name.slice(dot + 1) }),
  }
}
