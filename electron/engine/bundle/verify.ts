// Checks a bundle against its manifest: every file listed is there with the SHA-256 and size the manifest gives,
// and nothing else is. A bundle changed or damaged on its way says which files differ, are missing or were added.
import type { BundleFileCheck, BundleVerification } from '../../contract/types'
import { BundleError, type BundleZip } from './zip-reader'
import { BUNDLE_FORMAT_VERSION, MANIFEST, readManifest, type Manifest } from './manifest'

/** A manifest is a few kilobytes per capture: this is far beyond any real one. */
const MAX_MANIFEST_BYTES = 16 * 1024 ** 2
/** Files named in a message; the rest are counted. */
const NAMED = 5

export interface VerifiedBundle {
  verification: BundleVerification
  manifest: Manifest
}

export async function verifyBundle(zip: BundleZip, name: string, paced: () => Promise<void> = async () => undefined): Promise<VerifiedBundle> {
  if (!zip.members.has(MANIFEST)) throw new BundleError(`${name} has no ${MANIFEST}: it is not a bundle DHCP Field Kit exported (or the manifest was removed).`)
  let parsed: unknown
  try {
    parsed = JSON.parse(await zip.text(MANIFEST, MAX_MANIFEST_BYTES))
  } catch (error) {
    throw new BundleError(`${MANIFEST} in ${name} cannot be read (${(error as Error).message}); the bundle is damaged.`)
  }
  const manifest = readManifest(parsed)
  if (!manifest) throw new BundleError(`${MANIFEST} in ${name} is not a DHCP Field Kit bundle manifest.`)
  if (manifest.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new BundleError(`${name} was exported by a newer DHCP Field Kit (bundle format ${manifest.formatVersion}, this one reads ${BUNDLE_FORMAT_VERSION}); update the app to open it.`)
  }
  const files: BundleFileCheck[] = []
  const listed = new Set<string>()
  for (const file of manifest.files) {
    listed.add(file.path)
    if (!zip.members.has(file.path)) {
      files.push({ path: file.path, bytes: file.bytes, status: 'missing' })
      continue
    }
    const read = await zip.hash(file.path)
    files.push({ path: file.path, bytes: read.bytes, status: read.sha256 === file.sha256 && read.bytes === file.bytes ? 'ok' : 'differs' })
    await paced()
  }
  for (const member of zip.members.values()) {
    if (member.path !== MANIFEST && !listed.has(member.path)) files.push({ path: member.path, bytes: member.bytes, status: 'unlisted' })
  }
  const ok = files.every((f) => f.status === 'ok')
  const verification: BundleVerification = {
    name, ok, message: ok ? `All ${files.length} files of ${name} match the SHA-256 sums in its manifest.` : faults(name, files), files,
    session: manifest.session ? { name: String(manifest.session.name), createdAt: String(manifest.session.createdAt) } : null,
    appVersion: manifest.app?.version ?? null, createdAt: manifest.createdAt ?? null, anonymized: manifest.anonymized === true,
  }
  return { verification, manifest }
}

function faults(name: string, files: BundleFileCheck[]): string {
  const say = (status: BundleFileCheck['status'], what: string) => {
    const at = files.filter((f) => f.status === status).map((f) => f.path)
    if (!at.length) return []
    const named = at.slice(0, NAMED).join(', ')
    return [`${named}${at.length > NAMED ? ` and ${at.length - NAMED} more` : ''} ${at.length === 1 ? 'is' : 'are'} ${what}`]
  }
  const parts = [...say('differs', 'not what was exported (SHA-256 or size differs from the manifest)'), ...say('missing', 'missing'), ...say('unlisted', 'not in the manifest')]
  return `${name} was changed or damaged since it was exported: ${parts.join('; ')}. Ask for the bundle again.`
}
