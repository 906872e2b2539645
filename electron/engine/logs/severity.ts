// Kea's severities (log4cplus levels), lowest first; 0 stands for a line that says none (unparsed, plain text).
export const SEVERITIES = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const
export type Severity = (typeof SEVERITIES)[number]

const ALIASES: Record<string, Severity> = { TRACE: 'DEBUG', DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARN', WARNING: 'WARN', ERROR: 'ERROR', FATAL: 'FATAL' }

/** 1…5 for DEBUG…FATAL, 0 for anything else. */
export function severityCode(text: string | undefined): number {
  const severity = text === undefined ? undefined : ALIASES[text.trim().toUpperCase()]
  return severity ? SEVERITIES.indexOf(severity) + 1 : 0
}

export function severityName(code: number): Severity | null {
  return SEVERITIES[code - 1] ?? null
}

/** syslog/journald PRIORITY (0 emerg … 7 debug) as Kea's severity code. */
export function severityOfPriority(priority: number): number {
  if (priority <= 2) return 5
  if (priority === 3) return 4
  if (priority === 4) return 3
  if (priority <= 6) return 2
  return 1
}
