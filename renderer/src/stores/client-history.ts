// One client's history (clients.timeline): asked from a lease, a log line's MAC or client id, or a transaction's
// client; shown in a panel over any view, each item opening where it is (the packet, the log line, the lease, the run).
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ClientTimeline, ClientTimelineItem } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'
import { useLeasesStore } from './leases'
import { useLogsStore } from './logs'
import { useSessionsStore } from './sessions'
import { useTestClientStore } from './test-client'

export const useClientHistoryStore = defineStore('client-history', () => {
  /** The client asked for, as it was written; null: the panel is closed. */
  const client = ref<string | null>(null)
  const timeline = shallowRef<ClientTimeline | null>(null)
  const loading = ref(false)

  async function open(name: string) {
    client.value = name
    timeline.value = null
    await load()
  }

  /** Asks again: the logs, captures and tables may have grown since. */
  async function load() {
    const name = client.value
    if (name === null) return
    loading.value = true
    const sessionId = useSessionsStore().currentId
    try {
      const answer = await bridge.call('clients.timeline', { client: name, ...(sessionId !== null && { sessionId }) })
      if (client.value === name) timeline.value = answer
    } catch (error) {
      useAppStore().report(error)
      close()
    } finally {
      loading.value = false
    }
  }

  function close() {
    client.value = null
    timeline.value = null
  }

  /** Opens an item where it lives; `frame` picks one packet of a transaction. */
  async function jump(item: ClientTimelineItem, frame?: number) {
    close()
    const app = useAppStore()
    try {
      // Among the client's lines: a short list, the line in it.
      if (item.kind === 'log') await useLogsStore().revealLine(item.logId, item.index, item.mac ? { mac: item.mac } : item.clientId ? { clientId: item.clientId } : {})
      else if (item.kind === 'lease') await useLeasesStore().reveal(item.tableId, item.address)
      else if (item.kind === 'transaction') await openFrame(item.captureId, frame ?? item.frame)
      else {
        const sessionId = useSessionsStore().currentId
        const run = sessionId === null ? undefined : (await bridge.call('client.runs', { sessionId })).find((r) => r.captureId === item.runId)
        if (!run) throw new Error('That test-client run is no longer in the session (it may have been deleted).')
        await useTestClientStore().openPacket(run, 1)
      }
    } catch (error) {
      app.report(error)
    }
  }

  async function openFrame(captureId: number, frame: number) {
    const sessions = useSessionsStore()
    const capture = useCaptureStore()
    const info = sessions.currentId === null ? undefined : (await bridge.call('captures.list', { sessionId: sessions.currentId })).find((c) => c.id === captureId)
    if (!info) throw new Error('That capture is no longer in the session (it may have been deleted).')
    if (capture.capture?.id !== captureId) capture.show(info)
    useAppStore().view = 'capture'
    await capture.reveal(frame)
  }

  return { client, timeline, loading, open, load, close, jump }
})
