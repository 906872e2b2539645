// Display filter syntax, Wireshark's subset that DHCP work needs:
//   expr  := or ;  or := and (("or"|"||") and)* ;  and := unary (("and"|"&&") unary)*
//   unary := ("not"|"!") unary | "(" expr ")" | FIELD [OP VALUE]
// OP is == != < > <= >= (or eq ne lt gt le ge), contains, matches (~). VALUE is a "quoted string" or a bare
// word (number, address, MAC, message type name). Every node keeps its position for error messages.

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

interface Token {
  type: 'word' | 'string' | 'op' | '(' | ')' | 'end'
  text: string
  position: number
  length: number
}

const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '~', '(', ')']
const WORD_OPERATORS: Record<string, Operator> = { eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', contains: 'contains', matches: 'matches' }
const SYMBOL_OPERATORS: Record<string, Operator> = { '==': '==', '!=': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '~': 'matches' }
const WORD = /[A-Za-z0-9_.:\-/]/

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let at = 0
  while (at < text.length) {
    const ch = text[at]
    if (/\s/.test(ch)) { at++; continue }
    if (ch === '"') {
      let value = ''
      let end = at + 1
      while (end < text.length && text[end] !== '"') {
        if (text[end] === '\\' && end + 1 < text.length) end++
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
      let end = at
      while (end < text.length && WORD.test(text[end])) end++
      tokens.push({ type: 'word', text: text.slice(at, end), position: at, length: end - at })
      at = end
      continue
    }
    throw new FilterError(`"${ch}" cannot appear here.`, at)
  }
  tokens.push({ type: 'end', text: '', position: text.length, length: 0 })
  return tokens
}

export function parseFilter(text: string): FilterNode | null {
  const tokens = tokenize(text)
  if (tokens.length === 1) return null
  let k = 0
  const peek = () => tokens[k]
  const isWord = (t: Token, ...words: string[]) => t.type === 'word' && words.includes(t.text.toLowerCase())
  const isSymbol = (t: Token, ...symbols: string[]) => t.type === 'op' && symbols.includes(t.text)

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
    while (isWord(peek(), 'and') || isSymbol(peek(), '&&')) {
      k++
      left = { kind: 'and', left, right: unary() }
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
    if (t.type === 'end') throw new FilterError('The filter ends where a field name was expected.', t.position)
    throw new FilterError(`"${t.text}" is where a field name was expected.`, t.position, t.length)
  }
  function test(field: Token): FilterNode {
    const t = peek()
    const operator = t.type === 'op' ? SYMBOL_OPERATORS[t.text] : t.type === 'word' ? WORD_OPERATORS[t.text.toLowerCase()] : undefined
    if (!operator) return { kind: 'test', field: field.text, position: field.position }
    k++
    const value = peek()
    if (value.type !== 'word' && value.type !== 'string') {
      throw new FilterError(`"${t.text}" needs a value after it.`, value.type === 'end' ? value.position : value.position, Math.max(1, value.length))
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
