// Applying an edited configuration to the lab's real Kea 2.2, through the engine and the command line: the edit
// (valid-lifetime 600 -> 601, as kea.config shows the configuration, secrets hidden) tested with config-test, its
// diff previewed, config-set refused unconfirmed and applied confirmed, checked with config-get; config-write
// writing the server's file and config-reload reading it again. The lab's configuration and file are set back
// afterwards whatever happened.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeaCommandAnswer, KeaConfigApplied, KeaConfigPreview, KeaConfigTest } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'
import { labDown, labStatus, labUp } from '../../electron/lab/lab'
import { lab } from '../../electron/lab/topology'
import { tempDataDir, testEngine } from '../helpers/engine'
import { runFieldkit } from '../helpers/fieldkit'
import { labUnavailable } from '../helpers/lab'

const unavailable = labUnavailable()
const dataDir = tempDataDir()
let engine: Engine
let wasUp = false
/** The lab's DHCPv4 configuration as config-get gave it (secrets and all), to set back. */
let original: Record<string, unknown> | null = null
/** The file the lab's kea-dhcp4 was started with, and its bytes as `lab up` wrote them, to put back after config-write. */
const labConfigFile = join(lab.dir, 'kea-dhcp4.json')
let originalFile: Buffer | null = null

type Dhcp4 = { Dhcp4: Record<string, unknown> }
const command = (name: string, args?: Record<string, unknown>) =>
  engine.dispatch('kea.command', { profileId: 'lab', command: name, service: 'dhcp4', ...(args && { arguments: args }), confirmed: true }) as Promise<KeaCommandAnswer>
const runningLifetime = async () => ((await command('config-get')).arguments as Dhcp4).Dhcp4['valid-lifetime']
/** The configuration as the Review tab's editor gets it. */
const shown = async () => await engine.dispatch('kea.config', { profileId: 'lab', service: 'dhcp4' }) as Dhcp4

describe.skipIf(unavailable !== null)(`Applying a configuration on the lab${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  beforeAll(async () => {
    wasUp = labStatus().up
    await labUp()
    engine = testEngine(dataDir)
    original = (await command('config-get')).arguments as Record<string, unknown>
    expect((original as Dhcp4).Dhcp4['valid-lifetime']).toBe(600)
  })
  afterAll(async () => {
    try {
      if (originalFile) writeFileSync(labConfigFile, originalFile)
      if (original) expect((await command('config-set', original)).result).toBe(0)
    } finally {
      engine?.close()
      if (!wasUp) await labDown()
    }
  })

  it('tests, previews, refuses unconfirmed, then applies a changed valid-lifetime, seen by config-get', async () => {
    const edited = await shown()
    edited.Dhcp4['valid-lifetime'] = 601
    const tested = await engine.dispatch('kea.configTest', { profileId: 'lab', service: 'dhcp4', config: edited }) as KeaConfigTest
    expect(tested).toMatchObject({ accepted: true, result: 0 })

    const preview = await engine.dispatch('kea.configPreview', { profileId: 'lab', service: 'dhcp4', config: edited }) as KeaConfigPreview
    expect(preview).toMatchObject({ service: 'dhcp4', changed: true })
    expect(preview.diff).toMatch(/^--- running \(config-get\)\n\+\+\+ edited\n@@ /)
    expect(preview.diff).toMatch(/\n- {4}"valid-lifetime": 600,?\n\+ {4}"valid-lifetime": 601,?\n/)
    expect(preview.diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2)

    await expect(engine.dispatch('kea.configApply', { profileId: 'lab', service: 'dhcp4', config: edited }))
      .rejects.toMatchObject({ code: 'bad-input', message: '"config-set" changes the server\'s state: confirm it to send it (in the command line, add --yes).' })
    expect(await runningLifetime()).toBe(600)

    const applied = await engine.dispatch('kea.configApply', { profileId: 'lab', service: 'dhcp4', config: edited, confirmed: true }) as KeaConfigApplied
    expect(applied).toMatchObject({ service: 'dhcp4', applied: true, set: { command: 'config-set', result: 0 }, written: null })
    expect(await runningLifetime()).toBe(601)
    const after = await engine.dispatch('kea.configPreview', { profileId: 'lab', service: 'dhcp4', config: edited }) as KeaConfigPreview
    expect(after).toMatchObject({ changed: false, diff: '' })
  })

  it('kea apply on the command line shows the diff, refuses without --yes when it cannot ask, and applies with it', async () => {
    const edited = await shown()
    edited.Dhcp4['valid-lifetime'] = 602
    const file = join(dataDir, 'dhcp4-602.json')
    writeFileSync(file, JSON.stringify(edited, null, 2))

    const refused = runFieldkit(['kea', 'apply', '--profile', 'lab', '--config', file], { timeout: 30000 })
    expect(refused.code).not.toBe(0)
    expect(refused.stdout).toMatch(/^--- running \(config-get\)\n\+\+\+ edited\n/)
    // The first test left 601 running.
    expect(refused.stdout).toMatch(/\n- {4}"valid-lifetime": 601,?\n\+ {4}"valid-lifetime": 602,?\n/)
    expect(refused.stderr).toContain('applying the configuration changes the dhcp4 server: add --yes to send config-set without a prompt.')
    expect(await runningLifetime()).not.toBe(602)

    const done = runFieldkit(['kea', 'apply', '--profile', 'lab', '--config', file, '--yes'], { timeout: 30000 })
    expect(done.stderr).toBe('')
    expect(done.code).toBe(0)
    expect(done.stdout).toMatch(/\nconfig-set: result 0 \(success\): Configuration successful\.?\n/)
    expect(await runningLifetime()).toBe(602)
  })

  it('writes the applied configuration with config-write, and config-reload reads the server\'s file again', async () => {
    originalFile = readFileSync(labConfigFile)
    const edited = await shown()
    edited.Dhcp4['valid-lifetime'] = 603
    const applied = await engine.dispatch('kea.configApply', { profileId: 'lab', service: 'dhcp4', config: edited, write: true, confirmed: true }) as KeaConfigApplied
    expect(applied).toMatchObject({ applied: true, set: { result: 0 }, written: { command: 'config-write', result: 0 } })
    expect(readFileSync(labConfigFile, 'utf8')).toMatch(/"valid-lifetime": 603/)

    // The file as the lab wrote it, then read again by the server: the running lifetime is the file's.
    writeFileSync(labConfigFile, originalFile)
    await expect(engine.dispatch('kea.command', { profileId: 'lab', command: 'config-reload', service: 'dhcp4' }))
      .rejects.toMatchObject({ message: '"config-reload" changes the server\'s state: confirm it to send it (in the command line, add --yes).' })
    expect(await runningLifetime()).toBe(603)
    expect(await command('config-reload')).toMatchObject({ result: 0 })
    expect(await runningLifetime()).toBe(600)
  })
})
