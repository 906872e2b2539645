// A real OpenSSH server in the lab's server namespace, on the lab address only, with generated host and client
// keys; and the SSH capture driver run from the client namespace, so every SSH packet stays inside the lab.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { lab } from '../../electron/lab/topology'
import type { DriverEvent, DriverRequest } from './ssh-capture-driver'
import { tempDir } from './temp'

export const SSHD = '/usr/sbin/sshd'

export interface LabSshd {
  host: string
  port: number
  /** A second port whose sessions get PATH=/nonexistent: a host without tcpdump or dumpcap. */
  toolFreePort: number
  dir: string
  hostPublicKeyFile: string
  /** Authorized for root. */
  clientKey: string
  /** Not authorized anywhere. */
  strangerKey: string
  stop(): Promise<void>
}

function generateKey(file: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'fieldkit-lab', '-f', file])
  return readFileSync(file, 'utf8')
}

export async function startLabSshd(port = 2222): Promise<LabSshd> {
  const dir = tempDir('fieldkit-sshd')
  // Debian's sshd insists on its privilege separation directory.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  const hostKeyFile = join(dir, 'host_ed25519')
  generateKey(hostKeyFile)
  const clientKey = generateKey(join(dir, 'client'))
  const strangerKey = generateKey(join(dir, 'stranger'))
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')))
  const toolFreePort = port + 1
  const config = join(dir, 'sshd_config')
  writeFileSync(config, [
    `Port ${port}`, `Port ${toolFreePort}`, `ListenAddress ${lab.serverAddress}`,
    `HostKey ${hostKeyFile}`, `PidFile ${join(dir, 'sshd.pid')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no',
    // The scratch folder lives under /tmp, which StrictModes refuses as a home for authorized_keys.
    'StrictModes no',
    `Match LocalPort ${toolFreePort}`, '  SetEnv PATH=/nonexistent', '',
  ].join('\n'))
  const sshd = spawn('ip', ['netns', 'exec', lab.serverNamespace, SSHD, '-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] })
  await listening(sshd, port)
  return {
    host: lab.serverAddress, port, toolFreePort, dir, hostPublicKeyFile: `${hostKeyFile}.pub`, clientKey, strangerKey,
    async stop() {
      // Sessions outlive their listener: end them and what they run (a capture whose client vanished) first.
      for (const pid of descendants(sshd.pid!)) {
        try {
          process.kill(pid, 'SIGTERM')
        } catch {
          // Already gone.
        }
      }
      sshd.kill('SIGTERM')
      if (sshd.exitCode === null) await new Promise((done) => sshd.once('exit', done))
    },
  }
}

/** Every process below `root`, deepest last. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number)
    children.set(ppid, [...(children.get(ppid) ?? []), pid])
  }
  const found: number[] = []
  const queue = [root]
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child)
      queue.push(child)
    }
  }
  return found
}

function listening(sshd: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = ''
    const timer = setTimeout(() => reject(new Error(`sshd did not start listening within 10 s: ${said}`)), 10_000)
    sshd.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      if (said.includes(`port ${port}.`)) {
        clearTimeout(timer)
        resolve()
      }
    })
    sshd.once('exit', (code) => reject(new Error(`sshd exited (${code}): ${said}`)))
  })
}

/** The driver's run: its events as they come, `stop` for a capture, `ended` with every event. */
export interface DriverRun {
  next(event: DriverEvent['event']): Promise<DriverEvent>
  stop(): void
  ended: Promise<DriverEvent[]>
}

export function runSshDriver(request: DriverRequest): DriverRun {
  const script = new URL('./ssh-capture-driver.ts', import.meta.url).pathname
  const driver = spawn('ip', ['netns', 'exec', lab.clientNamespace, process.execPath, '--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'pipe'] })
  // A driver that could not start (no lab namespace) is reported by `ended`, with its stderr.
  driver.stdin.on('error', () => undefined)
  driver.stdin.write(`${JSON.stringify(request)}\n`)
  const events: DriverEvent[] = []
  const waiting: { event: DriverEvent['event']; resolve: (e: DriverEvent) => void }[] = []
  let stderr = ''
  driver.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  createInterface({ input: driver.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as DriverEvent
    events.push(event)
    for (const w of waiting.filter((w) => w.event === event.event)) w.resolve(event)
  })
  const ended = new Promise<DriverEvent[]>((resolve, reject) => {
    driver.once('exit', (code) => (events.at(-1)?.event === 'end' ? resolve(events) : reject(new Error(`the SSH driver exited (${code}) without an end: ${stderr}`))))
  })
  // A driver that ends without the event awaited fails the wait instead of leaving it hanging.
  const endedWithout = (event: DriverEvent['event']) => ended.then((all) => Promise.reject(new Error(`the SSH driver ended without ${event}: ${JSON.stringify(all.at(-1))}`)))
  return {
    next: (event) => {
      const seen = events.find((e) => e.event === event)
      return seen ? Promise.resolve(seen) : Promise.race([new Promise<DriverEvent>((resolve) => waiting.push({ event, resolve })), endedWithout(event)])
    },
    stop: () => driver.stdin.end('stop\n'),
    ended,
  }
}

export const sshdUnavailable = (): string | null => (existsSync(SSHD) ? null : 'the SSH capture tests need OpenSSH\'s server (apt-get install openssh-server)')
