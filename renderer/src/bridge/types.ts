import type { ContractClient, ContractErrorShape, EventName, Events, MethodName, Params } from '../../../electron/contract/methods'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

/** The contract plus what differs between transports: how a user's file reaches the engine. */
export interface Bridge extends ContractClient {
  mode: 'electron' | 'browser'
  /** Makes a file the user picked or dropped readable by the engine; returns the path the engine opens. */
  stage(file: File): Promise<{ path: string; name: string }>
  onConnection(listener: (state: ConnectionState) => void): void
}

/** What electron/preload exposes on window.fieldkit. */
export interface ElectronBridgeApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<{ result: unknown } | { error: ContractErrorShape }>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
  pathForFile(file: File): string
}

/** An error from the engine, with the sentence it gave for the user. */
export class EngineError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'EngineError'
  }
}
