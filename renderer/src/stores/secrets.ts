// Where saved passwords and keys are kept, and browser mode's passphrase prompt. The passphrase passes from the
// prompt's field to the engine and is kept nowhere here; only the answer (kind, locked) is.
import { defineStore } from 'pinia'
import { ref, shallowRef, watch, type Ref } from 'vue'
import type { SecretsState } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { EngineError } from '../bridge/types'
import { useAppStore } from './app'

/** The open prompt: start a file or unlock it, the sentence that led to it, and who waits for the outcome. */
export interface PassphrasePrompt {
  mode: 'create' | 'unlock'
  reason: string | null
  done: (unlocked: boolean) => void
}

/** The engine refused because the passphrase-protected file is locked: the UI offers to unlock it. */
export function isSecretsLocked(error: unknown): boolean {
  return error instanceof EngineError && error.code === 'secrets-locked'
}

export const useSecretsStore = defineStore('secrets', () => {
  const state = shallowRef<SecretsState | null>(null)
  const prompt = shallowRef<PassphrasePrompt | null>(null)
  /** The engine's sentence for the last passphrase tried (wrong, too short, a damaged file). */
  const problem = ref<string | null>(null)
  const busy = ref(false)

  async function load() {
    try {
      state.value = await bridge.call('secrets.state', {})
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Opens the prompt (a new file in memory mode, else the unlock); true once the file is open. */
  function ask(reason: string | null = null): Promise<boolean> {
    problem.value = null
    prompt.value?.done(false)
    return new Promise((done) => {
      prompt.value = { mode: state.value?.kind === 'passphrase' ? 'unlock' : 'create', reason, done }
    })
  }

  async function submit(passphrase: string) {
    busy.value = true
    problem.value = null
    try {
      state.value = await bridge.call('secrets.usePassphrase', { passphrase })
      finish(true)
    } catch (error) {
      problem.value = error instanceof Error ? error.message : String(error)
      await load()
      // A damaged file was moved aside: the prompt now starts a new one.
      if (prompt.value && state.value?.kind === 'memory') prompt.value = { ...prompt.value, mode: 'create' }
    } finally {
      busy.value = false
    }
  }

  function finish(unlocked: boolean) {
    const open = prompt.value
    prompt.value = null
    open?.done(unlocked)
  }

  async function act(call: () => Promise<SecretsState>) {
    try {
      state.value = await call()
    } catch (error) {
      useAppStore().report(error)
    }
  }

  const lock = () => act(() => bridge.call('secrets.lock', {}))
  /** Deletes the file and what it held (the user confirmed): the way out of a forgotten passphrase. */
  async function forget() {
    await act(() => bridge.call('secrets.forget', { confirmed: true }))
    if (prompt.value) prompt.value = { ...prompt.value, mode: 'create' }
    problem.value = null
  }

  /**
   * Before a save that asks to remember secrets in browser mode: starts the file (when the user chose it) or
   * unlocks it. False when the user cancelled the prompt.
   */
  async function readyToRemember(useFile: boolean): Promise<boolean> {
    if (!state.value?.passphraseOffered) return true
    if (state.value.kind === 'memory' && !useFile) return true
    if (state.value.kind === 'passphrase' && !state.value.locked) return true
    return ask()
  }

  return { state, prompt, problem, busy, load, ask, submit, cancel: () => finish(false), lock, forget, readyToRemember }
})

/**
 * A form's "remember" with browser mode's choice beside it: `useFile` (ticking it ticks remember) sends remembered
 * secrets into a new passphrase-protected file; `ready` asks for the passphrase when a save needs it.
 */
export function useRememberChoice(remember: Ref<boolean>) {
  const secrets = useSecretsStore()
  const useFile = ref(false)
  watch(useFile, (on) => {
    if (on) remember.value = true
  })
  return { secrets, useFile, ready: async () => !remember.value || secrets.readyToRemember(useFile.value) }
}
