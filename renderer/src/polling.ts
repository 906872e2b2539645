// Data that goes stale by itself (a server's status) is asked again every few seconds while it is on screen: each
// run starts at most once an interval, never while the last is still on its way, and none runs while the page is
// hidden (another tab, a minimized window) or after the component is gone. Coming back shows fresh data at once
// when the last run is older than the interval.
import { onBeforeUnmount, onMounted } from 'vue'
import { throttle } from './throttle'

export function usePolling(refresh: () => Promise<void>, intervalMs: number) {
  let active = false
  const next = throttle(() => void tick(), intervalMs)

  async function tick() {
    await refresh()
    if (active) next.call()
  }

  function onVisibility() {
    active = document.visibilityState === 'visible'
    if (active) next.call()
    else next.cancel()
  }

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility)
    onVisibility()
  })
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisibility)
    active = false
    next.cancel()
  })
}
