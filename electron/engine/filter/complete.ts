// Completion for the filter bar, from the grammar itself: the parser says what it expects where the text before
// the cursor ends (a field, an operator, a value, "and"/"or"), and the field list says what each can be.
import type { FilterCompletion, FilterCompletionItem } from '../../contract/types'
import { filterField, filterFields, type FilterFieldDef } from './fields'
import { expectedAfter, tokenize, wordEnd, type Expected, type Token } from './parse'

const EQUALITY = [{ label: '==', detail: 'equals' }, { label: '!=', detail: 'is present and does not equal' }]
const ORDERING = [{ label: '<', detail: 'less than' }, { label: '>', detail: 'greater than' }, { label: '<=', detail: 'at most' }, { label: '>=', detail: 'at least' }]
const CONTAINS = { label: 'contains', detail: 'holds these bytes or this text' }
const MATCHES = { label: 'matches', detail: 'matches a regular expression (RE2)' }

/** The comparisons each kind of field takes (compile.ts refuses the others). */
const operatorsOf: Record<FilterFieldDef['kind'], { label: string; detail: string }[]> = {
  number: [...EQUALITY, ...ORDERING], ipv4: [...EQUALITY, ...ORDERING], bool: EQUALITY,
  ipv6: [...EQUALITY, MATCHES], mac: [...EQUALITY, CONTAINS, MATCHES], string: [...EQUALITY, CONTAINS, MATCHES],
  bytes: [...EQUALITY, CONTAINS, MATCHES], protocol: [],
}
const connectives: FilterCompletionItem[] = [
  { label: 'and', kind: 'keyword', detail: 'both tests' }, { label: 'or', kind: 'keyword', detail: 'either test' },
]

/** What may be written at `cursor`: nothing inside a string or after a mistake, and never just what is typed already. */
export function completeFilter(text: string, cursor: number): FilterCompletion {
  const at = Math.min(cursor, text.length)
  const before = text.slice(0, at)
  let tokens: Token[]
  try {
    tokens = tokenize(before)
  } catch {
    return { from: at, to: at, items: [] }
  }
  const last = tokens.at(-2)
  const typing = last?.type === 'word' && last.position + last.length === at ? last : null
  const from = typing?.position ?? at
  const typed = typing?.text.toLowerCase() ?? ''
  const expected = expectedAfter(text.slice(0, from))
  const items = expected ? candidates(expected).filter((item) => {
    const label = item.label.toLowerCase()
    return label.startsWith(typed) && label !== typed
  }) : []
  return { from, to: typing ? wordEnd(text, at) : at, items }
}

function candidates(expected: Expected): FilterCompletionItem[] {
  switch (expected.kind) {
    case 'operand':
      return [
        ...[...filterFields.values()].map((f): FilterCompletionItem => ({ label: f.name, kind: 'field', detail: f.description })),
        { label: 'not', kind: 'keyword', detail: 'the test after it fails' },
      ]
    case 'operator': {
      const field = filterField(expected.field)
      if (!field) return []
      return [...operatorsOf[field.kind].map((o): FilterCompletionItem => ({ ...o, kind: 'operator' })), ...connectives]
    }
    case 'value': {
      const field = filterField(expected.field)
      const names = field && 'names' in field ? field.names ?? {} : {}
      // A name with a space (Wireshark's "Boot Request") is a value only in quotes.
      return Object.entries(names).map(([name, n]) => ({ label: /\s/.test(name) ? JSON.stringify(name) : name, kind: 'value', detail: `${expected.field} == ${n}` }))
    }
    case 'connective':
      return connectives
  }
}
