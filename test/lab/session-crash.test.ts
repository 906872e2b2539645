// Crash safety on real parts: an engine in a process of its own captures the lab's bridge into a session while
// perfdhcp sends DHCPv6 (SOLICIT/ADVERTISE only: no lease taken from the shared pools) and tcpdump captures the same
// interface; the engine is killed with SIGKILL mid-stream. A new engine on the same data folder says it crashed,
// reopens the session, and its capture holds every packet tcpdump saw up to a second before the kill, all readable.
import { execFile, spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { CaptureInfo, PacketPage, SessionsStartup, TransactionPage } from '../../electron/contract/types'
import { openCapture } from '../../electron/engine/capture-file/open'
import type { Engine } from '../../electron/engine/engine'
import { lab } from '../../electron/lab/topology'
import { startClientNamespaceDriver } from '../helpers/client-namespace-driver'
import { testEngine } from '../helpers/engine'
import { labUnavailable } from '../helpers/lab'
import { useLab } from '../helpers/lab-engine'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
const DHCP6 = 'udp port 546 or udp port 547'
const work = tempDir('fieldkit-session-crash')

/**
 * Each packet of a capture file as its bytes in hex (each SOLICIT has its own xid and DUID, each ADVERTISE answers
 * one), and its time in ms. Times are not part of the key: each capturing socket stamps a packet a few µs apart.
 */
function packetKeys(path: string): { keys: string[]; times: number[]; problem: string | null } {
  const reader = openCapture(path, path)
  const keys: string[] = [], times: number[] = []
  for (let r = reader.next(); r; r = reader.next()) {
    keys.push(Buffer.from(r.data).toString('hex'))
    times.push(r.timestampSeconds * 1000 + r.timestampFraction / 10 ** (r.fractionDigits - 3))
  }
  const { problem } = reader
  reader.close()
  return { keys, times, problem }
}

let engine: Engine | undefined
afterAll(() => engine?.close())

describe.skipIf(unavailable)('a live capture when the engine is killed', () => {
  useLab()

  it('loses at most the last second of packets and leaves the session readable and reopened', async () => {
    const dataDir = join(work, 'data')
    const tcpdumpFile = join(work, 'alongside.pcap')
    const tcpdump = spawn('tcpdump', ['-i', lab.captureInterface, '-U', '-B', '16384', '-w', tcpdumpFile, DHCP6], { stdio: ['ignore', 'ignore', 'pipe'] })
    const driver = startDriver(dataDir)
    const captured = (await driver.arrived('capturing')) as CaptureInfo

    const perfdhcp = promisify(execFile)('ip', ['netns', 'exec', lab.clientNamespace, 'perfdhcp', '-6', '-i', '-l', lab.clientInterface, '-r', '200', '-R', '400', '-p', '8'], { timeout: 30_000 })
      .catch(() => undefined)
    await sleep(4000)
    driver.process.kill('SIGKILL')
    const killedAt = Date.now()
    await driver.exited
    await perfdhcp
    tcpdump.kill('SIGINT')
    await new Promise((done) => tcpdump.once('close', done))

    engine = testEngine(dataDir)
    const startup = (await engine.dispatch('sessions.startup', {})) as SessionsStartup
    expect([startup.crashed, startup.reopen?.id, startup.storeNotice]).toEqual([true, captured.sessionId, null])
    const [capture] = (await engine.dispatch('captures.list', { sessionId: captured.sessionId })) as CaptureInfo[]
    expect([capture.status, capture.error]).toEqual(['ready', 'The capture was interrupted (the app stopped); the packets captured until then are kept.'])

    const theirs = packetKeys(tcpdumpFile)
    const [file] = readdirSync(join(dataDir, 'captures'))
    const ours = packetKeys(join(dataDir, 'captures', file))
    const before = theirs.keys.filter((_, k) => theirs.times[k] <= killedAt - 1000)
    expect(before.length).toBeGreaterThan(300)
    const kept = new Set(ours.keys)
    expect(before.filter((key) => !kept.has(key))).toEqual([])
    // Nothing it kept is other than what was on the wire; at most the record being written at the kill is cut short.
    const wire = new Set(theirs.keys)
    expect(ours.keys.filter((key) => !wire.has(key))).toEqual([])
    expect(ours.problem === null || /^Damaged capture: the file ends inside (the header of )?record \d+/.test(ours.problem), ours.problem ?? '').toBe(true)

    // Every packet it kept reads through the engine, and groups into exchanges.
    const page = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 1000 })) as PacketPage
    expect(page.total).toBe(ours.keys.length)
    // The count stored lagged the file at the kill; the reopened engine counts the file again.
    await vi.waitUntil(async () => ((await engine!.dispatch('captures.list', { sessionId: captured.sessionId })) as CaptureInfo[])[0].packetCount === ours.keys.length, { timeout: 10_000 })
    expect(page.rows.every((row) => /^DHCPv6/.test(row.protocol))).toBe(true)
    const transactions = (await engine.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 10 })) as TransactionPage
    expect(transactions.total).toBeGreaterThan(100)
  }, 60_000)
})

/** The driver in the root namespace, where the lab's bridge is (startClientNamespaceDriver's protocol, no namespace). */
function startDriver(dataDir: string) {
  return startClientNamespaceDriver('./crash-capture-driver.ts', { dataDir, iface: lab.captureInterface, filter: DHCP6 }, { namespace: null })
}
