// Runs in its own process so its memory is the export's alone: a capture loaded into a session (as the app does,
// through the contract), then the session's whole bundle exported (captures as pcapng, report, data). Prints one
// JSON object: the export's time, peak RSS above the loaded engine's, and where the zip is (the caller removes it).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SavedBundle } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import { loaded, openInEngine } from '../helpers/engine'

const [file] = process.argv.slice(2)
const dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-bench-bundle-'))
const engine = new Engine({ dataDir, mode: 'browser', version: 'bench' })
const capture = await openInEngine(engine, file)
await loaded(engine, capture.id)
// The report and data need the transactions: grouped before the clock starts, as a session shown in the app has them.
await engine.dispatch('captures.stats', { captureId: capture.id })
const baseline = process.memoryUsage().rss
let peak = baseline
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 20)
const started = performance.now()
const saved = (await engine.dispatch('bundle.export', { sessionId: capture.sessionId, parts: ['captures', 'report', 'data'] })) as SavedBundle
const exportMs = performance.now() - started
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)
engine.close()
process.stdout.write(`${JSON.stringify({ exportMs, baselineRss: baseline, peakRss: peak, zip: saved.path, zipBytes: saved.bytes, dataDir })}\n`)
