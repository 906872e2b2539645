// Display-filter names of options. The registries give common options a short name (hostname, router);
// every other option is named after its title, made unique with its code where titles repeat.

export interface OptionSpec<F> {
  code: number
  name: string
  format: F
  /** Used in display filters and field keys as `dhcp.option.<key>` / `dhcpv6.option.<key>`. */
  key: string
}

/** "Time Server" → "time_server". */
function optionKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')
}

export function optionRegistry<F>(table: [number, string, F, string?][]): ReadonlyMap<number, OptionSpec<F>> {
  const used = new Set(table.flatMap(([, , , key]) => (key ? [key] : [])))
  const registry = new Map<number, OptionSpec<F>>()
  for (const [code, name, format, short] of table) {
    let key = short ?? optionKey(name)
    if (!short && used.has(key)) key = `${key}_${code}`
    used.add(key)
    registry.set(code, { code, name, format, key })
  }
  return registry
}
