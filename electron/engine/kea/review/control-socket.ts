// A server without a control socket cannot be reached by the API at all: no status, statistics, leases or reload
// without a restart. Kea 2.x names one "control-socket"; Kea 3 also takes a list, "control-sockets".
import { asList, asObject, rootKey } from './config-shape'
import type { ReviewRule } from './finding'

export const controlSocket: ReviewRule = {
  id: 'control-socket',
  check(input) {
    if (asObject(input.config['control-socket']) || asList(input.config['control-sockets']).length) return []
    const root = rootKey(input.service)
    return [{
      severity: 'warning',
      subject: 'control socket',
      path: `${root}.control-socket`,
      problem: `The ${input.service} server has no control socket: nothing can ask it for its status, statistics or leases, or reload it without a restart.`,
      fix: `Add "control-socket": { "socket-type": "unix", "socket-name": "/run/kea/kea-${input.service}-ctrl.sock" } to ${root} and list that socket in the Control Agent's "control-sockets".`,
    }]
  },
}
