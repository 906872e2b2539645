// Where a link of the case's timeline leads: a packet or transaction opens the capture at its frame, a run opens in the
// Test client view, a Kea link opens the Kea view on its connection (and tab), a client opens its Client history, a
// snapshot shows what it kept below the timeline.
import { defineStore } from 'pinia'
import type { CaseLink } from '../../../electron/contract/types'
import { useAppStore } from './app'
import { useCaptureStore } from './capture'
import { useClientHistoryStore } from './client-history'
import { useKeaConnectionsStore } from './kea-connections'
import { useSessionSnapshotsStore } from './session-snapshots'
import { useSessionsStore } from './sessions'
import { useTestClientStore } from './test-client'

export const useCaseLinksStore = defineStore('case-links', () => {
  async function follow(link: CaseLink) {
    const app = useAppStore()
    try {
      if (link.kind === 'packet' || link.kind === 'transaction') await openFrame(link.captureId, link.frame)
      else if (link.kind === 'run') await openRun(link.runId)
      else if (link.kind === 'client') await useClientHistoryStore().open(link.client)
      else if (link.kind === 'snapshot') await useSessionSnapshotsStore().show(link.snapshotId)
      else {
        const connections = useKeaConnectionsStore()
        await connections.load()
        if (!connections.profiles?.some((p) => p.id === link.profileId)) throw new Error(`The Kea connection “${link.profileId}” is no longer saved; its readings are still in the session.`)
        connections.select(link.profileId)
        connections.tab = link.tab
        app.view = 'kea'
      }
    } catch (error) {
      app.report(error)
    }
  }

  async function openFrame(captureId: number, frame: number) {
    const sessions = useSessionsStore()
    const capture = useCaptureStore()
    const info = sessions.captures.find((c) => c.id === captureId)
    if (!info) throw new Error('That capture is no longer in the session (it may have been deleted).')
    if (capture.capture?.id !== captureId) capture.show(info)
    useAppStore().view = 'capture'
    await capture.reveal(frame)
  }

  async function openRun(runId: number) {
    const client = useTestClientStore()
    await client.loadRuns()
    const run = client.runs.find((r) => r.captureId === runId)
    if (!run) throw new Error('That test-client run is no longer in the session (it may have been deleted).')
    client.shown = run
    useAppStore().view = 'client'
  }

  return { follow }
})
