// What the engine asks the front's save dialog to save: a capture, a lease table as CSV, a session's bundle (zip)
// or its report as a PDF.
import type { WritableFormat } from '../capture-file/write'

export type SaveFormat = WritableFormat | 'csv' | 'zip' | 'pdf'
