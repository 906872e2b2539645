// Kea's message ids: the facts of each (severity, debug level, the releases it appeared in or left, renames) from
// kea-messages.json, written by scripts/kea-message-facts.ts from Kea's releases 2.0 onwards, and our own meaning
// and advice for the ids that matter when a client gets no address (message-advice.ts). Ids renamed between
// releases map to one another (DHCP4_LEASE_ADVERT became DHCP4_LEASE_OFFER in 2.5.3) and share their advice.
import type { LogMessageInfo } from '../../contract/types'
import facts from './kea-messages.json'
import { MESSAGE_ADVICE } from './message-advice'

export type KeaMessage = LogMessageInfo

type Facts = Omit<KeaMessage, 'id' | 'meaning' | 'action'>
const messages = (facts as { messages: Record<string, Facts> }).messages

const factsOf = (id: string): Facts | undefined => (Object.hasOwn(messages, id) ? messages[id] : undefined)

export function keaMessage(id: string): KeaMessage | null {
  const entry = factsOf(id)
  if (!entry) return null
  const advice = sameMessageIds(id).map((known) => MESSAGE_ADVICE.get(known)).find(Boolean)
  return { id, ...entry, ...advice }
}

/** The id and every id it was renamed from or to, the id itself first, so a filter on one finds logs of every release. */
export function sameMessageIds(id: string): string[] {
  const ids = new Set([id])
  for (let grew = true; grew;) {
    grew = false
    for (const known of [...ids]) {
      const entry = factsOf(known)
      for (const other of [entry?.renamedTo, entry?.formerly]) if (other && !ids.has(other)) { ids.add(other); grew = true }
    }
  }
  return [...ids]
}
