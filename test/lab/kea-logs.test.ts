// Kea's own logs from real Kea 2.2: the lab's log files parsed line for line (default pattern), a throwaway
// kea-dhcp4 in its own namespace writing with a custom pattern, and a dhclient DORA captured on the lab bridge
// while the lab's kea-dhcp4 logs at debug 55: each of its four packets links to its log lines by xid, and back.
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaptureInfo, KeaCommandAnswer, LoggersConfig, LogInfo, LogLineDetail, LogSources, LogView, TransactionLogLines, TransactionPage } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { tempDataDir, testEngine } from '../helpers/engine'
import { labDora, labUnavailable } from '../helpers/lab'
import { fieldkitCommand } from '../helpers/fieldkit'
import { sshdUnavailable, startLabSshd, type LabSshd } from '../helpers/lab-sshd'
import { tempDir } from '../helpers/temp'
import { LogBook } from '../../electron/engine/logs/log-book'
import { filterLines } from '../../electron/engine/logs/log-query'

const unavailable = labUnavailable()
const work = tempDir('kea-logs-lab')
let engine: Engine
let wasUp = false

function opened(logId: number, done: (info: LogInfo) => boolean = (info) => info.status === 'done' || info.status === 'failed', timeoutMs = 20000): Promise<LogInfo> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`log ${logId} did not finish reading in ${timeoutMs} ms`)) }, timeoutMs)
    const stop = engine.events.subscribe((event, payload) => {
      const info = payload as LogInfo
      if (event !== 'logs.updated' || info.logId !== logId || !done(info)) return
      clearTimeout(timer)
      stop()
      resolve(info)
    })
  })
}

async function openFound(path: string): Promise<LogInfo> {
  const sources = await engine.dispatch('logs.sources', {}) as LogSources
  const file = sources.files.find((f) => f.path === path)
  expect(file, `${path} is among the found logs`).toBeTruthy()
  const info = await engine.dispatch('logs.open', { source: { logFileId: file!.id } }) as LogInfo
  return info.status === 'done' ? info : opened(info.logId)
}

