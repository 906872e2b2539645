import type { FieldNode } from '../../contract/types'
import type { DecodedValue } from './types'

export type { FieldNode }

export function field(
  label: string, offset: number, length: number,
  extra: { key?: string; value?: string; problem?: string; children?: FieldNode[] } = {},
): FieldNode {
  const node: FieldNode = { label, offset, length }
  if (extra.key !== undefined) node.key = extra.key
  if (extra.value !== undefined) node.value = extra.value
  if (extra.problem !== undefined) node.problem = extra.problem
  if (extra.children !== undefined && extra.children.length > 0) node.children = extra.children
  return node
}

/**
 * A value whose length its format cannot have: a protocol error (Wireshark raises an error-level expert item).
 * `badLength`: Wireshark notes it as dhcp.bad_length; it does not for an empty list or text, which it shows as missing.
 */
export function lengthProblem(len: number, expected: string, badLength = true): DecodedValue {
  const problem: DecodedValue = { value: null, text: `invalid length ${len}`, problem: `length ${len} is invalid, expected ${expected}` }
  return badLength ? { ...problem, badLength } : problem
}

/** Collects the problems found while decoding one packet, each naming the field and its offset. */
export class Problems {
  readonly warnings: string[] = []
  malformed = false

  /** @param snapshotCut the capture kept fewer bytes than were on the wire (its snapshot length). */
  constructor(private readonly snapshotCut = false) {}

  /**
   * Data ends before a field does. In a frame the capture cut short that is the capture's doing, not the
   * sender's: worth a warning, not the malformed flag (Wireshark tells the two apart the same way).
   */
  truncated(where: string, offset: number, why: string): string {
    return this.snapshotCut ? this.add(where, offset, `${why} (the capture kept only part of this frame)`) : this.error(where, offset, why)
  }

  /** A problem that makes the packet malformed (Wireshark would raise an error-level expert item). */
  error(where: string, offset: number, why: string): string {
    this.malformed = true
    return this.add(where, offset, why)
  }

  /** Worth telling the user, but the packet is well-formed. */
  note(where: string, offset: number, why: string): string {
    return this.add(where, offset, why)
  }

  private add(where: string, offset: number, why: string): string {
    const message = `${where} at offset ${offset}: ${why}`
    this.warnings.push(message)
    return message
  }
}
