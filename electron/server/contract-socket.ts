// One page's WebSocket: contract calls in, results and events out. A bad message, an oversized or malformed
// frame closes this socket alone, with a reason; the server goes on serving the others.
import type { WebSocket } from 'ws'
import type { EventName, Events } from '../contract/methods'
import { encodeWire } from '../contract/wire'
import type { EngineApi } from '../engine/engine-api'
import { ContractError } from '../engine/errors'

/** Largest message a page may send. The app's own requests are small: results flow the other way, in pages. */
export const MAX_MESSAGE = 1 << 20

export function attachContractSocket(engine: EngineApi, ws: WebSocket): void {
  const send = (message: object) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeWire(message))
  }
  const unsubscribe = engine.events.subscribe(<E extends EventName>(event: E, payload: Events[E]) => send({ event, payload }))
  ws.on('close', unsubscribe)
  // ws has already answered a protocol error (oversized message 1009, bad frame 1002) by closing the socket; an
  // 'error' without a listener would take the whole process down.
  ws.on('error', () => {
    if (ws.readyState === ws.OPEN) ws.close(1011, 'socket error')
  })
  ws.on('message', async (data, isBinary) => {
    let id: unknown = null
    try {
      if (isBinary) throw new ContractError('invalid-params', 'Requests are JSON text, not binary.')
      const message = JSON.parse(String(data)) as { id?: unknown; method?: unknown; params?: unknown }
      id = message.id
      if (typeof message.method !== 'string') throw new ContractError('invalid-params', 'A request needs a method name.')
      send({ id, result: (await engine.dispatch(message.method, message.params)) ?? null })
    } catch (error) {
      send({ id, error: error instanceof ContractError ? error.toJSON() : { code: 'bad-input', message: `Unreadable request: ${(error as Error).message}` } })
    }
  })
}
