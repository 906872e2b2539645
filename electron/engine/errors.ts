import type { ContractErrorShape } from '../contract/methods'

/** An error meant for the user: its message names the problem and the fix. */
export class ContractError extends Error {
  constructor(readonly code: ContractErrorShape['code'], message: string, readonly at?: ContractErrorShape['at'], readonly hostKey?: ContractErrorShape['hostKey']) {
    super(message)
    this.name = 'ContractError'
  }

  toJSON(): ContractErrorShape {
    return { code: this.code, message: this.message, ...(this.at && { at: this.at }), ...(this.hostKey && { hostKey: this.hostKey }) }
  }
}
