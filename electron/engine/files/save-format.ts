// What the engine asks the front's save dialog to save: a capture, a lease table as CSV, or a session's bundle (zip).
import type { WritableFormat } from '../capture-file/write'

export type SaveFormat = WritableFormat | 'csv' | 'zip'
