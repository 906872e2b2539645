// The real thing: Kea in a namespace, the system dhclient in another, the exchange captured on the wire and
// decoded by the engine; Kea's Control Agent confirms the lease; perfdhcp exercises the relay path.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import type { Dhcp4Message } from '../../electron/engine/decode/types'
import type { PacketView, TransactionPage } from '../../electron/contract/types'
import { decodeFile } from '../helpers/corpus'
import { loaded, openInEngine, testEngine } from '../helpers/engine'
import { describeExchange } from '../../electron/engine/transactions/describe-exchange'
import { groupExchanges } from '../../electron/engine/transactions/exchanges'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { labDora, labUnavailable } from '../helpers/lab'
import { fieldkitCommand } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const run = promisify(execFile)
/** The built CLI, as scripts run it. */
const fieldkit = (...args: string[]) => {
  const [node, cli] = fieldkitCommand()
  return run(node, [cli, ...args])
}
const unavailable = labUnavailable()
const work = tempDir('fieldkit-lab-test')
let doraRun: Promise<{ pcap: string; bound: Record<string, string> }> | null = null

/**
 * The system dhclient's DORA with Kea, captured by dumpcap in the client namespace, and the variables dhclient
 * handed its script. Run once, by whichever test needs it first, so the tests do not depend on their order.
 */
function dora(): Promise<{ pcap: string; bound: Record<string, string> }> {
  doraRun ??= (async () => {
    const pcap = join(work, 'dora.pcapng')
    const dumpcap = await startCapture(pcap)
    let vars: string
    try {
      vars = await labDora(work, 'dhclient')
    } finally {
      await sleep(500)
      dumpcap.kill('SIGTERM')
      await new Promise((done) => dumpcap.once('exit', done))
    }
    const bound = readFileSync(vars, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>).find((v) => v.reason === 'BOUND')!
    return { pcap, bound }
  })()
  return doraRun
}

async function keaCommand(command: string, service: string, args?: object): Promise<{ result: number; arguments?: Record<string, unknown>; text?: string }> {
  const response = await fetch(labStatus().controlAgentUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ command, service: [service], ...(args ? { arguments: args } : {}) }),
  })
  return ((await response.json()) as { result: number }[])[0]
}

async function startCapture(file: string, filter = 'udp port 67 or udp port 68'): Promise<ChildProcess> {
  const lab = labStatus()
  const dumpcap = spawn('ip', ['netns', 'exec', lab.clientNamespace, 'dumpcap', '-q', '-i', lab.clientInterface, '-f', filter, '-w', file], { stdio: 'ignore' })
  for (let i = 0; i < 100 && !(existsSync(file) && statSync(file).size > 0); i++) await sleep(100)
  await sleep(300)
  return dumpcap
}

