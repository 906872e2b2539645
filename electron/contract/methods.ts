// The contract: every request/response method and every event stream, in one place.
// Both bridges (Electron IPC in electron/main + preload, browser mode in electron/server) implement exactly this,
// and the renderer sees nothing else. Parameter schemas are checked at the edge by the engine's dispatcher.
import { z } from 'zod'
import type {
  AppInfo, CaptureInfo, CaptureInterfaceInfo, ClientComparison, ClientRunResult, CaptureInterfaces, FileRef, CaptureStats, FilterCheck, FilterCompletion, FilterField, JobProgress, KeaCommandAnswer,
  KeaConfigTest, KeaHistory, KeaLocalServices, KeaPools, KeaProfileInfo, KeaReview, KeaStatus, KeaTestReport, KeaThresholds, LabStatus, SecretsState, LeaseDatabaseInfo, LeaseHistoryEntry, LeasePage, LeaseSourceChoices, LeaseTableInfo, LeaseViewInfo, SavedLeases, PacketDetail, PacketPage, PacketView, RemoteHostInfo, SavedCapture, SessionInfo, SessionsStartup, TransactionPage,
} from './types'
import type { ClientTimeline, LogInfo, LogLineDetail, LoggersConfig, LogPage, LogSources, LogView, TransactionLogLines } from './types'
import type { KeaConfigApplied, KeaConfigPreview, KeaConsoleRecord } from './types'
import type { CaseTimeline } from './types'
import type { SessionSnapshot, SnapshotInfo } from './types'
import type { BundleEstimate, BundlePart, BundleVerification, ImportedBundle, SavedBundle, SavedReport, SessionReport } from './types'
import { JOURNAL_TIME, KEA_UNITS, REMOTE_LOGS } from './log-names'

const id = z.number().int().positive()
const name = z.string().trim().min(1).max(200)
const filterText = z.string().max(4000)
const offset = z.number().int().min(0)
const fileId = z.string().regex(/^[\w-]{1,64}$/, 'a file id as the app handed it out')
/** A client as people write it: a MAC (aa:bb:cc:dd:ee:ff, aa-bb-…, aabb.ccdd.eeff, aabbccddeeff), a client id or a DUID in hex. */
/** A view's filter in words, as the page shows it: kept with a snapshot of the view, to say what it holds. */
const viewFilter = z.string().max(1000).default('')
const clientName = z.string().trim().min(2).max(800).regex(/^[\da-f]+([:.\- ][\da-f]+)*$/i, 'a MAC address, client id or DUID in hex, such as 02:00:5e:70:00:01')

/** What the sessions list can be sorted by: last change, start, name. */
export const sessionSorts = ['updated', 'created', 'name'] as const
export type SessionSort = (typeof sessionSorts)[number]
/** How long a deleted session stays in the trash, restorable, before a start of the app purges it. */
export const SESSION_TRASH_DAYS = 30
/** The most items one call of sessions.timeline gives (the newest are kept, the rest counted). */
export const MAX_TIMELINE_ITEMS = 5000

/** Packet list columns a view can be sorted by. */
export const sortColumns = ['frame', 'time', 'source', 'destination', 'protocol', 'length', 'info'] as const
export type SortColumn = (typeof sortColumns)[number]

/** PEM text the page read from a file the user picked: the engine never takes a certificate's path. */
/** The DHCPv4 test client's exchanges, as the view lists them (family 4). */
export const clientModes = ['probe', 'dora', 'renew', 'rebind', 'reboot', 'inform', 'release', 'decline'] as const satisfies readonly ClientRunResult['mode'][]
const ipv4Address = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'an IPv4 address such as 192.0.2.1')
/** The DHCPv6 test client's exchanges (family 6): a SOLICIT probe, SARR, INFORMATION-REQUEST, and RENEW, REBIND, RELEASE of a SARR's lease. */
export const client6Modes = ['solicit', 'sarr', 'info', 'renew', 'rebind', 'release'] as const satisfies readonly ClientRunResult['mode'][]
/** DUID types the DHCPv6 client builds from its MAC (RFC 8415 section 11). */
export const duidTypes = ['llt', 'll', 'en', 'uuid'] as const
/** What a DHCPv6 SARR asks for: addresses (IA_NA), a delegated prefix (IA_PD). */
export const identityAssociations = ['na', 'pd'] as const
const ipv6Address = z.ipv6({ message: 'an IPv6 address such as 2001:db8::1' })
/** Options only one family's client has: the other family's run refuses them. */
const clientFamilyOnly = { 4: ['clientId', 'hostname', 'fqdn', 'fqdnServerUpdate', 'vendorClass', 'requestList', 'requestedAddress', 'broadcast', 'secs', 'address', 'circuitId'], 6: ['duidType', 'duid', 'iaid', 'ia', 'interfaceId'] } as const
const pem = (kind: 'CERTIFICATE' | 'PRIVATE KEY') => z.string().max(262_144).regex(new RegExp(`-----BEGIN [A-Z ]*${kind}-----`), `PEM text (-----BEGIN …${kind}-----)`)
const keaService = z.enum(['dhcp4', 'dhcp6', 'd2'])
const keaProfileId = z.string().min(1).max(100)
export const keaDhcpService = z.enum(['dhcp4', 'dhcp6'])
/** A Kea connection as the profile form has it; its password and key are kept by the engine, never shown again. */
const keaConnectionFields = {
  name,
  kind: z.enum(['http', 'unix']),
  /** A Control Agent or a Kea ≥ 2.7 server's HTTP(S) control socket. */
  url: z.string().max(2000).regex(/^https?:\/\/[^\s/@]+(\/\S*)?$/i, 'an http:// or https:// URL without a user name in it').optional(),
  /** A local Kea server's unix control socket, one of those kea.sockets lists (no other path is taken). */
  socketPath: z.string().max(4096).regex(/^\/[^\0]*$/, 'an absolute path').optional(),
  user: z.string().min(1).max(200).regex(/^[^:]*$/, 'a user name without ":"').optional(),
  password: z.string().max(1024).optional(),
  ca: pem('CERTIFICATE').optional(),
  cert: pem('CERTIFICATE').optional(),
  key: pem('PRIVATE KEY').optional(),
  /** Through a Control Agent: the server commands go to when they name none. */
  service: keaService.optional(),
}
const keaTarget = [
  (c: { kind: 'http' | 'unix'; url?: string; socketPath?: string }) => (c.kind === 'http' ? c.url !== undefined : c.socketPath !== undefined),
  { message: 'an http connection needs its url, a unix one its socketPath' },
] as const
const keaConnection = z.object(keaConnectionFields).strict().refine(...keaTarget)

