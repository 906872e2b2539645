// The display filter being typed: its text, whether the engine finds it valid, and what the engine's grammar
// allows at the cursor (filters.complete). Both are asked once typing pauses; answers come back in any order,
// and only the newest request's answer is shown, so an answer about an older text never replaces a newer one.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { FieldNode, FilterCheck, FilterCompletion, FilterCompletionItem } from '../../../electron/contract/types'
import { bridge, EngineError } from '../bridge'
import { latestRequest, stale } from '../latest-request'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'

/** How long typing pauses before the engine is asked. */
const PAUSE_MS = 80

export const useFilterStore = defineStore('filter', () => {
  const capture = useCaptureStore()
  const text = ref(capture.filter)
  const check = ref<FilterCheck>({ ok: true })
  /** The engine's completion and the text and cursor it was asked for. */
  const completion = shallowRef<FilterCompletion & { text: string } | null>(null)
  const checks = latestRequest()
  const completions = latestRequest()
  let pause: ReturnType<typeof setTimeout> | undefined

  /** What may be written at the cursor; nothing once the text has changed since it was asked. */
  const suggestions = computed<FilterCompletionItem[]>(() => (completion.value?.text === text.value ? completion.value.items : []))

  // A filter applied or cleared elsewhere (another capture, a transaction's frame revealed) shows here.
  watch(() => capture.filter, (applied) => {
    if (applied === text.value.trim()) return
    text.value = applied
    void recheck()
  })

  /** The user typed or moved the cursor: the text is checked and completed once typing pauses. */
  function edit(next: string, cursor: number) {
    const changed = next !== text.value
    text.value = next
    clearTimeout(pause)
    pause = setTimeout(() => {
      if (changed) void recheck()
      void complete(cursor)
    }, PAUSE_MS)
  }

  async function recheck() {
    const asked = text.value
    try {
      const answer = await checks.run(() => bridge.call('filters.check', { text: asked }))
      if (answer !== stale) check.value = answer
    } catch (error) {
      useAppStore().report(error)
    }
  }

  async function complete(cursor: number) {
    const asked = text.value
    try {
      const answer = await completions.run(() => bridge.call('filters.complete', { text: asked, cursor }))
      if (answer !== stale) completion.value = { ...answer, text: asked }
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Writes a suggestion in place of the word it completes, then a space; returns where the cursor goes. */
  function accept(item: FilterCompletionItem): number {
    const { from, to } = completion.value!
    const after = text.value.slice(to)
    text.value = text.value.slice(0, from) + item.label + (after.startsWith(' ') ? '' : ' ') + after
    const cursor = from + item.label.length + 1
    clearTimeout(pause)
    void recheck()
    void complete(cursor)
    return cursor
  }

  /** "Apply as filter" on a field of the packet on screen, as in Wireshark. */
  async function applyField(node: FieldNode) {
    const info = capture.capture
    const frame = capture.selectedFrame
    if (!info || frame === null || !node.key) return
    try {
      const { filter } = await bridge.call('filters.forField', { captureId: info.id, frame, key: node.key, offset: node.offset, length: node.length })
      if (filter === null) throw new EngineError('bad-input', `${node.label} cannot be filtered on (${node.key} is not a filter field).`)
      text.value = filter
      await apply()
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Applies the text if the engine finds it valid; a mistake stays shown, pointed at, instead. */
  async function apply() {
    clearTimeout(pause)
    // Applied at once: the engine parses it once, and a mistake comes back with where it is.
    checks.cancel()
    try {
      await capture.applyFilter(text.value)
      check.value = { ok: true }
    } catch (error) {
      const at = error instanceof EngineError ? error.at : undefined
      check.value = { ok: false, message: error instanceof Error ? error.message : String(error), ...at }
    }
  }

  async function clear() {
    clearTimeout(pause)
    checks.cancel()
    completions.cancel()
    text.value = ''
    check.value = { ok: true }
    await capture.applyFilter('')
  }

  return { text, check, suggestions, edit, accept, apply, applyField, clear }
})
