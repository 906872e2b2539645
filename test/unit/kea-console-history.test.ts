// The Kea console's commands kept in a session (store/kea-console-history.ts, migration 7): secrets hidden in what
// was sent and what came back, answers bounded, a session's history bounded and read newest first; through the
// engine, a command sent with a session is kept with its failure, one refused unconfirmed is not.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { KeaCommandAnswer, KeaConsoleRecord, KeaProfileInfo, SessionInfo } from '../../electron/contract/types'
import { openDatabase } from '../../electron/engine/store/database'
import { KeaConsoleHistory, MAX_ANSWER_CHARS, MAX_CONSOLE_KEPT, MAX_CONSOLE_LISTED, type ConsoleOutcome } from '../../electron/engine/store/kea-console-history'
import { SessionStore } from '../../electron/engine/store/sessions'
import { tempDataDir, testEngine } from '../helpers/engine'

const PASSWORD = 'hunter2-in-the-console'

const answer = (command: string, args: unknown): KeaCommandAnswer => ({ command, service: 'dhcp4', result: 0, meaning: 'success', text: null, arguments: args, hint: null })
const outcome = (command: string, args: Record<string, unknown> | null = null, answered: unknown = null): ConsoleOutcome =>
  ({ profileId: 'lab', service: 'dhcp4', command, arguments: args, answer: answer(command, answered), error: null })

function store() {
  const db = openDatabase(':memory:')
  const sessions = new SessionStore(db)
  return { db, history: new KeaConsoleHistory(db), session: () => sessions.create('console').id }
}

describe('the console history store', () => {
  it('never keeps a password sent or answered: arguments and answers are kept with secrets as *****', () => {
    const { db, history, session } = store()
    const sessionId = session()
    const config = { Dhcp4: { 'lease-database': { type: 'mysql', name: 'kea', password: PASSWORD }, 'valid-lifetime': 600 } }
    history.add(sessionId, outcome('config-set', config))
    history.add(sessionId, outcome('config-get', null, config))
    const [got, set] = history.list(sessionId)
    expect(set.arguments).toEqual({ Dhcp4: { 'lease-database': { type: 'mysql', name: 'kea', password: '*****' }, 'valid-lifetime': 600 } })
    expect((got.answer!.arguments as typeof config).Dhcp4['lease-database'].password).toBe('*****')
    const everything = JSON.stringify(db.prepare('SELECT * FROM kea_console_commands').all())
    expect(everything).not.toContain(PASSWORD)
    expect(everything).toContain('valid-lifetime')
  })

  it('keeps a huge answer\'s first 256 KiB of JSON, and says it was cut', () => {
    const { history, session } = store()
    const sessionId = session()
    const leases = Array.from({ length: 5000 }, (_, i) => ({ 'ip-address': `10.0.${i >> 8}.${i & 255}`, 'hw-address': '02:00:00:00:00:01', hostname: 'x'.repeat(60) }))
    history.add(sessionId, outcome('lease4-get-all', null, { leases }))
    history.add(sessionId, outcome('status-get', null, { pid: 1 }))
    const [small, big] = history.list(sessionId)
    expect(big.truncated).toBe(true)
    expect(typeof big.answer!.arguments).toBe('string')
    expect((big.answer!.arguments as string).length).toBe(MAX_ANSWER_CHARS)
    expect((big.answer!.arguments as string).startsWith('{"leases":[{"ip-address":"10.0.0.0"')).toBe(true)
    expect(small).toMatchObject({ truncated: false, answer: { arguments: { pid: 1 } } })
  })

  it('keeps a session\'s newest commands, lists the newest first within its bound, per connection when asked, apart from other sessions', () => {
    const { db, history, session } = store()
    const [one, two] = [session(), session()]
    for (let i = 0; i < MAX_CONSOLE_KEPT + 5; i++) history.add(one, { ...outcome('status-get'), profileId: i % 2 ? 'odd' : 'even', arguments: { n: i } })
    history.add(two, outcome('version-get'))
    const listed = history.list(one)
    expect(listed).toHaveLength(MAX_CONSOLE_LISTED)
    expect(listed.map((r) => r.arguments!.n)).toEqual(Array.from({ length: MAX_CONSOLE_LISTED }, (_, i) => MAX_CONSOLE_KEPT + 4 - i))
    expect(history.list(one, 'odd').every((r) => r.profileId === 'odd' && (r.arguments!.n as number) % 2 === 1)).toBe(true)
    expect(history.list(two).map((r) => r.command)).toEqual(['version-get'])
    expect(db.prepare('SELECT COUNT(*) FROM kea_console_commands WHERE session_id = ?').pluck().get(one)).toBe(MAX_CONSOLE_KEPT)
  })
})

describe('kea.command with a session, through the engine', () => {
  it('keeps a command that failed to reach Kea with its sentence, not one refused unconfirmed, and not without a session', async () => {
    const dataDir = tempDataDir()
    const engine = testEngine(dataDir)
    try {
      const profile = await engine.dispatch('kea.saveProfile', { name: 'dead port', kind: 'http', url: 'http://127.0.0.1:9/', user: 'u', password: PASSWORD, service: 'dhcp4' }) as KeaProfileInfo
      const session = await engine.dispatch('sessions.create', { name: 'console' }) as SessionInfo
      const send = (command: string, extra: Record<string, unknown> = {}) => engine.dispatch('kea.command', { profileId: profile.id, command, sessionId: session.id, ...extra })
      await expect(send('config-set', { arguments: { Dhcp4: { 'lease-database': { password: PASSWORD } } } }))
        .rejects.toMatchObject({ message: '"config-set" changes the server\'s state: confirm it to send it (in the command line, add --yes).' })
      await expect(send('status-get')).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/refused/i) })
      await expect(send('lease4-del', { arguments: { 'ip-address': '192.0.2.9', password: PASSWORD }, confirmed: true })).rejects.toMatchObject({ code: 'bad-input' })
      await expect(engine.dispatch('kea.command', { profileId: profile.id, command: 'version-get' })).rejects.toMatchObject({ code: 'bad-input' })
      const kept = await engine.dispatch('kea.consoleHistory', { sessionId: session.id }) as KeaConsoleRecord[]
      expect(kept.map((r) => [r.command, r.service, r.answer, r.arguments])).toEqual([
        ['lease4-del', 'dhcp4', null, { 'ip-address': '192.0.2.9', password: '*****' }],
        ['status-get', 'dhcp4', null, null],
      ])
      expect(kept[1].error).toMatch(/refused/i)
      expect(await engine.dispatch('kea.consoleHistory', { sessionId: session.id, profileId: 'another' })).toEqual([])
      await expect(engine.dispatch('kea.consoleHistory', { sessionId: 9999 })).rejects.toMatchObject({ code: 'not-found' })
    } finally {
      engine.close()
    }
    const databaseFiles = readdirSync(dataDir).filter((f) => f.startsWith('fieldkit.db'))
    expect(databaseFiles).toContain('fieldkit.db')
    for (const file of databaseFiles) expect(readFileSync(join(dataDir, file)).includes(PASSWORD)).toBe(false)
  })
})
