// Live capture: where to capture (this machine, or a saved SSH host: see remote-hosts.ts), the interfaces and
// backends offered there, the settings of the Capture panel (the last ones used, and the last capture filters, are
// remembered on this machine), and starting, stopping and restarting.
// A live capture is shown by the capture store like any capture; this store says when one ends badly, and follows a
// ring buffer from part to part (each part is a capture of its own).
import { defineStore } from 'pinia'
import { ref, shallowReactive, shallowRef, watch } from 'vue'
import type { Params } from '../../../electron/contract/methods'
import type { CaptureBackend, CaptureInfo, CaptureInterfaceInfo, CaptureInterfaces, LiveCaptureInfo } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'
import { useRemoteHostsStore } from './remote-hosts'
import { useSessionsStore } from './sessions'

export type CaptureStart = Params<'capture.start'>

export interface CaptureSettings {
  /** The saved SSH host to capture on; null: this machine. */
  hostId: string | null
  /** On the host chosen: an interface of this machine, or one the remote host listed. */
  iface: string
  filter: string
  /** This machine's capturing program; a remote host uses its own tcpdump or dumpcap. */
  backend: CaptureBackend | null
  /** Empty: no such limit. */
  stopAfter: { packets: number | null; seconds: number | null; megabytes: number | null }
  /** Keep the last `files` parts of `megabytes` each (as dumpcap -b); both empty: one capture, never cut. */
  ring: { files: number | null; megabytes: number | null }
}

/** A live capture's part of a ring buffer: its record says which part it is and of what ring. */
export type RingPart = CaptureInfo & { live: LiveCaptureInfo & { ring: NonNullable<LiveCaptureInfo['ring']> } }

const SETTINGS_KEY = 'fieldkit.captureSettings'
const FILTERS_KEY = 'fieldkit.captureFilters'
const RECENT_FILTERS = 10

function remembered<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback
  } catch {
    return fallback
  }
}

function noLimits(): CaptureSettings['stopAfter'] {
  return { packets: null, seconds: null, megabytes: null }
}

/** What the engine takes for a ring buffer (capture.start's `ring`). */
const RING_FILES = { min: 2, max: 1000 }
const RING_MEGABYTES = { min: 1, max: 100_000 }

/** Why the ring buffer asked for cannot be started; null when it can, or when none is asked for (both empty). */
export function ringProblem({ files, megabytes }: CaptureSettings['ring']): string | null {
  if (files === null && megabytes === null) return null
  if (files === null || !Number.isInteger(files) || files < RING_FILES.min || files > RING_FILES.max) {
    return `A ring buffer keeps ${RING_FILES.min} to ${RING_FILES.max} files (leave both empty for none).`
  }
  if (megabytes === null || megabytes < RING_MEGABYTES.min || megabytes > RING_MEGABYTES.max) {
    return `Each file of a ring buffer holds ${RING_MEGABYTES.min} to ${RING_MEGABYTES.max.toLocaleString()} MB (leave both empty for none).`
  }
  return null
}

export function isRingPart(info: CaptureInfo | null | undefined): info is RingPart {
  return !!info?.live?.ring
}

/** One live capture however many parts it was cut into: the parts of a ring buffer share their session and start. */
function runOf(info: CaptureInfo): string {
  return `${info.sessionId} ${info.live?.startedAt ?? ''}`
}

/** A part the ring turned past: no limit was reached there, the capture goes on in the next part. */
function continued(info: RingPart): boolean {
  return info.live.ring.continuedIn !== undefined
}

/** The request for these settings: limits left empty are not sent; a packet count is whole. */
export function startRequest(settings: CaptureSettings, sessionId: number | null): CaptureStart {
  const { packets, seconds, megabytes } = settings.stopAfter
  const stopAfter: NonNullable<CaptureStart['stopAfter']> = {
    ...(packets !== null && packets >= 1 ? { packets: Math.floor(packets) } : {}),
    ...(seconds !== null && seconds > 0 ? { seconds } : {}),
    ...(megabytes !== null && megabytes > 0 ? { megabytes } : {}),
  }
  return {
    iface: settings.iface,
    filter: settings.filter.trim(),
    ...(settings.hostId !== null ? { remote: { hostId: settings.hostId } } : settings.backend ? { backend: settings.backend } : {}),
    ...(Object.keys(stopAfter).length ? { stopAfter } : {}),
    ...(settings.ring.files !== null && settings.ring.megabytes !== null ? { ring: { files: settings.ring.files, megabytes: settings.ring.megabytes } } : {}),
    ...(sessionId !== null ? { sessionId } : {}),
  }
}

