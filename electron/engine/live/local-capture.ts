// Capturing on this machine: one StartCapture per backend, and the choice between them.
import { captureRights, type BackendRights, type CaptureBackend } from './capture-rights'
import { startDumpcapCapture } from './dumpcap-source'
import { startHelperCapture } from './helper-source'
import type { StartCapture } from './source'
import { startTcpdumpCapture } from './tcpdump-source'

export const localCaptureBackends: Record<CaptureBackend, StartCapture> = {
  helper: startHelperCapture,
  tcpdump: startTcpdumpCapture,
  dumpcap: startDumpcapCapture,
}

/**
 * The backend to use when the user picks none: the helper (see helper-source.ts for the measurements), else the
 * first tool this account may capture with, so users with Wireshark's rights need nothing more; the helper again
 * when none can, so the error says how to give it rights.
 */
export function defaultBackend(rights: BackendRights[] = captureRights()): CaptureBackend {
  return rights.find((r) => r.usable)?.backend ?? 'helper'
}
