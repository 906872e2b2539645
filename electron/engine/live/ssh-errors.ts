// What went wrong on the way to a remote capture, in words: the connection, the host key, the login, and what the
// remote tcpdump/dumpcap/sudo said. Messages name the host and user but never a secret or the key's text.
import { CaptureSourceError } from './source'

/** Where a connection was going, for messages. */
export interface SshPlace {
  host: string
  port: number
  user: string
}

/** The host key was not accepted: unknown (`firstUse`, the UI asks whether to trust it) or different from the one on record. */
export class HostKeyError extends CaptureSourceError {
  constructor(
    readonly hostKey: { host: string; port: number; keyType: string; fingerprint: string; firstUse: boolean; knownFingerprints: string[] },
    message: string,
  ) {
    super('host-key', message)
    this.name = 'HostKeyError'
  }
}

/** ssh2's and Node's connection failures, told as the user can act on them. */
export function connectionError(error: Error & { level?: string; code?: string }, place: SshPlace, timeoutMs: number, usedPassword: boolean): CaptureSourceError {
  const where = `${place.host} port ${place.port}`
  if (error.level === 'client-authentication') {
    return new CaptureSourceError('auth', usedPassword
      ? `The server ${place.host} refused the password for user ${place.user}; check the user name and the password.`
      : `The server ${place.host} refused the key for user ${place.user}; add its public key to ~${place.user}/.ssh/authorized_keys there, or check the user name.`)
  }
  if (error.level === 'client-timeout' || error.code === 'ETIMEDOUT') {
    return new CaptureSourceError('unreachable', `${where} did not answer within ${Math.round(timeoutMs / 1000)} s; check the address, the port and any firewall in between.`)
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return new CaptureSourceError('unreachable', `Nothing accepts SSH connections on ${where} (connection refused); check the port and that sshd runs there.`)
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new CaptureSourceError('unreachable', `The host name ${place.host} could not be resolved; check its spelling, or use its address.`)
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new CaptureSourceError('unreachable', `${place.host} cannot be reached from this machine (no route to it); check the address and the network.`)
    case 'ECONNRESET':
    case 'EPIPE':
      return new CaptureSourceError('unreachable', `${where} closed the connection during the SSH handshake; check that this port is an SSH server and that it accepts this machine.`)
  }
  if (error.level === 'client-dns') return new CaptureSourceError('unreachable', `The host name ${place.host} could not be resolved; check its spelling, or use its address.`)
  if (error.level === 'handshake') return new CaptureSourceError('failed', `The SSH handshake with ${where} failed (${oneLine(error.message)}); the server may only offer algorithms this app does not support.`)
  return new CaptureSourceError('failed', `The SSH connection to ${where} failed: ${oneLine(error.message)}.`)
}

/** ssh2's complaint about the private key itself, before any connection. */
export function privateKeyError(error: Error): CaptureSourceError {
  if (/no passphrase given/i.test(error.message)) return new CaptureSourceError('auth', 'The private key is encrypted; enter its passphrase.')
  if (/bad passphrase|decrypt/i.test(error.message)) return new CaptureSourceError('auth', 'The passphrase does not unlock the private key; check it and try again.')
  return new CaptureSourceError('auth', 'The private key could not be read; paste the whole private key file (OpenSSH, PEM or PuTTY format), not the public key.')
}

/** No capture tool on the remote. */
export function noToolError(place: SshPlace): CaptureSourceError {
  return new CaptureSourceError('no-tool', `Neither tcpdump nor dumpcap is installed on ${place.host} (or in the PATH of ${place.user}); install the tcpdump package there (apt-get install tcpdump, or dnf install tcpdump).`)
}

/**
 * What a remote tcpdump, dumpcap or sudo printed before it gave up, classified. `stderr` is the tool's own
 * diagnostics; its telling line is quoted so the user sees libpcap's words.
 */
export function remoteCaptureError(stderr: string, exitCode: number | null, place: SshPlace, request: { iface: string; filter: string }): CaptureSourceError {
  const said = tellingLine(stderr)
  if (exitCode === 127 && !said) return noToolError(place)
  if (/^sudo:|sudoers|not allowed to execute|password is required|terminal is required/im.test(stderr) || /permission|not permitted|privileges/i.test(stderr)) {
    return new CaptureSourceError('no-rights', `User ${place.user} may not capture on ${place.host}${said ? ` (${said})` : ''}; connect as root, or give tcpdump capture rights there (setcap cap_net_raw,cap_net_admin+eip on it) or passwordless sudo for tcpdump.`)
  }
  if (/no such device|doesn't exist|there is no device|no such interface|unknown interface/i.test(stderr)) {
    return new CaptureSourceError('no-interface', `${place.host} has no interface named "${request.iface}"; pick one from its interface list.`)
  }
  if (/syntax error|parse filter|invalid capture filter|unknown host|illegal|not a valid|expression/i.test(stderr)) {
    return new CaptureSourceError('bad-filter', `The capture filter "${request.filter}" is not valid on ${place.host}: ${said ?? 'tcpdump refused it'}.`)
  }
  if (/not up/i.test(stderr)) return new CaptureSourceError('no-interface', `The interface "${request.iface}" on ${place.host} is down; bring it up (ip link set ${request.iface} up) or pick another.`)
  return new CaptureSourceError('failed', `The capture on ${place.host} stopped${exitCode === null ? '' : ` (exit status ${exitCode})`}${said ? `: ${said}` : ''}.`)
}

/** The last line that is a diagnostic (not a progress or statistics line), without the tool's name, bounded. */
function tellingLine(stderr: string): string | undefined {
  const lines = stderr.split(/\r?\n/).map(oneLine).filter((line) => line && !/^fieldkit-pid=|packets? (captured|received|dropped)|^Capturing on|^File:|^Packets|^See the User|^\(.*\)$/i.test(line))
  const last = lines.at(-1)
  return last?.replace(/^(tcpdump|dumpcap|sudo):\s*/i, '').replace(/\.$/, '')
}

/** Remote text as one printable line of bounded length: it goes into a sentence, not a terminal. */
export function oneLine(text: string): string {
  const printable = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim()
  return printable.length > 300 ? `${printable.slice(0, 300)}…` : printable
}
