// The command line as it ships: the built `out/main/fieldkit.js` (the package's bin), run as a process.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const FIELDKIT = new URL('../../out/main/fieldkit.js', import.meta.url).pathname

/** The command that runs the CLI; fails with the fix when the app is not built (npm test builds it first). */
export function fieldkitCommand(): [string, string] {
  if (!existsSync(FIELDKIT)) throw new Error(`${FIELDKIT} is missing: run npm run build (npm test builds it first).`)
  return [process.execPath, FIELDKIT]
}

export function runFieldkit(args: string[], options: { input?: Buffer; timeout?: number } = {}): { code: number | null; stdout: string; stderr: string } {
  const [node, cli] = fieldkitCommand()
  const result = spawnSync(node, [cli, ...args], { encoding: 'utf8', input: options.input, timeout: options.timeout ?? 60_000, maxBuffer: 1 << 28 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}
