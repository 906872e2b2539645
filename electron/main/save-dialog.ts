import { app, BrowserWindow, dialog, type FileFilter } from 'electron'
import { join } from 'node:path'
import type { SaveFormat } from '../engine/files/save-format'

const FILTERS: Record<SaveFormat, FileFilter> = {
  pcap: { name: 'pcap capture', extensions: ['pcap'] },
  pcapng: { name: 'pcapng capture', extensions: ['pcapng'] },
  csv: { name: 'CSV table', extensions: ['csv'] },
  zip: { name: 'DHCP Field Kit bundle', extensions: ['zip'] },
  pdf: { name: 'PDF document', extensions: ['pdf'] },
}

/**
 * The engine's `chooseSaveTarget`: the native save dialog; null when the user cancels. The engine replaces an
 * existing file at the chosen path, so the dialog must have asked first (Linux asks only when told to).
 */
export async function chooseSaveTarget(suggestedName: string, format: SaveFormat): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [FILTERS[format]],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  }
  const window = BrowserWindow.getFocusedWindow()
  const { canceled, filePath } = await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options))
  return canceled || !filePath ? null : filePath
}
