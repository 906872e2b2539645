import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { chromiumUnavailable, launchChromium } from './chromium'
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

/** The app in browser mode and a Chromium page on it, with the page's errors and console errors collected. */
export interface AppPage {
  app: Awaited<ReturnType<typeof startBrowserApp>>
  browser: Browser
  page: Page
  errors: string[]
  close(): Promise<void>
  /** Closes this page and app, and opens them again on the same data folder (the lab stays as it is meanwhile). */
  reopen(): Promise<AppPage>
}

/**
 * `lab`: bring the Kea lab up first; the lab is shared with whoever else uses it, so close() takes it down only when
 * this call brought it up.
 */
export async function openAppPage({ lab = false } = {}): Promise<AppPage> {
  const labWasUp = !lab || labStatus().up
  if (lab) await labUp()
  return appPage(await startBrowserApp(), labWasUp)
}

/** `labWasUp` false: this page's close() takes the lab down, as the call that opened it brought it up. */
async function appPage(app: AppPage['app'], labWasUp: boolean): Promise<AppPage> {
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
  const stop = async () => {
    await browser.close()
    app.stop()
  }
  return {
    app, browser, page, errors,
    close: async () => {
      await stop()
      if (!labWasUp) await labDown()
    },
    reopen: async () => {
      await stop()
      return appPage(await startBrowserApp(app.dataDir), labWasUp)
    },
  }
}
