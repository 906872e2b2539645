// A live capture reports up to ten updates a second; what each update makes the engine recount (transactions,
// statistics, a filtered view) is asked for at a gentler pace, and once more after the last update.

export interface Throttled {
  /** Asks for a run: at once if none ran within the interval, else once at its end. */
  call(): void
  /** Drops a run still waiting. */
  cancel(): void
}

export function throttle(run: () => void, intervalMs: number): Throttled {
  let last = -Infinity
  let waiting: ReturnType<typeof setTimeout> | undefined
  const fire = () => {
    waiting = undefined
    last = Date.now()
    run()
  }
  return {
    call() {
      if (waiting !== undefined) return
      const wait = last + intervalMs - Date.now()
      if (wait <= 0) fire()
      else waiting = setTimeout(fire, wait)
    },
    cancel() {
      clearTimeout(waiting)
      waiting = undefined
    },
  }
}
