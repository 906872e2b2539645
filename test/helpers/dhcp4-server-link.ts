// A helper link (the test client's way onto the wire) with a stand-in DHCPv4 server behind it, for unit tests of the
// client's own logic: every frame sent comes back as the helper's capture gives it, a DISCOVER gets an OFFER of
// 192.0.2.10 and a REQUEST an ACK (or a NAK, with option 56 when a message is given). The lab tests use real Kea.
import { ethernetIpv4Udp } from '../../electron/engine/client/framing'
import type { HelperLink } from '../../electron/engine/client/helper-link'
import type { StreamPacket } from '../../electron/engine/client/pcap-stream'
import { encodeDhcp4Message } from '../../electron/engine/decode/dhcp4/encode-message'
import { encodeOptionText } from '../../electron/engine/decode/dhcp4/option-arguments'
import { decodeFrame } from '../../electron/engine/decode/frame'

export const STAND_IN_SERVER = '192.0.2.1'
export const STAND_IN_ADDRESS = '192.0.2.10'
const SERVER_MAC = '02:00:5e:00:00:01'

export function answeringLink(onPacket: (packet: StreamPacket) => void, server: { nak?: { message?: string } } = {}): HelperLink {
  const reply = (xid: number, chaddr: string, type: number) => {
    const said = type === 6 && server.nak?.message ? [encodeOptionText(56, server.nak.message)] : []
    const payload = encodeDhcp4Message({ op: 2, xid, chaddr, yiaddr: type === 6 ? '0.0.0.0' : STAND_IN_ADDRESS, options: [{ code: 53, bytes: [type] }, encodeOptionText(54, STAND_IN_SERVER), encodeOptionText(51, '600'), ...said] })
    onPacket({ timeMs: Date.now(), data: ethernetIpv4Udp(SERVER_MAC, chaddr, { sourceIp: STAND_IN_SERVER, destinationIp: STAND_IN_ADDRESS, sourcePort: 67, destinationPort: 68, payload }) })
  }
  return {
    send(frame) {
      onPacket({ timeMs: Date.now(), data: frame })
      const dhcp = decodeFrame(1, frame).dhcp
      if (dhcp?.family !== 4) return
      if (dhcp.type === 'DISCOVER') queueMicrotask(() => reply(dhcp.xid, dhcp.chaddr, 2))
      if (dhcp.type === 'REQUEST') queueMicrotask(() => reply(dhcp.xid, dhcp.chaddr, server.nak ? 6 : 5))
    },
    close: async () => {},
    failure: null,
  }
}
