// A recording stand-in for the `electron` module. It is NOT Electron and runs no Chromium: it lets the built main
// process and preload run in plain Node (the Electron binary cannot be installed here), records what they ask of
// Electron (windows and their options, IPC handlers, session policies, messages sent to pages, dialogs) and keeps
// the handlers they register, for run-main.mjs to drive. It has only what the app uses; anything else is missing,
// so a new use of Electron fails loudly here instead of passing unseen.
import { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { readFileSync } from 'node:fs'

/** What the app did with Electron; `standIn` below is how run-main.mjs plays Electron's part. */
export const record = {
  sandboxEnabled: false,
  quitRequested: false,
  /** The application menu's top-level labels or roles. */
  menu: null,
  ipcHandlers: new Map(),
  session: { headersListener: null, permissionRequest: null, permissionCheck: null, devicePermission: null },
  /** Sessions of session.fromPartition, by partition, recorded as the default one is. */
  partitions: new Map(),
  windows: [],
  saveDialogs: [],
  externalOpens: [],
  /** What the preload exposed to the page, by key (contextBridge.exposeInMainWorld). */
  exposed: new Map(),
  /** Processes started with utilityProcess.fork: their module, arguments and options. */
  utilityProcesses: [],
}

let markReady
const ready = new Promise((resolve) => (markReady = resolve))
/** Files "from disk" (a real File has its path inside Electron; a File the page makes has none). */
const filePaths = new WeakMap()

export const standIn = {
  /** What Electron does once initialised: resolve whenReady() and emit 'ready'. */
  becomeReady() {
    markReady()
    app.emit('ready')
  },
  /** The answer save dialogs give. */
  saveDialogAnswer: { canceled: true, filePath: '' },
  /** The URL of the page the preload runs in: what the main process sees as its IPC sender. */
  pageUrl: '',
  /** A File as the user's pick or drop gives it: webUtils.getPathForFile knows its path. */
  fileFromDisk(path) {
    const file = new File([], path.split('/').pop())
    filePaths.set(file, path)
    return file
  },
}

class App extends EventEmitter {
  enableSandbox() {
    record.sandboxEnabled = true
  }
  requestSingleInstanceLock() {
    return true
  }
  quit() {
    record.quitRequested = true
  }
  whenReady() {
    return ready
  }
  getPath(name) {
    const paths = { userData: process.env.FIELDKIT_STAND_IN_USER_DATA, documents: process.env.FIELDKIT_STAND_IN_DOCUMENTS }
    if (!paths[name]) throw new Error(`The electron stand-in has no path "${name}".`)
    return paths[name]
  }
  getVersion() {
    return '0.0.0-stand-in'
  }
}
export const app = new App()

class WebContents extends EventEmitter {
  /** Every webContents.send, as [channel, ...args]. */
  sent = []
  windowOpenHandler = null
  /** The options of printToPDF, when it was asked. */
  printed = null
  constructor(window) {
    super()
    this.window = window
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args])
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler
  }
  /** Not a PDF renderer: a PDF header, then the page the window loaded from its file, for a test to read back. */
  printToPDF(options) {
    this.printed = options
    const { loaded } = this.window
    if (!loaded || !('file' in loaded)) return Promise.reject(new Error('The stand-in prints only a page loaded from a file.'))
    return Promise.resolve(Buffer.concat([Buffer.from('%PDF-1.7\n% printed by the electron stand-in from:\n'), readFileSync(loaded.file)]))
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return record.windows.filter((w) => !w.destroyed)
  }
  static getFocusedWindow() {
    return record.windows[0] ?? null
  }
  webContents = new WebContents(this)
  /** What the window was told to load: { file } or { url }. */
  loaded = null
  focused = 0
  destroyed = false
  constructor(options) {
    super()
    this.options = options
    record.windows.push(this)
  }
  loadFile(file) {
    this.loaded = { file }
    return Promise.resolve()
  }
  loadURL(url) {
    this.loaded = { url }
    return Promise.resolve()
  }
  show() {}
  focus() {
    this.focused++
  }
  isMinimized() {
    return false
  }
  restore() {}
  destroy() {
    this.destroyed = true
    this.emit('closed')
  }
  isDestroyed() {
    return this.destroyed
  }
}

