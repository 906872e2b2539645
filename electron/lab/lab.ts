// Builds, inspects and removes the Kea lab: a server namespace running kea-dhcp4 and kea-dhcp6, a client
// namespace on the other end of a veth pair, two relay addresses reached through the client namespace, and the
// Control Agent on loopback in the host namespace (it reaches the servers through their unix sockets).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { LabStatus } from '../contract/types'
import { connect } from 'node:net'
import { controlAgentConfig, controlAgentTlsConfig, dhcp4Config, dhcp6Config } from './kea-config'
import { ensureLabCertificates, LabTlsError } from './lab-tls'
import { controlAgentUrl, lab, labServices, type LabService } from './topology'

export class LabError extends Error {}

const binaries: Record<LabService, string> = { dhcp4: 'kea-dhcp4', dhcp6: 'kea-dhcp6', 'ctrl-agent': 'kea-ctrl-agent', 'ctrl-agent-tls': 'kea-ctrl-agent' }
const namespaceOf: Record<LabService, string | null> = { dhcp4: lab.serverNamespace, dhcp6: lab.serverNamespace, 'ctrl-agent': null, 'ctrl-agent-tls': null }

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim()
    throw new LabError(`Could not build the lab: \`${command} ${args.join(' ')}\` failed${stderr ? `: ${stderr}` : ''}`)
  }
}

function tryRun(command: string, args: string[]): boolean {
  return tryOutput(command, args) !== null
}

function tryOutput(command: string, args: string[]): string | null {
  try {
    return run(command, args)
  } catch {
    return null
  }
}

function namespaces(): string[] {
  try {
    return run('ip', ['netns', 'list']).split('\n').map((line) => line.split(' ')[0]).filter(Boolean)
  } catch {
    return []
  }
}

function pidFile(service: LabService): string {
  return join(lab.dir, `${service}.pid`)
}

function runningPid(service: LabService): number | null {
  try {
    const pid = Number(readFileSync(pidFile(service), 'utf8'))
    process.kill(pid, 0)
    return pid
  } catch {
    return null
  }
}

export function labStatus(): LabStatus {
  const present = namespaces()
  const services = Object.fromEntries(labServices.map((s) => {
    const pid = runningPid(s)
    return [s, { pid, running: pid !== null }]
  }))
  const missing = [
    ...[lab.serverNamespace, lab.clientNamespace].filter((ns) => !present.includes(ns)).map((ns) => `namespace ${ns}`),
    ...(tryRun('ip', ['link', 'show', lab.captureInterface]) ? [] : [`bridge ${lab.captureInterface}`]),
    ...labServices.filter((s) => !services[s].running).map((s) => (s === 'ctrl-agent-tls' ? `${binaries[s]} (HTTPS)` : binaries[s])),
  ]
  return {
    up: missing.length === 0,
    clientNamespace: lab.clientNamespace, clientInterface: lab.clientInterface,
    serverNamespace: lab.serverNamespace, serverInterface: lab.serverInterface,
    serverAddress: lab.serverAddress, serverAddress6: lab.serverAddress6, relayAddress: lab.relayAddress,
    controlAgentUrl, services,
    problem: missing.length === 0 ? null : `Not running: ${missing.join(', ')}. Start the lab with: sudo npm run lab -- up`,
  }
}

function checkCanBuild(): void {
  if (process.platform !== 'linux') throw new LabError('The lab needs Linux network namespaces; it cannot run on this system.')
  if (process.getuid?.() !== 0) throw new LabError('The lab needs root to create network namespaces. Run: sudo npm run lab -- up')
  for (const binary of [...Object.values(binaries), 'ip']) {
    if (!tryRun('which', [binary])) {
      throw new LabError(`${binary} is not installed. Install the lab's packages: sudo apt-get install kea-dhcp4-server kea-dhcp6-server kea-ctrl-agent iproute2`)
    }
  }
}

/** True when the links have the lab's shape: each namespace's end paired with a port of the host's bridge. */
function haveLinks(): boolean {
  const masterOf = (dev: string) => / master (\S+) /.exec(tryOutput('ip', ['-o', 'link', 'show', dev]) ?? '')?.[1]
  return tryRun('ip', ['-n', lab.serverNamespace, 'link', 'show', lab.serverInterface]) && tryRun('ip', ['-n', lab.clientNamespace, 'link', 'show', lab.clientInterface])
    && masterOf(lab.serverPort) === lab.captureInterface && masterOf(lab.clientPort) === lab.captureInterface
}

