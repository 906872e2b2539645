// The packet list's text columns sort as a technician reads them: addresses as numbers, numbers in text by value.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PacketRow, PacketView } from '../../electron/contract/types'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { orderByInfo } from '../../electron/engine/session/info-order'
import { textSortKey, type TextColumn } from '../../electron/engine/session/sort-keys'
import { addressKey, naturalKey, orderByKey } from '../../electron/engine/session/text-order'
import { corpusDir, corpusFiles, decodeFile } from '../helpers/corpus'
import { loaded, openInEngine, testEngine } from '../helpers/engine'
import { makeSyntheticCapture } from '../helpers/synthetic-capture'
import { tempDir } from '../helpers/temp'

/** Positions of the texts in the order their keys give. */
function orderOf(texts: string[], key: (text: string) => string, descending = false, positions = Int32Array.from(texts.keys())): number[] {
  return [...orderByKey(positions, (p) => key(texts[p]), descending)]
}

/** The texts in the order their keys give (ascending), through the same ordering the engine uses. */
function sortedBy(key: (text: string) => string, texts: string[]): string[] {
  return orderOf(texts, key).map((p) => texts[p])
}

describe('natural order of text columns', () => {
  it('orders IPv4 addresses by value, then IPv6 addresses by their bytes, then anything else', () => {
    const texts = ['fe80::1', '10.0.0.10', 'aa:bb:cc:dd:ee:ff', '2001:db8::10', '10.0.0.9', '', '255.255.255.255', '2001:db8::9', '9.255.0.1', '::', '0.0.0.0']
    expect(sortedBy(addressKey, texts)).toEqual([
      '0.0.0.0', '9.255.0.1', '10.0.0.9', '10.0.0.10', '255.255.255.255', '::', '2001:db8::9', '2001:db8::10', 'fe80::1', '', 'aa:bb:cc:dd:ee:ff',
    ])
  })

  it('compares the numbers inside text by value, decimal and 0x hexadecimal', () => {
    const texts = ['DHCP Request - Transaction ID 0x10', 'DHCP Discover - Transaction ID 0x9', 'DHCP Discover - Transaction ID 0x1f', 'DHCP Discover - Transaction ID 0xA',
      '67 → 68 Len=300', '67 → 68 Len=48', '546 → 547 Len=90', 'DHCPv6', 'DHCP', 'Protocol 17', 'Protocol 6']
    expect(sortedBy(naturalKey, texts)).toEqual([
      '67 → 68 Len=48', '67 → 68 Len=300', '546 → 547 Len=90', 'DHCP', 'DHCP Discover - Transaction ID 0x9', 'DHCP Discover - Transaction ID 0xA',
      'DHCP Discover - Transaction ID 0x1f', 'DHCP Request - Transaction ID 0x10', 'DHCPv6', 'Protocol 6', 'Protocol 17',
    ])
    // Leading zeros do not change a number's place; ties keep frame order.
    expect(naturalKey('id 007')).toBe(naturalKey('id 7'))
  })

  it('keeps equal texts in frame order, both reversed when descending, and orders only the positions given', () => {
    const texts = ['b', 'a', 'b', 'a', 'c']
    expect(orderOf(texts, naturalKey)).toEqual([1, 3, 0, 2, 4])
    expect(orderOf(texts, naturalKey, true)).toEqual([4, 2, 0, 3, 1])
    expect(orderOf(texts, naturalKey, false, Int32Array.of(0, 3, 4))).toEqual([3, 0, 4])
  })

  // The list sorts a million packets from the index, without their texts; it must order them as the texts do.
  const columns: [TextColumn, (text: string) => string][] = [['source', addressKey], ['destination', addressKey], ['protocol', naturalKey], ['info', naturalKey]]
  it.each(corpusFiles())('orders the text columns from the index as their texts order on %s', (file) => {
    const path = join(corpusDir, file)
    const texts = decodeFile(path).map((p) => p.decoded)
    const { index } = indexCaptureFile(path)
    const all = Int32Array.from(texts.keys())
    for (const [column, key] of columns) {
      const fromIndex = [...orderByKey(all, textSortKey(index, column), false)].map((p) => texts[p][column])
      expect(fromIndex, column).toEqual(orderOf(texts.map((t) => t[column]), key).map((p) => texts[p][column]))
    }
  })

  it('orders by Info in blocks of one kind of message, as every packet\'s key orders', () => {
    const files = [...corpusFiles().map((f) => join(corpusDir, f)), join(tempDir('fieldkit-sort'), 'rounds.pcap')]
    makeSyntheticCapture(files.at(-1)!, 2000)
    for (const path of files) {
      const { index } = indexCaptureFile(path)
      const all = Int32Array.from({ length: index.count }, (_, i) => i)
      for (const descending of [false, true]) {
        expect([...orderByInfo(index, all, descending)], path).toEqual([...orderByKey(all, textSortKey(index, 'info'), descending)])
      }
    }
  })

  it('sorts a capture\'s packet list by source address through the engine', async () => {
    const engine = testEngine()
    const capture = await openInEngine(engine, join(corpusDir, 'pcapplusplus__sll.pcap'))
    await loaded(engine, capture.id)
    const view = (await engine.dispatch('packets.view', { captureId: capture.id, filter: '', sort: 'source' })) as PacketView
    const page = (await engine.dispatch('packets.page', { captureId: capture.id, offset: 0, limit: 1000, viewId: view.viewId })) as { rows: PacketRow[] }
    expect(page.rows).toHaveLength(518)
    expect([...new Set(page.rows.map((r) => r.source))]).toEqual([
      '10.0.0.5', '10.0.0.8', '10.0.0.138', '127.0.0.1', '212.199.202.69', 'fe80::a00:27ff:fe19:1c78', '08:00:27:19:1c:78', '30:46:9a:23:fb:fa',
    ])
    engine.close()
  })
})
