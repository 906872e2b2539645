// The engine in a process of its own, as browser mode and the desktop app run it: the built engine-host.js in a
// real child process, driven through EngineClient.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { CaptureInfo, SavedCapture } from '../../electron/contract/types'
import { MALLOC_TUNABLES } from '../../electron/engine-host/malloc-tunables'
import { forkEngineHost } from '../../electron/engine-host/node-host'
import { corpusDir } from '../helpers/corpus'
import { tempDataDir } from '../helpers/engine'
import { tempDir } from '../helpers/temp'

const entry = new URL('../../out/main/engine-host.js', import.meta.url).pathname
const built = existsSync(entry)

describe.skipIf(!built)(`the engine's own process${built ? '' : ' (skipped: out/main/engine-host.js is not built; npm test builds it first)'}`, () => {
  let client: Awaited<ReturnType<typeof forkEngineHost>>
  const asked: string[] = []
  const target = join(tempDir('fieldkit-host-save'), 'chosen.pcapng')
  beforeAll(async () => {
    client = await forkEngineHost(entry, {
      dataDir: tempDataDir(), mode: 'browser', version: 'host-test',
      chooseSaveTarget: async (suggested) => { asked.push(suggested); return target },
    })
  })
  afterAll(() => client.close())

  it('runs contract calls, grants files and forwards events', async () => {
    expect(await client.dispatch('app.info', {})).toMatchObject({ mode: 'browser', version: 'host-test' })
    const updates: CaptureInfo[] = []
    client.events.subscribe((name, payload) => { if (name === 'capture.updated') updates.push(payload as CaptureInfo) })
    const { fileId } = await client.grant(`${corpusDir}zeek__dhcp.pcap`)
    const capture = (await client.dispatch('captures.open', { fileId })) as CaptureInfo
    await vi.waitUntil(() => updates.some((u) => u.id === capture.id && u.status === 'ready'))
    expect(await client.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 2 })).toMatchObject({ total: 9 })
  })

  it('starts with glibc told to fault less (huge pages, a padded heap), so a large capture loads without a fault per 4 KB', () => {
    // glibc 2.36 writes a NUL after the first tunable in the environment block that /proc/PID/environ shows (its own
    // copy, which children inherit, keeps them all): only the first is seen here. malloc-tunables.test.ts shows glibc
    // reading them all.
    const environment = readFileSync(`/proc/${client.pid}/environ`, 'utf8').split('\0')
    const first = MALLOC_TUNABLES.split(':')[0]
    expect(environment.find((entry) => entry.startsWith('GLIBC_TUNABLES='))).toMatch(new RegExp(`^GLIBC_TUNABLES=${first}(:|$)`))
  })

  it('relays errors as contract errors, and asks the front where to save', async () => {
    await expect(client.dispatch('packets.detail', { captureId: 999, frame: 1 })).rejects.toMatchObject({ code: 'not-found' })
    await expect(client.dispatch('no.such', {})).rejects.toMatchObject({ code: 'unknown-method' })
    // A filter's mistake comes back with where it is, so the filter bar points at it without parsing again.
    await expect(client.dispatch('packets.view', { captureId: 1, filter: 'dhcp.msgtype == NOPE' })).rejects.toMatchObject({ code: 'bad-input', at: { position: 16, length: 4 } })
    const saved = (await client.dispatch('captures.save', { captureId: 1, format: 'pcapng' })) as SavedCapture
    expect(asked).toEqual(['zeek__dhcp.pcapng'])
    expect(saved).toMatchObject({ path: target, packets: 9 })
    expect(readFileSync(target).readUInt32LE(0)).toBe(0x0a0d0d0a)
  })

  it('says so, without hanging, when its process dies', async () => {
    const doomed = await forkEngineHost(entry, { dataDir: tempDataDir(), mode: 'browser', version: 'host-test' })
    expect(await doomed.dispatch('app.info', {})).toMatchObject({ mode: 'browser' })
    process.kill(doomed.pid, 'SIGKILL')
    // A call made as it dies waits for nothing: it fails once the death is seen, and so does every later one.
    await expect(doomed.dispatch('sessions.list', {})).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/^The engine stopped \(SIGKILL\); restart the app\./) })
    await expect(doomed.dispatch('app.info', {})).rejects.toMatchObject({ code: 'internal' })
  })
})
