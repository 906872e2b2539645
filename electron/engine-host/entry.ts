// Entry point of the engine's process: an Electron utilityProcess (talking over process.parentPort) or a Node
// child process (talking over its IPC channel), built as out/main/engine-host.js.
import { serveEngine } from './host'
import type { FromHost, Port, ToHost } from './protocol'

interface ParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

const port: Port<FromHost, ToHost> = parentPort
  ? { post: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToHost)) }
  : { post: (message) => process.send!(message), onMessage: (listener) => process.on('message', (message) => listener(message as ToHost)) }

// A Node child whose parent went away (killed, crashed) has nothing left to serve.
if (!parentPort) process.on('disconnect', () => process.exit(0))
// Ctrl+C in a terminal reaches the whole process group: the parent stops the engine cleanly (a 'stop' message), so
// the next start does not take the quit for a crash.
if (!parentPort) process.on('SIGINT', () => undefined)

serveEngine(port, () => setImmediate(() => process.exit(0)))
