// `fieldkit probe -6`: the built-in DHCPv6 test client from the command line, as `probe` is for DHCPv4. Prints the
// variables dhclient -6 would hand its script, as shell assignments or JSON; the packets and the servers that
// answered go to stderr; a TIMEOUT or a refusal exits non-zero with its sentence.
import { parseArgs } from 'node:util'
import { client6Modes, duidTypes, identityAssociations } from '../contract/methods'
import { duidFromHex } from '../engine/client/client-duid'
import { runDhcp6Client, succeeded6, type Dhcp6ClientMode, type Dhcp6ClientResult, type IdentityAssociation } from '../engine/client/dhcp6-client'
import { DHCP6_FILTER, openHelperLink } from '../engine/client/helper-link'
import { isLabInterface } from '../engine/client/lab-guard'
import { randomMac } from '../engine/client/random-mac'
import { dhcp6Arguments } from '../engine/decode/dhcp6/option-arguments'
import { EncodeError } from '../engine/decode/encode-values'
import { CaptureSourceError } from '../engine/live/source'
import { shellForm } from './probe'

const DEFAULT_WAIT_SECONDS = 10

function report(result: Dhcp6ClientResult): string {
  const lines = result.timeline.map((t) => `${(t.atMs / 1000).toFixed(3).padStart(8)} s  ${t.direction === 'sent' ? '→' : '←'} ${t.type.padEnd(9)} ${t.xid}  ${t.source} → ${t.destination}${t.linkAddress ? ` via ${t.linkAddress}` : ''}${t.latencyMs === null ? '' : `  (${t.latencyMs.toFixed(1)} ms)`}`)
  const servers = result.servers.map((s) => `server ${s.server} (${s.mac}, DUID ${s.serverId ?? '?'}): ${s.type} ${s.address} after ${s.latencyMs.toFixed(1)} ms${s.message ? `: ${s.message}` : ''}`)
  return [`client DUID ${result.duid}`, ...lines, ...servers, result.message].map((line) => `# ${line}\n`).join('')
}

/** --duid: a type the client builds from the MAC (llt, ll, en, uuid), or a DUID in hex. */
function duidChoice(text: string | undefined): { duidType?: (typeof duidTypes)[number]; duid?: string } {
  if (text === undefined) return {}
  if ((duidTypes as readonly string[]).includes(text)) return { duidType: text as (typeof duidTypes)[number] }
  duidFromHex(text)
  return { duid: text }
}

function iaChoice(text: string): IdentityAssociation[] {
  const kinds = text.split(',').map((kind) => kind.trim())
  const wrong = kinds.find((kind) => !(identityAssociations as readonly string[]).includes(kind))
  if (wrong !== undefined || kinds.length === 0) throw new EncodeError(`--ia is na, pd or na,pd, not "${text}"`)
  return [...new Set(kinds as IdentityAssociation[])]
}

export async function probe6Command(args: string[], fail: (message: string) => number): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      iface: { type: 'string' }, mode: { type: 'string', default: 'solicit' }, mac: { type: 'string' }, duid: { type: 'string' }, iaid: { type: 'string' },
      ia: { type: 'string', default: 'na' }, option: { type: 'string', multiple: true, default: [] }, wait: { type: 'string', default: String(DEFAULT_WAIT_SECONDS) },
      keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, server: { type: 'string' }, relay: { type: 'string' },
      'interface-id': { type: 'string' }, 'remote-id': { type: 'string' },
    },
  })
  if (!values.iface) return fail('probe -6 needs --iface IF, the interface to send on; see: npm run -s fieldkit -- help')
  if (!client6Modes.includes(values.mode as Dhcp6ClientMode)) return fail(`--mode is one of ${client6Modes.join(', ')} with -6, not "${values.mode}"`)
  if (values.iaid !== undefined && !/^\d+$/.test(values.iaid)) return fail(`--iaid is a whole number from 0 to 4294967295, not "${values.iaid}"`)
  if (!isLabInterface(values.iface)) process.stderr.write(`fieldkit: warning: ${values.iface} is not a lab interface: these DHCPv6 packets go to a real network\n`)
  try {
    const result = await runDhcp6Client({
      iface: values.iface, mode: values.mode as Dhcp6ClientMode, mac: values.mac ?? randomMac(), ...duidChoice(values.duid), ia: iaChoice(values.ia),
      ...(values.iaid !== undefined ? { iaid: Number(values.iaid) } : {}),
      options: values.option.map(dhcp6Arguments.parseOptionArgument), waitSeconds: Number(values.wait), keepLease: values.keep, server: values.server,
      ...(values.relay ? { relay: { linkAddress: values.relay, interfaceId: values['interface-id'], remoteId: values['remote-id'] } } : {}),
    }, (onPacket) => openHelperLink(values.iface!, onPacket, DHCP6_FILTER))
    const { packets, ...shown } = result
    process.stdout.write(values.json ? `${JSON.stringify({ ...shown, packets: packets.length })}\n` : shellForm(result.variables))
    process.stderr.write(report(result))
    if (succeeded6(result.reason)) return 0
    process.stderr.write(`fieldkit: ${result.reason}: ${result.message}\n`)
    return 1
  } catch (error) {
    if (error instanceof EncodeError || error instanceof CaptureSourceError) return fail(error.message)
    throw error
  }
}
