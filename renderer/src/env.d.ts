/// <reference types="vite/client" />
import type { ElectronBridgeApi } from './bridge/types'

declare global {
  interface Window {
    /** Present only inside Electron: the narrow API the preload script exposes. */
    fieldkit?: ElectronBridgeApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
