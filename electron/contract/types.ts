// Data shapes that cross the contract. Plain JSON only: they travel over Electron IPC and WebSocket alike.
import type { Lease as EngineLease } from '../engine/leases/lease'

/** One node of a decoded packet's field tree; offsets are relative to the start of the frame. */
export interface FieldNode {
  label: string
  /** Display-filter name from the registry, e.g. `dhcp.option.hostname`. */
  key?: string
  value?: string
  offset: number
  length: number
  /** Set when this field is where decoding found a problem. */
  problem?: string
  /**
   * Wireshark stops dissecting the packet before this field (an exception on a malformed field before it), so
   * display filters do not see it or its children, as Wireshark's do not; the tree still shows it.
   */
  pastWiresharkStop?: true
  children?: FieldNode[]
}

export interface PacketRow {
  frame: number
  /** Seconds since the first packet of the capture, as Wireshark's default Time column. */
  time: number
  /** Absolute capture time, ISO 8601 with the file's precision. */
  timestamp: string
  source: string
  destination: string
  protocol: string
  length: number
  info: string
  malformed: boolean
  /** Custom columns asked for (packets.page `fields`): each field's values in the packet, joined with ", ". */
  fields?: Record<string, string>
}

export interface PacketDetail {
  row: PacketRow
  tree: FieldNode[]
  /** The frame's captured bytes. */
  bytes: Uint8Array
  warnings: string[]
}

export interface SessionInfo {
  id: number
  name: string
  createdAt: string
  updatedAt: string
  captureCount: number
  packetCount: number
  /** Imported from a bundle: kept as it was handed over (sessions.duplicate makes an editable copy). */
  readOnly: boolean
  /** The user's tags (sorted) and notes on the case. */
  tags: string[]
  notes: string
  /** When it went to the trash (it is purged SESSION_TRASH_DAYS later); null for a session not deleted. */
  deletedAt: string | null
}

/** What the app finds on start: the session to reopen after a crash, and what the store's check on open found. */
export interface SessionsStartup {
  /** The session open when the app last stopped without quitting (a crash, a kill); null after a clean exit. */
  reopen: SessionInfo | null
  crashed: boolean
  /** One sentence on a store that was damaged or written by a newer version: what was done and what the user can do. */
  storeNotice: string | null
}

export type CaptureStatus = 'loading' | 'capturing' | 'ready' | 'failed'

export interface CaptureInfo {
  id: number
  sessionId: number
  name: string
  format: string
  status: CaptureStatus
  packetCount: number
  /** Problem found while reading (damaged file), with how much was still read. */
  error: string | null
  createdAt: string
  /** A live capture's settings and counters, kept with it once it stopped. */
  live?: LiveCaptureInfo
}

/** Counters as libpcap reports them: received by the filter, dropped by the kernel and by the interface. */
export interface CaptureCounters {
  received: number
  kernelDropped: number
  interfaceDropped: number
}

export type CaptureBackend = 'helper' | 'tcpdump' | 'dumpcap'

export interface LiveCaptureInfo {
  iface: string
  filter: string
  backend: CaptureBackend | 'ssh'
  /** user@host of a remote capture. */
  host?: string
  startedAt: string
  /** The capturing side has the interface open (its stream began): what passes from now on is captured. */
  listening?: boolean
  /** The limits it was started with (capture.start's stopAfter), for a restart. */
  stopAfter?: { packets?: number; seconds?: number; megabytes?: number }
  /**
   * A ring buffer: `files` parts of `megabytes` each are kept, each a capture of the session; this is part `part`.
   * `continuedIn`: the part this one filled up into (the capture went on there).
   */
  ring?: { files: number; megabytes: number; part: number; continuedIn?: number }
  stoppedAt?: string
  /** The latest counters; null until the capturing side first reports them. */
  counters: CaptureCounters | null
  /** Why the capture stopped on its own: a limit reached, or an error in words. */
  ended?: string
  /**
   * A second DHCP server answered (another server identifier or source MAC for the same family): each server as
   * `identifier (MAC)`, first seen first; absent while only one answers.
   */
  servers?: { family: 4 | 6; servers: string[] }[]
}

/** An interface a capture can use, as the interface picker lists it. */
export interface CaptureInterfaceInfo {
  name: string
  description?: string
  addresses: string[]
  up: boolean
  /** libpcap's DLT name, e.g. EN10MB, LINUX_SLL2. */
  linkType?: string
  loopback: boolean
  /** The Kea lab's interface: sees every packet between the lab's server and client. */
  lab?: boolean
  /** This machine got an IPv4 address on it by DHCP (a lease is running): DHCP is on that link. */
  dhcp?: boolean
}

export interface CaptureBackendInfo {
  backend: CaptureBackend
  usable: boolean
  /** Why not, with the fix for this platform; null when usable. */
  problem: string | null
}

