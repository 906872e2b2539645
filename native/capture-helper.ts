// The capture helper: the only process of the app that opens a capture device, so the only one that needs capture
// rights (CAP_NET_RAW on Linux; see README, "Live capture rights"). Built to out/main/capture-helper.js and run by
// the engine with a Node interpreter: `node capture-helper.js '{"iface":"eth0","filter":"udp port 67"}'`.
// The protocol (stdout a pcap stream, stderr JSON lines, stop on SIGTERM or stdin closing) is described in
// electron/engine/live/helper-protocol.ts. With `--send` before the request it also sends the frames its stdin
// carries, for the test client (electron/engine/client/helper-send-protocol.ts).
import { fstatSync, readFileSync, writeSync } from 'node:fs'
import { endianness } from 'node:os'
import * as pcap from 'fieldkit-pcap-reader'
import { checkedRequest, type HelperErrorCode, type HelperLine } from '../electron/engine/live/helper-protocol'
import { ETHERNET_LINK_TYPE, SentFrameReader } from '../electron/engine/client/helper-send-protocol'

/** A TPACKET_V3 block goes to the reader when full or this long after its first packet: the UI's latency bound. */
const BLOCK_TIMEOUT_MS = 50
const POLL_MS = 25
const COUNTERS_MS = 1000
/** One read's worth of pcap records: ~10,000 DHCP packets, a quarter of a second at 40k packets/s. */
const BATCH_BYTES = 4 << 20
const CAP_NET_RAW = 13n

function say(line: HelperLine): void {
  writeSync(2, `${JSON.stringify(line)}\n`)
}

function fail(code: HelperErrorCode, message: string): never {
  say({ error: { code, message } })
  process.exit(2)
}

const pause = new Int32Array(new SharedArrayBuffer(4))

/** Writes all of `length` bytes to the pipe, waiting while the reader catches up; a gone reader ends the capture. */
function writeAll(buffer: Buffer, length: number): void {
  for (let at = 0; at < length;) {
    try {
      at += writeSync(1, buffer, at, length - at)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EPIPE') process.exit(0)
      if (code !== 'EAGAIN') throw error
      Atomics.wait(pause, 0, 0, 1)
    }
  }
}

function hasCaptureRights(): boolean {
  if (process.platform !== 'linux') return true
  const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0'
  return ((BigInt(`0x${effective}`) >> CAP_NET_RAW) & 1n) === 1n
}

function globalHeader(snaplen: number, linkType: number): Buffer {
  const header = Buffer.alloc(24)
  const write = endianness() === 'LE' ? header.writeUInt32LE.bind(header) : header.writeUInt32BE.bind(header)
  const write16 = endianness() === 'LE' ? header.writeUInt16LE.bind(header) : header.writeUInt16BE.bind(header)
  write(0xa1b2c3d4, 0)
  write16(2, 4)
  write16(4, 6)
  write(snaplen, 16)
  write(linkType, 20)
  return header
}

/** A pcap record (host byte order, microseconds) of a frame this helper sent at `[seconds, microseconds]`. */
function sentRecord(frame: Buffer, [seconds, microseconds]: [number, number]): Buffer {
  const record = Buffer.alloc(16 + frame.length)
  const write = endianness() === 'LE' ? record.writeUInt32LE.bind(record) : record.writeUInt32BE.bind(record)
  write(seconds, 0)
  write(microseconds, 4)
  write(frame.length, 8)
  write(frame.length, 12)
  record.set(frame, 16)
  return record
}

function stdinIsPipe(): boolean {
  const stat = fstatSync(0)
  return stat.isFIFO() || stat.isSocket()
}

/** `sending`: also send the frames stdin carries (the test client's send mode). */
function capture(argument: string | undefined, sending: boolean): void {
  let parsed: unknown
  try {
    parsed = JSON.parse(argument ?? '')
  } catch {
    fail('failed', 'the capture helper takes its request as one JSON argument')
  }
  const request = checkedRequest(parsed)
  if (typeof request === 'string') fail('failed', request)

  let opened: ReturnType<typeof pcap.open>
  try {
    opened = pcap.open(request.iface, request.filter, request.snaplen, request.bufferMb << 20, BLOCK_TIMEOUT_MS)
  } catch (error) {
    const { code, message } = error as pcap.PcapOpenError
    fail(code ?? 'failed', message)
  }
  const { handle } = opened
  if (sending && opened.linkType !== ETHERNET_LINK_TYPE) {
    fail('failed', `${request.iface} is not an Ethernet interface (its link type is ${opened.linkName}); the test client sends Ethernet frames`)
  }
  writeAll(globalHeader(request.snaplen, opened.linkType), 24)

  const batch = Buffer.allocUnsafe(BATCH_BYTES)
  const maxRecord = 16 + request.snaplen
  const drain = () => {
    for (;;) {
      const written = pcap.read(handle, batch)
      if (written > 0) writeAll(batch, written)
      if (batch.length - written >= maxRecord) return
    }
  }
  const sayCounters = () => {
    const [received, kernelDropped, interfaceDropped] = pcap.stats(handle)
    say({ counters: { received, kernelDropped, interfaceDropped } })
  }
  const guarded = (step: () => void) => () => {
    try {
      step()
    } catch (error) {
      fail('failed', (error as Error).message)
    }
  }
  const reading = setInterval(guarded(drain), POLL_MS)
  const counting = setInterval(guarded(sayCounters), COUNTERS_MS)

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    clearInterval(reading)
    clearInterval(counting)
    // The last block is handed over only when its timeout passes: wait for it, then read everything.
    setTimeout(guarded(() => {
      drain()
      sayCounters()
      pcap.close(handle)
      process.exit(0)
    }), BLOCK_TIMEOUT_MS * 2)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  const frames = new SentFrameReader()
  const send = (chunk: Buffer) => {
    const ready = frames.push(chunk)
    if (typeof ready === 'string') fail('failed', ready)
    for (const frame of ready) {
      const record = sentRecord(frame, pcap.send(handle, frame))
      writeAll(record, record.length)
    }
  }
  if (stdinIsPipe()) {
    process.stdin.on('data', sending ? (chunk: Buffer) => guarded(() => send(chunk))() : () => {})
    process.stdin.on('end', stop)
    process.stdin.on('error', stop)
  }
}

process.on('uncaughtException', (error) => fail('failed', error.message))
if (process.argv[2] === '--rights') say({ rights: { netRaw: hasCaptureRights() } })
else if (process.argv[2] === '--send') capture(process.argv[3], true)
else capture(process.argv[2], false)
