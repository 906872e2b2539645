import type { ContractErrorShape } from '../contract/methods'
import type { FileRef } from '../contract/types'

export const CALL_CHANNEL = 'fieldkit:call'
export const EVENT_CHANNEL = 'fieldkit:event'
/** Private to the preload: the path of a file the user picked or dropped, for the main process to grant. */
export const STAGE_CHANNEL = 'fieldkit:stage'

/** What a call returns over IPC: Electron flattens thrown errors to text, so failures travel as data. */
export type CallOutcome = { result: unknown } | { error: ContractErrorShape }
export type StageOutcome = { result: FileRef } | { error: ContractErrorShape }
