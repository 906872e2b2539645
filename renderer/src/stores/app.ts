// Shell state: which view is shown, the engine connection, background jobs, theme, and the message bar.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AppCommand } from '../../../electron/contract/methods'
import type { AppInfo, JobProgress, LabStatus } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import type { ConnectionState } from '../bridge/types'

export type ViewName = 'capture' | 'client' | 'kea' | 'leases' | 'logs' | 'sessions'
export type Theme = 'system' | 'light' | 'dark'

export const views: { name: ViewName; label: string; shortcut: string }[] = [
  { name: 'capture', label: 'Files / Capture', shortcut: '1' },
  { name: 'client', label: 'Test client', shortcut: '2' },
  { name: 'kea', label: 'Kea', shortcut: '3' },
  { name: 'leases', label: 'Leases', shortcut: '4' },
  { name: 'logs', label: 'Logs', shortcut: '5' },
  { name: 'sessions', label: 'Sessions', shortcut: '6' },
]

export const useAppStore = defineStore('app', () => {
  const view = ref<ViewName>('capture')
  const connection = ref<ConnectionState>('connecting')
  const info = ref<AppInfo | null>(null)
  const lab = ref<LabStatus | null>(null)
  const jobs = ref<Record<string, JobProgress>>({})
  const theme = ref<Theme>((localStorage.getItem('fieldkit.theme') as Theme | null) ?? 'system')
  const message = ref<{ kind: 'error' | 'info'; text: string } | null>(null)

  bridge.onConnection((state) => {
    connection.value = state
    if (state === 'connected') void refresh()
  })
  bridge.on('job.progress', (job) => {
    // A job done again (a live capture's statistics, counted each second) replaces its finished predecessors.
    const others = Object.values(jobs.value).filter((j) => j.jobId === job.jobId || j.title !== job.title || j.state === 'running')
    jobs.value = { ...Object.fromEntries(others.map((j) => [j.jobId, j])), [job.jobId]: job }
    if (job.state !== 'running') setTimeout(() => {
      const { [job.jobId]: _done, ...rest } = jobs.value
      jobs.value = rest
    }, 4000)
    if (job.message) message.value = { kind: job.state === 'failed' ? 'error' : 'info', text: job.message }
  })

  async function refresh() {
    info.value = await bridge.call('app.info', {})
    lab.value = await bridge.call('lab.status', {})
  }

  /** Runs `perform` for each command chosen from the desktop shell's native menu. */
  function onCommand(perform: (command: AppCommand) => void) {
    bridge.on('app.command', ({ command }) => perform(command))
  }

  function cycleTheme() {
    const order: Theme[] = ['system', 'light', 'dark']
    theme.value = order[(order.indexOf(theme.value) + 1) % order.length]
    localStorage.setItem('fieldkit.theme', theme.value)
  }

  /** Stops a running job (a capture's load); what it did so far is kept. */
  async function stopJob(jobId: string) {
    try {
      await bridge.call('jobs.stop', { jobId })
    } catch (error) {
      report(error)
    }
  }

  function report(error: unknown) {
    message.value = { kind: 'error', text: error instanceof Error ? error.message : String(error) }
  }

  return { view, connection, info, lab, jobs, theme, message, refresh, onCommand, cycleTheme, stopJob, report }
})
