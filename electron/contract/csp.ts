// The renderer's Content Security Policy: one definition, narrowed for each front. The page may load only its
// own files and talk only to its own engine: over IPC in Electron (no network at all), over its own server's
// WebSocket and upload endpoint in browser mode.

const base = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]

function policy(connect: string, extra: string[] = []): string {
  return [...base, `connect-src ${connect}`, ...extra].join('; ')
}

/** Electron's page, as built into index.html; a dev server's WebSocket (hot reload) is allowed only in development. */
export function electronCsp(devServerUrl?: string): string {
  return policy(devServerUrl ? new URL(devServerUrl).origin.replace(/^http/, 'ws') : "'none'")
}

/** Browser mode's page, sent as a header (frame-ancestors works only there) by the server on `port`. */
export function browserModeCsp(port: number): string {
  const endpoints = ['127.0.0.1', 'localhost'].flatMap((host) => [`ws://${host}:${port}/ws`, `http://${host}:${port}/upload`])
  return policy(endpoints.join(' '), ["frame-ancestors 'none'"])
}

/** A session's report.html (and the window that prints it to PDF): its inline styles and data: images, nothing fetched, no script. */
export const reportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
