// Without a logger writing to a file or syslog the server's log goes to stdout or stderr only: kept by systemd's
// journal where systemd runs Kea, lost where keactrl or a container without log collection does.
import { asList, asObject, asText, rootKey } from './config-shape'
import type { ReviewRule } from './finding'

const keepsLog = (output: string) => output !== 'stdout' && output !== 'stderr'

function outputs(logger: unknown): string[] {
  const options = asObject(logger) ?? {}
  // Kea 2.x writes "output_options"; Kea ≥ 2.5 also takes "output-options".
  return [...asList(options.output_options), ...asList(options['output-options'])].map((o) => asText(asObject(o)?.output) ?? 'stdout')
}

export const loggerDestination: ReviewRule = {
  id: 'logger-destination',
  check(input) {
    if (asList(input.config.loggers).some((logger) => outputs(logger).some(keepsLog))) return []
    return [{
      severity: 'info',
      subject: 'loggers',
      path: `${rootKey(input.service)}.loggers`,
      problem: 'No logger writes to a file or syslog: the log goes only to stdout/stderr, and is lost unless the service manager keeps it (systemd\'s journal does; keactrl does not).',
      fix: `Add an output to the server's logger, e.g. "output_options": [{ "output": "/var/log/kea/kea-${input.service}.log", "maxsize": 10485760, "maxver": 8 }], or "output": "syslog".`,
    }]
  },
}
