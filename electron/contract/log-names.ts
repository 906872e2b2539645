// The fixed names a Logs request may choose from: Kea's systemd units and the remote logs the app follows over SSH.
// Fixed lists, so nothing the page types reaches journalctl's or the remote shell's command line.

/** Kea's systemd units as the Debian/Ubuntu and ISC packages name them. */
export const KEA_UNITS = ['kea-dhcp4-server', 'kea-dhcp6-server', 'kea-ctrl-agent', 'kea-dhcp-ddns-server', 'isc-kea-dhcp4-server', 'isc-kea-dhcp6-server', 'isc-kea-ctrl-agent', 'isc-kea-dhcp-ddns-server', 'kea-dhcp4', 'kea-dhcp6', 'kea-dhcp-ddns'] as const
export type KeaUnit = (typeof KEA_UNITS)[number]

/** The remote logs offered: Kea's default file places, syslog, and its journald units. */
export const REMOTE_LOGS = [
  '/var/log/kea/kea-dhcp4.log', '/var/log/kea/kea-dhcp6.log', '/var/log/kea/kea-ctrl-agent.log', '/var/log/kea/kea-dhcp-ddns.log',
  '/var/log/kea-dhcp4.log', '/var/log/kea-dhcp6.log', '/var/log/syslog', '/var/log/messages',
  ...KEA_UNITS.map((unit) => `journal:${unit}` as const),
] as const
export type RemoteLog = (typeof REMOTE_LOGS)[number]

/** journalctl's own time forms: "2026-11-30 15:00:00", "2026-11-30", "yesterday", "-1h", "today". */
export const JOURNAL_TIME = /^(\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?|today|yesterday|now|-\d{1,6}(s|m|h|d|min|hours?|days?))$/
