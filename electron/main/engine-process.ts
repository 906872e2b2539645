// The engine in an Electron utilityProcess: a long load or filter runs there, never on the main process's
// thread, so no window freezes while it works.
import { utilityProcess } from 'electron'
import { join } from 'node:path'
import { EngineClient, type ClientOptions } from '../engine-host/client'
import { withMallocTunables } from '../engine-host/malloc-tunables'
import type { FromHost, ToHost } from '../engine-host/protocol'

export function startEngineProcess(options: ClientOptions): Promise<EngineClient> {
  const child = utilityProcess.fork(join(import.meta.dirname, 'engine-host.js'), [], { serviceName: 'DHCP Field Kit engine', stdio: 'inherit', env: withMallocTunables(process.env) })
  return EngineClient.start({
    post: (message: ToHost) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (m) => listener(m as FromHost)),
    onExit: (listener) => child.once('exit', (code) => listener(`exit code ${code}`)),
  }, options)
}
