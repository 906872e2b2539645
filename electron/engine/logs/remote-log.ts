// A Kea log on a saved SSH host: `tail -F` of one of Kea's usual log files, or journalctl for a Kea unit, run
// over the capture's SSH connection with fixed, quoted arguments (nothing the page typed reaches the shell).
import type { Client } from 'ssh2'
import { connectSsh, type SshOptions, type SshTarget } from '../live/ssh-connect'
import { openRemote, shellQuote } from '../live/remote-shell'
import type { FollowEvents } from './followed-file'
import type { RemoteLog } from '../../contract/log-names'
import { journalArgs, type JournalRequest } from './journal-source'

export function remoteScript(log: RemoteLog, follow: boolean, journal?: Omit<JournalRequest, 'unit' | 'follow'>): string {
  if (log.startsWith('journal:')) {
    const unit = log.slice('journal:'.length) as JournalRequest['unit']
    return `exec journalctl ${journalArgs({ ...journal, unit, follow }).map(shellQuote).join(' ')}`
  }
  // tail -F follows the name across rotation; without follow, cat reads it once. 2>&1 is not used: errors stay on stderr.
  return follow ? `exec tail -n +1 -F -- ${shellQuote(log)}` : `exec cat -- ${shellQuote(log)}`
}

const MAX_STDERR = 4096

export async function runRemoteLog(target: SshTarget, options: SshOptions, script: string, events: FollowEvents): Promise<{ stop(): void; done: Promise<void> }> {
  const client: Client = await connectSsh(target, options)
  const channel = await openRemote(client, script)
  let stderr = ''
  channel.on('data', (chunk: Buffer) => events.chunk(chunk))
  channel.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8')
    // tail -F says on stderr what happens to the file: replaced (rotated), truncated, cannot open (not there yet).
    for (const line of chunk.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean)) events.note(`${new Date().toISOString()}: ${line.slice(0, 300)}`)
  })
  const done = new Promise<void>((resolve) => {
    channel.on('close', (code: number | null) => {
      if (code) events.failed(`the remote command failed: ${stderr.trim().split('\n').at(-1) || `exit status ${code}`}.`)
      client.end()
      resolve()
    })
  })
  return { stop: () => { channel.close(); client.end() }, done }
}
