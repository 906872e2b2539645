// The real dhclient in the Test client view: its settings (remembered on this machine), "Run real dhclient" and
// "Compare with dhclient". Both run on the interface the built-in client's form has chosen; their runs join the
// session's runs (the test client store lists and shows them), and a comparison is shown until another run is.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { ClientComparison, ClientRunResult } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { EngineError } from '../bridge/types'
import { useAppStore } from './app'
import { useSessionsStore } from './sessions'
import { useTestClientStore } from './test-client'

export interface DhclientSettings {
  family: 4 | 6
  /** DHCPv6: a delegated prefix (-P) instead of an address (-N). */
  prefixDelegation: boolean
  keep: boolean
  /** Seconds dhclient is given to get a lease. */
  timeout: number
}

const SETTINGS_KEY = 'fieldkit.dhclientSettings'
/** The titles the engine gives dhclient's jobs: Stop is the job's. */
const JOB_TITLE = /^dhclient -[46] on /

function remembered(): Partial<DhclientSettings> {
  try {
    return (JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as Partial<DhclientSettings> | null) ?? {}
  } catch {
    return {}
  }
}

export const useDhclientStore = defineStore('dhclientRuns', () => {
  const settings = ref<DhclientSettings>({ family: 4, prefixDelegation: false, keep: false, timeout: 30, ...remembered() })
  const running = ref<'dhclient' | 'compare' | null>(null)
  const comparison = shallowRef<ClientComparison | null>(null)

  watch(settings, (value) => localStorage.setItem(SETTINGS_KEY, JSON.stringify(value)), { deep: true })

  const job = computed(() => Object.values(useAppStore().jobs).find((j) => j.state === 'running' && JOB_TITLE.test(j.title)) ?? null)
  /** The comparison, while one of its runs is the run shown. */
  const shownComparison = computed(() => {
    const shown = useTestClientStore().shown
    const c = comparison.value
    return c && shown && (shown.captureId === c.dhclient.captureId || shown.captureId === c.builtin.captureId) ? c : null
  })

  /** Runs `call`, then shows `shown` of its result in its session. */
  async function perform<T>(what: 'dhclient' | 'compare', call: (sessionId: number | null) => Promise<T>, shown: (result: T) => ClientRunResult) {
    const app = useAppStore()
    const sessions = useSessionsStore()
    const client = useTestClientStore()
    app.message = null
    running.value = what
    try {
      const result = await call(sessions.currentId)
      const run = shown(result)
      client.shown = run
      await sessions.load()
      await sessions.select(run.sessionId)
      await client.loadRuns()
    } catch (error) {
      if (!(error instanceof EngineError && error.code === 'cancelled')) app.report(error)
    } finally {
      running.value = null
    }
  }

  function runDhclient() {
    const { family, prefixDelegation, keep, timeout } = settings.value
    const iface = useTestClientStore().settings.iface
    return perform('dhclient', (sessionId) => bridge.call('client.dhclient', { iface, family, prefixDelegation: family === 6 && prefixDelegation, keep, timeout, ...(sessionId !== null && { sessionId }) }), (run) => run)
  }

  function compare() {
    const iface = useTestClientStore().settings.iface
    return perform('compare', (sessionId) => bridge.call('client.compare', { iface, family: settings.value.family, timeout: settings.value.timeout, ...(sessionId !== null && { sessionId }) }), (result) => {
      comparison.value = result
      return result.dhclient
    })
  }

  async function stop() {
    const client = useTestClientStore()
    if (job.value) await useAppStore().stopJob(job.value.jobId)
    else if (client.job) await client.stop()
  }

  return { settings, running, comparison, shownComparison, job, runDhclient, compare, stop }
})
