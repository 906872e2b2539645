// The preload exposes one narrow object, window.fieldkit: contract calls and events by name (checked against
// the contract's lists), and the path of a file the user dropped. No raw ipcRenderer reaches the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { isEventName, isMethodName } from '../contract/names'
import { CALL_CHANNEL, EVENT_CHANNEL, type CallOutcome } from '../main/channels'

contextBridge.exposeInMainWorld('fieldkit', {
  call(method: unknown, params: unknown): Promise<CallOutcome> {
    if (!isMethodName(method)) return Promise.resolve({ error: { code: 'unknown-method', message: `Unknown method "${String(method)}".` } })
    return ipcRenderer.invoke(CALL_CHANNEL, method, params) as Promise<CallOutcome>
  },
  on(event: unknown, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event) || typeof listener !== 'function') throw new Error(`Unknown event "${String(event)}".`)
    const relay = (_: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload)
    }
    ipcRenderer.on(EVENT_CHANNEL, relay)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, relay)
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file)
  },
})