/**
 * Each namespace's interface is one end of a veth pair whose other end is a port of a bridge in the host namespace.
 * The bridge and its ports carry no address (IPv6 off, so not even a link-local one) and skip the host's firewall:
 * the host sees every lab frame but takes part in none, and lab traffic has no route out.
 */
function ensureNetwork(): void {
  const present = namespaces()
  for (const ns of [lab.serverNamespace, lab.clientNamespace]) if (!present.includes(ns)) run('ip', ['netns', 'add', ns])
  const srv = ['-n', lab.serverNamespace], cli = ['-n', lab.clientNamespace]
  if (!haveLinks()) {
    tryRun('ip', [...srv, 'link', 'del', lab.serverInterface])
    tryRun('ip', [...cli, 'link', 'del', lab.clientInterface])
    for (const dev of [lab.serverPort, lab.clientPort, lab.captureInterface]) tryRun('ip', ['link', 'del', dev])
    run('ip', ['link', 'add', lab.captureInterface, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0', 'mcast_snooping', '0',
      'nf_call_iptables', '0', 'nf_call_ip6tables', '0', 'nf_call_arptables', '0'])
    run('ip', ['link', 'add', lab.serverInterface, 'netns', lab.serverNamespace, 'type', 'veth', 'peer', 'name', lab.serverPort])
    run('ip', ['link', 'add', lab.clientInterface, 'netns', lab.clientNamespace, 'type', 'veth', 'peer', 'name', lab.clientPort])
  }
  for (const dev of [lab.captureInterface, lab.serverPort, lab.clientPort]) {
    run('sysctl', ['-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`])
    if (dev !== lab.captureInterface) run('ip', ['link', 'set', dev, 'master', lab.captureInterface])
    run('ip', ['link', 'set', dev, 'up'])
  }
  // Duplicate address detection would delay the IPv6 addresses DHCPv6 needs by seconds; this link has no duplicates.
  for (const [ns, dev] of [[lab.serverNamespace, lab.serverInterface], [lab.clientNamespace, lab.clientInterface]]) {
    run('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.accept_dad=0`])
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up'])
    run('ip', ['-n', ns, 'link', 'set', dev, 'up'])
  }
  run('ip', [...srv, 'addr', 'replace', `${lab.serverAddress}/${lab.prefixLength}`, 'dev', lab.serverInterface])
  run('ip', [...srv, '-6', 'addr', 'replace', `${lab.serverAddress6}/64`, 'dev', lab.serverInterface, 'nodad'])
  for (const relayed of [lab.relaySubnet, lab.smallPoolSubnet]) run('ip', [...srv, 'route', 'replace', relayed, 'via', lab.clientAddress])
  restoreClientAddresses()
}

/**
 * The client side's fixed addresses. `dhclient -x` (releasing a lease) flushes every IPv4 address of its interface,
 * these too: whoever runs the system dhclient in the lab puts them back, so what runs next finds the lab as built.
 */
export function restoreClientAddresses(): void {
  const cli = ['-n', lab.clientNamespace]
  run('ip', [...cli, 'addr', 'replace', `${lab.clientAddress}/${lab.prefixLength}`, 'dev', lab.clientInterface])
  // The relay agents' addresses are more addresses on the client's link, so relayed queries leave through them.
  for (const relay of [lab.relayAddress, lab.smallPoolRelayAddress]) run('ip', [...cli, 'addr', 'replace', `${relay}/32`, 'dev', lab.clientInterface])
}

function writeConfigs(): Record<LabService, string> {
  const files: Record<LabService, [string, unknown]> = {
    dhcp4: ['kea-dhcp4.json', dhcp4Config()],
    dhcp6: ['kea-dhcp6.json', dhcp6Config()],
    'ctrl-agent': ['kea-ctrl-agent.json', controlAgentConfig()],
    'ctrl-agent-tls': ['kea-ctrl-agent-tls.json', controlAgentTlsConfig()],
  }
  const paths = {} as Record<LabService, string>
  for (const service of labServices) {
    const [name, config] = files[service]
    paths[service] = join(lab.dir, name)
    writeFileSync(paths[service], JSON.stringify(config, null, 2))
  }
  return paths
}

/** The command line that runs a Kea binary in its service's namespace. */
function keaCommand(service: LabService, args: string[]): [string, string[]] {
  const ns = namespaceOf[service]
  return ns ? ['ip', ['netns', 'exec', ns, binaries[service], ...args]] : [binaries[service], args]
}

function start(service: LabService, config: string): void {
  const env = { ...process.env, KEA_PIDFILE_DIR: lab.dir, KEA_LOCKFILE_DIR: lab.dir }
  const [checkCommand, checkArgs] = keaCommand(service, ['-t', config])
  try {
    execFileSync(checkCommand, checkArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env })
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`.trim().split('\n').at(-1)
    throw new LabError(`Kea rejected the lab's ${service} configuration ${config}: ${output}`)
  }
  const log = openSync(join(lab.dir, `${service}.out`), 'a')
  const [command, args] = keaCommand(service, ['-c', config])
  const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log], env })
  child.unref()
  writeFileSync(pidFile(service), String(child.pid))
}

