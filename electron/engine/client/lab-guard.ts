// The test client's safety rules (issue 11, "Safety"): leases are cheap in the lab and costly on a real network.
import { lab } from '../../lab/topology'

/** At most this many leases in one run from a server that is not the lab's. */
export const MAX_LEASES_OUTSIDE_LAB = 5

export function isLabInterface(iface: string): boolean {
  return [lab.clientInterface, lab.serverInterface, lab.captureInterface, lab.clientPort, lab.serverPort].includes(iface as never)
}

/** The lab's own Kea answering on one of the lab's links. */
export function isLabServer(iface: string, server: string): boolean {
  return isLabInterface(iface) && server === lab.serverAddress
}
