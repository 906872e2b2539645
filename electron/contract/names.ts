// Runtime lists of the contract's names, free of zod so the sandboxed preload can check channels cheaply.
import type { EventName, MethodName } from './methods'

export const methodNames = [
  'app.info', 'sessions.list', 'sessions.create', 'sessions.rename', 'sessions.delete',
  'sessions.get', 'sessions.setTags', 'sessions.setNotes', 'sessions.duplicate', 'sessions.trash', 'sessions.restore', 'sessions.purge', 'sessions.open', 'sessions.startup', 'sessions.timeline',
  'sessions.snapshots', 'sessions.snapshot', 'kea.addConfigToSession', 'leases.addToSession', 'logs.addToSession',
  'captures.list', 'captures.open', 'captures.stats', 'captures.save', 'packets.page', 'packets.detail', 'packets.export',
  'packets.view', 'filters.check', 'filters.fields', 'filters.complete', 'filters.forField', 'transactions.page', 'lab.status', 'jobs.stop',
  'capture.interfaces', 'capture.start', 'capture.stop', 'secrets.state', 'secrets.usePassphrase', 'secrets.lock', 'secrets.forget', 'remote.hosts', 'remote.save', 'remote.delete', 'remote.interfaces',
  'kea.profiles', 'kea.saveProfile', 'kea.sockets', 'kea.deleteProfile', 'kea.test', 'kea.status', 'kea.command',
  'kea.review', 'kea.config', 'kea.configTest', 'kea.pools', 'kea.setThresholds', 'kea.history', 'kea.localServices',
  'kea.consoleHistory', 'kea.configPreview', 'kea.configApply',
  'client.run', 'client.runs', 'client.dhclient', 'client.compare',
  'leases.sources', 'leases.open', 'leases.tables', 'leases.remoteMemfiles', 'leases.history', 'leases.saveDatabase', 'leases.deleteDatabase', 'leases.close', 'leases.view', 'leases.page', 'leases.export', 'leases.change',
  'logs.sources', 'logs.open', 'logs.list', 'logs.close', 'logs.view', 'logs.page', 'logs.line', 'logs.forTransaction', 'logs.loggers', 'logs.buildLoggers', 'logs.applyLoggers',
  'clients.timeline',
  'bundle.estimate', 'bundle.export', 'bundle.verify', 'bundle.import', 'sessions.report', 'sessions.saveReportPdf',
] as const satisfies readonly MethodName[]

export const eventNames = ['job.progress', 'capture.updated', 'sessions.changed', 'app.command', 'files.offered', 'leases.updated', 'logs.updated'] as const satisfies readonly EventName[]

// Compile-time proof that the lists above are complete: a method added to the contract but not listed fails here.
type Unlisted = Exclude<MethodName, (typeof methodNames)[number]> | Exclude<EventName, (typeof eventNames)[number]>
export const namesAreComplete: [Unlisted] extends [never] ? true : never = true

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (methodNames as readonly string[]).includes(value)
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (eventNames as readonly string[]).includes(value)
}
