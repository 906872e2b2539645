// `fieldkit session list|show` as it ships (the built CLI, a process of its own) over a data folder the engine wrote.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaptureInfo, SessionInfo, SessionsStartup } from '../../electron/contract/types'
import { corpusDir } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import { fieldkitCommand, runFieldkit } from '../helpers/fieldkit'
import { tempDir } from '../helpers/temp'

const dataDir = tempDataDir()
let printer: SessionInfo
const before = process.env.FIELDKIT_DATA_DIR

beforeAll(async () => {
  const engine = testEngine(dataDir)
  printer = (await engine.dispatch('sessions.create', { name: 'printer on port 12' })) as SessionInfo
  await loaded(engine, (await openInEngine(engine, join(corpusDir, 'zeek__dhcp.pcap'), printer.id)).id)
  await engine.dispatch('sessions.setTags', { sessionId: printer.id, tags: ['floor 2'] })
  await engine.dispatch('sessions.setNotes', { sessionId: printer.id, notes: 'drops off at night' })
  const other = (await engine.dispatch('sessions.create', { name: 'gone' })) as SessionInfo
  await engine.dispatch('sessions.delete', { sessionId: other.id })
  engine.close()
  process.env.FIELDKIT_DATA_DIR = dataDir
})
afterAll(() => {
  if (before === undefined) delete process.env.FIELDKIT_DATA_DIR
  else process.env.FIELDKIT_DATA_DIR = before
})

describe('fieldkit session', () => {
  it('lists sessions, searched by what their captures hold, as text and JSON', () => {
    const text = runFieldkit(['session', 'list', '--search', '90:B1:1C:99:49:29'])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`^\\s+${printer.id}\\s+\\S+\\s+1 capture\\s+9 packets  printer on port 12  \\[floor 2\\]\\n$`))
    expect(text.stderr).toBe('1 session matching "90:B1:1C:99:49:29"\n')
    const json = JSON.parse(runFieldkit(['session', 'list', '--json']).stdout) as SessionInfo[]
    expect(json.map((s) => [s.name, s.tags, s.notes])).toEqual([['printer on port 12', ['floor 2'], 'drops off at night']])
    expect(runFieldkit(['session', 'list', '--search', 'btest.is.cool', '--json']).stdout).toContain('"printer on port 12"')
    expect(runFieldkit(['session', 'list', '--search', 'nobody']).stderr).toBe('0 sessions matching "nobody"\n')
    expect(runFieldkit(['session', 'list', '--trash']).stdout).toMatch(/ gone {2}\(deleted \S+\)\n$/)
  }, 60_000)

  it('shows one session with its notes and captures', () => {
    const text = runFieldkit(['session', 'show', String(printer.id)])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/printer on port 12 {2}\[floor 2\]\n {2}created .*\n {2}\| drops off at night\n {2}capture \d+: zeek__dhcp\.pcap \(pcap, ready, 9 packets\)\n$/)
    const json = JSON.parse(runFieldkit(['session', 'show', String(printer.id), '--json']).stdout) as { session: SessionInfo; captures: CaptureInfo[] }
    expect([json.session.name, json.captures.map((c) => c.name)]).toEqual(['printer on port 12', ['zeek__dhcp.pcap']])
  }, 30_000)

  it('writes the session\'s report alone, as the bundle\'s report.html, anonymized when asked, never over a file', () => {
    const out = join(tempDir('session-report'), 'printer.html')
    const written = runFieldkit(['session', 'report', String(printer.id), '--out', out, '--json'])
    expect(written.code).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(JSON.parse(written.stdout)).toEqual({ path: out, bytes: Buffer.byteLength(html), anonymized: false })
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain("default-src 'none'")
    expect(html).not.toMatch(/<script|https?:\/\/|src=/i)
    expect(html).toContain('<h1>printer on port 12</h1>')
    expect(html).toContain('<section id="problems"><h2>Problems found</h2>')
    expect(html.toLowerCase()).toContain('90:b1:1c:99:49:29')
    // A report alone lists no other files of a bundle.
    expect(html).not.toContain('Also in this bundle')
    expect(runFieldkit(['session', 'report', String(printer.id), '--out', out])).toMatchObject({ code: 2, stderr: expect.stringContaining('exists; a report never replaces a file') })
    const anonymized = runFieldkit(['session', 'report', String(printer.id), '--anonymize'])
    expect(anonymized.code).toBe(0)
    expect(anonymized.stdout).toContain('MAC addresses, IP addresses and host names are pseudonymized')
    expect(anonymized.stdout.toLowerCase()).not.toContain('90:b1:1c:99:49:29')
    expect(anonymized.stdout).toContain('02:00:00:')
    expect(runFieldkit(['session', 'report', '999'])).toMatchObject({ code: 1, stderr: 'fieldkit: Session 999 does not exist (it may have been deleted).\n' })
    expect(runFieldkit(['session', 'report'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fieldkit: session report takes one session ID/) })
    expect(runFieldkit(['help']).stdout).toContain('a PDF needs a browser\n')
  }, 60_000)

  it('says what is wrong with a bad request', () => {
    expect(runFieldkit(['session', 'show', '999'])).toMatchObject({ code: 1, stderr: 'fieldkit: Session 999 does not exist (it may have been deleted).\n' })
    expect(runFieldkit(['session', 'show', 'x'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fieldkit: session show takes one session ID/) })
    expect(runFieldkit(['session', 'list', '--sort', 'size'])).toMatchObject({ code: 2, stderr: 'fieldkit: --sort takes updated, created, name, not "size"\n' })
    expect(runFieldkit(['session'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^fieldkit: session needs one of list, show, report/) })
  }, 30_000)
})

describe('fieldkit serve stopped with Ctrl+C', () => {
  it('is a clean exit: the next start does not take it for a crash', async () => {
    const served = tempDataDir()
    const [node, cli] = fieldkitCommand()
    // Its own process group, as a terminal's: Ctrl+C sends SIGINT to the group, the engine's process included.
    const serve = spawn(node, [cli, 'serve', '--port', '0'], { env: { ...process.env, FIELDKIT_DATA_DIR: served }, stdio: ['ignore', 'pipe', 'inherit'], detached: true })
    const url = await new Promise<string>((listening) => serve.stdout.on('data', (chunk: Buffer) => {
      const open = /Open: (\S+)/.exec(chunk.toString())
      if (open) listening(open[1])
    }))
    // Used a moment, as a person would before quitting.
    expect((await fetch(url)).status).toBe(200)
    const exited = new Promise((done) => serve.once('exit', done))
    process.kill(-serve.pid!, 'SIGINT')
    await exited
    expect(readdirSync(join(served, 'running'))).toEqual([])
    const engine = testEngine(served)
    expect(((await engine.dispatch('sessions.startup', {})) as SessionsStartup).crashed).toBe(false)
    engine.close()
  }, 30_000)
})

