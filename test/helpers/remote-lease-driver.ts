// Drives the engine's remote memfile table through the contract from inside the lab's client namespace (so SSH
// stays in the lab): save the host, meet its key, trust it, list its memfiles, open the lab's kea-leases4.csv, and
// follow it until the lease the test adds shows. Reads {host, port, privateKey, dataDir, path} on stdin, then the
// address added; prints one JSON line per step.
import { createInterface } from 'node:readline'
import type { LeasePage, LeaseSourceChoices, LeaseTableInfo, LeaseViewInfo, RemoteHostInfo } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import type { ContractError } from '../../electron/engine/errors'

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const request = JSON.parse((await lines.next()).value as string) as { host: string; port: number; privateKey: string; dataDir: string; path: string }
const say = (step: string, value: unknown) => process.stdout.write(`${JSON.stringify({ step, value })}\n`)
const engine = new Engine({ dataDir: request.dataDir, mode: 'browser', version: 'driver' })
const until = async <T>(get: () => Promise<T | undefined>): Promise<T> => {
  for (;;) {
    const value = await get()
    if (value !== undefined) return value
    await new Promise((settle) => setTimeout(settle, 100))
  }
}

const saved = await engine.dispatch('remote.save', { host: request.host, port: request.port, user: 'root', auth: { privateKey: request.privateKey } }) as RemoteHostInfo
const first = await engine.dispatch('leases.remoteMemfiles', { hostId: saved.id }).then(() => null, (error: ContractError) => error.toJSON())
say('first-use', first)
const memfiles = await engine.dispatch('leases.remoteMemfiles', { hostId: saved.id, trustHostKey: first?.hostKey?.fingerprint }) as LeaseSourceChoices['memfiles']
say('memfiles', memfiles)
const memfile = memfiles.find((m) => m.path === request.path)!
const opened = await engine.dispatch('leases.open', { source: { hostId: saved.id, memfileId: memfile.memfileId } }) as LeaseTableInfo
const tables = () => engine.dispatch('leases.tables', {}) as Promise<LeaseTableInfo[]>
say('loaded', await until(async () => (await tables()).find((t) => t.tableId === opened.tableId && (t.following || t.error !== null))))
const address = (await lines.next()).value as string
say('followed', await until(async () => {
  const view = await engine.dispatch('leases.view', { tableId: opened.tableId, filter: { address } }) as LeaseViewInfo
  return (await engine.dispatch('leases.page', { tableId: opened.tableId, viewId: view.viewId, offset: 0, limit: 10 }) as LeasePage).rows[0]
}))
await engine.dispatch('leases.close', { tableId: opened.tableId })
engine.close()
