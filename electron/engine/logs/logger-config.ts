// Kea's `loggers` section built from a form: each logger's name, severity, debug level and outputs (file, syslog,
// stdout/stderr with flush, maxsize, maxver, pattern), written with the options key the server's version reads
// (`output_options` before Kea 2.5.1, `output-options` since, the other deprecated), with the usual advice: which
// logger to raise for a problem, and what is unwise in production.
import type { LoggerAdvice, LoggerDraft, LoggerRecipe } from '../../contract/types'
import { compilePattern, PatternError } from './log-pattern'

/** Kea's smallest maxsize when rotating (bytes): smaller is refused. */
const MIN_MAXSIZE = 204_800

/** The key Kea's version reads; an unknown version gets the spelling every release reads (output_options). */
export function outputsKey(version: string | null): 'output_options' | 'output-options' {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? '')
  if (!m) return 'output_options'
  const [major, minor, patch] = m.slice(1).map(Number)
  return major > 2 || (major === 2 && (minor > 5 || (minor === 5 && patch >= 1))) ? 'output-options' : 'output_options'
}

/** A logger as Kea's configuration has it (either spelling), as the form edits it. */
export function draftOf(logger: Record<string, unknown>): LoggerDraft {
  const outputs = (logger['output-options'] ?? logger.output_options ?? []) as Record<string, unknown>[]
  return {
    name: String(logger.name ?? ''),
    severity: String(logger.severity ?? 'INFO').toUpperCase() as LoggerDraft['severity'],
    debuglevel: Number(logger.debuglevel ?? 0),
    outputs: outputs.map((o) => ({
      output: String(o.output ?? 'stdout'),
      ...(typeof o.flush === 'boolean' && { flush: o.flush }),
      ...(typeof o.maxsize === 'number' && { maxsize: o.maxsize }),
      ...(typeof o.maxver === 'number' && { maxver: o.maxver }),
      // config-get gives "" for Kea's default pattern.
      ...(typeof o.pattern === 'string' && o.pattern !== '' && { pattern: o.pattern }),
    })),
  }
}

export function loggersSection(drafts: LoggerDraft[], version: string | null): Record<string, unknown>[] {
  const key = outputsKey(version)
  return drafts.map((d) => ({
    name: d.name, [key]: d.outputs.map((o) => ({ ...o })), severity: d.severity,
    ...(d.severity === 'DEBUG' && { debuglevel: d.debuglevel }),
  }))
}

