// Writes electron/engine/logs/kea-messages.json: for every message id of Kea's releases from 2.0.0 on, the facts
// (severity, debug level, first and last release, renames) and nothing of Kea's wording, which stays in Kea.
//   npx tsx scripts/kea-message-facts.ts KEA_GIT_DIR [OUT_JSON]
// KEA_GIT_DIR is a clone of https://gitlab.isc.org/isc-projects/kea (bare or not) with its release tags: each
// release is read from git, so one clone gives the history.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

type Severity = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL'

interface Release {
  /** The version the app shows, e.g. '2.6.0'. */
  version: string
  ref: string
  /** Message id → its format string (read only to match renamed ids, never written out). */
  formats: Map<string, string>
  /** Severity as the id's description names it ("This debug message…"), for ids no LOG_* call uses. */
  described: Map<string, Severity>
  severity: Map<string, Severity>
  debugLevel: Map<string, number>
}

interface Facts {
  severity: Severity
  debugLevel?: number
  since: string
  removedAfter?: string
  renamedTo?: string
  renamedIn?: string
  formerly?: string
}

const FIRST_RELEASE = [2, 0, 0]

const [gitDir, outPath = join(import.meta.dirname, '../electron/engine/logs/kea-messages.json')] = process.argv.slice(2)
if (!gitDir) {
  console.error('usage: tsx scripts/kea-message-facts.ts KEA_GIT_DIR [OUT_JSON]')
  process.exit(2)
}

const git = (...args: string[]) => execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })

