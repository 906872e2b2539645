// The saved SSH hosts of the Capture panel's "Where" choice, and connecting to one to list its interfaces, with the
// trust-on-first-use step for its host key. Apart from its Pinia store (stores/remote-hosts.ts) so this logic runs
// in Node tests: it reaches the engine only through the `call` it is given, and reports failures through `report`.
// A secret the user typed passes through `save` to the engine and is kept nowhere here.
import { ref, shallowRef } from 'vue'
import type { ContractClient, ContractErrorShape, Params } from '../../electron/contract/methods'
import type { CaptureInterfaceInfo, RemoteHostInfo } from '../../electron/contract/types'
import { latestRequest, stale } from './latest-request'

export type NewRemoteHost = Params<'remote.save'>
type HostKey = NonNullable<ContractErrorShape['hostKey']>
/** A host key seen for the first time, waiting for the user to trust it (or not). */
export type HostKeyQuestion = Omit<HostKey, 'firstUse'> & { hostId: string }

/** How the panel names a saved host: user@host, with the port when it is not SSH's own. */
export function hostLabel(host: { user: string; host: string; port: number }): string {
  return `${host.user}@${host.host}${host.port === 22 ? '' : `:${host.port}`}`
}

export function remoteHosts(call: ContractClient['call'], report: (error: unknown) => void) {
  const hosts = ref<RemoteHostInfo[]>([])
  /** The host whose interfaces are listed (or being fetched, or whose key is in question). */
  const hostId = ref<string | null>(null)
  const interfaces = shallowRef<CaptureInterfaceInfo[] | null>(null)
  const connecting = ref(false)
  const hostKeyQuestion = ref<HostKeyQuestion | null>(null)
  /** Picking another host while one is still connecting makes the first one's answer moot. */
  const listing = latestRequest()

  async function load() {
    try {
      hosts.value = await call('remote.hosts', {})
    } catch (error) {
      report(error)
    }
  }

  /** Saves a host with its secret (held by the engine from then on); null when the engine refused it. */
  async function save(host: NewRemoteHost): Promise<RemoteHostInfo | null> {
    try {
      const saved = await call('remote.save', host)
      hosts.value = [...hosts.value, saved]
      return saved
    } catch (error) {
      report(error)
      return null
    }
  }

  async function remove(id: string) {
    try {
      await call('remote.delete', { hostId: id })
      hosts.value = hosts.value.filter((h) => h.id !== id)
      if (hostId.value === id) forget()
    } catch (error) {
      report(error)
    }
  }

  /**
   * Lists the host's interfaces; null when that failed (reported) or when its key awaits the user's trust.
   * `trustHostKey` is the fingerprint the user accepted: the engine records it as known for this host.
   */
  async function connect(id: string, trustHostKey?: string): Promise<CaptureInterfaceInfo[] | null> {
    hostId.value = id
    interfaces.value = null
    hostKeyQuestion.value = null
    connecting.value = true
    try {
      const answer = await listing.run(() => call('remote.interfaces', { hostId: id, ...(trustHostKey && { trustHostKey }) }))
      // A newer connect (or forget) took over, and says when it is done.
      if (answer === stale) return null
      connecting.value = false
      interfaces.value = answer
      return answer
    } catch (error) {
      connecting.value = false
      const hostKey = (error as { hostKey?: HostKey }).hostKey
      // Only a key never seen may be trusted here; a changed one is refused with the engine's sentence, which names
      // both fingerprints and how to clear the old one when the change is legitimate.
      if (hostKey?.firstUse) {
        const { firstUse: _firstUse, ...key } = hostKey
        hostKeyQuestion.value = { ...key, hostId: id }
      } else {
        report(error)
      }
      return null
    }
  }

  /** The user compared the fingerprint and trusts it: connect again, accepting that key. */
  async function trust(): Promise<CaptureInterfaceInfo[] | null> {
    const question = hostKeyQuestion.value
    if (!question) return null
    return connect(question.hostId, question.fingerprint)
  }

  /** Back to no remote host (this machine, or the host was deleted). */
  function forget() {
    listing.cancel()
    hostId.value = null
    interfaces.value = null
    hostKeyQuestion.value = null
    connecting.value = false
  }

  return { hosts, hostId, interfaces, connecting, hostKeyQuestion, load, save, remove, connect, trust, forget }
}
