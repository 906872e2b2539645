// Display filter syntax, Wireshark's subset that DHCP work needs:
//   expr  := or ;  or := and (("or"|"||") and)* ;  and := unary (("and"|"&&") unary)*
//   unary := ("not"|"!") unary | "(" expr ")" | FIELD [OP VALUE]
// OP is == != < > <= >= (or eq ne lt gt le ge), contains, matches (~). VALUE is a "quoted string" or a bare
// word (number, address, MAC, message type name). Every node keeps its position for error messages.
// The same parser tells completion what the grammar accepts where a filter ends (expectedAfter).

export type Operator = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'contains' | 'matches'

export type FilterNode =
  | { kind: 'and'; left: FilterNode; right: FilterNode }
  | { kind: 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'test'; field: string; position: number; operator?: Operator; operatorPosition?: number; value?: Literal }

export interface Literal {
  text: string
  quoted: boolean
  position: number
  length: number
}

/** A mistake in a filter: what is wrong and where (0-based character position, length of the culprit). */
export class FilterError extends Error {
  constructor(message: string, readonly position: number, readonly length = 1) {
    super(message)
    this.name = 'FilterError'
  }
}

export interface Token {
  type: 'word' | 'string' | 'op' | '(' | ')' | 'end'
  text: string
  position: number
  length: number
}

const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '~', '(', ')']
const WORD_OPERATORS: Record<string, Operator> = { eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', contains: 'contains', matches: 'matches' }
const SYMBOL_OPERATORS: Record<string, Operator> = { '==': '==', '!=': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '~': 'matches' }
const WORD = /[A-Za-z0-9_.:\-/]/

/** Where the bare word running through `at` ends (`at` itself when no word goes on from there). */
export function wordEnd(text: string, at: number): number {
  let end = at
  while (end < text.length && WORD.test(text[end])) end++
  return end
}

/** Wireshark's escapes in strings, as C's: \n, \t … */
const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }

/** The character an escape starting at `at` (after its backslash) stands for, and how many characters it took: \xhh, \ooo, \n …, or the character itself (\" \\). */
function escaped(text: string, at: number): [string, number] {
  const hex = /^x([0-9a-f]{1,2})/i.exec(text.slice(at, at + 3))
  if (hex) return [String.fromCharCode(parseInt(hex[1], 16)), hex[0].length]
  const octal = /^[0-7]{1,3}/.exec(text.slice(at, at + 3))
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), octal[0].length]
  return [ESCAPES[text[at]] ?? text[at], 1]
}

/** The tokens of a filter, ending with an 'end' token; a string without its closing quote or a stray character throws. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    const ch = text[at]
    if (/\s/.test(ch)) { at++; continue }
    if (ch === '"') {
      let value = ''
      let end = at + 1
      while (end < text.length && text[end] !== '"') {
        if (text[end] === '\\' && end + 1 < text.length) {
          const [char, used] = escaped(text, end + 1)
          value += char
          end += 1 + used
          continue
        }
        value += text[end]
        end++
      }
      if (end >= text.length) throw new FilterError('This string has no closing quote (").', at, text.length - at)
      tokens.push({ type: 'string', text: value, position: at, length: end + 1 - at })
      at = end + 1
      continue
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, at))
    if (symbol) {
      tokens.push({ type: symbol === '(' || symbol === ')' ? symbol : 'op', text: symbol, position: at, length: symbol.length })
      at += symbol.length
      continue
    }
    if (WORD.test(ch)) {
      const end = wordEnd(text, at)
      tokens.push({ type: 'word', text: text.slice(at, end), position: at, length: end - at })
      at = end
      continue
    }
    throw new FilterError(`"${ch}" cannot appear here.`, at)
  }
  tokens.push({ type: 'end', text: '', position: text.length, length: 0 })
  return tokens
}

/** What the grammar accepts where a filter ends. */
export type Expected =
  /** A test: a field name, "not" or "(". */
  | { kind: 'operand' }
  /** After a field name: a comparison operator, or "and"/"or" (a field alone tests that it is present). */
  | { kind: 'operator'; field: string }
  /** After a comparison operator: the value to compare with. */
  | { kind: 'value'; field: string }
  /** After a complete test or ")": "and"/"or". */
  | { kind: 'connective' }

