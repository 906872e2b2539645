// The status dashboard's data: each service's status for the selected connection, asked again while the dashboard
// is on screen (see polling.ts).
import { defineStore } from 'pinia'
import type { KeaStatus } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { connectionReading } from './connection-reading'

export const useKeaStatusStore = defineStore('keaStatus', () => {
  const reading = connectionReading<KeaStatus>((profileId) => bridge.call('kea.status', { profileId }))
  return { status: reading.value, error: reading.error, profileId: reading.profileId, refresh: () => reading.read() }
})
