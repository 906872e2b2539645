// report.html: the case in one page that reads without the app, a network or scripts (inline CSS and SVG; a
// Content-Security-Policy that lets nothing load). Problems first, each linking to its evidence further down.
import { reportCsp } from '../../contract/csp'
import type { CaptureStats, CaseLink, CaseTimeline, ClientRunResult, KeaHistory, TransactionInfo } from '../../contract/types'
import type { BundleCapture, BundleContents, BundleLogLine } from './contents'
import { logAnchor, poolAnchor, runAnchor, runFailed, transactionAnchor, type Finding } from './findings'

const LOG_ROWS = 2000
/** The case's timeline in the report: its newest items (the data's timeline.json has more). */
const TIMELINE_SHOWN = 300

export interface ReportFacts {
  appVersion: string
  createdAt: string
  timeZone: string
  anonymized: boolean
  /** The bundle's other files, for the reader to know where the rest is (none: the report alone). */
  files: string[]
}

const escapeHtml = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function reportHtml(contents: BundleContents, findings: Finding[], facts: ReportFacts): string {
  const { session } = contents
  const tried = [
    ...contents.captures.map((c) => `Captured ${c.packets.toLocaleString('en')} packets in “${c.info.name}”${c.info.live ? ` live on ${c.info.live.iface}` : ''}`),
    ...contents.clientRuns.map((r) => `Ran the ${r.kind === 'dhclient' ? 'real dhclient' : 'built-in test client'} (${r.mode}) as ${r.mac}: ${r.reason}`),
    ...contents.keaHistory.map((h) => `Read Kea through “${h.profileId}”: ${h.status.reduce((n, s) => n + s.samples.length, 0)} status and ${h.usage.reduce((n, u) => n + u.samples.length, 0)} utilization readings`),
  ]
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportCsp}">
<title>${escapeHtml(session.name)} — DHCP Field Kit report</title>
<style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(session.name)}</h1>
<p class="muted">Session started ${escapeHtml(session.createdAt)}, last changed ${escapeHtml(session.updatedAt)}. Report made ${escapeHtml(facts.createdAt)} (${escapeHtml(facts.timeZone)}) by DHCP Field Kit ${escapeHtml(facts.appVersion)}${facts.anonymized ? '; MAC addresses, IP addresses and host names are pseudonymized' : ''}.</p></header>
${session.tags.length ? `<p class="tags">${session.tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ')}</p>` : ''}
${session.notes ? `<section id="notes"><h2>Notes</h2><p class="notes">${escapeHtml(session.notes)}</p></section>` : ''}
<section id="case"><h2>What was tried</h2>${tried.length ? `<ul>${tried.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>` : '<p>Nothing was recorded in this session.</p>'}</section>
<section id="problems"><h2>Problems found</h2>${problems(findings)}</section>
${contents.timeline?.items.length ? timelineSection(contents, contents.timeline) : ''}
${contents.captures.map(captureSection).join('\n')}
${contents.clientRuns.length ? runsSection(contents.clientRuns) : ''}
${contents.keaHistory.some((h) => h.usage.length) ? poolsSection(contents) : ''}
${contents.logLines.length ? logSection(contents.logLines) : ''}
${facts.files.length ? `<footer class="muted"><p>Also in this bundle: ${facts.files.map(escapeHtml).join(', ')}.</p></footer>` : ''}
</body></html>
`
}

function problems(findings: Finding[]): string {
  if (!findings.length) return '<p class="ok">No problems were found: every exchange completed, no test run failed, no pool is over its threshold and no log line is an error.</p>'
  return findings.map((f) => `<div class="finding ${f.severity}" data-kind="${f.kind}"><h3>${escapeHtml(f.title)} <span class="count">${f.count}</span></h3><ul>${
    f.evidence.map((e) => `<li><a href="#${e.anchor}">${escapeHtml(e.text)}</a></li>`).join('')}</ul>${
    f.count > f.evidence.length ? `<p class="muted">and ${f.count - f.evidence.length} more (see the data files).</p>` : ''}</div>`).join('\n')
}

/** The case in time order; an item whose evidence is in the report links to it. */
function timelineSection(contents: BundleContents, timeline: CaseTimeline): string {
  const shown = timeline.items.slice(-TIMELINE_SHOWN)
  const left = timeline.total - shown.length
  const anchorOf = evidenceAnchors(contents)
  const linkHtml = (link: CaseLink) => {
    const anchor = anchorOf(link)
    return anchor ? `<a href="#${anchor}">${escapeHtml(link.label)}</a>` : ''
  }
  return `<section id="timeline"><h2>Timeline of the case</h2>${left ? `<p class="muted">The ${left} oldest items are left out.</p>` : ''}
