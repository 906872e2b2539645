// Options 121 and 249 (RFC 3442) as Wireshark 4.0 reads them (dissect_dhcpopt_classless_static_route): from an
// option of 5 bytes or more, route after route, each one dhcp.option.classless_static_route whose value is its
// bytes; a prefix length over 32 ends the reading (noted), and a route the option cuts short raises an exception.

/** Where reading stopped: 'done' at the option's end or a prefix over 32, else the offset of a route cut short. */
type RouteWalk = 'done' | 'visited' | number

function walk(b: Uint8Array, off: number, len: number, visit: (at: number, length: number) => boolean): RouteWalk {
  if (len < 5) return 'done'
  for (let at = off; at < off + len;) {
    const width = b[at]
    const length = 1 + Math.ceil(width / 8) + 4
    if (width > 32) return 'done'
    if (at + length > off + len) return at
    if (visit(at, length)) return 'visited'
    at += length
  }
  return 'done'
}

/** Each route Wireshark reads, as [offset, length], until `visit` returns true (then true). */
export function eachWiresharkRoute(b: Uint8Array, off: number, len: number, visit: (at: number, length: number) => boolean): boolean {
  return walk(b, off, len, visit) === 'visited'
}

/** Where Wireshark's reading raises an exception (a route cut short), or null. */
export function wiresharkRouteStop(b: Uint8Array, off: number, len: number): number | null {
  const end = walk(b, off, len, () => false)
  return typeof end === 'number' ? end : null
}
