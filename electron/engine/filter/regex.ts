// `matches` patterns run on RE2 (re2js, a pure JavaScript port) rather than JavaScript's backtracking RegExp: RE2
// takes time linear in the text, so a pattern such as ^(a+)+$ cannot spin for hours on one packet and block the
// engine. RE2's syntax is the part of Wireshark's (PCRE2) that can run that way: inline flags such as (?i) work
// as in Wireshark; backreferences and lookaround cannot, and are refused with a sentence saying so.
import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js'
import { FilterError, type Literal } from './parse'

export function compilePattern(value: Literal): RE2JS {
  try {
    return RE2JS.compile(value.text)
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error
    throw new FilterError(refusal(error), value.position, value.length)
  }
}

const WHY = 'so that a filter takes time in proportion to the packets, whatever the pattern'

function refusal(error: RE2JSException): string {
  if (!(error instanceof RE2JSSyntaxException)) return `This regular expression cannot be used: ${error.message}.`
  const culprit = error.input ?? ''
  const backreference = /^\\(?:[1-9]|k)/.exec(culprit)
  if (backreference) return `This regular expression refers back to a group (${backreference[0]}…); RE2 syntax has no backreferences, ${WHY}.`
  const lookaround = /^\(\?<?[=!]/.exec(culprit)
  if (lookaround) return `This regular expression looks around (${lookaround[0]}…); RE2 syntax has no lookahead or lookbehind, ${WHY}.`
  const shown = culprit.length > 30 ? `${culprit.slice(0, 30)}…` : culprit
  return `This regular expression is not valid: ${error.getDescription()}${shown ? ` at ${shown}` : ''}.`
}
