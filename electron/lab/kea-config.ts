// Kea configurations for the lab, written as objects so they stay valid JSON and can be checked by Kea itself
// (`kea-dhcp4 -t`). Leases go to memfile CSVs in the lab folder; lease_cmds and stat_cmds are loaded so the
// app's lease and statistics views have something real to read.
import { join } from 'node:path'
import { labTls } from './lab-tls'
import { lab } from './topology'

const HOOKS_DIR = '/usr/lib/x86_64-linux-gnu/kea/hooks'

export function hookLibraries(hooksDir = HOOKS_DIR) {
  return [{ library: join(hooksDir, 'libdhcp_lease_cmds.so') }, { library: join(hooksDir, 'libdhcp_stat_cmds.so') }]
}

export function socketPath(service: 'dhcp4' | 'dhcp6'): string {
  return join(lab.dir, `kea-${service}.sock`)
}

function loggers(name: string, file: string) {
  return [{ name, output_options: [{ output: join(lab.dir, file), maxsize: 10485760, maxver: 2 }], severity: 'INFO', debuglevel: 0 }]
}

export function dhcp4Config(hooksDir?: string) {
  return {
    Dhcp4: {
      'interfaces-config': { interfaces: [lab.serverInterface], 'dhcp-socket-type': 'raw' },
      'control-socket': { 'socket-type': 'unix', 'socket-name': socketPath('dhcp4') },
      'lease-database': { type: 'memfile', persist: true, name: join(lab.dir, 'kea-leases4.csv'), 'lfc-interval': 0 },
      'hooks-libraries': hookLibraries(hooksDir),
      'valid-lifetime': 600,
      'renew-timer': 300,
      'rebind-timer': 525,
      subnet4: [
        {
          id: 1, subnet: lab.subnet, pools: [{ pool: lab.pool }], interface: lab.serverInterface,
          'option-data': [
            { name: 'routers', data: lab.serverAddress },
            { name: 'domain-name-servers', data: lab.serverAddress },
            { name: 'domain-name', data: 'lab.fieldkit.test' },
            // A domain list (RFC 3397), so comparisons with the real dhclient cover its format too.
            { name: 'domain-search', data: 'lab.fieldkit.test, example.org' },
          ],
        },
        {
          id: 2, subnet: lab.relaySubnet, pools: [{ pool: lab.relayPool }], relay: { 'ip-addresses': [lab.relayAddress] },
          'option-data': [{ name: 'routers', data: lab.relayAddress }],
        },
        {
          // Id 4: tests that add a subnet of their own to a copy of this configuration use 3.
          id: 4, subnet: lab.smallPoolSubnet, pools: [{ pool: lab.smallPool }], relay: { 'ip-addresses': [lab.smallPoolRelayAddress] },
          'option-data': [{ name: 'routers', data: lab.smallPoolRelayAddress }],
        },
      ],
      loggers: loggers('kea-dhcp4', 'kea-dhcp4.log'),
    },
  }
}

export function dhcp6Config(hooksDir?: string) {
  return {
    Dhcp6: {
      'interfaces-config': { interfaces: [lab.serverInterface] },
      // A fixed DUID kept in the config, so the lab writes nothing outside its own folder.
      'server-id': { type: 'EN', 'enterprise-id': 2495, identifier: '6669656c646b6974', persist: false },
      'control-socket': { 'socket-type': 'unix', 'socket-name': socketPath('dhcp6') },
      'lease-database': { type: 'memfile', persist: true, name: join(lab.dir, 'kea-leases6.csv'), 'lfc-interval': 0 },
      'hooks-libraries': hookLibraries(hooksDir),
      'preferred-lifetime': 300,
      'valid-lifetime': 600,
      subnet6: [{
        id: 1, subnet: lab.subnet6, interface: lab.serverInterface, pools: [{ pool: lab.pool6 }],
        'pd-pools': [{ prefix: lab.pdPrefix, 'prefix-len': 48, 'delegated-len': 56 }],
        'option-data': [{ name: 'dns-servers', data: lab.serverAddress6 }, { name: 'domain-search', data: 'lab.fieldkit.test' }],
      }],
      loggers: loggers('kea-dhcp6', 'kea-dhcp6.log'),
    },
  }
}

const controlSockets = () => ({
  dhcp4: { 'socket-type': 'unix', 'socket-name': socketPath('dhcp4') },
  dhcp6: { 'socket-type': 'unix', 'socket-name': socketPath('dhcp6') },
})

export function controlAgentConfig() {
  return {
    'Control-agent': {
      'http-host': lab.controlAgentHost,
      'http-port': lab.controlAgentPort,
      'control-sockets': controlSockets(),
      loggers: loggers('kea-ctrl-agent', 'kea-ctrl-agent.log'),
    },
  }
}

/** The agent as deployments secure it: HTTPS with a client certificate required, and basic auth on top. */
export function controlAgentTlsConfig() {
  return {
    'Control-agent': {
      'http-host': lab.controlAgentHost,
      'http-port': lab.controlAgentTlsPort,
      'trust-anchor': labTls.ca,
      'cert-file': labTls.serverCert,
      'key-file': labTls.serverKey,
      'cert-required': true,
      authentication: { type: 'basic', realm: 'fieldkit-lab', clients: [{ user: lab.apiUser, 'password-file': labTls.passwordFile }] },
      'control-sockets': controlSockets(),
      loggers: loggers('kea-ctrl-agent', 'kea-ctrl-agent-tls.log'),
    },
  }
}
