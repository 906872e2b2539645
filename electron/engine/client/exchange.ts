// One exchange of the test client: send, retransmit after each delay of the protocol's backoff while it is still
// wanted, and gather the answers until there are enough or the wait ends. Stop (the signal) and a helper that fails
// end it between packets.
import type { Dhcp4Message, Dhcp6Message } from '../decode/types'
import type { HelperLink } from './helper-link'
import type { Seen, Wire } from './wire'

/** The run was stopped before it ended; the packets it sent until then are not kept. */
export class ClientStopped extends Error {
  constructor() {
    super('The test client run was stopped.')
  }
}

export interface ExchangeSteps<M extends Dhcp4Message | Dhcp6Message> {
  /** Sends the message, `elapsedMs` after the exchange began (for its secs or elapsed-time field). */
  send(elapsedMs: number): void
  /** Whether a packet seen is an answer of this exchange. */
  accept(seen: Seen<M>): boolean
  /** The answers so far are enough: the exchange ends. */
  done(answers: Seen<M>[]): boolean
  /** Whether to send again once answers have come (a probe gathering every server's answer does not). */
  again?(answers: Seen<M>[]): boolean
}

export interface ExchangeLine<M extends Dhcp4Message | Dhcp6Message> {
  link: HelperLink
  wire: Wire<M>
  waitSeconds: number
  signal?: AbortSignal
}

/** Runs `steps` within the line's wait, retransmitting after each of `delays`; returns the answers accepted. */
export async function exchange<M extends Dhcp4Message | Dhcp6Message>(line: ExchangeLine<M>, delays: Iterator<number>, steps: ExchangeSteps<M>): Promise<Seen<M>[]> {
  const { link, wire, signal } = line
  const start = Date.now()
  const deadline = start + line.waitSeconds * 1000
  const answers: Seen<M>[] = []
  let from = wire.seen.length
  let nextSend = start
  while (Date.now() < deadline) {
    if (link.failure) throw link.failure
    if (signal?.aborted) throw new ClientStopped()
    if (Date.now() >= nextSend && (answers.length === 0 || (steps.again?.(answers) ?? false))) {
      steps.send(Date.now() - start)
      nextSend = Date.now() + (delays.next().value as number)
    }
    await wire.next(Math.min(nextSend, deadline), signal)
    for (; from < wire.seen.length; from++) if (steps.accept(wire.seen[from])) answers.push(wire.seen[from])
    if (steps.done(answers)) break
  }
  return answers
}
