// The options a DHCPv4 client run sends in its messages: who the client is (61 client id, 12 host name, 81 FQDN, 60
// vendor class), what it asks for (55), and the user's extra ones, each encoded through the option registry. An option
// set both by a parameter and among the extra options would go twice, and servers read two instances differently
// (RFC 3396 joins them, others take one): it is refused.
import { EncodeError, encodeOptionValue4 } from '../decode/dhcp4/encode-formats'
import { encodeOptionText, type EncodedOption } from '../decode/dhcp4/option-arguments'

/** Debian's dhclient.conf asks for these (its `request` line): the default, so results compare with dhclient's. */
export const DHCLIENT_REQUEST_LIST = [1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42]
/** Option codes a request list may name: 0 is Pad and 255 End, neither an option to ask for. */
const MAX_REQUESTED_CODE = 254

/** RFC 4702 section 2.1: S asks the server to update the A RR; E says the name is in DNS wire format. */
const FQDN_SERVER_UPDATE = 0x01
const FQDN_WIRE_FORMAT = 0x04

export interface Dhcp4ClientParameters {
  /** Option 61 as text: a MAC address (type 1) or any other identifier (type 0). */
  clientId?: string
  hostname?: string
  /** Option 81: the name in wire format, fully qualified; the server is asked to update DNS unless fqdnServerUpdate is false. */
  fqdn?: string
  fqdnServerUpdate?: boolean
  /** Option 60. */
  vendorClass?: string
  /** Option 55; an empty list sends none. By default an extra option 55's codes, else dhclient's. */
  requestList?: number[]
  /** Option 50 in the DISCOVER: the address the client would like offered. */
  requestedAddress?: string
  /** More options for every message the client sends. */
  options?: EncodedOption[]
}

export interface ClientOptions {
  /** What the client's messages carry (RELEASE and DECLINE only the client id of these). */
  options: EncodedOption[]
  /** The codes asked for, as the requested_* variables name them. */
  requestList: number[]
}

/** The parameters as options; throws an EncodeError naming a parameter that cannot be sent. */
export function clientOptions(p: Dhcp4ClientParameters): ClientOptions {
  const extra = p.options ?? []
  const parameters: [number, string, unknown][] = [
    [61, 'client id', p.clientId], [12, 'host name', p.hostname], [81, 'FQDN', p.fqdn], [60, 'vendor class', p.vendorClass],
    [55, 'parameter request list', p.requestList], [50, 'requested address', p.requestedAddress],
  ]
  for (const [code, what, value] of parameters) {
    if (value !== undefined && extra.some((o) => o.code === code)) throw new EncodeError(`option ${code} is given twice, as the ${what} and among the extra options: give it once`)
  }
  const wrongCode = p.requestList?.find((code) => !Number.isInteger(code) || code < 1 || code > MAX_REQUESTED_CODE)
  if (wrongCode !== undefined) throw new EncodeError(`the parameter request list names options 1 to ${MAX_REQUESTED_CODE}, not ${wrongCode}`)
  const requestList = p.requestList ?? extra.find((o) => o.code === 55)?.bytes ?? DHCLIENT_REQUEST_LIST
  const fqdnFlags = FQDN_WIRE_FORMAT | (p.fqdnServerUpdate === false ? 0 : FQDN_SERVER_UPDATE)
  return {
    options: [
      ...(p.clientId ? [encodeOptionText(61, p.clientId)] : []),
      ...(p.hostname ? [encodeOptionText(12, p.hostname)] : []),
      ...(p.fqdn ? [fqdnOption(p.fqdn, fqdnFlags)] : []),
      ...(p.vendorClass ? [encodeOptionText(60, p.vendorClass)] : []),
      ...(requestList.length ? [{ code: 55, bytes: requestList }] : []),
      ...extra.filter((o) => o.code !== 55),
    ],
    requestList,
  }
}

/** RFC 4702 section 2.2: a client sends both result codes as 0. */
function fqdnOption(name: string, flags: number): EncodedOption {
  try {
    return encodeOptionValue4(81, { flags, rcode1: 0, rcode2: 0, name })
  } catch (error) {
    if (error instanceof EncodeError) throw new EncodeError(`the FQDN: ${error.message}`)
    throw error
  }
}
