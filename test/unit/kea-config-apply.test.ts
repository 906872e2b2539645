// Applying an edited configuration: the secrets an edit shows as ***** keep their running value only where the map
// around them is unchanged (restore-secrets.ts), the diff hides secrets on both sides yet shows a typed one as
// changed (config-diff.ts), and nothing that sets a configuration leaves the engine unconfirmed or with a ***** secret.
import { describe, expect, it } from 'vitest'
import type { KeaProfileInfo } from '../../electron/contract/types'
import { configDiff, MAX_DIFF_EDITS, TYPED_SECRET } from '../../electron/engine/kea/config-diff'
import { formConnection } from '../../electron/engine/kea/profiles'
import { runCommand } from '../../electron/engine/kea/kea-console'
import { redactSecrets } from '../../electron/engine/kea/redact'
import { hiddenSecrets, restoreSecrets } from '../../electron/engine/kea/restore-secrets'
import { testEngine } from '../helpers/engine'

const running = {
  Dhcp4: {
    'valid-lifetime': 600,
    'lease-database': { type: 'mysql', host: 'db1', name: 'kea', user: 'kea', password: 'lease-secret' },
    'hosts-databases': [{ type: 'mysql', host: 'db1', name: 'hosts', user: 'kea', password: 'hosts-one' }, { type: 'pgsql', host: 'db2', name: 'hosts', user: 'kea', password: 'hosts-two' }],
  },
}
/** What kea.config hands the editor. */
const shown = () => structuredClone(redactSecrets(running))

describe('putting back the secrets an edit shows as *****', () => {
  it('keeps each running secret where its map is unchanged, and sends a typed one as typed', () => {
    const edited = shown()
    edited.Dhcp4['valid-lifetime'] = 601
    edited.Dhcp4['hosts-databases'][1].password = 'typed-new'
    const { config, restored } = restoreSecrets(edited, running)
    expect(config).toEqual({ Dhcp4: { ...running.Dhcp4, 'valid-lifetime': 601, 'hosts-databases': [running.Dhcp4['hosts-databases'][0], { ...running.Dhcp4['hosts-databases'][1], password: 'typed-new' }] } })
    expect(restored).toEqual(['Dhcp4.lease-database.password', 'Dhcp4.hosts-databases[0].password'])
  })

  it('refuses a ***** whose map changed: a reordered list must not hand one database another\'s password', () => {
    const swapped = shown()
    swapped.Dhcp4['hosts-databases'].reverse()
    expect(() => restoreSecrets(swapped, running)).toThrow('Dhcp4.hosts-databases[0].password is still ***** (the hidden secret) and cannot be kept from the running configuration, which has none there or a different map around it: type the secret itself, or leave that map as it runs.')
    const moved = shown()
    moved.Dhcp4['lease-database'].host = 'db9'
    expect(() => restoreSecrets(moved, running)).toThrow(/^Dhcp4\.lease-database\.password is still \*\*\*\*\*/)
  })

  it('refuses a ***** where nothing runs, and leaves a ***** in a field that holds no secret alone', () => {
    const added = { Dhcp4: { ...shown().Dhcp4, 'config-control': { 'config-databases': [{ type: 'mysql', password: '*****' }] }, comment: '*****' } }
    expect(() => restoreSecrets(added, running)).toThrow(/^Dhcp4\.config-control\.config-databases\[0\]\.password is still/)
    const commented = { Dhcp4: { ...shown().Dhcp4, comment: '*****' } }
    expect(restoreSecrets(commented, running).config.Dhcp4).toMatchObject({ comment: '*****', 'lease-database': { password: 'lease-secret' } })
  })

  it('finds the hidden secrets left in a command\'s arguments', () => {
    expect(hiddenSecrets(shown())).toEqual(['Dhcp4.lease-database.password', 'Dhcp4.hosts-databases[0].password', 'Dhcp4.hosts-databases[1].password'])
    expect(hiddenSecrets(running)).toEqual([])
  })
})

describe('the diff the user confirms', () => {
  it('shows the changed line in a unified diff, secrets hidden on both sides, a typed secret marked as changed', () => {
    const edited = shown()
    edited.Dhcp4['valid-lifetime'] = 601
    edited.Dhcp4['lease-database'].password = 'typed-new'
    const { diff, changed } = configDiff(running, edited)
    expect(changed).toBe(true)
    expect(diff).toContain('--- running (config-get)\n+++ edited\n')
    expect(diff).toContain('\n-    "valid-lifetime": 600\n+    "valid-lifetime": 601\n')
    expect(diff).toContain(`\n-      "password": "*****",\n+      "password": "${TYPED_SECRET}",\n`)
    for (const secret of ['lease-secret', 'hosts-one', 'hosts-two', 'typed-new']) expect(diff).not.toContain(secret)
  })

  it('says so, rather than listing them, when an edit changes more lines than a diff should hold the engine for', () => {
    const subnets = (offset: number) => ({ Dhcp4: { subnet4: Array.from({ length: MAX_DIFF_EDITS }, (_, i) => ({ id: i + offset })) } })
    const { diff, changed } = configDiff(subnets(1), subnets(MAX_DIFF_EDITS + 1))
    expect(changed).toBe(true)
    expect(diff).toMatch(new RegExp(`^The edit changes more than ${MAX_DIFF_EDITS} lines of the \\d+ running: too many to list here`))
  })

  it('finds no change in the running configuration shown back, in another key order', () => {
    const reordered = { Dhcp4: Object.fromEntries(Object.entries(shown().Dhcp4).reverse()) }
    expect(configDiff(running, reordered)).toEqual({ diff: '', changed: false })
  })
})

describe('what the engine refuses to send', () => {
  it('refuses kea.configApply unconfirmed before reaching for the server', async () => {
    const engine = testEngine()
    try {
      // A dead port: had the engine tried to reach it, the sentence would be about a refused connection.
      const profile = await engine.dispatch('kea.saveProfile', { name: 'dead port', kind: 'http', url: 'http://127.0.0.1:9/' }) as KeaProfileInfo
      await expect(engine.dispatch('kea.configApply', { profileId: profile.id, service: 'dhcp4', config: shown() }))
        .rejects.toMatchObject({ code: 'bad-input', message: '"config-set" changes the server\'s state: confirm it to send it (in the command line, add --yes).' })
      await expect(engine.dispatch('kea.command', { profileId: profile.id, command: 'config-reload', service: 'dhcp4' }))
        .rejects.toMatchObject({ message: '"config-reload" changes the server\'s state: confirm it to send it (in the command line, add --yes).' })
    } finally {
      engine.close()
    }
  })

  it('refuses a console config-set that would make ***** the new secret', async () => {
    const connection = formConnection({ kind: 'http', name: 'dead port', url: 'http://127.0.0.1:9/' })
    await expect(runCommand(connection, { command: 'config-set', service: 'dhcp4', arguments: shown(), confirmed: true }))
      .rejects.toThrow('config-set would make ***** the new secret at Dhcp4.lease-database.password, Dhcp4.hosts-databases[0].password, Dhcp4.hosts-databases[1].password: apply the edit from the Review tab (or fieldkit kea apply), which keeps the running secrets, or type them.')
  })
})
