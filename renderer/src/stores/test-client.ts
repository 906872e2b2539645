// The Test client view: its settings (remembered on this machine), the interfaces it may send on, the run under way,
// the run shown and the session's past runs. A run's packets are a capture of the session: a timeline entry opens
// there, in the packet view.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { duidTypes, identityAssociations, Params } from '../../../electron/contract/methods'
import type { CaptureInterfaceInfo, ClientRunResult } from '../../../electron/contract/types'
import { parseRequestList } from '../../../electron/contract/request-list'
import { bridge } from '../bridge'
import { EngineError } from '../bridge/types'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'
import { useSessionsStore } from './sessions'

export type ClientRunRequest = Params<'client.run'>

export interface ClientSettings {
  iface: string
  family: 4 | 6
  mode: ClientRunResult['mode']
  /** Empty: a random locally administered MAC for each run. */
  mac: string
  clientId: string
  hostname: string
  /** DHCPv4 option 81 and its S flag (the server updates DNS). */
  fqdn: string
  fqdnServerUpdate: boolean
  vendorClass: string
  /** Option codes separated by commas; empty: dhclient's list; "none": no option 55. */
  requestList: string
  /** Option 50 in the DISCOVER. */
  requestedAddress: string
  broadcast: boolean
  /** Empty: the run starts from 0. */
  secs: string
  /** Extra options, one a line, in the probe CLI's forms (60:str=fieldkit, 43=0104c0a80001). */
  options: string
  wait: number
  keep: boolean
  /** Empty: the run takes a lease by DORA first for renew, rebind, reboot, inform and release. */
  address: string
  /** The server to unicast to (a given address's, the relay's). */
  server: string
  /** Empty: not a relay; else the relay agent's giaddr. */
  relay: string
  circuitId: string
  remoteId: string
  /** DHCPv6: the DUID's type built from the MAC, or a DUID in hex (`duid`, which wins when given). */
  duidType: (typeof duidTypes)[number]
  duid: string
  /** Empty: dhclient's (the MAC's last four bytes). */
  iaid: string
  /** What a SARR asks for: addresses, a delegated prefix, both. */
  ia: (typeof identityAssociations)[number][]
  interfaceId: string
}

const SETTINGS_KEY = 'fieldkit.clientSettings'
/** The title the engine gives a run's job: its Stop is the job's. */
const JOB_TITLE = /^Test client /

