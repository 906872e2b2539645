// Starts the built main process (out/main/index.js) in a child Node process against the recording stand-in for
// electron (electron.mjs beside this file: it is not Electron), so the glue is tested without the Electron binary
// and without touching vitest's own module graph. Requests are played by run-main.mjs.
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, SaveDialogOptions, SaveDialogReturnValue, WindowOpenHandlerResponse } from 'electron'
import { tempDataDir } from '../engine'
import { tempDir } from '../temp'

const root = new URL('../../../', import.meta.url).pathname
export const outDir = join(root, 'out')
export const builtMain = join(outDir, 'main/index.js')
const runner = join(root, 'test/helpers/electron-stand-in/run-main.mjs')

export interface Recorded {
  sandboxEnabled: boolean
  quitRequested: boolean
  menu: string[] | null
  ipcChannels: string[]
  windows: Array<{
    options: BrowserWindowConstructorOptions
    loaded: { file: string } | { url: string } | null
    focused: number
    /** webContents.send calls, as [channel, ...args]. */
    sent: unknown[][]
    /** The options of webContents.printToPDF, if it was asked. */
    printed: PrintToPDFOptions | null
    destroyed: boolean
  }>
  saveDialogs: Array<{ parented: boolean; options: SaveDialogOptions }>
  utilityProcesses: Array<{ modulePath: string; args: string[]; options: { serviceName?: string } }>
  externalOpens: string[]
  /** safeStorage seals and unseals (the OS keychain's part). */
  sealed: number
  unsealed: number
}

type Outcome = { result: unknown } | { error: { code: string; message: string } }

/** The requests run-main.mjs serves, as the test sees them. */
export interface Requests {
  becomeReady(): void
  appEvent(name: string, ...args: unknown[]): { defaultPrevented: boolean }
  contentsEvent(name: string, url?: string): { defaultPrevented: boolean }
  windowOpen(url: string): WindowOpenHandlerResponse
  invoke(channel: string, senderUrl: string, ...args: unknown[]): Outcome
  /** `partition`: a session of session.fromPartition; the default session without it. */
  permissionRequest(permission: string, partition?: string): boolean
  permissionCheck(permission: string, partition?: string): boolean
  devicePermission(partition?: string): boolean
  responseHeaders(url: string, partition?: string): Record<string, string[]>
  answerSaveDialogs(answer: SaveDialogReturnValue): void
  loadPreload(pageUrl: string): string[]
  pageCall(method: string, params: unknown): Outcome
  pageStageFromDisk(path: string): Outcome
  pageStageForged(name: string): Outcome
  pageStageNotAFile(value: unknown): Outcome
  recorded(): Recorded
}

export interface LaunchOptions {
  /** The arguments after the executable, as a shell or file manager gives them. */
  args?: string[]
  /** Started as `electron <app folder> …`, as in development. */
  defaultApp?: boolean
  cwd?: string
  env?: Record<string, string>
}

export interface BuiltMain {
  request<R extends keyof Requests>(name: R, ...args: Parameters<Requests[R]>): Promise<ReturnType<Requests[R]>>
  /** The data folder (FIELDKIT_DATA_DIR), also what app.getPath("userData") answers. */
  readonly dataDir: string
  readonly documents: string
  stop(): void
}

export async function launchBuiltMain(options: LaunchOptions = {}): Promise<BuiltMain> {
  const dataDir = tempDataDir()
  const documents = tempDir('fieldkit-documents')
  const env: NodeJS.ProcessEnv = {
    ...process.env, FIELDKIT_OUT_DIR: outDir, FIELDKIT_STAND_IN_USER_DATA: dataDir, FIELDKIT_DATA_DIR: dataDir, FIELDKIT_STAND_IN_DOCUMENTS: documents,
    FIELDKIT_STAND_IN_DEFAULT_APP: options.defaultApp ? '1' : '0', ...options.env,
  }
  if (!options.env?.ELECTRON_RENDERER_URL) delete env.ELECTRON_RENDERER_URL
  const child = fork(runner, options.args ?? [], { cwd: options.cwd ?? root, env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'pipe', 'ipc'] })
  let stderr = ''
  child.stderr!.on('data', (chunk) => (stderr += chunk))
  await started(child, () => stderr)
  return {
    dataDir,
    documents,
    request: (name, ...args) => exchange(child, name, args, () => stderr),
    stop: () => child.kill(),
  }
}

function started(child: ChildProcess, stderr: () => string): Promise<void> {
  return new Promise((done, fail) => {
    child.once('message', () => done())
    child.once('exit', (code) => fail(new Error(`The built main process exited (${code}) before it started:\n${stderr()}`)))
  })
}

let nextId = 0

function exchange<T>(child: ChildProcess, request: string, args: unknown[], stderr: () => string): Promise<T> {
  const id = ++nextId
  return new Promise((done, fail) => {
    const onExit = (code: number | null) => fail(new Error(`The built main process exited (${code}) during ${request}:\n${stderr()}`))
    const onMessage = (message: { id: number; result?: T; error?: string }) => {
      if (message.id !== id) return
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (message.error) fail(new Error(`${request} failed in the built main process: ${message.error}`))
      else done(message.result as T)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
    child.send({ id, request, args })
  })
}
