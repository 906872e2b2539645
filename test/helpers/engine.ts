import { tempDir } from './temp'
import type { CaptureInfo } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'

export function tempDataDir(): string {
  return tempDir('fieldkit-data')
}

export function testEngine(dataDir = tempDataDir()): Engine {
  return new Engine({ dataDir, mode: 'browser', version: '0.0.0-test' })
}

/** Waits until the engine reports the capture fully loaded. */
export function loaded(engine: Engine, captureId: number): Promise<void> {
  return new Promise((done) => {
    const stop = engine.events.subscribe((event, payload) => {
      if (event === 'capture.updated' && (payload as { id: number; status: string }).id === captureId && (payload as { status: string }).status !== 'loading') {
        stop()
        done()
      }
    })
  })
}

/** Opens a capture as a user would: the file is granted (as a front does for a pick or a drop), then opened by id. */
export async function openInEngine(engine: Engine, path: string, sessionId?: number): Promise<CaptureInfo> {
  const { fileId } = engine.grant(path)
  return (await engine.dispatch('captures.open', { fileId, ...(sessionId === undefined ? {} : { sessionId }) })) as CaptureInfo
}
