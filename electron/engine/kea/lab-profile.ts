// The lab's connection, ready-made: its HTTPS Control Agent with the lab's certificates and public account.
// Built afresh from the lab's files each time, never saved: it exists while the lab is up.
import { readFileSync } from 'node:fs'
import type { KeaProfileInfo } from '../../contract/types'
import { labStatus } from '../../lab/lab'
import { labTls } from '../../lab/lab-tls'
import { controlAgentTlsUrl, lab } from '../../lab/topology'
import type { KeaConnection } from './kea-client'

export const LAB_PROFILE_ID = 'lab'

export interface ProfileConnection {
  info: KeaProfileInfo
  connection: KeaConnection
}

export function labProfile(): ProfileConnection | null {
  if (!labStatus().up) return null
  let pems: { ca: string; cert: string; key: string }
  try {
    pems = { ca: readFileSync(labTls.ca, 'utf8'), cert: readFileSync(labTls.clientCert, 'utf8'), key: readFileSync(labTls.clientKey, 'utf8') }
  } catch {
    return null
  }
  return {
    info: {
      id: LAB_PROFILE_ID, name: 'Kea lab', kind: 'http', url: controlAgentTlsUrl, socketPath: null, user: lab.apiUser, service: 'dhcp4',
      hasPassword: true, hasCa: true, hasClientCert: true, remembered: true, lab: true,
    },
    connection: { kind: 'http', url: controlAgentTlsUrl, user: lab.apiUser, password: lab.apiPassword, ...pems },
  }
}
