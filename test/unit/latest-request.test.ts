// The renderer's stores apply only the newest answer of requests that replace one another (filter checks and
// completions as the user types, the statistics of the capture on screen): an older answer arriving late is dropped.
import { describe, expect, it } from 'vitest'
import { latestRequest, stale } from '../../renderer/src/latest-request'

/** A request whose answer (or failure) arrives when the test says so. */
function deferred<T>() {
  let answer!: (value: T) => void
  let fail!: (error: Error) => void
  const promise = new Promise<T>((resolve, reject) => { answer = resolve; fail = reject })
  return { request: () => promise, answer, fail }
}

describe('latest request', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const latest = latestRequest()
    const old = deferred<string>()
    const newer = deferred<string>()
    const first = latest.run(old.request)
    const second = latest.run(newer.request)
    newer.answer('dhcp.msgtype == NAK')
    expect(await second).toBe('dhcp.msgtype == NAK')
    old.answer('dhcp.ty')
    expect(await first).toBe(stale)
  })

  it('drops an older answer that arrives first, since a newer request is on its way', async () => {
    const latest = latestRequest()
    const old = deferred<number>()
    const first = latest.run(old.request)
    const second = latest.run(async () => 2)
    old.answer(1)
    expect(await first).toBe(stale)
    expect(await second).toBe(2)
  })

  it('passes on the newest request\'s failure and swallows a stale one\'s', async () => {
    const latest = latestRequest()
    const old = deferred<number>()
    const first = latest.run(old.request)
    const second = latest.run(() => Promise.reject(new Error('capture gone')))
    await expect(second).rejects.toThrow('capture gone')
    old.fail(new Error('too late to matter'))
    expect(await first).toBe(stale)
  })

  it('makes answers on their way stale when cancelled, and runs afresh afterwards', async () => {
    const latest = latestRequest()
    const pending = deferred<number>()
    const first = latest.run(pending.request)
    latest.cancel()
    pending.answer(1)
    expect(await first).toBe(stale)
    expect(await latest.run(async () => 3)).toBe(3)
  })
})
