// How browser mode's WebSocket carries the contract's answers and events: JSON, except that byte arrays (a
// packet's frame) travel as raw bytes. A message without bytes is a text frame of JSON; one with bytes is a
// binary frame: a 4-byte little-endian length, that many bytes of JSON in which each array stands as
// {"$bytes":[offset,length]}, then the arrays' bytes, at those offsets after the JSON.
// (Electron's IPC and the engine's process carry byte arrays natively, by structured clone.)

const BYTES_KEY = '$bytes'

/** Text for a message without byte arrays, else the binary frame. */
export function encodeWire(message: unknown): string | Uint8Array {
  const chunks: Uint8Array[] = []
  let offset = 0
  const json = JSON.stringify(message, function (this: Record<string, unknown>, key, value: unknown) {
    // `this[key]` is the value before toJSON: a Node Buffer is a Uint8Array too.
    const raw = this[key]
    if (!(raw instanceof Uint8Array)) return value
    chunks.push(raw)
    offset += raw.length
    return { [BYTES_KEY]: [offset - raw.length, raw.length] }
  })
  if (chunks.length === 0) return json
  const head = new TextEncoder().encode(json)
  const out = new Uint8Array(4 + head.length + offset)
  new DataView(out.buffer).setUint32(0, head.length, true)
  out.set(head, 4)
  let at = 4 + head.length
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** The message a frame carries; byte arrays come back as views into the frame. */
export function decodeWire(frame: string | ArrayBuffer): unknown {
  if (typeof frame === 'string') return JSON.parse(frame)
  const length = new DataView(frame).getUint32(0, true)
  const bytesStart = 4 + length
  return JSON.parse(new TextDecoder().decode(new Uint8Array(frame, 4, length)), (_key, value: unknown) => {
    const place = (value as Record<string, unknown> | null)?.[BYTES_KEY]
    if (!Array.isArray(place) || place.length !== 2) return value
    return new Uint8Array(frame, bytesStart + Number(place[0]), Number(place[1]))
  })
}
