// Browser mode's WebSocket frames: JSON as text, and byte arrays as raw bytes in a binary frame, not as hex.
import { describe, expect, it } from 'vitest'
import { decodeWire, encodeWire } from '../../electron/contract/wire'

const arrayBufferOf = (frame: Uint8Array) => frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer

describe('the WebSocket wire format', () => {
  it('sends a message without bytes as JSON text', () => {
    const message = { id: 1, result: { name: 'x', n: [1, 2] } }
    expect(encodeWire(message)).toBe(JSON.stringify(message))
    expect(decodeWire(JSON.stringify(message))).toEqual(message)
  })

  it('sends byte arrays, Buffers included, as raw bytes after the JSON', () => {
    const frame = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)
    const message = { id: 2, result: { row: { frame: 3 }, bytes: frame, more: [Buffer.from('abc'), new Uint8Array(0)] } }
    const wire = encodeWire(message)
    expect(wire).toBeInstanceOf(Uint8Array)
    const sent = wire as Uint8Array
    // The frame's bytes are in the message as they are: no hex, no base64.
    expect(sent.length).toBeLessThan(4 + 200 + 303)
    expect(Buffer.from(sent).indexOf(Buffer.from(frame))).toBeGreaterThan(4)
    const back = decodeWire(arrayBufferOf(sent)) as typeof message
    expect(back.id).toBe(2)
    expect([...back.result.bytes]).toEqual([...frame])
    expect(new TextDecoder().decode(back.result.more[0])).toBe('abc')
    expect(back.result.more[1]).toHaveLength(0)
  })
})
