// Writes a session's bundle: the captures as pcapng, report.html, the data, the Kea configuration (redacted) and
// manifest.json last, into one zip written as a stream. Whole or not at all: stopped or failed, no file is left.
import { arch, release, type as osType } from 'node:os'
import { statSync } from 'node:fs'
import type { BundleEstimate, BundlePart, SavedBundle } from '../../contract/types'
import { openCapture } from '../capture-file/open'
import { CaptureWriter } from '../capture-file/write'
import { ContractError } from '../errors'
import { writeAtomicallyInTurns, type AtomicTarget } from '../files/atomic-write'
import { safeFileName } from '../files/safe-name'
import type { Job } from '../jobs'
import { liveInterfaceNames, liveNotes } from '../session/capture-save'
import type { BundleCapture, BundleContents } from './contents'
import { dataFiles } from './data-files'
import { findProblems, runFailed } from './findings'
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BUNDLE_PATHS, MANIFEST, type Manifest } from './manifest'
import { reportHtml } from './report-html'
import { FrameAnonymizer } from './anonymize-frame'
import { Pseudonyms } from './pseudonyms'
import { snapshotFiles } from './snapshot-files'
import { ZipWriter, type FileSource } from './zip-writer'

/** Records written into the zip between turns of the job. */
const BATCH = 5000
/** What a pcapng adds per packet beyond its bytes (an enhanced packet block), for the estimate. */
const PCAPNG_RECORD_OVERHEAD = 32
/** The estimate's guess at a transaction's size in JSON plus CSV, and the report's fixed part. */
const TRANSACTION_DATA_BYTES = 900
const REPORT_BASE_BYTES = 16_000
/**
 * The estimate's guess at a snapshot's lease or log line in JSON, and at a server's configuration (a live one is
 * read only when the bundle is written).
 */
const SNAPSHOT_ITEM_BYTES = 500
export const KEA_CONFIG_BYTES = 20_000


export interface ExportOptions {
  parts: ReadonlySet<BundlePart>
  appVersion: string
  /** MACs, addresses and host names pseudonymized consistently in the packets, the data and the report. */
  anonymize: boolean
}

/** The zip's name for a capture: its own name, made unique within the bundle. */
function capturePaths(captures: BundleCapture[], text: (name: string) => string = (name) => name): string[] {
  const used = new Set<string>()
  return captures.map((c) => {
    const stem = safeFileName(text(c.info.name)).replace(/\.(pcapng|pcap|cap)$/i, '')
    let path = `${BUNDLE_PATHS.captures}${stem}.pcapng`
    for (let n = 2; used.has(path); n++) path = `${BUNDLE_PATHS.captures}${stem} (${n}).pcapng`
    used.add(path)
    return path
  })
}

/** Sizes before writing: captures by their packets' bytes, the rest by rule of thumb. */
export function estimateBundle(contents: BundleContents, parts: ReadonlySet<BundlePart>): BundleEstimate {
  const paths = capturePaths(contents.captures)
  const files = [
    ...(parts.has('captures') ? contents.captures.map((c, i) => ({ path: paths[i], bytes: captureBytes(c) })) : []),
    ...(parts.has('report') ? [{ path: BUNDLE_PATHS.report, bytes: REPORT_BASE_BYTES + transactionCount(contents) * 400 }] : []),
    ...(parts.has('data') ? [{ path: BUNDLE_PATHS.data, bytes: transactionCount(contents) * TRANSACTION_DATA_BYTES + JSON.stringify([contents.clientRuns, contents.keaHistory]).length * 2 + snapshotBytes(contents) }] : []),
    ...(parts.has('keaConfig') ? contents.keaConfigs.map((k) => ({ path: keaConfigPath(k.profileId, k.service), bytes: JSON.stringify(k.config ?? k.error).length })) : []),
  ]
  return { sessionId: contents.session.id, files, bytes: files.reduce((n, f) => n + f.bytes, 0) }
}

/** A snapshot's leases or lines, once in its own file and once in data/leases or data/log-lines; a configuration, as kept. */
function snapshotBytes(contents: BundleContents): number {
  return contents.snapshots.reduce((n, s) => n + (s.kind === 'kea-config' ? KEA_CONFIG_BYTES : s.count * SNAPSHOT_ITEM_BYTES * 2), 0)
}

function captureBytes(c: BundleCapture): number {
  try {
    return statSync(c.path).size + c.packets * PCAPNG_RECORD_OVERHEAD
  } catch {
    return 0
  }
}

const transactionCount = (contents: BundleContents) => contents.captures.reduce((n, c) => n + c.transactionTotal, 0)
const keaConfigPath = (profileId: string, service: string) => `${BUNDLE_PATHS.keaConfig}${safeFileName(profileId, 'kea')}-${service}.json`

