// Pool utilization of the selected connection: each subnet's reading with its level, projection and samples (the
// engine adds a sample at each call and keeps them in the session open, else for the run), asked again while the Kea view is on screen (see
// polling.ts) so the alert banner and notifications follow the pools on every tab.
import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { KeaDhcpService, KeaPools, KeaThresholds } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { crossings } from '../kea-pool-levels'
import { useAppStore } from './app'
import { connectionReading } from './connection-reading'
import { inSession, useKeaHistoryStore } from './kea-history'
import { useKeaPoolAlertsStore } from './kea-pool-alerts'

export const useKeaPoolsStore = defineStore('keaPools', () => {
  const reading = connectionReading<KeaPools>(
    (profileId) => bridge.call('kea.pools', { profileId, ...inSession() }),
    (answer, before) => {
      useKeaPoolAlertsStore().notify(crossings(before?.subnets ?? null, answer.subnets))
      void useKeaHistoryStore().refresh()
    },
  )
  const { value: pools, error, profileId } = reading
  /** `fresh`: drop what is shown first (another session: its own samples, not the last one's). */
  const refresh = (fresh = false) => reading.read(fresh)

  /** The subnets at warn or critical in the last reading: the banner's subject. */
  const alerting = computed(() => pools.value?.subnets.filter((s) => s.level !== 'ok') ?? [])

  /** A subnet's thresholds (null: back to the defaults), shown at once by a fresh reading; a refusal is reported. */
  async function setThresholds(service: KeaDhcpService, subnetId: number, thresholds: KeaThresholds | null): Promise<boolean> {
    const id = profileId.value
    if (!id) return false
    try {
      await bridge.call('kea.setThresholds', { profileId: id, service, subnetId, thresholds })
    } catch (failure) {
      useAppStore().report(failure)
      return false
    }
    await refresh()
    return true
  }

  return { pools, error, profileId, alerting, refresh, setThresholds }
})
