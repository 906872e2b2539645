// The timeline of a lab case, read back through `fieldkit session timeline --json`: a live capture on the lab's bridge
// while the built-in test client runs a DORA and, as another client, a DORA then a reboot asking for an address of
// another subnet (Kea NAKs it); Kea's status read before and after and a console command. The timeline holds them in
// time order, and every link names a real capture, frame, transaction, run or client of the session.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaptureInfo, CaseLink, CaseTimeline, CaseTimelineItem, ClientRunResult, SavedBundle, SessionInfo, TransactionPage } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { lab } from '../../electron/lab/topology'
import { fieldkitCommand } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'
import { deleteLabLeases, labEngine } from '../helpers/lab-engine'
import { tempDir } from '../helpers/temp'

const unavailable = labUnavailable()
const DHCP4 = 'udp port 67 or udp port 68'
/** This test's clients (the range 0a:15:00:00:00:01-ff is this feature's). */
const DORA_MAC = '0a:15:00:00:00:01'
const NAK_MAC = '0a:15:00:00:00:02'
const MACS = [DORA_MAC, NAK_MAC]
/** An address of the lab's relayed subnet: asked for on the broadcast link, Kea NAKs a client it knows. */
const OTHER_SUBNET_ADDRESS = '198.51.100.150'

const deleteLeases = () => deleteLabLeases(MACS)

const ofLink = <K extends CaseLink['kind']>(item: CaseTimelineItem, kind: K) => item.links.filter((l): l is Extract<CaseLink, { kind: K }> => l.kind === kind)

/** The case: a live capture on the lab's bridge around a DORA, and another client's DORA then its NAKed reboot; Kea read before and after. */
async function labCase(engine: Engine): Promise<{ session: SessionInfo; live: CaptureInfo; runs: ClientRunResult[] }> {
  const session = (await engine.dispatch('sessions.create', { name: 'Laptop in room 12 gets no address' })) as SessionInfo
  const sessionId = session.id
  await engine.dispatch('sessions.setNotes', { sessionId, notes: 'Reported by the front desk.' })
  await engine.dispatch('kea.status', { profileId: 'lab', sessionId })
  const started = (await engine.dispatch('capture.start', { sessionId, iface: lab.captureInterface, filter: DHCP4 })) as CaptureInfo
  const run = (request: object) => engine.dispatch('client.run', { sessionId, iface: lab.captureInterface, ...request }) as Promise<ClientRunResult>
  expect((await run({ mode: 'dora', mac: DORA_MAC, wait: 5 })).reason).toBe('BOUND')
  expect((await run({ mode: 'dora', mac: NAK_MAC, keep: true, wait: 5 })).reason).toBe('BOUND')
  expect((await run({ mode: 'reboot', address: OTHER_SUBNET_ADDRESS, mac: NAK_MAC, wait: 3 })).reason).toBe('NAK')
  // The capturing side hands packets over up to a second late: the NAK must be in the capture when it stops.
  await new Promise((done) => setTimeout(done, 1500))
  const live = (await engine.dispatch('capture.stop', { captureId: started.id })) as CaptureInfo
  await engine.dispatch('kea.status', { profileId: 'lab', sessionId })
  await engine.dispatch('kea.command', { profileId: 'lab', sessionId, command: 'version-get', service: 'dhcp4' })
  return { session, live, runs: (await engine.dispatch('client.runs', { sessionId })) as ClientRunResult[] }
}

