// Electron transport: the preload's window.fieldkit; files are opened where they are, by path.
import type { Result } from '../../../electron/contract/methods'
import { EngineError, type Bridge, type ElectronBridgeApi } from './types'

export function createElectronBridge(api: ElectronBridgeApi): Bridge {
  return {
    mode: 'electron',
    call: async (method, params) => {
      const outcome = await api.call(method, params)
      if ('error' in outcome) throw new EngineError(outcome.error.code, outcome.error.message)
      return outcome.result as Result<typeof method>
    },
    on: (event, listener) => api.on(event, listener),
    stage: async (file) => ({ path: api.pathForFile(file), name: file.name }),
    onConnection: (listener) => listener('connected'),
  }
}
