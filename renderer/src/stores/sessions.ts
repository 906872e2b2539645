import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { MAX_TIMELINE_ITEMS, type SessionSort } from '../../../electron/contract/methods'
import type { CaptureInfo, CaseTimeline, SessionInfo } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { latestRequest, stale } from '../latest-request'

/** Timeline items shown first. */
const TIMELINE_FIRST = 300

export const useSessionsStore = defineStore('sessions', () => {
  const list = ref<SessionInfo[]>([])
  const search = ref('')
  const currentId = ref<number | null>(null)
  const captures = ref<CaptureInfo[]>([])
  const sort = ref<SessionSort>('updated')
  const descending = ref(true)
  /** The sessions deleted, restorable until purged. */
  const trash = ref<SessionInfo[]>([])
  /** The open session's timeline (sessions.timeline) while it is shown; null until asked. */
  const timeline = shallowRef<CaseTimeline | null>(null)
  const timelineLimit = ref(TIMELINE_FIRST)
  /** A slower answer to an earlier search, or to another session's timeline, must not replace a newer one's. */
  const listing = latestRequest()
  const timelines = latestRequest()

  async function load() {
    const asked = { ...(search.value.trim() && { search: search.value.trim() }), sort: sort.value, descending: descending.value }
    const found = await listing.run(() => bridge.call('sessions.list', asked))
    if (found !== stale) list.value = found
    trash.value = await bridge.call('sessions.trash', {})
  }

  /** The open session's timeline, its newest `timelineLimit` items. */
  async function loadTimeline() {
    const sessionId = currentId.value
    if (sessionId === null) return
    const answer = await timelines.run(() => bridge.call('sessions.timeline', { sessionId, limit: timelineLimit.value }))
    if (answer !== stale) timeline.value = answer
  }

  /** Whether older items were left out that a larger limit would bring. */
  const canAskMore = computed(() => !!timeline.value?.omitted && timelineLimit.value < MAX_TIMELINE_ITEMS)

  /** More of the timeline's older items, up to the engine's bound. */
  async function moreTimeline() {
    timelineLimit.value = Math.min(MAX_TIMELINE_ITEMS, timelineLimit.value * 4)
    await loadTimeline()
  }

  /** Shows a session and remembers it as the one open, to reopen it should the app crash. */
  async function select(sessionId: number | null) {
    const changed = sessionId !== currentId.value
    if (changed) {
      timelines.cancel()
      timeline.value = null
      timelineLimit.value = TIMELINE_FIRST
    }
    currentId.value = sessionId
    captures.value = sessionId === null ? [] : await bridge.call('captures.list', { sessionId })
    // Shown again after a change elsewhere: it is already the open one, nothing to remember.
    if (changed) await bridge.call('sessions.open', { sessionId })
  }

  /**
   * As the app starts: after a crash, the session that was open is shown again; a store the engine had to repair or
   * move aside is explained. Returns the sentence for the message bar, if any.
   */
  async function resume(): Promise<string | null> {
    const { reopen, storeNotice } = await bridge.call('sessions.startup', {})
    if (reopen) await select(reopen.id)
    const reopened = reopen && `DHCP Field Kit stopped unexpectedly last time; the session “${reopen.name}” is open again with everything it had kept.`
    return [storeNotice, reopened].filter(Boolean).join(' ') || null
  }

  /** Starts an empty session, named for when it began, and selects it: captures opened next go into it. */
  async function create() {
    const created = await bridge.call('sessions.create', { name: `Session ${new Date().toLocaleString()}` })
    await select(created.id)
  }

  async function rename(sessionId: number, name: string) {
    await bridge.call('sessions.rename', { sessionId, name })
  }

  /** To the trash: restorable for 30 days. */
  async function remove(sessionId: number) {
    // Closed first: what shows the open session must not ask for it once it is in the trash.
    if (currentId.value === sessionId) await select(null)
    await bridge.call('sessions.delete', { sessionId })
  }

  async function setTags(sessionId: number, tags: string[]) {
    await bridge.call('sessions.setTags', { sessionId, tags })
  }

  async function setNotes(sessionId: number, notes: string) {
    await bridge.call('sessions.setNotes', { sessionId, notes })
  }

  async function duplicate(sessionId: number) {
    const copy = await bridge.call('sessions.duplicate', { sessionId })
    await select(copy.id)
  }

  async function restore(sessionId: number) {
    await bridge.call('sessions.restore', { sessionId })
  }

  /** Deletes a session in the trash for good. */
  async function purge(sessionId: number) {
    await bridge.call('sessions.purge', { sessionId })
  }

  bridge.on('sessions.changed', () => {
    void load()
    // The open session may have gone meanwhile (deleted from another window or the CLI): nothing is open then.
    if (currentId.value !== null) void select(currentId.value).catch(() => select(null))
  })
  bridge.on('capture.updated', (capture) => {
    // One not listed began meanwhile (the next part of a ring buffer, which may drop the oldest): list them again.
    if (capture.sessionId === currentId.value && !captures.value.some((c) => c.id === capture.id)) void relist(capture.sessionId)
    else captures.value = captures.value.map((c) => (c.id === capture.id ? capture : c))
  })

  /** The captures of the session selected, unless another one was selected meanwhile. */
  async function relist(sessionId: number) {
    const listed = await bridge.call('captures.list', { sessionId })
    if (currentId.value === sessionId) captures.value = listed
  }

  const current = computed(() => list.value.find((s) => s.id === currentId.value) ?? null)

  return {
    list, search, sort, descending, trash, currentId, captures, current, timeline, canAskMore,
    load, select, resume, create, rename, remove, setTags, setNotes, duplicate, restore, purge, loadTimeline, moreTimeline,
  }
})
