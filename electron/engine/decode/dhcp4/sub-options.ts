// Registries for the data inside options 82, 125 and 43: code → name and a format of the option registry, so the
// same value decoders (formats.ts) read them. Where a vendor's meaning is public it is listed; other bytes are
// shown as text when printable, else as hex.
import type { Dhcp4Format } from './options'

export interface SubOptionSpec {
  name: string
  format: Dhcp4Format
  /**
   * Wireshark's fields for the value: a name for all of it (each address of a list), or names for parts of it at
   * their offsets (several may read the same bytes through their own bit masks).
   */
  fields?: string | { key: string; label: string; at: number; length: number }[]
}

export type SubOptionTable = ReadonlyMap<number, SubOptionSpec>

function subOptionTable(rows: [number, string, Dhcp4Format, SubOptionSpec['fields']?][]): SubOptionTable {
  return new Map(rows.map(([code, name, format, fields]) => [code, { name, format, ...(fields && { fields }) }]))
}

/** A code no table names (or a vendor without a table) is shown as text when printable, else as hex. */
export function subOptionSpec(table: SubOptionTable | undefined, code: number): SubOptionSpec {
  return table?.get(code) ?? { name: `Unknown (${code})`, format: 'printable' }
}

/** Option 82 sub-options, IANA "DHCP Relay Agent Sub-Option Codes" (formats from the RFC each entry cites). */
export const relayAgentSubOptions = subOptionTable([
  [1, 'Agent Circuit ID', 'printable'],
  [2, 'Agent Remote ID', 'printable'],
  [3, 'Reserved', 'hex'],
  [4, 'DOCSIS Device Class', 'u32'],
  [5, 'Link selection', 'ip'],
  [6, 'Subscriber ID', 'string'],
  [7, 'RADIUS Attributes', 'hex'],
  [8, 'Authentication', 'hex'],
  // RFC 4243: enterprise-numbered blocks of sub-options, laid out as option 125's.
  [9, 'Vendor-Specific Information', 'relayVendorInfo'],
  [10, 'Relay Agent Flags', 'u8'],
  [11, 'Server ID Override', 'ip'],
  [12, 'Relay Agent Identifier', 'hex'],
  [13, 'Access Technology Type', 'hex'],
  [14, 'Access Network Name', 'string'],
  [15, 'Access Point Name', 'string'],
  [16, 'Access Point BSSID', 'hex'],
  [17, 'Operator Identifier', 'hex'],
  [18, 'Operator Realm', 'string'],
  [19, 'Relay Port', 'hex'],
  [151, 'Virtual Subnet Selection', 'hex'],
  [152, 'Virtual Subnet Selection Control', 'hex'],
])

/** Wireshark's fields of TR-111's sub-options (each value here; their code's in formats.ts, viVendorInfo). */
export const TR111 = 'dhcp.option.vi.tr111'

/**
 * Option 125 (RFC 3925) sub-options per enterprise number: each vendor defines its own, so one table per vendor
 * whose definitions are published. Names as Wireshark's packet-dhcp.c gives them.
 */
export const viVendorSubOptions: ReadonlyMap<number, SubOptionTable> = new Map([
  // Broadband Forum TR-111 section 2.2.1 (enterprise 3561): device-gateway association; every value is text.
  [3561, subOptionTable([
    [1, 'DeviceManufacturerOUI', 'string', `${TR111}.device_manufacturer_oui`],
    [2, 'DeviceSerialNumber', 'string', `${TR111}.device_serial_number`],
    [3, 'DeviceProductClass', 'string', `${TR111}.device_product_class`],
    [4, 'GatewayManufacturerOUI', 'string', `${TR111}.gateway_manufacturer_oui`],
    [5, 'GatewaySerialNumber', 'string', `${TR111}.gateway_serial_number`],
    [6, 'GatewayProductClass', 'string', `${TR111}.gateway_product_class`],
  ])],
  // CableLabs (enterprise 4491), CL-SP-CANN-DHCP-Reg: DHCPv4 option 125 sub-options.
  [4491, subOptionTable([
    [1, 'Option Request', 'u8s'],
    [2, 'TFTP Server Addresses', 'ips'],
    [3, 'eRouter Container Option', 'hex'],
    [4, 'MIB Environment Indicator Option', 'u8'],
    [5, 'Modem Capabilities', 'hex'],
  ])],
])

