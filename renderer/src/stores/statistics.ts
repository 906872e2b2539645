// Statistics of the capture on screen, counted again as it loads. An answer for the capture shown before, or for
// an earlier moment of this one, can arrive after a newer answer: only the newest request's answer is shown.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { CaptureStats } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { latestRequest, stale } from '../latest-request'
import { useAppStore } from './app'

export const useStatisticsStore = defineStore('statistics', () => {
  const stats = shallowRef<CaptureStats | null>(null)
  /** The capture `stats` are for: another capture's figures are not shown while its own are counted. */
  let countedFor: number | null = null
  const requests = latestRequest()

  async function count(captureId: number) {
    if (countedFor !== captureId) stats.value = null
    try {
      const answer = await requests.run(() => bridge.call('captures.stats', { captureId }))
      if (answer === stale) return
      stats.value = answer
      countedFor = captureId
    } catch (error) {
      useAppStore().report(error)
    }
  }

  return { stats, count }
})
