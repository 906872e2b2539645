// "Check an edited configuration": a server's running configuration (secrets shown as *****) loaded into an
// editor, changed by the user, and sent to Kea's config-test with the review of the edit beside Kea's answer.
// Apply (config-set, then config-write if chosen) and Reload (config-reload) go only after the user confirmed the
// diff between the running configuration and the edit (kea.configPreview); the engine refuses them unconfirmed.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { KeaCommandAnswer, KeaConfigPreview, KeaConfigTest, KeaDhcpService } from '../../../electron/contract/types'
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
  /** config-write after config-set, so the server's file keeps the change across restarts. */
  const write = ref(false)
  /** The change waiting for the user's confirmation, with the diff it is shown with. */
  const pending = shallowRef<{ action: 'apply' | 'reload'; preview: KeaConfigPreview } | null>(null)
  const preparing = ref(false)
  const applying = ref(false)
  /** Kea's answers to what was applied or reloaded last (config-set and config-write, or config-reload). */
  const applied = shallowRef<{ action: 'apply' | 'reload'; answers: KeaCommandAnswer[]; keptSecrets: string[] } | null>(null)
  /** A configuration loaded for one connection and server, then another chosen: its answer is moot. */
  const loadingConfig = latestRequest()
  const testingConfig = latestRequest()
  const previewing = latestRequest()

  const parsed = computed(() => parseJsonObject(text.value, `A configuration is a JSON object: { "${service.value === 'dhcp4' ? 'Dhcp4' : 'Dhcp6'}": { … } }.`))

  // The editor holds one server's configuration of one connection: another one chosen starts over.
  watch([() => connections.selectedId, service], () => {
    loadingConfig.cancel()
    testingConfig.cancel()
    previewing.cancel()
    preparing.value = false
    loading.value = false
    testing.value = false
    text.value = ''
    result.value = null
    error.value = null
    pending.value = null
    applied.value = null
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

  /** What a request about the edit names: the connection, the server and the parsed edit; null while one is missing. */
  function editTarget() {
    const profileId = connections.selectedId
    const config = parsed.value.value
    return profileId && config ? { profileId, service: service.value, config } : null
  }

  async function check() {
    const target = editTarget()
    if (!target) return
    testing.value = true
    error.value = null
    try {
      const answer = await testingConfig.run(() => bridge.call('kea.configTest', target))
      if (answer === stale) return
      result.value = answer
      testing.value = false
    } catch (failure) {
      result.value = null
      error.value = message(failure)
      testing.value = false
    }
  }

  /** Shows what Apply or Reload would change against the configuration running now; sends nothing. */
  async function ask(action: 'apply' | 'reload') {
    const target = editTarget()
    if (!target) return
    preparing.value = true
    error.value = null
    try {
      const preview = await previewing.run(() => bridge.call('kea.configPreview', target))
      if (preview === stale) return
      pending.value = { action, preview }
      preparing.value = false
    } catch (failure) {
      error.value = message(failure)
      preparing.value = false
    }
  }

  function cancelPending() {
    pending.value = null
  }

  async function confirmPending() {
    const change = pending.value
    const target = editTarget()
    pending.value = null
    if (!change || !target) return
    applying.value = true
    error.value = null
    try {
      if (change.action === 'apply') {
        const done = await bridge.call('kea.configApply', { ...target, write: write.value, confirmed: true })
        applied.value = { action: 'apply', answers: [done.set, ...(done.written ? [done.written] : [])], keptSecrets: done.keptSecrets }
      } else {
        const done = await bridge.call('kea.command', { profileId: target.profileId, service: target.service, command: 'config-reload', confirmed: true })
        applied.value = { action: 'reload', answers: [done], keptSecrets: [] }
      }
    } catch (failure) {
      applied.value = null
      error.value = message(failure)
    } finally {
      applying.value = false
    }
  }

  return {
    service, text, loading, testing, result, error, parsed, write, pending, preparing, applying, applied,
    load, check, ask, cancelPending, confirmPending,
  }
})
