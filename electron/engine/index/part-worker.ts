// The worker that indexes a pcap file's second part (split-index.ts, index-worker.ts), started on its own: a worker
// takes a tenth of a second to start (a V8 isolate, Node's bootstrap, the indexing modules), so the command line
// starts it before loading its own modules, and its start overlaps theirs. Imports nothing heavy for that reason.
import { statSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { builtEntry } from '../app-files'
import type { SharedBatch } from './capture-index'
import type { SharedRows } from './column-layout'

/** Below this a second thread costs more to start than it saves. */
export const SPLIT_MIN_BYTES = 16 * 1024 * 1024

/** What the worker is asked: index `path` from `start`, a record boundary, into the second part of `rows`. */
export interface PartRequest {
  path: string
  start: number
  rows: SharedRows
}

/**
 * What the worker posts: batches of rows, each with the file offset its last record ends at, the last one saying
 * why it stopped (`problem`: damage; `full`: the shared rows ran out), or an error.
 */
export type PartMessage = { batch: SharedBatch; end: number; last: false } | { batch: SharedBatch; end: number; last: true; problem: string | null; full: boolean } | { error: string }

export interface PartWorker {
  /** Sends the one request; the worker waits for it. */
  request(request: PartRequest): void
  /** The worker's next message, taken when this thread gets to it. */
  next(): Promise<PartMessage>
  /** Stops the worker (it writes shared rows: it must be gone before another thread writes them). */
  cancel(): Promise<unknown>
}

/** A worker started ahead for `path`, when it is large enough to be read in two and the app is built; else null. */
export function startPartWorkerFor(path: string, entry = builtEntry('index-worker')): PartWorker | null {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    return null // opening it says what is wrong
  }
  return entry && size >= SPLIT_MIN_BYTES ? startPartWorker(entry) : null
}

export function startPartWorker(entry: string): PartWorker {
  const worker = new Worker(entry)
  const queue: PartMessage[] = []
  let wake: (() => void) | null = null
  const arrived = (message: PartMessage) => {
    queue.push(message)
    wake?.()
  }
  worker.on('message', arrived)
  worker.once('error', (error) => arrived({ error: error.message }))
  worker.once('exit', () => arrived({ error: 'the worker stopped without an answer' }))
  return {
    request: (request) => worker.postMessage(request),
    next: async () => {
      while (!queue.length) await new Promise<void>((woken) => { wake = woken })
      wake = null
      return queue.shift()!
    },
    cancel: () => worker.terminate(),
  }
}