/** Where saved passwords and keys are kept, as the status bar and the connection forms say it. */
export interface SecretsState {
  /** keychain: the desktop app's OS keychain; memory: until the app quits; passphrase: the passphrase-protected file. */
  kind: 'keychain' | 'memory' | 'passphrase'
  /** The passphrase-protected file waits for its passphrase: its secrets cannot be used or changed until then. */
  locked: boolean
  /** Browser mode can keep secrets in a passphrase-protected file; the desktop app keeps them in the keychain. */
  passphraseOffered: boolean
  /** The shortest passphrase a new file takes. */
  minPassphraseLength: number
}

/** A host to capture on over SSH, as saved (its key or password stays in the engine). */
export interface RemoteHostInfo {
  id: string
  host: string
  port: number
  user: string
  auth: 'key' | 'password'
  /** The secret is in the OS keychain; false: only until the app quits. */
  remembered: boolean
}

export interface CaptureInterfaces {
  interfaces: CaptureInterfaceInfo[]
  backends: CaptureBackendInfo[]
  /** What a capture uses when none is chosen. */
  defaultBackend: CaptureBackend
  /** The default capture filter: DHCPv4 and DHCPv6, plain and VLAN-tagged. */
  defaultFilter: string
}

export interface PacketPage {
  captureId: number
  offset: number
  total: number
  rows: PacketRow[]
}

export interface LabStatus {
  up: boolean
  clientNamespace: string
  clientInterface: string
  serverNamespace: string
  serverInterface: string
  serverAddress: string
  serverAddress6: string
  relayAddress: string
  controlAgentUrl: string
  services: Record<string, { pid: number | null; running: boolean }>
  /** Why the lab is not (fully) up, when it is not. */
  problem: string | null
}

export interface AppInfo {
  name: string
  version: string
  mode: 'electron' | 'browser'
  dataDir: string
  platform: string
}

/** A packet of a test client run, sent or received; `frame` is its number in the run's capture. */
export interface ClientTimelineEntry {
  frame: number
  /** Since the run's first packet. */
  atMs: number
  direction: 'sent' | 'received'
  type: string
  xid: string
  source: string
  destination: string
  /** For an answer: since the latest request of its transaction sent before it. */
  latencyMs: number | null
  /** The relay agent's address, for a relayed message. */
  giaddr?: string
  /** The link address of a relayed DHCPv6 message. */
  linkAddress?: string
}

/** A DHCP server that answered a test client run: its first answer of each type. */
export interface ClientAnsweringServer {
  /** Its server identifier (option 54), else its IP source address. */
  server: string
  mac: string
  type: string
  address: string
  latencyMs: number
  /** A NAK's message (option 56), or a DHCPv6 status that is not Success. */
  message?: string
  /** A DHCPv6 server's DUID (its server id), in hex; `server` is then its address. */
  serverId?: string
}

/** A run of the built-in test client (client.run), kept with its session; its packets are the capture `captureId`. */
export interface ClientRunResult {
  captureId: number
  sessionId: number
  iface: string
  mode: 'probe' | 'dora' | 'renew' | 'rebind' | 'reboot' | 'inform' | 'release' | 'decline' | 'solicit' | 'sarr' | 'info'
  /** Absent on DHCPv4 runs kept before DHCPv6 came. */
  family?: 4 | 6
  mac: string
  /** A DHCPv6 run's DUID, in hex. */
  duid?: string
  startedAt: string
  /** dhclient's reason (BOUND, RENEW, REBIND, REBOOT, RELEASE, TIMEOUT, FAIL, BOUND6, RENEW6 …), NAK, OFFER or ADVERTISE6 (a probe), INFORM or DECLINE. */
  reason: string
  /** One sentence: what happened, and for a failure what to check. */
  message: string
  /** What dhclient hands its script (reason, new_ip_address, new_routers…). */
  variables: Record<string, string>
  timeline: ClientTimelineEntry[]
  servers: ClientAnsweringServer[]
  /** The lease taken was released at the end (false for a probe, a failure, or a lease kept). */
  released: boolean
  /** 'dhclient' for a run of the real dhclient (client.dhclient); absent for the built-in client's. */
  kind?: 'dhclient'
  /** What only a real dhclient run has. */
  dhclient?: ClientDhclientDetails
}

/** A real dhclient run: where it ran, every invocation of its script, and its own output. */
export interface ClientDhclientDetails {
  family: 4 | 6
  /** The interface dhclient ran on, and its network namespace in the lab (null: this machine's own). */
  iface: string
  namespace: string | null
  /** Every invocation of the script in order (PREINIT, BOUND, RELEASE…) with all its variables. */
  invocations: Record<string, string>[]
  stdout: string
  stderr: string
  exitCode: number | null
}

/** One variable of the built-in client beside real dhclient's (null: that client did not get it). */
export interface ClientVariableRow {
  name: string
  builtin: string | null
  dhclient: string | null
  /** per-run: differs as any two runs do (the lease's end, the interface, a second address); not a disagreement. */
  verdict: 'same' | 'differs' | 'per-run' | 'builtin-only' | 'dhclient-only'
}

