// Secrets in a Kea configuration, hidden wherever the configuration is shown: database passwords (lease-database,
// hosts-database(s), config-control), the API's basic-auth passwords (authentication clients, Kea 3's
// control-sockets), HA peers' basic-auth-password, DDNS TSIG key secrets. A key holding a secret is recognised by
// its name, at any depth, so a section this list has never heard of is covered too. Paths to files are not secrets.
export const REDACTED = '*****'

// A token (an API token a hook or user-context carries) is a password by another name.
const secretKey = /(^|-)(password|secret|token)$/i

export const isSecretKey = (key: string): boolean => secretKey.test(key)

/** `hide` says what a secret becomes: ***** unless told otherwise (a diff marks a secret typed into an edit). */
export function redactSecrets<T>(value: T, hide: (secret: string) => string = () => REDACTED): T {
  if (Array.isArray(value)) return value.map((inner) => redactSecrets(inner, hide)) as T
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, isSecretKey(key) && typeof inner === 'string' ? hide(inner) : redactSecrets(inner, hide)])) as T
}
