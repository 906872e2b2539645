// A run's dhclient-script variables as text to paste: shell assignments (what the script would see, sourceable) or JSON.

/** `name='value'`, quoted for a POSIX shell. */
function assignment(name: string, value: string): string {
  return `${name}='${value.replace(/'/g, `'\\''`)}'`
}

/** reason first, then the rest by name, as `fieldkit probe` prints them. */
export function orderedVariables(variables: Record<string, string>): [string, string][] {
  const { reason, ...rest } = variables
  return [...(reason === undefined ? [] : [['reason', reason] as [string, string]]), ...Object.keys(rest).sort().map((name) => [name, rest[name]] as [string, string])]
}

export function variablesAsShell(variables: Record<string, string>): string {
  return orderedVariables(variables).map(([name, value]) => assignment(name, value)).join('\n') + '\n'
}

export function variablesAsJson(variables: Record<string, string>): string {
  return `${JSON.stringify(Object.fromEntries(orderedVariables(variables)), null, 2)}\n`
}
