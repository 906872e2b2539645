// Secrets in a Kea configuration, hidden wherever the configuration is shown: database passwords (lease-database,
// hosts-database(s), config-control), the API's basic-auth passwords (authentication clients, Kea 3's
// control-sockets), HA peers' basic-auth-password, DDNS TSIG key secrets. A key holding a secret is recognised by
// its name, at any depth, so a section this list has never heard of is covered too. Paths to files are not secrets.
export const REDACTED = '*****'

const secretKey = /(^|-)(password|secret)$/i

export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactSecrets) as T
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, secretKey.test(key) && typeof inner === 'string' ? REDACTED : redactSecrets(inner)])) as T
}
