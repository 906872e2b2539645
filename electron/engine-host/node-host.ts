// The engine in a Node child process: browser mode's server and the tests. (Electron uses a utilityProcess; see
// electron/main/engine-process.ts.)
import { fork } from 'node:child_process'
import { EngineClient, type ClientOptions } from './client'
import { withExtraCaCertsBack } from '../engine/default-trust'
import { withMallocTunables } from './malloc-tunables'
import type { FromHost, ToHost } from './protocol'

/** `entry` is the built engine-host.js (out/main/), beside the CLI. The client carries the process's pid. */
export async function forkEngineHost(entry: string, options: ClientOptions): Promise<EngineClient & { readonly pid: number }> {
  // 'advanced' serialization carries binary data (frame bytes) as such, not as JSON.
  const child = fork(entry, [], { env: withExtraCaCertsBack(withMallocTunables(process.env)), serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  // A message to a process that has just died is dropped: the client fails its calls once the exit is seen.
  child.on('error', () => {})
  try {
    const client = await EngineClient.start({
      post: (message: ToHost) => {
        if (child.connected) child.send(message)
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as FromHost)),
      onExit: (listener) => child.once('exit', (code, signal) => listener(signal ?? `exit code ${code}`)),
    }, options)
    return Object.assign(client, { pid: child.pid! })
  } catch (error) {
    child.kill()
    throw error
  }
}
