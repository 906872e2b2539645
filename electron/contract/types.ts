// Data shapes that cross the contract. Plain JSON only: they travel over Electron IPC and WebSocket alike.

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
}

export interface PacketDetail {
  row: PacketRow
  tree: FieldNode[]
  /** The frame's captured bytes, hex-encoded. */
  bytesHex: string
  warnings: string[]
}

export interface SessionInfo {
  id: number
  name: string
  createdAt: string
  updatedAt: string
  captureCount: number
  packetCount: number
}

export type CaptureStatus = 'loading' | 'ready' | 'failed'

export interface CaptureInfo {
  id: number
  sessionId: number
  name: string
  path: string
  format: string
  status: CaptureStatus
  packetCount: number
  /** Problem found while reading (damaged file), with how much was still read. */
  error: string | null
  createdAt: string
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

export interface JobProgress {
  jobId: string
  title: string
  done: number
  /** Null when the total is not known in advance. */
  total: number | null
  state: 'running' | 'finished' | 'failed'
  message?: string
}
