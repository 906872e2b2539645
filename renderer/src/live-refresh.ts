// What a view counts from the whole capture (transactions, statistics) is counted again while a live capture
// grows: at most every half second (or the interval given), however often packets arrive, and not after the view is gone.
import { onBeforeUnmount, watch } from 'vue'
import { useCaptureStore } from './stores/capture'
import { throttle } from './throttle'

const LIVE_REFRESH_MS = 500

/** Calls `recount` as the capture on screen gains packets while capturing (its end is the caller's to watch). */
export function useLiveRefresh(recount: () => void, intervalMs = LIVE_REFRESH_MS) {
  const capture = useCaptureStore()
  const throttled = throttle(recount, intervalMs)
  watch(() => capture.capture?.packetCount, (count, before) => {
    if (capture.capture?.status === 'capturing' && count !== before) throttled.call()
  })
  // Another capture shown: counting it first is the caller's business; a run still waiting would only repeat that.
  watch(() => capture.capture?.id, () => throttled.cancel())
  onBeforeUnmount(() => throttled.cancel())
}
