// What the user typed into a JSON editor (a command's arguments, a whole configuration) is taken only as a JSON
// object: Kea's arguments and configurations are maps, and saying why the text is not one beats Kea's own error.

export type ParsedObject = { value: Record<string, unknown>; error: null } | { value: undefined; error: string }

/** The text as a JSON object, or why it is not one: a parse error, or `expected` when it is JSON of another kind. */
export function parseJsonObject(text: string, expected: string): ParsedObject {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { value: undefined, error: `Not JSON: ${(error as Error).message}` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { value: undefined, error: expected }
  return { value: value as Record<string, unknown>, error: null }
}
