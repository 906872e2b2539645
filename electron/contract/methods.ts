// The contract: every request/response method and every event stream, in one place.
// Both bridges (Electron IPC in electron/main + preload, browser mode in electron/server) implement exactly this,
// and the renderer sees nothing else. Parameter schemas are checked at the edge by the engine's dispatcher.
import { z } from 'zod'
import type {
  AppInfo, CaptureInfo, CaptureInterfaceInfo, ClientRunResult, CaptureInterfaces, FileRef, CaptureStats, FilterCheck, FilterCompletion, FilterField, JobProgress, KeaCommandAnswer,
  KeaConfigTest, KeaPools, KeaProfileInfo, KeaReview, KeaStatus, KeaTestReport, KeaThresholds, LabStatus, PacketDetail, PacketPage, PacketView, RemoteHostInfo, SavedCapture, SessionInfo, TransactionPage,
} from './types'

const id = z.number().int().positive()
const name = z.string().trim().min(1).max(200)
const filterText = z.string().max(4000)
const offset = z.number().int().min(0)
const fileId = z.string().regex(/^[\w-]{1,64}$/, 'a file id as the app handed it out')

/** Packet list columns a view can be sorted by. */
export const sortColumns = ['frame', 'time', 'source', 'destination', 'protocol', 'length', 'info'] as const
export type SortColumn = (typeof sortColumns)[number]

/** PEM text the page read from a file the user picked: the engine never takes a certificate's path. */
/** The test client's exchanges, as the view lists them (every mode of ClientRunResult). */
export const clientModes = ['probe', 'dora', 'renew', 'rebind', 'reboot', 'inform', 'release', 'decline'] as const satisfies readonly ClientRunResult['mode'][]
const ipv4Address = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'an IPv4 address such as 192.0.2.1')
const pem = (kind: 'CERTIFICATE' | 'PRIVATE KEY') => z.string().max(262_144).regex(new RegExp(`-----BEGIN [A-Z ]*${kind}-----`), `PEM text (-----BEGIN …${kind}-----)`)
const keaService = z.enum(['dhcp4', 'dhcp6', 'd2'])
const keaProfileId = z.string().min(1).max(100)
const keaDhcpService = z.enum(['dhcp4', 'dhcp6'])
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
  sessionsList: z.object({ search: z.string().max(200).optional() }).strict(),
  sessionCreate: z.object({ name }).strict(),
  sessionRename: z.object({ sessionId: id, name }).strict(),
  sessionRef: z.object({ sessionId: id }).strict(),
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
  transactionsPage: z.object({ captureId: id, offset, limit: z.number().int().min(1).max(1000), problemsOnly: z.boolean().default(false) }).strict(),
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
  keaTest: z.union([z.object({ profileId: keaProfileId }).strict(), z.object({ profile: keaConnection }).strict()]),
  keaCommand: z.object({
    profileId: keaProfileId,
    command: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'a Kea command name such as status-get'),
    service: keaService.optional(),
    arguments: z.record(z.string(), z.unknown()).optional(),
    /** The user confirmed a command that changes the server's state (lease4-del, config-set, shutdown…). */
    confirmed: z.boolean().default(false),
  }).strict(),
  keaReview: z.object({ profileId: keaProfileId, service: keaDhcpService.optional() }).strict(),
  keaConfig: z.object({ profileId: keaProfileId, service: keaDhcpService }).strict(),
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
    mode: z.enum(clientModes),
    /** The client's hardware address; a random locally administered one when absent. */
    mac: z.string().regex(/^[\da-f]{2}([:-]?[\da-f]{2}){5}$/i, 'a MAC address such as 02:00:5e:00:53:01').optional(),
    /** Option 61: a MAC address, or any other identifier (sent as type 0). */
    clientId: z.string().trim().min(1).max(255).optional(),
    hostname: z.string().trim().min(1).max(255).optional(),
    /** More options in the probe CLI's forms: `CODE=HEX`, `CODE:TYPE=VALUE` or `NAME=VALUE` (e.g. 60:str=fieldkit). */
    options: z.array(z.string().trim().min(1).max(1024)).max(64).optional(),
    /** Seconds each step waits for answers. */
    wait: z.number().positive().max(300).default(5),
    /** Keep the lease a DORA takes instead of releasing it. */
    keep: z.boolean().default(false),
    /** An address the client holds, for renew, rebind, reboot, inform and release (instead of a DORA first). */
    address: ipv4Address.optional(),
    /** The server to unicast to: the relay's server, or the one that leased the address given. */
    server: ipv4Address.optional(),
    /** Act as a relay agent with this giaddr: what a client broadcasts goes to `server` instead. */
    relay: ipv4Address.optional(),
    /** Option 82 sub-options the relay adds. */
    circuitId: z.string().min(1).max(255).optional(),
    remoteId: z.string().min(1).max(255).optional(),
  }).strict(),
  captureSave: z.object({
    captureId: id, format: z.enum(['pcap', 'pcapng']),
    /** The file name to suggest (no folder: where it goes is the engine's or the save dialog's business). */
    name: z.string().trim().min(1).max(200).optional(),
    /** Save only the packets of this view (a display filter's result), in frame order. */
    viewId: id.optional(),
  }).strict(),
}

function method<R>() {
  return <P extends z.ZodType>(params: P) => ({ params, result: undefined as unknown as R })
}

export const methods = {
  'app.info': method<AppInfo>()(schemas.none),
  'sessions.list': method<SessionInfo[]>()(schemas.sessionsList),
  'sessions.create': method<SessionInfo>()(schemas.sessionCreate),
  'sessions.rename': method<SessionInfo>()(schemas.sessionRename),
  'sessions.delete': method<null>()(schemas.sessionRef),
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
  'kea.status': method<KeaStatus>()(schemas.keaProfileRef),
  /** The console: one command, its answer with the result code's meaning; state-changing ones need confirmed. */
  'kea.command': method<KeaCommandAnswer>()(schemas.keaCommand),
  /** The configuration review of each DHCP server the connection reaches (or the one named): findings with the fix. */
  'kea.review': method<KeaReview[]>()(schemas.keaReview),
  /** A server's running configuration (config-get) with passwords and secrets replaced by *****. */
  'kea.config': method<Record<string, unknown>>()(schemas.keaConfig),
  /** config-test of an edited configuration: Kea's answer, and the review of that configuration. Changes nothing. */
  'kea.configTest': method<KeaConfigTest>()(schemas.keaConfigTest),
  /** Each subnet's utilization, level and projection (every call adds a sample), and the servers' counters. */
  'kea.pools': method<KeaPools>()(schemas.keaProfileRef),
  /** A subnet's warning and critical thresholds, kept per connection in the data folder. */
  'kea.setThresholds': method<KeaThresholds>()(schemas.keaSetThresholds),
  /** Runs the built-in DHCPv4 test client (a job: jobs.stop ends it); its packets become a capture of the session. */
  'client.run': method<ClientRunResult>()(schemas.clientRun),
  /** The test client runs kept in a session, oldest first. */
  'client.runs': method<ClientRunResult[]>()(schemas.sessionRef),
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
  code: 'invalid-params' | 'unknown-method' | 'not-found' | 'bad-input' | 'cancelled' | 'internal'
  message: string
  /** Where in the caller's text the problem is (a display filter's mistake), for the UI to point at. */
  at?: { position: number; length: number }
  /** A remote host's key that is not on record (firstUse: ask the user to trust its fingerprint) or has changed. */
  hostKey?: { host: string; port: number; keyType: string; fingerprint: string; firstUse: boolean }
}
