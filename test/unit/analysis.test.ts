// The fast path (scanner, index, transactions, statistics) on real captures: it must agree with the full decoder
// packet by packet, group real exchanges the way a technician reads them, and count what tshark counts.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { FrameScan } from '../../electron/engine/decode/scan'
import type { FieldNode } from '../../electron/engine/decode/field'
import type { Dhcp6Message } from '../../electron/engine/decode/types'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { captureStats } from '../../electron/engine/index/statistics'
import { UintToIntMap } from '../../electron/engine/transactions/int-map'
import { describeExchange } from '../../electron/engine/transactions/describe-exchange'
import { groupExchanges } from '../../electron/engine/transactions/exchanges'
import { corpusDir, corpusFiles, decodeFile } from '../helpers/corpus'

interface Option6At { code: number; offset: number; length: number }

/** Every DHCPv6 option node of a tree (relay levels, relayed messages, inside IAs), with where it is. */
function treeOptions6(node: FieldNode): Option6At[] {
  const type = node.children?.find((c) => c.key === 'dhcpv6.option.type')
  const own = type ? [{ code: Number(/\((\d+)\)$/.exec(type.value ?? '')?.[1]), offset: node.offset, length: node.length }] : []
  return [...own, ...(node.children ?? []).flatMap(treeOptions6)]
}

/** The options of a client/server message itself, not those inside IAs or relays. */
function innerOptions6(message: Dhcp6Message): Option6At[] {
  return (message.tree.children ?? []).flatMap((child) => treeOptions6({ ...child, children: child.children?.filter((c) => c.key === 'dhcpv6.option.type') }))
}

/** The status codes (option 13) anywhere in a message's tree, in order. */
function statusCodes6(node: FieldNode): number[] {
  const own = node.key === 'dhcpv6.status_code' ? [Number(/\((\d+)\)$/.exec(node.value ?? '')?.[1])] : []
  return [...own, ...(node.children ?? []).flatMap(statusCodes6)]
}

function transactions(file: string) {
  const { index } = indexCaptureFile(join(corpusDir, file))
  const exchanges = groupExchanges(index)
  return Array.from({ length: exchanges.count }, (_, id) => describeExchange(index, exchanges, id))
}

describe('scanner', () => {
  it.each(corpusFiles())('agrees with the full decoder on %s', (file) => {
    const scan = new FrameScan()
    for (const { record, decoded } of decodeFile(join(corpusDir, file))) {
      scan.scan(record.linkType, record.data)
      const dhcp = decoded.dhcp
      expect(scan.family, `frame ${record.frame}`).toBe(dhcp?.family ?? 0)
      if (dhcp?.family === 4) {
        expect(scan.xid).toBe(dhcp.xid)
        if (dhcp.messageType !== null) expect(scan.messageType).toBe(dhcp.messageType)
        const scanned = [...scan.optionCodes.subarray(0, scan.optionCount)].sort((a, b) => a - b)
        // Options cut off by the end of the packet are listed by the decoder (as damaged) but not indexed.
        const whole = dhcp.options.filter((o) => o.value !== null || o.length >= 2).map((o) => o.code)
        expect(whole.every((c) => scanned.includes(c)), `frame ${record.frame} options ${whole} vs ${scanned}`).toBe(true)
      }
      if (dhcp?.family === 6) {
        let inner: Dhcp6Message = dhcp
        while (inner.relayed) inner = inner.relayed
        expect(scan.messageType).toBe(inner.messageType)
        if (inner.xid !== null) expect(scan.xid).toBe(inner.xid)
        // Every option, at every relay level and inside IAs, where the decoder put it: code, value offset, length.
        const where = `frame ${record.frame}`
        const scanned = Array.from({ length: scan.optionCount }, (_, k) => `${scan.optionCodes[k]}@${scan.optionOffsets[k]}+${scan.optionLengths[k]}`)
        const options6 = treeOptions6(dhcp.tree)
        expect(scanned.sort(), where).toEqual(options6.map((o) => `${o.code}@${o.offset + 4}+${o.length - 4}`).sort())
        // The identities and status transactions are grouped by: those of the client/server message itself.
        const own = innerOptions6(inner)
        const client = own.find((o) => o.code === 1)
        const server = own.find((o) => o.code === 2)
        expect(scan.clientDuidOffset, where).toBe(client ? client.offset + 4 : -1)
        expect(scan.serverDuidOffset, where).toBe(server ? server.offset + 4 : -1)
        const failed = statusCodes6(inner.tree).find((code) => code !== 0) ?? 0
        expect(scan.statusCode, where).toBe(failed)
      }
    }
  })
})

