// The Kea log parser on lines of several Kea releases, custom patterns, syslog and journald exports; the
// catalogue's renamed ids; bounded lines; a rotated file followed without losing a line.
import { appendFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { keaMessage, sameMessageIds } from '../../electron/engine/logs/catalogue'
import facts from '../../electron/engine/logs/kea-messages.json'
import { LogBook } from '../../electron/engine/logs/log-book'
import { compilePattern, DEFAULT_PATTERN, PatternError } from '../../electron/engine/logs/log-pattern'
import { detectFormat, lineReader } from '../../electron/engine/logs/line-formats'
import { LogLines } from '../../electron/engine/logs/log-lines'
import { filterLines } from '../../electron/engine/logs/log-query'
import { logRow } from '../../electron/engine/logs/log-rows'
import { MESSAGE_ADVICE } from '../../electron/engine/logs/message-advice'
import { messageFields } from '../../electron/engine/logs/message-fields'
import { MAX_LINE_CHARS, TextLines } from '../../electron/engine/logs/text-lines'
import type { LogInfo } from '../../electron/contract/types'
import { tempDir } from '../helpers/temp'

const FACT_KEYS = new Set(['severity', 'debugLevel', 'since', 'removedAfter', 'renamedTo', 'renamedIn', 'formerly'])

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/logs', name), 'utf8')

function load(text: string, format = detectFormat(text.split('\n')), pattern?: string): LogLines {
  const lines = new LogLines(lineReader(format, pattern))
  const splitter = new TextLines((line) => lines.add(line))
  splitter.push(text)
  splitter.end()
  return lines
}

describe('log4cplus patterns', () => {
  it('reads Kea\'s default pattern: time, severity, logger, pid, thread, message', () => {
    const f = compilePattern(DEFAULT_PATTERN).read('2026-11-30 15:59:24.880 INFO  [kea-dhcp4.leases/25770.140354087203328] DHCP4_LEASE_ALLOC [hwtype=1 aa:88:23:dc:bb:2e], cid=[no info], tid=0xf9b37a12: lease 192.0.2.101 has been allocated for 600 seconds')!
    expect(f).toMatchObject({ severity: 'INFO', logger: 'kea-dhcp4.leases', pid: 25770, thread: '140354087203328' })
    expect(f.message.startsWith('DHCP4_LEASE_ALLOC')).toBe(true)
    expect(f.time).toBe(new Date(2026, 10, 30, 15, 59, 24, 880).getTime())
  })

  it('reads custom patterns: %d in UTC, widths, precision, %%, other orders, an offset written in the line', () => {
    const utc = compilePattern('%d{%Y-%m-%d %H:%M:%S.%q} %5p %% %c{2} %i/%t: %m%n')
    expect(utc.timeZone).toBe('utc')
    expect(utc.read('2026-11-30 15:00:00.250  WARN % kea-dhcp4.alloc-engine 99/1: ALLOC_ENGINE_V4_ALLOC_FAIL x')).toMatchObject({ time: Date.UTC(2026, 10, 30, 15, 0, 0, 250), severity: 'WARN', logger: 'kea-dhcp4.alloc-engine', pid: 99 })
    const zoned = compilePattern('[%D{%d/%b/%Y:%H:%M:%S %z}] <%-5p> %m')
    expect(zoned.timeZone).toBe('written')
    expect(zoned.read('[30/Nov/2026:16:00:00 +0100] <DEBUG> DHCP4_QUERY_DATA hi')!.time).toBe(Date.UTC(2026, 10, 30, 15, 0, 0))
    expect(compilePattern('%-5p %m').read('INFO  DHCP4_STARTING go')).toMatchObject({ severity: 'INFO', message: 'DHCP4_STARTING go' })
  })

  it('refuses what is not a log4cplus pattern, in words', () => {
    expect(() => compilePattern('%Q %m')).toThrow(PatternError)
    expect(() => compilePattern('%p only')).toThrow(/no %m/)
    expect(() => compilePattern('%D{%K} %m')).toThrow(/%K/)
    expect(() => compilePattern('x'.repeat(2000))).toThrow(/characters long/)
  })
})

describe('message text', () => {
  it('finds MAC, client id, xid, addresses, subnet id and lifetime', () => {
    const f = messageFields('ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET [hwtype=1 2:0:5e:50:0:11], cid=[01:02:00:5e:50:00:11], tid=0x0102abcd: failed to allocate an IPv4 lease in the subnet 10.20.0.0/24, subnet-id 7, shared network (none)')
    expect(f).toMatchObject({ messageId: 'ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET', mac: '02:00:5e:50:00:11', clientId: '01:02:00:5e:50:00:11', xid: 0x0102abcd, subnetId: 7, addresses: ['10.20.0.0'] })
    const v6 = messageFields('DHCP6_LEASE_ALLOC duid=[00:03:00:01:02:00:5e:50:00:20], [no hwaddr info], tid=0x9a0b1c: lease for address 2001:db8:1::25 and iaid=1 has been allocated for 7200 seconds')
    expect(v6).toMatchObject({ duid: '00:03:00:01:02:00:5e:50:00:20', mac: null, xid: 0x9a0b1c, addresses: ['2001:db8:1::25'], lifetime: 7200 })
    expect(messageFields('COMMAND_RECEIVED Received command \'lease4-get\'')).toMatchObject({ messageId: 'COMMAND_RECEIVED', xid: null, addresses: [] })
  })
})

describe('logs of other Kea releases', () => {
  it('Kea 2.6: every line parsed, the multi-line packet dump kept with its line', () => {
    const lines = load(fixture('kea-2.6-dhcp4.log'))
    expect(lines.count).toBe(9)
    expect(lines.unparsed).toBe(0)
    const dump = logRow(lines, 7)
    expect(dump.messageId).toBe('DHCP4_QUERY_DATA')
    expect(dump.continuation).toEqual(['options:', '  type=053, len=001: 3 (uint8)', '  type=054, len=004: 10.20.0.1 (ipv4-address)'])
    expect(logRow(lines, 3)).toMatchObject({ messageId: 'DHCP4_LEASE_OFFER', xid: '0x5e1f00a3', mac: '02:00:5e:50:00:10', addresses: ['10.20.0.51'] })
    expect(logRow(lines, 3).meaning).toMatch(/^Kea offered this address/)
  })

  it('Kea 2.2 DHCPv6: DUIDs and prefixes', () => {
    const lines = load(fixture('kea-2.2-dhcp6.log'))
    expect(lines.unparsed).toBe(0)
    expect(logRow(lines, 1)).toMatchObject({ messageId: 'DHCP6_PD_LEASE_ALLOC', clientId: '00:03:00:01:02:00:5e:50:00:20', addresses: ['2001:db8:100::'], lifetime: 7200 })
  })

  it('a filter on DHCP4_LEASE_OFFER finds Kea 2.0\'s DHCP4_LEASE_ADVERT, renamed in 2.5.3', () => {
    expect(keaMessage('DHCP4_LEASE_ADVERT')).toMatchObject({ renamedTo: 'DHCP4_LEASE_OFFER', renamedIn: '2.5.3' })
    expect(sameMessageIds('DHCP4_LEASE_OFFER').sort()).toEqual(['DHCP4_LEASE_ADVERT', 'DHCP4_LEASE_OFFER'])
    const old = load(fixture('kea-2.0-advert.log'))
    expect(filterLines(old, { messageId: 'DHCP4_LEASE_OFFER' }).view.total).toBe(1)
    expect(keaMessage('ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET')).toMatchObject({ severity: 'WARN' })
    expect(keaMessage('ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET')!.action).toMatch(/pool/i)
    expect(keaMessage('NOT_A_KEA_MESSAGE')).toBeNull()
  })

  it('the catalogue keeps Kea\'s facts only; meaning and advice are ours, shared by an id\'s old and new names', () => {
    for (const entry of Object.values(facts.messages)) expect(Object.keys(entry).filter((k) => !FACT_KEYS.has(k))).toEqual([])
    expect(facts.source).toMatch(/scripts\/kea-message-facts\.ts/)
    expect([...MESSAGE_ADVICE.keys()].filter((id) => !keaMessage(id))).toEqual([])
    expect(keaMessage('DHCP4_PACKET_DROP_0001')).toMatchObject({ severity: 'DEBUG', debugLevel: 15, meaning: expect.stringMatching(/could not decode/) })
    expect(keaMessage('DHCP4_LEASE_ADVERT')!.meaning).toBe(keaMessage('DHCP4_LEASE_OFFER')!.meaning)
    expect(keaMessage('HA_HIGH_CLOCK_SKEW_CAUSES_TERMINATION')!.action).toMatch(/NTP|clock skew/)
    expect(keaMessage('DHCP4_RELEASE')).toMatchObject({ severity: 'INFO', since: '2.0.0' })
    expect(keaMessage('DHCPSRV_MYSQL_DB')).toMatchObject({ removedAfter: '2.7.3' })
  })

  it('an id Field Kit does not explain has its facts and no meaning, so the list shows no tooltip', () => {
    const unexplained = keaMessage('DHCP4_BUFFER_UNPACK')!
    expect(unexplained).toMatchObject({ severity: 'DEBUG', debugLevel: 50 })
    expect(unexplained.meaning).toBeUndefined()
    expect(unexplained.action).toBeUndefined()
    const lines = load('2026-11-30 15:00:00.000 DEBUG [kea-dhcp4.packets/1.2] DHCP4_BUFFER_UNPACK parsing buffer received from 10.0.0.1 to 10.0.0.2 over interface eth0\n')
    expect(logRow(lines, 0)).toMatchObject({ messageId: 'DHCP4_BUFFER_UNPACK', meaning: null })
  })

  it('keeps lines before any entry as unparsed, shown as they are', () => {
    const lines = load('garbage first\n2026-11-30 15:00:00.000 INFO  [kea-dhcp4.dhcp4/1.2] DHCP4_STARTING x\n')
    expect(lines.count).toBe(2)
    expect(lines.unparsed).toBe(1)
    expect(logRow(lines, 0)).toMatchObject({ unparsed: true, message: 'garbage first', severity: null })
  })
})

describe('syslog and journald', () => {
  it('syslog: Kea\'s tagged lines parsed (rsyslog default and RFC 3339), other programs left out', () => {
    const text = fixture('syslog-kea.log')
    expect(detectFormat(text.split('\n'))).toBe('syslog')
    const lines = load(text)
    expect(lines.count).toBe(3)
    expect(lines.otherPrograms).toBe(1)
    expect(lines.unparsed).toBe(0)
    expect(logRow(lines, 1)).toMatchObject({ severity: 'WARN', logger: 'kea-dhcp4.alloc-engine', messageId: 'ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET', subnetId: 1 })
    expect(logRow(lines, 2)).toMatchObject({ severity: 'ERROR', logger: 'kea-dhcp6.dhcp6', time: '2026-11-30T14:57:18.123Z' })
  })

  it('journald JSON: default-pattern and syslog-pattern messages, byte-array messages, cursor kept', () => {
    const text = fixture('journal-kea.json')
    expect(detectFormat(text.split('\n'))).toBe('journal')
    const lines = load(text)
    expect(lines.count).toBe(3)
    expect(lines.otherPrograms).toBe(1)
    expect(logRow(lines, 0)).toMatchObject({ messageId: 'DHCP4_RELEASE', logger: 'kea-dhcp4.leases', xid: '0x81640a4a' })
    expect(logRow(lines, 1)).toMatchObject({ severity: 'WARN', logger: 'kea-dhcp4.alloc-engine', time: '2025-11-30T15:57:16.000Z' })
    expect(logRow(lines, 2)).toMatchObject({ severity: 'ERROR', messageId: 'DHCP4_OOPS' })
    expect(lines.cursor).toBe('s=6a1c;i=1a5;b=5f;m=9e;t=602;x=4')
  })
})

describe('bounds', () => {
  it('cuts a line longer than the limit and goes on with the next', () => {
    const seen: string[] = []
    const splitter = new TextLines((l) => seen.push(l))
    splitter.push(Buffer.from('a'.repeat(MAX_LINE_CHARS * 3)))
    splitter.push(Buffer.from('\r\nnext\n'))
    expect(seen).toHaveLength(2)
    expect(seen[0].length).toBeLessThan(MAX_LINE_CHARS + 100)
    expect(seen[1]).toBe('next')
  })

  it('splits UTF-8 across chunks without damage', () => {
    const seen: string[] = []
    const bytes = Buffer.from('é€\n')
    const splitter = new TextLines((l) => seen.push(l))
    for (const b of bytes) splitter.push(Buffer.of(b))
    expect(seen).toEqual(['é€'])
  })
})

describe('filters', () => {
  it('by severity, logger, MAC, xid, address, time and text; counts and timeline', () => {
    const lines = load(fixture('kea-2.6-dhcp4.log'))
    expect(filterLines(lines, { severities: ['WARN'] }).view.total).toBe(2)
    expect(filterLines(lines, { logger: 'kea-dhcp4.leases' }).view.total).toBe(2)
    expect(filterLines(lines, { logger: 'kea-dhcp4' }).view.total).toBe(9)
    expect(filterLines(lines, { mac: '02-00-5E-50-00-10' }).view.total).toBe(3)
    expect(filterLines(lines, { mac: '02:00:5e:50:00:99' }).view.total).toBe(0)
    expect(filterLines(lines, { xid: 0x0102abcd }).view.total).toBe(2)
    expect(filterLines(lines, { address: '10.20.0.51' }).view.total).toBe(2)
    expect(filterLines(lines, { text: 'KEA-LFC' }).view.total).toBe(1)
    const t = new Date(2025, 2, 4, 10, 17, 0).getTime()
    expect(filterLines(lines, { from: t }).view.total).toBe(4)
    const { view } = filterLines(lines, {})
    expect(view.messages).toContainEqual({ messageId: 'ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET', count: 1 })
    expect(view.distinctMessages).toBe(9)
    expect(view.severities).toMatchObject({ INFO: 5, WARN: 2, DEBUG: 1, ERROR: 1 })
    expect(view.timeline!.WARN.reduce((a, b) => a + b)).toBe(2)
  })
})

describe('a followed file', () => {
  it('reads the rotated copies first and follows across a rotation and a truncation without losing a line', async () => {
    const dir = tempDir('kea-log-follow')
    const path = join(dir, 'kea-dhcp4.log')
    const line = (n: number) => `2026-11-30 15:00:${String(n % 60).padStart(2, '0')}.000 INFO  [kea-dhcp4.leases/1.2] DHCP4_LEASE_ALLOC [hwtype=1 02:00:5e:50:00:01], cid=[no info], tid=0x${n.toString(16).padStart(8, '0')}: lease 192.0.2.1 has been allocated for 600 seconds\n`
    writeFileSync(`${path}.2`, line(1))
    writeFileSync(`${path}.1`, line(2))
    writeFileSync(path, line(3))
    const updates: LogInfo[] = []
    const book = new LogBook((info) => updates.push(info))
    const { log, done } = book.openFile({ path }, true)
    await done
    expect(log.info.status).toBe('following')
    let n = 4
    // Kea writes, rotates (rename to .1, a new file), writes on; then the file is truncated (copytruncate).
    for (; n < 40; n++) appendFileSync(path, line(n))
    renameSync(`${path}.1`, `${path}.2`)
    renameSync(path, `${path}.1`)
    appendFileSync(`${path}.1`, line(n++))
    writeFileSync(path, line(n++))
    for (; n < 80; n++) appendFileSync(path, line(n))
    const seen = () => filterLines(log.lines!, {}).positions.length
    for (let tries = 0; seen() < 79 && tries < 200; tries++) await sleep(50)
    const xids = Array.from(filterLines(log.lines!, {}).positions, (i) => log.lines!.xid[i])
    expect(xids).toEqual(Array.from({ length: 79 }, (_, k) => k + 1))
    expect(log.info.notes.some((t) => /rotated/.test(t))).toBe(true)
    writeFileSync(path, line(80))
    for (let tries = 0; seen() < 80 && tries < 200; tries++) await sleep(50)
    expect(log.lines!.xid[79]).toBe(80)
    expect(log.info.notes.some((t) => /truncated/.test(t))).toBe(true)
    book.closeAll()
    expect(log.info.status).toBe('stopped')
    expect(log.lines!.unparsed).toBe(0)
  })
})

describe('the contract', () => {
  it('opens only listed files, granted files or text: a path, a shell word or a foreign unit is refused', { timeout: 60_000 }, async () => {
    const { testEngine } = await import('../helpers/engine')
    const engine = testEngine()
    try {
      await expect(engine.dispatch('logs.open', { source: { path: '/etc/shadow' } })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('logs.open', { source: { logFileId: '../../etc/shadow' } })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('logs.open', { source: { logFileId: '0123456789abcdef' } })).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/not in the list/) })
      await expect(engine.dispatch('logs.open', { source: { journal: 'sshd; rm -rf /' } })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('logs.open', { source: { journal: 'kea-dhcp4-server', since: '$(reboot)' } })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('logs.open', { source: { hostId: 'x', log: '/etc/passwd' } })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('logs.open', { source: { text: 'x'.repeat(50 * 1024 * 1024 + 1) } })).rejects.toMatchObject({ code: 'invalid-params' })
      await expect(engine.dispatch('logs.open', { source: { text: 'a line' }, pattern: '%Z %m' })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/pattern cannot be read/) })
      await expect(engine.dispatch('logs.view', { logId: 99, query: {} })).rejects.toMatchObject({ code: 'not-found' })
      // The engine's own list names files; the renderer takes one back by id.
      const pasted = await engine.dispatch('logs.open', { source: { text: fixture('kea-2.6-dhcp4.log') } }) as LogInfo
      expect(pasted).toMatchObject({ status: 'done', entries: 9, unparsed: 0 })
      const view = await engine.dispatch('logs.view', { logId: pasted.logId, query: { messageId: 'dhcp4_lease_advert' } }) as { viewId: number; total: number }
      expect(view.total).toBe(1)
      const page = await engine.dispatch('logs.page', { logId: pasted.logId, viewId: view.viewId, offset: 0, limit: 10 }) as { rows: { messageId: string }[] }
      expect(page.rows[0].messageId).toBe('DHCP4_LEASE_OFFER')
      const line = await engine.dispatch('logs.line', { logId: pasted.logId, index: 5 }) as { message: { id: string; action: string } }
      expect(line.message).toMatchObject({ id: 'ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET', action: expect.stringMatching(/pool/) })
    } finally {
      engine.close()
    }
  })
})

