// The contract is not a file-system API: a hostile page (or a capture whose packets hold a path or a shell line)
// can neither read nor write a file the user did not choose. Each test replays an attack.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CaptureInfo, PacketDetail, SavedCapture } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import { corpusDir, decodeFile } from '../helpers/corpus'
import { loaded, openInEngine, tempDataDir, testEngine } from '../helpers/engine'
import { pcapFile } from '../helpers/pcap-bytes'
import { tempDir } from '../helpers/temp'

let engine: Engine | undefined
afterEach(() => {
  engine?.close()
  engine = undefined
})

const mode = (path: string) => statSync(path).mode & 0o777

describe('captures.open takes only files the user chose', () => {
  it('refuses a path from the page: /etc/shadow, relative paths, FIFOs never reach the reader', async () => {
    engine = testEngine()
    for (const path of ['/etc/shadow', 'relative.pcap', '../../etc/passwd']) {
      await expect(engine.dispatch('captures.open', { path })).rejects.toMatchObject({ code: 'invalid-params' })
    }
    await expect(engine.dispatch('captures.open', { fileId: '/etc/shadow' })).rejects.toMatchObject({ code: 'invalid-params' })
    const guessed = await engine.dispatch('captures.open', { fileId: '0b6c1a8e-9f7e-4c1d-8a55-000000000000' }).catch((e: unknown) => e)
    expect(guessed).toMatchObject({ code: 'not-found' })
    expect(JSON.stringify(guessed)).not.toMatch(/root:|shadow/)
  })

  it('refuses a granted FIFO or device before opening it, with a sentence, without blocking', async () => {
    const dir = tempDir('fieldkit-fifo')
    const fifo = join(dir, 'capture.pcap')
    execFileSync('mkfifo', [fifo])
    engine = testEngine()
    for (const path of [fifo, '/dev/zero', dir]) {
      await expect(openInEngine(engine, path)).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^Cannot open .*: it is a (named pipe|device|folder).*, not a capture file\.$/) })
    }
  })

  it('names a foreign file without leaking its contents', async () => {
    const dataDir = tempDataDir()
    const secret = join(dataDir, 'secret.txt')
    writeFileSync(secret, 'root:$6$hash:19000:0:99999:7:::\n')
    engine = testEngine(dataDir)
    const error = await openInEngine(engine, secret).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'bad-input', message: expect.stringContaining('secret.txt') })
    const text = JSON.stringify(error)
    expect(text).not.toMatch(/root|726f6f74|\$6\$/)
  })
})

