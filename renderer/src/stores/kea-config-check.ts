// "Check an edited configuration": a server's running configuration (secrets shown as *****) loaded into an
// editor, changed by the user, and sent to Kea's config-test with the review of the edit beside Kea's answer.
// Nothing here sets a configuration: kea.configTest only tests.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { KeaConfigTest, KeaDhcpService } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { parseJsonObject } from '../json-object'
import { latestRequest, stale } from '../latest-request'
import { useKeaConnectionsStore } from './kea-connections'

const message = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure))

export const useKeaConfigCheckStore = defineStore('keaConfigCheck', () => {
  const connections = useKeaConnectionsStore()
  const service = ref<KeaDhcpService>('dhcp4')
  const text = ref('')
  const loading = ref(false)
  const testing = ref(false)
  const result = shallowRef<KeaConfigTest | null>(null)
  const error = ref<string | null>(null)
  /** A configuration loaded for one connection and server, then another chosen: its answer is moot. */
  const loadingConfig = latestRequest()
  const testingConfig = latestRequest()

  const parsed = computed(() => parseJsonObject(text.value, `A configuration is a JSON object: { "${service.value === 'dhcp4' ? 'Dhcp4' : 'Dhcp6'}": { … } }.`))

  // The editor holds one server's configuration of one connection: another one chosen starts over.
  watch([() => connections.selectedId, service], () => {
    loadingConfig.cancel()
    testingConfig.cancel()
    loading.value = false
    testing.value = false
    text.value = ''
    result.value = null
    error.value = null
  })

  async function load() {
    const profileId = connections.selectedId
    if (!profileId) return
    loading.value = true
    error.value = null
    try {
      const config = await loadingConfig.run(() => bridge.call('kea.config', { profileId, service: service.value }))
      if (config === stale) return
      text.value = JSON.stringify(config, null, 2)
      result.value = null
      loading.value = false
    } catch (failure) {
      error.value = message(failure)
      loading.value = false
    }
  }

  async function check() {
    const profileId = connections.selectedId
    const config = parsed.value.value
    if (!profileId || !config) return
    testing.value = true
    error.value = null
    try {
      const answer = await testingConfig.run(() => bridge.call('kea.configTest', { profileId, service: service.value, config }))
      if (answer === stale) return
      result.value = answer
      testing.value = false
    } catch (failure) {
      result.value = null
      error.value = message(failure)
      testing.value = false
    }
  }

  return { service, text, loading, testing, result, error, parsed, load, check }
})