describe.skipIf(unavailable !== null)(`Kea lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    await labUp()
  })
  afterAll(async () => {
    await labDown()
  })

  it('is up, idempotently, and reports where things are', async () => {
    const again = await labUp()
    expect(again).toMatchObject({ up: true, clientNamespace: 'fklab-cli', clientInterface: 'fklab-c0', serverAddress: '192.0.2.1', relayAddress: '198.51.100.1' })
    const { stdout } = await fieldkit('lab', 'status', '--json')
    expect(JSON.parse(stdout)).toMatchObject({ up: true, controlAgentUrl: again.controlAgentUrl })
  })

  it('dhclient gets a lease from Kea, and the captured exchange decodes as DORA', async () => {
    const { pcap, bound } = await dora()
    expect(bound).toMatchObject({ interface: labStatus().clientInterface, new_routers: '192.0.2.1', new_subnet_mask: '255.255.255.0', new_domain_name: 'lab.fieldkit.test', new_dhcp_server_identifier: '192.0.2.1' })
    expect(bound.new_ip_address).toMatch(/^192\.0\.2\.1\d\d$/)

    const messages = decodeFile(pcap).map((p) => p.decoded).filter((d) => d.dhcp?.family === 4)
    expect(messages.every((m) => !m.malformed)).toBe(true)
    const dhcp = messages.map((m) => m.dhcp as Dhcp4Message)
    expect(dhcp.map((m) => m.type).slice(0, 4)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
    expect(new Set(dhcp.slice(0, 4).map((m) => m.xid)).size).toBe(1)
    const ack = dhcp[3]
    expect(ack.yiaddr).toBe(bound.new_ip_address)
    expect(ack.options.find((o) => o.code === 3)?.value).toEqual(['192.0.2.1'])
    expect(messages[3].info).toMatch(/^DHCP Ack - Transaction ID 0x[0-9a-f]+$/)

    const lease = await keaCommand('lease4-get', 'dhcp4', { 'ip-address': bound.new_ip_address })
    expect(lease.result).toBe(0)
    expect(lease.arguments).toMatchObject({ 'ip-address': bound.new_ip_address, 'subnet-id': 1 })
  })

  it('shows that exchange as one complete DORA in the app, filters it, counts it as tshark does', async () => {
    const { pcap: doraCapture, bound: { new_ip_address: doraAddress } } = await dora()
    const engine = testEngine()
    try {
      const capture = await openInEngine(engine, doraCapture)
      await loaded(engine, capture.id)
      const page = (await engine.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 10 })) as TransactionPage
      const dora = page.rows.find((t) => t.kind === 'DORA')!
      expect(dora).toMatchObject({ status: 'complete', servers: ['192.0.2.1'], address: doraAddress, missing: [] })
      expect(dora.steps.map((s) => s.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
      expect(dora.steps[1].latencyMs).toBeGreaterThan(0)
      const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter: `dhcp.msgtype == ACK and dhcp.yiaddr == ${doraAddress} and dhcp.option.router == 192.0.2.1` })) as PacketView
      expect(view.matched).toBe(1)
    } finally {
      engine.close()
    }
    const ours = (await fieldkit('stats', doraCapture)).stdout
    const theirs = (await run('tshark', ['-q', '-z', 'dhcp,stat', '-r', doraCapture])).stdout
    const table = (text: string) => text.split('\n').filter((line) => /\|\d+ \|$/.test(line)).slice(0, 18)
    expect(table(ours)).toEqual(table(theirs))
    expect(ours).toMatch(/Transactions: \d+ \(complete [1-9]/)
    expect(ours).toContain('DHCPv4 192.0.2.1:')
  })

  it('groups Kea\'s DHCPv6 answers to perfdhcp into complete SARR exchanges', async () => {
    const lab = labStatus()
    const pcap = join(work, 'sarr.pcapng')
    const dumpcap = await startCapture(pcap, 'udp port 546 or udp port 547')
    try {
      await run('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-6', '-l', lab.clientInterface, '-r', '5', '-n', '5', '-R', '3'], { timeout: 30000 }).catch((error: { stdout?: string }) => {
        if (!error.stdout) throw error
      })
    } finally {
      await sleep(500)
      dumpcap.kill('SIGTERM')
      await new Promise((done) => dumpcap.once('exit', done))
    }
    const { index } = indexCaptureFile(pcap)
    const exchanges = groupExchanges(index)
    const sarr = Array.from({ length: exchanges.count }, (_, id) => describeExchange(index, exchanges, id)).filter((t) => t.kind === 'SARR')
    expect(sarr.length).toBeGreaterThan(0)
    const complete = sarr.filter((t) => t.status === 'complete')
    expect(complete.length).toBeGreaterThan(0)
    expect(complete[0].steps.map((s) => s.type)).toEqual(['SOLICIT', 'ADVERTISE', 'REQUEST', 'REPLY'])
    expect(complete[0].address).toMatch(/^2001:db8:1::/)
    expect(complete[0].servers[0]).toMatch(/ \(DUID 0002000009bf6669656c646b6974\)$/)
  })

  it('serves the relayed subnet through giaddr (perfdhcp as the relay)', async () => {
    const lab = labStatus()
    await run('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-4', '-r', '10', '-n', '20', '-R', '5', '-l', lab.relayAddress, lab.serverAddress], { timeout: 30000 }).catch((error: { stdout?: string }) => {
      // perfdhcp exits non-zero when it counts any drop; the lease count below is what matters.
      if (!error.stdout) throw error
    })
    const stats = await keaCommand('statistic-get', 'dhcp4', { name: 'subnet[2].assigned-addresses' })
    const samples = (stats.arguments?.['subnet[2].assigned-addresses'] as [number, string][] | undefined) ?? []
    expect(samples[0]?.[0]).toBeGreaterThan(0)
  })
})
