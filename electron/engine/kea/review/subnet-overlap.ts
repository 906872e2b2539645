// Two subnets whose prefixes overlap: Kea picks one of them for a client by the interface or relay address, so the
// other's pools in the shared part are never used, or clients land in the wrong subnet with the wrong options.
import { overlaps } from './address-ranges'
import { prefixedSubnets } from './config-shape'
import type { Finding, ReviewRule } from './finding'

export const subnetOverlap: ReviewRule = {
  id: 'subnet-overlap',
  check(input) {
    const all = prefixedSubnets(input)
    const findings: Finding[] = []
    all.forEach((a, i) => all.slice(i + 1).forEach((b) => {
      if (!overlaps(a.range, b.range)) return
      findings.push({
        severity: 'error',
        subject: b.name,
        path: b.path,
        problem: `${b.name} overlaps ${a.name} (${a.path}): a client in the shared addresses is put in only one of them.`,
        fix: 'Give each subnet its own prefix; if both serve one link, make them one subnet, or a shared network of subnets that do not overlap.',
      })
    }))
    return findings
  },
}
