// The usual causes of a full pool, each checked against what was read and told with its countermeasure: a lease
// time too long for the pool, clients leaving without releasing, one client holding many leases, and addresses
// declined because another host uses them.
import type { KeaLeaseHolder, KeaPoolCause, KeaUsage } from '../../contract/types'
import { MIN_NEW_LEASES_PER_HOUR } from './review/lifetime-for-pool'

/** Fewer releases than this share of the leases given out: most clients leave without releasing. */
const FEW_RELEASES = 0.1

export interface PoolFacts {
  kind: KeaUsage['kind']
  total: number
  declined: number | null
  leaseTime: number | null
  releasesReceived: number | null
  /** Leases given out in the subnet since the server started (cumulative-assigned-*), when Kea counts them. */
  givenOut: number | null
  holders: KeaLeaseHolder[]
  /** Leases read to find the holders; null when they could not be read. */
  leasesRead: number | null
}

const things = (kind: KeaUsage['kind']) => (kind === 'pd' ? 'prefixes' : 'addresses')

function leaseTime(facts: PoolFacts): KeaPoolCause {
  if (facts.leaseTime === null || facts.leaseTime <= 0) {
    return { cause: 'lease-time', likely: false, found: 'The lease time could not be read (config-get gave no valid-lifetime for the subnet).', fix: 'Compare valid-lifetime with the pool size: a pool takes in at most its size / valid-lifetime new clients.' }
  }
  const perHour = facts.total * 3600 / facts.leaseTime
  const longest = Math.floor(facts.total * 3600 / MIN_NEW_LEASES_PER_HOUR)
  return {
    cause: 'lease-time', likely: perHour < MIN_NEW_LEASES_PER_HOUR,
    found: `Leases last ${facts.leaseTime} s: with ${facts.total} ${things(facts.kind)}, once full the subnet takes in about ${perHour < 10 ? perHour.toFixed(1) : Math.round(perHour)} new clients an hour, as leases expire.`,
    fix: `Shorten valid-lifetime for this subnet (${longest} s or less lets ${MIN_NEW_LEASES_PER_HOUR} new clients in an hour), or make its pools larger.`,
  }
}

function notReleasing(facts: PoolFacts): KeaPoolCause {
  const fix = 'Shorten the lease time so that the leases of departed clients expire sooner: clients that never release (most phones and laptops) cannot be made to.'
  if (facts.releasesReceived === null) return { cause: 'not-releasing', likely: false, found: 'The server does not count the releases it receives.', fix }
  const given = facts.givenOut
  const releases = `The server received ${facts.releasesReceived} release${facts.releasesReceived === 1 ? '' : 's'} since it started (all subnets)`
  if (given === null || given === 0) return { cause: 'not-releasing', likely: false, found: `${releases}; it does not say how many leases this subnet gave out.`, fix }
  const likely = facts.releasesReceived < given * FEW_RELEASES
  return {
    cause: 'not-releasing', likely,
    found: `${releases}, against ${given} leases this subnet gave out: ${likely ? 'most clients leave without releasing, so each address stays taken until its lease expires' : 'clients release their leases as they leave'}.`,
    fix,
  }
}

function manyLeases(facts: PoolFacts): KeaPoolCause {
  const fix = 'Find that client: a virtualization host or container bridge, a relay or access point that puts its own MAC in the requests, or a device that changes its client identifier at each boot. Reserve it what it needs, or match clients by MAC (match-client-id false).'
  if (facts.leasesRead === null) return { cause: 'many-leases', likely: false, found: 'The leases could not be read (see above).', fix }
  const top = facts.holders[0]
  if (!top || top.leases < 2) {
    return { cause: 'many-leases', likely: false, found: `No client holds more than one lease (${facts.leasesRead} lease${facts.leasesRead === 1 ? '' : 's'} read).`, fix }
  }
  const name = top.kind === 'mac' ? `MAC ${top.client}` : `DUID ${top.client}`
  return { cause: 'many-leases', likely: true, found: `${name} holds ${top.leases} of the ${facts.leasesRead} leases read (${top.addresses.join(', ')}${top.leases > top.addresses.length ? ', …' : ''}).`, fix }
}

function declined(facts: PoolFacts): KeaPoolCause | null {
  if (facts.kind === 'pd') return null
  const count = facts.declined ?? 0
  return {
    cause: 'declined', likely: count > 0,
    found: count > 0
      ? `${count} address${count === 1 ? ' is' : 'es are'} declined: clients found ${count === 1 ? 'it' : 'them'} in use by another host and refused ${count === 1 ? 'it' : 'them'}; Kea keeps declined addresses out of the pool for decline-probation-period (a day by default).`
      : 'No address is declined.',
    fix: 'Find the hosts using addresses of the pool without a lease (static addresses inside it) and move them out of the pool or reserve their addresses; then free the declined leases (lease4-del, or wait out decline-probation-period).',
  }
}

export function poolCauses(facts: PoolFacts): KeaPoolCause[] {
  return [leaseTime(facts), notReleasing(facts), manyLeases(facts), declined(facts)].filter((c): c is KeaPoolCause => c !== null)
}
