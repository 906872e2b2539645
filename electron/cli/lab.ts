import { parseArgs } from 'node:util'
import { LabError, labDown, labStatus, labUp } from '../lab/lab'
import type { LabStatus } from '../contract/types'
import { lab } from '../lab/topology'

function show(status: LabStatus, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(status) + '\n')
    return
  }
  if (!status.up) {
    process.stdout.write(`Lab is down. ${status.problem ?? ''}\n`)
    return
  }
  process.stdout.write([
    'Lab is up.',
    `  client:        interface ${status.clientInterface} in namespace ${status.clientNamespace}`,
    `  server:        ${status.serverAddress} / ${status.serverAddress6} on ${status.serverInterface} in namespace ${status.serverNamespace}`,
    `  relay address: ${status.relayAddress} (giaddr for relayed tests)`,
    `  small pool:    relay address ${lab.smallPoolRelayAddress}: subnet ${lab.smallPoolSubnet}, pool ${lab.smallPool}`,
    `  Kea API:       ${status.controlAgentUrl}`,
    `  try:           sudo ip netns exec ${status.clientNamespace} dhclient -4 -1 -v -sf native/dhclient-vars.sh ${status.clientInterface}`,
    '',
  ].join('\n'))
}

export async function labCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true })
  const action = positionals[0] ?? 'status'
  try {
    if (action === 'up') show(await labUp(), values.json)
    else if (action === 'down') show(await labDown(), values.json)
    else if (action === 'status') show(labStatus(), values.json)
    else {
      process.stderr.write(`fieldkit: lab takes up, down or status, not "${action}"\n`)
      return 2
    }
    return 0
  } catch (error) {
    if (!(error instanceof LabError)) throw error
    process.stderr.write(`fieldkit: ${error.message}\n`)
    return 1
  }
}
