// A reservation's address must lie in the subnet that holds it: Kea refuses one outside it; the fix names the
// subnet it belongs in. Prefix reservations (DHCPv6 PD) are exempt, as delegated prefixes need not be in the subnet.
import { addressRange, contains, type AddressRange } from './address-ranges'
import { asList, asObject, asText, prefixedSubnets } from './config-shape'
import type { ReviewRule } from './finding'

function reservedAddresses(reservation: Record<string, unknown>): string[] {
  const v4 = asText(reservation['ip-address'])
  return [...(v4 ? [v4] : []), ...asList(reservation['ip-addresses']).map(asText).filter((a): a is string => a !== null)]
}

export const reservationOutsideSubnet: ReviewRule = {
  id: 'reservation-outside-subnet',
  check(input) {
    const outside = (prefix: AddressRange, address: string) => {
      const range = addressRange(address)
      return range !== null && !contains(prefix, range)
    }
    return prefixedSubnets(input).flatMap((entry) => asList(entry.subnet.reservations).flatMap((r, i) => reservedAddresses(asObject(r) ?? {})
      .filter((address) => outside(entry.range, address))
      .map((address) => ({
        severity: 'error' as const,
        subject: `reservation ${address}`,
        path: `${entry.path}.reservations[${i}]`,
        problem: `The reservation for ${address} is in ${entry.name}, which does not contain it: Kea refuses the configuration.`,
        fix: `Reserve an address within ${entry.prefix}, or move the reservation to the subnet that contains ${address}.`,
      }))))
  },
}