async function waitForControlAgent(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  while (Date.now() < deadline) {
    const dead = labServices.find((s) => runningPid(s) === null)
    if (dead) {
      const log = readFileSync(join(lab.dir, `${dead}.out`), 'utf8').trim().split('\n').find((line) => / (ERROR|FATAL) /.test(line))
      throw new LabError(`${binaries[dead]} stopped right after starting: ${log ?? 'see its log'} (logs in ${lab.dir})`)
    }
    try {
      const response = await fetch(controlAgentUrl, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ command: 'status-get', service: ['dhcp4', 'dhcp6'] }),
        signal: AbortSignal.timeout(2000),
      })
      const answers = (await response.json()) as { result: number; text?: string }[]
      if (answers.length === 2 && answers.every((a) => a.result === 0) && await listening(lab.controlAgentTlsPort)) return
      last = answers.map((a) => a.text).join('; ')
    } catch (error) {
      last = (error as Error).message
    }
    await sleep(200)
  }
  throw new LabError(`Kea did not answer through the Control Agent at ${controlAgentUrl} within ${timeoutMs / 1000} s (${last}). Logs are in ${lab.dir}.`)
}

/** Whether something accepts connections on the loopback port (the HTTPS agent, which needs certificates to ask). */
function listening(port: number): Promise<boolean> {
  const socket = connect(port, lab.controlAgentHost)
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false))
    socket.setTimeout(1000, () => resolve(false))
  }).finally(() => socket.destroy())
}

/** Idempotent: builds what is missing, restarts what is not running, leaves the rest alone. */
export async function labUp(): Promise<LabStatus> {
  checkCanBuild()
  mkdirSync(lab.dir, { recursive: true })
  ensureNetwork()
  try {
    ensureLabCertificates()
  } catch (error) {
    if (error instanceof LabTlsError) throw new LabError(error.message)
    throw error
  }
  const configs = writeConfigs()
  for (const service of labServices) if (runningPid(service) === null) start(service, configs[service])
  await waitForControlAgent(20000)
  return labStatus()
}

export async function labDown(): Promise<LabStatus> {
  checkCanBuild()
  for (const service of labServices) {
    const pid = runningPid(service)
    if (pid === null) continue
    process.kill(pid, 'SIGTERM')
    for (let i = 0; i < 50 && runningPid(service) !== null; i++) await sleep(100)
    if (runningPid(service) !== null) process.kill(pid, 'SIGKILL')
  }
  for (const ns of [lab.serverNamespace, lab.clientNamespace]) if (namespaces().includes(ns)) run('ip', ['netns', 'del', ns])
  // Deleting the namespaces deletes the ports with their peers; the bridge is the host's and goes by itself.
  if (tryRun('ip', ['link', 'show', lab.captureInterface])) run('ip', ['link', 'del', lab.captureInterface])
  if (existsSync(lab.dir)) rmSync(lab.dir, { recursive: true, force: true })
  return labStatus()
}
