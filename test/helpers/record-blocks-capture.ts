// A pcapng file with blocks that are frames without being packets (custom blocks, a systemd journal entry) among
// DHCP packets, in two sections, the second big-endian: for the reader's, the writer's and the app's tests.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { corpusDir, decodeFile } from './corpus'
import { customBlock, interfaceBlock, journalBlock, packetBlock, sectionHeader } from './pcapng-bytes'

export const JOURNAL_ENTRY = '__CURSOR=s=1;i=2\n__REALTIME_TIMESTAMP=1700000000123456\n_HOSTNAME=lab\nMESSAGE=DHCPACK on 192.0.2.10 to 00:11:22:33:44:55\n'

/** Frames: 1 custom block, 2 DHCP, 3 custom block not to be copied, 4 journal entry, 5 DHCP, 6 custom block (big-endian section), 7 DHCP. */
export function writeRecordBlocksCapture(dir: string): string {
  const dhcp = decodeFile(`${corpusDir}zeek__dhcp.pcap`).map((p) => p.record.data)
  const path = join(dir, 'record-blocks.pcapng')
  writeFileSync(path, Buffer.concat([
    sectionHeader(), interfaceBlock(),
    // A copyable block first, as PacketGen's test018 has it; one not to be copied, whose data needs padding.
    customBlock(32473, Buffer.from('an example Custom Block\0')),
    packetBlock(dhcp[0], { ticks: 1_000_000n }),
    customBlock(32473, Buffer.from('not copied'), { copy: false }),
    journalBlock(JOURNAL_ENTRY),
    packetBlock(dhcp[1], { ticks: 2_000_000n }),
    sectionHeader(true), interfaceBlock({}, true),
    customBlock(36724, Buffer.from('from a big-endian section'), { bigEndian: true }),
    packetBlock(dhcp[2], { ticks: 3_000_000n }, true),
  ]))
  return path
}
