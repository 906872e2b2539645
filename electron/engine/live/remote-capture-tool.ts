// Which capture program a remote host has (tcpdump first, then Wireshark's dumpcap), whether we are root there,
// and the command line that streams its capture to stdout.
import type { Client } from 'ssh2'
import type { CaptureRequest } from './source'
import { noToolError, type SshPlace } from './ssh-errors'
import { runRemote, shellQuote } from './remote-shell'

export interface RemoteCaptureTool {
  kind: 'tcpdump' | 'dumpcap'
  /** Absolute, so a sudoers rule for that path matches. */
  path: string
  root: boolean
  /** sudo's path, when installed: tried (`sudo -n`, never asking a password) when capturing as ourselves is refused. */
  sudo?: string
}

// Debian and others keep tcpdump in /usr/sbin, which is not in an ordinary user's PATH.
const PROBE_SCRIPT = `echo "uid=$(id -u 2>/dev/null)"
for t in tcpdump dumpcap sudo; do
  p=$(command -v "$t" 2>/dev/null) || p=
  if [ -z "$p" ] && [ -x "/usr/sbin/$t" ]; then p="/usr/sbin/$t"; fi
  echo "$t=$p"
done`

export async function findRemoteCaptureTool(client: Client, place: SshPlace): Promise<RemoteCaptureTool> {
  const found = new Map<string, string>()
  for (const line of (await runRemote(client, PROBE_SCRIPT)).stdout.split('\n')) {
    const at = line.indexOf('=')
    if (at > 0) found.set(line.slice(0, at), line.slice(at + 1).trim())
  }
  const absolute = (name: string) => (found.get(name)?.startsWith('/') ? found.get(name) : undefined)
  const root = found.get('uid') === '0'
  const sudo = absolute('sudo')
  const tcpdump = absolute('tcpdump')
  if (tcpdump) return { kind: 'tcpdump', path: tcpdump, root, sudo }
  const dumpcap = absolute('dumpcap')
  if (dumpcap) return { kind: 'dumpcap', path: dumpcap, root, sudo }
  throw noToolError(place)
}

/**
 * The script that captures to stdout, unbuffered, after telling its pid on stderr (so stop() can fall back to
 * `kill` when the server ignores SSH signal requests). `exec` keeps that pid for the capture program itself.
 */
export function captureScript(tool: RemoteCaptureTool, request: CaptureRequest, withSudo: boolean): string {
  const args = tool.kind === 'tcpdump' ? tcpdumpArgs(request) : dumpcapArgs(request)
  const program = withSudo && tool.sudo ? [tool.sudo, '-n', tool.path] : [tool.path]
  return `echo "fieldkit-pid=$$" >&2; exec ${[...program, ...args].map(shellQuote).join(' ')}`
}

function tcpdumpArgs(request: CaptureRequest): string[] {
  return [
    '-U', '--immediate-mode', '-w', '-', '-i', request.iface,
    ...(request.snaplen ? ['-s', String(request.snaplen)] : []),
    ...(request.bufferMb ? ['-B', String(request.bufferMb * 1024)] : []),
    // After `--`, a filter can never pass for an option (tcpdump's -z runs a command, as root under sudo).
    ...(request.filter.trim() ? ['--', request.filter] : []),
  ]
}

function dumpcapArgs(request: CaptureRequest): string[] {
  return [
    '-w', '-', '-i', request.iface,
    ...(request.snaplen ? ['-s', String(request.snaplen)] : []),
    ...(request.bufferMb ? ['-B', String(request.bufferMb)] : []),
    ...(request.filter.trim() ? ['-f', request.filter] : []),
  ]
}
