// Where the app's own files are, whether this runs from source or from out/main.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The app's folder: the nearest one above this module with package.json. */
function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return `${dir}/`
}

export const root = appRoot()

/** A built entry point of out/main (engine-host.js, index-worker.js), or null when the app is not built. */
export function builtEntry(name: string): string | null {
  const path = `${root}out/main/${name}.js`
  return existsSync(path) ? path : null
}
