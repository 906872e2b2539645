// `fieldkit probe … --json` as scripts run it, inside the lab's client namespace: its exit code, result and stderr.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Dhcp4ClientResult } from '../../electron/engine/client/dhcp4-client'
import { labStatus } from '../../electron/lab/lab'
import { fieldkitCommand } from './fieldkit'

export type ProbeShown = Omit<Dhcp4ClientResult, 'packets'> & { packets: number }

export async function labProbe(...args: string[]): Promise<{ code: number; result: ProbeShown; stderr: string }> {
  const [node, cli] = fieldkitCommand()
  const { clientNamespace } = labStatus()
  const ran = await promisify(execFile)('ip', ['netns', 'exec', clientNamespace, node, cli, 'probe', ...args, '--json'], { timeout: 60_000 })
    .then((done) => ({ ...done, code: 0 }), (error: { code: number; stdout: string; stderr: string }) => error)
  if (!ran.stdout.trim()) throw new Error(`fieldkit probe ${args.join(' ')} printed no result (exit ${ran.code}): ${ran.stderr}`)
  return { code: ran.code, result: JSON.parse(ran.stdout) as ProbeShown, stderr: ran.stderr }
}