<table class="timeline"><thead><tr><th>Time (UTC)</th><th>What</th><th>Evidence</th></tr></thead><tbody>
${shown.map((item) => `<tr class="${item.severity}" data-kind="${item.kind}"><td>${escapeHtml(item.time.replace('T', ' ').replace('Z', ''))}</td><td>${escapeHtml(item.text)}</td><td>${item.links.map(linkHtml).filter(Boolean).join(' ')}</td></tr>`).join('\n')}
</tbody></table></section>`
}

/** The report's anchor for what a timeline link names, when the report holds it (a transaction among its rows, a run, a pool chart). */
function evidenceAnchors(contents: BundleContents): (link: CaseLink) => string | null {
  const transactions = new Set(contents.captures.flatMap((c) => [...c.problemTransactions, ...c.firstTransactions].map((t) => transactionAnchor(c.info.id, t))))
  const runs = new Map(contents.clientRuns.map((r, i) => [r.captureId, runAnchor(i)]))
  const pools = new Set(contents.keaHistory.flatMap((h) => h.usage.map((u) => poolAnchor(h.profileId, u.service, u.subnetId))))
  return (link) => {
    if (link.kind === 'transaction') {
      const anchor = transactionAnchor(link.captureId, { id: link.transactionId })
      return transactions.has(anchor) ? anchor : null
    }
    if (link.kind === 'run') return runs.get(link.runId) ?? null
    if (link.kind === 'kea' && link.subnetId !== null && link.service !== null) {
      const anchor = poolAnchor(link.profileId, link.service, link.subnetId)
      return pools.has(anchor) ? anchor : null
    }
    return null
  }
}

/** The capture's first transactions and its problem ones (each a problem's evidence), in order. */
function captureSection(c: BundleCapture): string {
  const { id: captureId, name } = c.info
  const byId = new Map<number, TransactionInfo>()
  for (const t of [...c.problemTransactions, ...c.firstTransactions]) byId.set(t.id, t)
  const rows = [...byId.values()].sort((a, b) => a.id - b.id)
  const stats = c.stats
  return `<section class="capture"><h2>Transactions in ${escapeHtml(name)}</h2>
${stats ? statsBlock(stats) : ''}
<table><thead><tr><th>Start (s)</th><th>Kind</th><th>Client</th><th>xid</th><th>Status</th><th>Address</th><th>Servers</th><th>Latencies</th><th>Problem</th></tr></thead><tbody>
${rows.map((t) => `<tr id="${transactionAnchor(captureId, t)}" class="${t.status}"><td>${t.start.toFixed(3)}</td><td>${escapeHtml(t.kind)}</td><td>${escapeHtml(t.client)}</td><td>${escapeHtml(t.xid)}</td><td>${t.status}</td><td>${escapeHtml(t.address)}</td><td>${escapeHtml(t.servers.join(', '))}</td><td>${
  escapeHtml(t.steps.filter((s) => s.latencyMs !== null).map((s) => `${s.type} ${s.latencyMs!.toFixed(1)} ms`).join(', '))}</td><td>${escapeHtml([t.problem, ...t.warnings].filter(Boolean).join('; '))}</td></tr>`).join('\n')}
</tbody></table>${rows.length < c.transactionTotal ? `<p class="muted">${c.transactionTotal - rows.length} more transactions are in data/transactions.csv.</p>` : ''}</section>`
}

function statsBlock(stats: CaptureStats): string {
  const t = stats.transactions
  const max = Math.max(1, ...stats.latency.map((l) => l.max))
  const width = 420
  const bars = stats.latency.map((l, i) => {
    const y = 8 + i * 26
    const scale = (ms: number) => Math.max(1, (ms / max) * (width - 180))
    return `<text x="0" y="${y + 12}">${escapeHtml(l.step)}</text><rect class="p90" x="170" y="${y}" width="${scale(l.p90)}" height="16"/><rect class="p50" x="170" y="${y}" width="${scale(l.p50)}" height="16"/><text x="${172 + scale(l.p90)}" y="${y + 12}">p50 ${l.p50.toFixed(1)} · p90 ${l.p90.toFixed(1)} · max ${l.max.toFixed(1)} ms</text>`
  }).join('')
  return `<p>${stats.packets.toLocaleString('en')} packets; ${t.total} transactions: ${t.complete} complete, ${t.incomplete} without a reply, ${t.nak} refused, ${t.failed} failed, ${t.multipleServers} answered by several servers.</p>
