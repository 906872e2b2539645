// One scratch folder for the whole test run (tests make their data folders, captures and uploads in it),
// removed at the end so runs leave nothing behind in /tmp.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'fieldkit-test-run-'))
  process.env.FIELDKIT_TEST_TMP = root
  return () => rmSync(root, { recursive: true, force: true })
}
