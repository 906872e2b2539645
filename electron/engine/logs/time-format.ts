// A log4cplus date format (%D{…}/%d{…}, strftime codes plus %q milliseconds and %Q fractional milliseconds) as
// a regular expression and a reader of the time it matched. %D is the writer's local time, %d UTC (log4cplus).
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

type Part = 'year' | 'year2' | 'month' | 'monthName' | 'day' | 'hour' | 'hour12' | 'ampm' | 'minute' | 'second' | 'millis' | 'fraction' | 'epoch' | 'offset' | 'skip'

const CODES: Record<string, [string, Part] | string> = {
  Y: ['(\\d{4})', 'year'], y: ['(\\d{2})', 'year2'], m: ['(\\d{1,2})', 'month'], d: ['(\\d{1,2})', 'day'], e: [' ?(\\d{1,2})', 'day'],
  H: ['(\\d{1,2})', 'hour'], I: ['(\\d{1,2})', 'hour12'], p: ['(AM|PM|am|pm)', 'ampm'], M: ['(\\d{2})', 'minute'], S: ['(\\d{2})', 'second'],
  q: ['(\\d{3})', 'millis'], Q: ['(\\d{3}\\.\\d{3})', 'fraction'], s: ['(\\d{1,12})', 'epoch'],
  b: ['([A-Za-z]{3})', 'monthName'], h: ['([A-Za-z]{3})', 'monthName'], B: ['([A-Za-z]{3})[a-z]*', 'monthName'],
  a: ['[A-Za-z]{3}', 'skip'], A: ['[A-Za-z]+', 'skip'], j: ['\\d{3}', 'skip'], Z: ['[A-Za-z][\\w/+-]*', 'skip'],
  z: ['([+-]\\d{2}:?\\d{2}|Z)', 'offset'], T: '%H:%M:%S', F: '%Y-%m-%d', R: '%H:%M', D: '%m/%d/%y', '%': '%',
}

export interface TimeFormat {
  /** Source text with capture groups, to embed in a line's expression. */
  source: string
  /** How many capture groups `source` has. */
  groups: number
  /** Milliseconds since the epoch from the groups matched (in order); NaN when they make no date. */
  read(values: string[], utc: boolean): number
  /** The written time carries its own offset (%z) or is epoch seconds (%s). */
  zoned: boolean
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function compileTimeFormat(format: string): TimeFormat {
  const parts: Part[] = []
  let source = ''
  const expand = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '%' || i === text.length - 1) {
        source += text[i] === ' ' ? ' +' : escape(text[i])
        continue
      }
      const code = CODES[text[++i]]
      if (code === undefined) throw new Error(`the date format "${format}" uses %${text[i]}, which is not a date code log4cplus knows`)
      if (typeof code === 'string') {
        if (code === '%') source += '%'
        else expand(code)
        continue
      }
      source += code[0]
      if (code[1] !== 'skip') parts.push(code[1])
    }
  }
  expand(format)
  return {
    source, groups: parts.length, zoned: parts.includes('offset') || parts.includes('epoch'),
    read(values, utc) {
      const now = new Date()
      let year = now.getFullYear(), month = 0, day = 1, hour = 0, minute = 0, second = 0, millis = 0, offset: number | null = null, pm: boolean | null = null
      for (let k = 0; k < parts.length; k++) {
        const v = values[k]
        switch (parts[k]) {
          case 'year': year = Number(v); break
          case 'year2': year = 2000 + Number(v); break
          case 'month': month = Number(v) - 1; break
          case 'monthName': month = MONTHS.indexOf(v.toLowerCase()); break
          case 'day': day = Number(v); break
          case 'hour': case 'hour12': hour = Number(v); break
          case 'ampm': pm = v.toLowerCase() === 'pm'; break
          case 'minute': minute = Number(v); break
          case 'second': second = Number(v); break
          case 'millis': millis = Number(v); break
          case 'fraction': millis = Number(v); break
          case 'epoch': return Number(v) * 1000 + millis
          case 'offset': offset = v === 'Z' ? 0 : (v[0] === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 60 + Number(v.slice(-2))); break
        }
      }
      if (pm !== null) hour = (hour % 12) + (pm ? 12 : 0)
      if (month < 0) return NaN
      if (offset !== null) return Date.UTC(year, month, day, hour, minute, second) + millis - offset * 60_000
      return utc ? Date.UTC(year, month, day, hour, minute, second) + millis : new Date(year, month, day, hour, minute, second, millis).getTime() + (millis % 1)
    },
  }
}
