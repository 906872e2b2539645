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

const ROOT_REFUSAL = `fieldkit: not starting the desktop app as root. Chromium's sandbox cannot run as root, so every page of the
app would run without it, and a hostile capture that broke the renderer would hold root. Start it as your own
user (capture rights come from the capture helper, not from running the app as root), or, knowing this, run
\`npm start -- --no-sandbox\`.
`

export async function startCommand(args: string[]): Promise<number> {
  const binary = electronBinary()
  const noSandbox = args.includes('--no-sandbox')
  if (!binary) {
    process.stdout.write('The Electron binary is not installed here (it could not be downloaded), so the app starts in browser mode.\n')
    return serveCommand(args.filter((a) => a !== '--no-sandbox'))
  }
  if (process.getuid?.() === 0 && !noSandbox) {
    process.stderr.write(ROOT_REFUSAL)
    return 1
  }
  process.stdout.write(noSandbox ? 'Starting the desktop app (Electron) WITHOUT Chromium\'s sandbox, as asked.\n' : 'Starting the desktop app (Electron).\n')
  const child = spawn(binary, ['.', ...(noSandbox ? ['--no-sandbox'] : [])], { stdio: 'inherit' })
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)))
}
