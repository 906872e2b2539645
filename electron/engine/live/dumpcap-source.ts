// dumpcap (Wireshark's capture program) as a backend: `dumpcap -w -` streams pcapng, flushed per packet when
// writing to a pipe. Users Wireshark already lets capture need nothing more. Its counters come once, at the end:
// on stderr, and in the stream's Interface Statistics Block, which the engine's reader sees too.
import { noTool, wrongRequest } from './capture-errors'
import { findTool } from './capture-rights'
import { checkedRequest } from './helper-protocol'
import { endedAtOnce, startProcessCapture } from './process-source'
import { CaptureToolStats } from './capture-tool-stats'
import type { StartCapture } from './source'
import { toolFailure } from './tool-errors'

/** dumpcap wraps libpcap's filter message: "That string isn't a valid capture filter (MESSAGE)." */
const FILTER_ERROR = /isn't a valid capture filter \((.*)\)\.?$/m

export const startDumpcapCapture: StartCapture = (request, events) => {
  const checked = checkedRequest(request)
  const path = findTool('dumpcap')
  if (typeof checked === 'string') return endedAtOnce(events, wrongRequest(checked))
  if (!path) return endedAtOnce(events, noTool('dumpcap', 'tshark'))
  // Its one line of counters comes at the end.
  const stats = new CaptureToolStats()
  return startProcessCapture({
    command: path,
    args: ['-q', '-i', checked.iface, '-s', String(checked.snaplen), '-B', String(checked.bufferMb), ...(checked.filter ? ['-f', checked.filter] : []), '-w', '-'],
    readLine(line) {
      const counters = stats.read(line)
      if (counters) return { counters }
      return /^(Capturing on |File: |Packets captured: )/.test(line) || line === '' ? null : { diagnostic: line }
    },
    failure: (diagnostics, exitCode) => toolFailure('dumpcap', checked, diagnostics, exitCode, FILTER_ERROR),
    missing: () => noTool('dumpcap', 'tshark'),
  }, events)
}
