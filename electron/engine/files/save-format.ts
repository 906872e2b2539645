// What the engine asks the front's save dialog to save: a capture, or a lease table as CSV.
import type { WritableFormat } from '../capture-file/write'

export type SaveFormat = WritableFormat | 'csv'
