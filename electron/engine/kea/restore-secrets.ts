// An edited configuration comes from kea.config, where every secret shows as *****. Sent as it is, config-set would
// make ***** the new database or API password. Each ***** is put back to the running configuration's value instead,
// but only where the map holding it is otherwise unchanged (same database host, user, name; same HA peer URL…):
// lists have no keys, so a reordered or edited entry could otherwise receive another entry's secret. Where the
// map changed, or the running configuration has no secret there, the edit is refused with the path to retype.
import { KeaError } from './kea-error'
import { isSecretKey, REDACTED, redactSecrets } from './redact'
import { asObject, type Json } from './review/config-shape'

const sameBesideSecrets = (edited: Json, running: Json) => JSON.stringify(redactSecrets(edited)) === JSON.stringify(redactSecrets(running))

const hiddenAt = (path: string) =>
  `${path} is still ***** (the hidden secret) and cannot be kept from the running configuration, which has none there or a different map around it: type the secret itself, or leave that map as it runs.`

/** The edit with each ***** secret set back to the running value, and the paths it set back. */
export function restoreSecrets(edited: Json, running: Json): { config: Json; restored: string[] } {
  const restored: string[] = []
  const walk = (value: unknown, before: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((inner, i) => walk(inner, Array.isArray(before) ? before[i] : undefined, `${path}[${i}]`))
    const map = asObject(value)
    if (!map) return value
    const old = asObject(before)
    return Object.fromEntries(Object.entries(map).map(([key, inner]) => {
      const at = path ? `${path}.${key}` : key
      if (inner !== REDACTED || !isSecretKey(key)) return [key, walk(inner, old?.[key], at)]
      const kept = old?.[key]
      if (!old || typeof kept !== 'string' || !sameBesideSecrets(map, old)) throw new KeaError('setup', hiddenAt(at))
      restored.push(at)
      return [key, kept]
    }))
  }
  return { config: walk(edited, running, '') as Json, restored }
}

/** Where arguments still hold a hidden secret: the console refuses to config-set those (the Review tab's Apply keeps them). */
export function hiddenSecrets(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((inner, i) => hiddenSecrets(inner, `${path}[${i}]`))
  const map = asObject(value)
  if (!map) return []
  return Object.entries(map).flatMap(([key, inner]) => {
    const at = path ? `${path}.${key}` : key
    return inner === REDACTED && isSecretKey(key) ? [at] : hiddenSecrets(inner, at)
  })
}
