// Running small POSIX sh scripts on a connected host. The user's login shell may be anything (bash, zsh, fish):
// every script is handed to `sh -c` as one quoted word, and every value in it is quoted again.
import type { Client, ClientChannel } from 'ssh2'
import { CaptureSourceError } from './source'
import { oneLine } from './ssh-errors'

/** Output beyond this is cut off: a probe or an interface list is a few kilobytes. */
const MAX_OUTPUT_BYTES = 1024 * 1024

export interface RemoteResult {
  stdout: string
  stderr: string
  /** The exit status, or null when the remote ended by a signal. */
  code: number | null
}

/** `value` as one sh word, whatever it holds. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** The command line that runs `script` in sh, whatever the login shell. */
export function shCommand(script: string): string {
  return `exec sh -c ${shellQuote(script)}`
}

/** Opens `script` as an exec channel (no terminal: stdout stays binary-clean, stderr separate). */
export function openRemote(client: Client, script: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(shCommand(script), (error, channel) => {
      if (error) reject(new CaptureSourceError('failed', `The server refused to run a command: ${oneLine(error.message)}.`))
      else resolve(channel)
    })
  })
}

/** Runs `script` to its end, keeping at most 1 MiB of each output. */
export async function runRemote(client: Client, script: string): Promise<RemoteResult> {
  const channel = await openRemote(client, script)
  return new Promise((resolve) => {
    const stdout = new BoundedText()
    const stderr = new BoundedText()
    let code: number | null = null
    channel.on('data', (chunk: Buffer) => stdout.add(chunk))
    channel.stderr.on('data', (chunk: Buffer) => stderr.add(chunk))
    channel.on('exit', (exitCode: number | null) => {
      code = exitCode
    })
    channel.on('close', () => resolve({ stdout: stdout.text(), stderr: stderr.text(), code }))
  })
}

/** Collects text up to MAX_OUTPUT_BYTES and drops the rest. */
export class BoundedText {
  private readonly chunks: Buffer[] = []
  private size = 0

  add(chunk: Buffer): void {
    const room = MAX_OUTPUT_BYTES - this.size
    if (room <= 0) return
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk
    this.chunks.push(kept)
    this.size += kept.length
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8')
  }
}