function releaseTags(): { version: string; ref: string }[] {
  const tags = git('tag', '--list', 'Kea-*').split('\n')
    .map((tag) => /^Kea-(\d+)\.(\d+)\.(\d+)$/.exec(tag))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ ref: m[0], parts: [Number(m[1]), Number(m[2]), Number(m[3])] }))
    .filter((t) => compareParts(t.parts, FIRST_RELEASE) >= 0)
    .sort((a, b) => compareParts(a.parts, b.parts))
  const releases = tags.map((t) => ({ version: t.parts.join('.'), ref: t.ref }))
  const last = releases.at(-1)!
  // The checkout's own commit when it is past the last release: ids new there are labelled '<last release>+dev'.
  if (git('rev-parse', 'HEAD').trim() !== git('rev-parse', `${last.ref}^{commit}`).trim()) releases.push({ version: `${last.version}+dev`, ref: 'HEAD' })
  return releases
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/** The blobs at `ref:path` for each path, read with one `git cat-file --batch`. */
function readBlobs(ref: string, paths: string[]): string[] {
  const out = execFileSync('git', ['-C', gitDir, 'cat-file', '--batch'], { input: paths.map((p) => `${ref}:${p}\n`).join(''), maxBuffer: 1 << 28 })
  const blobs: string[] = []
  for (let at = 0; at < out.length;) {
    const headerEnd = out.indexOf(10, at)
    const size = Number(out.subarray(at, headerEnd).toString().split(' ')[2])
    blobs.push(out.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'))
    at = headerEnd + 1 + size + 1
  }
  return blobs
}

const isSource = (path: string) => !/\/tests?\/|\/fuzz|_test|testutils/.test(path)

/** Message ids of a release's .mes files, with their format and the debug level the file states. */
function readMessageFiles(release: Release): void {
  const paths = git('ls-tree', '-r', '--name-only', release.ref, 'src').split('\n').filter((p) => p.endsWith('.mes') && isSource(p))
  for (const text of readBlobs(release.ref, paths)) {
    let current: string | null = null
    let described = ''
    for (const line of text.split('\n')) {
      const header = /^%\s*([A-Z][A-Z0-9_]+)\s*(.*)$/.exec(line)
      if (header) {
        current = header[1]
        described = ''
        release.formats.set(current, header[2].trim())
        continue
      }
      if (!current || line.startsWith('#') || line.startsWith('$')) continue
      const level = /^Logged at debug log level (\d+)\./.exec(line)
      if (level) release.debugLevel.set(current, Number(level[1]))
      else if (described.length < 160) {
        described += ` ${line}`
        const named = describedSeverity(described)
        if (named && !release.described.has(current)) release.described.set(current, named)
      }
    }
  }
}

/** Kea's descriptions open with the kind of message ("This debug message…", "This is an error message…"). */
function describedSeverity(description: string): Severity | undefined {
  const m = /\b(debug|informational|info|warning|error|fatal)\b (?:log )?message/i.exec(description)
  if (!m) return undefined
  const word = m[1].toLowerCase()
  return word === 'debug' ? 'DEBUG' : word === 'warning' ? 'WARN' : word === 'error' ? 'ERROR' : word === 'fatal' ? 'FATAL' : 'INFO'
}

/** Severity (and debug level where the .mes file does not state it) from the release's LOG_* calls. */
function readLogCalls(release: Release): void {
  const calls = git('grep', '-h', '-E', '-A4', 'LOG_(DEBUG|INFO|WARN|ERROR|FATAL)[[:space:]]*\\(', release.ref, '--', 'src/*.cc', 'src/*.h', ':!*/tests/*')
  const levels = debugLevelConstants(release.ref)
  const call = /LOG_(DEBUG|INFO|WARN|ERROR|FATAL)\s*\(\s*[\w:.>()-]+\s*,\s*(?:([\w:]+)\s*,\s*)?([A-Z][A-Z0-9_]+)\s*\)/g
  for (const m of calls.matchAll(call)) {
    const [, severity, level, id] = m
    if (!release.formats.has(id) || release.severity.has(id)) continue
    release.severity.set(id, severity as Severity)
    const value = level === undefined ? undefined : levels.get(level.split('::').at(-1)!)
    if (severity === 'DEBUG' && value !== undefined && !release.debugLevel.has(id)) release.debugLevel.set(id, value)
  }
}

/** Kea's named debug levels (DBG_DHCP4_DETAIL = isc::log::DBGLVL_TRACE_DETAIL …) resolved to numbers. */
function debugLevelConstants(ref: string): Map<string, number> {
  const lines = git('grep', '-h', '-E', '(DBG|DBGLVL)_[A-Z0-9_]+[[:space:]]*=', ref, '--', 'src/*.h', 'src/*.cc', ':!*/tests/*')
  const raw = new Map<string, string>()
  for (const m of lines.matchAll(/\b((?:DBG|DBGLVL)_[A-Z0-9_]+)\s*=\s*([^;,]+)[;,]/g)) raw.set(m[1], m[2].trim())
  const values = new Map<string, number>()
  const resolve = (name: string, depth = 0): number | undefined => {
    if (values.has(name)) return values.get(name)
    const expr = raw.get(name)
    if (expr === undefined || depth > 8) return undefined
    const sum = /^(?:[\w]+::)*(\w+)(?:\s*\+\s*(\d+))?$/.exec(expr)
    if (!sum) return undefined
    const base = /^\d+$/.test(sum[1]) ? Number(sum[1]) : resolve(sum[1], depth + 1)
    const value = base === undefined ? undefined : base + Number(sum[2] ?? 0)
    if (value !== undefined) values.set(name, value)
    return value
  }
  for (const name of raw.keys()) resolve(name)
  return values
}

const placeholders = (format: string) => (format.match(/%\d/g) ?? []).length
const words = (format: string) => new Set(format.replace(/%\d/g, ' ').toLowerCase().split(/\W+/).filter(Boolean))

/** Whether an id that went away in a release is the one that came in under a new name. */
function looksRenamed(gone: string, goneFormat: string, added: string, addedFormat: string): boolean {
  const goneParts = gone.split('_')
  const addedParts = added.split('_')
  if (goneParts[0] !== addedParts[0] || placeholders(goneFormat) !== placeholders(addedFormat)) return false
  const a = words(goneFormat)
  const b = words(addedFormat)
  const shared = [...a].filter((w) => b.has(w)).length
  if (shared === a.size && shared === b.size) return true
  const sharedParts = goneParts.filter((p) => addedParts.includes(p)).length
  return goneParts.length > 2 && sharedParts >= goneParts.length - 1 && shared / Math.max(1, Math.min(a.size, b.size)) >= 0.75
}

function renames(releases: Release[]): Map<string, { to: string; in: string }> {
  const found = new Map<string, { to: string; in: string }>()
  for (let i = 1; i < releases.length; i++) {
    const before = releases[i - 1].formats
    const after = releases[i].formats
    const added = [...after.keys()].filter((id) => !before.has(id))
    for (const [gone, format] of before) {
      if (after.has(gone)) continue
      const matches = added.filter((id) => looksRenamed(gone, format, id, after.get(id)!))
      if (matches.length === 1) found.set(gone, { to: matches[0], in: releases[i].version })
    }
  }
  return found
}

function facts(releases: Release[]): Map<string, Facts> {
  const all = new Map<string, Facts>()
  for (const release of releases) {
    for (const id of release.formats.keys()) {
      const known = all.get(id)
      // The latest release that has the id says its severity and level; the first one says since when.
      const severity = release.severity.get(id) ?? (release.debugLevel.has(id) ? 'DEBUG' : undefined) ?? release.described.get(id) ?? known?.severity ?? 'INFO'
      const debugLevel = severity === 'DEBUG' ? release.debugLevel.get(id) ?? known?.debugLevel : undefined
      all.set(id, { severity, ...(debugLevel !== undefined && { debugLevel }), since: known?.since ?? release.version })
    }
  }
  const newest = releases.at(-1)!
  for (const [id, entry] of all) {
    if (newest.formats.has(id)) continue
    entry.removedAfter = [...releases].reverse().find((r) => r.formats.has(id))!.version
  }
  for (const [gone, rename] of renames(releases)) {
    const from = all.get(gone)!
    delete from.removedAfter
    Object.assign(from, { renamedTo: rename.to, renamedIn: rename.in })
    all.get(rename.to)!.formerly = gone
  }
  return all
}

const releases: Release[] = releaseTags().map((t) => ({ ...t, formats: new Map(), described: new Map(), severity: new Map(), debugLevel: new Map() }))
for (const release of releases) {
  readMessageFiles(release)
  readLogCalls(release)
}
const all = facts(releases)
const unknownSeverity = [...all].filter(([id]) => !releases.some((r) => r.severity.has(id) || r.debugLevel.has(id) || r.described.has(id))).length
const head = git('log', '-1', '--format=%h %cs', 'HEAD').trim()
const source = `Facts read by scripts/kea-message-facts.ts from ISC Kea's git history (gitlab.isc.org/isc-projects/kea): ` +
  `the message ids of its *.mes files and the severity and debug level of their LOG_* calls (or, for ids no call logs, as their description names them), releases ` +
  `${releases[0].version} to ${releases.filter((r) => r.ref !== 'HEAD').at(-1)!.version} and the development branch at ${head}. ` +
  `Severity INFO where neither a LOG_* call nor the description names one (${unknownSeverity} ids). Kea's message text is not copied: see Kea's messages manual.`
const lines = [...all].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, entry]) => `${JSON.stringify(id)}:${JSON.stringify(entry)}`)
writeFileSync(outPath, `{\n"source":${JSON.stringify(source)},\n"messages":{\n${lines.join(',\n')}\n}}\n`)
console.log(`${all.size} message ids from ${releases.length} releases, ${[...all.values()].filter((f) => f.renamedTo).length} renamed → ${outPath}`)
