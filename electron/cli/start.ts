// `fieldkit start`: the desktop app where the Electron binary is installed, else browser mode; says which.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { serveCommand } from './serve'

/** The Electron binary's path if `npm install` could download it (it cannot on offline machines). */
export function electronBinary(): string | null {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

export async function startCommand(args: string[]): Promise<number> {
  const binary = electronBinary()
  if (!binary) {
    process.stdout.write('The Electron binary is not installed here (it could not be downloaded), so the app starts in browser mode.\n')
    return serveCommand(args)
  }
  process.stdout.write('Starting the desktop app (Electron).\n')
  const extra = process.getuid?.() === 0 ? ['--no-sandbox'] : []
  const child = spawn(binary, ['.', ...extra], { stdio: 'inherit' })
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)))
}
