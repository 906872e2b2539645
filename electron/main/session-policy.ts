import type { Session } from 'electron'
import { electronCsp } from '../contract/csp'

/**
 * The page gets no permissions (camera, notifications, devices…) and the same CSP as its meta tag, as a header:
 * the app's, or `policy` for a session of other pages (the report printed to PDF).
 */
export function lockDownSession(session: Session, policy = electronCsp(process.env.ELECTRON_RENDERER_URL)): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  // Checks are asked before requests (and instead of them for some APIs); the clipboard falls back to execCommand.
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
