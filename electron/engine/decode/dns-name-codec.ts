// dns-packet's name codec, loaded on first use. Its CommonJS modules take some 15 ms to load, paid on every thread
// that loads the decoders; a pass that decodes no domain name (stats, the scanner's index) need not pay it.
import { createRequire } from 'node:module'
import type { name } from 'dns-packet'

let codec: typeof name | null = null

export function dnsNameCodec(): typeof name {
  return (codec ??= (createRequire(import.meta.url)('dns-packet') as typeof import('dns-packet')).name)
}
