// The preload exposes one narrow object, window.fieldkit: contract calls and events by name (checked against
// the contract's lists), and staging a file the user picked or dropped. No raw ipcRenderer reaches the page, and
// no path either: the path goes from here to the main process, which hands back an id for it.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { isEventName, isMethodName } from '../contract/names'
import { CALL_CHANNEL, EVENT_CHANNEL, STAGE_CHANNEL, type CallOutcome, type StageOutcome } from '../main/channels'

/** The file's path on disk, or '' for anything else (not a File at all included). */
function pathOf(file: unknown): string {
  try {
    return webUtils.getPathForFile(file as File)
  } catch {
    return ''
  }
}

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
  stageFile(file: unknown): Promise<StageOutcome> {
    // A File the page built itself (new File([...], '/etc/shadow')) has no path: getPathForFile answers ''.
    const path = pathOf(file)
    if (!path) return Promise.resolve({ error: { code: 'bad-input', message: 'Only a file you chose or dropped can be opened.' } })
    return ipcRenderer.invoke(STAGE_CHANNEL, path) as Promise<StageOutcome>
  },
})
