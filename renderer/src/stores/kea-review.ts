// The Review tab's running-configuration review: the findings of each DHCP server the selected connection reaches.
// Asked when the tab opens or the user asks again (a review reads the whole configuration: not something to poll).
import { defineStore } from 'pinia'
import type { KeaReview } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { connectionReading } from './connection-reading'

export const useKeaReviewStore = defineStore('keaReview', () => {
  const reading = connectionReading<KeaReview[]>((profileId) => bridge.call('kea.review', { profileId }))
  return { reviews: reading.value, error: reading.error, running: reading.asking, profileId: reading.profileId, run: () => reading.read(true) }
})