export const useLiveCaptureStore = defineStore('liveCapture', () => {
  const available = shallowRef<CaptureInterfaces | null>(null)
  const panelOpen = ref(false)
  const starting = ref(false)
  const settings = ref<CaptureSettings>({
    hostId: null, iface: '', filter: '', backend: null, stopAfter: noLimits(), ring: { files: null, megabytes: null },
    ...remembered<Partial<CaptureSettings>>(SETTINGS_KEY, {}),
  })
  /** The capture filters used last, newest first. */
  const recentFilters = ref<string[]>(remembered<string[]>(FILTERS_KEY, []).filter((f) => typeof f === 'string').slice(0, RECENT_FILTERS))
  /**
   * What each capture started here was started with (by runOf: every part of a ring buffer), for Restart: a
   * capture's own record names a remote host only as user@host, not the saved host Restart needs. Reactive, as it
   * decides whether an SSH capture offers Restart.
   */
  const startedWith = shallowReactive(new Map<string, CaptureStart>())
  /** The newest part heard of each ring buffer (by runOf), for the bar of an older part to point to. */
  const newestParts = shallowReactive(new Map<string, RingPart>())
  /** Captures whose end (failure, or a limit reached) was already told. */
  const told = new Set<number>()

  watch(settings, (value) => localStorage.setItem(SETTINGS_KEY, JSON.stringify(value)), { deep: true })
  watch(recentFilters, (value) => localStorage.setItem(FILTERS_KEY, JSON.stringify(value)))

  bridge.on('capture.updated', (info) => {
    tellEnd(info)
    if (isRingPart(info)) ringPart(info)
  })

  /** Opens the Capture panel with the interfaces as they are now, on this machine or on the host chosen last. */
  /** A new attempt in the panel: the message of the last one no longer applies (it would sit above the next answer). */
  function freshAttempt() {
    useAppStore().message = null
  }

  async function openPanel() {
    const remote = useRemoteHostsStore()
    freshAttempt()
    panelOpen.value = true
    await Promise.all([loadInterfaces(), remote.load()])
    const { hostId } = settings.value
    if (hostId === null) return
    // A host deleted meanwhile (in another window) leaves this machine.
    await (remote.hosts.some((h) => h.id === hostId) ? connect(hostId) : captureOn(null))
  }

  /** Lists the interfaces again where the capture would run. */
  async function refresh() {
    const { hostId } = settings.value
    await (hostId === null ? loadInterfaces() : connect(hostId))
  }

  /** Capture on this machine (null) or on a saved host. */
  async function captureOn(hostId: string | null) {
    freshAttempt()
    settings.value.hostId = hostId
    if (hostId !== null) {
      await connect(hostId)
      return
    }
    useRemoteHostsStore().forget()
    if (available.value) pickInterface(available.value.interfaces)
    else await loadInterfaces()
  }

  async function connect(hostId: string) {
    const interfaces = await useRemoteHostsStore().connect(hostId)
    if (interfaces) pickInterface(interfaces)
  }

  /** The user trusts the host key the panel showed: connect with it. */
  async function trustHostKey() {
    freshAttempt()
    const interfaces = await useRemoteHostsStore().trust()
    if (interfaces) pickInterface(interfaces)
  }

  /** Forgets a saved host (and its secret); capturing here again if it was the one chosen. */
  async function deleteHost(hostId: string) {
    await useRemoteHostsStore().remove(hostId)
    if (settings.value.hostId === hostId) await captureOn(null)
  }

  async function loadInterfaces() {
    try {
      const answer = await bridge.call('capture.interfaces', {})
      available.value = answer
      const chosen = settings.value
      if (chosen.hostId === null) pickInterface(answer.interfaces)
      if (!answer.backends.some((b) => b.backend === chosen.backend && b.usable)) chosen.backend = answer.defaultBackend
      if (chosen.filter.trim() === '') chosen.filter = answer.defaultFilter
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Keeps the interface chosen if it is listed; else the lab's, else the first that is up and not loopback. */
  function pickInterface(interfaces: CaptureInterfaceInfo[]) {
    const chosen = settings.value
    if (interfaces.some((i) => i.name === chosen.iface)) return
    chosen.iface = (interfaces.find((i) => i.lab) ?? interfaces.find((i) => i.up && !i.loopback) ?? interfaces[0])?.name ?? ''
  }

  /** Starts a capture with the panel's settings into the current session (a new one when none is). */
  async function startFromPanel() {
    freshAttempt()
    const request = startRequest(settings.value, useSessionsStore().currentId)
    if (await start(request)) panelOpen.value = false
  }

  /** Starts a capture and shows it; false when it could not start (the app's message says why). */
  async function start(request: CaptureStart): Promise<boolean> {
    const app = useAppStore()
    const capture = useCaptureStore()
    const sessions = useSessionsStore()
    starting.value = true
    try {
      const info = await bridge.call('capture.start', request)
      // Adopt the capture before awaiting anything else, so none of its updates is missed.
      startedWith.set(runOf(info), request)
      capture.show(info)
      app.view = 'capture'
      remember(request.filter)
      tellEnd(capture.capture ?? info)
      await sessions.load()
      await sessions.select(info.sessionId)
      return true
    } catch (error) {
      app.report(error)
      return false
    } finally {
      starting.value = false
    }
  }

  async function stop(captureId: number) {
    try {
      useCaptureStore().receive(await bridge.call('capture.stop', { captureId }))
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Whether Restart knows how: a remote capture only when it was started in this window (see startedWith). */
  function canRestart(info: CaptureInfo): boolean {
    return !!info.live && (info.live.backend !== 'ssh' || startedWith.has(runOf(info)))
  }

  /**
   * Stops the capture if it still runs (from any of its parts), then starts one with the same settings (a new ring
   * buffer of the same size) into the same session.
   */
  async function restart(info: CaptureInfo) {
    const live = info.live
    if (!live) return
    const ring = live.ring && { files: live.ring.files, megabytes: live.ring.megabytes }
    const request = startedWith.get(runOf(info))
      ?? (live.backend === 'ssh' ? null : { iface: live.iface, filter: live.filter, backend: live.backend, ...(live.stopAfter && { stopAfter: live.stopAfter }), ...(ring && { ring }) })
    if (!request) return
    if (info.status === 'capturing' || (isRingPart(info) && newerPart(info)?.status === 'capturing')) await stop(info.id)
    await start({ ...request, sessionId: info.sessionId })
  }

  /** The newest part of this part's ring buffer when it is a later one (the capture went on there); else null. */
  function newerPart(info: RingPart): RingPart | null {
    const newest = newestParts.get(runOf(info))
    return newest && newest.live.ring.part > info.live.ring.part ? newest : null
  }

  /**
   * Notes a ring buffer's newest part. When it has just begun and the user follows the part before it (the one that
   * filled up), it is shown in its place, so the list keeps following the packets as they come; someone who scrolled
   * away, or looks at an older part, stays there (the bar points to the newest part).
   */
  function ringPart(info: RingPart) {
    const run = runOf(info)
    const known = newestParts.get(run)
    if (known && known.live.ring.part > info.live.ring.part) return
    newestParts.set(run, info)
    const capture = useCaptureStore()
    const shown = capture.capture
    if (known?.id === info.id || !capture.following || !isRingPart(shown) || runOf(shown) !== run) return
    if (shown.live.ring.part === info.live.ring.part - 1) void showPart(info)
  }

  /** Shows another part of the ring buffer on screen, with the same display filter and sort. */
  async function showPart(info: RingPart) {
    await useCaptureStore().showInPlace(info).catch(useAppStore().report)
  }

  function remember(filter: string) {
    if (filter === '') return
    recentFilters.value = [filter, ...recentFilters.value.filter((f) => f !== filter)].slice(0, RECENT_FILTERS)
  }

  /** Says once why a live capture ended by itself: its error when it failed or died, or the limit it reached. */
  function tellEnd(info: CaptureInfo) {
    const live = info.live
    if (!live || info.status === 'capturing' || info.status === 'loading' || told.has(info.id)) return
    if (isRingPart(info) && continued(info)) return
    const problem = info.error ?? (info.status === 'failed' ? live.ended ?? `The capture on ${live.iface} failed.` : null)
    if (problem === null && !live.ended) return
    told.add(info.id)
    // A capture that died after it got going keeps its packets: the message says why it stopped early.
    const text = problem === null ? `The capture on ${live.iface} stopped: ${live.ended}` : info.status === 'failed' ? problem : `The capture on ${live.iface} stopped early: ${problem}`
    useAppStore().message = { kind: problem === null ? 'info' : 'error', text }
  }

  return {
    available, panelOpen, starting, settings, recentFilters,
    openPanel, refresh, captureOn, trustHostKey, deleteHost, startFromPanel, start, stop, canRestart, restart, newerPart, showPart,
  }
})