export const ipcMain = {
  handle(channel, handler) {
    if (record.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    record.ipcHandlers.set(channel, handler)
  },
  removeHandler(channel) {
    record.ipcHandlers.delete(channel)
  },
}

/** A session whose policies are kept in `recorded`. */
function recordingSession(recorded) {
  return {
    webRequest: {
      onHeadersReceived(listener) {
        recorded.headersListener = listener
      },
    },
    setPermissionRequestHandler(handler) {
      recorded.permissionRequest = handler
    },
    setPermissionCheckHandler(handler) {
      recorded.permissionCheck = handler
    },
    setDevicePermissionHandler(handler) {
      recorded.devicePermission = handler
    },
  }
}

const partitionSessions = new Map()

export const session = {
  defaultSession: recordingSession(record.session),
  fromPartition(partition) {
    if (!partitionSessions.has(partition)) {
      const recorded = { headersListener: null, permissionRequest: null, permissionCheck: null, devicePermission: null }
      record.partitions.set(partition, recorded)
      partitionSessions.set(partition, Object.assign(recordingSession(recorded), { partition }))
    }
    return partitionSessions.get(partition)
  },
}

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu(menu) {
    record.menu = menu.template.map((item) => item.label ?? item.role)
  },
}

export const shell = {
  openExternal(url) {
    record.externalOpens.push(url)
    return Promise.resolve()
  },
}

// A utilityProcess played by a Node child process: the same module, messages in and out, exit. (The engine's
// entry point speaks to either: process.parentPort in Electron, the IPC channel in Node.)
export const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    record.utilityProcesses.push({ modulePath, args, options })
    const child = fork(modulePath, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const emitter = new EventEmitter()
    child.on('message', (message) => emitter.emit('message', message))
    child.on('exit', (code) => emitter.emit('exit', code ?? 0))
    process.on('exit', () => child.kill())
    return Object.assign(emitter, { pid: child.pid, postMessage: (message) => child.send(message), kill: () => child.kill() })
  },
}

export const dialog = {
  showErrorBox(title, content) {
    record.errorBoxes ??= []
    record.errorBoxes.push({ title, content })
  },
  showSaveDialog(...args) {
    const [window, options] = args.length === 2 ? args : [null, args[0]]
    record.saveDialogs.push({ parented: window !== null, options })
    return Promise.resolve(standIn.saveDialogAnswer)
  },
}

// The preload's side: invoke reaches the main process's handler with the page as its sender, as in Electron.
// The OS keychain played by a reversible scramble (not encryption: only so a test can tell sealed text from clear
// text), with a Linux keyring backend so the app treats it as persistent. Each seal and unseal is recorded.
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString(text) {
    record.sealed = (record.sealed ?? 0) + 1
    return Buffer.concat([Buffer.from('stand-in-sealed:'), Buffer.from(text).map((b) => b ^ 0x5a)])
  },
  decryptString(sealed) {
    record.unsealed = (record.unsealed ?? 0) + 1
    return Buffer.from(sealed.subarray('stand-in-sealed:'.length).map((b) => b ^ 0x5a)).toString()
  },
}

export const ipcRenderer = {
  invoke(channel, ...args) {
    const handler = record.ipcHandlers.get(channel)
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`))
    return Promise.resolve(handler({ senderFrame: { url: standIn.pageUrl } }, ...args))
  },
}

export const contextBridge = {
  exposeInMainWorld(key, api) {
    record.exposed.set(key, api)
  },
}

export const webUtils = {
  getPathForFile(file) {
    if (!(file instanceof File)) throw new TypeError('getPathForFile takes a File')
    return filePaths.get(file) ?? ''
  },
}
