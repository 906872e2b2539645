// `fieldkit bundle create|verify|import` and `fieldkit session export`: a case's bundle from the command line,
// through the same engine and contract as the app's Sessions view. A bundle is written only where --out says and
// never over an existing file.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { bundleParts } from '../contract/methods'
import type { BundlePart, BundleVerification, CaptureInfo, ImportedBundle, SavedBundle } from '../contract/types'
import { defaultDataDir } from '../engine/data-dir'
import type { Engine } from '../engine/engine'
import { oneSessionId } from './session-id'
import { withEngine } from './with-engine'

type Fail = (message: string) => number

const USAGE = 'bundle create CAPTURE… [--out FILE] [--parts P,P] [--anonymize] [--json] | bundle verify FILE [--json] | bundle import FILE [--json]'
const EXPORT_OPTIONS = {
  out: { type: 'string' }, parts: { type: 'string' }, anonymize: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
} as const
const LOAD_POLL_MS = 50

/** The parts named by --parts (all by default), or what is wrong with it. */
function partsOf(text: string | undefined): BundlePart[] | string {
  if (text === undefined) return [...bundleParts]
  const parts = text.split(',').map((p) => p.trim())
  const unknown = parts.find((p) => !(bundleParts as readonly string[]).includes(p))
  return unknown === undefined && parts.length ? (parts as BundlePart[]) : `--parts takes some of ${bundleParts.join(',')}, not "${text}"`
}

async function exportSession(engine: Engine, sessionId: number, parts: BundlePart[], anonymize: boolean, json: boolean): Promise<number> {
  const saved = (await engine.dispatch('bundle.export', { sessionId, parts, anonymize })) as SavedBundle
  process.stdout.write(json ? `${JSON.stringify(saved)}\n` : `Wrote ${saved.path}: ${saved.files} files, ${saved.bytes} bytes\n`)
  return 0
}

/** `session export ID --out FILE`. */
export async function sessionExportCommand(args: string[], fail: Fail): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: EXPORT_OPTIONS })
  const sessionId = oneSessionId(positionals, 'session export', 'session export ID --out FILE [--parts P,P] [--anonymize] [--json]')
  if (typeof sessionId === 'string') return fail(sessionId)
  if (!values.out) return fail('session export needs --out FILE, the bundle (.zip) to write')
  const parts = partsOf(values.parts)
  if (typeof parts === 'string') return fail(parts)
  const out = resolve(values.out)
  if (existsSync(out)) return fail(`${values.out} exists; a bundle never replaces a file: remove it or give another name to --out`)
  return withEngine({ dataDir: defaultDataDir(), chooseSaveTarget: async () => out }, (engine) => exportSession(engine, sessionId, parts, values.anonymize, values.json))
}

export async function bundleCommand(args: string[], fail: Fail): Promise<number> {
  const [name, ...rest] = args
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: EXPORT_OPTIONS })
  if (name === 'create') {
    if (!positionals.length) return fail(`bundle create needs at least one capture file: npm run -s fieldkit -- ${USAGE}`)
    const parts = partsOf(values.parts)
    if (typeof parts === 'string') return fail(parts)
    const out = resolve(values.out ?? `${basename(positionals[0]).replace(/\.(pcapng|pcap|cap)$/i, '')}.zip`)
    if (existsSync(out)) return fail(`${out} exists; a bundle never replaces a file: remove it or give another name to --out`)
    const missing = positionals.find((file) => !existsSync(file))
    if (missing) return fail(`cannot read ${missing}: there is no such file`)
    // The session lives in a data folder of its own, gone afterwards: scripts leave nothing in the app's.
    const scratch = mkdtempSync(join(tmpdir(), 'fieldkit-bundle-'))
    try {
      return await withEngine({ dataDir: scratch, chooseSaveTarget: async () => out }, async (engine) => {
        let sessionId: number | undefined
        for (const file of positionals) {
          const { fileId } = engine.grant(resolve(file))
          const capture = (await engine.dispatch('captures.open', { fileId, ...(sessionId !== undefined && { sessionId }) })) as CaptureInfo
          sessionId = capture.sessionId
        }
        const loaded = await loadedCaptures(engine, sessionId!)
        const failed = loaded.find((c) => c.status === 'failed')
        if (failed) process.stderr.write(`fieldkit: warning: ${failed.name}: ${failed.error}\n`)
        return exportSession(engine, sessionId!, parts, values.anonymize, values.json)
      })
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }
  if (name === 'verify' || name === 'import') {
    if (positionals.length !== 1) return fail(`bundle ${name} takes one FILE: npm run -s fieldkit -- ${USAGE}`)
    if (!existsSync(positionals[0])) return fail(`cannot read ${positionals[0]}: there is no such file`)
    return withEngine({ dataDir: defaultDataDir() }, async (engine) => {
      const { fileId } = engine.grant(resolve(positionals[0]))
      if (name === 'verify') {
        const verification = (await engine.dispatch('bundle.verify', { fileId })) as BundleVerification
        printVerification(verification, values.json)
        return verification.ok ? 0 : 1
      }
      const imported = (await engine.dispatch('bundle.import', { fileId })) as ImportedBundle
      if (values.json) process.stdout.write(`${JSON.stringify(imported)}\n`)
      else process.stdout.write(`${imported.verification.message}\nImported as session ${imported.session.id}: ${imported.session.name} (${imported.session.captureCount} captures, ${imported.session.packetCount} packets, read-only)\n`)
      return 0
    })
  }
  return fail(`bundle needs create, verify or import: npm run -s fieldkit -- ${USAGE}`)
}

function printVerification(v: BundleVerification, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(v)}\n`)
    return
  }
  for (const f of v.files) process.stdout.write(`${f.status.padEnd(9)} ${String(f.bytes).padStart(12)}  ${f.path}\n`)
  process.stdout.write(`${v.message}\n`)
}

/** The session's captures once none is loading any more. */
async function loadedCaptures(engine: Engine, sessionId: number): Promise<CaptureInfo[]> {
  for (;;) {
    const captures = (await engine.dispatch('captures.list', { sessionId })) as CaptureInfo[]
    if (!captures.some((c) => c.status === 'loading')) return captures
    await sleep(LOAD_POLL_MS)
  }
}
