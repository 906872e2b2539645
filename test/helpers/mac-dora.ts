// A DORA by the system dhclient in the lab's client namespace as a client of the test's own MAC: a macvlan on the
// client's link with that address, so the lease, the log lines and the packets are the test's alone (the lab's
// client MAC is everyone's). The lease is kept (dhclient is stopped without releasing); the macvlan is removed.
import { execFile, execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { lab } from '../../electron/lab/topology'

const dhclientScript = new URL('../../native/dhclient-vars.sh', import.meta.url).pathname

export async function macDora(dir: string, mac: string): Promise<void> {
  const link = `fk${mac.replaceAll(':', '').slice(-6)}`
  const inClient = (...args: string[]) => ['netns', 'exec', lab.clientNamespace, ...args]
  const name = join(dir, link)
  // A run stopped half-way (a killed test worker) may have left its link behind.
  spawnSync('ip', inClient('ip', 'link', 'del', link), { stdio: 'ignore' })
  execFileSync('ip', inClient('ip', 'link', 'add', 'link', lab.clientInterface, 'name', link, 'address', mac, 'type', 'macvlan', 'mode', 'bridge'))
  try {
    execFileSync('ip', inClient('ip', 'link', 'set', link, 'up'))
    await promisify(execFile)('ip', inClient('dhclient', '-4', '-1', '-sf', dhclientScript, '-pf', `${name}.pid`, '-lf', `${name}.leases`, '-e', `FIELDKIT_VARS_FILE=${name}.jsonl`, link), { timeout: 30000 })
  } finally {
    // SIGTERM ends our dhclient without a word on the wire (dhclient -x would start one more exchange first).
    if (existsSync(`${name}.pid`)) process.kill(Number(readFileSync(`${name}.pid`, 'utf8')), 'SIGTERM')
    execFileSync('ip', inClient('ip', 'link', 'del', link), { stdio: 'ignore' })
  }
}
