// The status dashboard's data: each service's status for the selected connection, asked again while the dashboard
// is on screen (see polling.ts). A failure is the dashboard's to show, not the message bar's: it would repeat there
// at every refresh.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { KeaStatus } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { latestRequest, stale } from '../latest-request'
import { useKeaConnectionsStore } from './kea-connections'

export const useKeaStatusStore = defineStore('keaStatus', () => {
  const status = shallowRef<KeaStatus | null>(null)
  const error = ref<string | null>(null)
  /** The connection `status` and `error` are about. */
  const profileId = ref<string | null>(null)
  /** Another connection selected while one is being asked makes that answer moot. */
  const asking = latestRequest()

  async function refresh() {
    const id = useKeaConnectionsStore().selectedId
    if (id !== profileId.value) {
      profileId.value = id
      status.value = null
      error.value = null
    }
    if (!id) {
      asking.cancel()
      return
    }
    try {
      const answer = await asking.run(() => bridge.call('kea.status', { profileId: id }))
      if (answer === stale) return
      status.value = answer
      error.value = null
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure)
    }
  }

  return { status, error, profileId, refresh }
})
