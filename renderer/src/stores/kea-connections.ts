// The Kea view's connections: the saved profiles (the lab's first while the lab is up), the one selected, and the
// last "Test connection" answer for each, whose commands the console offers. A password or key the user typed
// passes through `save` or `testForm` to the engine and is kept nowhere here.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Params } from '../../../electron/contract/methods'
import type { KeaProfileInfo, KeaTestReport } from '../../../electron/contract/types'
import { bridge } from '../bridge'
import { useAppStore } from './app'
import { isSecretsLocked } from './secrets'

export type KeaProfileForm = Params<'kea.saveProfile'>
export type KeaConnectionForm = Omit<KeaProfileForm, 'id' | 'remember'>

/** A test's answer, or the engine's sentence when it could not even try (a secret forgotten since a restart). */
export type KeaTestOutcome = { report: KeaTestReport; error: null } | { report: null; error: string; secretsLocked: boolean }

const failed = (error: unknown): KeaTestOutcome => ({ report: null, error: error instanceof Error ? error.message : String(error), secretsLocked: isSecretsLocked(error) })

/** The Kea view's tabs. */
export type KeaTab = 'status' | 'review' | 'pools' | 'console'

export const useKeaConnectionsStore = defineStore('keaConnections', () => {
  const profiles = shallowRef<KeaProfileInfo[] | null>(null)
  /** The tab the Kea view shows: here, so a link from elsewhere (the case's timeline) opens the view on one. */
  const tab = ref<KeaTab>('status')
  /** The unix control sockets this machine has: the only ones a unix connection may name. */
  const sockets = shallowRef<string[]>([])
  const selectedId = ref<string | null>(null)
  /** The last test of each saved profile, by its id. */
  const tests = ref<Record<string, KeaTestOutcome>>({})
  const testing = ref<string | null>(null)

  const selected = computed(() => profiles.value?.find((p) => p.id === selectedId.value) ?? null)
  const selectedTest = computed(() => (selectedId.value ? tests.value[selectedId.value] ?? null : null))

  async function load() {
    try {
      const [listed, found] = await Promise.all([bridge.call('kea.profiles', {}), bridge.call('kea.sockets', {})])
      profiles.value = listed
      sockets.value = found
      if (!listed.some((p) => p.id === selectedId.value)) select((listed.find((p) => p.lab) ?? listed[0])?.id ?? null)
    } catch (error) {
      useAppStore().report(error)
    }
  }

  /** Selects a profile and, the first time, tests it: its answer says what the console can send. */
  function select(id: string | null) {
    selectedId.value = id
    if (id && !tests.value[id]) void test(id)
  }

  async function test(profileId: string) {
    testing.value = profileId
    try {
      // Awaited before the spread: another profile's test may end meanwhile, and its answer must stay.
      const report = await bridge.call('kea.test', { profileId })
      tests.value = { ...tests.value, [profileId]: { report, error: null } }
    } catch (error) {
      tests.value = { ...tests.value, [profileId]: failed(error) }
    } finally {
      if (testing.value === profileId) testing.value = null
    }
  }

  /** Tests what a profile form holds, before it is saved. */
  async function testForm(profile: KeaConnectionForm): Promise<KeaTestOutcome> {
    try {
      return { report: await bridge.call('kea.test', { profile }), error: null }
    } catch (error) {
      return failed(error)
    }
  }

  /** Saves a profile (its secrets go to the engine) and selects it; null when the engine refused it (reported). */
  async function save(profile: KeaProfileForm): Promise<KeaProfileInfo | null> {
    try {
      const saved = await bridge.call('kea.saveProfile', profile)
      const { [saved.id]: _outdated, ...others } = tests.value
      tests.value = others
      await load()
      select(saved.id)
      return saved
    } catch (error) {
      useAppStore().report(error)
      return null
    }
  }

  async function remove(profileId: string) {
    try {
      await bridge.call('kea.deleteProfile', { profileId })
      const { [profileId]: _gone, ...others } = tests.value
      tests.value = others
      await load()
    } catch (error) {
      useAppStore().report(error)
    }
  }

  return { profiles, tab, sockets, selectedId, tests, testing, selected, selectedTest, load, select, test, testForm, save, remove }
})
