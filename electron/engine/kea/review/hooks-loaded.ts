// lease_cmds and stat_cmds: without them the app (and any tool) cannot list leases or read utilization per subnet.
// Loaded means named in "hooks-libraries", or (for a running server) its commands answer.
import { hookFeatures, hookLibraryFile, reportedHooks } from '../result-codes'
import { asList, asObject, asText, rootKey } from './config-shape'
import type { ReviewRule } from './finding'

const needed = ['lease_cmds', 'stat_cmds']

export const hooksLoaded: ReviewRule = {
  id: 'hooks-loaded',
  check(input) {
    const libraries = asList(input.config['hooks-libraries']).map((h) => asText(asObject(h)?.library) ?? '')
    return reportedHooks.filter(({ hook }) => needed.includes(hook))
      .filter(({ hook, probe }) => !libraries.some((l) => l.endsWith(hookLibraryFile(hook))) && !input.commands?.includes(probe[input.service]))
      .map(({ hook }) => ({
        severity: 'warning' as const,
        subject: `hook ${hook}`,
        path: `${rootKey(input.service)}.hooks-libraries`,
        problem: `The ${hook} hook library is not loaded: no ${hookFeatures[hook]}.`,
        fix: `Add { "library": "/usr/lib/x86_64-linux-gnu/kea/hooks/${hookLibraryFile(hook)}" } to "hooks-libraries" (the folder differs by distribution: see where ${hookLibraryFile(hook)} is installed) and reload the configuration.`,
      }))
  },
}
