// Desktop notifications when a subnet crosses into warn or critical, through the browser's Notification API (in
// Electron too, whose renderer shows them as the OS's). Permission is asked only on the user's click, as browsers
// require; the Mute setting outlives the app in localStorage.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { KeaSubnetUsage } from '../../../electron/contract/types'
import { subnetName } from '../kea-pool-levels'

const MUTE_KEY = 'fieldkit.keaAlertsMuted'

export type NotificationPermissionState = NotificationPermission | 'unsupported'

const currentPermission = (): NotificationPermissionState => ('Notification' in window ? Notification.permission : 'unsupported')

export const useKeaPoolAlertsStore = defineStore('keaPoolAlerts', () => {
  const muted = ref(localStorage.getItem(MUTE_KEY) === 'true')
  const permission = ref<NotificationPermissionState>(currentPermission())

  watch(muted, (value) => localStorage.setItem(MUTE_KEY, String(value)))

  async function askPermission() {
    if (permission.value === 'unsupported') return
    permission.value = await Notification.requestPermission()
  }

  /** One notification per subnet that crossed, unless muted or not allowed. */
  function notify(crossed: readonly KeaSubnetUsage[]) {
    if (muted.value || permission.value !== 'granted') return
    for (const subnet of crossed) {
      new Notification(`Kea pool ${subnet.level === 'critical' ? 'critical' : 'filling'}: ${subnet.utilization?.toFixed(1) ?? '?'} % used`, {
        body: `${subnetName(subnet)}: ${subnet.assigned} of ${subnet.total} in use; ${subnet.projection.text}.`,
        tag: `kea-pool-${subnet.service}-${subnet.subnetId}-${subnet.kind}`,
      })
    }
  }

  return { muted, permission, askPermission, notify }
})
