// The real dhclient as the app runs it (client.dhclient): a job the user can stop, whose packets become a capture of
// the session and whose run (reason, every script invocation, dhclient's output) is kept and listed beside the
// built-in client's. client.compare runs it and then the built-in client's DORA as the same client (the interface's
// MAC address, the host name dhclient sends), and sets their variables side by side.
import { hostname } from 'node:os'
import { methods, type CheckedParams } from '../../contract/methods'
import type { ClientComparison, ClientRunResult, ClientTimelineEntry } from '../../contract/types'
import { agree, compareVariables, PER_RUN_NOTE } from '../client/compare-variables'
import { iaidFor } from '../client/client-duid'
import { answeringServers, timeline } from '../client/dhcp4-client'
import { answeringServers as answeringServers6, timeline as timeline6 } from '../client/dhcp6-client'
import { DhclientRunError, machinesOwnLease, runDhclient, type DhclientRunResult } from '../client/dhclient-run'
import { Wire } from '../client/wire'
import type { Dhcp6Message } from '../decode/types'
import { ContractError } from '../errors'
import { Job } from '../jobs'
import { keepRunCapture, userError, type TestClient, type TestClientDeps } from './client-run'

/** The timeline and answering servers of a run, from its packets as the built-in clients read their own. */
function described(result: DhclientRunResult): Pick<ClientRunResult, 'timeline' | 'servers'> {
  const numbered = (entries: Omit<ClientTimelineEntry, 'frame'>[]) => entries.map((entry, i) => ({ frame: i + 1, ...entry }))
  if (result.family === 6) {
    const wire = new Wire<Dhcp6Message>(6)
    for (const packet of result.packets) wire.take(packet)
    return { timeline: numbered(timeline6(wire.seen)), servers: answeringServers6(wire.seen) }
  }
  const wire = new Wire()
  for (const packet of result.packets) wire.take(packet)
  return { timeline: numbered(timeline(wire.seen)), servers: answeringServers(wire.seen) }
}

/** What the built-in client sends to be dhclient's client: its host name (DHCPv4), its DUID-LL and IAID (DHCPv6). */
export function sameClient(family: 4 | 6, mac: string) {
  return family === 4 ? { family, mode: 'dora' as const, hostname: hostname() } : { family, mode: 'sarr' as const, duidType: 'll' as const, iaid: iaidFor(mac), ia: ['na' as const] }
}

export class DhclientRuns {
  private started = 0

  constructor(private readonly deps: TestClientDeps, private readonly builtin: TestClient) {}

  async run(request: CheckedParams<'client.dhclient'>): Promise<ClientRunResult> {
    const { iface, family } = request
    const refused = this.builtin.limiter.admit(iface)
    if (refused) throw new ContractError('bad-input', refused)
    const startedAt = new Date().toISOString()
    const stop = new AbortController()
    const jobId = `dhclient-run-${++this.started}`
    const job = new Job(jobId, `dhclient -${family} on ${iface}`, null, this.deps.emit, this.deps.jobs.register(jobId, () => stop.abort()))
    job.progress(0)
    let result: DhclientRunResult
    try {
      result = await runDhclient({ iface, family, prefixDelegation: request.prefixDelegation, keepLease: request.keep, timeoutSeconds: request.timeout, signal: stop.signal })
    } catch (error) {
      job.fail(error)
      throw error instanceof DhclientRunError ? new ContractError('bad-input', error.message) : userError(error)
    }
    const name = `dhclient -${family} on ${iface} ${startedAt.slice(0, 19).replace('T', ' ')}`
    const { captureId, sessionId } = await keepRunCapture(this.deps, { sessionId: request.sessionId, iface, name, packets: result.packets })
    const run: ClientRunResult = {
      captureId, sessionId, iface, mode: family === 4 ? 'dora' : 'sarr', family, mac: result.mac, startedAt, reason: result.reason, message: result.message, variables: result.variables,
      ...described(result), released: result.released, kind: 'dhclient',
      dhclient: { family, iface: result.iface, namespace: result.namespace, invocations: result.invocations, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode },
    }
    this.deps.store.save(run)
    this.deps.emit('sessions.changed', { sessionId })
    job.finish(result.packets.length)
    return run
  }

  /** dhclient, then the built-in client as the same client and in the same session; both leases released (not this machine's own). */
  async compare(request: CheckedParams<'client.compare'>): Promise<ClientComparison> {
    const { iface, timeout, family } = request
    const dhclient = await this.run({ sessionId: request.sessionId, iface, family, prefixDelegation: false, keep: false, timeout })
    const builtin = await this.builtin.run(methods['client.run'].params.parse({
      sessionId: dhclient.sessionId, iface, wait: Math.min(timeout, 30), mac: dhclient.mac, keep: machinesOwnLease(iface, family), ...sameClient(family, dhclient.mac),
    }))
    const rows = compareVariables(builtin.variables, dhclient.variables)
    return { builtin, dhclient, rows, agree: agree(rows), note: PER_RUN_NOTE }
  }
}
