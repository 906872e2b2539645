// A Kea Control Agent of a test's own beside the lab's: in the host namespace on a free loopback port, reaching the
// lab's servers through their unix sockets, with its pid, lock and log files in its own folder. Stopping it is a real
// server out of reach (nothing answers on its port) without touching the lab's agents, which others' runs use.
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { controlAgentConfig } from '../../electron/lab/kea-config'
import { lab } from '../../electron/lab/topology'
import { tempDir } from './temp'

export interface OwnControlAgent {
  url: string
  /** Starts it again on the same port (after stop). */
  start(): Promise<void>
  /** SIGTERM, and resolves once it has exited. */
  stop(): Promise<void>
  /** Stops it if running and deletes its folder. */
  remove(): Promise<void>
}

/** Started and answering for the lab's dhcp4 server; on failure nothing is left behind. */
export async function startOwnControlAgent(): Promise<OwnControlAgent> {
  const dir = tempDir('fk-own-agent')
  const port = await freeLoopbackPort()
  const url = `http://${lab.controlAgentHost}:${port}/`
  const config = join(dir, 'kea-ctrl-agent.json')
  const log = join(dir, 'kea-ctrl-agent.out')
  // The lab agent's control sockets; its own port, and its own log instead of the lab's.
  const { loggers: _labLog, ...labAgent } = controlAgentConfig()['Control-agent']
  writeFileSync(config, JSON.stringify({
    'Control-agent': { ...labAgent, 'http-port': port, loggers: [{ name: 'kea-ctrl-agent', output_options: [{ output: join(dir, 'kea-ctrl-agent.log') }], severity: 'INFO' }] },
  }, null, 2))

  let child: ChildProcess | null = null
  let exited: Promise<unknown> = Promise.resolve()
  const stop = async () => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
    child = null
  }
  const start = async () => {
    const output = openSync(log, 'a')
    const env = { ...process.env, KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: dir }
    const started = spawn('kea-ctrl-agent', ['-c', config], { env, stdio: ['ignore', output, output] })
    child = started
    exited = new Promise((resolve) => started.once('exit', resolve))
    await answering(url, started, log)
  }
  const remove = async () => {
    await stop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await start()
  } catch (error) {
    await remove()
    throw error
  }
  return { url, start, stop, remove }
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, lab.controlAgentHost, done))
  const { port } = server.address() as { port: number }
  await new Promise((done) => server.close(done))
  return port
}

/** Waits until the agent passes status-get on to the lab's dhcp4 server and has its answer. */
async function answering(url: string, agent: ChildProcess, log: string): Promise<void> {
  let last = ''
  for (let tries = 0; tries < 100; tries++) {
    if (agent.exitCode !== null || agent.signalCode !== null) throw new Error(`kea-ctrl-agent stopped right after starting: ${readFileSync(log, 'utf8').trim()}`)
    try {
      const response = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ command: 'status-get', service: ['dhcp4'] }), signal: AbortSignal.timeout(2000),
      })
      const [answer] = (await response.json()) as { result: number; text?: string }[]
      if (answer?.result === 0) return
      last = answer?.text ?? ''
    } catch (error) {
      last = (error as Error).message
    }
    await sleep(200)
  }
  throw new Error(`kea-ctrl-agent at ${url} did not pass status-get on to the lab's dhcp4 server (${last}); its log: ${log}`)
}
