// A reading from the selected Kea connection (its status, pools, review): what the last answer said, or the failure's
// sentence, for the connection it is about. Selecting another connection clears it, and an answer that arrives for
// the one selected before is dropped. A failure is the reading's to show, not the message bar's: polled readings
// would repeat it there at every refresh.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import { latestRequest, stale } from '../latest-request'
import { useKeaConnectionsStore } from './kea-connections'

export interface ConnectionReading<T> {
  value: ShallowRef<T | null>
  error: Ref<string | null>
  /** The connection `value` and `error` are about. */
  profileId: Ref<string | null>
  /** True from asking until the answer (or failure) is in. */
  asking: Ref<boolean>
  /** Asks again; `fresh` clears what was shown first (a reading the user asked for, not a polled one). */
  read(fresh?: boolean): Promise<void>
}

/** `ask` gets the connection's id; `took` sees each answer before it is shown, with the one it replaces. */
export function connectionReading<T>(ask: (profileId: string) => Promise<T>, took?: (answer: T, before: T | null) => void): ConnectionReading<T> {
  const value = shallowRef<T | null>(null)
  const error = ref<string | null>(null)
  const profileId = ref<string | null>(null)
  const asking = ref(false)
  const requests = latestRequest()

  async function read(fresh = false) {
    const id = useKeaConnectionsStore().selectedId
    if (fresh || id !== profileId.value) {
      profileId.value = id
      value.value = null
      error.value = null
    }
    if (!id) {
      requests.cancel()
      asking.value = false
      return
    }
    asking.value = true
    try {
      const answer = await requests.run(() => ask(id))
      if (answer === stale) return
      took?.(answer, value.value)
      value.value = answer
      error.value = null
    } catch (failure) {
      error.value = failure instanceof Error ? failure.message : String(failure)
    }
    asking.value = false
  }

  return { value, error, profileId, asking, read }
}
