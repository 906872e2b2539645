// Browser mode's print of a session's report: the report (from the contract, never a file) opened from a blob in a
// window of its own and handed to the browser's print, whose "Save as PDF" printer makes the PDF. The blob's page
// inherits the app's Content-Security-Policy, which refuses the report's inline <style>; its stylesheet is adopted
// through the CSSOM instead (a constructed stylesheet is not subject to style-src), so it prints as it reads in a
// bundle. Its scripts stay refused: by the app's policy and by the report's own.
import type { SessionReport } from '../../electron/contract/types'

export function printReport(report: SessionReport): void {
  const url = URL.createObjectURL(new Blob([report.html], { type: 'text/html' }))
  const view = window.open(url, '_blank') as (Window & typeof globalThis) | null
  if (!view) {
    URL.revokeObjectURL(url)
    throw new Error('The browser blocked the report\'s window: allow pop-ups for this page, then print the report again.')
  }
  view.addEventListener('load', () => {
    URL.revokeObjectURL(url)
    const sheet = new view.CSSStyleSheet()
    sheet.replaceSync(Array.from(view.document.querySelectorAll('style'), (style) => style.textContent ?? '').join('\n'))
    view.document.adoptedStyleSheets = [sheet]
    view.print()
  }, { once: true })
}
