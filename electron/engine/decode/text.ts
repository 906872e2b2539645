// Readable renderings of one frame: dhcpdump-like text (used by `decode` without --json and by "copy as text")
// and a Wireshark-style hex dump ("copy as hex").
import { hex } from './bytes'
import type { FieldNode } from './field'
import type { DecodedFrame } from './frame'

function lines(node: FieldNode, depth: number, out: string[]): void {
  out.push(`${'  '.repeat(depth)}${node.label}${node.value !== undefined ? `: ${node.value}` : ''}${node.problem ? `  [!] ${node.problem}` : ''}`)
  for (const child of node.children ?? []) lines(child, depth + 1, out)
}

/** `timestamp` as isoTimestamp gives it. */
export function formatPacketText(frame: number, timestamp: string, decoded: DecodedFrame): string {
  const out = [`Frame ${frame}  ${timestamp}  ${decoded.source} → ${decoded.destination}  ${decoded.protocol}  ${decoded.info}`]
  const dhcpTree = decoded.dhcp?.tree
  if (dhcpTree) lines(dhcpTree, 1, out)
  for (const warning of decoded.warnings) out.push(`  warning: ${warning}`)
  return out.join('\n') + '\n'
}

/** "0000  ff ff ff ff ff ff 00 0c  29 1f 74 06 08 00 45 00   ........).t...E." lines, as Wireshark copies them. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = []
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16)
    const left = hex(row, 0, 8, ' '), right = hex(row, 8, 8, ' ')
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('')
    lines.push(`${at.toString(16).padStart(4, '0')}  ${`${left}  ${right}`.padEnd(49)} ${ascii}`)
  }
  return lines.join('\n') + '\n'
}
