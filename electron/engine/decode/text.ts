// A readable, dhcpdump-like rendering of one decoded frame: used by `decode` without --json and by "copy as text".
import { isoTimestamp, type CaptureRecord } from '../capture-file/record'
import type { FieldNode } from './field'
import type { DecodedFrame } from './frame'

function lines(node: FieldNode, depth: number, out: string[]): void {
  out.push(`${'  '.repeat(depth)}${node.label}${node.value !== undefined ? `: ${node.value}` : ''}${node.problem ? `  [!] ${node.problem}` : ''}`)
  for (const child of node.children ?? []) lines(child, depth + 1, out)
}

export function formatPacketText(record: Pick<CaptureRecord, 'frame' | 'timestampSeconds' | 'timestampFraction' | 'fractionDigits'>, decoded: DecodedFrame): string {
  const out = [`Frame ${record.frame}  ${isoTimestamp(record)}  ${decoded.source} → ${decoded.destination}  ${decoded.protocol}  ${decoded.info}`]
  const dhcpTree = decoded.dhcp?.tree
  if (dhcpTree) lines(dhcpTree, 1, out)
  for (const warning of decoded.warnings) out.push(`  warning: ${warning}`)
  return out.join('\n') + '\n'
}
