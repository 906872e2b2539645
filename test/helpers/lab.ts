import { execFile, execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { restoreClientAddresses } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'

export function has(binary: string): boolean {
  try {
    execFileSync('which', [binary], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Why lab tests cannot run here, or null when they can (root, Linux, Kea and dhclient installed). */
export function labUnavailable(): string | null {
  if (process.platform !== 'linux') return 'lab tests need Linux network namespaces'
  if (process.getuid?.() !== 0) return 'lab tests need root (network namespaces); CI runs them as root'
  const missing = ['kea-dhcp4', 'kea-dhcp6', 'kea-ctrl-agent', 'dhclient', 'dumpcap', 'perfdhcp'].filter((b) => !has(b))
  return missing.length ? `lab tests need ${missing.join(', ')} (apt-get install kea-dhcp4-server kea-dhcp6-server kea-ctrl-agent isc-dhcp-client tshark)` : null
}

const dhclientScript = new URL('../../native/dhclient-vars.sh', import.meta.url).pathname

/**
 * One fresh DORA by the system dhclient in the lab's client namespace: a new lease file in `dir` each time, so it
 * starts from DISCOVER; released afterwards. Resolves with the path of the variables its script saw (JSON lines).
 */
export async function labDora(dir: string, name: string): Promise<string> {
  const pid = ['-pf', join(dir, `${name}.pid`)]
  const vars = join(dir, `${name}.jsonl`)
  try {
    await promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, 'dhclient', '-4', '-1', '-sf', dhclientScript, ...pid, '-lf', join(dir, `${name}.leases`), '-e', `FIELDKIT_VARS_FILE=${vars}`, lab.clientInterface], { timeout: 30000 })
  } finally {
    // Stops it by its pid file alone: given the lease file too, the stopping dhclient asks for the lease again.
    execFileSync('ip', ['netns', 'exec', lab.clientNamespace, 'dhclient', '-x', ...pid], { stdio: 'ignore' })
    restoreClientAddresses()
  }
  return vars
}