describe.skipIf(unavailable !== null)(`Kea logs on the lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    wasUp = labStatus().up
    await labUp()
    engine = testEngine(tempDataDir())
  })
  afterAll(async () => {
    engine?.close()
    if (!wasUp) await labDown()
  })

  it('parses the lab\'s own Kea logs line for line: no unparsed line, every entry with time, severity, logger and message id', async () => {
    for (const name of ['kea-dhcp4.log', 'kea-dhcp6.log', 'kea-ctrl-agent.log']) {
      const path = join(lab.dir, name)
      const info = await openFound(path)
      const onDisk = [path, `${path}.1`, `${path}.2`].filter(existsSync).reduce((n, p) => n + readFileSync(p, 'utf8').split('\n').filter(Boolean).length, 0)
      expect(info).toMatchObject({ status: 'done', format: 'kea', unparsed: 0, error: null })
      expect(info.linesRead).toBeGreaterThanOrEqual(onDisk - 5)
      const view = await engine.dispatch('logs.view', { logId: info.logId, query: {} }) as LogView
      expect(view.severities.none).toBe(0)
      const page = await engine.dispatch('logs.page', { logId: info.logId, viewId: view.viewId, offset: 0, limit: 5000 })
      for (const row of (page as { rows: { time: string; logger: string; messageId: string | null; severity: string | null }[] }).rows) {
        expect(row.time).toMatch(/^20\d\d-/)
        expect(row.logger).toMatch(/^kea-/)
        expect(row.messageId).toMatch(/^[A-Z0-9_]+$/)
      }
    }
  })

  it('reads a log written with a custom pattern by a throwaway kea-dhcp4 in its own namespace', async () => {
    const pattern = '%d{%Y-%m-%dT%H:%M:%S.%q} <%-5p> %c[%i:%t] %m%n'
    const logFile = join(work, 'custom.log')
    const config = join(work, 'custom-dhcp4.json')
    writeFileSync(config, JSON.stringify({
      Dhcp4: {
        'interfaces-config': { interfaces: ['lo'], 'dhcp-socket-type': 'udp' },
        'lease-database': { type: 'memfile', persist: false },
        subnet4: [{ id: 1, subnet: '198.51.100.0/24', pools: [{ pool: '198.51.100.10 - 198.51.100.20' }] }],
        // Kea 2.2 takes the pattern per output (output_options), not per logger.
        loggers: [{ name: 'kea-dhcp4', output_options: [{ output: logFile, pattern }], severity: 'DEBUG', debuglevel: 99 }],
      },
    }))
    const env = { ...process.env, KEA_PIDFILE_DIR: work, KEA_LOCKFILE_DIR: work }
    await promisify(execFile)('kea-dhcp4', ['-t', config], { env })
    const namespace = `fk-logs-${process.pid}`
    execFileSync('ip', ['netns', 'add', namespace])
    try {
      execFileSync('ip', ['netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up'])
      const kea = spawn('ip', ['netns', 'exec', namespace, 'kea-dhcp4', '-c', config], { env, stdio: 'ignore' })
      const exited = new Promise((resolve) => kea.on('exit', resolve))
      for (let tries = 0; tries < 100 && !(existsSync(logFile) && readFileSync(logFile, 'utf8').includes('DHCP4_STARTED')); tries++) await sleep(100)
      kea.kill('SIGTERM')
      await exited
    } finally {
      execFileSync('ip', ['netns', 'delete', namespace])
    }
    const text = readFileSync(logFile, 'utf8')
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+ <(DEBUG|INFO)/)
    const info = await engine.dispatch('logs.open', { source: { text, name: 'custom.log' }, pattern }) as LogInfo
    expect(info).toMatchObject({ status: 'done', format: 'kea', unparsed: 0, timeZone: 'utc' })
    expect(info.entries).toBeGreaterThan(10)
    const view = await engine.dispatch('logs.view', { logId: info.logId, query: {} }) as LogView
    expect(view.severities.DEBUG).toBeGreaterThan(0)
    expect(view.messages.map((m) => m.messageId)).toEqual(expect.arrayContaining(['DHCP4_STARTED', 'DHCP4_SHUTDOWN_REQUEST']))
    // Kea's own default pattern does not read it: the pattern is what made every line parse.
    const wrong = await engine.dispatch('logs.open', { source: { text, name: 'custom.log' }, format: 'kea' }) as LogInfo
    expect(wrong.unparsed).toBeGreaterThan(0)
  })

  it('links each packet of a dhclient DORA to its debug-55 log lines by xid, and each line back to its packet', async () => {
    const command = (name: string, args?: Record<string, unknown>) =>
      engine.dispatch('kea.command', { profileId: 'lab', command: name, service: 'dhcp4', ...(args && { arguments: args }), confirmed: true }) as Promise<KeaCommandAnswer>
    const original = structuredClone((await command('config-get')).arguments) as { Dhcp4: { loggers: Record<string, unknown>[] } }
    const debug = structuredClone(original)
    debug.Dhcp4.loggers = debug.Dhcp4.loggers.map((l) => ({ ...l, severity: 'DEBUG', debuglevel: 55 }))
    let capture: CaptureInfo
    expect((await command('config-set', debug)).result).toBe(0)
    try {
      capture = await engine.dispatch('capture.start', { iface: lab.captureInterface, filter: 'udp port 67 or udp port 68' }) as CaptureInfo
      await labDora(work, 'dora')
      await sleep(1000)
      capture = await engine.dispatch('capture.stop', { captureId: capture.id }) as CaptureInfo
    } finally {
      expect((await command('config-set', original)).result).toBe(0)
    }
    const page = await engine.dispatch('transactions.page', { captureId: capture.id, offset: 0, limit: 100 }) as TransactionPage
    const dora = page.rows.filter((t) => t.kind === 'DORA' && t.status === 'complete').at(-1)!
    expect(dora.steps.map((s) => s.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])

    const log = await openFound(join(lab.dir, 'kea-dhcp4.log'))
    const linked = await engine.dispatch('logs.forTransaction', { captureId: capture.id, transactionId: dora.id }) as TransactionLogLines
    expect(linked.skew).not.toBeNull()
    expect(Math.abs(linked.skew!.medianMs)).toBeLessThan(5000)
    for (const step of dora.steps) {
      const lines = linked.lines.filter((l) => l.frames.includes(step.frame))
      expect(lines.length, `log lines of frame ${step.frame} (${step.type})`).toBeGreaterThan(0)
      expect(lines.every((l) => l.xid === dora.xid)).toBe(true)
      for (const line of lines) {
        const detail = await engine.dispatch('logs.line', { logId: log.logId, index: line.index, captureId: capture.id }) as LogLineDetail
        expect(detail.packets.map((p) => p.frame)).toContain(step.frame)
      }
    }
    const ids = new Set(linked.lines.map((l) => l.messageId))
    expect([...ids]).toEqual(expect.arrayContaining(['DHCP4_PACKET_RECEIVED', 'DHCP4_PACKET_SEND', 'DHCP4_LEASE_ALLOC']))
    // The packet lines name their own message: a DISCOVER's line links to the DISCOVER alone.
    const received = linked.lines.find((l) => l.messageId === 'DHCP4_PACKET_RECEIVED' && l.message.includes('DHCPDISCOVER'))!
    expect(received.frames).toEqual([dora.steps[0].frame])
  })
})

describe.skipIf(unavailable !== null)(`the loggers builder on a throwaway Kea${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('reads a server\'s loggers, refuses to apply unconfirmed, and sets and writes them confirmed', { timeout: 60_000 }, async () => {
    const engine = testEngine(tempDataDir())
    const socket = `/tmp/kea-fk-logs-${process.pid}.sock`
    const config = join(work, 'builder-dhcp4.json')
    const rootLog = join(work, 'builder.log')
    const packetsLog = join(work, 'builder-packets.log')
    writeFileSync(config, JSON.stringify({
      Dhcp4: {
        'interfaces-config': { interfaces: ['lo'], 'dhcp-socket-type': 'udp' }, 'lease-database': { type: 'memfile', persist: false },
        'control-socket': { 'socket-type': 'unix', 'socket-name': socket },
        loggers: [{ name: 'kea-dhcp4', output_options: [{ output: rootLog }], severity: 'INFO' }],
      },
    }))
    const namespace = `fk-builder-${process.pid}`
    execFileSync('ip', ['netns', 'add', namespace])
    const kea = spawn('ip', ['netns', 'exec', namespace, 'kea-dhcp4', '-c', config], { env: { ...process.env, KEA_PIDFILE_DIR: work, KEA_LOCKFILE_DIR: work }, stdio: 'ignore' })
    const exited = new Promise((resolve) => kea.on('exit', resolve))
    try {
      for (let tries = 0; tries < 100 && !existsSync(socket); tries++) await sleep(100)
      const profile = await engine.dispatch('kea.saveProfile', { name: 'throwaway', kind: 'unix', socketPath: socket }) as { id: string }
      const running = await engine.dispatch('logs.loggers', { profileId: profile.id, service: 'dhcp4' }) as LoggersConfig
      expect(running).toMatchObject({ version: '2.2.0', key: 'output_options', drafts: [{ name: 'kea-dhcp4', severity: 'INFO', outputs: [{ output: rootLog }] }] })
      const packets = running.recipes.find((r) => r.id === 'packets')!.loggers[0]
      const drafts = [...running.drafts, { ...packets, outputs: [{ output: packetsLog, maxsize: 1_048_576, maxver: 2 }] }]
      const built = await engine.dispatch('logs.buildLoggers', { service: 'dhcp4', version: '2.6.1', loggers: drafts }) as LoggersConfig
      expect(built.key).toBe('output-options')
      expect(built.loggers[1]).toEqual({ name: 'kea-dhcp4.packets', 'output-options': [{ output: packetsLog, maxsize: 1_048_576, maxver: 2 }], severity: 'DEBUG', debuglevel: 55 })
      await expect(engine.dispatch('logs.applyLoggers', { profileId: profile.id, service: 'dhcp4', loggers: drafts })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/confirm it first/) })
      const tooSmall = [{ ...drafts[1], outputs: [{ output: packetsLog, maxsize: 1000, maxver: 2 }] }]
      await expect(engine.dispatch('logs.applyLoggers', { profileId: profile.id, service: 'dhcp4', loggers: tooSmall, confirmed: true })).rejects.toMatchObject({ message: expect.stringMatching(/Not applied: maxsize 1000 is below/) })
      const applied = await engine.dispatch('logs.applyLoggers', { profileId: profile.id, service: 'dhcp4', loggers: drafts, confirmed: true }) as LoggersConfig
      expect(applied.applied).toBeTruthy()
      const after = await engine.dispatch('logs.loggers', { profileId: profile.id, service: 'dhcp4' }) as LoggersConfig
      expect(after.drafts.map((d) => [d.name, d.severity, d.debuglevel])).toEqual([['kea-dhcp4', 'INFO', 0], ['kea-dhcp4.packets', 'DEBUG', 55]])
      // config-write wrote them into the file the server was started with.
      expect(readFileSync(config, 'utf8')).toContain('kea-dhcp4.packets')
    } finally {
      kea.kill('SIGTERM')
      await exited
      execFileSync('ip', ['netns', 'delete', namespace])
      engine.close()
    }
  })
})

