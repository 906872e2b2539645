// Long calls are jobs the user can stop (issue 9): a save stopped part way leaves no file and no temporary file;
// statistics stopped end with 'cancelled'; both report progress, and the engine answers other calls meanwhile.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobProgress } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { loaded, openInEngine, testEngine } from '../helpers/engine'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'
import { tempDir } from '../helpers/temp'

let engine: Engine
let captureId: number

beforeAll(async () => {
  const file = join(tempDir('fieldkit-jobs'), 'many.pcap')
  makeSyntheticCapture(file, 50_000)
  engine = testEngine()
  captureId = (await openInEngine(engine, file)).id
  await loaded(engine, captureId)
})
afterAll(() => engine.close())

/** Stops the first job whose title matches, the moment it says it runs; resolves with all its progress. */
function stopWhenRunning(title: RegExp): JobProgress[] {
  const seen: JobProgress[] = []
  engine.events.subscribe((event, payload) => {
    const job = payload as JobProgress
    if (event !== 'job.progress' || !title.test(job.title)) return
    seen.push(job)
    if (seen.length === 1) void engine.dispatch('jobs.stop', { jobId: job.jobId })
  })
  return seen
}

describe('stopping long calls', () => {
  it('a stopped save leaves nothing in the exports folder', async () => {
    const progress = stopWhenRunning(/^Saving /)
    await expect(engine.dispatch('captures.save', { captureId, format: 'pcapng' })).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/was stopped/) })
    expect(progress.at(-1)).toMatchObject({ state: 'failed', message: expect.stringMatching(/was stopped/) })
    expect(readdirSync(engine.exportsDir)).toEqual([])
  })

  it('a save not stopped writes every packet and says it finished', async () => {
    const states: string[] = []
    engine.events.subscribe((event, payload) => {
      if (event === 'job.progress' && /^Saving /.test((payload as JobProgress).title)) states.push((payload as JobProgress).state)
    })
    const saved = await engine.dispatch('captures.save', { captureId, format: 'pcap' }) as { packets: number }
    expect(saved.packets).toBe(50_000)
    expect(states[0]).toBe('running')
    expect(states.at(-1)).toBe('finished')
  })

  it('stopped statistics answer cancelled, and the next ask counts them whole', async () => {
    stopWhenRunning(/^Statistics /)
    await expect(engine.dispatch('captures.stats', { captureId })).rejects.toMatchObject({ code: 'cancelled' })
    const stats = await engine.dispatch('captures.stats', { captureId }) as { packets: number; transactions: { total: number } }
    expect(stats.packets).toBe(50_000)
    expect(stats.transactions.total).toBeGreaterThan(0)
  })

  it('an unknown job says it has finished', async () => {
    await expect(engine.dispatch('jobs.stop', { jobId: 'job-nope' })).rejects.toMatchObject({ code: 'not-found' })
  })
})
