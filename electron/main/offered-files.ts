// Files the desktop shell was asked to open (command line, a second launch, macOS's open-file), handed to the
// renderer as 'files.offered'. They may arrive before the engine or the page exist, so they wait until the page
// has loaded (its listener is set up by then). Each is granted to the engine: the page names it only by id.
import type { BrowserWindow } from 'electron'
import type { EngineApi } from '../engine/engine-api'
import { EVENT_CHANNEL } from './channels'

export class OfferedFiles {
  private readonly waiting: string[] = []
  private receiver: { window: BrowserWindow; engine: EngineApi } | null = null

  offer(paths: readonly string[]): void {
    this.waiting.push(...paths)
    this.deliver()
  }

  /** Hands offers to `window`'s page once it has loaded, until the window closes. */
  deliverTo(window: BrowserWindow, engine: EngineApi): void {
    window.webContents.on('did-finish-load', () => {
      this.receiver = { window, engine }
      this.deliver()
    })
    window.on('closed', () => {
      if (this.receiver?.window === window) this.receiver = null
    })
  }

  private deliver(): void {
    if (!this.receiver) return
    const { window, engine } = this.receiver
    for (const path of this.waiting.splice(0)) {
      void Promise.resolve(engine.grant(path)).then((file) => window.webContents.send(EVENT_CHANNEL, 'files.offered', file))
    }
  }
}
