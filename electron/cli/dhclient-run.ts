// `fieldkit dhclient-run`: the real ISC dhclient once, with the app's variables script and its own files (see
// engine/client/dhclient-run.ts). Prints the variables of the invocation that ended the run, as shell assignments or
// JSON; dhclient's output and the sequence of reasons go to stderr. --compare runs the built-in client after it as the
// same client and prints both clients' variables side by side.
import { hostname } from 'node:os'
import { parseArgs } from 'node:util'
import type { ClientVariableRow } from '../contract/types'
import { agree, compareVariables, PER_RUN_NOTE } from '../engine/client/compare-variables'
import { iaidFor } from '../engine/client/client-duid'
import { runDhcp4Client, succeeded, type Dhcp4Reason } from '../engine/client/dhcp4-client'
import { runDhcp6Client, succeeded6 } from '../engine/client/dhcp6-client'
import { DhclientRunError, dhclientSucceeded, machinesOwnLease, runDhclient, type DhclientRunResult } from '../engine/client/dhclient-run'
import { DHCP6_FILTER, openHelperLink } from '../engine/client/helper-link'
import { isLabInterface } from '../engine/client/lab-guard'
import { listCaptureInterfaces } from '../engine/live/interfaces'
import { CaptureSourceError } from '../engine/live/source'
import { shellForm } from './probe'

const DEFAULT_TIMEOUT_SECONDS = 30

function report(result: DhclientRunResult): string {
  const where = result.namespace ? `${result.iface} in namespace ${result.namespace}` : result.iface
  const lines = [
    `dhclient -${result.family} on ${where} (${result.mac}): ${result.invocations.map((v) => v.reason).join(' → ') || 'no script invocation'}`,
    `${result.packets.length} packets captured`, result.message,
  ]
  return `${result.stderr.trimEnd().split('\n').map((line) => `# dhclient: ${line}`).join('\n')}\n${lines.map((line) => `# ${line}\n`).join('')}`
}

const MARKS: Record<ClientVariableRow['verdict'], string> = { same: ' ', differs: '≠', 'per-run': '~', 'builtin-only': '<', 'dhclient-only': '>' }

function table(rows: ClientVariableRow[]): string {
  const width = Math.max(...rows.map((r) => r.name.length))
  const valueWidth = Math.max(8, ...rows.map((r) => (r.builtin ?? '').length))
  const header = `  ${'variable'.padEnd(width)}  ${'built-in'.padEnd(valueWidth)}  dhclient\n`
  return header + rows.map((r) => `${MARKS[r.verdict]} ${r.name.padEnd(width)}  ${(r.builtin ?? '—').padEnd(valueWidth)}  ${r.dhclient ?? '—'}\n`).join('')
}

export async function dhclientRunCommand(args: string[], fail: (message: string) => number): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      iface: { type: 'string' }, ipv6: { type: 'boolean', short: '6', default: false }, pd: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, compare: { type: 'boolean', default: false },
      timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_SECONDS) },
    },
  })
  const iface = values.iface
  if (!iface) return fail('dhclient-run needs --iface IF, the interface to run dhclient on (capture --list shows them)')
  if (!listCaptureInterfaces().some((known) => known.name === iface)) return fail(`there is no interface named "${iface}" on this machine: pick one from \`fieldkit capture --list\``)
  if (values.compare && (values.keep || values.pd)) return fail('--compare takes an address and releases both leases: leave out --keep and --pd')
  if (!isLabInterface(iface)) process.stderr.write(`fieldkit: warning: ${iface} is not a lab interface: dhclient's packets go to a real network\n`)
  const timeoutSeconds = Number(values.timeout)
  try {
    const result = await runDhclient({ iface, family: values.ipv6 ? 6 : 4, prefixDelegation: values.pd, keepLease: values.keep, timeoutSeconds })
    process.stderr.write(report(result))
    if (values.compare) return await compare(iface, result, timeoutSeconds, values.json)
    const { packets, ...shown } = result
    process.stdout.write(values.json ? `${JSON.stringify({ ...shown, packets: packets.length })}\n` : shellForm(result.variables))
    if (dhclientSucceeded(result.reason)) return 0
    process.stderr.write(`fieldkit: ${result.reason}: ${result.message}\n`)
    return 1
  } catch (error) {
    if (error instanceof DhclientRunError || error instanceof CaptureSourceError) return fail(error.message)
    throw error
  }
}

/** The built-in client as dhclient's client (DORA with its MAC and host name, or SARR with its DUID-LL and IAID). */
function runBuiltin(iface: string, dhclient: DhclientRunResult, waitSeconds: number): Promise<{ reason: string; message: string; variables: Record<string, string> }> {
  const { mac } = dhclient
  if (dhclient.family === 4) return runDhcp4Client({ iface, mode: 'dora', mac, hostname: hostname(), waitSeconds, keepLease: machinesOwnLease(iface, 4) }, (onPacket) => openHelperLink(iface, onPacket))
  return runDhcp6Client({ iface, mode: 'sarr', mac, duidType: 'll', iaid: iaidFor(mac), ia: ['na'], waitSeconds }, (onPacket) => openHelperLink(iface, onPacket, DHCP6_FILTER))
}

/** The built-in client's run as dhclient's client, and both clients' variables. */
async function compare(iface: string, dhclient: DhclientRunResult, timeoutSeconds: number, json: boolean): Promise<number> {
  const builtin = await runBuiltin(iface, dhclient, Math.min(timeoutSeconds, 30))
  const rows = compareVariables(builtin.variables, dhclient.variables)
  const same = agree(rows)
  if (json) process.stdout.write(`${JSON.stringify({ agree: same, note: PER_RUN_NOTE, rows, builtin: { reason: builtin.reason, message: builtin.message }, dhclient: { reason: dhclient.reason, message: dhclient.message } })}\n`)
  else process.stdout.write(`${table(rows)}# ≠ differs, ~ differs between any two runs, < only the built-in client, > only dhclient\n# ${PER_RUN_NOTE}\n`)
  if (!dhclientSucceeded(dhclient.reason) || !(succeeded(builtin.reason as Dhcp4Reason) || succeeded6(builtin.reason))) {
    process.stderr.write(`fieldkit: ${dhclientSucceeded(dhclient.reason) ? `the built-in client: ${builtin.reason}: ${builtin.message}` : `dhclient: ${dhclient.reason}: ${dhclient.message}`}\n`)
    return 1
  }
  if (same) return 0
  process.stderr.write(`fieldkit: the built-in client and dhclient disagree on ${rows.filter((r) => r.verdict === 'differs').map((r) => r.name).join(', ')}\n`)
  return 1
}
