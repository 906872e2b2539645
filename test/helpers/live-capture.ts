// Running a live capture source around an action, for lab tests and the bench.
import { setTimeout as sleep } from 'node:timers/promises'
import type { CaptureCounters, CaptureRequest, CaptureSourceError, StartCapture } from '../../electron/engine/live/source'

export interface CaptureResult {
  bytes: Buffer
  counters: CaptureCounters | null
  error: CaptureSourceError | null
}

/**
 * Starts `start`, waits `settleMs` for it to be listening, runs `action`, waits `drainMs` (buffered backends hand
 * packets over up to a second late), stops, and resolves with everything it delivered.
 */
export async function captureWhile(start: StartCapture, request: CaptureRequest, action: () => Promise<unknown>, settleMs = 1000, drainMs = 1500): Promise<CaptureResult> {
  const chunks: Buffer[] = []
  let counters: CaptureCounters | null = null
  let resolveEnd!: (error: CaptureSourceError | null) => void
  const ended = new Promise<CaptureSourceError | null>((done) => (resolveEnd = done))
  let finished = false
  const source = start(request, {
    data: (chunk) => chunks.push(Buffer.from(chunk)),
    counters: (latest) => (counters = latest),
    end: (error) => {
      finished = true
      resolveEnd(error)
    },
  })
  await Promise.race([sleep(settleMs), ended])
  if (!finished) {
    await action()
    await sleep(drainMs)
    source.stop()
  }
  const error = await ended
  return { bytes: Buffer.concat(chunks), counters, error }
}

/** The number of records in a classic pcap stream, either byte order. */
export function countPcapRecords(bytes: Buffer): number {
  const littleEndian = bytes.readUInt32LE(0) === 0xa1b2c3d4
  let count = 0
  for (let at = 24; at + 16 <= bytes.length; count++) at += 16 + (littleEndian ? bytes.readUInt32LE(at + 8) : bytes.readUInt32BE(at + 8))
  return count
}
