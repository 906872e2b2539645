// Which page is the app's own: the only one whose IPC calls reach the engine and the only place its window may
// navigate to. Compared exactly against the renderer entry this build loads. No `electron` import, so it is
// tested in plain Node.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the renderer comes from: electron-vite's dev server in development, the built index.html otherwise. */
export type RendererEntry = { url: string } | { file: string }

/** `mainDir` is the folder of the built main bundle (out/main); the renderer is built beside it. */
export function rendererEntry(devServerUrl: string | undefined, mainDir: string): RendererEntry {
  return devServerUrl ? { url: devServerUrl } : { file: join(mainDir, '../renderer/index.html') }
}

export function isTrustedUrl(url: string, entry: RendererEntry): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  // The whole URL: scheme, credentials, host, port, path, and no query or fragment (the page uses neither).
  if ('url' in entry) return parsed.href === new URL(entry.url).href
  if (parsed.protocol !== 'file:' || parsed.host !== '' || parsed.search !== '' || parsed.hash !== '') return false
  // Compared as file paths: Chromium and Node percent-encode unusual characters of an install folder differently,
  // while decoding both gives the one file. fileURLToPath refuses encoded separators (%2F), and the URL parser
  // has already resolved dot segments, encoded or not.
  try {
    return fileURLToPath(parsed) === entry.file
  } catch {
    return false
  }
}
