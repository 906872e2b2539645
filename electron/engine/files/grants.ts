// The files the user chose, by opaque id. The renderer is untrusted: it may name a file only by an id that a
// front handed out for the user's own choice (an upload, a drop, the open dialog, the command line), never by
// a path, so no page can make the engine read a file the user did not pick.
import { randomUUID } from 'node:crypto'
import { basename, isAbsolute } from 'node:path'
import type { FileRef } from '../../contract/types'

export interface GrantedFile {
  path: string
  /** The user's name for it (an upload's own name, not the name it was stored under). */
  name: string
}

export class FileGrants {
  private readonly granted = new Map<string, GrantedFile>()

  grant(path: string, name = basename(path)): FileRef {
    if (!isAbsolute(path)) throw new Error(`A granted file needs an absolute path, not "${path}".`)
    const fileId = randomUUID()
    this.granted.set(fileId, { path, name })
    return { fileId, name }
  }

  get(fileId: string): GrantedFile | undefined {
    return this.granted.get(fileId)
  }
}
