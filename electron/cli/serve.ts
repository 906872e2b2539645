import { existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../engine/data-dir'
import { forkEngineHost } from '../engine-host/node-host'
import { DEFAULT_MAX_UPLOAD, startBrowserServer } from '../server/browser-server'
import { root } from '../engine/app-files'

export const rendererDir = `${root}out/renderer`
const engineHostEntry = `${root}out/main/engine-host.js`

export function appVersion(): string {
  return (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version
}

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string', default: '0' }, 'max-upload-mb': { type: 'string', default: String(DEFAULT_MAX_UPLOAD / 1024 / 1024) } } })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`fieldkit: --port takes a number from 0 to 65535, not "${values.port}"\n`)
    return 2
  }
  const maxUploadMb = Number(values['max-upload-mb'])
  if (!Number.isInteger(maxUploadMb) || maxUploadMb < 1) {
    process.stderr.write(`fieldkit: --max-upload-mb takes a whole number of MiB, not "${values['max-upload-mb']}"\n`)
    return 2
  }
  if (!existsSync(`${rendererDir}/index.html`) || !existsSync(engineHostEntry)) {
    process.stderr.write('fieldkit: the app is not built yet; run: npm run build\n')
    return 1
  }
  let engine
  try {
    // The engine works in a process of its own, so a long load or filter never holds up the server.
    engine = await forkEngineHost(engineHostEntry, { dataDir: defaultDataDir(), mode: 'browser', version: appVersion() })
  } catch (error) {
    process.stderr.write(`fieldkit: the engine cannot start: ${(error as Error).message}\n`)
    return 1
  }
  let server
  try {
    server = await startBrowserServer(engine, rendererDir, { port, maxUploadBytes: maxUploadMb * 1024 * 1024 })
  } catch (error) {
    await engine.close()
    const code = (error as NodeJS.ErrnoException).code
    process.stderr.write(`fieldkit: cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use; pick another with --port, or --port 0 for a free one' : (error as Error).message}\n`)
    return 1
  }
  process.stdout.write(`DHCP Field Kit (browser mode) is serving on 127.0.0.1 only.\nOpen: ${server.url}\n`)
  await new Promise<void>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => done())
  })
  await server.close()
  await engine.close()
  return 0
}
