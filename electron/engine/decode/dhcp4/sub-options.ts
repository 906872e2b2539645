// Registries for the data inside options 82, 125 and 43: code → name and a format of the option registry, so the
// same value decoders (formats.ts) read them. Where a vendor's meaning is public it is listed; other bytes are
// shown as text when printable, else as hex.
import type { Dhcp4Format } from './options'

export interface SubOptionSpec {
  name: string
  format: Dhcp4Format
}

export type SubOptionTable = ReadonlyMap<number, SubOptionSpec>

function subOptionTable(rows: [number, string, Dhcp4Format][]): SubOptionTable {
  return new Map(rows.map(([code, name, format]) => [code, { name, format }]))
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

/**
 * Option 125 (RFC 3925) sub-options per enterprise number: each vendor defines its own, so one table per vendor
 * whose definitions are published. Names as Wireshark's packet-dhcp.c gives them.
 */
export const viVendorSubOptions: ReadonlyMap<number, SubOptionTable> = new Map([
  // Broadband Forum TR-111 section 2.2.1 (enterprise 3561): device-gateway association; every value is text.
  [3561, subOptionTable([
    [1, 'DeviceManufacturerOUI', 'string'],
    [2, 'DeviceSerialNumber', 'string'],
    [3, 'DeviceProductClass', 'string'],
    [4, 'GatewayManufacturerOUI', 'string'],
    [5, 'GatewaySerialNumber', 'string'],
    [6, 'GatewayProductClass', 'string'],
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
