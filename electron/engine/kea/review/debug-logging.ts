// DEBUG at a high debuglevel logs every packet in detail (Kea's levels: 40 traces, 45 and 55 packet contents):
// it slows the server under load and fills the disk, and is usually left on after a troubleshooting session.
import { asList, asNumber, asObject, asText, rootKey } from './config-shape'
import type { ReviewRule } from './finding'

export const HIGH_DEBUGLEVEL = 40

export const debugLogging: ReviewRule = {
  id: 'debug-logging',
  check(input) {
    return asList(input.config.loggers).flatMap((l, i) => {
      const logger = asObject(l) ?? {}
      const level = asNumber(logger.debuglevel) ?? 0
      if (asText(logger.severity)?.toUpperCase() !== 'DEBUG' || level < HIGH_DEBUGLEVEL) return []
      const name = asText(logger.name) ?? `loggers[${i}]`
      return [{
        severity: 'warning' as const,
        subject: `logger ${name}`,
        path: `${rootKey(input.service)}.loggers[${i}]`,
        problem: `The logger ${name} logs at DEBUG with debuglevel ${level}: every packet is logged in detail, which slows the server under load and fills the disk.`,
        fix: 'Set its severity back to "INFO" (and debuglevel to 0) once the troubleshooting is done.',
      }]
    })
  },
}
