// Browser mode transport: the contract over one WebSocket to the server that served this page.
// The token arrives in the URL's fragment (never sent over the network); it is kept in this tab's
// sessionStorage (so a reload still works), removed from the address bar, and presented only to this server:
// as a WebSocket subprotocol and as a header on uploads. No cookie: other servers on 127.0.0.1 would get it.
import type { ContractErrorShape, EventName, Events, MethodName, Params, Result } from '../../../electron/contract/methods'
import type { FileRef } from '../../../electron/contract/types'
import { decodeWire } from '../../../electron/contract/wire'
import { EngineError, type Bridge, type ConnectionState } from './types'

const TOKEN_KEY = 'fieldkit.token'

function takeToken(): string {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    history.replaceState(null, '', location.pathname + location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

export function createBrowserBridge(): Bridge {
  const token = takeToken()
  let socket: WebSocket | null = null
  let nextId = 1
  let state: ConnectionState = 'connecting'
  let retryDelay = 500
  const pending = new Map<number, Pending>()
  const queue: string[] = []
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const connectionListeners = new Set<(state: ConnectionState) => void>()

  function setState(next: ConnectionState) {
    state = next
    for (const listener of connectionListeners) listener(state)
  }

  function connect() {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, ['fieldkit', `token.${token}`])
    socket = ws
    ws.binaryType = 'arraybuffer'
    ws.onopen = () => {
      retryDelay = 500
      setState('connected')
      while (queue.length) ws.send(queue.shift()!)
    }
    ws.onmessage = (message) => {
      const data = decodeWire(message.data as string | ArrayBuffer) as { id?: number; result?: unknown; error?: ContractErrorShape; event?: EventName; payload?: unknown }
      if (data.event) {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload as never)
        return
      }
      const waiting = pending.get(data.id!)
      if (!waiting) return
      pending.delete(data.id!)
      if (data.error) waiting.reject(new EngineError(data.error.code, data.error.message, data.error.at, data.error.hostKey))
      else waiting.resolve(data.result)
    }
    ws.onclose = () => {
      setState('disconnected')
      for (const [, waiting] of pending) waiting.reject(new EngineError('disconnected', 'Lost the connection to the engine; is `fieldkit serve` still running?'))
      pending.clear()
      setTimeout(connect, retryDelay)
      retryDelay = Math.min(retryDelay * 2, 5000)
    }
  }
  const missingToken = new EngineError('no-token', 'This tab has no access token, so the engine refuses it: open the URL that `fieldkit serve` printed (it ends in #token=…).')
  if (token) connect()
  else state = 'disconnected'

  return {
    mode: 'browser',
    call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
      if (!token) return Promise.reject(missingToken)
      const id = nextId++
      const text = JSON.stringify({ id, method, params })
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
        if (socket?.readyState === WebSocket.OPEN) socket.send(text)
        else queue.push(text)
      })
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (payload: never) => void)
      return () => set.delete(listener as (payload: never) => void)
    },
    async stage(file: File) {
      const response = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, { method: 'PUT', body: file, headers: { Authorization: `Bearer ${token}` } })
      if (!response.ok) throw new EngineError('bad-input', (await response.text()).trim())
      return (await response.json()) as FileRef
    },
    onConnection(listener) {
      connectionListeners.add(listener)
      listener(state)
    },
  }
}
