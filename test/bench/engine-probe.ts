// Runs in its own process so its memory is the engine's alone: opens a capture as the app does (through the
// contract), times the first page of rows, waits for the whole file (indexed, copied into the data folder, the
// session stored), then times the first statistics (exchanges grouped) and display filters. Prints one JSON object.
// run.ts starts it with the environment the app's engine process gets (withMallocTunables).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CaptureInfo, PacketView } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import { loaded, openInEngine } from '../helpers/engine'

const [file, filtersJson] = process.argv.slice(2)
const filters = JSON.parse(filtersJson) as string[]
const dataDir = mkdtempSync(join(tmpdir(), 'fieldkit-bench-'))
const engine = new Engine({ dataDir, mode: 'browser', version: 'bench' })
let peak = process.memoryUsage().rss
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss) }, 50)
const baseline = process.memoryUsage().rss

/**
 * The longest a trivial call (app.info) would have waited for its answer while the engine worked: a call is made
 * every 10 ms, and each counts how late its turn came plus how long its answer took.
 */
function responsiveness() {
  let worst = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const due = performance.now() + 10
      await new Promise((turn) => setTimeout(turn, 10))
      await engine.dispatch('app.info', {})
      worst = Math.max(worst, performance.now() - due)
    }
  })()
  return async () => {
    running = false
    await loop
    return worst
  }
}

const started = performance.now()
const duringLoad = responsiveness()
const capture = await openInEngine(engine, file)
await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 200 })
const firstRowsMs = performance.now() - started
await loaded(engine, capture.id)
const loadedMs = performance.now() - started
const worstDuringLoadMs = await duringLoad()
const duringStats = responsiveness()
let t = performance.now()
await engine.dispatch('captures.stats', { captureId: capture.id })
const statsMs = performance.now() - t
const worstDuringStatsMs = await duringStats()
const filterResults = []
const duringFilters = responsiveness()
for (const filter of filters) {
  t = performance.now()
  const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter })) as PacketView
  filterResults.push({ filter, matched: view.matched, ms: performance.now() - t })
}
const worstDuringFiltersMs = await duringFilters()
peak = Math.max(peak, process.memoryUsage().rss)
clearInterval(sampler)
const packets = ((await engine.dispatch('captures.list', { sessionId: capture.sessionId })) as CaptureInfo[])[0].packetCount
engine.close()
rmSync(dataDir, { recursive: true, force: true })
process.stdout.write(JSON.stringify({ packets, firstRowsMs, loadedMs, filters: filterResults, statsMs, baselineRss: baseline, peakRss: peak, worstDuringLoadMs, worstDuringStatsMs, worstDuringFiltersMs }) + '\n')