export function parseFilter(text: string): FilterNode | null {
  const tokens = tokenize(text)
  return tokens.length === 1 ? null : parseTokens(tokens, () => {})
}

/**
 * What may follow `text`: the first thing the parser looked for and found the end instead. Null when the text
 * goes wrong before its end (a mistake, or a string left open), where completion has nothing to offer.
 */
export function expectedAfter(text: string): Expected | null {
  let expected: Expected | null = null
  try {
    const tokens = tokenize(text)
    if (tokens.length === 1) return { kind: 'operand' }
    parseTokens(tokens, (next) => { expected ??= next })
  } catch (error) {
    if (!(error instanceof FilterError)) throw error
  }
  return expected
}

/** The recursive descent over tokens; `atEnd` hears what was expected each time the end is reached instead. */
function parseTokens(tokens: Token[], atEnd: (expected: Expected) => void): FilterNode {
  let k = 0
  const peek = () => tokens[k]
  const isWord = (t: Token, ...words: string[]) => t.type === 'word' && words.includes(t.text.toLowerCase())
  const isSymbol = (t: Token, ...symbols: string[]) => t.type === 'op' && symbols.includes(t.text)
  const connectiveAt = () => {
    if (peek().type === 'end') atEnd({ kind: 'connective' })
  }

  function or(): FilterNode {
    let left = and()
    while (isWord(peek(), 'or') || isSymbol(peek(), '||')) {
      k++
      left = { kind: 'or', left, right: and() }
    }
    return left
  }
  function and(): FilterNode {
    let left = unary()
    connectiveAt()
    while (isWord(peek(), 'and') || isSymbol(peek(), '&&')) {
      k++
      left = { kind: 'and', left, right: unary() }
      connectiveAt()
    }
    return left
  }
  function unary(): FilterNode {
    const t = peek()
    if (isWord(t, 'not') || isSymbol(t, '!')) {
      k++
      return { kind: 'not', operand: unary() }
    }
    if (t.type === '(') {
      k++
      const inner = or()
      if (peek().type !== ')') throw new FilterError('This parenthesis is never closed.', t.position)
      k++
      return inner
    }
    if (t.type === 'word' && /^[A-Za-z_]/.test(t.text) && !isWord(t, 'and', 'or')) {
      k++
      return test(t)
    }
    if (t.type === 'end') {
      atEnd({ kind: 'operand' })
      throw new FilterError('The filter ends where a field name was expected.', t.position)
    }
    throw new FilterError(`"${t.text}" is where a field name was expected.`, t.position, t.length)
  }
  function test(field: Token): FilterNode {
    const t = peek()
    if (t.type === 'end') atEnd({ kind: 'operator', field: field.text })
    const operator = t.type === 'op' ? SYMBOL_OPERATORS[t.text] : t.type === 'word' ? WORD_OPERATORS[t.text.toLowerCase()] : undefined
    if (!operator) return { kind: 'test', field: field.text, position: field.position }
    k++
    const value = peek()
    if (value.type === 'end') atEnd({ kind: 'value', field: field.text })
    if (value.type !== 'word' && value.type !== 'string') {
      throw new FilterError(`"${t.text}" needs a value after it.`, value.position, Math.max(1, value.length))
    }
    k++
    return {
      kind: 'test', field: field.text, position: field.position, operator, operatorPosition: t.position,
      value: { text: value.text, quoted: value.type === 'string', position: value.position, length: value.length },
    }
  }

  const tree = or()
  const rest = peek()
  if (rest.type !== 'end') {
    const hint = rest.type === ')' ? 'This parenthesis closes nothing.' : `"${rest.text}" was not expected here; join tests with "and" or "or".`
    throw new FilterError(hint, rest.position, rest.length)
  }
  return tree
}
