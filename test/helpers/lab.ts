import { execFileSync } from 'node:child_process'

function has(binary: string): boolean {
  try {
    execFileSync('which', [binary], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Why lab tests cannot run here, or null when they can (root, Linux, Kea and dhclient installed). */
export function labUnavailable(): string | null {
  if (process.platform !== 'linux') return 'lab tests need Linux network namespaces'
  if (process.getuid?.() !== 0) return 'lab tests need root (network namespaces); CI runs them as root'
  const missing = ['kea-dhcp4', 'kea-dhcp6', 'kea-ctrl-agent', 'dhclient', 'dumpcap', 'perfdhcp'].filter((b) => !has(b))
  return missing.length ? `lab tests need ${missing.join(', ')} (apt-get install kea-dhcp4-server kea-dhcp6-server kea-ctrl-agent isc-dhcp-client tshark)` : null
}