/** client.compare: the built-in client and real dhclient, one after the other, for the same MAC and server. */
export interface ClientComparison {
  builtin: ClientRunResult
  dhclient: ClientRunResult
  rows: ClientVariableRow[]
  /** True when no variable both have differs (per-run values aside). */
  agree: boolean
  /** What is not compared, and why. */
  note: string
}

export interface JobProgress {
  jobId: string
  title: string
  done: number
  /** Null when the total is not known in advance. */
  total: number | null
  state: 'running' | 'finished' | 'failed'
  message?: string
}

/** The packets a display filter and a sort order select from a capture; rows are paged by position in it. */
export interface PacketView {
  viewId: number
  captureId: number
  filter: string
  /** Packets in the capture when the view was made, and how many of them the filter keeps. */
  total: number
  matched: number
  elapsedMs: number
  /** Set when the filter ran out of time (budgetMs) after testing the first `tested` packets: the view holds their matches. */
  cut?: { budgetMs: number; tested: number }
}

export interface FilterCheck {
  ok: boolean
  /** What is wrong, naming the token; absent when ok. */
  message?: string
  /** 0-based character position of the mistake and the length of the token at fault. */
  position?: number
  length?: number
}

export interface FilterField {
  name: string
  description: string
  /** What values it compares with: 'number', 'ipv4', 'ipv6', 'mac', 'string', 'bytes', 'bool', 'protocol'. */
  type: string
  /** Named values (message types …), for completion. */
  values?: string[]
}

/** What may be written at the cursor of a filter, as the engine's grammar sees it: the items replace text[from, to). */
export interface FilterCompletion {
  from: number
  to: number
  items: FilterCompletionItem[]
}

export interface FilterCompletionItem {
  label: string
  kind: 'field' | 'value' | 'operator' | 'keyword'
  /** What it is: a field's description, the number a named value stands for, what an operator does. */
  detail?: string
}

export interface TransactionStep {
  frame: number
  type: string
  /** Seconds since the first packet of the capture. */
  time: number
  /** For a reply: milliseconds since the request it answers (the last one, when the client retransmitted). */
  latencyMs: number | null
  /** For a reply: which server sent it. */
  server?: string
}

export type TransactionStatus = 'complete' | 'incomplete' | 'nak' | 'failed'

/** One DHCP exchange (DORA, SARR, renew, inform …) of one client, grouped by transaction id and client. */
export interface TransactionInfo {
  id: number
  family: 4 | 6
  kind: string
  /** Client MAC address (DHCPv4 chaddr) or DUID (DHCPv6). */
  client: string
  xid: string
  start: number
  durationMs: number
  status: TransactionStatus
  /** Why it is not complete: the missing reply, the NAK's message, the failure status. */
  problem?: string
  /** Expected messages that never appeared, e.g. ["OFFER"]. */
  missing: string[]
  /** Address the client got (ACK yiaddr, IA address), when it got one. */
  address?: string
  servers: string[]
  /** E.g. more than one server answered the same client. */
  warnings: string[]
  retransmissions: number
  steps: TransactionStep[]
}

export interface TransactionPage {
  captureId: number
  offset: number
  total: number
  rows: TransactionInfo[]
}

export interface LatencySummary {
  /** "DISCOVER→OFFER", "REQUEST→ACK", "SOLICIT→ADVERTISE", "REQUEST→REPLY" … */
  step: string
  count: number
  p50: number
  p90: number
  p99: number
  max: number
}

export interface CaptureStats {
  packets: number
  dhcp4Packets: number
  dhcp6Packets: number
  /** Packets per DHCPv4 message type in tshark's order (zeros included), then per DHCPv6 message type seen. */
  dhcp4Types: { type: string; packets: number }[]
  dhcp6Types: { type: string; packets: number }[]
  transactions: { total: number; complete: number; incomplete: number; nak: number; failed: number; multipleServers: number }
  /** Milliseconds. */
  latency: LatencySummary[]
  servers: { family: 4 | 6; server: string; replies: number; clients: number }[]
}

/** A file the user chose, as a front handed it to the engine: the renderer sees its name, never its path. */
export interface FileRef {
  fileId: string
  name: string
}

/** Null in its place: the user cancelled the save dialog. */
export interface SavedCapture {
  /** Where it was written, to tell the user. */
  path: string
  format: 'pcap' | 'pcapng'
  packets: number
}

/** How the app reaches Kea: a Control Agent (`service` picks the server), a server's own HTTP socket, a unix socket. */
export type KeaApiShape = 'control-agent' | 'http-server' | 'unix-socket'
export type KeaDaemon = 'ctrl-agent' | 'dhcp4' | 'dhcp6' | 'd2'

