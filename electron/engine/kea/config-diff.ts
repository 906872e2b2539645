// What an edit changes in a running configuration, as a unified diff of the two as indented JSON: readable in a
// dialog and a terminal alike. Both sides have their secrets hidden; a secret typed into the edit shows as changed,
// so the diff does not hide that a password is about to be replaced. Keys are sorted (as Kea 2.2's config-get
// writes them), so a pasted configuration in another key order shows only what differs.
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff'
import { REDACTED, redactSecrets } from './redact'

export const TYPED_SECRET = '***** (typed in the edit)'
/**
 * Line diffs cost time in the number of changed lines: an edit rewriting a configuration of thousands of reservations
 * would hold the engine for long. Past this many changed lines the diff says so instead of listing them.
 */
export const MAX_DIFF_EDITS = 2000

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]))
}

const shown = (config: unknown, hide?: (secret: string) => string) => `${JSON.stringify(sortedKeys(redactSecrets(config, hide)), null, 2)}\n`

export function configDiff(running: unknown, edited: unknown): { diff: string; changed: boolean } {
  const before = shown(running)
  const after = shown(edited, (secret) => (secret === REDACTED ? REDACTED : TYPED_SECRET))
  if (before === after) return { diff: '', changed: false }
  const patch = structuredPatch('running (config-get)', 'edited', before, after, undefined, undefined, { context: 3, maxEditLength: MAX_DIFF_EDITS })
  if (!patch) {
    const lines = (text: string) => text.split('\n').length - 1
    return { diff: `The edit changes more than ${MAX_DIFF_EDITS} lines of the ${lines(before)} running: too many to list here; compare the two with a diff tool before applying it.\n`, changed: true }
  }
  return { diff: formatPatch(patch, FILE_HEADERS_ONLY), changed: true }
}
