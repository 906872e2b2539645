// The files the app was asked to open when launched: from a shell, a file manager or a file association. Pure
// (no `electron` import), so it is tested in plain Node. Whether a file is a capture is the engine's business.
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface LaunchContext {
  /** The folder the command was run in (a second instance's own, for a second launch). */
  cwd: string
  /** Started as `electron <app folder> …` (development): the first argument names the app, not a file. */
  defaultApp: boolean
}

/** The existing files named in `argv` (argv[0] is the executable), as absolute paths, in order. */
export function filesToOpen(argv: readonly string[], { cwd, defaultApp }: LaunchContext): string[] {
  // Flags are Electron's, Chromium's (a second instance's argv gains some) or the user's (`--no-sandbox`).
  const positional = argv.slice(1).filter((arg) => !arg.startsWith('-'))
  if (defaultApp) positional.shift()
  return positional.flatMap((arg) => {
    const path = fileToOpen(arg, cwd)
    return path === null ? [] : [path]
  })
}

/** One argument as an absolute path to an existing file, or null. Desktop entries may pass `file://` URLs (%U). */
export function fileToOpen(arg: string, cwd: string): string | null {
  try {
    const path = arg.startsWith('file:') ? fileURLToPath(arg) : resolve(cwd, arg)
    return statSync(path, { throwIfNoEntry: false })?.isFile() ? path : null
  } catch {
    // Not a local file URL, an unreadable folder, a NUL byte in the name: nothing to open.
    return null
  }
}