/** A saved Kea connection, as the UI sees it: its password and client key stay in the engine. */
export interface KeaProfileInfo {
  id: string
  name: string
  kind: 'http' | 'unix'
  /** http(s)://host:port/ for kind http; null for a unix socket. */
  url: string | null
  socketPath: string | null
  user: string | null
  /** The server a Control Agent forwards to when a command names none. */
  service: 'dhcp4' | 'dhcp6' | 'd2' | null
  hasPassword: boolean
  hasCa: boolean
  hasClientCert: boolean
  /** Its secrets (if any) are in the OS keychain; false: only until the app quits. */
  remembered: boolean
  /** The lab's ready-made connection: offered while the lab is up, not saved nor deletable. */
  lab: boolean
}

export interface KeaHookGap {
  hook: string
  /** The file to add to the server's hooks-libraries. */
  library: string
  /** What the app cannot do without it. */
  prevents: string
}

export interface KeaServiceReport {
  service: KeaDaemon
  state: 'up' | 'down' | 'absent'
  version: string | null
  commands: string[]
  missingHooks: KeaHookGap[]
  problem: string | null
}

/** "Test connection": what answered and what it offers, or what failed, in words. */
export interface KeaTestReport {
  ok: boolean
  shape: KeaApiShape | null
  /** One sentence: what was found (or what failed). */
  summary: string
  version: string | null
  services: KeaServiceReport[]
  /** Why it is not usable, with the fix; null when ok. */
  problem: string | null
  failure: KeaFailureKind | null
}

/** What kind of thing went wrong talking to Kea, for the UI to pick an icon or a next step. */
export type KeaFailureKind = 'refused' | 'dns' | 'unreachable' | 'timeout' | 'tls' | 'auth' | 'forbidden' | 'not-kea' | 'too-large' | 'socket' | 'setup'
  | 'service' | 'unconfirmed'

export interface KeaHaRelationship {
  mode: string | null
  localRole: string | null
  localState: string | null
  partnerName: string | null
  partnerRole: string | null
  partnerState: string | null
  /** Whether this server has heard from its partner. */
  inTouch: boolean | null
  communicationInterrupted: boolean | null
}

export interface KeaServiceStatus {
  service: KeaDaemon
  up: boolean
  problem: string | null
  pid: number | null
  uptimeSeconds: number | null
  /** Seconds since the configuration was last (re)loaded. */
  reloadSeconds: number | null
  version: string | null
  multiThreading: { enabled: boolean; threadPoolSize: number | null; packetQueueSize: number | null } | null
  /** The DHCP sockets' state as the server reports it (ready, retrying, failed), with errors. */
  sockets: { status: string; errors: string[] } | null
  /** Why the server does not answer clients now, when it says so (dhcp-disable, lost database). */
  dhcpDisabled: string | null
  ha: KeaHaRelationship[] | null
}

export interface KeaStatus {
  shape: KeaApiShape
  services: KeaServiceStatus[]
  checkedAt: string
}

/** A command's answer with what it means: the console's output. */
export interface KeaCommandAnswer {
  command: string
  service: 'dhcp4' | 'dhcp6' | 'd2' | null
  result: number
  /** The result code in words (0 success, 1 error, 2 unsupported, 3 empty, 4 conflict…). */
  meaning: string
  text: string | null
  arguments: unknown
  /** What to do about it: the hook to load, the server that is missing or down; null when nothing. */
  hint: string | null
}

export type KeaDhcpService = 'dhcp4' | 'dhcp6'

/** One review check's finding: what it concerns, the problem and the fix, in words. */
export interface KeaReviewFinding {
  /** The check that found it (its file under electron/engine/kea/review/). */
  rule: string
  severity: 'error' | 'warning' | 'info'
  /** What it concerns, as a person names it: `subnet 192.0.2.0/24 (id 1)`, `pool 192.0.2.100 - 192.0.2.199`, `loggers`. */
  subject: string
  /** Where in the configuration: `Dhcp4.subnet4[0].pools[1]`. */
  path: string
  problem: string
  fix: string
}

export interface KeaReview {
  service: KeaDhcpService
  findings: KeaReviewFinding[]
  checkedAt: string
}

/** `config-test` of a configuration the user edited: Kea's own answer, and the review of that configuration. */
export interface KeaConfigTest {
  service: KeaDhcpService
  /** Kea accepted it (result 0). */
  accepted: boolean
  result: number
  meaning: string
  text: string | null
  review: KeaReview
}

/** What applying an edited configuration would change: a unified diff against the running one, secrets hidden on both sides. */
export interface KeaConfigPreview {
  service: KeaDhcpService
  /** Empty when the edit changes nothing. */
  diff: string
  changed: boolean
  /** The secrets shown as ***** in the edit that keep their running value (JSON paths). */
  keptSecrets: string[]
}

export interface KeaConfigApplied {
  service: KeaDhcpService
  /** Kea took it (config-set result 0). */
  applied: boolean
  set: KeaCommandAnswer
  /** config-write's answer, when asked for and the set succeeded. */
  written: KeaCommandAnswer | null
  keptSecrets: string[]
}

