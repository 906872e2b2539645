// The front's side of the channel: the engine as an EngineApi, whichever process it runs in.
import type { FileRef } from '../contract/types'
import type { SaveFormat } from '../engine/files/save-format'
import { ContractError } from '../engine/errors'
import { EventHub } from '../engine/events'
import type { EngineApi } from '../engine/engine-api'
import type { SecretStore } from '../engine/secrets/secret-store'
import type { FromHost, HostOptions, HostPort, Port, SecretRequest, ToHost } from './protocol'

export interface ClientOptions extends Omit<HostOptions, 'saveDialog' | 'secretsInFront' | 'secretsPersistent' | 'printPdf'> {
  /** The front's save dialog; the engine asks it where to save. */
  chooseSaveTarget?: (suggestedName: string, format: SaveFormat) => Promise<string | null>
  /** The front's printer (a hidden window's printToPDF); the engine asks it to print a report. */
  printPdf?: (html: string) => Promise<Uint8Array>
  /** The front's secret store (the OS keychain); without one the engine keeps secrets in memory. */
  secrets?: SecretStore
}

interface Waiting {
  resolve: (value: never) => void
  reject: (error: Error) => void
}

export class EngineClient implements EngineApi {
  readonly events = new EventHub()
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 1
  private stopped: (() => void) | null = null
  private gone: string | null = null

  private constructor(private readonly port: Port<ToHost, FromHost>, private readonly options: ClientOptions) {}

  get dataDir(): string {
    return this.options.dataDir
  }

  /**
   * Starts the engine behind `port`; resolves once it is ready, rejects with its reason when it cannot start (it
   * says why, or its process ends first). Once it runs, its process ending fails the calls waiting on it.
   */
  static start(port: HostPort, options: ClientOptions): Promise<EngineClient> {
    const client = new EngineClient(port, options)
    return new Promise((ready, fail) => {
      let started = false
      port.onExit((why) => (started ? client.lost(why) : fail(new Error(`The engine's process stopped while starting (${why}).`))))
      port.onMessage((message) => {
        if (message.kind === 'ready') {
          started = true
          ready(client)
        } else if (message.kind === 'failed') fail(new Error(message.message))
        else client.receive(message)
      })
      const { chooseSaveTarget: _dialog, printPdf: _printer, secrets, ...host } = options
      port.post({
        kind: 'start',
        options: { ...host, saveDialog: options.chooseSaveTarget !== undefined, printPdf: options.printPdf !== undefined, secretsInFront: secrets !== undefined, secretsPersistent: secrets?.persistent ?? false },
      })
    })
  }

  dispatch(method: string, params: unknown): Promise<unknown> {
    return this.request((id) => ({ kind: 'call', id, method, params }))
  }

  grant(path: string, name?: string): Promise<FileRef> {
    return this.request((id) => ({ kind: 'grant', id, path, ...(name === undefined ? {} : { name }) }))
  }

  close(): Promise<void> {
    if (this.gone) return Promise.resolve()
    return new Promise((done) => {
      this.stopped = done
      this.port.post({ kind: 'stop' })
    })
  }

  /** The engine's process ended: every call waiting on it fails with a sentence, and later ones at once. */
  lost(why: string): void {
    this.gone = `The engine stopped (${why}); restart the app. What was stored is kept.`
    for (const waiting of this.waiting.values()) waiting.reject(new ContractError('internal', this.gone))
    this.waiting.clear()
    this.stopped?.()
  }

  private request<T>(message: (id: number) => ToHost): Promise<T> {
    if (this.gone) return Promise.reject(new ContractError('internal', this.gone))
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: never) => void, reject })
      this.port.post(message(id))
    })
  }

  private settle(id: number, outcome: { value: unknown } | { error: Error }): void {
    const waiting = this.waiting.get(id)
    this.waiting.delete(id)
    if (!waiting) return
    if ('error' in outcome) waiting.reject(outcome.error)
    else waiting.resolve(outcome.value as never)
  }

  private receive(message: FromHost): void {
    switch (message.kind) {
      case 'result': return this.settle(message.id, { value: message.result })
      case 'granted': return this.settle(message.id, { value: message.file })
      case 'error': return this.settle(message.id, { error: new ContractError(message.error.code, message.error.message, message.error.at, message.error.hostKey) })
      case 'event': return this.events.emit(message.name, message.payload as never)
      case 'ask-save-target': return void this.answerSaveTarget(message.id, message.suggestedName, message.format)
      case 'secret': return void this.answerSecret(message.id, message.request)
      case 'print-pdf': return void this.answerPrint(message.id, message.html)
      case 'stopped': return this.lost('stopped')
    }
  }

  private async answerSecret(id: number, request: SecretRequest): Promise<void> {
    const store = this.options.secrets
    try {
      if (!store) throw new Error('this front keeps no secrets')
      const value = request.op === 'get' ? await store.get(request.key) : request.op === 'set' ? await store.set(request.key, request.value) : await store.delete(request.key)
      this.port.post({ kind: 'secret-answer', id, ...(value !== undefined && { value }) })
    } catch (error) {
      this.port.post({ kind: 'secret-answer', id, error: (error as Error).message })
    }
  }

  private async answerPrint(id: number, html: string): Promise<void> {
    try {
      if (!this.options.printPdf) throw new Error('this front has no printer')
      this.port.post({ kind: 'pdf', id, pdf: await this.options.printPdf(html) })
    } catch (error) {
      this.port.post({ kind: 'pdf', id, error: (error as Error).message })
    }
  }

  private async answerSaveTarget(id: number, suggestedName: string, format: SaveFormat): Promise<void> {
    let path: string | null = null
    try {
      path = (await this.options.chooseSaveTarget?.(suggestedName, format)) ?? null
    } finally {
      this.port.post({ kind: 'save-target', id, path })
    }
  }
}
