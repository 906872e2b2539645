// renew-timer < rebind-timer < valid-lifetime, as RFC 2131 and 8415 mean T1 and T2: a client renews with its
// server at T1, asks any server at T2, and loses the address at the end of the lifetime. Kea refuses
// renew > rebind; it takes the others and then sends no T2 (or T1) the client can use. Checked at every level
// that sets one of the three, with what that level inherits, so a bad global is told once, not once per subnet.
import { asList, asNumber, asObject, rootKey, subnets, type Json } from './config-shape'
import type { Finding, ReviewRule } from './finding'

const names = ['renew-timer', 'rebind-timer', 'valid-lifetime'] as const
type Timers = Partial<Record<(typeof names)[number], number>>

function ownTimers(level: Json): Timers {
  return Object.fromEntries(names.map((n) => [n, asNumber(level[n])]).filter(([, v]) => v !== null))
}

function problems(timers: Timers, where: string, path: string): Finding[] {
  const { 'renew-timer': renew, 'rebind-timer': rebind, 'valid-lifetime': valid } = timers
  const finding = (severity: Finding['severity'], problem: string, fix: string): Finding => ({ severity, subject: where, path, problem, fix })
  const found: Finding[] = []
  if (renew !== undefined && rebind !== undefined && renew >= rebind) {
    found.push(finding('error', `In ${where} renew-timer (${renew} s) is not below rebind-timer (${rebind} s): clients would rebind before they renew${renew > rebind ? '; Kea refuses the configuration' : ''}.`,
      'Set renew-timer below rebind-timer: usually 50 % and 87.5 % of valid-lifetime (or set "calculate-tee-times": true and leave both out).'))
  }
  if (rebind !== undefined && valid !== undefined && rebind >= valid) {
    found.push(finding('warning', `In ${where} rebind-timer (${rebind} s) is not below valid-lifetime (${valid} s): Kea sends no rebind time and a client whose server is gone never asks another before its lease ends.`,
      `Set rebind-timer below valid-lifetime, e.g. ${Math.floor(valid * 0.875)} s (87.5 %).`))
  }
  if (renew !== undefined && valid !== undefined && renew >= valid) {
    found.push(finding('warning', `In ${where} renew-timer (${renew} s) is not below valid-lifetime (${valid} s): clients never renew and lose their address when the lease ends.`,
      `Set renew-timer below valid-lifetime, e.g. ${Math.floor(valid * 0.5)} s (50 %).`))
  }
  return found
}

export const renewRebindTimers: ReviewRule = {
  id: 'renew-rebind-timers',
  check(input) {
    const root = rootKey(input.service)
    const networks = asList(input.config['shared-networks']).map((n, j) => ({ level: asObject(n) ?? {}, path: `${root}.shared-networks[${j}]` }))
    const global = ownTimers(input.config)
    const found = problems(global, 'the global settings', root)
    for (const { level, path } of networks) {
      const own = ownTimers(level)
      if (Object.keys(own).length) found.push(...problems({ ...global, ...own }, `shared network ${String(level.name ?? path)}`, path))
    }
    for (const entry of subnets(input)) {
      const own = ownTimers(entry.subnet)
      if (Object.keys(own).length) found.push(...problems({ ...global, ...ownTimers(entry.network ?? {}), ...own }, entry.name, entry.path))
    }
    return found
  },
}
