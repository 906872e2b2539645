// kea.localServices: Kea's services on the machine the app runs on, as keactrl and systemctl tell them (where the
// app runs on the Kea server itself). Both are asked; each part says in words why it has nothing.
import type { KeaLocalServices } from '../../../contract/types'
import { keactrlStatus } from './keactrl'
import { systemdStatus } from './systemctl'

export async function localKeaServices(): Promise<KeaLocalServices> {
  const [keactrl, systemd] = await Promise.all([keactrlStatus(), systemdStatus()])
  return { keactrl, systemd, checkedAt: new Date().toISOString() }
}
