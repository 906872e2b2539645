// An SSH failure as it crosses the contract: the user's to fix (bad-input), with an unknown or changed host key
// attached so the page can show its fingerprint and ask to trust it.
import { ContractError } from '../errors'
import { HostKeyError } from './ssh-errors'
import { CaptureSourceError } from './source'

/** The ContractError to throw for `error`, or `error` itself when it is no SSH failure. */
export function sshContractError(error: unknown): unknown {
  if (error instanceof HostKeyError) {
    const { host, port, keyType, fingerprint, firstUse } = error.hostKey
    return new ContractError('bad-input', error.message, undefined, { host, port, keyType, fingerprint, firstUse })
  }
  if (error instanceof CaptureSourceError) return new ContractError('bad-input', error.message)
  return error
}
