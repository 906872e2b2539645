// The contract over Electron IPC: one invoke channel for methods, one send channel for events, and the preload's
// private channel that turns a file the user picked or dropped into a grant. Every message is checked to come
// from this app's own page before it reaches the engine.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { isAbsolute } from 'node:path'
import type { ContractErrorShape, EventName, Events } from '../contract/methods'
import type { EngineApi } from '../engine/engine-api'
import { ContractError } from '../engine/errors'
import { CALL_CHANNEL, EVENT_CHANNEL, STAGE_CHANNEL, type CallOutcome, type StageOutcome } from './channels'

export function serveContract(engine: EngineApi, isOwnPage: (url: string) => boolean, windows: () => BrowserWindow[]): () => void {
  const refusal = (event: IpcMainInvokeEvent): { error: ContractErrorShape } | null => {
    const url = event.senderFrame?.url ?? ''
    return isOwnPage(url) ? null : { error: { code: 'bad-input', message: `Refused a call from an untrusted page (${url}).` } }
  }
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<CallOutcome> => {
    const refused = refusal(event)
    if (refused) return refused
    try {
      return { result: await engine.dispatch(String(method), params) }
    } catch (error) {
      return { error: error instanceof ContractError ? error.toJSON() : { code: 'internal', message: (error as Error).message } }
    }
  })
  ipcMain.handle(STAGE_CHANNEL, async (event: IpcMainInvokeEvent, path: unknown): Promise<StageOutcome> => {
    const refused = refusal(event)
    if (refused) return refused
    if (typeof path !== 'string' || !isAbsolute(path)) return { error: { code: 'bad-input', message: 'A file to open must come with its full path.' } }
    return { result: await engine.grant(path) }
  })
  const unsubscribe = engine.events.subscribe(<E extends EventName>(name: E, payload: Events[E]) => {
    for (const window of windows()) window.webContents.send(EVENT_CHANNEL, name, payload)
  })
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL)
    ipcMain.removeHandler(STAGE_CHANNEL)
    unsubscribe()
  }
}
