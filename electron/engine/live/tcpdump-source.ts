// tcpdump as a backend: `tcpdump -U -w -` streams pcap; its counters come on stderr, on SIGUSR1 (Linux, BSD) while
// it runs and by itself at the end. Buffered mode: libpcap hands packets over when a kernel block fills or after
// tcpdump's fixed one-second timeout, so a quiet link shows packets up to a second late.
import { noTool, wrongRequest } from './capture-errors'
import { findTool } from './capture-rights'
import { checkedRequest } from './helper-protocol'
import { endedAtOnce, startProcessCapture } from './process-source'
import { CaptureToolStats } from './capture-tool-stats'
import type { StartCapture } from './source'
import { toolFailure } from './tool-errors'

const COUNTERS_MS = 1000
/** tcpdump's filter errors are libpcap's message after "tcpdump: ", not naming the interface. */
const FILTER_ERROR = /^tcpdump: ((?:can't parse filter expression|syntax error|unknown|illegal|[^:\n]*(?:filter|port|host|protocol))[^\n]*)$/m

export const startTcpdumpCapture: StartCapture = (request, events) => {
  const checked = checkedRequest(request)
  const path = findTool('tcpdump')
  if (typeof checked === 'string') return endedAtOnce(events, wrongRequest(checked))
  if (!path) return endedAtOnce(events, noTool('tcpdump', 'tcpdump'))
  const stats = new CaptureToolStats()
  let ticker: NodeJS.Timeout | undefined
  const source = startProcessCapture({
    command: path,
    args: ['-i', checked.iface, '-n', '-U', '-w', '-', '-s', String(checked.snaplen), '-B', String(checked.bufferMb * 1024), ...(checked.filter ? ['--', checked.filter] : [])],
    onLine(line, child) {
      // SIGUSR1 before tcpdump set its handler would kill it: start asking once it says it listens.
      if (ticker === undefined && /listening on /.test(line) && process.platform !== 'win32') {
        ticker = setInterval(() => child.kill('SIGUSR1'), COUNTERS_MS)
      }
    },
    readLine(line) {
      const counters = stats.read(line)
      if (counters) return { counters }
      return CaptureToolStats.isCount(line) || /listening on |packets? captured$/.test(line) ? null : { diagnostic: line }
    },
    failure: (diagnostics, exitCode) => toolFailure('tcpdump', checked, diagnostics, exitCode, FILTER_ERROR),
    missing: () => noTool('tcpdump', 'tcpdump'),
  }, {
    ...events,
    end(error) {
      clearInterval(ticker)
      events.end(error)
    },
  })
  return source
}
