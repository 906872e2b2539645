import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'
import { isTrustedUrl, rendererEntry } from './trust'

/** External links the app may open in the user's browser; everything else is refused. */
const EXTERNAL_ALLOWED = [/^https:\/\/(www\.)?isc\.org\//, /^https:\/\/kea\.readthedocs\.io\//]

const entry = rendererEntry(process.env.ELECTRON_RENDERER_URL, import.meta.dirname)

/** The app's own page, exactly: the only sender the IPC handlers serve and the only place a window may go. */
export function isOwnPage(url: string): boolean {
  return isTrustedUrl(url, entry)
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'DHCP Field Kit',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  window.once('ready-to-show', () => window.show())
  // A redirect is a navigation too: a server the page could reach must not move it elsewhere.
  const stayOnOwnPage = (event: Electron.Event<{ url: string }>) => {
    if (!isOwnPage(event.url)) event.preventDefault()
  }
  window.webContents.on('will-navigate', stayOnOwnPage)
  window.webContents.on('will-redirect', stayOnOwnPage)
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOWED.some((pattern) => pattern.test(url))) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  if ('url' in entry) void window.loadURL(entry.url)
  else void window.loadFile(entry.file)
  return window
}