function remembered(): Partial<ClientSettings> {
  try {
    return (JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null') as Partial<ClientSettings> | null) ?? {}
  } catch {
    return {}
  }
}

/** What client.run takes for these settings: fields left empty are not sent. */
export function clientRequest(settings: ClientSettings, sessionId: number | null): ClientRunRequest {
  const options = settings.options.split('\n').map((line) => line.trim()).filter(Boolean)
  const given = (text: string) => text.trim() || undefined
  if (settings.family === 6) return client6Request(settings, options, sessionId)
  const requestList = given(settings.requestList) && parseRequestList(settings.requestList)
  const address = settings.mode !== 'probe' && settings.mode !== 'dora' && settings.mode !== 'decline' ? given(settings.address) : undefined
  return {
    iface: settings.iface, mode: settings.mode, wait: settings.wait, keep: settings.keep,
    ...(given(settings.mac) && { mac: given(settings.mac) }),
    ...(given(settings.clientId) && { clientId: given(settings.clientId) }),
    ...(given(settings.hostname) && { hostname: given(settings.hostname) }),
    ...(given(settings.fqdn) && { fqdn: given(settings.fqdn), fqdnServerUpdate: settings.fqdnServerUpdate }),
    ...(given(settings.vendorClass) && { vendorClass: given(settings.vendorClass) }),
    ...(requestList && { requestList }),
    // A run on an address held sends no DISCOVER to carry option 50.
    ...(given(settings.requestedAddress) && !address && { requestedAddress: given(settings.requestedAddress) }),
    ...(settings.broadcast && { broadcast: true }),
    ...(/^\d+$/.test(settings.secs.trim()) && { secs: Number(settings.secs.trim()) }),
    ...(address && { address }),
    ...(given(settings.server) && { server: given(settings.server) }),
    ...(given(settings.relay) && { relay: given(settings.relay), circuitId: given(settings.circuitId), remoteId: given(settings.remoteId) }),
    ...(options.length && { options }),
    ...(sessionId !== null && { sessionId }),
  }
}

/** What in the DHCPv4 parameters cannot be sent as typed, in words; null when all can. */
export function parametersProblem(settings: ClientSettings): string | null {
  if (settings.family === 6) return null
  if (parseRequestList(settings.requestList) === null) return 'The request list takes option codes separated by commas (1,3,6,15), or none.'
  if (settings.secs.trim() !== '' && !/^\d+$/.test(settings.secs.trim())) return 'Secs is a whole number of seconds (0 to 65535).'
  return null
}

/** The DHCPv6 run: its own identity and relay fields, none of DHCPv4's. */
function client6Request(settings: ClientSettings, options: string[], sessionId: number | null): ClientRunRequest {
  const given = (text: string) => text.trim() || undefined
  return {
    family: 6, iface: settings.iface, mode: settings.mode, wait: settings.wait, keep: settings.keep, ia: settings.ia.length ? settings.ia : ['na'],
    ...(given(settings.mac) && { mac: given(settings.mac) }),
    ...(given(settings.duid) ? { duid: given(settings.duid) } : { duidType: settings.duidType }),
    ...(/^\d+$/.test(settings.iaid.trim()) && { iaid: Number(settings.iaid.trim()) }),
    ...(given(settings.server) && { server: given(settings.server) }),
    ...(given(settings.relay) && { relay: given(settings.relay), interfaceId: given(settings.interfaceId), remoteId: given(settings.remoteId) }),
    ...(options.length && { options }),
    ...(sessionId !== null && { sessionId }),
  }
}

/** The mode a family's form starts with when the user switches to it. */
export const FIRST_MODE = { 4: 'dora', 6: 'sarr' } as const

export const useTestClientStore = defineStore('testClient', () => {
  const settings = ref<ClientSettings>({ iface: '', family: 4, mode: 'dora', duidType: 'll', duid: '', iaid: '', ia: ['na'], interfaceId: '', mac: '', clientId: '', hostname: '', fqdn: '', fqdnServerUpdate: true, vendorClass: '', requestList: '', requestedAddress: '', broadcast: false, secs: '', options: '', wait: 5, keep: false, address: '', server: '', relay: '', circuitId: '', remoteId: '', ...remembered() })
  const interfaces = shallowRef<CaptureInterfaceInfo[] | null>(null)
  const running = ref(false)
  const shown = shallowRef<ClientRunResult | null>(null)
  const runs = shallowRef<ClientRunResult[]>([])

  watch(settings, (value) => localStorage.setItem(SETTINGS_KEY, JSON.stringify(value)), { deep: true })

  const chosen = computed(() => interfaces.value?.find((i) => i.name === settings.value.iface) ?? null)
  /** Sending here reaches a real network: the view asks first. */
  const outsideLab = computed(() => chosen.value !== null && !chosen.value.lab)
  const job = computed(() => Object.values(useAppStore().jobs).find((j) => j.state === 'running' && JOB_TITLE.test(j.title)) ?? null)

  async function load() {
    const app = useAppStore()
    try {
      const listed = (await bridge.call('capture.interfaces', {})).interfaces
      interfaces.value = listed
      if (!listed.some((i) => i.name === settings.value.iface)) {
        settings.value.iface = (listed.find((i) => i.lab) ?? listed.find((i) => i.up && !i.loopback) ?? listed[0])?.name ?? ''
      }
      await loadRuns()
    } catch (error) {
      app.report(error)
    }
  }

  /** The past runs of the session selected. */
  async function loadRuns() {
    const sessionId = useSessionsStore().currentId
    runs.value = sessionId === null ? [] : await bridge.call('client.runs', { sessionId })
    if (shown.value && shown.value.sessionId !== sessionId) shown.value = null
  }

  async function run() {
    const app = useAppStore()
    const sessions = useSessionsStore()
    app.message = null
    running.value = true
    try {
      const result = await bridge.call('client.run', clientRequest(settings.value, sessions.currentId))
      shown.value = result
      await sessions.load()
      await sessions.select(result.sessionId)
      await loadRuns()
    } catch (error) {
      // A Stop is the user's own doing: the job's end says so.
      if (!(error instanceof EngineError && error.code === 'cancelled')) app.report(error)
    } finally {
      running.value = false
    }
  }

  async function stop() {
    if (job.value) await useAppStore().stopJob(job.value.jobId)
  }

  /** Shows a packet of a run in the packet view: the run's capture, that frame selected. */
  async function openPacket(run: ClientRunResult, frame: number) {
    const app = useAppStore()
    const capture = useCaptureStore()
    try {
      const info = (await bridge.call('captures.list', { sessionId: run.sessionId })).find((c) => c.id === run.captureId)
      if (!info) throw new Error('That run\'s packets are no longer in the session (it may have been deleted); run the client again.')
      await useSessionsStore().select(run.sessionId)
      capture.show(info)
      app.view = 'capture'
      await capture.reveal(frame)
    } catch (error) {
      app.report(error)
    }
  }

  watch(() => useSessionsStore().currentId, () => void loadRuns().catch(useAppStore().report))

  return { settings, interfaces, running, shown, runs, chosen, outsideLab, job, load, loadRuns, run, stop, openPacket }
})