/** A console command kept in a session: what was sent (secrets as *****) and what came back. */
export interface KeaConsoleRecord {
  id: number
  profileId: string
  service: 'dhcp4' | 'dhcp6' | 'd2' | null
  command: string
  arguments: Record<string, unknown> | null
  at: string
  /** Kea's answer, its arguments with secrets hidden; null when none came (`error` says why). */
  answer: KeaCommandAnswer | null
  /** The answer's arguments were past the bound kept: `answer.arguments` is then the start of their JSON text. */
  truncated: boolean
  error: string | null
}

export type KeaPoolLevel = 'ok' | 'warn' | 'critical'

/** Utilization thresholds in percent. */
export interface KeaThresholds {
  warn: number
  critical: number
}

/** How soon a pool fills at the recent trend (least squares over the samples). */
export type KeaProjection =
  | { state: 'filling'; secondsToFull: number; fullAt: string; text: string }
  | { state: 'full' | 'not-filling' | 'unknown'; text: string }

export interface KeaUsageSample {
  at: string
  assigned: number
  total: number
}

/** Addresses (v4, v6 NA) or prefixes (v6 PD) of a subnet or of one of its pools. */
export interface KeaUsage {
  kind: 'address' | 'na' | 'pd'
  total: number
  assigned: number
  declined: number | null
  reclaimed: number | null
  /** assigned / total in percent; null when the subnet has none to give. */
  utilization: number | null
}

export interface KeaPoolUsage extends KeaUsage {
  /** Kea's pool index in the subnet, as its statistics name it (pool[0], pd-pool[0]). */
  index: number
  /** The range or prefix from the configuration, when it was read. */
  pool: string | null
}

export interface KeaSubnetUsage extends KeaUsage {
  service: KeaDhcpService
  subnetId: number
  /** The prefix from the configuration, when it was read. */
  subnet: string | null
  level: KeaPoolLevel
  thresholds: KeaThresholds
  pools: KeaPoolUsage[]
  projection: KeaProjection
  samples: KeaUsageSample[]
  /** Beside a subnet at warn or critical: the usual causes, checked against its leases. */
  diagnosis?: KeaPoolDiagnosis
}

/** A client holding leases in a subnet: its MAC address (a DHCPv6 lease without one: its DUID). */
export interface KeaLeaseHolder {
  client: string
  kind: 'mac' | 'duid'
  leases: number
  /** Its first few addresses or prefixes. */
  addresses: string[]
}

/** A usual cause of a full pool: what was found, whether it is likely here, and the countermeasure. */
export interface KeaPoolCause {
  cause: 'lease-time' | 'not-releasing' | 'many-leases' | 'declined'
  likely: boolean
  found: string
  fix: string
}

export interface KeaPoolDiagnosis {
  /** valid-lifetime in seconds as the subnet gets it; null when the configuration was not read. */
  leaseTime: number | null
  /** Releases the server received since it started (all subnets). */
  releasesReceived: number | null
  /** Leases in the declined state among those read. */
  declinedLeases: number
  /** The clients holding the most leases, most first (at most 10). */
  topHolders: KeaLeaseHolder[]
  leasesRead: number
  /** Not every lease of the subnet was read (a large subnet is read a page at a time, up to a bound). */
  partial: boolean
  causes: KeaPoolCause[]
  /** Why the leases could not be read (lease_cmds not loaded); null when they were. */
  problem: string | null
}

/** One status reading of a service, kept in the session. */
export interface KeaStatusSample {
  at: string
  status: KeaServiceStatus
}

/** What the session keeps of a connection's readings, oldest first; older samples thinned to a bound. */
export interface KeaHistory {
  sessionId: number
  profileId: string
  status: { service: KeaDaemon; samples: KeaStatusSample[] }[]
  usage: { service: KeaDhcpService; subnetId: number; kind: KeaUsage['kind']; subnet: string | null; samples: KeaUsageSample[] }[]
}

/** One Kea service as keactrl status tells it. */
export interface KeaKeactrlServer {
  name: string
  active: boolean
}

/** One systemd unit of Kea as systemctl status tells it. */
export interface KeaSystemdUnit {
  unit: string
  description: string | null
  /** loaded, not-found, masked… */
  loaded: string | null
  /** enabled, disabled… (starts at boot or not) */
  enabled: string | null
  /** active, inactive, failed, activating… */
  active: string
  /** running, dead, exited… */
  sub: string | null
  /** When it entered that state, as systemctl prints it, and how long ago. */
  since: string | null
  ago: string | null
  pid: number | null
}

/** Kea's services on the machine the app runs on, from keactrl and systemctl; each part says why it is missing. */
export interface KeaLocalServices {
  keactrl: { servers: KeaKeactrlServer[]; configFiles: { name: string; path: string }[]; notes: string[]; problem: string | null }
  systemd: { units: KeaSystemdUnit[]; problem: string | null }
  checkedAt: string
}

/** A server's own counters: packets per message type, drops, allocation failures. */
export interface KeaServerCounters {
  service: KeaDhcpService
  received: Record<string, number>
  sent: Record<string, number>
  /** pkt4-receive-drop, pkt4-parse-failed and the like. */
  dropped: Record<string, number>
  /** v4-allocation-fail, v4-allocation-fail-subnet… */
  allocationFailures: Record<string, number>
}