export async function exportBundle(contents: BundleContents, options: ExportOptions, target: AtomicTarget, job: Job): Promise<SavedBundle> {
  const { parts, anonymize } = options
  if (!parts.size) throw new ContractError('bad-input', 'Choose at least one part to put in the bundle.')
  const names = anonymize ? seededPseudonyms(contents) : null
  const text = (value: string) => (names ? names.text(value) : value)
  const frames = names && new FrameAnonymizer(names)
  const findings = findProblems(contents)
  const createdAt = new Date().toISOString()
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  let written = 0
  let files = 0
  const path = await writeAtomicallyInTurns(target, async (temporary) => {
    const zip = new ZipWriter(temporary, async (bytes) => {
      written += bytes
      await job.turn(written)
    })
    try {
      const names: string[] = []
      const listed: string[] = []
      // Text files are read after the captures (the zip takes files in turn): the host names the packets named are
      // known to the pseudonyms by then.
      const add = (name: string, source: FileSource, isText = true) => {
        listed.push(name)
        zip.add(name, isText && names ? () => mapText(source(), text) : source)
      }
      const paths = capturePaths(contents.captures, text)
      if (parts.has('captures')) contents.captures.forEach((c, i) => add(paths[i], () => pcapngChunks(c, text(captureComment(contents, c)), frames), false))
      if (parts.has('data')) for (const file of dataFiles(contents, findings)) add(file.path, file.source)
      // Snapshots are handed over as kept, for an import to restore: an anonymized bundle has their items in data/ only.
      if (parts.has('data') && !anonymize) for (const file of snapshotFiles(contents)) add(file.path, file.source)
      if (parts.has('keaConfig')) {
        for (const k of contents.keaConfigs) add(keaConfigPath(k.profileId, k.service), () => [`${JSON.stringify(k.error ? { error: k.error } : k.config, null, 2)}\n`])
      }
      if (parts.has('report')) {
        const others = [...listed, MANIFEST]
        add(BUNDLE_PATHS.report, () => [reportHtml(contents, findings, { appVersion: options.appVersion, createdAt, timeZone, anonymized: anonymize, files: others })])
      }
      const summed = await zip.finish((sums) => {
        const manifest: Manifest = {
          format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION,
          app: { name: 'DHCP Field Kit', version: options.appVersion },
          host: { os: osType(), release: release(), arch: arch() },
          timeZone, createdAt,
          session: { name: text(contents.session.name), createdAt: contents.session.createdAt, notes: text(contents.session.notes), tags: contents.session.tags.map(text) },
          anonymized: anonymize,
          captures: parts.has('captures') ? contents.captures.map((c, i) => ({
            path: paths[i], id: c.info.id, name: text(c.info.name), packets: c.packets, createdAt: c.info.createdAt,
            ...(c.info.live && { live: JSON.parse(text(JSON.stringify(c.info.live))) as typeof c.info.live }),
          })) : [],
          files: sums,
        }
        return { path: MANIFEST, text: `${JSON.stringify(manifest, null, 2)}\n` }
      })
      files = summed.length + 1
    } catch (error) {
      await zip.abandon()
      throw error
    }
  })
  return { path, bytes: statSync(path).size, files, anonymized: anonymize }
}

/**
 * The report alone, as the bundle's report.html. Anonymized, the host names its packets carry are learned from them
 * first (by the same rewriting the bundle's pcapng gets, its output dropped), so the report names none of them.
 */
export async function reportAlone(contents: BundleContents, options: Omit<ExportOptions, 'parts'>): Promise<string> {
  const names = options.anonymize ? seededPseudonyms(contents) : null
  if (names) {
    const frames = new FrameAnonymizer(names)
    for (const c of contents.captures) for await (const _chunk of pcapngChunks(c, '', frames)) void _chunk
  }
  const html = reportHtml(contents, findProblems(contents), {
    appVersion: options.appVersion, createdAt: new Date().toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, anonymized: options.anonymize, files: [],
  })
  return names ? names.text(html) : html
}

/** Pseudonyms that know the session's host names before the first packet names one. */
function seededPseudonyms(contents: BundleContents): Pseudonyms {
  const names = new Pseudonyms()
  for (const lease of contents.leases) if (lease.hostname) names.host(lease.hostname)
  for (const run of contents.clientRuns) for (const key of ['host_name', 'new_host_name', 'new_fqdn_fqdn']) if (run.variables[key]) names.host(run.variables[key])
  return names
}

async function* mapText(source: ReturnType<FileSource>, text: (value: string) => string): AsyncGenerator<string> {
  for await (const chunk of source) yield text(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
}

/** The section comment of a capture in a bundle: where it came from and what the session did with it. */
function captureComment(contents: BundleContents, c: BundleCapture): string {
  const runs = contents.clientRuns.filter((r) => r.captureId === c.info.id)
  return [
    `Exported by DHCP Field Kit in the bundle of the session "${contents.session.name}" from the capture ${c.info.name}`,
    ...liveNotes(c.info),
    ...runs.map((r) => `${r.kind === 'dhclient' ? 'dhclient' : 'Test client'} ${r.mode} as ${r.mac} at ${r.startedAt}: ${r.reason}${runFailed(r) ? ' (failed)' : ''}. ${r.message}`),
  ].join('\n')
}

/** The capture as pcapng, a batch of records at a time; the packets are read again from its file. */
async function* pcapngChunks(c: BundleCapture, comment: string, frames: FrameAnonymizer | null): AsyncGenerator<Buffer> {
  const reader = openCapture(c.path, c.info.name)
  const chunks: Buffer[] = []
  try {
    const writer = new CaptureWriter((chunk) => chunks.push(chunk), 'pcapng', { digits: c.digits, comment, interfaceNames: liveInterfaceNames(c.info) })
    for (let record = reader.next(); record && record.frame <= c.packets; record = record.frame < c.packets ? reader.next() : null) {
      if (frames) {
        const data = Uint8Array.from(record.data)
        frames.rewrite(record.linkType, data)
        writer.add({ ...record, data })
      } else {
        writer.add(record)
      }
      if (record.frame % BATCH === 0) yield* chunks.splice(0)
    }
    writer.close()
    yield* chunks.splice(0)
  } finally {
    reader.close()
  }
}
