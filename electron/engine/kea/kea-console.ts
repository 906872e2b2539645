// The command console, as kea-shell: any command to any service, its answer with the result code in words and
// what to do about it. Commands that change the server's state go only when the caller confirmed them.
import type { KeaCommandAnswer } from '../../contract/types'
import { serviceAbsence } from './api-shape'
import { sendCommand, type KeaConnection, type KeaService } from './kea-client'
import { KeaError } from './kea-error'
import { missingHookHint, resultMeaning } from './result-codes'
import { hiddenSecrets } from './restore-secrets'
import { requireConfirmation } from './state-changing'

export interface ConsoleCommand {
  command: string
  /** Through a Control Agent, the server it goes to; a server's own socket ignores it. */
  service?: KeaService
  arguments?: unknown
  confirmed: boolean
}

export async function runCommand(connection: KeaConnection, request: ConsoleCommand): Promise<KeaCommandAnswer> {
  requireConfirmation(request.command, request.confirmed)
  const hidden = request.command === 'config-set' ? hiddenSecrets(request.arguments) : []
  if (hidden.length) {
    throw new KeaError('setup', `config-set would make ***** the new secret at ${hidden.join(', ')}: apply the edit from the Review tab (or fieldkit kea apply), which keeps the running secrets, or type them.`)
  }
  const answer = await sendCommand(connection, request)
  const service = request.service && connection.kind === 'http' ? request.service : null
  const hint = missingHookHint(request.command, answer.result) ?? (service && serviceAbsence(service, answer)?.problem) ?? null
  return {
    command: request.command, service, result: answer.result, meaning: resultMeaning(answer.result),
    text: answer.text ?? null, arguments: answer.arguments ?? null, hint,
  }
}
