// The dependency direction: renderer → contract → engine; nothing below the Electron glue imports Electron.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url).pathname

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    return statSync(join(root, path)).isDirectory() ? sources(path) : /\.(ts|vue)$/.test(name) ? [path] : []
  })
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2])
}

describe('architecture', () => {
  it('the engine, contract, browser server and CLI import nothing from electron', () => {
    const files = ['electron/engine', 'electron/lab', 'electron/contract', 'electron/server', 'electron/cli'].flatMap(sources)
    expect(files.length).toBeGreaterThan(20)
    const offenders = files.filter((f) => imports(f).some((spec) => spec === 'electron' || spec.startsWith('electron/') || spec.includes('/main/') || spec.includes('/preload/')))
    expect(offenders).toEqual([])
  })

  it('the renderer reaches the engine only through the contract', () => {
    const files = sources('renderer/src')
    const offenders = files.filter((f) => imports(f).some((spec) => spec.includes('electron/') && !spec.includes('electron/contract/')))
    expect(offenders).toEqual([])
    const electronImports = files.filter((f) => imports(f).includes('electron'))
    expect(electronImports).toEqual([])
  })
})
