// Follows a live memfile as Kea appends to it. On this machine a change wakes it (fs.watch on the folder, as Kea's
// LFC replaces the file by renaming), then only the bytes after the last complete line are read; a file that got
// shorter or was replaced (LFC finished) is read again whole. On a remote host `tail -F` streams what is appended,
// and the new file after LFC, whose header says to read it again whole.
import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { Client } from 'ssh2'
import { localMemfiles } from './memfile-local'
import { followRemote } from './memfile-ssh'
import { readMemfile, type LeaseChange, type MemfileSource } from './memfile-source'

export interface FollowEvents {
  changes(changes: LeaseChange[], problems: string[]): void
  /** The file was rewritten: read the whole source again. */
  reread(): void
}

const SETTLE_MS = 150

export function followLocalMemfile(path: string, source: MemfileSource, events: FollowEvents): () => void {
  let inode: number | null = null
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let again = false
  let stopped = false
  void stat(path).then((s) => (inode = s.ino), () => undefined)

  const turn = async () => {
    const state = source.liveState
    const now = await stat(path).catch(() => null)
    if (!now || !state) return
    if ((inode !== null && now.ino !== inode) || now.size < state.bytes) {
      inode = now.ino
      events.reread()
      return
    }
    if (now.size === state.bytes) return
    const bytes = await localMemfiles.read(path, state.bytes)
    if (!bytes) return
    const changes: LeaseChange[] = []
    const problems: string[] = []
    const read = await readMemfile(bytes, path, source.name, (c) => changes.push(c), (p) => problems.push(p), { layout: state.layout, start: state.bytes, lineNo: state.lineNo })
    source.liveState = { layout: state.layout, bytes: read.bytes, lineNo: read.nextLineNo }
    if (!stopped && (changes.length || problems.length)) events.changes(changes, problems)
  }
  const run = () => {
    if (running) {
      again = true
      return
    }
    running = turn().catch(() => undefined).finally(() => {
      running = null
      if (again && !stopped) {
        again = false
        run()
      }
    })
  }
  const name = basename(path)
  let watcher: FSWatcher | null = null
  try {
    watcher = watch(dirname(path), (_event, changed) => {
      if (stopped || (changed && !changed.startsWith(name))) return
      if (timer) clearTimeout(timer)
      timer = setTimeout(run, SETTLE_MS)
    })
    watcher.on('error', () => undefined)
  } catch {
    // a folder that cannot be watched: the table stays as read, and says so (see the caller)
    return () => undefined
  }
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
    watcher?.close()
  }
}

export function followRemoteMemfile(client: Client, path: string, where: string, source: MemfileSource, events: FollowEvents): () => void {
  const state = source.liveState
  if (!state) return () => undefined
  let stopped = false
  let channel: Awaited<ReturnType<typeof followRemote>> | null = null
  const changes: LeaseChange[] = []
  const problems: string[] = []
  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    timer = null
    if (!stopped && (changes.length || problems.length)) events.changes(changes.splice(0), problems.splice(0))
  }
  const soon = () => (timer ??= setTimeout(flush, SETTLE_MS))
  const stop = () => {
    stopped = true
    if (timer) clearTimeout(timer)
    channel?.close()
  }
  void followRemote(client, path, state.bytes).then(async (opened) => {
    channel = opened
    if (stopped) return opened.close()
    await readMemfile(opened, where, source.name, (change) => (changes.push(change), soon()), (problem) => (problems.push(problem), soon()), {
      ...state, start: state.bytes,
      replaced: () => {
        stop()
        events.reread()
      },
    })
  }).catch(() => undefined)
  return stop
}
