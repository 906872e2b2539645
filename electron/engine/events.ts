import type { EventName, Events } from '../contract/methods'

export type EventSink = <E extends EventName>(event: E, payload: Events[E]) => void

/** Fans engine events out to every connected front (Electron windows, browser-mode sockets). */
export class EventHub {
  private readonly sinks = new Set<EventSink>()

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }

  emit: EventSink = (event, payload) => {
    for (const sink of this.sinks) sink(event, payload)
  }
}
