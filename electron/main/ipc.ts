// The contract over Electron IPC: one invoke channel for methods, one send channel for events.
// Every message is checked to come from this app's own renderer before it reaches the engine.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { EventName, Events } from '../contract/methods'
import type { Engine } from '../engine/engine'
import { ContractError } from '../engine/errors'
import { CALL_CHANNEL, EVENT_CHANNEL, type CallOutcome } from './channels'

export function serveContract(engine: Engine, isTrustedUrl: (url: string) => boolean, windows: () => BrowserWindow[]): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<CallOutcome> => {
    const url = event.senderFrame?.url ?? ''
    if (!isTrustedUrl(url)) return { error: { code: 'bad-input', message: `Refused a call from an untrusted page (${url}).` } }
    try {
      return { result: await engine.dispatch(String(method), params) }
    } catch (error) {
      return { error: error instanceof ContractError ? error.toJSON() : { code: 'internal', message: (error as Error).message } }
    }
  })
  const unsubscribe = engine.events.subscribe(<E extends EventName>(name: E, payload: Events[E]) => {
    for (const window of windows()) window.webContents.send(EVENT_CHANNEL, name, payload)
  })
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL)
    unsubscribe()
  }
}