describe('captures.save writes only where the user chose', () => {
  it('takes no path from the page', async () => {
    engine = testEngine()
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await expect(engine.dispatch('captures.save', { captureId: capture.id, format: 'pcap', path: '/root/.bashrc' })).rejects.toMatchObject({ code: 'invalid-params' })
  })

  it('in browser mode, puts a hostile name into exports/ only, sanitised, never replacing a file', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    const exports = join(dataDir, 'exports')
    const names = ['../../.bashrc', '/etc/profile.d/x.sh', '..', '$(reboot)`id`.pcap', 'a\\..\\b']
    const saved: SavedCapture[] = []
    for (const name of names) saved.push((await engine.dispatch('captures.save', { captureId: capture.id, format: 'pcap', name })) as SavedCapture)
    for (const s of saved) {
      expect(s.path.startsWith(exports + '/')).toBe(true)
      expect(s.path.slice(exports.length + 1)).not.toMatch(/[/\\$`]|^\./)
    }
    // The same name again: a new file beside the old one, which stays as it was.
    const first = (await engine.dispatch('captures.save', { captureId: capture.id, format: 'pcapng', name: 'dhcp' })) as SavedCapture
    const before = readFileSync(first.path)
    const second = (await engine.dispatch('captures.save', { captureId: capture.id, format: 'pcapng', name: 'dhcp' })) as SavedCapture
    expect(first.path).toBe(join(exports, 'dhcp.pcapng'))
    expect(second.path).toBe(join(exports, 'dhcp (2).pcapng'))
    expect(readFileSync(first.path)).toEqual(before)
    expect(readdirSync(exports).filter((f) => f.endsWith('.partial'))).toEqual([])
    expect(mode(exports)).toBe(0o700)
    expect(mode(second.path)).toBe(0o600)
  })

  it('in Electron, writes where the save dialog said; a failed save leaves the target as it was and no temporary file', async () => {
    const dataDir = tempDataDir()
    const target = join(tempDir('fieldkit-target'), 'profile')
    writeFileSync(target, 'the user\'s file\n')
    let asked: string | null = null
    engine = new Engine({ dataDir, mode: 'electron', version: 'test', chooseSaveTarget: async (suggested) => { asked = suggested; return target } })
    // Three link types: a pcap file can hold only one, so saving as pcap fails after the write has begun.
    const merged = join(tempDir('fieldkit-merged'), 'mixed.pcapng')
    execFileSync('mergecap', ['-w', merged, ...['zeek__dhcp.pcap', 'pcapplusplus__sll.pcap', 'pcapplusplus__raw_ip.pcap'].map((f) => `${corpusDir}${f}`)])
    const capture = await openInEngine(engine, merged)
    await loaded(engine, capture.id)
    await expect(engine.dispatch('captures.save', { captureId: capture.id, format: 'pcap' })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('pcapng') })
    expect(readFileSync(target, 'utf8')).toBe('the user\'s file\n')
    expect(readdirSync(join(target, '..'))).toEqual(['profile'])
    expect(asked).toBe('mixed.pcap')
    // The dialog confirmed replacing it: a good save does.
    expect(await engine.dispatch('captures.save', { captureId: capture.id, format: 'pcapng' })).toMatchObject({ path: target })
    expect(readFileSync(target).readUInt32LE(0)).toBe(0x0a0d0d0a)
  })

  it('in Electron, a cancelled save dialog writes nothing', async () => {
    engine = new Engine({ dataDir: tempDataDir(), mode: 'electron', version: 'test', chooseSaveTarget: async () => null })
    const capture = await openInEngine(engine, `${corpusDir}zeek__dhcp.pcap`)
    await loaded(engine, capture.id)
    expect(await engine.dispatch('captures.save', { captureId: capture.id, format: 'pcap' })).toBeNull()
  })
})

describe('the data folder', () => {
  it('is private to the user, also when it existed before', () => {
    const dataDir = tempDataDir()
    mkdirSync(dataDir, { recursive: true, mode: 0o755 })
    engine = testEngine(dataDir)
    expect(mode(dataDir)).toBe(0o700)
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith('fieldkit.db'))) expect(mode(join(dataDir, file))).toBe(0o600)
  })

  it('removes uploads no capture refers to at start, and a session\'s uploads with it', async () => {
    const dataDir = tempDataDir()
    engine = testEngine(dataDir)
    const orphan = engine.uploads.newPath('left-by-a-crash.pcap')
    writeFileSync(orphan, 'partial')
    const kept = engine.uploads.newPath('zeek.pcap')
    writeFileSync(kept, readFileSync(`${corpusDir}zeek__dhcp.pcap`))
    const capture = await openInEngine(engine, kept)
    await loaded(engine, capture.id)
    // An upload is in the data folder already: it is the capture's file, not copied again.
    expect(existsSync(join(dataDir, 'captures'))).toBe(false)
    engine.close()
    engine = testEngine(dataDir)
    expect(existsSync(orphan)).toBe(false)
    expect(existsSync(kept)).toBe(true)
    await engine.dispatch('sessions.delete', { sessionId: capture.sessionId })
    await engine.dispatch('sessions.purge', { sessionId: capture.sessionId })
    expect(existsSync(kept)).toBe(false)
  })

  it('keeps one private copy of a file opened in place, read after the original is gone; it goes with its session', async () => {
    const dataDir = tempDataDir()
    const original = join(tempDir('fieldkit-original'), 'zeek.pcap')
    copyFileSync(`${corpusDir}zeek__dhcp.pcap`, original)
    engine = testEngine(dataDir)
    const capture = await openInEngine(engine, original)
    await loaded(engine, capture.id)
    const copies = join(dataDir, 'captures')
    const [copy] = readdirSync(copies)
    expect(readFileSync(join(copies, copy))).toEqual(readFileSync(original))
    expect(mode(join(copies, copy))).toBe(0o600)
    expect(mode(copies)).toBe(0o700)
    engine.close()
    rmSync(original)
    writeFileSync(join(copies, `${copy}.partial`), 'left by a crash')
    engine = testEngine(dataDir)
    expect(readdirSync(copies)).toEqual([copy])
    const detail = (await engine.dispatch('packets.detail', { captureId: capture.id, frame: 2 })) as PacketDetail
    expect(detail.row.info).toMatch(/^DHCP Offer/)
    await engine.dispatch('sessions.delete', { sessionId: capture.sessionId })
    expect(readdirSync(copies)).toEqual([copy])
    await engine.dispatch('sessions.purge', { sessionId: capture.sessionId })
    expect(readdirSync(copies)).toEqual([])
  })

  it.skipIf(process.getuid?.() !== 0)(`says so when the copy does not fit the disk, and keeps reading the original${process.getuid?.() === 0 ? '' : ' (skipped: mounting a small disk needs root)'}`, async () => {
    const dataDir = tempDataDir()
    const copies = join(dataDir, 'captures')
    mkdirSync(copies, { recursive: true })
    // Only the copies' folder is short of room: the store beside it can still record what happened.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'fieldkit-test', copies])
    try {
      const frames = decodeFile(`${corpusDir}zeek__dhcp.pcap`).map((p) => p.record.data)
      const original = join(tempDir('fieldkit-original'), 'big.pcap')
      writeFileSync(original, pcapFile(Array.from({ length: 12_000 }, (_, i) => frames[i % frames.length])))
      engine = testEngine(dataDir)
      const capture = await openInEngine(engine, original)
      await loaded(engine, capture.id)
      const [info] = (await engine.dispatch('captures.list', { sessionId: capture.sessionId })) as CaptureInfo[]
      expect(info).toMatchObject({ status: 'ready', packetCount: 12_000, error: 'Cannot keep a copy of big.pcap in the data folder (the disk is full); it is read from where it was opened.' })
      expect(readdirSync(copies)).toEqual([])
      engine.close()
      engine = testEngine(dataDir)
      expect(await engine.dispatch('packets.page', { captureId: capture.id, offset: 11_999, limit: 1 })).toMatchObject({ total: 12_000, rows: [{ frame: 12_000 }] })
    } finally {
      engine?.close()
      engine = undefined
      execFileSync('umount', [copies])
    }
  })
})
