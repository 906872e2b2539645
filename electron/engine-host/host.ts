// The engine's side of the channel: one Engine, its methods run as calls arrive (several may be in flight: a
// long load or filter yields between batches), its events forwarded, and a save dialog and a printer asked of the front.
import { Engine } from '../engine/engine'
import { ContractError } from '../engine/errors'
import { FrontSecretStore } from './front-secrets'
import type { FromHost, HostOptions, Port, ToHost } from './protocol'

export function serveEngine(port: Port<FromHost, ToHost>, exit: () => void): void {
  let engine: Engine | null = null
  const asked = new Map<number, (path: string | null) => void>()
  const printing = new Map<number, { done: (pdf: Uint8Array) => void; failed: (error: Error) => void }>()
  let nextAsk = 1
  let secrets: FrontSecretStore | null = null

  const start = (options: HostOptions) => {
    if (options.secretsInFront) secrets = new FrontSecretStore((message) => port.post(message), options.secretsPersistent ?? false)
    try {
      engine = new Engine({
        dataDir: options.dataDir, mode: options.mode, version: options.version,
        ...(secrets && { secrets }),
        ...(options.saveDialog && {
          chooseSaveTarget: (suggestedName, format) => new Promise<string | null>((answer) => {
            const id = nextAsk++
            asked.set(id, answer)
            port.post({ kind: 'ask-save-target', id, suggestedName, format })
          }),
        }),
        ...(options.printPdf && {
          printPdf: (html) => new Promise<Uint8Array>((done, failed) => {
            const id = nextAsk++
            printing.set(id, { done, failed })
            port.post({ kind: 'print-pdf', id, html })
          }),
        }),
      })
    } catch (error) {
      port.post({ kind: 'failed', message: (error as Error).message })
      return
    }
    engine.events.subscribe((name, payload) => port.post({ kind: 'event', name, payload }))
    port.post({ kind: 'ready' })
  }

  port.onMessage(async (message) => {
    if (message.kind === 'start') return start(message.options)
    if (message.kind === 'secret-answer') return secrets?.answer(message.id, message.value, message.error)
    if (message.kind === 'save-target') {
      asked.get(message.id)?.(message.path)
      asked.delete(message.id)
      return
    }
    if (message.kind === 'pdf') {
      const waiting = printing.get(message.id)
      printing.delete(message.id)
      if (message.pdf) waiting?.done(message.pdf)
      else waiting?.failed(new ContractError('internal', `The report could not be printed to PDF: ${message.error ?? 'the printer gave nothing'}.`))
      return
    }
    if (message.kind === 'stop') {
      engine?.close()
      port.post({ kind: 'stopped' })
      return exit()
    }
    if (!engine) return port.post({ kind: 'error', id: message.id, error: { code: 'internal', message: 'The engine has not started.' } })
    if (message.kind === 'grant') return port.post({ kind: 'granted', id: message.id, file: engine.grant(message.path, message.name) })
    try {
      port.post({ kind: 'result', id: message.id, result: (await engine.dispatch(message.method, message.params)) ?? null })
    } catch (error) {
      const shape = error instanceof ContractError ? error.toJSON() : { code: 'internal' as const, message: (error as Error).message }
      port.post({ kind: 'error', id: message.id, error: shape })
    }
  })
}