/** Option 43 of a PXE client or server: Intel PXE 2.1 section 2.4 (tags 1-12, 71); names as the spec gives them. */
export const pxeSubOptions = subOptionTable([
  [1, 'PXE_MTFTP_IP', 'ip'],
  [2, 'PXE_MTFTP_CPORT', 'u16'],
  [3, 'PXE_MTFTP_SPORT', 'u16'],
  [4, 'PXE_MTFTP_TMOUT', 'u8'],
  [5, 'PXE_MTFTP_DELAY', 'u8'],
  [6, 'PXE_DISCOVERY_CONTROL', 'discoveryControl'],
  [7, 'PXE_DISCOVERY_MCAST_ADDR', 'ip'],
  [8, 'PXE_BOOT_SERVERS', 'bootServers'],
  [9, 'PXE_BOOT_MENU', 'bootMenu'],
  [10, 'PXE_MENU_PROMPT', 'menuPrompt'],
  [11, 'PXE_MCAST_ADDRS_ALLOC', 'hex'],
  [12, 'PXE_CREDENTIAL_TYPES', 'hex'],
  [71, 'PXE_BOOT_ITEM', 'bootItem'],
])

/** Option 63, NetWare/IP (RFC 2242 section 3): codes 1 to 4 are flags with no value. */
const NOVELL = 'dhcp.option.novell_options'
export const novellSubOptions = subOptionTable([
  [1, 'NWIP does not exist on subnet', 'hex'],
  [2, 'NWIP exists in options area', 'hex'],
  [3, 'NWIP exists in sname/file', 'hex'],
  [4, 'NWIP exists, but too big', 'hex'],
  [5, 'Broadcast for nearest NetWare server', 'bool', `${NOVELL}.broadcast`],
  [6, 'Preferred DSS server', 'ips', `${NOVELL}.preferred_dss_server`],
  [7, 'Nearest NWIP server', 'ips', `${NOVELL}.nearest_nwip_server`],
  [8, 'Autoretries', 'u8', `${NOVELL}.autoretries`],
  [9, 'Autoretry delay, secs', 'u8', `${NOVELL}.autoretry_delay`],
  [10, 'Support NetWare/IP v1.1', 'bool', `${NOVELL}.support_netware_v1_1`],
  [11, 'Primary DSS', 'ip', `${NOVELL}.primary_dss`],
])

/** Kerberos backoff and retry (option 122 sub-options 4 and 5): nominal timeout, maximum timeout, retries. */
const backoff = (prefix: string) => [['nom_timeout', 'Nominal timeout'], ['max_timeout', 'Maximum timeout'], ['max_retries', 'Maximum retries']]
  .map(([name, label], k) => ({ key: `dhcp.cl.ietf_ccc.${prefix}_${name}`, label, at: 4 * k, length: 4 }))

/** Option 122, CableLabs client configuration (RFC 3495 section 4, RFC 3594 for 9). */
export const cableLabsSubOptions = subOptionTable([
  [1, "TSP's Primary DHCP Server Address", 'ip'],
  [2, "TSP's Secondary DHCP Server Address", 'ip'],
  // A type byte, then an FQDN (0) or an address (1).
  [3, "TSP's Provisioning Server Address", 'hex'],
  [4, "TSP's AS-REQ/AS-REP Backoff and Retry", 'hex', backoff('dev_realm_unc_key')],
  [5, "TSP's AP-REQ/AP-REP Backoff and Retry", 'hex', backoff('dev_prov_unc_key')],
  [6, "TSP's Kerberos Realm Name", 'hex'],
  [7, "TSP's Ticket Granting Server Utilization", 'u8'],
  [8, "TSP's Provisioning Timer Value", 'u8'],
  [9, 'PacketCable Security Ticket Control', 'u16', [
    { key: 'dhcp.ccc.ietf.sec_tkt.pc_provision_server', label: 'Invalidate the provisioning server ticket (bit 0)', at: 0, length: 2 },
    { key: 'dhcp.ccc.ietf.sec_tkt.all_pc_call_management', label: 'Invalidate all call management server tickets (bit 1)', at: 0, length: 2 },
  ]],
])

/**
 * How option 43 reads, by the vendor class (option 60) the client sent, matched on its start: RFC 2132 section
 * 8.4 leaves the content to the vendor. Without a match option 43 keeps its registry format.
 */
const vendorInfoFormats: [prefix: string, format: Dhcp4Format, wiresharkField?: string][] = [
  // Intel PXE 2.1 section 2.4: PXE sub-options.
  ['PXEClient', 'pxeVendorInfo'],
  // Aruba access points: the controller's address, as text ("172.18.6.37").
  ['ArubaAP', 'string', 'dhcp.option.vendor.arubaap.controllerip'],
  // Aruba Instant: "name,organisation,AMP address,key" as text.
  ['ArubaInstantAP', 'string', 'dhcp.option.vendor.arubaiap'],
]

export function vendorInfoFormat(vendorClass: string): Dhcp4Format | undefined {
  return vendorInfoFormats.find(([prefix]) => vendorClass.startsWith(prefix))?.[1]
}

/** Wireshark's field for option 43's whole value from this vendor (none for PXE, whose sub-options have theirs). */
export function vendorInfoField(vendorClass: string): string | undefined {
  const known = vendorInfoFormats.find(([prefix]) => vendorClass.startsWith(prefix))
  return known ? known[2] : 'dhcp.option.vendor.value'
}
