// The status dashboard's data: each service's status for the selected connection, asked again while the dashboard
// is on screen (see polling.ts). Each reading is kept in the session open, if any, for the status history.
import { defineStore } from 'pinia'
import type { KeaStatus } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { connectionReading } from './connection-reading'
import { inSession, useKeaHistoryStore } from './kea-history'

export const useKeaStatusStore = defineStore('keaStatus', () => {
  const reading = connectionReading<KeaStatus>(
    (profileId) => bridge.call('kea.status', { profileId, ...inSession() }),
    () => void useKeaHistoryStore().refresh(),
  )
  return { status: reading.value, error: reading.error, profileId: reading.profileId, refresh: (fresh = false) => reading.read(fresh) }
})
