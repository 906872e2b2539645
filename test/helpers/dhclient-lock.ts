// The lab's client (fklab-c0) has one MAC address: whoever runs the real dhclient there holds this lock (flock(1)),
// so two test files' runs do not see each other's packets or take each other's lease.
import { spawn } from 'node:child_process'

const LOCK = '/tmp/fk-lab-dhclient.lock'

/** Runs `work` holding the lab's dhclient lock. */
export async function withDhclientLock<T>(work: () => Promise<T>): Promise<T> {
  const holder = spawn('flock', [LOCK, 'sh', '-c', 'echo held; exec cat'], { stdio: ['pipe', 'pipe', 'ignore'] })
  await new Promise<void>((done) => holder.stdout.once('data', () => done()))
  try {
    return await work()
  } finally {
    holder.stdin.end()
    await new Promise((done) => holder.once('close', done))
  }
}
