// Runs a driver script (test/helpers/*-driver.ts) as a process in the lab's client namespace, as an engine on a
// technician's laptop reaching a server over SSH would run: it reports named steps as JSON lines on stdout.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { lab } from '../../electron/lab/topology'

export interface NamespaceDriver {
  process: ChildProcessByStdio<Writable, Readable, null>
  /** The value of a step once the driver has reported it. */
  arrived(step: string): Promise<unknown>
  /** The driver's exit code. */
  exited: Promise<number | null>
}

/** `namespace` null: on this machine's own network (where the lab's bridge is), as an engine capturing it runs. */
export function startClientNamespaceDriver(script: string, input: object, { namespace = lab.clientNamespace as string | null } = {}): NamespaceDriver {
  const node = [process.execPath, '--import', 'tsx', new URL(script, import.meta.url).pathname]
  const driver = namespace === null ? spawn(node[0], node.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] }) : spawn('ip', ['netns', 'exec', namespace, ...node], { stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = new Promise<number | null>((done) => driver.once('exit', done))
  const steps = new Map<string, unknown>()
  createInterface({ input: driver.stdout }).on('line', (line) => {
    const { step, value } = JSON.parse(line) as { step: string; value: unknown }
    steps.set(step, value)
  })
  driver.stdin.write(`${JSON.stringify(input)}\n`)
  const arrived = (step: string) => new Promise<unknown>((resolve) => {
    const check = () => (steps.has(step) ? resolve(steps.get(step)) : setTimeout(check, 50))
    check()
  })
  return { process: driver, arrived, exited }
}
