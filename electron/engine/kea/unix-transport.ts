// One command over a Kea server's local unix control socket. Kea reads one JSON document, answers with one (no
// newline framing) and closes the connection, so the answer is everything read until the socket ends.
import { connect } from 'node:net'
import { collectBounded } from './bounded-read'
import { KeaError } from './kea-error'
import type { Limits } from './http-transport'
import { describeSocketError } from './transport-errors'

export function sendOverSocket(path: string, body: string, limits: Limits): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(path)
    let settled = false
    const finish = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(deadline)
      socket.destroy()
      outcome()
    }
    const fail = (error: KeaError) => finish(() => reject(error))
    const deadline = setTimeout(() => fail(new KeaError('timeout', `The server behind ${path} did not answer within ${limits.timeoutMs / 1000} s: it may be stuck or busy; check its log.`)), limits.timeoutMs)
    socket.on('error', (error) => fail(describeSocketError(error, path)))
    socket.on('connect', () => socket.write(body))
    void collectBounded(socket, path, limits.maxBytes, fail).then((bytes) => finish(() => resolve(bytes.toString('utf8'))))
  })
}
