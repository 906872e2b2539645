// A session's bundle: the parts to put in, the size estimate, the export (progress in the job bar), and the import
// of a bundle the user picked or dropped (staged by the bridge: the page never names a path).
import { defineStore } from 'pinia'
import { ref, type Ref } from 'vue'
import { bundleParts } from '../../../electron/contract/methods'
import type { BundleEstimate, BundlePart, SavedBundle } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { latestRequest, stale } from '../latest-request'
import { printReport } from '../print-report'
import { useAppStore } from './app'
import { useSessionsStore } from './sessions'

export const partLabels: Record<BundlePart, string> = {
  captures: 'Captures (pcapng)',
  report: 'Report (report.html)',
  data: 'Data (JSON and CSV)',
  keaConfig: 'Kea configuration (secrets redacted)',
}

export const useBundlesStore = defineStore('bundles', () => {
  const parts = ref<BundlePart[]>([...bundleParts])
  const anonymize = ref(false)
  const estimate = ref<BundleEstimate | null>(null)
  const exporting = ref(false)
  const importing = ref(false)
  const saved = ref<SavedBundle | null>(null)
  const printing = ref(false)
  const latest = latestRequest()

  /** The estimate for the session and parts chosen; an older answer never replaces a newer one. */
  async function estimateFor(sessionId: number) {
    estimate.value = null
    if (!parts.value.length) return
    const answer = await latest.run(() => bridge.call('bundle.estimate', { sessionId, parts: parts.value }))
    if (answer !== stale) estimate.value = answer
  }

  /** Runs `work` with `flag` up while it runs; its error goes to the message bar. */
  async function busy(flag: Ref<boolean>, work: () => Promise<void>) {
    flag.value = true
    try {
      await work()
    } catch (error) {
      useAppStore().report(error)
    } finally {
      flag.value = false
    }
  }

  const savedText = (what: string, result: { anonymized: boolean; path: string }) => `Saved the ${result.anonymized ? 'anonymized ' : ''}${what} to ${result.path}`

  async function exportSession(sessionId: number) {
    saved.value = null
    await busy(exporting, async () => {
      const result = await bridge.call('bundle.export', { sessionId, parts: parts.value, anonymize: anonymize.value })
      if (!result) return
      saved.value = result
      useAppStore().message = { kind: 'info', text: savedText(`bundle (${result.files} files, ${bytes(result.bytes)})`, result) }
    })
  }

  /**
   * The session's report on paper or as a PDF: the desktop app prints it to PDF where the save dialog says; a
   * browser opens it in a window of its own and prints it (its "Save as PDF" printer makes the file).
   */
  async function printSessionReport(sessionId: number) {
    const app = useAppStore()
    await busy(printing, async () => {
      if (app.info?.mode === 'electron') {
        const result = await bridge.call('sessions.saveReportPdf', { sessionId, anonymize: anonymize.value })
        if (result) app.message = { kind: 'info', text: savedText(`report (${bytes(result.bytes)})`, result) }
      } else {
        printReport(await bridge.call('sessions.report', { sessionId, anonymize: anonymize.value }))
      }
    })
  }

  /** Imports a bundle as a read-only session and shows it. */
  async function importFile(file: File) {
    const app = useAppStore()
    const sessions = useSessionsStore()
    await busy(importing, async () => {
      const { fileId } = await bridge.stage(file)
      const imported = await bridge.call('bundle.import', { fileId })
      app.view = 'sessions'
      await sessions.load()
      await sessions.select(imported.session.id)
      app.message = { kind: 'info', text: `${imported.verification.message} Opened as “${imported.session.name}”, read-only.` }
    })
  }

  return { parts, anonymize, estimate, exporting, importing, saved, printing, estimateFor, exportSession, printSessionReport, importFile }
})

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`
  return `${(n / 1024 ** 3).toFixed(2)} GiB`
}
