// `fieldkit probe`: the built-in DHCPv4 test client from the command line. Prints the variables dhclient would hand
// its script, as shell assignments (sourceable) or JSON; the packets and the servers that answered go to stderr.
import { parseArgs } from 'node:util'
import { EncodeError } from '../engine/decode/dhcp4/encode-formats'
import { parseOptionArgument } from '../engine/decode/dhcp4/option-arguments'
import { clientModes } from '../contract/methods'
import { parseRequestList } from '../contract/request-list'
import { runDhcp4Client, succeeded, type Dhcp4ClientMode, type Dhcp4ClientResult } from '../engine/client/dhcp4-client'
import { shellAssignment } from '../engine/client/dhclient-vars'
import { openHelperLink } from '../engine/client/helper-link'
import { randomMac } from '../engine/client/random-mac'
import { isLabInterface } from '../engine/client/lab-guard'
import { CaptureSourceError } from '../engine/live/source'
import { probe6Command } from './probe6'

const DEFAULT_WAIT_SECONDS = 10

/** Variables as sourceable shell assignments, reason first. */
export function shellForm(variables: Record<string, string>): string {
  const { reason, ...rest } = variables
  return [shellAssignment('reason', reason), ...Object.keys(rest).sort().map((name) => shellAssignment(name, rest[name]))].join('\n') + '\n'
}

function report(result: Dhcp4ClientResult): string {
  const lines = result.timeline.map((t) => `${(t.atMs / 1000).toFixed(3).padStart(8)} s  ${t.direction === 'sent' ? '→' : '←'} ${t.type.padEnd(8)} ${t.xid}  ${t.source} → ${t.destination}${t.giaddr ? ` via ${t.giaddr}` : ''}${t.latencyMs === null ? '' : `  (${t.latencyMs.toFixed(1)} ms)`}`)
  const servers = result.servers.map((s) => `server ${s.server} (${s.mac}): ${s.type} ${s.address} after ${s.latencyMs.toFixed(1)} ms${s.message ? `: ${s.message}` : ''}`)
  return [...lines, ...servers, result.message].map((line) => `# ${line}\n`).join('')
}

export async function probeCommand(args: string[], fail: (message: string) => number): Promise<number> {
  if (args.includes('-6')) return probe6Command(args.filter((arg) => arg !== '-6'), fail)
  const { values } = parseArgs({
    args,
    options: {
      iface: { type: 'string' }, mode: { type: 'string', default: 'probe' }, mac: { type: 'string' }, 'client-id': { type: 'string' },
      hostname: { type: 'string' }, option: { type: 'string', multiple: true, default: [] }, wait: { type: 'string', default: String(DEFAULT_WAIT_SECONDS) },
      keep: { type: 'boolean', default: false }, count: { type: 'string', default: '1' }, json: { type: 'boolean', default: false },
      address: { type: 'string' }, server: { type: 'string' }, relay: { type: 'string' }, 'circuit-id': { type: 'string' }, 'remote-id': { type: 'string' },
      fqdn: { type: 'string' }, 'fqdn-no-update': { type: 'boolean', default: false }, 'vendor-class': { type: 'string' }, 'request-list': { type: 'string' },
      'requested-address': { type: 'string' }, broadcast: { type: 'boolean', default: false }, secs: { type: 'string' },
    },
  })
  if (!values.iface) return fail('probe needs --iface IF, the interface to send on; see: npm run -s fieldkit -- help')
  if (!clientModes.includes(values.mode as Dhcp4ClientMode)) return fail(`--mode is one of ${clientModes.join(', ')}, not "${values.mode}"`)
  const requestList = values['request-list'] === undefined ? undefined : parseRequestList(values['request-list'])
  if (requestList === null) return fail(`--request-list takes option codes separated by commas (1,3,6,15), or none, not "${values['request-list']}"`)
  if (values.secs !== undefined && !/^\d+$/.test(values.secs)) return fail(`--secs takes a whole number of seconds (0 to 65535), not "${values.secs}"`)
  if (values['fqdn-no-update'] && !values.fqdn) return fail('--fqdn-no-update goes with --fqdn NAME')
  if (!isLabInterface(values.iface)) process.stderr.write(`fieldkit: warning: ${values.iface} is not a lab interface: these DHCP packets go to a real network\n`)
  try {
    const result = await runDhcp4Client({
      iface: values.iface, mode: values.mode as Dhcp4ClientMode, mac: values.mac ?? randomMac(), clientId: values['client-id'], hostname: values.hostname,
      options: values.option.map(parseOptionArgument), waitSeconds: Number(values.wait), keepLease: values.keep, count: Number(values.count),
      address: values.address, server: values.server,
      fqdn: values.fqdn, fqdnServerUpdate: !values['fqdn-no-update'], vendorClass: values['vendor-class'], requestList,
      requestedAddress: values['requested-address'], broadcast: values.broadcast, secs: values.secs === undefined ? undefined : Number(values.secs),
      ...(values.relay ? { relay: { giaddr: values.relay, circuitId: values['circuit-id'], remoteId: values['remote-id'] } } : {}),
    }, (onPacket) => openHelperLink(values.iface!, onPacket))
    const { packets, ...shown } = result
    process.stdout.write(values.json ? `${JSON.stringify({ ...shown, packets: packets.length })}\n` : shellForm(result.variables))
    process.stderr.write(report(result))
    if (succeeded(result.reason)) return 0
    process.stderr.write(`fieldkit: ${result.reason}: ${result.message}\n`)
    return 1
  } catch (error) {
    if (error instanceof EncodeError || error instanceof CaptureSourceError) return fail(error.message)
    throw error
  }
}
