// Test scratch folders live under one folder per run, which the global teardown removes.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function tempDir(prefix: string): string {
  return mkdtempSync(join(process.env.FIELDKIT_TEST_TMP ?? tmpdir(), `${prefix}-`))
}
