// The capture helper's send mode (native/capture-helper.ts), used by the test client: the helper alone holds the
// raw-socket rights, so it both sends the client's frames and captures the replies.
// - argv[2] `--send`, argv[3]: the request as JSON, as in capture mode (helper-protocol.ts);
// - stdin: frames to send, each a 2-byte big-endian length then that many bytes of a whole Ethernet frame
//   (MIN_SENT_FRAME to MAX_SENT_FRAME bytes); a length out of bounds ends the helper with an error line;
// - stdout: the pcap stream of capture mode, and each sent frame in it too, as a record stamped when it was sent
//   (a handle does not capture its own frames), so the stream holds both directions of the exchange;
// - stderr: as capture mode; also an error (code "failed") when the interface is not Ethernet or refuses a frame;
// - stdin closing, SIGTERM or SIGINT: stop as capture mode does.

/** An Ethernet header and an IPv4 header at least. */
export const MIN_SENT_FRAME = 34
/** The largest untagged Ethernet frame without its FCS: the client never sends jumbo frames. */
export const MAX_SENT_FRAME = 1514
const LENGTH_PREFIX = 2
export const ETHERNET_LINK_TYPE = 1

/** `frame` as it travels on the helper's stdin; throws when its length is out of bounds. */
export function lengthPrefixed(frame: Uint8Array): Buffer {
  if (frame.length < MIN_SENT_FRAME || frame.length > MAX_SENT_FRAME) throw new RangeError(`a frame to send must be ${MIN_SENT_FRAME}-${MAX_SENT_FRAME} bytes, not ${frame.length}`)
  const out = Buffer.alloc(LENGTH_PREFIX + frame.length)
  out.writeUInt16BE(frame.length, 0)
  out.set(frame, LENGTH_PREFIX)
  return out
}

/** Splits the helper's stdin into frames; holds at most one incomplete frame. */
export class SentFrameReader {
  private pending: Buffer = Buffer.alloc(0)

  /** The whole frames now complete, or a sentence saying why the stream is wrong. */
  push(chunk: Buffer): Buffer[] | string {
    this.pending = Buffer.concat([this.pending, chunk])
    const frames: Buffer[] = []
    while (this.pending.length >= LENGTH_PREFIX) {
      const length = this.pending.readUInt16BE(0)
      if (length < MIN_SENT_FRAME || length > MAX_SENT_FRAME) return `a frame to send must be ${MIN_SENT_FRAME}-${MAX_SENT_FRAME} bytes, not ${length}`
      if (this.pending.length < LENGTH_PREFIX + length) break
      frames.push(this.pending.subarray(LENGTH_PREFIX, LENGTH_PREFIX + length))
      this.pending = this.pending.subarray(LENGTH_PREFIX + length)
    }
    return frames
  }
}
