// The engine's processes start with glibc told to fault less (malloc-tunables.ts): glibc itself must read the
// tunables as meant, and a user's own setting of one must still win.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MALLOC_TUNABLES, withMallocTunables, withoutHeapPad } from '../../electron/engine-host/malloc-tunables'
import { corpusDir } from '../helpers/corpus'
import { FIELDKIT, fieldkitCommand } from '../helpers/fieldkit'

/** The dynamic loader prints the tunables it was given, as the program it starts would see them. */
const LOADER = { x64: '/lib64/ld-linux-x86-64.so.2', arm64: '/lib/ld-linux-aarch64.so.1' }[process.arch as 'x64' | 'arm64']
const loaderFound = LOADER !== undefined && existsSync(LOADER)
/** Why the tests that ask glibc itself are skipped, where they are: glibc's tunables are glibc's to read. */
const needsLoader = loaderFound ? '' : ` (skipped: no glibc dynamic loader for ${process.arch} at the usual path, so glibc cannot be asked)`

function tunablesSeen(env: NodeJS.ProcessEnv): Record<string, string> {
  const run = spawnSync(LOADER, ['--list-tunables'], { encoding: 'utf8', env })
  return Object.fromEntries(run.stdout.split('\n').map((line) => /^(glibc\.malloc\.\w+): (\S+)/.exec(line)).filter((m) => m !== null).map((m) => [m[1], m[2]]))
}

describe('glibc tunables for the engine', () => {
  it('puts them ahead of a user\'s own tunables', () => {
    expect(withMallocTunables({ PATH: '/bin' })).toEqual({ PATH: '/bin', GLIBC_TUNABLES: MALLOC_TUNABLES })
    expect(withMallocTunables({ GLIBC_TUNABLES: 'glibc.malloc.check=3' }).GLIBC_TUNABLES).toBe(`${MALLOC_TUNABLES}:glibc.malloc.check=3`)
  })

  it.skipIf(!loaderFound)(`is read by glibc as meant, and a user's own setting of one wins${needsLoader}`, () => {
    expect(tunablesSeen(withMallocTunables({}))).toMatchObject({ 'glibc.malloc.hugetlb': '0x1', 'glibc.malloc.top_pad': '0x2000000' })
    expect(tunablesSeen(withMallocTunables({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }))).toMatchObject({ 'glibc.malloc.hugetlb': '0x0', 'glibc.malloc.top_pad': '0x2000000' })
  })

  it.skipIf(!loaderFound)(`drops only the heap pad for a command that streams${needsLoader}`, () => {
    const streaming = withoutHeapPad(withMallocTunables({ GLIBC_TUNABLES: 'glibc.malloc.check=3' }))
    expect(tunablesSeen(streaming)).toMatchObject({ 'glibc.malloc.hugetlb': '0x1', 'glibc.malloc.top_pad': '0x0', 'glibc.malloc.check': '3' })
    const own = { GLIBC_TUNABLES: 'glibc.malloc.top_pad=4096' }
    expect(withoutHeapPad(own)).toBe(own)
  })

  it('runs the built command line as the package\'s bin, through a shebang that sets them', () => {
    fieldkitCommand()
    expect(readFileSync(FIELDKIT, 'utf8').split('\n', 1)[0]).toBe(`#!/usr/bin/env -S -u NODE_EXTRA_CA_CERTS FIELDKIT_EXTRA_CA_CERTS=\${NODE_EXTRA_CA_CERTS} GLIBC_TUNABLES=${MALLOC_TUNABLES}:\${GLIBC_TUNABLES} node`)
    const run = spawnSync(FIELDKIT, ['stats', `${corpusDir}zeek__dhcp.pcap`], { encoding: 'utf8', env: { ...process.env, GLIBC_TUNABLES: 'glibc.malloc.check=0' } })
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('DHCP (BOOTP) Statistics:')
  })
})
