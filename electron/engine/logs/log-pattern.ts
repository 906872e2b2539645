// A log4cplus PatternLayout (Kea's `pattern` logger option) turned into a reader of the lines it writes.
// Conversions: %d/%D{date} %p %c %i %t %m %n %% with [-][width][.precision]; others log4cplus has (%l %F %L %M %h
// %H %x %X %r %b) are matched as text and not kept.
import { compileTimeFormat, type TimeFormat } from './time-format'

/** Kea's pattern for file, stdout and stderr output. */
export const DEFAULT_PATTERN = '%D{%Y-%m-%d %H:%M:%S.%q} %-5p [%c/%i.%t] %m\n'
/** Kea's pattern for syslog output (syslog stamps the time itself). */
export const SYSLOG_PATTERN = '%-5p [%c.%t] %m\n'
/** log4cplus's own default date format for %d/%D without one. */
const DEFAULT_DATE_FORMAT = '%Y-%m-%d %H:%M:%S'
const MAX_PATTERN_LENGTH = 1000

export interface PatternFields {
  /** Milliseconds since the epoch; NaN when the pattern has no date or it made none. */
  time: number
  severity?: string
  logger?: string
  pid?: number
  thread?: string
  message: string
}

export interface LinePattern {
  pattern: string
  /** The time is written in UTC (%d) or with its own offset; otherwise in the writer's local time (%D). */
  timeZone: 'utc' | 'local' | 'written' | 'none'
  read(line: string): PatternFields | null
}

export class PatternError extends Error {}

type Role = 'time' | 'severity' | 'logger' | 'pid' | 'thread' | 'message' | 'skip'

const FIELD: Record<string, [string, Role]> = {
  p: ['([A-Za-z]+)', 'severity'], c: ['(\\S+?)', 'logger'], i: ['(\\d+)', 'pid'], t: ['([^\\s.]+?)', 'thread'], m: ['(.*)', 'message'],
  l: ['.*?', 'skip'], F: ['.*?', 'skip'], L: ['\\d*', 'skip'], M: ['.*?', 'skip'], h: ['\\S*', 'skip'], H: ['\\S*', 'skip'],
  x: ['.*?', 'skip'], X: ['.*?', 'skip'], r: ['\\d+', 'skip'], b: ['\\S*', 'skip'], T: ['\\S*?', 'thread'],
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Builds the reader; a pattern it cannot read gives a PatternError naming the part at fault. */
export function compilePattern(pattern: string): LinePattern {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new PatternError(`the pattern is ${pattern.length} characters long; Kea's patterns are a line (at most ${MAX_PATTERN_LENGTH}).`)
  // A configuration gives "\n" as the two characters or as a newline: either ends the line.
  const text = pattern.replace(/(\\n|\n|%n)+$/, '')
  const roles: Role[] = []
  let time: TimeFormat | null = null
  let utc = false
  let source = '^'
  const spec = /%(-)?(\d+)?(?:\.(\d+))?([A-Za-z%])(?:\{([^}]*)\})?/g
  let last = 0
  for (let m = spec.exec(text); m; m = spec.exec(text)) {
    source += literal(text.slice(last, m.index))
    last = spec.lastIndex
    const [, left, width, , code, option] = m
    if (code === '%') { source += '%'; continue }
    if (code === 'n') continue
    let expression: string
    if (code === 'd' || code === 'D') {
      if (time) throw new PatternError(`the pattern "${pattern}" has two dates; Kea's have one.`)
      try {
        time = compileTimeFormat(option ?? DEFAULT_DATE_FORMAT)
      } catch (error) {
        throw new PatternError((error as Error).message)
      }
      utc = code === 'd'
      expression = `(${time.source})`
      roles.push('time')
    } else {
      const field = FIELD[code]
      if (!field) throw new PatternError(`the pattern "${pattern}" uses %${code}, which is not a log4cplus conversion (Kea's are %d %D %p %c %i %t %m %n %%).`)
      expression = field[0]
      if (field[1] !== 'skip') roles.push(field[1])
    }
    // Padding to a width puts spaces after a left-justified field and before a right-justified one.
    if (width) expression = left ? `${expression} *` : ` *${expression}`
    source += expression
  }
  source += `${literal(text.slice(last))}$`
  if (!roles.includes('message')) throw new PatternError(`the pattern "${pattern}" has no %m: the message would not be written.`)
  const regex = new RegExp(source)
  const timeGroups = time?.groups ?? 0
  return {
    pattern,
    timeZone: !time ? 'none' : time.zoned ? 'written' : utc ? 'utc' : 'local',
    read(line) {
      const m = regex.exec(line)
      if (!m) return null
      const fields: PatternFields = { time: NaN, message: '' }
      let g = 1
      for (const role of roles) {
        if (role === 'time') {
          // The whole date's group, then its parts' groups.
          fields.time = time!.read(m.slice(g + 1, g + 1 + timeGroups), utc)
          g += 1 + timeGroups
          continue
        }
        const value = m[g++]
        if (role === 'pid') fields.pid = Number(value)
        else if (role === 'message') fields.message = value
        else if (role !== 'skip') fields[role] = value
      }
      return fields
    },
  }
}

/** Literal text of a pattern: a run of spaces matches any run (padding may have added some). */
function literal(text: string): string {
  return text.split(/ +/).map(escape).join(' +')
}