describe('scanner on a DHCPv6 failure status', () => {
  it('finds the failure status the decoder shows', () => {
    // A real REPLY with a status option (13, NoAddrsAvail) added at the end of the message.
    const { record } = decodeFile(join(corpusDir, 'tcpdump__dhcpv6-ia-na.pcap')).find((p) => p.decoded.dhcp?.type === 'REPLY')!
    const status = Buffer.from([0, 13, 0, 4, 0, 2, 0x6e, 0x6f])
    const frame = Buffer.concat([Buffer.from(record.data), status])
    const ipv6 = 14, udp = ipv6 + 40
    frame.writeUInt16BE(frame.readUInt16BE(ipv6 + 4) + status.length, ipv6 + 4)
    frame.writeUInt16BE(frame.readUInt16BE(udp + 4) + status.length, udp + 4)
    const scan = new FrameScan()
    scan.scan(record.linkType, frame)
    expect(scan.statusCode).toBe(2)
    const decoded = decodeFrame(record.linkType, frame)
    expect(statusCodes6(decoded.dhcp!.tree)).toEqual([2])
  })
})

describe('transactions', () => {
  it('follows a DORA and a SARR, with latencies and the address obtained', () => {
    const [dora] = transactions('chrissanders-packets__dhcp_nolease_initialization.pcapng')
    expect(dora).toMatchObject({ family: 4, kind: 'DORA', status: 'complete', missing: [], retransmissions: 0 })
    expect(dora.steps.map((s) => s.type)).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK'])
    expect(dora.steps[1].latencyMs).toBeGreaterThan(0)
    expect(dora.steps[3].latencyMs).toBeGreaterThan(0)
    expect(dora.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/)

    const [sarr] = transactions('chrissanders-packets__dhcp6_outlease_acquisition.pcapng')
    expect(sarr).toMatchObject({ family: 6, kind: 'SARR', status: 'complete' })
    expect(sarr.steps.map((s) => s.type)).toEqual(['SOLICIT', 'ADVERTISE', 'REQUEST', 'REPLY'])
    expect(sarr.address).toContain(':')
  })

  it('marks missing replies, NAKs with their message, and a second server answering', () => {
    const zeek = transactions('zeek__dhcp.pcap')
    expect(zeek[0]).toMatchObject({ kind: 'DORA', status: 'nak', problem: 'NAK from 128.2.6.152: "requested address not available"' })
    expect(zeek.map((t) => t.kind)).toEqual(['DORA', 'Reboot', 'Decline', 'Release', 'Inform'])
    expect(zeek[4]).toMatchObject({ status: 'incomplete', missing: ['ACK'], problem: 'no ACK' })

    const [lost] = transactions('ndpi__android.pcap')
    expect(lost).toMatchObject({ status: 'incomplete', missing: ['OFFER'], retransmissions: 9, problem: 'no OFFER after 10 tries' })

    const [twoServers] = transactions('netboot__nsec.pcap')
    expect(twoServers.steps.map((s) => s.type)).toEqual(['DISCOVER', 'OFFER', 'OFFER', 'REQUEST', 'ACK'])
    expect(twoServers.servers).toHaveLength(2)
    expect(twoServers.warnings[0]).toMatch(/^2 servers answered this client: /)

    const [orphan] = transactions('zeek__dhcp_ack_subscriber_id_and_agent_remote_id.pcap')
    expect(orphan).toMatchObject({ status: 'incomplete', problem: 'the client\'s request is not in the capture' })
  })
})

describe('statistics', () => {
  it.each(corpusFiles())('are the same from the frame-less, in-place pass as from the full index on %s', (file) => {
    const path = join(corpusDir, file)
    const stats = (retainFrames: boolean) => {
      const { index } = indexCaptureFile(path, { retainFrames })
      return captureStats(index, groupExchanges(index))
    }
    expect(stats(false)).toEqual(stats(true))
  })

  it.each(corpusFiles())('counts DHCPv4 message types as tshark -z dhcp,stat does on %s', (file) => {
    const path = join(corpusDir, file)
    const out = execFileSync('tshark', ['-q', '-z', 'dhcp,stat', '-r', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const tshark = [...out.matchAll(/^(\S[^|]*?)\s*\|(\d+) \|$/gm)].map((m) => Number(m[2]))
    const { index } = indexCaptureFile(path)
    const stats = captureStats(index, groupExchanges(index))
    expect(stats.dhcp4Types.map((t) => t.packets)).toEqual(tshark)
  })
})

describe('UintToIntMap', () => {
  it('keeps every key through growth, including keys that collide and the largest xid', () => {
    const map = new UintToIntMap(4)
    const keys = [...Array.from({ length: 5000 }, (_, k) => k * 1024), 0xffffffff, 0x80000000, 7]
    keys.forEach((key, value) => map.set(key, value))
    keys.forEach((key, value) => expect(map.get(key)).toBe(value))
    expect(map.get(12345)).toBe(-1)
    map.set(7, 1)
    expect(map.get(7)).toBe(1)
  })
})
