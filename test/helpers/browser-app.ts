import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromiumUnavailable } from './chromium'
import { tempDataDir } from './engine'
import { fieldkitCommand } from './fieldkit'

const rendererBuilt = existsSync(new URL('../../out/renderer/index.html', import.meta.url))

/** Why browser-mode tests cannot run here, or null. */
export function browserAppUnavailable(): string | null {
  return chromiumUnavailable() ?? (rendererBuilt ? null : 'the renderer is not built (npm run build; npm test builds it first)')
}

/** Starts the real `fieldkit serve` process on a free port with its own data folder; resolves its tokened URL. */
export async function startBrowserApp(dataDir = tempDataDir()): Promise<{ url: string; dataDir: string; stop(): void }> {
  const [node, cli] = fieldkitCommand()
  const serve = spawn(node, [cli, 'serve', '--port', '0'], { env: { ...process.env, FIELDKIT_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((done, fail) => {
    let out = ''
    serve.stdout!.on('data', (chunk) => {
      out += chunk
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out)
      if (match) done(match[1])
    })
    serve.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${out}`)))
  })
  return { url, dataDir, stop: () => serve.kill('SIGTERM') }
}
