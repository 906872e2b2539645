// Consistent pseudonyms for a bundle made anonymous: each MAC address, IPv4 and IPv6 address, host name and relay
// agent's identifier (circuit, remote, subscriber id) gets one stand-in, the same in the packets, the data and the
// report, so the case still reads (the client that got the NAK is the one in the log lines) without naming anyone.
// Stand-ins come from ranges that name no one: locally administered MACs (02:00:00:…), 10.0.0.0/8, fd00::/8
// (unique local), and names and identifiers of the original's length (a packet keeps its size, so no length field
// changes).
import { isIPv4, isIPv6 } from 'node:net'
import ipaddr from 'ipaddr.js'

const hex2 = (n: number) => n.toString(16).padStart(2, '0')

export class Pseudonyms {
  private readonly macs = new Map<string, string>()
  private readonly ipv4s = new Map<string, string>()
  private readonly ipv6s = new Map<string, string>()
  /** Host names and identifiers given as text, by their lower case: text() replaces them wherever they are written. */
  private readonly hosts = new Map<string, string>()
  /** Identifiers too short or too bare to look for in text (they would match numbers), by their bytes in hex. */
  private readonly identifiers = new Map<string, Uint8Array>()
  private hostPattern: RegExp | null = null

  /** MAC as lower-case colon hex; broadcast, multicast and all-zero addresses stay as they are (they name no one). */
  mac(mac: string): string {
    const key = mac.toLowerCase()
    const first = parseInt(key.slice(0, 2), 16)
    if ((first & 1) === 1 || key === '00:00:00:00:00:00') return key
    let stand = this.macs.get(key)
    if (!stand) {
      const n = this.macs.size + 1
      stand = `02:00:00:${hex2((n >> 16) & 255)}:${hex2((n >> 8) & 255)}:${hex2(n & 255)}`
      this.macs.set(key, stand)
    }
    return stand
  }

  ipv4(address: string): string {
    const [a] = address.split('.').map(Number)
    if (address === '0.0.0.0' || address === '255.255.255.255' || a === 127 || a >= 224) return address
    let stand = this.ipv4s.get(address)
    if (!stand) {
      const n = this.ipv4s.size + 1
      stand = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
      this.ipv4s.set(address, stand)
    }
    return stand
  }

  ipv6(address: string): string {
    const parsed = ipaddr.IPv6.parse(address)
    const range = parsed.range()
    if (range === 'unspecified' || range === 'loopback' || range === 'multicast') return address
    const key = parsed.toNormalizedString()
    let stand = this.ipv6s.get(key)
    if (!stand) {
      const n = this.ipv6s.size + 1
      stand = `fd00::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`
      this.ipv6s.set(key, stand)
    }
    return stand
  }

  /** A host name's stand-in, of the same length (so a packet keeps its size). */
  host(name: string): string {
    return this.word(name, 'h')
  }

  /**
   * A relay agent's identifier (circuit, remote, subscriber or interface id): a stand-in of the same length, text
   * for text. A MAC written in it (aa:bb:…, aa-bb-…, aabb.ccdd.eeff, aabbccddeeff) becomes its MAC's stand-in, in
   * the same notation; other text a name like a host's, replaced in the data and the report too.
   */
  identifier(value: Uint8Array): Uint8Array {
    const text = Buffer.from(value).toString('latin1')
    if (!/^[\x20-\x7e]+$/.test(text)) return this.opaque(value, false)
    const mac = this.macInText(text)
    if (mac !== null) return Buffer.from(mac, 'latin1')
    // Short or letterless text (a port number, "13") is not looked for in text, where it would match numbers.
    return text.length >= 4 && /[a-z]/i.test(text) ? Buffer.from(this.word(text, 'i'), 'latin1') : this.opaque(value, true)
  }

  private word(name: string, prefix: string): string {
    if (!name) return name
    const key = name.toLowerCase()
    let stand = this.hosts.get(key)
    if (!stand) {
      const n = this.hosts.size + 1
      stand = `${prefix}${n.toString(36)}`.padEnd(name.length, 'x').slice(0, name.length)
      // A one-letter name could be its own stand-in.
      if (stand.toLowerCase() === key) stand = stand === 'x' ? 'y' : 'x'
      this.hosts.set(key, stand)
      this.hostPattern = null
    }
    return stand
  }

