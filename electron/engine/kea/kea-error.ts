// A Kea API failure told in words: what went wrong and what to do. `kind` lets callers (the test-connection
// report, the CLI's exit code) tell a dead port from a refused password without reading the sentence.
import type { KeaFailureKind } from '../../contract/types'

export class KeaError extends Error {
  constructor(readonly kind: KeaFailureKind, message: string) {
    super(message)
    this.name = 'KeaError'
  }
}
