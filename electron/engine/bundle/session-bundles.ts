// The engine's bundles: the size estimate, the export as a stoppable job, the verification and the import of a
// bundle the user chose. Errors leave as ContractErrors with the sentence for the user.
import { writeFileSync } from 'node:fs'
import type { BundleEstimate, BundlePart, BundleVerification, ImportedBundle, SavedBundle, SavedReport, SessionReport } from '../../contract/types'
import { ContractError } from '../errors'
import { writeAtomically, type AtomicTarget } from '../files/atomic-write'
import { safeFileName } from '../files/safe-name'
import type { SaveFormat } from '../files/save-format'
import { asJob, type Jobs } from '../jobs'
import { gatherContents, type BundleSources } from './contents'
import { estimateBundle, exportBundle, KEA_CONFIG_BYTES, reportAlone } from './export'
import { importBundle, type ImportDeps } from './import'
import { verifyBundle } from './verify'
import { BundleError, BundleZip, type ZipLimits } from './zip-reader'

export interface SessionBundlesDeps {
  sources: BundleSources
  jobs: Jobs
  appVersion: string
  /** Where to write a bundle or report named `fileName`: the save dialog's choice (replace: true), or the exports folder; null: cancelled. */
  target(fileName: string, format: SaveFormat): Promise<AtomicTarget | null>
  /** The front's printer (Electron's printToPDF): a report's HTML as PDF bytes. Absent in browser mode. */
  printPdf?: (html: string) => Promise<Uint8Array>
  importing: Omit<ImportDeps, 'limits'>
  limits?: ZipLimits
}

export class SessionBundles {
  constructor(private readonly deps: SessionBundlesDeps) {}

  async estimate(sessionId: number, parts: ReadonlySet<BundlePart>): Promise<BundleEstimate> {
    // Counts only: no statistics are computed and no server is asked for its configuration.
    const contents = await gatherContents(this.deps.sources, sessionId, parts, true)
    const estimate = estimateBundle(contents, parts)
    return parts.has('keaConfig') ? { ...estimate, files: [...estimate.files, { path: 'kea/', bytes: KEA_CONFIG_BYTES }], bytes: estimate.bytes + KEA_CONFIG_BYTES } : estimate
  }

  async export(sessionId: number, parts: ReadonlySet<BundlePart>, anonymize: boolean, name?: string): Promise<SavedBundle | null> {
    const { sources, jobs } = this.deps
    const session = sources.session(sessionId)
    const fileName = `${safeFileName(name ?? session.name, 'session').replace(/\.zip$/i, '')}.zip`
    const target = await this.deps.target(fileName, 'zip')
    if (target === null) return null
    const contents = await gatherContents(sources, sessionId, parts)
    // Progress counts the bytes going into the zip, before deflate: the estimate's unit.
    return asJob(jobs, `Exporting ${fileName}`, estimateBundle(contents, parts).bytes,
      (job) => exportBundle(contents, { parts, anonymize, appVersion: this.deps.appVersion }, target, job), (saved) => saved.bytes)
  }

  /** The session's report.html alone, bounded: a report too large to hand over whole says where its rows are instead. */
  async report(sessionId: number, anonymize: boolean): Promise<SessionReport> {
    const contents = await gatherContents(this.deps.sources, sessionId, new Set(['report']))
    const html = await reportAlone(contents, { anonymize, appVersion: this.deps.appVersion })
    const bytes = Buffer.byteLength(html)
    if (bytes > MAX_REPORT_BYTES) {
      throw new ContractError('bad-input', `The report of “${contents.session.name}” would be ${Math.ceil(bytes / 2 ** 20)} MiB, more than the ${MAX_REPORT_BYTES / 2 ** 20} MiB a report may be to open or print; export the bundle instead (its data files hold every transaction).`)
    }
    return { sessionId, name: `${reportStem(contents.session.name)}.html`, html, anonymized: anonymize }
  }

  /** The report printed to PDF by the front, written where the save dialog says; null: cancelled. */
  async saveReportPdf(sessionId: number, anonymize: boolean): Promise<SavedReport | null> {
    const { printPdf } = this.deps
    if (!printPdf) throw new ContractError('bad-input', 'Saving the report as a PDF needs the desktop app; in the browser, use Print report and choose “Save as PDF” as the printer.')
    const target = await this.deps.target(`${reportStem(this.deps.sources.session(sessionId).name)}.pdf`, 'pdf')
    if (target === null) return null
    const { html } = await this.report(sessionId, anonymize)
    const pdf = await printPdf(html)
    if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new ContractError('internal', 'The printer gave something that is not a PDF; nothing was saved.')
    const path = writeAtomically(target, (temporary) => writeFileSync(temporary, pdf))
    return { path, bytes: pdf.length, anonymized: anonymize }
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

/** A report's size beyond which it is not handed to a page or a printer (its rows are bounded per capture only). */
const MAX_REPORT_BYTES = 32 * 2 ** 20

const reportStem = (sessionName: string) => `${safeFileName(sessionName, 'session')} report`

async function inWords<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof BundleError) throw new ContractError('bad-input', error.message)
    throw error
  }
}
