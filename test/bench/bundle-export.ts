// A big capture's session exported as a bundle, beside Info-ZIP's `zip -r` of the same files (the bundle's own,
// unzipped) in the same run: throughput over the bytes that go in, and peak memory.
//   tsx test/bench/bundle-export.ts FILE   (npm run bench runs it on its capture)
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withMallocTunables } from '../../electron/engine-host/malloc-tunables'

const mbPerSecond = (bytes: number, ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(0)} MB/s`

export function benchBundleExport(file: string): void {
  const probe = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'test/bench/bundle-probe.ts', file], { encoding: 'utf8', maxBuffer: 1 << 26, env: withMallocTunables(process.env) })) as {
    exportMs: number; baselineRss: number; peakRss: number; zip: string; zipBytes: number; dataDir: string
  }
  const tree = mkdtempSync(join(tmpdir(), 'fieldkit-bench-unzipped-'))
  try {
    execFileSync('unzip', ['-q', probe.zip, '-d', tree])
    const files = readdirSync(tree, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
    const input = files.reduce((n, f) => n + statSync(f).size, 0)
    const out = join(tmpdir(), `fieldkit-bench-zip-${process.pid}.zip`)
    const started = performance.now()
    const zip = spawnSync('/usr/bin/time', ['-f', '%M', 'zip', '-r', '-q', out, '.'], { cwd: tree, encoding: 'utf8' })
    const zipMs = performance.now() - started
    if (zip.status !== 0) throw new Error(`zip -r failed: ${zip.stderr}`)
    const zipRssKb = Number(zip.stderr.trim().split('\n').at(-1))
    const zipBytes = statSync(out).size
    rmSync(out, { force: true })
    console.log(`\nbundle export of the capture's session (captures as pcapng, report, data; ${files.length} files, ${(input / 1e6).toFixed(1)} MB going in)`)
    console.log(`  app (bundle.export)  ${(probe.exportMs / 1000).toFixed(2).padStart(7)} s  ${mbPerSecond(input, probe.exportMs).padStart(9)}  zip ${(probe.zipBytes / 1e6).toFixed(1)} MB  peak RSS ${(probe.peakRss / 1e6).toFixed(0)} MB (${((probe.peakRss - probe.baselineRss) / 1e6).toFixed(0)} MB above the loaded engine)`)
    console.log(`  zip -r (Info-ZIP)    ${(zipMs / 1000).toFixed(2).padStart(7)} s  ${mbPerSecond(input, zipMs).padStart(9)}  zip ${(zipBytes / 1e6).toFixed(1)} MB  peak RSS ${(zipRssKb / 1024).toFixed(0)} MB`)
    console.log(`  ratio                ${(zipMs / probe.exportMs).toFixed(2)}× zip -r's speed (the app also writes the pcapng, report and data, and hashes every file)`)
  } finally {
    rmSync(tree, { recursive: true, force: true })
    rmSync(probe.dataDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchBundleExport(process.argv[2])
