// The renderer's CSP has one definition (electron/contract/csp.ts): the build writes Electron's into the page's
// meta tag, the main process sends the same as a header (electron-main.test.ts), browser mode sends its own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronCsp } from '../../electron/contract/csp'

const root = new URL('../../', import.meta.url).pathname
const builtPage = join(root, 'out/renderer/index.html')

function metaCsp(html: string): string[] {
  return [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi)].map((m) => m[1])
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : /\.(ts|vue|html|mjs|js)$/.test(name) ? [path] : []
  })
}

describe('the Electron page\'s CSP', () => {
  const built = existsSync(builtPage)
  it.skipIf(!built)(`is written into the built index.html from the one definition${built ? '' : ' (skipped: out/renderer/index.html is missing; run npm run build)'}`, () => {
    expect(metaCsp(readFileSync(builtPage, 'utf8'))).toEqual([electronCsp()])
  })

  it('is not spelled out anywhere else in the app\'s source', () => {
    expect(metaCsp(readFileSync(join(root, 'renderer/index.html'), 'utf8'))).toEqual(['__ELECTRON_CSP__'])
    const definitions = ['electron', 'renderer'].flatMap(sourceFiles).filter((file) => readFileSync(join(root, file), 'utf8').includes('script-src'))
    expect(definitions).toEqual(['electron/contract/csp.ts'])
  })
})
