// Applying an edited configuration: config-set (then config-write, when asked) of the edit, with the secrets the
// edit shows as ***** put back from the running configuration (restore-secrets.ts). The preview is the diff the
// user confirms; the engine sends nothing that changes the server without `confirmed`, whatever the page showed.
import type { KeaConfigApplied, KeaConfigPreview, KeaDhcpService } from '../../contract/types'
import { runningConfig, serverMap } from './config-review'
import { configDiff } from './config-diff'
import type { KeaConnection } from './kea-client'
import { runCommand } from './kea-console'
import { restoreSecrets } from './restore-secrets'
import type { Json } from './review/config-shape'
import { requireConfirmation } from './state-changing'

async function prepare(connection: KeaConnection, service: KeaDhcpService, edited: Json): Promise<{ config: Json; preview: KeaConfigPreview }> {
  serverMap(service, edited, 'apply')
  const running = await runningConfig(connection, service)
  const { config, restored } = restoreSecrets(edited, running)
  return { config, preview: { service, ...configDiff(running, edited), keptSecrets: restored } }
}

/** What applying the edit would change, for the confirmation: the diff against what runs now. Sends nothing. */
export async function previewConfig(connection: KeaConnection, service: KeaDhcpService, edited: Json): Promise<KeaConfigPreview> {
  return (await prepare(connection, service, edited)).preview
}

export async function applyConfig(connection: KeaConnection, service: KeaDhcpService, edited: Json, options: { write: boolean; confirmed: boolean }): Promise<KeaConfigApplied> {
  requireConfirmation('config-set', options.confirmed)
  const { config, preview } = await prepare(connection, service, edited)
  const set = await runCommand(connection, { command: 'config-set', service, arguments: config, confirmed: true })
  // A configuration Kea refused is not the one to write: the file keeps the running one.
  const written = options.write && set.result === 0 ? await runCommand(connection, { command: 'config-write', service, confirmed: true }) : null
  return { service, applied: set.result === 0, set, written, keptSecrets: preview.keptSecrets }
}
