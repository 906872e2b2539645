// Browser mode's upload endpoint: the page streams a file the user picked into the data folder's uploads/,
// and gets back a file id for `captures.open` (never a path). Bounded in size, refused early when the disk
// lacks room, and removed when the upload does not complete.
import { createWriteStream, rmSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { pipeline } from 'node:stream/promises'
import type { EngineApi } from '../engine/engine-api'
import { PRIVATE_FILE_MODE } from '../engine/files/private-dir'
import type { Uploads } from '../engine/files/uploads'

/** Room kept free on the disk beyond an upload, so an upload never fills the disk the session store is on. */
const DISK_RESERVE = 64 * 1024 * 1024

export interface UploadLimits {
  maxBytes: number
}

type Reply = (status: number, body: string | object) => void

export async function receiveUpload(engine: EngineApi, uploads: Uploads, limits: UploadLimits, request: IncomingMessage, url: URL, reply: Reply): Promise<void> {
  const name = (url.searchParams.get('name') ?? '').slice(0, 255) || 'capture'
  const declared = Number(request.headers['content-length'])
  if (request.headers['content-length'] === undefined || !Number.isSafeInteger(declared)) {
    return reply(411, `Uploading ${name} needs its size (Content-Length) first.`)
  }
  if (declared > limits.maxBytes) {
    return reply(413, `${name} is ${mib(declared)}, more than the ${mib(limits.maxBytes)} uploads may have; start \`fieldkit serve --max-upload-mb N\` to allow more.`)
  }
  const free = uploads.freeBytes()
  if (declared + DISK_RESERVE > free) {
    return reply(507, `Not enough disk space for ${name} (${mib(declared)}): the data folder's disk has ${mib(free)} free. Free some space, or delete old sessions.`)
  }
  const path = uploads.newPath(name)
  try {
    await pipeline(request, createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE }))
    if (!request.complete) throw new Error('the upload was cut off')
  } catch (error) {
    rmSync(path, { force: true })
    const code = (error as NodeJS.ErrnoException).code
    return reply(code === 'ENOSPC' ? 507 : 400, `Uploading ${name} failed: ${code === 'ENOSPC' ? 'the disk is full' : (error as Error).message}.`)
  }
  reply(200, await engine.grant(path, name))
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
