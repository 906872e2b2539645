import { BrowserWindow, shell } from 'electron'
import { join } from 'node:path'

/** External links the app may open in the user's browser; everything else is refused. */
const EXTERNAL_ALLOWED = [/^https:\/\/(www\.)?isc\.org\//, /^https:\/\/kea\.readthedocs\.io\//]

export function rendererEntry(): { url: string } | { file: string } {
  const dev = process.env.ELECTRON_RENDERER_URL
  return dev ? { url: dev } : { file: join(import.meta.dirname, '../renderer/index.html') }
}

export function isTrustedUrl(url: string): boolean {
  const entry = rendererEntry()
  return 'url' in entry ? url.startsWith(entry.url) : url.startsWith('file://') && url.includes('/renderer/index.html')
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
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOWED.some((pattern) => pattern.test(url))) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  const entry = rendererEntry()
  if ('url' in entry) void window.loadURL(entry.url)
  else void window.loadFile(entry.file)
  return window
}
