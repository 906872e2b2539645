// Whether a display filter reads the malformed flags, which loading leaves unset: a capture's flags are checked
// (index/malformed-check.ts) only when a filter of it asks for them.
import { parseFilter, type FilterNode } from '../filter/parse'

/** The filter fields that read the index's malformed column (filter/fields.ts). */
const MALFORMED_FIELDS = new Set(['malformed', '_ws.malformed'])

export function readsMalformed(filter: string): boolean {
  const tree = parseFilter(filter)
  return tree !== null && mentions(tree)
}

function mentions(node: FilterNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or': return mentions(node.left) || mentions(node.right)
    case 'not': return mentions(node.operand)
    default: return MALFORMED_FIELDS.has(node.field)
  }
}
