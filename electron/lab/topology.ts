// The lab's fixed shape. Addresses come from the documentation ranges (RFC 5737, RFC 3849) and live only
// inside the lab's own network namespaces, so lab traffic can never reach a real network.
export const lab = {
  dir: process.env.FIELDKIT_LAB_DIR ?? '/run/fieldkit-lab',
  serverNamespace: 'fklab-srv',
  clientNamespace: 'fklab-cli',
  serverInterface: 'fklab-s0',
  clientInterface: 'fklab-c0',
  /**
   * The lab's capture interface: a bridge in the host namespace joining the server's and the client's links, with no
   * address, so the app captures every lab packet without entering a namespace and without a way onto the lab.
   */
  captureInterface: 'fklab-br',
  /** The host-namespace ends of the two links, the bridge's ports. */
  serverPort: 'fklab-s1',
  clientPort: 'fklab-c1',
  serverAddress: '192.0.2.1',
  /** The client side's fixed address: the next hop towards the relayed subnet. */
  clientAddress: '192.0.2.2',
  prefixLength: 24,
  subnet: '192.0.2.0/24',
  pool: '192.0.2.100 - 192.0.2.199',
  /** A relay agent's address (giaddr) on a second subnet, reached through the client namespace. */
  relayAddress: '198.51.100.1',
  relaySubnet: '198.51.100.0/24',
  relayPool: '198.51.100.100 - 198.51.100.199',
  /**
   * A second relay agent's address, on a third subnet whose pool holds two addresses: tests fill it to see a pool
   * run out without touching the subnets everything else uses.
   */
  smallPoolRelayAddress: '203.0.113.1',
  smallPoolSubnet: '203.0.113.0/24',
  smallPool: '203.0.113.10 - 203.0.113.11',
  serverAddress6: '2001:db8:1::1',
  subnet6: '2001:db8:1::/64',
  pool6: '2001:db8:1::100 - 2001:db8:1::1ff',
  pdPrefix: '2001:db8:8000::',
  controlAgentHost: '127.0.0.1',
  controlAgentPort: Number(process.env.FIELDKIT_LAB_CA_PORT ?? 18000),
  /** A second Control Agent (Kea 2.2's agent has one listener) with what real deployments use: HTTPS, client certificates, basic auth. */
  controlAgentTlsPort: Number(process.env.FIELDKIT_LAB_CA_TLS_PORT ?? 18001),
  /**
   * The lab's API account. Public on purpose, as everything in the lab is: it guards nothing but a loopback
   * listener of throwaway servers, and the app's lab profile must work for a user who is not root.
   */
  apiUser: 'fieldkit',
  apiPassword: 'fieldkit-lab',
} as const

export const controlAgentUrl = `http://${lab.controlAgentHost}:${lab.controlAgentPort}/`
export const controlAgentTlsUrl = `https://${lab.controlAgentHost}:${lab.controlAgentTlsPort}/`
export const labServices = ['dhcp4', 'dhcp6', 'ctrl-agent', 'ctrl-agent-tls'] as const
export type LabService = (typeof labServices)[number]
