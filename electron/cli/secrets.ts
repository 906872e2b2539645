// `fieldkit secrets status|check|forget`: browser mode's passphrase-protected secrets file from the command line.
// The passphrase comes from $FIELDKIT_SECRETS_PASSPHRASE, never an argument (arguments show in `ps` and history).
import { parseArgs } from 'node:util'
import type { SecretsState } from '../contract/types'
import { defaultDataDir } from '../engine/data-dir'
import { ContractError } from '../engine/errors'
import { BrowserSecretStore } from '../engine/secrets/browser-secret-store'

export const PASSPHRASE_VARIABLE = 'FIELDKIT_SECRETS_PASSPHRASE'
const USAGE = 'secrets status|check|forget [--yes] [--json]'

function describe(state: SecretsState): string {
  return state.kind === 'passphrase'
    ? 'Saved passwords and keys are in the passphrase-protected file (locked until its passphrase is given).'
    : 'No passphrase-protected file: browser mode keeps saved passwords and keys in memory until it quits.'
}

/** The store of `fieldkit serve`'s data folder, unlocked when $FIELDKIT_SECRETS_PASSPHRASE is set and a file exists. */
export async function commandLineSecrets(): Promise<BrowserSecretStore> {
  const secrets = new BrowserSecretStore(defaultDataDir())
  const passphrase = process.env[PASSPHRASE_VARIABLE]
  if (passphrase && secrets.state().kind === 'passphrase') await secrets.usePassphrase(passphrase)
  return secrets
}

export async function secretsCommand(args: string[], fail: (message: string) => number): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false } }, allowPositionals: true })
  const action = positionals[0] ?? 'status'
  const secrets = new BrowserSecretStore(defaultDataDir())
  const show = (state: SecretsState, text: string) => process.stdout.write(values.json ? `${JSON.stringify(state)}\n` : `${text}\n`)
  try {
    if (action === 'status') {
      show(secrets.state(), describe(secrets.state()))
      return 0
    }
    if (action === 'check') {
      if (secrets.state().kind !== 'passphrase') return fail('there is no passphrase-protected secrets file to check.')
      const passphrase = process.env[PASSPHRASE_VARIABLE]
      if (!passphrase) return fail(`give the passphrase in $${PASSPHRASE_VARIABLE} (never as an argument).`)
      show(await secrets.usePassphrase(passphrase), 'The passphrase opens the secrets file.')
      return 0
    }
    if (action === 'forget') {
      if (!values.yes) return fail('forget deletes the secrets file and every password and key in it: add --yes to confirm.')
      show(secrets.forget(), 'The secrets file is deleted: save the connections\' passwords and keys again.')
      return 0
    }
    return fail(`secrets takes status, check or forget, not "${action}": npm run -s fieldkit -- ${USAGE}`)
  } catch (error) {
    if (!(error instanceof ContractError)) throw error
    process.stderr.write(`fieldkit: ${error.message}\n`)
    return 1
  }
}
