// Opens a bundle as a read-only session: verified first, its captures extracted into the data folder and loaded,
// the test client's runs, the Kea readings and the snapshots put back. Whole or not at all: any failure removes the session and
// every file extracted, so no half-made session is ever left.
import type { ClientRunResult, ImportedBundle, KeaHistory, SessionInfo, SessionSnapshot } from '../../contract/types'
import type { OpenedCapture } from '../session/capture-import'
import type { SessionStore } from '../store/sessions'
import { MANIFEST, RESTORED_DATA, type Manifest } from './manifest'
import { parseSnapshotFile, SNAPSHOT_FILES } from './snapshot-files'
import { verifyBundle } from './verify'
import { BundleError, BundleZip, type ZipLimits } from './zip-reader'

/** The data files put back are small (runs and readings, thinned); far beyond any real one. */
const MAX_RESTORED_BYTES = 64 * 1024 ** 2
/** A bundle's notes and tags are bounded as the app's own are (sessions.setNotes, sessions.setTags). */
const MAX_NOTES = 100_000
const MAX_TAGS = 50
const MAX_TAG = 50

export interface ImportDeps {
  sessions: SessionStore
  /** A fresh path in the data folder for a capture's file. */
  newCapturePath(name: string): string
  removeFile(path: string): void
  /** Loads a capture file (already in the data folder) into the session `sessionFor` gives. */
  openCapture(path: string, name: string, sessionFor: () => number): OpenedCapture
  saveRun(run: ClientRunResult): void
  restoreKeaHistory(sessionId: number, history: KeaHistory): void
  restoreSnapshot(sessionId: number, snapshot: SessionSnapshot): void
  /** Removes a session made by a failed import, with everything the engine keeps for it. */
  removeSession(sessionId: number): void
  limits?: ZipLimits
}

export async function importBundle(path: string, name: string, deps: ImportDeps): Promise<ImportedBundle> {
  const zip = await BundleZip.open(path, name, deps.limits)
  const extracted: string[] = []
  let session: SessionInfo | null = null
  try {
    const { verification, manifest } = await verifyBundle(zip, name)
    if (!verification.ok) throw new BundleError(`${verification.message} Nothing was imported.`)
    const runs = await restored<ClientRunResult[]>(zip, RESTORED_DATA.clientRuns, name)
    const history = await restored<KeaHistory[]>(zip, RESTORED_DATA.keaHistory, name)
    const files = await extractCaptures(zip, manifest, name, deps, extracted)
    const created = deps.sessions.create(sessionName(manifest), true)
    session = created
    const captureIds = new Map<number, number>()
    const loads: OpenedCapture[] = []
    for (const file of files) {
      const load = deps.openCapture(file.path, file.name, () => created.id)
      captureIds.set(file.id, load.capture.id)
      loads.push(load)
    }
    await Promise.all(loads.map((load) => load.done))
    for (const load of loads) {
      const capture = deps.sessions.capture(load.capture.id)
      if (capture?.status === 'failed') throw new BundleError(`${capture.name} in ${name} cannot be read: ${capture.error ?? 'it is damaged'}. Nothing was imported.`)
    }
    for (const run of runs ?? []) {
      const captureId = captureIds.get(run.captureId)
      // A run is kept with its packets: without them (the bundle left the captures out) it is in the report only.
      if (captureId !== undefined) deps.saveRun({ ...run, captureId, sessionId: created.id })
    }
    for (const h of history ?? []) deps.restoreKeaHistory(created.id, { ...h, sessionId: created.id })
    for (const file of manifest.files) if (file.path.startsWith(SNAPSHOT_FILES)) deps.restoreSnapshot(created.id, await restoredSnapshot(zip, file.path, name))
    const { notes, tags } = manifest.session
    if (typeof notes === 'string' && notes) deps.sessions.setNotes(created.id, notes.slice(0, MAX_NOTES))
    if (Array.isArray(tags)) deps.sessions.setTags(created.id, tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '').slice(0, MAX_TAGS).map((t) => t.trim().slice(0, MAX_TAG)))
    return { session: deps.sessions.get(created.id)!, verification }
  } catch (error) {
    if (session) deps.removeSession(session.id)
    for (const file of extracted) deps.removeFile(file)
    throw error
  } finally {
    zip.close()
  }
}

function sessionName(manifest: Manifest): string {
  const name = String(manifest.session?.name ?? 'Bundle').slice(0, 180)
  return `${name} (imported)`
}

async function restored<T>(zip: BundleZip, path: string, name: string): Promise<T | null> {
  if (!zip.members.has(path)) return null
  try {
    const value = JSON.parse(await zip.text(path, MAX_RESTORED_BYTES)) as unknown
    if (!Array.isArray(value)) throw new Error('it is not a list')
    return value as T
  } catch (error) {
    throw new BundleError(`${path} in ${name} cannot be read (${(error as Error).message}); nothing was imported.`)
  }
}

async function restoredSnapshot(zip: BundleZip, path: string, name: string): Promise<SessionSnapshot> {
  try {
    return parseSnapshotFile(await zip.text(path, MAX_RESTORED_BYTES))
  } catch (error) {
    throw new BundleError(`${path} in ${name} cannot be read (${(error as Error).message}); nothing was imported.`)
  }
}

/** Each capture of the manifest into a new file of the data folder; `extracted` lists them for the cleanup. */
async function extractCaptures(zip: BundleZip, manifest: Manifest, name: string, deps: ImportDeps, extracted: string[]) {
  const listed = new Set(manifest.files.map((f) => f.path))
  const files: { id: number; name: string; path: string }[] = []
  for (const capture of manifest.captures) {
    if (!listed.has(capture.path) || !zip.members.has(capture.path)) throw new BundleError(`${MANIFEST} in ${name} names the capture ${capture.path}, which the bundle does not hold.`)
    const to = deps.newCapturePath(capture.name)
    extracted.push(to)
    await zip.extract(capture.path, to)
    files.push({ id: capture.id, name: capture.name, path: to })
  }
  return files
}
