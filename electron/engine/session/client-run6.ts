// The DHCPv6 half of client.run: the contract's parameters as the DHCPv6 client's request, run on the helper with
// DHCPv6's capture filter. client-run.ts keeps the run's packets and result as it does DHCPv4's.
import type { CheckedParams } from '../../contract/methods'
import { runDhcp6Client, type Dhcp6ClientMode, type Dhcp6ClientResult } from '../client/dhcp6-client'
import { DHCP6_FILTER, openHelperLink } from '../client/helper-link'
import { dhcp6Arguments } from '../decode/dhcp6/option-arguments'

/** Runs the DHCPv6 client for `request` as `mac`; throws as runDhcp6Client does (EncodeError for bad options). */
export function runClient6(request: CheckedParams<'client.run'>, mac: string, signal: AbortSignal): Promise<Dhcp6ClientResult> {
  const { iface, relay, server } = request
  return runDhcp6Client({
    iface, mode: request.mode as Dhcp6ClientMode, mac, duidType: request.duidType, duid: request.duid, iaid: request.iaid, ia: request.ia,
    options: request.options?.map(dhcp6Arguments.parseOptionArgument), waitSeconds: request.wait, keepLease: request.keep, signal, server,
    ...(relay ? { relay: { linkAddress: relay, interfaceId: request.interfaceId, remoteId: request.remoteId } } : {}),
  }, (onPacket) => openHelperLink(iface, onPacket, DHCP6_FILTER))
}
