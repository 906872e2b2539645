// The engine's printer in the desktop app (see EngineOptions.printPdf): a session's report printed to PDF by a
// hidden window that runs no script, has no Node and no preload, in a session of its own locked down like the
// app's, whose policy lets the page load nothing. The page is a file in a private temporary folder (a data: URL
// is capped at 2 MB), gone with the window once printed.
import { BrowserWindow, session, type Session } from 'electron'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { reportCsp } from '../contract/csp'
import { lockDownSession } from './session-policy'

/** No "persist:" prefix: the session lives in memory, nothing of it on disk. */
const PRINT_PARTITION = 'fieldkit-print'

let printSession: Session | null = null

function lockedPrintSession(): Session {
  if (!printSession) {
    printSession = session.fromPartition(PRINT_PARTITION)
    lockDownSession(printSession, reportCsp)
  }
  return printSession
}

export async function printPdf(html: string): Promise<Buffer> {
  const folder = mkdtempSync(join(tmpdir(), 'fieldkit-print-'))
  const page = join(folder, 'report.html')
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, session: lockedPrintSession() },
  })
  try {
    // The report's links are anchors within it; nothing may take the window elsewhere or open another.
    window.webContents.on('will-navigate', (event) => event.preventDefault())
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
    writeFileSync(page, html)
    await window.loadFile(page)
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' })
  } finally {
    window.destroy()
    rmSync(folder, { recursive: true, force: true })
  }
}
