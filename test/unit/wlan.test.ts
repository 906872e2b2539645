// Wi-Fi captures (monitor mode): DHCP inside 802.11 data frames behind a radiotap, PPI, Prism or AVS header, or bare
// (helpers/wifi-capture.ts builds them). tshark reads each file, and every field it shows must select the same
// frames with the same values here.
import { execFileSync } from 'node:child_process'
import { hasTshark, NO_TSHARK } from '../helpers/tshark'
import { describe, expect, it } from 'vitest'
import { decodeFrame } from '../../electron/engine/decode/frame'
import { FrameScan } from '../../electron/engine/decode/scan'
import { compileFilter, runFilter } from '../../electron/engine/filter/compile'
import { indexCaptureFile } from '../../electron/engine/index/index-file'
import { tempDir } from '../helpers/temp'
import { AMSDU_FRAME, frames, headers, writeWifiCapture } from '../helpers/wifi-capture'

const writeWifi = (name: string) => writeWifiCapture(name, tempDir('wlan'))

/** Wireshark is the reference these compare with: without it they cannot run (bash .ci/setup installs it). */

/** The fields compared with tshark's: the 802.11 layers', and DHCP's to show the payload was found. */
const FIELDS = [
  'dhcp.id', 'ip.src', 'udp.dstport', 'wlan', 'wlan.fc.type_subtype', 'wlan.fc', 'wlan.flags', 'wlan.ra', 'wlan.ta', 'wlan.da', 'wlan.sa', 'wlan.bssid',
  'wlan.seq', 'wlan.frag', 'wlan.fcs', 'wlan.duration', 'wlan.staa', 'wlan.qos', 'llc', 'llc.dsap', 'llc.ssap', 'llc.control', 'llc.oui', 'llc.type', 'radiotap', 'radiotap.version', 'radiotap.length', 'ppi.length', 'ppi.dlt',
]

/** tshark's values of `field` per frame (frames without it left out), as -T fields prints them. */
function tsharkValues(file: string, field: string): Map<number, string> {
  const out = execFileSync('tshark', ['-r', file, '-Y', `frame.number != ${AMSDU_FRAME}`, '-T', 'fields', '-E', 'occurrence=f', '-e', 'frame.number', '-e', field], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  return new Map(out.split('\n').filter(Boolean).map((line) => line.split('\t')).filter(([, v]) => v !== '').map(([frame, v]) => [Number(frame), v]))
}

describe('Wi-Fi captures', () => {
  it.each(Object.keys(headers))('finds DHCP in the data frames of a %s capture, and none in the others', (name) => {
    const file = writeWifi(name)
    const { index } = indexCaptureFile(file)
    const selected = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1)
    const dhcpFrames = frames.flatMap(({ xid }, k) => (xid === null ? [] : [k + 1]))
    expect(selected('dhcp.option.dhcp == 1')).toEqual(dhcpFrames)
    expect(selected('wlan.sa == 02:cc:00:00:00:02 and dhcp')).toEqual(dhcpFrames)
    const scan = new FrameScan()
    frames.forEach(({ xid }, k) => expect(scan.scan(headers[name].linkType, index.frame(k)).family, `frame ${k + 1}`).toBe(xid === null ? 0 : 4))
    // The tree names the layers, and their bytes are where the hex pane shows them.
    const tree = decodeFrame(headers[name].linkType, index.frame(1)).layers
    const wlan = tree.find((node) => node.key === 'wlan')!
    expect(wlan.label).toBe('IEEE 802.11 QoS Data')
    expect(wlan.children!.find((node) => node.key === 'wlan.bssid')?.value).toBe('02:aa:00:00:00:01')
    expect(tree.some((node) => node.key === 'dhcp')).toBe(true)
  })

  it.skipIf(!hasTshark).each(Object.keys(headers))(`selects with each field tshark shows in a %s capture the frames it shows it in, with its value${NO_TSHARK}`, (name) => {
    const file = writeWifi(name)
    const { index } = indexCaptureFile(file)
    const selected = (filter: string) => [...runFilter(index, compileFilter(filter))].map((i) => i + 1).filter((frame) => frame !== AMSDU_FRAME)
    for (const field of FIELDS) {
      const theirs = tsharkValues(file, field)
      expect(selected(field), field).toEqual([...theirs.keys()])
      for (const [frame, value] of theirs) {
        // Protocols print as their name; a value compares as itself.
        const test = /^\d+$|^0x[\da-f]+$|^[\da-f]{2}(:[\da-f]{2}){5}$|^[\d.]+$/.test(value) ? `${field} == ${value}` : field
        expect(selected(`frame.number == ${frame} and ${test}`), `${test} in frame ${frame}`).toEqual([frame])
      }
    }
  }, 60_000)
})