export interface KeaPools {
  subnets: KeaSubnetUsage[]
  servers: KeaServerCounters[]
  /** Per service, why its numbers are missing or partial (stat_cmds not loaded, server down); empty when none. */
  problems: string[]
  sampledAt: string
}

/** One lease as every source gives it (see electron/engine/leases/lease.ts). */
export type Lease = EngineLease

/** What the Leases view may open: saved Kea connections, memfiles found on this machine, remote hosts to read one from. */
export interface LeaseSourceChoices {
  profiles: { profileId: string; name: string }[]
  /** Memfiles the engine found (Kea's folders, the lab's, and the lease-database "name" of a connected Kea). */
  memfiles: { memfileId: string; path: string; family: 4 | 6 }[]
  /** Lease databases the user saved (leases.saveDatabase). */
  databases: LeaseDatabaseInfo[]
}

/** A saved MySQL/MariaDB or PostgreSQL lease database; its password is in the SecretStore, never here. */
export interface LeaseDatabaseInfo {
  id: string
  name: string
  /** mysql://USER@HOST:PORT/DB or postgresql://…, without a password. */
  url: string
  tls: boolean
  hasCa: boolean
  hasPassword: boolean
  /** False when the password is forgotten when the app quits. */
  remembered: boolean
}

export interface LeaseTableInfo {
  tableId: number
  name: string
  kind: 'api' | 'memfile' | 'mysql' | 'postgresql'
  family: 4 | 6
  total: number
  loading: boolean
  /** Whether changes appear as they happen (a local memfile is followed); why not, when not. */
  following: boolean
  followNote: string | null
  /** Lines or records that could not be read, each naming where and why (at most 1000). */
  problems: string[]
  /** Why the source could not be read at all; null when it was. */
  error: string | null
  /** The Kea connection it reads through (API tables): deleting and reclaiming need one. */
  profileId: string | null
}

export interface LeaseViewInfo {
  tableId: number
  viewId: number
  total: number
  counts: { states: Record<string, number>; subnets: Record<string, number> }
}

export interface LeaseRow extends Lease {
  /** How it differs from the compared source's lease at its address; null when they agree or none is compared. */
  difference: string | null
}

export interface LeasePage {
  tableId: number
  viewId: number
  offset: number
  total: number
  rows: LeaseRow[]
}

/** One line a memfile holds for an address, oldest first: the lease it wrote, or null where it deleted it. */
export interface LeaseHistoryEntry {
  file: string
  lease: Lease | null
}

export interface SavedLeases {
  path: string
  leases: number
}

// Kea logs (electron/engine/logs).

/** What a Logs view may open: log files found on this machine, journald's Kea units, saved SSH hosts' Kea logs. */
export interface LogSources {
  files: LogFileChoice[]
  /** journald on this machine: its Kea units, or why it cannot be read. */
  journal: { available: boolean; reason: string | null; units: string[] }
  /** Remote hosts (saved SSH connections) and the Kea logs the app knows how to follow there. */
  remote: { hosts: { hostId: string; label: string }[]; logs: string[] }
}

export interface LogFileChoice {
  /** Opaque: logs.open takes it back, never a path. */
  id: string
  path: string
  /** Where it was found: the lab, a Kea connection's `loggers`, /var/log/kea, syslog. */
  origin: string
  bytes: number
  /** Rotated copies beside it (.1 … maxver). */
  rotated: number
  /** The logger's pattern when a configuration names one. */
  pattern: string | null
}

export interface LogInfo {
  logId: number
  name: string
  kind: 'file' | 'text' | 'journal' | 'remote'
  format: 'kea' | 'syslog' | 'journal'
  pattern: string
  /** How its times are to be read: UTC, the writer's local time, or an offset written in each line. */
  timeZone: 'utc' | 'local' | 'written' | 'none'
  status: 'reading' | 'following' | 'done' | 'failed' | 'stopped'
  entries: number
  linesRead: number
  unparsed: number
  /** Lines of other programs in a syslog file or the journal, left out. */
  otherPrograms: number
  /** Rotations and truncations seen while following, in words. */
  notes: string[]
  error: string | null
  /** journald's last cursor: a follow of the same unit resumes after it. */
  cursor: string | null
}