describe('the command line', () => {
  it('prints a file\'s lines filtered, as text or JSON, and says what is wrong with bad options', { timeout: 60_000 }, async () => {
    const { runFieldkit } = await import('../helpers/fieldkit')
    const path = join(__dirname, '../fixtures/logs/kea-2.6-dhcp4.log')
    const warn = runFieldkit(['logs', path, '--severity', 'WARN'])
    expect(warn.code).toBe(0)
    expect(warn.stdout.trim().split('\n')).toHaveLength(3)
    expect(warn.stderr).toMatch(/9 entries \(kea\)/)
    const json = runFieldkit(['logs', path, '--mac', '02:00:5e:50:00:10', '--json'])
    const rows = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { messageId: string; xid: string })
    expect(rows.map((r) => r.messageId)).toEqual(['DHCP4_PACKET_RECEIVED', 'DHCP4_LEASE_OFFER', 'DHCP4_LEASE_ALLOC'])
    expect(runFieldkit(['logs', path, '--xid', '0x77aa0001']).stdout).toMatch(/DHCP4_QUERY_DATA[^\n]*\noptions:\n {2}type=053/)
    expect(runFieldkit(['logs', join(__dirname, '../fixtures/logs/syslog-kea.log'), '--logger', 'kea-dhcp6']).stdout).toMatch(/DHCP6_PACKET_PROCESS_FAIL/)
    expect(runFieldkit(['logs', path, '--xid', 'zz'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--xid takes a transaction id/) })
    expect(runFieldkit(['logs', path, '--severity', 'LOUD'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--severity takes DEBUG/) })
    expect(runFieldkit(['logs', '/no/such/kea.log'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/does not exist/) })
    expect(runFieldkit(['logs', '--journal', 'sshd'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/one of Kea's units/) })
  })
})

describe('commands run for a log', () => {
  it('quotes every word of the remote and journalctl command lines; refuses times journalctl would not take', async () => {
    const { remoteScript } = await import('../../electron/engine/logs/remote-log')
    const { journalArgs } = await import('../../electron/engine/logs/journal-source')
    expect(remoteScript('/var/log/kea/kea-dhcp4.log', true)).toBe(`exec tail -n +1 -F -- '/var/log/kea/kea-dhcp4.log'`)
    expect(remoteScript('/var/log/syslog', false)).toBe(`exec cat -- '/var/log/syslog'`)
    expect(remoteScript('journal:kea-dhcp4-server', true, { since: '2026-11-30 15:00:00' })).toBe(`exec journalctl '-o' 'json' '--no-pager' '-u' 'kea-dhcp4-server' '--since' '2026-11-30 15:00:00' '-f'`)
    expect(journalArgs({ unit: 'kea-dhcp6-server', follow: false, cursor: 's=6a1c;i=1a5', until: '-1h' })).toEqual(['-o', 'json', '--no-pager', '-u', 'kea-dhcp6-server', '--after-cursor', 's=6a1c;i=1a5', '--until', '-1h'])
    expect(() => journalArgs({ unit: 'kea-dhcp4-server', follow: false, since: '`reboot`' })).toThrow(/not a time journalctl takes/)
    expect(() => journalArgs({ unit: 'kea-dhcp4-server', follow: false, cursor: "x' ; reboot" })).toThrow(/cursor/)
  })
})
