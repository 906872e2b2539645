// The test client's way onto the wire: the capture helper in send mode (helper-send-protocol.ts), the one process
// with raw-socket rights. Frames go to its stdin; its stdout, a pcap stream of the replies and of what it sent,
// comes back as packets.
import { spawn } from 'node:child_process'
import { captureFailed, noInterface, noRights } from '../live/capture-errors'
import { helperEntry, helperInterpreter } from '../live/capture-rights'
import { MAX_HELPER_LINE, parseHelperLine } from '../live/helper-protocol'
import { CaptureSourceError } from '../live/source'
import { lengthPrefixed } from './helper-send-protocol'
import { PcapStreamSplitter, type StreamPacket } from './pcap-stream'

/** DHCPv4 both ways, VLAN-tagged too, and ARP, for the MAC address of a server the client unicasts to. */
const DHCP4_FILTER = 'arp or udp port 67 or udp port 68 or (vlan and (udp port 67 or udp port 68))'
/**
 * DHCPv6 both ways, VLAN-tagged too, and ICMPv6: the client answers the server's Neighbor Solicitations for its crafted
 * address, and asks for the MAC address of a server it unicasts to.
 */
export const DHCP6_FILTER = 'icmp6 or udp port 546 or udp port 547 or (vlan and (udp port 546 or udp port 547))'
/** Longest the helper may take to open the interface. */
const START_TIMEOUT_MS = 10_000
const STOP_GRACE_MS = 3000

export interface HelperLink {
  send(frame: Uint8Array): void
  /** Stops the helper once the packets it still holds are delivered; resolves when it has exited. */
  close(): Promise<void>
  /** Set when the helper ended on its own with a problem; checked by the client between steps. */
  readonly failure: CaptureSourceError | null
}

/** Starts the helper on `iface`; resolves once it captures (so no reply to the first frame is missed). */
export function openHelperLink(iface: string, onPacket: (packet: StreamPacket) => void, filter = DHCP4_FILTER): Promise<HelperLink> {
  const entry = helperEntry()
  if (!entry) return Promise.reject(new CaptureSourceError('failed', 'The capture helper is not built: run npm run build.'))
  const { command, env } = helperInterpreter()
  const child = spawn(command, [entry, '--send', JSON.stringify({ iface, filter })], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  const splitter = new PcapStreamSplitter()
  const what = `Sending on ${iface}`
  let failure: CaptureSourceError | null = null
  let diagnostics = ''
  const exited = new Promise<void>((done) => child.once('close', () => done()))

  return new Promise((resolve, reject) => {
    const fail = (error: CaptureSourceError) => {
      failure ??= error
      reject(failure)
    }
    const timer = setTimeout(() => {
      fail(captureFailed(what, `the capture helper did not start within ${START_TIMEOUT_MS / 1000} s`))
      child.kill('SIGKILL')
    }, START_TIMEOUT_MS)
    const link: HelperLink = {
      send: (frame) => child.stdin.write(lengthPrefixed(frame)),
      close: async () => {
        child.stdin.end()
        const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
        await exited
        clearTimeout(kill)
      },
      get failure() {
        return failure
      },
    }
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        for (const packet of splitter.push(chunk)) onPacket(packet)
      } catch (error) {
        fail(captureFailed(what, (error as Error).message))
        child.kill('SIGTERM')
        return
      }
      if (splitter.started) {
        clearTimeout(timer)
        resolve(link)
      }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (text: string) => {
      for (const line of text.split('\n')) {
        const said = parseHelperLine(line.slice(0, MAX_HELPER_LINE))
        if (said === null) diagnostics = `${diagnostics}${line}\n`.slice(-MAX_HELPER_LINE)
        else if ('error' in said) {
          const { code, message } = said.error
          fail(code === 'no-rights' ? noRights(iface, message) : code === 'no-interface' ? noInterface(iface) : captureFailed(what, message))
        }
      }
    })
    child.stdin.on('error', () => {})
    child.once('error', (error) => fail(captureFailed(what, error.message)))
    child.once('close', (code) => {
      clearTimeout(timer)
      if (code !== 0 && code !== null) fail(captureFailed(what, diagnostics.trim() || `the capture helper exited with status ${code}`))
      else reject(failure ?? captureFailed(what, 'the capture helper stopped before it began capturing'))
    })
  })
}