  /** The MAC a text identifier is, written in the same notation with its stand-in; null if it is none (or names no one). */
  private macInText(text: string): string | null {
    const digits = MAC_NOTATIONS.some((notation) => notation.test(text)) ? text.replace(/[^\da-f]/gi, '') : null
    if (digits === null) return null
    const mac = digits.toLowerCase().replace(/(..)(?!$)/g, '$1:')
    const stand = this.mac(mac).replaceAll(':', '')
    if (stand === digits.toLowerCase()) return null
    let next = 0
    const upper = text !== text.toLowerCase()
    return text.replace(/[\da-f]/gi, () => (upper ? stand[next++].toUpperCase() : stand[next++]))
  }

  /** Bytes (or text) of the same length from a counter, never the original's. */
  private opaque(value: Uint8Array, printable: boolean): Uint8Array {
    const key = `${printable ? 't' : 'b'}${Buffer.from(value).toString('hex')}`
    let stand = this.identifiers.get(key)
    if (!stand) {
      for (let n = this.identifiers.size + 1; !stand || Buffer.from(stand).equals(value); n++) {
        stand = printable ? Buffer.from(n.toString(36).padStart(value.length, '0').slice(-value.length), 'latin1') : counterBytes(n, value.length)
      }
      this.identifiers.set(key, stand)
    }
    return stand
  }

  /** Text with every address the patterns find and every host name seen so far replaced. */
  text(text: string): string {
    let out = text.replace(HEX_COLON_RUN, (run) => this.hexRun(run))
    out = out.replace(IPV4, (address) => (isIPv4(address) ? this.ipv4(address) : address))
    if (this.hosts.size) out = out.replace(this.hostRegExp(), (name) => this.hosts.get(name.toLowerCase()) ?? name)
    return out
  }

  /** A run of colon-separated hex: a MAC, a client id or DUID holding one, or an IPv6 address. */
  private hexRun(run: string): string {
    // The colon of a sentence ("as 02:00:5e:00:53:01: BOUND") is not part of the address.
    if (run.endsWith(':') && !run.endsWith('::')) return `${this.hexRun(run.slice(0, -1))}:`
    const groups = run.split(':')
    if (groups.length >= 6 && groups.every((g) => /^[\da-f]{2}$/i.test(g))) {
      if (groups.length === 6) return this.mac(run)
      // A client id or DUID: the MAC inside it (its last six bytes, as DUID-LL/LLT and client ids of type 1 end).
      return [...groups.slice(0, -6), this.mac(groups.slice(-6).join(':'))].join(':')
    }
    return isIPv6(run) ? this.ipv6(run) : run
  }

  private hostRegExp(): RegExp {
    if (!this.hostPattern) {
      const names = [...this.hosts.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      this.hostPattern = new RegExp(`(?<![\\w.-])(?:${names.join('|')})(?![\\w-])`, 'gi')
    }
    return this.hostPattern
  }
}

/** n big-endian in `length` bytes (its low bytes when it does not fit). */
function counterBytes(n: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = length - 1, rest = n; i >= 0 && rest > 0; i--, rest = Math.floor(rest / 256)) bytes[i] = rest & 255
  return bytes
}

/** A MAC written as text, as switches put it in a remote or circuit id. */
const MAC_NOTATIONS = [/^[\da-f]{2}([:-])[\da-f]{2}(\1[\da-f]{2}){4}$/i, /^[\da-f]{4}\.[\da-f]{4}\.[\da-f]{4}$/i, /^[\da-f]{12}$/i]

/** Colon-separated hex (MACs, client ids, DUIDs, IPv6 addresses), not part of a longer word. */
const HEX_COLON_RUN = /(?<![\w:.])(?:[\da-f]{0,4}:){2,}[\da-f]{0,4}(?![\w:])/gi
const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g