export interface LogQuery {
  severities?: ('DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'none')[]
  /** A logger and its children: kea-dhcp4.packets, or kea-dhcp4 for all of them. */
  logger?: string
  /** A message id; its other names in other Kea releases match too. */
  messageId?: string
  mac?: string
  clientId?: string
  address?: string
  xid?: number
  /** Milliseconds since the epoch. */
  from?: number
  to?: number
  text?: string
}

export interface LogTimeline {
  /** Seconds since the epoch of the first bucket. */
  start: number
  bucketSeconds: number
  none: number[]
  DEBUG: number[]
  INFO: number[]
  WARN: number[]
  ERROR: number[]
  FATAL: number[]
}

export interface LogView {
  logId: number
  viewId: number
  total: number
  severities: Record<'none' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL', number>
  /** The most frequent message ids, most first. */
  messages: { messageId: string; count: number }[]
  distinctMessages: number
  timeline: LogTimeline | null
}

export interface LogRow {
  /** Position in the log (0-based): logs.line takes it. */
  index: number
  lineNumber: number
  /** ISO 8601 with its offset, or '' when the line has none. */
  time: string
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | null
  logger: string
  pid: number
  thread: string
  messageId: string | null
  message: string
  mac: string | null
  clientId: string | null
  xid: string | null
  addresses: string[]
  subnetId: number | null
  lifetime: number | null
  /** Lines that followed it (a multi-line message). */
  continuation: string[]
  unparsed: boolean
  /** Field Kit's one line on its message id, null for ids it does not explain. */
  meaning: string | null
}

export interface LogPage {
  logId: number
  viewId: number
  offset: number
  total: number
  rows: LogRow[]
}

/** What Field Kit knows of a Kea message id: facts from Kea's releases, and our explanation for the ids we cover. */
export interface LogMessageInfo {
  id: string
  severity: string
  /** What the line tells a technician; absent for ids Field Kit does not explain yet. */
  meaning?: string
  /** What to check or do next; present with meaning. */
  action?: string
  debugLevel?: number
  since: string
  renamedTo?: string
  renamedIn?: string
  formerly?: string
  removedAfter?: string
}

/** One line with what the catalogue says of it and the captured packets it links to. */
export interface LogLineDetail {
  row: LogRow
  message: LogMessageInfo | null
  packets: LinkedPacket[]
  skew: ClockSkew | null
}

export interface LinkedPacket {
  captureId: number
  frame: number
  type: string
  /** ISO 8601 of the packet. */
  time: string
  /** Log time minus packet time, milliseconds. */
  offsetMs: number
  transactionId: number
}

/** Server clock minus capture clock, from the lines and packets matched by xid. */
export interface ClockSkew {
  medianMs: number
  pairs: number
  spreadMs: number
}

/** The log lines of one transaction of a capture, in every open log. */
export interface TransactionLogLines {
  /** Each line with the log it is in and the transaction's frames it links to. */
  lines: (LogRow & { logId: number; logName: string; frames: number[] })[]
  skew: ClockSkew | null
}

/** One logger of Kea's `loggers` section, as the configuration builder edits it. */
export interface LoggerDraft {
  name: string
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'NONE'
  /** 0–99; used with DEBUG. */
  debuglevel: number
  outputs: { output: string; flush?: boolean; maxsize?: number; maxver?: number; pattern?: string }[]
}

export interface LoggerAdvice {
  level: 'error' | 'warning' | 'info'
  logger: string
  text: string
}

export interface LoggerRecipe {
  id: string
  title: string
  why: string
  loggers: LoggerDraft[]
}

/** A server's loggers as running, or as built: the section's JSON with the key its version reads, and advice. */
export interface LoggersConfig {
  service: 'dhcp4' | 'dhcp6'
  /** The server's version (version-get), when known. */
  version: string | null
  key: 'output_options' | 'output-options'
  drafts: LoggerDraft[]
  /** The `loggers` section as it would go into the configuration. */
  loggers: Record<string, unknown>[]
  advice: LoggerAdvice[]
  recipes: LoggerRecipe[]
  /** After applying: what config-set and config-write answered. */
  applied?: { configSet: string; configWrite: string }
}

// Session bundles (electron/engine/bundle): one zip to hand a case over, and its import.

/** What a bundle may hold: the captures (pcapng), report.html, the data as JSON and CSV, the Kea configuration (redacted). */
export type BundlePart = 'captures' | 'report' | 'data' | 'keaConfig'

export interface BundleFileEstimate {
  /** Its path inside the zip. */
  path: string
  bytes: number
}

/** How large the bundle will be before it is written (captures by their size on disk; deflate makes the zip smaller). */
export interface BundleEstimate {
  sessionId: number
  files: BundleFileEstimate[]
  bytes: number
}

/** Null in its place: the user cancelled the save dialog. */
export interface SavedBundle {
  /** Where it was written, to tell the user. */
  path: string
  bytes: number
  files: number
  anonymized: boolean
}

/** One file of a bundle as its manifest and its zip say: ok, changed since the manifest was written, missing, or not listed. */
export interface BundleFileCheck {
  path: string
  bytes: number
  status: 'ok' | 'differs' | 'missing' | 'unlisted'
}

export interface BundleVerification {
  /** The bundle's file name. */
  name: string
  ok: boolean
  /** One sentence: what was found, naming the files at fault. */
  message: string
  files: BundleFileCheck[]
  /** What the manifest says of the case, when it could be read. */
  session: { name: string; createdAt: string } | null
  appVersion: string | null
  createdAt: string | null
  anonymized: boolean
}

export interface ImportedBundle {
  session: SessionInfo
  verification: BundleVerification
}

/** A session's report.html alone (as its bundle has it): problems first, no scripts, nothing loaded from anywhere. */
export interface SessionReport {
  sessionId: number
  /** A file name for it (the session's). */
  name: string
  html: string
  anonymized: boolean
}

/** The report saved as a PDF; null in its place: the user cancelled the save dialog. */
export interface SavedReport {
  path: string
  bytes: number
  anonymized: boolean
}

// One client's history (electron/engine/clients): everything the session and the open logs and lease tables hold.

/** One thing known about a client, with what opens it: a log line, a transaction, a lease or a test-client run. */
export type ClientTimelineItem =
  | {
    kind: 'log'; time: string; logId: number; logName: string
    /** Its position in the log (logs.line takes it), and the line number where it starts in the file. */
    index: number; line: number
    severity: LogRow['severity']; messageId: string | null; text: string
    /** The client as the line names it: the Logs view's filter that shows the line among the client's others. */
    mac: string | null; clientId: string | null
  }
  | {
    kind: 'transaction'; time: string; captureId: number; captureName: string; transactionId: number
    /** The frame of its first packet; `steps` has each packet's. */
    frame: number; exchange: string; status: TransactionStatus; xid: string; address: string | null; problem: string | null
    steps: { frame: number; type: string }[]
  }
  | {
    kind: 'lease'; time: string; tableId: number; tableName: string; family: 4 | 6; address: string; state: string
    /** ISO 8601: when the lease ends. `time` is when the server last wrote it (its cltt). */
    expire: string
  }
  | { kind: 'run'; time: string; runId: number; mode: string; reason: string; message: string }

export interface ClientTimeline {
  /** The client as understood: its MAC and the identifier given (colon-separated hex), either may be null. */
  client: { mac: string | null; id: string | null }
  /** Oldest first. */
  items: ClientTimelineItem[]
  /** Items found in all; the oldest beyond the limit are left out. */
  total: number
  omitted: number
  /** What was looked through: open logs, the session's captures, open lease tables, the session's runs. */
  searched: { logs: number; captures: number; leaseTables: number; runs: number }
}

// The timeline of a whole case (sessions.timeline, electron/engine/session/case-timeline.ts): what the session holds,
// in time order, each item linked to the related items the UI can open.

/** What an item of the case links to, for the UI to open: a packet, a transaction, a test-client run, a Kea view, a client. */
export type CaseLink =
  | { kind: 'packet'; label: string; captureId: number; frame: number }
  | { kind: 'transaction'; label: string; captureId: number; transactionId: number; frame: number }
  | { kind: 'run'; label: string; runId: number }
  | { kind: 'kea'; label: string; profileId: string; service: KeaDaemon | null; subnetId: number | null; tab: 'status' | 'pools' | 'console' }
  | { kind: 'client'; label: string; client: string }
  | { kind: 'snapshot'; label: string; snapshotId: number }

export type CaseItemKind = 'session' | 'notes' | 'capture-start' | 'capture-end' | 'transaction' | 'run' | 'kea-status' | 'pool-level' | 'kea-command' | 'snapshot'

export interface CaseTimelineItem {
  /** ISO 8601. */
  time: string
  kind: CaseItemKind
  severity: 'info' | 'warning' | 'problem'
  /** One line: what happened. */
  text: string
  links: CaseLink[]
}

export interface CaseTimeline {
  sessionId: number
  /** Oldest first. */
  items: CaseTimelineItem[]
  /** Items found in all; the oldest beyond the limit are left out. */
  total: number
  omitted: number
  /** Notes on what could not be looked through (a capture too large to scan for declines). */
  notes: string[]
}

// What a session keeps of a Kea server's configuration, of a lease table and of a log when the user adds it
// (electron/engine/store/session-snapshots.ts): the case keeps them after a restart or with the server down.

export type SnapshotKind = 'kea-config' | 'leases' | 'log-lines'

export interface SnapshotInfo {
  id: number
  sessionId: number
  kind: SnapshotKind
  /** ISO 8601: when it was taken. */
  at: string
  /** What it was taken from: a Kea connection's server (lab dhcp4), a lease table's name, a log's name. */
  source: string
  /** The view's filter in words, as the user had set it; '' for all of it. */
  filter: string
  /** Items kept (leases, lines; 1 for a configuration), and how many the view had: past the bound, its first are kept. */
  count: number
  total: number
  /** A configuration's Kea connection and server; null for the other kinds. */
  profileId: string | null
  service: KeaDhcpService | null
}

export interface SnapshotLease extends Lease {
  /** The lease table it was read in. */
  table: string
}

export interface SnapshotLogLine extends LogRow {
  /** The log it was read in. */
  log: string
}

export type SessionSnapshot =
  | (SnapshotInfo & { kind: 'kea-config'; config: Record<string, unknown> })
  | (SnapshotInfo & { kind: 'leases'; leases: SnapshotLease[] })
  | (SnapshotInfo & { kind: 'log-lines'; lines: SnapshotLogLine[] })
