// A lab test file's setting: the Kea lab up (left as it was found: others share it), and an engine of the file's own.
import { afterAll, beforeAll } from 'vitest'
import type { Engine } from '../../electron/engine/engine'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { testEngine } from './engine'

/** Registers the file's beforeAll/afterAll that bring the lab up, and take it down again only if it was down. */
export function useLab(): void {
  let labWasUp = false
  beforeAll(async () => {
    labWasUp = labStatus().up
    await labUp()
  })
  afterAll(async () => {
    if (!labWasUp) await labDown()
  })
}

/** The lab (useLab) and an engine of the file's own; call the result inside a test for the engine. */
export function labEngine(): () => Engine {
  useLab()
  let engine: Engine | undefined
  beforeAll(() => {
    engine = testEngine()
  })
  afterAll(() => engine?.close())
  return () => engine!
}

/** A command to one of the lab's Kea servers through its Control Agent: the first (only) answer. */
export async function labKea(service: 'dhcp4' | 'dhcp6', command: string, args: object): Promise<{ result: number; text?: string; arguments?: Record<string, unknown> }> {
  const response = await fetch(labStatus().controlAgentUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ command, service: [service], arguments: args }),
  })
  return ((await response.json()) as { result: number; text?: string; arguments?: Record<string, unknown> }[])[0]
}

/** Deletes the DHCPv4 leases the lab's Kea holds for these MACs (a test's own clients). */
export async function deleteLabLeases(macs: readonly string[]): Promise<void> {
  const held = await Promise.all(macs.map(async (mac) => ((await labKea('dhcp4', 'lease4-get-by-hw-address', { 'hw-address': mac })).arguments?.leases ?? []) as { 'ip-address': string }[]))
  for (const lease of held.flat()) await labKea('dhcp4', 'lease4-del', { 'ip-address': lease['ip-address'] })
}
