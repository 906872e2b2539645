import type { ContractErrorShape } from '../contract/methods'

export const CALL_CHANNEL = 'fieldkit:call'
export const EVENT_CHANNEL = 'fieldkit:event'

/** What a call returns over IPC: Electron flattens thrown errors to text, so failures travel as data. */
export type CallOutcome = { result: unknown } | { error: ContractErrorShape }