/** A log file the remote-log list names, made by the test on a machine whose Kea keeps no such file. */
const REMOTE_LOG = '/var/log/kea/kea-dhcp-ddns.log'
const noRemote = unavailable ?? sshdUnavailable() ?? (existsSync(REMOTE_LOG) ? `${REMOTE_LOG} exists here (a real Kea's): the test does not touch it` : null)

describe.skipIf(noRemote !== null)(`Kea logs over SSH${noRemote ? ` (skipped: ${noRemote})` : ''}`, () => {
  let sshd: LabSshd
  let madeDir = false
  const line = (n: number) => `2026-11-30 15:00:${String(n).padStart(2, '0')}.000 INFO  [kea-dhcp-ddns.d2-to-dns/7.1] DHCP_DDNS_ADD_SUCCEEDED tid=0x${n.toString(16).padStart(8, '0')}: DHCP_DDNS Request ID ${n}: successfully added the DNS mapping\n`
  beforeAll(async () => {
    await labUp()
    sshd = await startLabSshd(2252)
    madeDir = !existsSync('/var/log/kea')
    mkdirSync('/var/log/kea', { recursive: true })
    writeFileSync(REMOTE_LOG, line(1) + line(2))
  })
  afterAll(async () => {
    await sshd?.stop()
    for (const path of [REMOTE_LOG, `${REMOTE_LOG}.1`]) rmSync(path, { force: true })
    if (madeDir) rmSync('/var/log/kea', { recursive: true, force: true })
  })

  /** The CLI in the client namespace (the SSH traffic stays in the lab), with its own data folder (its known_hosts). */
  function logsInLab(args: string[], dataDir: string) {
    const [node, cli] = fieldkitCommand()
    return spawn('ip', ['netns', 'exec', lab.clientNamespace, node, cli, 'logs', '--ssh', `root@${sshd.host}:${sshd.port}`, '--identity', join(sshd.dir, 'client'), '--remote-log', REMOTE_LOG, ...args],
      { env: { ...process.env, FIELDKIT_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] })
  }
  const finished = (child: ReturnType<typeof spawn>) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    let stdout = '', stderr = ''
    child.stdout!.on('data', (chunk) => (stdout += chunk))
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

  it('names a new host by its fingerprint; trusted, reads the remote log, then follows it across a rotation (tail -F)', { timeout: 60_000 }, async () => {
    const dataDir = tempDir('fieldkit-logs-ssh')
    const first = await finished(logsInLab([], dataDir))
    expect(first.code).toBe(1)
    const fingerprint = /--trust-host-key (SHA256:\S+)/.exec(first.stderr)?.[1]
    expect(fingerprint, first.stderr).toBeTruthy()
    const read = await finished(logsInLab(['--trust-host-key', fingerprint!, '--json'], dataDir))
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { messageId: string; xid: string }).xid)).toEqual(['0x00000001', '0x00000002'])

    const following = logsInLab(['--follow', '--json'], dataDir)
    const result = finished(following)
    await sleep(3000)
    appendFileSync(REMOTE_LOG, line(3))
    renameSync(REMOTE_LOG, `${REMOTE_LOG}.1`)
    writeFileSync(REMOTE_LOG, line(4) + line(5))
    await sleep(3000)
    appendFileSync(REMOTE_LOG, line(6))
    await sleep(2000)
    following.kill('SIGINT')
    const { stdout, stderr } = await result
    expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { xid: string }).xid), stderr).toEqual(['0x00000001', '0x00000002', '0x00000003', '0x00000004', '0x00000005', '0x00000006'])
  })
})

