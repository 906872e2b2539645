// Drives the engine's remote capture through the contract from inside the lab's client namespace (so the SSH
// traffic stays in the lab): save the host, meet its key, trust it, list its interfaces, capture while the test
// runs dhclient, stop. Reads {host, port, privateKey, iface, dataDir} on stdin; prints one JSON line per step.
import { createInterface } from 'node:readline'
import type { CaptureInfo, CaptureInterfaceInfo, RemoteHostInfo } from '../../electron/contract/types'
import { Engine } from '../../electron/engine/engine'
import type { ContractError } from '../../electron/engine/errors'

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const request = JSON.parse((await lines.next()).value as string) as { host: string; port: number; privateKey: string; iface: string; dataDir: string }
const say = (step: string, value: unknown) => process.stdout.write(`${JSON.stringify({ step, value })}\n`)
const engine = new Engine({ dataDir: request.dataDir, mode: 'browser', version: 'driver' })
const failure = (error: ContractError) => error.toJSON()

const saved = await engine.dispatch('remote.save', { host: request.host, port: request.port, user: 'root', auth: { privateKey: request.privateKey } }) as RemoteHostInfo
say('saved', saved)
const first = await engine.dispatch('remote.interfaces', { hostId: saved.id }).then(() => null, failure)
say('first-use', first)
const interfaces = await engine.dispatch('remote.interfaces', { hostId: saved.id, trustHostKey: first?.hostKey?.fingerprint }) as CaptureInterfaceInfo[]
say('interfaces', interfaces)
const started = await engine.dispatch('capture.start', { iface: request.iface, filter: 'udp port 67 or udp port 68', remote: { hostId: saved.id } }) as CaptureInfo
say('started', started)
await lines.next() // the test has run dhclient
await new Promise((settle) => setTimeout(settle, 1500))
say('stopped', await engine.dispatch('capture.stop', { captureId: started.id }))
engine.close()