${stats.latency.length ? `<svg class="chart" role="img" aria-label="Latencies" width="${width + 260}" height="${16 + stats.latency.length * 26}">${bars}</svg>` : ''}`
}

function runsSection(runs: ClientRunResult[]): string {
  return `<section id="runs"><h2>Test client runs</h2>${runs.map((r, i) => `<div id="${runAnchor(i)}" class="run ${runFailed(r) ? 'failed' : 'ok'}"><h3>${escapeHtml(r.mode)} as ${escapeHtml(r.mac)} — ${escapeHtml(r.reason)}</h3>
<p>${escapeHtml(r.startedAt)} on ${escapeHtml(r.iface)}: ${escapeHtml(r.message)}</p>
<table class="variables"><tbody>${Object.entries(r.variables).map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</tbody></table></div>`).join('\n')}</section>`
}

function poolsSection(contents: BundleContents): string {
  const series = contents.keaHistory.flatMap((h: KeaHistory) => h.usage.map((u) => ({ h, u })))
  return `<section id="pools"><h2>Pool utilization</h2>${series.map(({ h, u }) => {
    const { warn, critical } = contents.thresholds(h.profileId, u.service, u.subnetId)
    const last = u.samples.at(-1)
    const percent = last && last.total > 0 ? (100 * last.assigned) / last.total : null
    return `<div id="${poolAnchor(h.profileId, u.service, u.subnetId)}" class="pool"><h3>${escapeHtml(u.service)} subnet ${u.subnetId}${u.subnet ? ` (${escapeHtml(u.subnet)})` : ''}: ${percent === null ? 'no addresses' : `${percent.toFixed(1)} %`} used${last ? ` (${last.assigned} of ${last.total} at ${escapeHtml(last.at)})` : ''}</h3>${utilizationChart(u.samples, warn, critical)}</div>`
  }).join('\n')}</section>`
}

/** Utilization over time with the warning and critical lines. */
function utilizationChart(samples: { at: string; assigned: number; total: number }[], warn: number, critical: number): string {
  const width = 600
  const height = 120
  const times = samples.map((s) => Date.parse(s.at))
  const first = Math.min(...times)
  const span = Math.max(1, Math.max(...times) - first)
  const y = (percent: number) => height - (Math.min(100, percent) / 100) * height
  const points = samples.map((s, i) => `${(((times[i] - first) / span) * width).toFixed(1)},${y(s.total > 0 ? (100 * s.assigned) / s.total : 0).toFixed(1)}`).join(' ')
  return `<svg class="chart" role="img" aria-label="Utilization" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<line class="warn" x1="0" x2="${width}" y1="${y(warn)}" y2="${y(warn)}"/><line class="critical" x1="0" x2="${width}" y1="${y(critical)}" y2="${y(critical)}"/>
<polyline points="${points}"/>${samples.length === 1 ? `<circle cx="${points.split(',')[0]}" cy="${points.split(',')[1]}" r="3"/>` : ''}</svg>`
}

function logSection(lines: BundleLogLine[]): string {
  return `<section id="logs"><h2>Log lines of this case</h2><table><thead><tr><th>Time</th><th>Severity</th><th>Message id</th><th>Message</th><th>Log</th></tr></thead><tbody>
${lines.slice(0, LOG_ROWS).map((l, i) => `<tr id="${logAnchor(i)}" class="${(l.severity ?? '').toLowerCase()}"><td>${escapeHtml(l.time)}</td><td>${escapeHtml(l.severity)}</td><td>${escapeHtml(l.messageId)}</td><td>${escapeHtml(l.message)}</td><td>${escapeHtml(l.log)}:${l.lineNumber}</td></tr>`).join('\n')}
</tbody></table></section>`
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #1d232a; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccd; padding-bottom: 0.2em; margin-top: 2em; }
.muted { color: #667; } .ok { color: #17692f; }
.finding { border-left: 4px solid #c62828; padding: 0.2em 1em; margin: 0.8em 0; background: #fdf1f1; }
.finding.warning { border-color: #b26a00; background: #fff6e8; }
.finding h3 { margin: 0.3em 0; } .count { background: #1d232a; color: #fff; border-radius: 1em; padding: 0 0.6em; font-size: 0.8em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 13px; }
th, td { border-bottom: 1px solid #e3e5ea; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
tr.nak, tr.failed, tr.incomplete, tr.error, tr.fatal, .timeline tr.problem { background: #fdf1f1; }
.timeline tr.warning { background: #fff6e8; } .timeline td:first-child { white-space: nowrap; }
tr:target, div:target { outline: 3px solid #1565c0; }
.run.failed h3 { color: #c62828; }
.notes { white-space: pre-wrap; } .tag { border: 1px solid #ccd; border-radius: 0.8em; padding: 0 0.5em; font-size: 0.85em; }
svg.chart { display: block; margin: 0.6em 0; font-size: 12px; background: #f7f8fa; }
svg.chart polyline { fill: none; stroke: #1565c0; stroke-width: 2; } svg.chart circle { fill: #1565c0; }
svg.chart line.warn { stroke: #b26a00; stroke-dasharray: 4 3; } svg.chart line.critical { stroke: #c62828; stroke-dasharray: 4 3; }
svg.chart rect.p90 { fill: #9bbbe0; } svg.chart rect.p50 { fill: #1565c0; }
@media print { tr:target, div:target { outline: none; } }
`
