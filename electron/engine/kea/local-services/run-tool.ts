// Runs one of the fixed local tools (keactrl, systemctl) with a fixed argument list: never a word from the page.
// The sbin folders are searched too, where keactrl and systemctl live but a user's PATH may not reach. What it
// printed is bounded and the run is timed out, so a stuck tool gives a sentence, not a hang.
import { execFile } from 'node:child_process'

const MAX_OUTPUT_BYTES = 1024 * 1024
const TIMEOUT_MS = 10_000
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin']

export type ToolRun =
  | { ran: true; exitCode: number; stdout: string; stderr: string }
  | { ran: false; reason: 'missing' | 'denied' | 'timeout' | 'too-large' | 'other'; detail: string }

export function runTool(command: string, args: readonly string[]): Promise<ToolRun> {
  const path = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SBIN].join(':')
  // C.UTF-8 keeps the tools' words (and systemctl's state glyphs) as this parser knows them; no pager, no colors.
  const env = { PATH: path, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', SYSTEMD_PAGER: '', SYSTEMD_COLORS: '0' }
  return new Promise((resolve) => {
    execFile(command, [...args], { env, timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve({ ran: true, exitCode: 0, stdout, stderr })
      const failure = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean; signal?: string }
      if (failure.code === 'ENOENT') return resolve({ ran: false, reason: 'missing', detail: failure.message })
      if (failure.code === 'EACCES' || failure.code === 'EPERM') return resolve({ ran: false, reason: 'denied', detail: failure.message })
      if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return resolve({ ran: false, reason: 'too-large', detail: failure.message })
      if (failure.killed || failure.signal === 'SIGTERM') return resolve({ ran: false, reason: 'timeout', detail: failure.message })
      if (typeof failure.code === 'number') return resolve({ ran: true, exitCode: failure.code, stdout, stderr })
      resolve({ ran: false, reason: 'other', detail: failure.message })
    })
  })
}

/** A sentence for a tool that did not run; `missing` differs per tool and is the caller's. */
export function notRun(tool: string, run: Extract<ToolRun, { ran: false }>, missing: string): string {
  switch (run.reason) {
    case 'missing': return missing
    case 'denied': return `${tool} may not be run by this user (permission denied): run the app as a user allowed to, or ask Kea through its API.`
    case 'timeout': return `${tool} did not finish within ${TIMEOUT_MS / 1000} s and was stopped: the machine may be overloaded, or ${tool} waits for something; try it in a terminal.`
    case 'too-large': return `${tool} printed more than 1 MiB, which is not what it prints for Kea's services; try it in a terminal.`
    default: return `${tool} could not be run: ${run.detail}.`
  }
}