describe.skipIf(unavailable !== null)(`a lab case's timeline${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const engine = labEngine()
  let session: SessionInfo
  let live: CaptureInfo
  let runs: ClientRunResult[]
  let timeline: CaseTimeline
  beforeAll(async () => {
    await deleteLeases()
    ;({ session, live, runs } = await labCase(engine()))
    const [node, cli] = fieldkitCommand()
    const printed = execFileSync(node, [cli, 'session', 'timeline', String(session.id), '--json'], { encoding: 'utf8', env: { ...process.env, FIELDKIT_DATA_DIR: engine().dataDir } })
    timeline = JSON.parse(printed) as CaseTimeline
  }, 120_000)
  afterAll(deleteLeases)

  it('is printed by `fieldkit session timeline --json`, whole and oldest first', () => {
    expect(timeline).toMatchObject({ sessionId: session.id, omitted: 0 })
    const times = timeline.items.map((i) => Date.parse(i.time))
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  it('holds the session, the capture\'s start and end around the runs, the runs in order and a Kea reading only where it changed', () => {
    const kinds = timeline.items.map((i) => i.kind)
    expect(kinds[0]).toBe('session')
    expect(timeline.items.find((i) => i.kind === 'notes')?.text).toBe('Notes: Reported by the front desk.')
    const runItems = timeline.items.filter((i) => i.kind === 'run')
    expect(runItems.map((i) => ofLink(i, 'run')[0].runId)).toEqual(runs.map((r) => r.captureId))
    expect(runItems.map((i) => [i.severity, i.text.match(/^Test client (\w+) as ([\da-f:]+)/)?.slice(1)])).toEqual([
      ['info', ['dora', DORA_MAC]], ['info', ['dora', NAK_MAC]], ['problem', ['reboot', NAK_MAC]],
    ])
    const start = timeline.items.findIndex((i) => i.kind === 'capture-start' && i.text.includes(live.name))
    const end = timeline.items.findIndex((i) => i.kind === 'capture-end' && i.text.includes(live.name))
    expect(start).toBeGreaterThan(0)
    expect(start).toBeLessThan(timeline.items.indexOf(runItems[0]))
    expect(end).toBeGreaterThan(timeline.items.indexOf(runItems[2]))
    expect(timeline.items[end].text).toContain(`${live.packetCount} packets`)
    // Two readings of the same servers: each one's first reading shows, the second (nothing changed) does not.
    const dhcp4Readings = timeline.items.filter((i) => i.kind === 'kea-status' && i.text.startsWith('Kea dhcp4 (lab)'))
    expect(dhcp4Readings).toHaveLength(1)
    expect(dhcp4Readings[0].severity).toBe('info')
    const command = timeline.items.find((i) => i.kind === 'kea-command')!
    expect(command.text).toContain('version-get')
    expect(command.links).toEqual([expect.objectContaining({ kind: 'kea', profileId: 'lab', tab: 'console' })])
  })

  it('has the NAK in the live capture as a problem, linked to its transaction, its client and the run that made it', () => {
    const nakRun = runs[2]
    const problem = timeline.items.find((i) => i.kind === 'transaction' && i.text.includes(NAK_MAC) && i.text.includes('NAK'))!
    expect(problem.severity).toBe('problem')
    expect(ofLink(problem, 'transaction')[0].captureId).toBe(live.id)
    expect(ofLink(problem, 'client').map((l) => l.client)).toEqual([NAK_MAC])
    expect(ofLink(problem, 'run').map((l) => l.runId)).toEqual([nakRun.captureId])
    // The failed run links to its packets, its exchange in its own capture and the same exchange in the live capture.
    const runItem = timeline.items.find((i) => i.kind === 'run' && ofLink(i, 'run')[0].runId === nakRun.captureId)!
    expect(ofLink(runItem, 'packet')).toEqual([expect.objectContaining({ captureId: nakRun.captureId, frame: 1 })])
    expect(ofLink(runItem, 'transaction').map((l) => l.captureId).sort()).toEqual([live.id, nakRun.captureId].sort())
    expect(ofLink(runItem, 'client').map((l) => l.client)).toEqual([NAK_MAC])
  })

  it('links only to real things of the session: captures and frames, transactions at their first packet, runs, clients', async () => {
    const captures = (await engine().dispatch('captures.list', { sessionId: session.id })) as CaptureInfo[]
    const packetsOf = new Map(captures.map((c) => [c.id, c.packetCount]))
    const runIds = new Set(runs.map((r) => r.captureId))
    const links = timeline.items.flatMap((i) => i.links)
    expect(links.length).toBeGreaterThan(10)
    for (const link of links) {
      if (link.kind === 'packet') {
        expect(link.frame).toBeGreaterThanOrEqual(1)
        expect(link.frame).toBeLessThanOrEqual(packetsOf.get(link.captureId)!)
      } else if (link.kind === 'transaction') {
        const page = (await engine().dispatch('transactions.page', { captureId: link.captureId, offset: link.transactionId - 1, limit: 1 })) as TransactionPage
        expect(page.rows[0]?.id, JSON.stringify(link)).toBe(link.transactionId)
        expect(page.rows[0].steps[0].frame).toBe(link.frame)
      } else if (link.kind === 'run') {
        expect(runIds.has(link.runId)).toBe(true)
      } else if (link.kind === 'kea') {
        expect(link.profileId).toBe('lab')
      }
    }
    // The clients linked from this test's items are its own.
    const mine = timeline.items.filter((i) => MACS.some((mac) => i.text.includes(mac))).flatMap((i) => ofLink(i, 'client').map((l) => l.client))
    expect(new Set(mine)).toEqual(new Set(MACS))
  })

  it('goes into the session\'s bundle: data/timeline.json, and the report\'s timeline linking the NAK run to its evidence', async () => {
    const saved = (await engine().dispatch('bundle.export', { sessionId: session.id, parts: ['report', 'data'] })) as SavedBundle
    const dir = tempDir('timeline-bundle')
    execFileSync('unzip', ['-q', saved.path, '-d', dir])
    const inBundle = JSON.parse(readFileSync(join(dir, 'data/timeline.json'), 'utf8')) as CaseTimeline
    expect(inBundle.items.map((i) => [i.kind, i.text])).toEqual(timeline.items.map((i) => [i.kind, i.text]))
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    const section = html.slice(html.indexOf('<section id="timeline">'))
    // The failed run's row links to the run's part of the report (the third run: run-2).
    expect(section).toMatch(/<tr class="problem" data-kind="run">.*<a href="#run-2">/)
    expect(html).toContain('<div id="run-2"')
  })
})
