// Long calls as jobs: each says how far it has got (job.progress) and can be stopped from the UI (jobs.stop).
// A job works in turns, letting the engine answer other calls between them; a stopped job ends at its next turn.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { ContractError } from './errors'
import type { EventSink } from './events'

/** Progress is said at most this often: a million-packet job would otherwise flood the UI. */
const PROGRESS_MS = 100

export class Jobs {
  private readonly running = new Map<string, { stop(): void }>()
  private nextId = 1

  constructor(private readonly emit: EventSink) {}

  /** A job of the engine's own; call finish() or fail() when it ends. */
  start(title: string, total: number | null): Job {
    const job = new Job(`job-${this.nextId++}`, title, total, this.emit, () => this.running.delete(job.jobId))
    this.running.set(job.jobId, job)
    job.progress(0)
    return job
  }

  /** A job that reports itself (a capture's load, a live capture), stopped through `stop`. */
  register(jobId: string, stop: () => void): () => void {
    this.running.set(jobId, { stop })
    return () => this.running.delete(jobId)
  }

  /** Stops a job; false when there is no such job (it has finished). */
  stop(jobId: string): boolean {
    const job = this.running.get(jobId)
    job?.stop()
    return job !== undefined
  }
}

export class Job {
  private stopped = false
  private said = 0

  constructor(
    readonly jobId: string, private readonly title: string, private total: number | null,
    private readonly emit: EventSink, private readonly ended: () => void,
  ) {}

  /** Says how far the job has got. */
  progress(done: number): void {
    this.say('running', done)
  }

  stop(): void {
    this.stopped = true
  }

  /** Lets other calls in; throws ContractError('cancelled') once the job was stopped. */
  async turn(done: number): Promise<void> {
    if (performance.now() - this.said >= PROGRESS_MS) this.say('running', done)
    await nextTurn()
    if (this.stopped) {
      this.ended()
      this.say('failed', done, `${this.title} was stopped.`)
      throw new ContractError('cancelled', `${this.title} was stopped.`)
    }
  }

  finish(done: number, message?: string): void {
    this.ended()
    this.say('finished', done, message)
  }

  fail(error: unknown): void {
    this.ended()
    if (!(error instanceof ContractError && error.code === 'cancelled')) this.say('failed', 0, error instanceof Error ? error.message : String(error))
  }

  private say(state: 'running' | 'finished' | 'failed', done: number, message?: string): void {
    this.said = performance.now()
    this.emit('job.progress', { jobId: this.jobId, title: this.title, done, total: this.total, state, ...(message && { message }) })
  }
}

/** Runs `work` as a job: finished when it returns, failed (or stopped) when it throws. */
export async function asJob<T>(jobs: Jobs, title: string, total: number | null, work: (job: Job) => Promise<T>, done: (result: T) => number): Promise<T> {
  const job = jobs.start(title, total)
  try {
    const result = await work(job)
    job.finish(done(result))
    return result
  } catch (error) {
    job.fail(error)
    throw error
  }
}