export function loggerAdvice(drafts: LoggerDraft[], service: 'dhcp4' | 'dhcp6'): LoggerAdvice[] {
  const advice: LoggerAdvice[] = []
  const root = `kea-${service}`
  if (!drafts.some((d) => d.name === root)) advice.push({ level: 'warning', logger: root, text: `No logger named ${root}: its messages go to Kea's default (stdout, INFO); add it with a file or syslog output.` })
  const names = new Set<string>()
  for (const d of drafts) {
    if (names.has(d.name)) advice.push({ level: 'error', logger: d.name, text: `${d.name} is configured twice; Kea uses one of them. Keep one entry per logger.` })
    names.add(d.name)
    if (!d.name.startsWith('kea-')) advice.push({ level: 'warning', logger: d.name, text: `"${d.name}" is not one of Kea's loggers (kea-${service}, kea-${service}.packets, .leases, .alloc-engine …).` })
    if (d.severity === 'DEBUG' && d.debuglevel >= 50 && (d.name === root || d.name === 'kea-ctrl-agent')) {
      advice.push({ level: 'warning', logger: d.name, text: `DEBUG at level ${d.debuglevel} on ${d.name} logs every packet of every module: in production it slows the server and fills disks. Raise only the logger you need (kea-${service}.packets at 55 to see packets) and for a short while.` })
    } else if (d.severity === 'DEBUG' && d.debuglevel >= 55) {
      advice.push({ level: 'info', logger: d.name, text: `DEBUG ${d.debuglevel} on ${d.name} writes a line or more per packet: set it back to INFO when the problem is found.` })
    }
    if (d.severity === 'DEBUG' && (d.debuglevel < 0 || d.debuglevel > 99)) advice.push({ level: 'error', logger: d.name, text: `debuglevel must be 0 to 99, not ${d.debuglevel}.` })
    if (!d.outputs.length) advice.push({ level: 'warning', logger: d.name, text: `${d.name} has no output: its messages go to Kea's default (stdout).` })
    if (d.outputs.length && d.outputs.every((o) => o.output === 'stdout' || o.output === 'stderr')) {
      advice.push({ level: 'info', logger: d.name, text: `${d.name} writes only to ${d.outputs[0].output}: kept only where the service manager keeps it (journald under systemd). Add a file or syslog output to keep its history elsewhere.` })
    }
    for (const o of d.outputs) {
      const file = !['stdout', 'stderr'].includes(o.output) && !o.output.startsWith('syslog')
      if (file && !o.output.startsWith('/')) advice.push({ level: 'warning', logger: d.name, text: `${o.output} is a relative path: Kea resolves it against its working directory. Give an absolute path (e.g. /var/log/kea/${root}.log).` })
      if (file && (o.maxver ?? 1) > 0 && o.maxsize !== undefined && o.maxsize > 0 && o.maxsize < MIN_MAXSIZE) advice.push({ level: 'error', logger: d.name, text: `maxsize ${o.maxsize} is below Kea's minimum of ${MIN_MAXSIZE} bytes when rotating.` })
      if (file && o.maxsize === undefined) advice.push({ level: 'info', logger: d.name, text: `${o.output} rotates at Kea's default 10240000 bytes keeping 1 old copy (maxsize, maxver); set them to keep more history.` })
      if (o.flush === false) advice.push({ level: 'info', logger: d.name, text: `flush false buffers ${o.output}: faster, but the last lines before a crash are lost.` })
      if (o.pattern !== undefined) {
        try {
          compilePattern(o.pattern)
        } catch (error) {
          if (error instanceof PatternError) advice.push({ level: 'error', logger: d.name, text: `The pattern of ${o.output}: ${error.message}` })
          else throw error
        }
      }
    }
  }
  return advice
}

const LOG_DIR = '/var/log/kea'

/** The usual loggers to raise for a problem, each with why. */
export function loggerRecipes(service: 'dhcp4' | 'dhcp6'): LoggerRecipe[] {
  const root = `kea-${service}`
  const file = (name: string) => [{ output: `${LOG_DIR}/${name}.log`, maxsize: 10_240_000, maxver: 4, flush: true }]
  return [
    { id: 'packets', title: 'See every packet', why: `${root}.packets at DEBUG 55 logs each packet received and sent (DHCP4_PACKET_RECEIVED, _SEND, and at 55 their contents), with its xid: what links the log to a capture.`, loggers: [{ name: `${root}.packets`, severity: 'DEBUG', debuglevel: 55, outputs: file(`${root}-packets`) }] },
    { id: 'allocation', title: 'Why a client got no address', why: `${root}.leases and ${root}.alloc-engine at DEBUG 50 say which subnet and pool were tried and why each address was refused.`, loggers: [{ name: `${root}.leases`, severity: 'DEBUG', debuglevel: 50, outputs: file(`${root}-leases`) }, { name: `${root}.alloc-engine`, severity: 'DEBUG', debuglevel: 50, outputs: file(`${root}-alloc`) }] },
    { id: 'drops', title: 'Packets the server drops', why: `${root}.bad-packets at DEBUG 55 logs each packet dropped and the reason (not for this server, malformed, no subnet).`, loggers: [{ name: `${root}.bad-packets`, severity: 'DEBUG', debuglevel: 55, outputs: file(`${root}-bad-packets`) }] },
    { id: 'ddns', title: 'DNS updates', why: `${root}.ddns at DEBUG 55 logs each name change the server asks for.`, loggers: [{ name: `${root}.ddns`, severity: 'DEBUG', debuglevel: 55, outputs: file(`${root}-ddns`) }] },
    { id: 'production', title: 'Production default', why: `${root} at INFO to a rotated file: the lease and allocation messages without debug volume.`, loggers: [{ name: root, severity: 'INFO', debuglevel: 0, outputs: file(root) }] },
  ]
}
