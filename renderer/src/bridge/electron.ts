// Electron transport: the preload's window.fieldkit; files are opened where they are, the path never reaching
// this page (the preload hands it to the main process, which grants the engine an id for it).
import type { ContractErrorShape, Result } from '../../../electron/contract/methods'
import { EngineError, type Bridge, type ElectronBridgeApi } from './types'

function unwrap<T>(outcome: { result: T } | { error: ContractErrorShape }): T {
  if ('error' in outcome) throw new EngineError(outcome.error.code, outcome.error.message, outcome.error.at, outcome.error.hostKey)
  return outcome.result
}

export function createElectronBridge(api: ElectronBridgeApi): Bridge {
  return {
    mode: 'electron',
    call: async (method, params) => unwrap(await api.call(method, params)) as Result<typeof method>,
    on: (event, listener) => api.on(event, listener),
    stage: async (file) => unwrap(await api.stageFile(file)),
    onConnection: (listener) => listener('connected'),
  }
}
