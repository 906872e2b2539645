// How an index's columns sit in memory: typed arrays laid end to end in one buffer, and the columns a summary index
// (grouping and statistics only) writes. A file indexed on two threads (split-index.ts) writes its summaries into one
// SharedArrayBuffer (SharedRows): joining the parts then copies nothing.

export type ColumnType = (new (n: number) => ArrayLike<number>) & (new (buffer: ArrayBufferLike, byteOffset: number, length: number) => ArrayLike<number>) & { BYTES_PER_ELEMENT: number }

/** What grouping exchanges and statistics read of each packet: all that an index without frames keeps. */
export const summaryColumnTypes = {
  /** Seconds since 1970, for arithmetic (latencies, gaps, the Time column); with the two below, exact (see timestamp). */
  time: Float64Array,
  family: Uint8Array,
  messageType: Uint8Array,
  xid: Uint32Array,
  /** DHCPv4: chaddr as a 48-bit number. DHCPv6: V6_CLIENT_BASE + interned client DUID. -1 without DHCP. */
  client: Float64Array,
  /** DHCPv4: server identifier (option 54) or source address as a number. DHCPv6: V6_SERVER_BASE + interned name. */
  server: Float64Array,
  /** DHCPv6: the first non-success status code in the message (top level or in an IA), else 0. */
  status: Uint16Array,
}
export const SUMMARY_COLUMNS = Object.keys(summaryColumnTypes) as (keyof typeof summaryColumnTypes)[]

/** Each column starts on an 8-byte boundary, whatever its element size. */
const columnBytes = (Type: ColumnType, rows: number) => Math.ceil((Type.BYTES_PER_ELEMENT * rows) / 8) * 8

/**
 * Columns of `capacity` rows sharing one buffer (from row `firstRow` of a buffer laid out for `capacity` rows, when
 * given one): V8 counts each typed array's memory against a limit that starts a collection, and two dozen large
 * arrays made at once set off as many collections while a capture opens. Made with Object.fromEntries, not by adding
 * keys one by one: an object given more than about 16 properties through computed keys turns into a hash table, and
 * then every `col.time[i]` of indexing, grouping, statistics and filters was a lookup by name (a fifth of a stats run).
 * `from`: columns whose values are copied in.
 */
export function allocate<T extends Record<string, ColumnType>>(types: T, capacity: number, from?: Record<string, ArrayLike<number>>, shared?: { buffer: ArrayBufferLike; firstRow: number }) {
  const buffer = shared?.buffer ?? new ArrayBuffer(Object.values(types).reduce((total, Type) => total + columnBytes(Type, capacity), 0))
  const firstRow = shared?.firstRow ?? 0
  let offset = 0
  return Object.fromEntries(Object.entries(types).map(([key, Type]) => {
    const column = new Type(buffer, offset + firstRow * Type.BYTES_PER_ELEMENT, capacity - firstRow) as ArrayLike<number> & { set(a: ArrayLike<number>): void }
    offset += columnBytes(Type, capacity)
    if (from) column.set(from[key])
    return [key, column]
  }))
}

/**
 * A record is a 16-byte header and a frame; DHCP frames alone are over 60 bytes, and captures of a DHCP network
 * average hundreds. A part with smaller records than this on average runs out of rows (see SharedRows).
 */
const MIN_AVERAGE_RECORD = 48

/**
 * Summary columns in one SharedArrayBuffer for a file read in two parts at once: the first part's rows are written
 * downward from row `middle` (the first packet at middle - 1), the second part's upward from it. When both are read,
 * the first part's rows are reversed in place and the whole file's rows lie in order from row middle - n1: no copy of
 * either part, whose fresh memory (page faults) costs more than reading it. Rows are reserved for parts of records
 * MIN_AVERAGE_RECORD bytes long on average; pages never written cost no memory.
 */
export interface SharedRows {
  buffer: SharedArrayBuffer
  rows: number
  middle: number
}

export function sharedRows(firstPartBytes: number, secondPartBytes: number): SharedRows {
  const middle = Math.ceil(firstPartBytes / MIN_AVERAGE_RECORD) + 1
  const rows = middle + Math.ceil(secondPartBytes / MIN_AVERAGE_RECORD) + 1
  const bytes = Object.values(summaryColumnTypes).reduce((total, Type) => total + columnBytes(Type, rows), 0)
  return { buffer: new SharedArrayBuffer(bytes), rows, middle }
}
