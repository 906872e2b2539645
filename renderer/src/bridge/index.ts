import { createBrowserBridge } from './browser'
import { createElectronBridge } from './electron'
import type { Bridge } from './types'

export type { Bridge } from './types'
export { EngineError } from './types'

/** The one bridge of this page: Electron's when the preload provided it, else browser mode's. */
export const bridge: Bridge = window.fieldkit ? createElectronBridge(window.fieldkit) : createBrowserBridge()
