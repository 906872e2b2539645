// The engine's processes start with glibc asked for transparent huge pages (huge-pages.ts), without overriding
// what a user set themselves.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { withHugePages } from '../../electron/engine-host/huge-pages'
import { corpusDir } from '../helpers/corpus'
import { FIELDKIT, fieldkitCommand } from '../helpers/fieldkit'

describe('huge pages for the engine', () => {
  it('adds the tunable before a user\'s own tunables, and leaves a user\'s own setting of it alone', () => {
    expect(withHugePages({ PATH: '/bin' })).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' })
    expect(withHugePages({ GLIBC_TUNABLES: 'glibc.malloc.check=3' }).GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=1:glibc.malloc.check=3')
    const own = { GLIBC_TUNABLES: 'glibc.malloc.check=3:glibc.malloc.hugetlb=0' }
    expect(withHugePages(own)).toBe(own)
  })

  it('runs the built command line as the package\'s bin, through a shebang that asks for them', () => {
    fieldkitCommand()
    expect(readFileSync(FIELDKIT, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.hugetlb=1:${GLIBC_TUNABLES} node')
    const run = spawnSync(FIELDKIT, ['stats', `${corpusDir}zeek__dhcp.pcap`], { encoding: 'utf8', env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.check=0' } })
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('DHCP (BOOTP) Statistics:')
  })
})
