// The SSH hosts a capture can run on (see ../remote-hosts.ts for what it does), wired to this page's bridge and
// to the app's message bar.
import { defineStore } from 'pinia'
import { bridge } from '../bridge'
import { remoteHosts } from '../remote-hosts'
import { useAppStore } from './app'

export const useRemoteHostsStore = defineStore('remoteHosts', () => remoteHosts(bridge.call.bind(bridge), (error) => useAppStore().report(error)))
