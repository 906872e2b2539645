// Electron main process: thin glue that owns windows and menus and relays the contract to the engine.
import { app, BrowserWindow, session } from 'electron'
import { Engine } from '../engine/engine'
import { serveContract } from './ipc'
import { installMenu } from './menu'
import { createMainWindow, isTrustedUrl } from './window'

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"

app.enableSandbox()
if (!app.requestSingleInstanceLock()) app.quit()

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  const engine = new Engine({ dataDir: app.getPath('userData'), mode: 'electron', version: app.getVersion() })
  const stop = serveContract(engine, isTrustedUrl, () => BrowserWindow.getAllWindows())
  installMenu()
  createMainWindow()
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
  app.on('will-quit', () => {
    stop()
    engine.close()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