const schemas = {
  none: z.object({}).strict(),
  /** Bounded before scrypt sees it; a new file's shortest length is the engine's to say (it knows whether one exists). */
  secretsPassphrase: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
  secretsForget: z.object({ confirmed: z.literal(true, 'confirmed: the user agreed to delete the secrets file') }).strict(),
  sessionsList: z.object({ search: z.string().max(200).optional(), sort: z.enum(sessionSorts).optional(), descending: z.boolean().optional() }).strict(),
  sessionTags: z.object({ sessionId: id, tags: z.array(z.string().trim().min(1).max(50)).max(50) }).strict(),
  sessionNotes: z.object({ sessionId: id, notes: z.string().max(100_000) }).strict(),
  /** The session the user has open, remembered to reopen it after a crash; null: none. */
  sessionOpen: z.object({ sessionId: id.nullable() }).strict(),
  sessionCreate: z.object({ name }).strict(),
  sessionRename: z.object({ sessionId: id, name }).strict(),
  sessionRef: z.object({ sessionId: id }).strict(),
  /** The case's timeline: at most `limit` items, the newest (the oldest left out are counted). */
  sessionTimeline: z.object({ sessionId: id, limit: z.number().int().min(1).max(MAX_TIMELINE_ITEMS).default(1000) }).strict(),
  sessionSnapshot: z.object({ sessionId: id, snapshotId: id }).strict(),
  captureOpen: z.object({
    /** A file the user chose, as the front granted it (an upload, a drop, a dialog): never a path. */
    fileId: fileId,
    sessionId: id.optional(),
  }).strict(),
  packetsPage: z.object({
    captureId: id, offset, limit: z.number().int().min(1).max(5000),
    /** Page through a filtered/sorted view (from packets.view) instead of the whole capture in frame order. */
    viewId: id.optional(),
    /** Custom columns: fields of the packet tree (their keys) whose values each row also gives. */
    fields: z.array(z.string().min(1).max(200)).max(16).optional(),
  }).strict(),
  packetDetail: z.object({ captureId: id, frame: id }).strict(),
  packetExport: z.object({ captureId: id, frame: id, format: z.enum(['text', 'hex']) }).strict(),
  packetsView: z.object({ captureId: id, filter: filterText, sort: z.enum(sortColumns).default('frame'), descending: z.boolean().default(false) }).strict(),
  filterCheck: z.object({ text: filterText }).strict(),
  /** A field of a packet's tree, as packets.detail gave it: its key and where its bytes are. */
  fieldRef: z.object({ captureId: id, frame: id, key: z.string().min(1).max(200), offset, length: z.number().int().min(0).max(65535) }).strict(),
  /** The cursor is a 0-based character position in text (beyond its end: at its end). */
  filterComplete: z.object({ text: filterText, cursor: z.number().int().min(0) }).strict(),
  transactionsPage: z.object({
    captureId: id, offset, limit: z.number().int().min(1).max(1000), problemsOnly: z.boolean().default(false),
    /** Only this client's: a MAC (any notation), a client id or a DUID, matched as clients.timeline matches it. */
    client: clientName.optional(),
  }).strict(),
  /** One client's history: the session's captures and test-client runs, the open logs and lease tables. */
  clientsTimeline: z.object({ sessionId: id.optional(), client: clientName, limit: z.number().int().min(1).max(2000).default(500) }).strict(),
  captureRef: z.object({ captureId: id }).strict(),
  jobRef: z.object({ jobId: z.string().min(1).max(100) }).strict(),
  remoteHost: z.object({
    host: z.string().min(1).max(255).regex(/^[\w.:-]+$/, 'a host name or address'),
    port: z.number().int().min(1).max(65535).default(22),
    user: z.string().min(1).max(100).regex(/^[\w.@-]+$/, 'a user name'),
    /** A private key's text (OpenSSH or PEM) with its passphrase, or a password: kept by the engine, never shown again. */
    auth: z.union([
      z.object({ privateKey: z.string().min(1).max(65536), passphrase: z.string().max(1024).optional() }).strict(),
      z.object({ password: z.string().min(1).max(1024) }).strict(),
    ]),
    /** Keep the secret in the OS keychain; otherwise it is forgotten when the app quits. */
    remember: z.boolean().default(false),
  }).strict(),
  remoteRef: z.object({ hostId: z.string().min(1).max(100) }).strict(),
  remoteInterfaces: z.object({
    hostId: z.string().min(1).max(100),
    /** The SHA256 fingerprint the user accepted after a first connection showed it (error.hostKey). */
    trustHostKey: z.string().regex(/^SHA256:[\w+/]{43}$/).optional(),
  }).strict(),
  captureStart: z.object({
    /** The session to capture into; a new one when absent. */
    sessionId: id.optional(),
    /** An interface name from capture.interfaces (checked against that list: never a path or a shell word). */
    iface: z.string().min(1).max(256),
    /** A BPF capture filter; libpcap compiles it in the capturing process, an invalid one ends it with libpcap's message. */
    filter: z.string().max(4000),
    backend: z.enum(['helper', 'tcpdump', 'dumpcap']).optional(),
    /** Capture on a saved remote host over SSH instead (its tcpdump or dumpcap), with a fingerprint trusted on first use. */
    remote: z.object({ hostId: z.string().min(1).max(100), trustHostKey: z.string().regex(/^SHA256:[\w+/]{43}$/).optional() }).strict().optional(),
    /** Stop by itself after this many packets, seconds or megabytes (whichever comes first). */
    stopAfter: z.object({
      packets: z.number().int().positive().max(1e9).optional(),
      seconds: z.number().positive().max(7 * 86400).optional(),
      megabytes: z.number().positive().max(1e6).optional(),
    }).strict().optional(),
    /** A ring buffer for long captures: parts of `megabytes` each, the last `files` kept (as dumpcap's -b). */
    ring: z.object({ files: z.number().int().min(2).max(1000), megabytes: z.number().min(1).max(100_000) }).strict().optional(),
  }).strict(),
  keaProfileSave: z.object({
    ...keaConnectionFields,
    /** Replaces this saved profile; a password or key left out keeps the one it had. */
    id: keaProfileId.optional(),
    /** Keep the password and key in the OS keychain; otherwise they are forgotten when the app quits. */
    remember: z.boolean().default(false),
  }).strict().refine(...keaTarget),
  keaProfileRef: z.object({ profileId: keaProfileId }).strict(),
  /** A polled reading; with a session, what it read is added to the session's history. */
  keaReading: z.object({ profileId: keaProfileId, sessionId: id.optional() }).strict(),
  keaHistory: z.object({ profileId: keaProfileId, sessionId: id }).strict(),
  keaTest: z.union([z.object({ profileId: keaProfileId }).strict(), z.object({ profile: keaConnection }).strict()]),
  keaCommand: z.object({
    profileId: keaProfileId,
    command: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'a Kea command name such as status-get'),
    service: keaService.optional(),
    arguments: z.record(z.string(), z.unknown()).optional(),
    /** The user confirmed a command that changes the server's state (lease4-del, config-set, shutdown…). */
    confirmed: z.boolean().default(false),
    /** The session whose console history keeps the command and its answer. */
    sessionId: id.optional(),
  }).strict(),
  keaConsoleHistory: z.object({ sessionId: id, profileId: keaProfileId.optional() }).strict(),
  keaConfigApply: z.object({
    profileId: keaProfileId,
    service: keaDhcpService,
    /** The edited configuration, secrets as kea.config shows them (*****): those keep their running value. */
    config: z.record(z.string(), z.unknown()),
    /** config-write after a successful config-set, so the server's file keeps it across restarts. */
    write: z.boolean().default(false),
    /** The user saw the diff (kea.configPreview) and confirmed. */
    confirmed: z.boolean().default(false),
  }).strict(),
  keaReview: z.object({ profileId: keaProfileId, service: keaDhcpService.optional() }).strict(),
  keaConfig: z.object({ profileId: keaProfileId, service: keaDhcpService }).strict(),
  keaConfigToSession: z.object({ sessionId: id, profileId: keaProfileId, service: keaDhcpService }).strict(),
  keaConfigTest: z.object({
    profileId: keaProfileId,
    service: keaDhcpService,
    /** The whole configuration as config-get gives it and config-set takes it: { "Dhcp4": { … } }. */
    config: z.record(z.string(), z.unknown()),
  }).strict(),
  keaSetThresholds: z.object({
    profileId: keaProfileId,
    service: keaDhcpService,
    subnetId: z.number().int().min(0).max(4294967295),
    /** Percent of the subnet in use; null goes back to the defaults (warn 80, critical 95). */
    thresholds: z.object({ warn: z.number().min(0).max(100), critical: z.number().min(0).max(100) }).strict().nullable(),
  }).strict(),
  clientRun: z.object({
    /** The session the run is kept in; a new one when absent. */
    sessionId: id.optional(),
    /** An interface name from capture.interfaces (checked against that list); one not the lab's reaches a real network. */
    iface: z.string().min(1).max(256),
    /** DHCPv4 (the default) or DHCPv6, whose modes are client6Modes. */
    family: z.union([z.literal(4), z.literal(6)]).default(4),
    mode: z.enum([...new Set([...clientModes, ...client6Modes])] as [ClientRunResult['mode'], ...ClientRunResult['mode'][]]),
    /** The client's hardware address; a random locally administered one when absent. */
    mac: z.string().regex(/^[\da-f]{2}([:-]?[\da-f]{2}){5}$/i, 'a MAC address such as 02:00:5e:00:53:01').optional(),
    /** Option 61: a MAC address, or any other identifier (sent as type 0). */
    clientId: z.string().trim().min(1).max(255).optional(),
    hostname: z.string().trim().min(1).max(255).optional(),
    /** DHCPv4 option 81 (RFC 4702): the client's name, sent fully qualified in DNS wire format (253 characters at most). */
    fqdn: z.string().trim().min(1).max(253).optional(),
    /** Ask the server to update DNS (option 81's S flag); true when absent. */
    fqdnServerUpdate: z.boolean().optional(),
    /** Option 60, the vendor class identifier. */
    vendorClass: z.string().trim().min(1).max(255).optional(),
    /** Option 55: the codes to ask for, dhclient's when absent; empty sends none. */
    requestList: z.array(z.number().int().min(1).max(254)).max(254).optional(),
    /** Option 50 in the DISCOVER: the address the client would like offered. */
    requestedAddress: ipv4Address.optional(),
    /** The BOOTP broadcast flag on what the client sends before it has an address, so the answers are broadcast. */
    broadcast: z.boolean().optional(),
    /** The secs field the run starts from (RFC 2131: seconds since the client began). */
    secs: z.number().int().min(0).max(65535).optional(),
    /** More options in the probe CLI's forms: `CODE=HEX`, `CODE:TYPE=VALUE` or `NAME=VALUE` (e.g. 60:str=fieldkit). */
    options: z.array(z.string().trim().min(1).max(1024)).max(64).optional(),
    /** Seconds each step waits for answers. */
    wait: z.number().positive().max(300).default(5),
    /** Keep the lease a DORA takes instead of releasing it. */
    keep: z.boolean().default(false),
    /** An address the client holds, for renew, rebind, reboot, inform and release (instead of a DORA first). */
    address: ipv4Address.optional(),
    /** The server to unicast to: the relay's server, or the one that leased the address given (IPv6 for DHCPv6). */
    server: z.union([ipv4Address, ipv6Address]).optional(),
    /** Act as a relay agent: DHCPv4's giaddr, or DHCPv6's link address; what a client broadcasts goes to `server` instead. */
    relay: z.union([ipv4Address, ipv6Address]).optional(),
    /** Option 82 sub-options the relay adds; the remote id is DHCPv6's option 37 too. */
    circuitId: z.string().min(1).max(255).optional(),
    remoteId: z.string().min(1).max(255).optional(),
    /** DHCPv6: the DUID's type, built from the MAC (DUID-LL when absent), or a DUID given in hex. */
    duidType: z.enum(duidTypes).optional(),
    duid: z.string().regex(/^[\da-f]{2}([:-]?[\da-f]{2}){2,129}$/i, 'a DUID in hex such as 00:03:00:01:02:00:5e:10:00:01').optional(),
    iaid: z.number().int().min(0).max(4294967295).optional(),
    ia: z.array(z.enum(identityAssociations)).min(1).max(2).optional(),
    /** DHCPv6 relay: the interface id (option 18) the relay adds. */
    interfaceId: z.string().min(1).max(255).optional(),
  }).strict().superRefine((run, ctx) => {
    const modes: readonly string[] = run.family === 6 ? client6Modes : clientModes
    if (!modes.includes(run.mode)) ctx.addIssue({ code: 'custom', path: ['mode'], message: `DHCPv${run.family} modes are ${modes.join(', ')}` })
    for (const field of clientFamilyOnly[run.family === 6 ? 4 : 6]) {
      if (run[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${field} is for DHCPv${run.family === 6 ? 4 : 6} runs` })
    }
    for (const field of ['server', 'relay'] as const) {
      if (run[field] !== undefined && run[field].includes(':') !== (run.family === 6)) ctx.addIssue({ code: 'custom', path: [field], message: `an IPv${run.family} address for a DHCPv${run.family} run` })
    }
  }),
  clientDhclient: z.object({
    sessionId: id.optional(),
    /** An interface name from capture.interfaces; a lab one runs dhclient as the lab's client, in its namespace. */
    iface: z.string().min(1).max(256),
    family: z.union([z.literal(4), z.literal(6)]).default(4),
    /** DHCPv6: ask for a delegated prefix (dhclient -P) instead of an address (-N). */
    prefixDelegation: z.boolean().default(false),
    keep: z.boolean().default(false),
    /** Seconds dhclient is given to get a lease. */
    timeout: z.number().positive().max(300).default(30),
  }).strict(),
  clientCompare: z.object({
    sessionId: id.optional(),
    iface: z.string().min(1).max(256),
    /** DHCPv4: dhclient -4 and a DORA; DHCPv6: dhclient -6 and a SARR for an address, both with the DUID-LL of the MAC. */
    family: z.union([z.literal(4), z.literal(6)]).default(4),
    /** Seconds dhclient is given, and each step of the built-in client waits. */
    timeout: z.number().positive().max(300).default(30),
  }).strict(),
  captureSave: z.object({
    captureId: id, format: z.enum(['pcap', 'pcapng']),
    /** The file name to suggest (no folder: where it goes is the engine's or the save dialog's business). */
    name: z.string().trim().min(1).max(200).optional(),
    /** Save only the packets of this view (a display filter's result), in frame order. */
    viewId: id.optional(),
  }).strict(),
}

/** Lease table columns a view can be sorted by. */
export const leaseSortColumns = ['address', 'hwAddress', 'clientId', 'hostname', 'subnetId', 'validLifetime', 'expire', 'state', 'type', 'iaid', 'source'] as const
export type LeaseSortColumn = (typeof leaseSortColumns)[number]
const leaseTableId = z.number().int().positive()
const leaseDatabaseId = z.string().uuid()
/** A lease table's filter: exact keys as the CLI takes them, and a free search. */
const leaseFilter = z.object({
  search: z.string().max(200).optional(),
  address: z.string().max(64).optional(),
  hwAddress: z.string().max(64).regex(/^[\da-f:-]*$/i, 'a MAC address such as 02:00:5e:40:00:01').optional(),
  clientId: z.string().max(800).regex(/^[\da-f:-]*$/i, 'hex such as 01:02:00:5e:40:00:01').optional(),
  hostname: z.string().max(255).optional(),
  subnetId: z.number().int().min(0).max(4294967295).optional(),
  state: z.string().max(40).optional(),
}).strict()
/** A saved remote host, with the fingerprint the user accepted after a first connection showed it (error.hostKey). */
const remoteMemfileHost = { hostId: z.string().min(1).max(100), trustHostKey: z.string().regex(/^SHA256:[\w+/]{43}$/).optional() }
const leaseSchemas = {
  leasesOpen: z.object({
    source: z.union([
      /** Through a saved Kea connection's lease_cmds. */
      z.object({ profileId: keaProfileId, family: z.union([z.literal(4), z.literal(6)]).default(4) }).strict(),
      /** A memfile from leases.sources' list (never a path). */
      z.object({ memfileId: z.string().regex(/^[\da-f]{16}$/, 'a memfile id from leases.sources') }).strict(),
      /** A file the user picked (the open dialog, an upload, a drop), as the front granted it. */
      z.object({ fileId }).strict(),
      /** A saved lease database (leases.saveDatabase), read-only. */
      z.object({ databaseId: leaseDatabaseId, family: z.union([z.literal(4), z.literal(6)]).default(4) }).strict(),
      /** A memfile leases.remoteMemfiles found on a saved remote host, read over SSH. */
      z.object({ ...remoteMemfileHost, memfileId: z.string().regex(/^[\da-f]{16}$/, 'a memfile id from leases.remoteMemfiles') }).strict(),
    ]),
  }).strict(),
  leasesRemote: z.object(remoteMemfileHost).strict(),
  leasesHistory: z.object({ tableId: leaseTableId, address: z.string().min(2).max(64) }).strict(),
  leasesDatabaseSave: z.object({
    /** Replaces this saved database; a password or CA left out keeps the one it had. */
    id: leaseDatabaseId.optional(),
    name: z.string().trim().min(1).max(200),
    /** mysql://USER@HOST[:PORT]/DB or postgresql://…; a password in it is refused (it goes in `password`). */
    url: z.string().trim().min(1).max(1024),
    password: z.string().max(1024).optional(),
    tls: z.boolean().default(false),
    /** PEM text the page read from the CA file the user picked: never a path. */
    ca: z.string().max(262_144).regex(/-----BEGIN CERTIFICATE-----/, 'a PEM CA certificate').optional(),
    /** Keep the password in the OS keychain; otherwise it is forgotten when the app quits. */
    remember: z.boolean().default(false),
  }).strict(),
  leasesDatabaseRef: z.object({ databaseId: leaseDatabaseId }).strict(),
  leasesRef: z.object({ tableId: leaseTableId }).strict(),
  leasesView: z.object({
    tableId: leaseTableId,
    filter: leaseFilter.default({}),
    sort: z.enum(leaseSortColumns).default('address'),
    descending: z.boolean().default(false),
    /** Another open table of the same server: rows say how they differ from it. */
    compareWith: leaseTableId.optional(),
    differencesOnly: z.boolean().default(false),
  }).strict(),
  leasesPage: z.object({ tableId: leaseTableId, viewId: id, offset, limit: z.number().int().min(1).max(5000) }).strict(),
  leasesToSession: z.object({ sessionId: id, tableId: leaseTableId, viewId: id, filter: viewFilter }).strict(),
  leasesExport: z.object({
    tableId: leaseTableId, viewId: id,
    /** The file name to suggest (no folder). */
    name: z.string().trim().min(1).max(200).optional(),
  }).strict(),
  leasesChange: z.object({
    tableId: leaseTableId,
    /** The lease to delete; absent: reclaim the server's expired leases (leases-reclaim). */
    address: z.string().min(2).max(64).optional(),
    /** The user confirmed it: both change the server's state. */
    confirmed: z.boolean().default(false),
  }).strict(),
}

/** A log filter: every key narrows it (see LogQuery). */
const logQuery = z.object({
  severities: z.array(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'none'])).max(6).optional(),
  logger: z.string().trim().min(1).max(200).optional(),
  messageId: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]{1,99}$/, 'a Kea message id such as DHCP4_LEASE_ALLOC').optional(),
  mac: z.string().regex(/^[\da-f]{2}([:-]?[\da-f]{2}){5}$/i, 'a MAC address such as 02:00:5e:50:00:01').optional(),
  clientId: z.string().max(800).regex(/^[\da-f]{2}(:[\da-f]{2})*$/i, 'hex bytes such as 01:02:00:5e:50:00:01').optional(),
  address: z.string().trim().min(2).max(64).optional(),
  xid: z.number().int().min(0).max(0xffffffff).optional(),
  from: z.number().optional(),
  to: z.number().optional(),
  text: z.string().max(1000).optional(),
}).strict()
const logId = z.number().int().positive()
/** Kea's loggers as the builder edits them; the output is a file path on the server, syslog[:facility], stdout or stderr. */
const loggerDrafts = z.array(z.object({
  name: z.string().regex(/^[\w.-]{1,100}$/, 'a logger name such as kea-dhcp4.packets'),
  severity: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'NONE']),
  debuglevel: z.number().int().min(0).max(99).default(0),
  outputs: z.array(z.object({
    output: z.string().min(1).max(1024).regex(/^(stdout|stderr|syslog(:[\w.-]+)?|\/[^\0\n]+|[^/\0\n][^\0\n]*)$/, 'stdout, stderr, syslog[:name] or a file path'),
    flush: z.boolean().optional(),
    maxsize: z.number().int().min(0).max(2 ** 40).optional(),
    maxver: z.number().int().min(0).max(100).optional(),
    pattern: z.string().min(2).max(1000).optional(),
  }).strict()).max(8),
}).strict()).max(64)
const logSchemas = {
  logsSources: z.object({ profileId: keaProfileId.optional() }).strict(),
  logsOpen: z.object({
    source: z.union([
      /** A file from logs.sources' list (never a path). */
      z.object({ logFileId: z.string().regex(/^[\da-f]{16}$/, 'a log file id from logs.sources') }).strict(),
      /** A file the user picked (the open dialog, an upload, a drop), as the front granted it. */
      z.object({ fileId }).strict(),
      /** Pasted text (what a customer e-mailed). */
      z.object({ text: z.string().max(50 * 1024 * 1024), name: name.optional() }).strict(),
      z.object({
        journal: z.enum(KEA_UNITS),
        since: z.string().regex(JOURNAL_TIME, 'a time journalctl takes: 2026-11-30 15:00:00, today, -1h').optional(),
        until: z.string().regex(JOURNAL_TIME, 'a time journalctl takes: 2026-11-30 15:00:00, today, -1h').optional(),
        /** Continue after the last line a previous read of this unit saw. */
        resume: z.boolean().default(false),
      }).strict(),
      z.object({ hostId: z.string().min(1).max(100), log: z.enum(REMOTE_LOGS), trustHostKey: z.string().regex(/^SHA256:[\w+/]{43}$/).optional() }).strict(),
    ]),
    /** Keep reading what is added (across rotation), as tail -F. */
    follow: z.boolean().default(false),
    /** The logger's log4cplus pattern, when not Kea's default. */
    pattern: z.string().min(2).max(1000).optional(),
    format: z.enum(['kea', 'syslog', 'journal']).optional(),
  }).strict(),
  logsRef: z.object({ logId }).strict(),
  logsView: z.object({ logId, query: logQuery.default({}) }).strict(),
  logsPage: z.object({ logId, viewId: id, offset, limit: z.number().int().min(1).max(5000) }).strict(),
  logsToSession: z.object({ sessionId: id, logId, viewId: id, filter: viewFilter }).strict(),
  logsLine: z.object({ logId, index: offset, captureId: id.optional() }).strict(),
  logsForTransaction: z.object({ captureId: id, transactionId: id }).strict(),
  logsLoggers: z.object({ profileId: keaProfileId, service: keaDhcpService }).strict(),
  logsBuildLoggers: z.object({ service: keaDhcpService, version: z.string().regex(/^\d+\.\d+\.\d+/).optional(), loggers: loggerDrafts }).strict(),
  logsApplyLoggers: z.object({
    profileId: keaProfileId, service: keaDhcpService, loggers: loggerDrafts,
    /** The user confirmed: config-set and config-write change the server and its file. */
    confirmed: z.boolean().default(false),
  }).strict(),
}

/** What a bundle may hold (all of it unless chosen). */
export const bundleParts = ['captures', 'report', 'data', 'keaConfig'] as const satisfies readonly BundlePart[]
const someBundleParts = z.array(z.enum(bundleParts)).min(1).max(bundleParts.length).default([...bundleParts])
const bundleSchemas = {
  bundleParts: z.object({ sessionId: id, parts: someBundleParts }).strict(),
  bundleExport: z.object({
    sessionId: id, parts: someBundleParts,
    /** MACs, IP addresses and host names pseudonymized consistently in the packets, the data and the report. */
    anonymize: z.boolean().default(false),
    /** The file's name (the session's when absent); where it goes is the save dialog's, or the exports folder. */
    name: name.optional(),
  }).strict(),
  /** A bundle the user chose (an upload, a drop, the open dialog), as the front granted it: never a path. */
  bundleFile: z.object({ fileId }).strict(),
  report: z.object({ sessionId: id, anonymize: z.boolean().default(false) }).strict(),
}

function method<R>() {
  return <P extends z.ZodType>(params: P) => ({ params, result: undefined as unknown as R })
}

export const methods = {
  'app.info': method<AppInfo>()(schemas.none),
  'sessions.list': method<SessionInfo[]>()(schemas.sessionsList),
  'sessions.create': method<SessionInfo>()(schemas.sessionCreate),
  'sessions.rename': method<SessionInfo>()(schemas.sessionRename),
  /** Moves the session to the trash (its live captures stop); it is purged SESSION_TRASH_DAYS later. */
  'sessions.delete': method<null>()(schemas.sessionRef),
  'sessions.get': method<SessionInfo>()(schemas.sessionRef),
  'sessions.setTags': method<SessionInfo>()(schemas.sessionTags),
  'sessions.setNotes': method<SessionInfo>()(schemas.sessionNotes),
  /** An editable copy with everything the session holds (an imported read-only session's too). */
  'sessions.duplicate': method<SessionInfo>()(schemas.sessionRef),
  'sessions.trash': method<SessionInfo[]>()(schemas.none),
  'sessions.restore': method<SessionInfo>()(schemas.sessionRef),
  /** Deletes a session in the trash for good, with the files only it used. */
  'sessions.purge': method<null>()(schemas.sessionRef),
  'sessions.open': method<null>()(schemas.sessionOpen),
  /** Once, as the app starts: the session to reopen after a crash, and what the store's check on open found. */
  'sessions.startup': method<SessionsStartup>()(schemas.none),
  /**
   * The whole case in time order: captures starting and ending, problem transactions, test-client and dhclient runs,
   * Kea readings where something changed, console commands, the notes; each item with links to the related ones.
   */
  'sessions.timeline': method<CaseTimeline>()(schemas.sessionTimeline),
  /** What the user added to the session of Kea's configuration, leases and log lines, oldest first (without their items). */
  'sessions.snapshots': method<SnapshotInfo[]>()(schemas.sessionRef),
  'sessions.snapshot': method<SessionSnapshot>()(schemas.sessionSnapshot),
  'captures.list': method<CaptureInfo[]>()(schemas.sessionRef),
  'captures.open': method<CaptureInfo>()(schemas.captureOpen),
  'packets.page': method<PacketPage>()(schemas.packetsPage),
  'packets.detail': method<PacketDetail>()(schemas.packetDetail),
  'packets.export': method<{ text: string }>()(schemas.packetExport),
  'packets.view': method<PacketView>()(schemas.packetsView),
  'filters.check': method<FilterCheck>()(schemas.filterCheck),
  'filters.fields': method<FilterField[]>()(schemas.none),
  'filters.complete': method<FilterCompletion>()(schemas.filterComplete),
  /** "Apply as filter": the filter that selects packets with this field's value (or, failing that, the field). */
  'filters.forField': method<{ filter: string | null }>()(schemas.fieldRef),
  'transactions.page': method<TransactionPage>()(schemas.transactionsPage),
  'captures.stats': method<CaptureStats>()(schemas.captureRef),
  'captures.save': method<SavedCapture | null>()(schemas.captureSave),
  'lab.status': method<LabStatus>()(schemas.none),
  /** The interfaces this machine can capture on, the backends and whether each may capture (and if not, the fix). */
  'capture.interfaces': method<CaptureInterfaces>()(schemas.none),
  /** Starts a live capture into a session; packets stream in as capture.updated events and pages, as a file's do. */
  'capture.start': method<CaptureInfo>()(schemas.captureStart),
  /** Stops a live capture; what it captured stays in the session, its counters with it. */
  'capture.stop': method<CaptureInfo>()(schemas.captureRef),
  /** Where saved passwords and keys are kept: the OS keychain (desktop app), memory, or a passphrase-protected file. */
  'secrets.state': method<SecretsState>()(schemas.none),
  /** Browser mode: starts the passphrase-protected file, or unlocks it; this run's remembered secrets move in. */
  'secrets.usePassphrase': method<SecretsState>()(schemas.secretsPassphrase),
  /** Drops the file's key and secrets from memory until the passphrase is typed again. */
  'secrets.lock': method<SecretsState>()(schemas.none),
  /** Deletes the passphrase-protected file and the secrets in it (the way out of a forgotten passphrase). */
  'secrets.forget': method<SecretsState>()(schemas.secretsForget),
  'remote.hosts': method<RemoteHostInfo[]>()(schemas.none),
  'remote.save': method<RemoteHostInfo>()(schemas.remoteHost),
  'remote.delete': method<null>()(schemas.remoteRef),
  /** A remote host's interfaces. An unknown host key fails with error.hostKey (firstUse) for the user to accept. */
  'remote.interfaces': method<CaptureInterfaceInfo[]>()(schemas.remoteInterfaces),
  /** Saved Kea connections, the lab's first while the lab is up. */
  'kea.profiles': method<KeaProfileInfo[]>()(schemas.none),
  'kea.saveProfile': method<KeaProfileInfo>()(schemas.keaProfileSave),
  /** The Kea control sockets on this machine: what a unix-socket connection may name. */
  'kea.sockets': method<string[]>()(schemas.none),
  'kea.deleteProfile': method<null>()(schemas.keaProfileRef),
  /** Test connection: the API shape found, versions, servers, commands and missing hooks, or what failed, in words. */
  'kea.test': method<KeaTestReport>()(schemas.keaTest),
  /** Each server's (and a Control Agent's) status: up/down, pid, uptime, reload, version, multi-threading, HA. */
  'kea.status': method<KeaStatus>()(schemas.keaReading),
  /** What a session kept of a connection's readings (status per service, utilization per subnet), oldest first. */
  'kea.history': method<KeaHistory>()(schemas.keaHistory),
  /** Kea's services on this machine from `keactrl status` and `systemctl status` (fixed commands), or why not. */
  'kea.localServices': method<KeaLocalServices>()(schemas.none),
  /** The console: one command, its answer with the result code's meaning; state-changing ones need confirmed. */
  'kea.command': method<KeaCommandAnswer>()(schemas.keaCommand),
  /** The configuration review of each DHCP server the connection reaches (or the one named): findings with the fix. */
  'kea.review': method<KeaReview[]>()(schemas.keaReview),
  /** A server's running configuration (config-get) with passwords and secrets replaced by *****. */
  'kea.config': method<Record<string, unknown>>()(schemas.keaConfig),
  /** Adds the running configuration, secrets hidden, to the session as it is now. */
  'kea.addConfigToSession': method<SnapshotInfo>()(schemas.keaConfigToSession),
  /** config-test of an edited configuration: Kea's answer, and the review of that configuration. Changes nothing. */
  'kea.configTest': method<KeaConfigTest>()(schemas.keaConfigTest),
  /** What applying an edited configuration would change (diff against config-get, secrets hidden). Changes nothing. */
  'kea.configPreview': method<KeaConfigPreview>()(schemas.keaConfigTest),
  /** config-set of an edited configuration, then config-write if asked; refused unless confirmed. */
  'kea.configApply': method<KeaConfigApplied>()(schemas.keaConfigApply),
  /** A session's console commands with their answers, newest first (at most MAX_CONSOLE_LISTED). */
  'kea.consoleHistory': method<KeaConsoleRecord[]>()(schemas.keaConsoleHistory),
  /** Each subnet's utilization, level and projection (every call adds a sample), the usual causes beside a subnet
   * at warn or critical, and the servers' counters. */
  'kea.pools': method<KeaPools>()(schemas.keaReading),
  /** A subnet's warning and critical thresholds, kept per connection in the data folder. */
  'kea.setThresholds': method<KeaThresholds>()(schemas.keaSetThresholds),
  /** Runs the built-in DHCPv4 test client (a job: jobs.stop ends it); its packets become a capture of the session. */
  'client.run': method<ClientRunResult>()(schemas.clientRun),
  /** The test client runs kept in a session, oldest first. */
  'client.runs': method<ClientRunResult[]>()(schemas.sessionRef),
  /** Runs the real dhclient once (a job), with the app's variables script and its own files; released unless kept. */
  'client.dhclient': method<ClientRunResult>()(schemas.clientDhclient),
  /** Real dhclient, then the built-in client (DORA or SARR) as the same client: both runs, and their variables side by side. */
  'client.compare': method<ClientComparison>()(schemas.clientCompare),
  /** What the Leases view may open: Kea connections and the memfiles found on this machine. */
  'leases.sources': method<LeaseSourceChoices>()(schemas.none),
  /** Opens a lease table; it loads in the background (leases.updated says how far), a local memfile is followed. */
  'leases.open': method<LeaseTableInfo>()(leaseSchemas.leasesOpen),
  'leases.tables': method<LeaseTableInfo[]>()(schemas.none),
  /** The memfiles on a saved remote host (Kea's folders), found over SSH; an unknown host key fails with error.hostKey. */
  'leases.remoteMemfiles': method<LeaseSourceChoices['memfiles']>()(leaseSchemas.leasesRemote),
  /** A memfile table's lines for one address over its files (LFC's and the live one), oldest first. */
  'leases.history': method<LeaseHistoryEntry[]>()(leaseSchemas.leasesHistory),
  /** Saves a lease database to open (its password in the SecretStore); nothing is connected to yet. */
  'leases.saveDatabase': method<LeaseDatabaseInfo>()(leaseSchemas.leasesDatabaseSave),
  'leases.deleteDatabase': method<null>()(leaseSchemas.leasesDatabaseRef),
  'leases.close': method<null>()(leaseSchemas.leasesRef),
  /** A filtered, sorted view of a table with its counts per state and subnet, to page rows from. */
  'leases.view': method<LeaseViewInfo>()(leaseSchemas.leasesView),
  'leases.page': method<LeasePage>()(leaseSchemas.leasesPage),
  /** Adds a view's leases (its first MAX_SNAPSHOT_LEASES) to the session as they are now. */
  'leases.addToSession': method<SnapshotInfo>()(leaseSchemas.leasesToSession),
  /** A view's leases as CSV: where the save dialog says, or (browser mode) the data folder's exports/. */
  'leases.export': method<SavedLeases | null>()(leaseSchemas.leasesExport),
  /** Deletes one lease (lease4-del/lease6-del) or reclaims expired ones: only through the API, only confirmed. */
  'leases.change': method<{ text: string }>()(leaseSchemas.leasesChange),
  /** What the Logs view may open: log files found here (the lab's, a connection's loggers', /var/log/kea, syslog), journald, SSH hosts. */
  'logs.sources': method<LogSources>()(logSchemas.logsSources),
  /** Opens a log; it reads in the background (logs.updated says how far) and, with follow, keeps reading. */
  'logs.open': method<LogInfo>()(logSchemas.logsOpen),
  'logs.list': method<LogInfo[]>()(schemas.none),
  'logs.close': method<null>()(logSchemas.logsRef),
  /** A filtered view of a log, with counts per severity and message id and a timeline, to page lines from. */
  'logs.view': method<LogView>()(logSchemas.logsView),
  'logs.page': method<LogPage>()(logSchemas.logsPage),
  /** Adds a view's lines (its first MAX_SNAPSHOT_LOG_LINES) to the session. */
  'logs.addToSession': method<SnapshotInfo>()(logSchemas.logsToSession),
  /** One line: the catalogue's meaning of its message id and, with a capture, the packets it links to by xid. */
  'logs.line': method<LogLineDetail>()(logSchemas.logsLine),
  /** The log lines of the open logs that link to a capture's transaction, and the clock skew. */
  'logs.forTransaction': method<TransactionLogLines>()(logSchemas.logsForTransaction),
  /** Everything about one client (a MAC, client id or DUID), oldest first: log lines, transactions, leases, test-client runs. */
  'clients.timeline': method<ClientTimeline>()(schemas.clientsTimeline),
  /** A server's running loggers (config-get), its version's options key, the advice and the usual recipes. */
  'logs.loggers': method<LoggersConfig>()(logSchemas.logsLoggers),
  /** The loggers section built from the form, with the key the version reads, and the advice. Changes nothing. */
  'logs.buildLoggers': method<LoggersConfig>()(logSchemas.logsBuildLoggers),
  /** Sets the loggers (config-set) and writes the configuration (config-write); only confirmed. */
  'logs.applyLoggers': method<LoggersConfig>()(logSchemas.logsApplyLoggers),
  /** How large a session's bundle of these parts will be, before it is written. */
  'bundle.estimate': method<BundleEstimate>()(bundleSchemas.bundleParts),
  /** Writes a session's bundle (a job: jobs.stop leaves no file) where the save dialog says, or into the exports folder. */
  'bundle.export': method<SavedBundle | null>()(bundleSchemas.bundleExport),
  /** Checks a bundle's files against its manifest's SHA-256 sums; refuses zip-slip paths, links and zip bombs. */
  'bundle.verify': method<BundleVerification>()(bundleSchemas.bundleFile),
  /** Verifies a bundle and opens it as a read-only session (sessions.duplicate makes an editable copy). */
  'bundle.import': method<ImportedBundle>()(bundleSchemas.bundleFile),
  /** A session's report alone, as its bundle's report.html (self-contained, no scripts), to open or print. */
  'sessions.report': method<SessionReport>()(bundleSchemas.report),
  /**
   * The report as a PDF (the desktop app prints it) where the save dialog says; null: cancelled. Browser mode has
   * no printer in the engine: it says so, and the page prints sessions.report with the browser instead.
   */
  'sessions.saveReportPdf': method<SavedReport | null>()(bundleSchemas.report),
  /** Stops a long job at its next turn: a capture's load keeps the packets read so far; a save leaves no file; statistics end unanswered. */
  'jobs.stop': method<null>()(schemas.jobRef),
}

export type MethodName = keyof typeof methods
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>
/** Parameters as a handler receives them: checked, with defaults filled in. */
export type CheckedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>
export type Result<M extends MethodName> = (typeof methods)[M]['result']

/** Streams pushed from the engine (or the Electron shell) to every connected renderer. */
export interface Events {
  'job.progress': JobProgress
  'capture.updated': CaptureInfo
  'sessions.changed': { sessionId: number | null }
  /** A native menu item was chosen (Electron only); the renderer performs it. */
  'app.command': { command: AppCommand }
  /** The desktop shell was asked to open a file (command line, file association): the renderer opens it. */
  'files.offered': FileRef
  /** A lease table loaded more, followed a change, or failed. */
  'leases.updated': LeaseTableInfo
  /** A log read more, was rotated, ended or failed. */
  'logs.updated': LogInfo
}
export type EventName = keyof Events
export type AppCommand = 'open-capture' | 'toggle-theme' | 'focus-filter'

/** What a renderer holds: the contract, whichever transport carries it. */
export interface ContractClient {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

/** An error that crosses the contract: a code the UI can act on and a sentence for the user. */
export interface ContractErrorShape {
  /** secrets-locked: the passphrase-protected secrets file must be unlocked first (the UI asks for the passphrase). */
  code: 'invalid-params' | 'unknown-method' | 'not-found' | 'bad-input' | 'cancelled' | 'internal' | 'secrets-locked'
  message: string
  /** Where in the caller's text the problem is (a display filter's mistake), for the UI to point at. */
  at?: { position: number; length: number }
  /** A remote host's key that is not on record (firstUse: ask the user to trust its fingerprint) or has changed. */
  hostKey?: { host: string; port: number; keyType: string; fingerprint: string; firstUse: boolean }
}