/** journald needs a running systemd; containers and CI machines without one have no journal to read. */
const noJournal = unavailable ?? (existsSync('/run/systemd/system') ? null : 'systemd is not running on this machine, so there is no journal to read')

describe.skipIf(noJournal !== null)(`Kea logs from journald${noJournal ? ` (skipped: ${noJournal})` : ''}`, () => {
  it('reads a kea-dhcp4 run under systemd-run through journalctl -o json, and resumes after its cursor', { timeout: 60_000 }, async () => {
    // A transient unit under one of the names the app reads; a machine with a real one of that name is left alone.
    const unit = 'kea-dhcp4'
    const known = spawnSync('systemctl', ['cat', unit], { encoding: 'utf8' })
    expect(known.status, `a unit named ${unit} already exists here`).not.toBe(0)
    const config = join(work, 'journal-dhcp4.json')
    writeFileSync(config, JSON.stringify({
      Dhcp4: {
        'interfaces-config': { interfaces: ['lo'], 'dhcp-socket-type': 'udp' }, 'lease-database': { type: 'memfile', persist: false },
        loggers: [{ name: 'kea-dhcp4', output_options: [{ output: 'stdout' }], severity: 'INFO' }],
      },
    }))
    const namespace = `fk-journal-${process.pid}`
    execFileSync('ip', ['netns', 'add', namespace])
    try {
      execFileSync('systemd-run', ['--unit', unit, '--collect', `--setenv=KEA_PIDFILE_DIR=${work}`, `--setenv=KEA_LOCKFILE_DIR=${work}`, 'ip', 'netns', 'exec', namespace, 'kea-dhcp4', '-c', config])
      for (let tries = 0; tries < 100 && !spawnSync('journalctl', ['-u', unit, '-o', 'cat', '--no-pager'], { encoding: 'utf8' }).stdout.includes('DHCP4_STARTED'); tries++) await sleep(100)
      execFileSync('systemctl', ['stop', unit])
    } finally {
      execFileSync('ip', ['netns', 'delete', namespace])
    }
    const book = new LogBook(() => undefined)
    const { log, done } = book.openJournal({ unit, follow: false, resume: false, since: 'today' })
    await done
    expect(log.info).toMatchObject({ format: 'journal', unparsed: 0, error: null })
    const ids = new Set(Array.from(filterLines(log.lines!, {}).positions, (i) => log.lines!.messageIds.names[log.lines!.messageId[i]]))
    expect([...ids]).toEqual(expect.arrayContaining(['DHCP4_STARTED', 'DHCP4_SHUTDOWN_REQUEST']))
    expect(log.info.cursor).toMatch(/^s=/)
    const again = book.openJournal({ unit, follow: false, resume: true })
    await again.done
    expect(again.log.info.entries).toBe(0)
  })
})
