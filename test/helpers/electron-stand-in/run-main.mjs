// Child process (forked by launch.ts): runs the built main process and preload in plain Node against the
// recording stand-in for electron, then serves the test's requests over the fork channel. Each request plays
// Electron's part (fire an event, call a handler the app registered, call window.fieldkit as the page would)
// or reads back what was recorded.
import { readFileSync } from 'node:fs'
import { register } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as electron from './electron.mjs'

const { record, standIn } = electron
const outDir = process.env.FIELDKIT_OUT_DIR

/** An Electron event object: preventDefault() is how a handler refuses. */
function standInEvent(url) {
  return { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true } }
}

function firstWindow() {
  const window = record.windows[0]
  if (!window) throw new Error('The main process opened no window.')
  return window
}

/** The recorded policies of the default session, or of a partition's (session.fromPartition). */
function sessionRecord(partition) {
  const recorded = partition === undefined ? record.session : record.partitions.get(partition)
  if (!recorded) throw new Error(`The main process made no session of the partition ${partition}.`)
  return recorded
}

/** A window's options as a message can carry them: its session named by its partition. */
function windowOptions(options) {
  const session = options.webPreferences?.session
  return session ? { ...options, webPreferences: { ...options.webPreferences, session: { partition: session.partition } } } : options
}

function handler(channel) {
  const registered = record.ipcHandlers.get(channel)
  if (!registered) throw new Error(`No IPC handler for ${channel}.`)
  return registered
}

function page() {
  const api = record.exposed.get('fieldkit')
  if (!api) throw new Error('The preload is not loaded, or exposed no window.fieldkit.')
  return api
}

const requests = {
  /** Electron is ready: the app starts its engine's process, then opens its window (or gives up and quits). */
  becomeReady: async () => {
    standIn.becomeReady()
    for (let waited = 0; record.windows.length === 0 && !record.quitRequested && waited < 20_000; waited += 20) {
      await new Promise((settled) => setTimeout(settled, 20))
    }
  },
  appEvent: (name, ...args) => {
    const event = standInEvent()
    electron.app.emit(name, event, ...args)
    return { defaultPrevented: event.defaultPrevented }
  },
  /** A webContents event of the first window; navigation events carry their URL as Electron's do. */
  contentsEvent: (name, url) => {
    const event = standInEvent(url)
    firstWindow().webContents.emit(name, event, url)
    return { defaultPrevented: event.defaultPrevented }
  },
  windowOpen: (url) => firstWindow().webContents.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' }),
  /** What a main-process IPC handler answers a message from a frame at `senderUrl`. */
  invoke: (channel, senderUrl, ...args) => handler(channel)({ senderFrame: { url: senderUrl } }, ...args),
  permissionRequest: (permission, partition) => new Promise((answer) => sessionRecord(partition).permissionRequest(null, permission, answer, {})),
  permissionCheck: (permission, partition) => sessionRecord(partition).permissionCheck(null, permission, 'file:///', {}),
  devicePermission: (partition) => sessionRecord(partition).devicePermission({ deviceType: 'usb', origin: 'file://', device: {} }),
  responseHeaders: (url, partition) => new Promise((answer) => {
    sessionRecord(partition).headersListener({ url, responseHeaders: { 'X-Kept': ['yes'] } }, (response) => answer(response.responseHeaders))
  }),
  answerSaveDialogs: (answer) => {
    standIn.saveDialogAnswer = answer
  },
  /** Runs the built preload as Electron runs a sandboxed one: a function given a `require` that has electron. */
  loadPreload: (pageUrl) => {
    standIn.pageUrl = pageUrl
    const module = { exports: {} }
    const requireInSandbox = (name) => {
      if (name !== 'electron') throw new Error(`A sandboxed preload cannot require "${name}".`)
      return electron
    }
    new Function('require', 'module', 'exports', readFileSync(join(outDir, 'preload/index.cjs'), 'utf8'))(requireInSandbox, module, module.exports)
    return [...record.exposed.keys()]
  },
  pageCall: (method, params) => page().call(method, params),
  pageStageFromDisk: (path) => page().stageFile(standIn.fileFromDisk(path)),
  /** A File the page made itself, named like a file the user never chose. */
  pageStageForged: (name) => page().stageFile(new File(['forged'], name)),
  pageStageNotAFile: (value) => page().stageFile(value),
  recorded: () => ({
    sandboxEnabled: record.sandboxEnabled,
    quitRequested: record.quitRequested,
    menu: record.menu,
    ipcChannels: [...record.ipcHandlers.keys()],
    windows: record.windows.map((w) => ({
      options: windowOptions(w.options), loaded: w.loaded, focused: w.focused, sent: w.webContents.sent, printed: w.webContents.printed, destroyed: w.destroyed,
    })),
    saveDialogs: record.saveDialogs,
    externalOpens: record.externalOpens,
    utilityProcesses: record.utilityProcesses,
    sealed: record.sealed ?? 0,
    unsealed: record.unsealed ?? 0,
  }),
}

process.on('message', async ({ id, request, args }) => {
  try {
    process.send({ id, result: await requests[request](...args) })
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.stack : String(error) })
  }
})

// The main process reads its launch as Electron gives it: argv[0] the executable, then the arguments.
process.argv = [process.execPath, ...process.argv.slice(2)]
process.defaultApp = process.env.FIELDKIT_STAND_IN_DEFAULT_APP === '1'
register('./hooks.mjs', import.meta.url)
await import(pathToFileURL(join(outDir, 'main/index.js')).href)
process.send({ started: true })
