// Electron main process: thin glue that owns windows and menus and relays the contract to the engine.
import { app, BrowserWindow, dialog, session } from 'electron'
import { join } from 'node:path'
import { defaultDataDir } from '../engine/data-dir'
import type { EngineClient } from '../engine-host/client'
import { startEngineProcess } from './engine-process'
import { serveContract } from './ipc'
import { fileToOpen, filesToOpen } from './launch-files'
import { installMenu } from './menu'
import { OfferedFiles } from './offered-files'
import { printPdf } from './print-pdf'
import { SafeStorageSecretStore } from './safe-storage-secret-store'
import { chooseSaveTarget } from './save-dialog'
import { lockDownSession } from './session-policy'
import { createMainWindow, isOwnPage } from './window'

app.enableSandbox()
// A second launch (opening a file from the file manager while the app runs) hands its arguments to this one.
if (app.requestSingleInstanceLock()) start()
else app.quit()

function start(): void {
  const offered = new OfferedFiles()
  offered.offer(filesToOpen(process.argv, { cwd: process.cwd(), defaultApp: process.defaultApp }))
  // macOS passes files to open (Finder, Dock, file associations) by event, possibly before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    const file = fileToOpen(path, process.cwd())
    if (file) offered.offer([file])
  })

  app.whenReady().then(async () => {
    lockDownSession(session.defaultSession)
    let engine: EngineClient
    try {
      // The same data folder as browser mode and the CLI: a session is the same whichever front opened it.
      const dataDir = defaultDataDir()
      // Remote hosts' keys and passwords: sealed by the OS keychain (safeStorage) here, in the main process.
      const secrets = new SafeStorageSecretStore(join(dataDir, 'secrets.json'))
      engine = await startEngineProcess({ dataDir, mode: 'electron', version: app.getVersion(), chooseSaveTarget, printPdf, secrets })
    } catch (error) {
      dialog.showErrorBox('DHCP Field Kit cannot start', (error as Error).message)
      app.quit()
      return
    }
    const stop = serveContract(engine, isOwnPage, () => BrowserWindow.getAllWindows())
    const openWindow = () => offered.deliverTo(createMainWindow(), engine)
    installMenu()
    openWindow()
    app.on('second-instance', (_event, argv, workingDirectory) => {
      const window = BrowserWindow.getAllWindows()[0]
      if (window?.isMinimized()) window.restore()
      window?.focus()
      offered.offer(filesToOpen(argv, { cwd: workingDirectory, defaultApp: process.defaultApp }))
    })
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
    app.on('will-quit', () => {
      stop()
      void engine.close()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
