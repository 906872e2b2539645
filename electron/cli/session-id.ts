// The session ID the session subcommands take as their first word, as `session list` prints it.

/** The one session ID in `positionals`, or the sentence that says what `command` takes instead. */
export function oneSessionId(positionals: string[], command: string, usage: string): number | string {
  const sessionId = Number(positionals[0])
  if (positionals.length === 1 && Number.isInteger(sessionId) && sessionId >= 1) return sessionId
  return `${command} takes one session ID (a number, as session list prints it): npm run -s fieldkit -- ${usage}`
}
