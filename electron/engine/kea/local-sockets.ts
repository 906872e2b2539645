// The Kea control sockets this machine offers. A connection over a unix socket names one of these: the contract
// takes no path from the renderer, so a page cannot make the engine knock on files of its choosing.
import { lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { lab } from '../../lab/topology'

/** Where Kea's packages and the lab put control sockets. */
const SOCKET_FOLDERS = ['/run/kea', '/var/run/kea', '/var/lib/kea', '/tmp', lab.dir]
/** Folders hold other things too: only sockets whose name says Kea are offered, and only so many. */
const MAX_SOCKETS = 64

export function listKeaSockets(): string[] {
  const found: string[] = []
  for (const folder of SOCKET_FOLDERS) {
    let names: string[]
    try {
      names = readdirSync(folder)
    } catch {
      continue
    }
    for (const name of names) {
      if (!/kea/i.test(name) && folder !== lab.dir) continue
      const path = join(folder, name)
      try {
        if (lstatSync(path).isSocket() && found.length < MAX_SOCKETS) found.push(path)
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return found
}
