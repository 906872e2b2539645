// manifest.json: what a bundle holds and how to check it. Written last, it names every other file of the zip
// with its size and SHA-256, so an import can tell a file changed or lost in transit from the one exported.
import type { CaptureInfo, ClientRunResult, KeaHistory } from '../../contract/types'

export const MANIFEST = 'manifest.json'
export const BUNDLE_FORMAT = 'dhcp-field-kit-bundle'
export const BUNDLE_FORMAT_VERSION = 1

/** Where each kind of file goes inside the zip. */
export const BUNDLE_PATHS = {
  report: 'report.html',
  captures: 'captures/',
  data: 'data/',
  keaConfig: 'kea/',
} as const

/** Data an import puts back into the session, beside the captures. */
export const RESTORED_DATA = {
  clientRuns: 'data/client-runs.json',
  keaHistory: 'data/kea-history.json',
} as const

export interface ManifestFile {
  path: string
  bytes: number
  sha256: string
}

export interface ManifestCapture {
  /** Its pcapng's path in the zip. */
  path: string
  /** The capture's id in the exporting session: client runs name their packets by it. */
  id: number
  name: string
  packets: number
  createdAt: string
  live?: CaptureInfo['live']
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT
  formatVersion: number
  app: { name: string; version: string }
  host: { os: string; release: string; arch: string }
  timeZone: string
  createdAt: string
  session: { name: string; createdAt: string; notes?: string; tags?: string[] }
  anonymized: boolean
  captures: ManifestCapture[]
  files: ManifestFile[]
}

/** What data/client-runs.json and data/kea-history.json hold. */
export type RestoredClientRuns = ClientRunResult[]
export type RestoredKeaHistory = KeaHistory[]

/** The manifest's shape checked before anything in it is trusted; null when it is not one. */
export function readManifest(value: unknown): Manifest | null {
  if (typeof value !== 'object' || value === null) return null
  const m = value as Partial<Manifest>
  if (m.format !== BUNDLE_FORMAT || typeof m.formatVersion !== 'number' || !Array.isArray(m.files) || !Array.isArray(m.captures)) return null
  const fileOk = (f: ManifestFile) => typeof f?.path === 'string' && Number.isSafeInteger(f.bytes) && f.bytes >= 0 && /^[\da-f]{64}$/.test(f.sha256)
  const captureOk = (c: ManifestCapture) => typeof c?.path === 'string' && Number.isSafeInteger(c.id) && typeof c.name === 'string' && Number.isSafeInteger(c.packets)
  if (!m.files.every(fileOk) || !m.captures.every(captureOk)) return null
  return m as Manifest
}
