// A service's status readings kept in the session, as the status history strip shows them: one cell per reading
// (up, down, or up again with another pid: a restart), and a sentence for the whole span.
import type { KeaStatusSample } from '../../electron/contract/types'

export type StripState = 'up' | 'down' | 'restart'

export interface StripCell {
  at: string
  state: StripState
  title: string
}

export function statusStrip(samples: readonly KeaStatusSample[]): StripCell[] {
  let lastPid: number | null = null
  return samples.map(({ at, status }) => {
    const restarted = status.up && lastPid !== null && status.pid !== null && status.pid !== lastPid
    if (status.up && status.pid !== null) lastPid = status.pid
    const state: StripState = !status.up ? 'down' : restarted ? 'restart' : 'up'
    const when = new Date(at).toLocaleString()
    const ha = (status.ha ?? []).map((h) => `, HA ${h.localState ?? '?'} (partner ${h.partnerState ?? '?'})`).join('')
    const title = state === 'down' ? `${when}: down${status.problem ? ` (${status.problem})` : ''}` : `${when}: ${state === 'restart' ? 'restarted, ' : 'up, '}pid ${status.pid ?? '?'}${status.version ? `, Kea ${status.version}` : ''}${ha}`
    return { at, state, title }
  })
}

/** "12 readings from 09:00 to 10:15: down twice, restarted once." */
export function stripSummary(cells: readonly StripCell[]): string {
  if (cells.length === 0) return 'No readings kept yet.'
  const time = (at: string) => new Date(at).toLocaleTimeString()
  const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`)
  // An outage is a run of down readings: counted once.
  const outages = cells.filter((c, i) => c.state === 'down' && cells[i - 1]?.state !== 'down').length
  const restarts = cells.filter((c) => c.state === 'restart').length
  const span = `${cells.length} reading${cells.length === 1 ? '' : 's'} from ${time(cells[0].at)} to ${time(cells[cells.length - 1].at)}`
  const events = [outages && `down ${times(outages)}`, restarts && `restarted ${times(restarts)}`].filter(Boolean)
  return `${span}: ${events.length ? events.join(', ') : 'up throughout'}.`
}
