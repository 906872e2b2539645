// The engine runs in a process of its own (Electron's utilityProcess, or a Node child in browser mode), so a
// long load or filter never holds up a window or the server. This is what the fronts and that process say to
// each other; the contract's methods and events pass through it unchanged.
import type { ContractErrorShape, EventName } from '../contract/methods'
import type { AppInfo, FileRef } from '../contract/types'
import type { SaveFormat } from '../engine/files/save-format'

export interface HostOptions {
  /** Set by the front when its secret store keeps them past this run (see SecretStore.persistent). */
  secretsPersistent?: boolean
  dataDir: string
  mode: AppInfo['mode']
  version: string
  /** The front can show a save dialog: the engine asks it where to save (see EngineOptions.chooseSaveTarget). */
  saveDialog: boolean
  /** The front keeps secrets (the OS keychain, through Electron's safeStorage): the engine asks it for them. */
  secretsInFront: boolean
  /** The front can print a page to PDF (Electron's printToPDF): the engine asks it to (see EngineOptions.printPdf). */
  printPdf?: boolean
}

export type SecretRequest = { op: 'get'; key: string } | { op: 'set'; key: string; value: string } | { op: 'delete'; key: string }

export type ToHost =
  | { kind: 'start'; options: HostOptions }
  | { kind: 'call'; id: number; method: string; params: unknown }
  | { kind: 'grant'; id: number; path: string; name?: string }
  | { kind: 'save-target'; id: number; path: string | null }
  | { kind: 'secret-answer'; id: number; value?: string; error?: string }
  | { kind: 'pdf'; id: number; pdf?: Uint8Array; error?: string }
  | { kind: 'stop' }

export type FromHost =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: ContractErrorShape }
  | { kind: 'granted'; id: number; file: FileRef }
  | { kind: 'event'; name: EventName; payload: unknown }
  | { kind: 'ask-save-target'; id: number; suggestedName: string; format: SaveFormat }
  | { kind: 'secret'; id: number; request: SecretRequest }
  | { kind: 'print-pdf'; id: number; html: string }
  | { kind: 'stopped' }

/** One end of the channel between a front and the engine's process. */
export interface Port<Out, In> {
  post(message: Out): void
  onMessage(listener: (message: In) => void): void
}

/** The front's end, which also hears the engine's process end (why: a signal or an exit code). */
export interface HostPort extends Port<ToHost, FromHost> {
  onExit(listener: (why: string) => void): void
}
