// A pool must lie inside its subnet's prefix; Kea refuses such a configuration, so this says which pool before
// config-set does, with the subnet it must fit.
import { contains } from './address-ranges'
import { poolsOf, prefixedSubnets } from './config-shape'
import type { ReviewRule } from './finding'

export const poolOutsideSubnet: ReviewRule = {
  id: 'pool-outside-subnet',
  check(input) {
    return prefixedSubnets(input).flatMap((entry) => poolsOf(entry).filter((pool) => pool.range && !contains(entry.range, pool.range)).map((pool) => ({
      severity: 'error' as const,
      subject: `pool ${pool.text}`,
      path: pool.path,
      problem: `The pool ${pool.text} is not inside ${entry.name}: Kea refuses the configuration.`,
      fix: `Change the pool to addresses within ${entry.prefix}, or move it to the subnet it belongs to.`,
    })))
  },
}
