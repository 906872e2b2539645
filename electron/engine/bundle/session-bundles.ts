// The engine's bundles: the size estimate, the export as a stoppable job, the verification and the import of a
// bundle the user chose. Errors leave as ContractErrors with the sentence for the user.
import type { BundleEstimate, BundlePart, BundleVerification, ImportedBundle, SavedBundle } from '../../contract/types'
import { ContractError } from '../errors'
import type { AtomicTarget } from '../files/atomic-write'
import { safeFileName } from '../files/safe-name'
import { asJob, type Jobs } from '../jobs'
import { gatherContents, type BundleSources } from './contents'
import { estimateBundle, exportBundle } from './export'
import { importBundle, type ImportDeps } from './import'
import { verifyBundle } from './verify'
import { BundleError, BundleZip, type ZipLimits } from './zip-reader'

export interface SessionBundlesDeps {
  sources: BundleSources
  jobs: Jobs
  appVersion: string
  /** Where to write a bundle named `fileName`: the save dialog's choice (replace: true), or the exports folder; null: cancelled. */
  target(fileName: string): Promise<AtomicTarget | null>
  importing: Omit<ImportDeps, 'limits'>
  limits?: ZipLimits
}

export class SessionBundles {
  constructor(private readonly deps: SessionBundlesDeps) {}

  async estimate(sessionId: number, parts: ReadonlySet<BundlePart>): Promise<BundleEstimate> {
    // Counts only: no statistics are computed and no server is asked for its configuration.
    const contents = await gatherContents(this.deps.sources, sessionId, parts, true)
    const estimate = estimateBundle(contents, parts)
    return parts.has('keaConfig') ? { ...estimate, files: [...estimate.files, { path: 'kea/', bytes: KEA_CONFIG_GUESS }], bytes: estimate.bytes + KEA_CONFIG_GUESS } : estimate
  }

  async export(sessionId: number, parts: ReadonlySet<BundlePart>, anonymize: boolean, name?: string): Promise<SavedBundle | null> {
    const { sources, jobs } = this.deps
    const session = sources.session(sessionId)
    const fileName = `${safeFileName(name ?? session.name, 'session').replace(/\.zip$/i, '')}.zip`
    const target = await this.deps.target(fileName)
    if (target === null) return null
    const contents = await gatherContents(sources, sessionId, parts)
    // Progress counts the bytes going into the zip, before deflate: the estimate's unit.
    return asJob(jobs, `Exporting ${fileName}`, estimateBundle(contents, parts).bytes,
      (job) => exportBundle(contents, { parts, anonymize, appVersion: this.deps.appVersion }, target, job), (saved) => saved.bytes)
  }

  async verify(path: string, name: string): Promise<BundleVerification> {
    return inWords(async () => {
      const zip = await BundleZip.open(path, name, this.deps.limits)
      try {
        return (await verifyBundle(zip, name)).verification
      } finally {
        zip.close()
      }
    })
  }

  import(path: string, name: string): Promise<ImportedBundle> {
    return inWords(() => asJob(this.deps.jobs, `Importing ${name}`, null, () => importBundle(path, name, { ...this.deps.importing, limits: this.deps.limits }), () => 1))
  }
}

/** What the estimate allows for each server's configuration (read only when the bundle is written). */
const KEA_CONFIG_GUESS = 20_000

async function inWords<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof BundleError) throw new ContractError('bad-input', error.message)
    throw error
  }
}
