// What the desktop app opens from its command line: a first launch's process.argv, a second instance's argv,
// a desktop entry's file:// URLs.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { fileToOpen, filesToOpen } from '../../electron/main/launch-files'
import { tempDir } from '../helpers/temp'

let cwd: string
let capture: string

beforeAll(() => {
  cwd = tempDir('fieldkit-launch')
  capture = join(cwd, 'dhcp trace.pcap')
  writeFileSync(capture, '')
  mkdirSync(join(cwd, 'app'))
  execFileSync('mkfifo', [join(cwd, 'pipe.pcap')])
})

describe('filesToOpen', () => {
  it('takes the files after the executable of a packaged app, resolving relative ones in the given folder', () => {
    expect(filesToOpen(['/opt/fieldkit/fieldkit', 'dhcp trace.pcap'], { cwd, defaultApp: false })).toEqual([capture])
    expect(filesToOpen(['/opt/fieldkit/fieldkit', capture, `./${'dhcp trace.pcap'}`], { cwd: '/', defaultApp: false })).toEqual([capture])
  })

  it('skips the app folder that `electron .` names in development', () => {
    expect(filesToOpen(['/usr/lib/electron', 'app', 'dhcp trace.pcap'], { cwd, defaultApp: true })).toEqual([capture])
    expect(filesToOpen(['/usr/lib/electron', '.', '--no-sandbox', 'dhcp trace.pcap'], { cwd, defaultApp: true })).toEqual([capture])
  })

  it('skips flags, including those Chromium adds to a second instance', () => {
    const argv = ['/opt/fieldkit/fieldkit', '--allow-file-access-from-files', '--original-process-start-time=1', capture, '--no-sandbox']
    expect(filesToOpen(argv, { cwd, defaultApp: false })).toEqual([capture])
  })

  it('takes file:// URLs, as a desktop entry\'s %U passes them', () => {
    expect(filesToOpen(['/opt/fieldkit/fieldkit', pathToFileURL(capture).href], { cwd: '/', defaultApp: false })).toEqual([capture])
  })

  it('leaves out what is not an existing file', () => {
    const argv = ['/opt/fieldkit/fieldkit', 'missing.pcap', 'app', 'pipe.pcap', 'https://example.com/a.pcap', 'file://host/share/a.pcap', 'a\0b']
    expect(filesToOpen(argv, { cwd, defaultApp: false })).toEqual([])
  })
})

describe('fileToOpen', () => {
  it('answers an absolute path for a file and null otherwise', () => {
    expect(fileToOpen(capture, '/')).toBe(capture)
    expect(fileToOpen('dhcp trace.pcap', cwd)).toBe(capture)
    expect(fileToOpen('app', cwd)).toBeNull()
  })
})
