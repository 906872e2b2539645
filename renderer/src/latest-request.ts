// Requests whose answers replace one another (the check of the filter being typed, the statistics of the capture
// on screen): answers can arrive out of order, so only the newest request's answer may be applied; an older one
// arriving late is dropped rather than overwriting a newer answer with stale data.

/** What `run` gives for a request that a newer one (or `cancel`) overtook. */
export const stale = Symbol('stale')

export interface LatestRequest {
  /** Runs a request; resolves to its answer, or to `stale` when another run or `cancel` came after it. */
  run<T>(request: () => Promise<T>): Promise<T | typeof stale>
  /** Makes the answers still on their way stale (the thing they were for is gone). */
  cancel(): void
}

export function latestRequest(): LatestRequest {
  let newest = 0
  return {
    async run(request) {
      const ticket = ++newest
      try {
        const answer = await request()
        return ticket === newest ? answer : stale
      } catch (error) {
        // A stale request's failure is as moot as its answer.
        if (ticket !== newest) return stale
        throw error
      }
    },
    cancel() {
      newest++
    },
  }
}
