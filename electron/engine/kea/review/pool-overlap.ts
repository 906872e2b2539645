// Pools that share addresses, within a subnet or across subnets: Kea refuses the first; the second lets two
// subnets hand out the same address.
import { overlaps } from './address-ranges'
import { poolsOf, subnets } from './config-shape'
import type { Finding, ReviewRule } from './finding'

export const poolOverlap: ReviewRule = {
  id: 'pool-overlap',
  check(input) {
    const pools = subnets(input).flatMap((entry) => poolsOf(entry).map((pool) => ({ pool, entry })))
    const findings: Finding[] = []
    pools.forEach((a, i) => pools.slice(i + 1).forEach((b) => {
      if (!a.pool.range || !b.pool.range || !overlaps(a.pool.range, b.pool.range)) return
      const sameSubnet = a.entry === b.entry
      findings.push({
        severity: 'error',
        subject: `pool ${b.pool.text}`,
        path: b.pool.path,
        problem: `The pool ${b.pool.text} overlaps the pool ${a.pool.text}${sameSubnet ? ` in the same ${a.entry.name}: Kea refuses the configuration` : ` of ${a.entry.name}: both subnets may hand out the same address`}.`,
        fix: 'Make the pools\' ranges disjoint (or merge them into one pool).',
      })
    }))
    return findings
  },
}
