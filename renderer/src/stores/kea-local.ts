// Kea's services on the machine the app runs on, from keactrl and systemctl (kea.localServices): asked when the
// Status tab opens and when the user asks again; they do not depend on the connection selected.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { KeaLocalServices } from '../../../electron/contract/types'
import { bridge } from '../bridge'

export const useKeaLocalStore = defineStore('keaLocal', () => {
  const local = shallowRef<KeaLocalServices | null>(null)
  const error = ref<string | null>(null)
  const asking = ref(false)

  async function refresh() {
    asking.value = true
    try {
      local.value = await bridge.call('kea.localServices', {})
      error.value = null
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure)
    }
    asking.value = false
  }

  return { local, error, asking, refresh }
})
