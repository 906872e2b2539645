// Our own explanation of the Kea messages that matter when a client gets no address or the wrong one: what the
// line tells a technician and what to check next. Written for Field Kit (Kea's own descriptions stay in Kea's
// manual); one entry serves the DHCPv4 and DHCPv6 twins, and catalogue.ts finds an id's entry under its other names.

export interface MessageAdvice {
  meaning: string
  action: string
}

const ENTRIES: (MessageAdvice & { ids: string[] })[] = [
  // Allocation: why no address was found, or why the asked-for one was refused.
  {
    ids: ['ALLOC_ENGINE_V4_ALLOC_FAIL', 'ALLOC_ENGINE_V6_ALLOC_FAIL'],
    meaning: 'Kea gave up looking for an address (or prefix) for this client: every candidate it tried was leased, reserved for someone else or declined. The next lines with the same tid say whether the subnet, the shared network or the pools\' class rules were the limit.',
    action: 'Open Kea › Pools and look at the subnet\'s utilization. If it is full: shorten valid-lifetime, reclaim expired leases, add or widen a pool. A burst of these is pool depletion, or one device cycling through MAC addresses.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_ALLOC_FAIL_SUBNET', 'ALLOC_ENGINE_V6_ALLOC_FAIL_SUBNET'],
    meaning: 'The subnet Kea picked for this client has no address left that this client may have.',
    action: 'The subnet\'s pools are exhausted or every free address is reserved or declined: look at the pool\'s utilization and declined-addresses count, and at reservations that sit inside the pool.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_ALLOC_FAIL_SHARED_NETWORK', 'ALLOC_ENGINE_V6_ALLOC_FAIL_SHARED_NETWORK'],
    meaning: 'Kea tried every subnet of the shared network and found no free address this client is allowed to use.',
    action: 'Check the utilization of each subnet in the shared network, and the client-class restrictions on those subnets and pools: a pool the client\'s classes exclude does not count as free space for it.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_ALLOC_FAIL_NO_POOLS', 'ALLOC_ENGINE_V6_ALLOC_FAIL_NO_POOLS'],
    meaning: 'None of the subnet\'s pools accepts this client, so Kea did not even look for a free address. Usually every pool is limited to client classes this client is not a member of, or the subnet has no pool at all (reservations only).',
    action: 'Compare the pools\' client-class settings with the classes the client got (the CLASS_ASSIGNED lines of the same tid). If the subnet is meant for reserved clients only, add a reservation for this one.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_ALLOC_FAIL_CLASSES', 'ALLOC_ENGINE_V6_ALLOC_FAIL_CLASSES'],
    meaning: 'Allocation failed and this line lists the client classes the packet was in at that moment.',
    action: 'Check that the pool meant for this device is open to one of those classes; a class test that does not match (vendor class, option 82, MAC prefix) puts the client outside its pool.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_ALLOC_ERROR', 'ALLOC_ENGINE_V6_ALLOC_ERROR'],
    meaning: 'Something went wrong inside the allocation itself (not a full pool): the reason is at the end of the line, often the lease database.',
    action: 'Read the reason, then look just above for database or hook errors. If the lease backend is MySQL or PostgreSQL, check that it is reachable and not read-only.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_DISCOVER_ADDRESS_CONFLICT'],
    meaning: 'The client has a reservation, but the reserved address is currently leased to a different client. Kea will not hand out the reserved address until that lease is gone, so this client gets a dynamic address or none.',
    action: 'Find who holds the address (Kea › Leases, or lease4-get) and delete that lease or wait for it to expire. Avoid reserving addresses inside a dynamic pool, or the same clash will come back.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_DISCOVER_HR'],
    meaning: 'The client asking for an offer has a reservation; Kea will offer the reserved address.',
    action: 'Nothing, if that is the address you expect. If the client gets a different one, look for an ADDRESS_CONFLICT line with the same tid.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_REQUEST_ADDRESS_RESERVED'],
    meaning: 'The client asked for an address that is reserved for another device, so Kea refuses it (a DHCPNAK follows).',
    action: 'Expected when a device kept an old address after a reservation was added for someone else: it will start over with DISCOVER. If it loops, check the reservation\'s identifier (MAC or client id) really is the other device.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_REQUEST_IN_USE'],
    meaning: 'The client asked for an address that is leased to a different client, so Kea refuses it.',
    action: 'Two devices believe they own one address. Look up the lease\'s owner; a device that changed its client id (dual boot, reinstalled OS, docking station) appears to Kea as a second client.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_REQUEST_OUT_OF_POOL'],
    meaning: 'The client asked for an address outside every dynamic pool and has no reservation for it, so Kea refuses it.',
    action: 'Normal once after a pool was shrunk or renumbered, or when a laptop arrives from another network: the client restarts with DISCOVER. If it keeps happening, the client is being placed in the wrong subnet (relay giaddr, interface).',
  },
  {
    ids: ['ALLOC_ENGINE_V4_REQUEST_INVALID'],
    meaning: 'The client has a reservation for one address but asked for a different one; Kea refuses so that the client moves to its reserved address.',
    action: 'Expected once after a reservation is added or changed. Repeated lines mean the client ignores the DHCPNAK: capture its traffic.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_REQUEST_USE_HR'],
    meaning: 'The client has a reservation and Kea is giving it the reserved address.',
    action: 'Nothing to do; this confirms the reservation matched.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_DECLINED_RECOVERED', 'ALLOC_ENGINE_V6_DECLINED_RECOVERED'],
    meaning: 'An address that a client had declined (found in use) has finished its probation and is back in the pool.',
    action: 'Nothing, unless it happens often for the same address: then a device with a static address is squatting in the pool. Find it (arping, switch MAC table) and exclude the address or reserve it.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_LEASE_RECLAIM', 'ALLOC_ENGINE_V6_LEASE_RECLAIM', 'ALLOC_ENGINE_LEASE_RECLAIMED'],
    meaning: 'An expired lease was reclaimed: its address is free again (and its DNS names removed if Kea added them).',
    action: 'Nothing; this is how expired addresses return to the pool.',
  },
  {
    ids: ['ALLOC_ENGINE_V4_LEASE_RECLAMATION_FAILED', 'ALLOC_ENGINE_V6_LEASE_RECLAMATION_FAILED'],
    meaning: 'Kea could not reclaim an expired lease, so its address stays unusable.',
    action: 'Look at the reason and at lease database errors around it. Many of these shrink the pool over time.',
  },
  {
    ids: ['ALLOC_ENGINE_V6_HINT_RESERVED', 'ALLOC_ENGINE_V6_EXPIRED_HINT_RESERVED'],
    meaning: 'The client asked for an address (or prefix) that is reserved for someone else; Kea gives it a different one.',
    action: 'Nothing, unless the client should have that address: then check that the reservation\'s DUID or MAC is this client\'s.',
  },

  // Packets: did the query reach Kea, was it dropped, did a reply go out.
  {
    ids: ['DHCP4_BUFFER_RECEIVED', 'DHCP6_BUFFER_RECEIVED'],
    meaning: 'A datagram reached Kea\'s socket, before any decoding: proof the client\'s (or relay\'s) packet got to the server.',
    action: 'If this appears but nothing else with the same addresses follows, look for a DROP line. If it never appears, the packet did not arrive: check the relay\'s helper address, firewalls and interfaces-config.',
  },
  {
    ids: ['DHCP4_PACKET_RECEIVED', 'DHCP6_PACKET_RECEIVED'],
    meaning: 'Kea decoded a packet and names its type, transaction id, source and interface.',
    action: 'Follow the same tid to see what Kea did with it. The source address tells you whether it came direct or through a relay.',
  },
  {
    ids: ['DHCP4_QUERY_DATA', 'DHCP6_QUERY_DATA'],
    meaning: 'The full contents of the client\'s packet, options included (the lines below it).',
    action: 'Check what the client really sent: requested address, client id, parameter request list, relay agent information. Compare with RESPONSE_DATA for the same tid.',
  },
  {
    ids: ['DHCP4_RESPONSE_DATA', 'DHCP6_RESPONSE_DATA'],
    meaning: 'The full contents of Kea\'s reply, options included (the lines below it).',
    action: 'Check the address, lifetimes, router, DNS and other options the client received; a wrong option here comes from the subnet, pool, class or reservation that supplied it.',
  },
  {
    ids: ['DHCP4_PACKET_SEND', 'DHCP6_PACKET_SEND'],
    meaning: 'Kea is sending its reply: type, destination and interface are in the line.',
    action: 'If the client never sees it, capture on the client side and check the path back: the relay address it goes to, broadcast on the segment, firewalls.',
  },
  {
    ids: ['DHCP4_PACKET_SEND_FAIL', 'DHCP6_PACKET_SEND_FAIL'],
    meaning: 'The operating system refused to send Kea\'s reply, so the client got nothing.',
    action: 'Read the error: a missing route to the relay, an interface that went down, or a local firewall rule are the usual causes.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0001', 'DHCP6_PACKET_DROP_PARSE_FAIL'],
    meaning: 'Kea could not decode the packet (truncated, or an option that breaks the format) and dropped it without reply.',
    action: 'Capture the packet (Capture view) to see which option is broken and which device sent it: often a relay\'s option 82 or a buggy client firmware.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0002'],
    meaning: 'The packet came straight from a client (no relay) on an interface where no subnet matches, so Kea ignores it.',
    action: 'Add a subnet for the network on that interface, or set the subnet\'s "interface"; if the client should be served through a relay, find out why its broadcast reaches the server\'s own link.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0003', 'DHCP6_PACKET_DROP_SERVERID_MISMATCH'],
    meaning: 'The client addressed this message to another DHCP server (its server identifier is not ours), so Kea stays silent.',
    action: 'Normal where two servers answer and the client chose the other. If there should be no other server, a rogue one is on the segment: run a probe (Test client) and see who offers.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0004', 'DHCP4_PACKET_DROP_0005', 'DHCP4_PACKET_DROP_0006'],
    meaning: 'The packet has no message type, an unknown one, or a type the server does not handle, so Kea drops it.',
    action: 'Capture it and find the sender. A server message (OFFER, ACK) arriving here points to a relay loop or another server; lease queries need the lease_query hook.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0007', 'DHCP4_PACKET_PROCESS_EXCEPTION', 'DHCP4_PACKET_PROCESS_STD_EXCEPTION', 'DHCP6_PACKET_PROCESS_FAIL', 'DHCP6_PACKET_PROCESS_EXCEPTION', 'DHCP6_PACKET_PROCESS_STD_EXCEPTION'],
    meaning: 'Processing the packet stopped on an error, so the client gets no reply to it.',
    action: 'Read the reason at the end of the line and the lines just before it: a lease database error, a hook library or a configuration problem is usual.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0008', 'DHCP6_PACKET_DROP_DHCP_DISABLED'],
    meaning: 'DHCP service is switched off in this server, so every client is ignored.',
    action: 'Something disabled it: an HA state that does not serve (waiting, syncing, terminated), a lost lease database connection, or a dhcp-disable command. Check Kea › Status and the HA and DB lines; dhcp-enable turns it back on.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0009'],
    meaning: 'The packet has no DHCP message type: it is a plain BOOTP request, which Kea ignores by default.',
    action: 'If BOOTP devices (old printers, boot ROMs) must be served, load the bootp hook library and give them a class; otherwise ignore.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0010', 'DHCP4_PACKET_DROP_0013', 'DHCP4_PACKET_DROP_0014', 'DHCP6_PACKET_DROP_DROP_CLASS', 'DHCP6_PACKET_DROP_DROP_CLASS2', 'DHCP6_PACKET_DROP_DROP_CLASS_EARLY'],
    meaning: 'The packet matched the special DROP class (from its test expression or from the client\'s reservation), so Kea deliberately ignores it.',
    action: 'If this client should be served, look at the DROP class\'s test and at the client-classes of its host reservation.',
  },
  {
    ids: ['DHCP4_PACKET_DROP_0011', 'DHCP4_PACKET_DROP_0012', 'DHCP6_PACKET_DROP_DUPLICATE'],
    meaning: 'A second packet from the same client arrived while another thread was still working on its first one; the newer one was dropped.',
    action: 'Harmless now and then. Many of them mean the server answers slowly (lease database latency, hooks) and clients retransmit.',
  },
  {
    ids: ['DHCP6_PACKET_DROP_UNICAST'],
    meaning: 'The client sent its message straight to the server\'s address, which this server does not accept, so it is dropped; the client must multicast.',
    action: 'Either the client misbehaves, or the server tells clients they may unicast without listening on a unicast address: configure both or neither.',
  },
  {
    ids: ['DHCP4_PACKET_QUEUE_FULL', 'DHCP6_PACKET_QUEUE_FULL'],
    meaning: 'More packets arrive than the server handles; the oldest waiting ones are thrown away.',
    action: 'Look for what makes Kea slow (database, hooks, logging at debug level) or what floods it (a storm, a relay loop). Raise thread or queue settings only after that.',
  },
  {
    ids: ['DHCP4_HOOK_PACKET_RCVD_SKIP', 'DHCP6_HOOK_PACKET_RCVD_SKIP'],
    meaning: 'A hook library told Kea to drop the incoming packet.',
    action: 'Check which hooks are loaded (limits, RADIUS, flex id, your own) and their rules for this client.',
  },
  {
    ids: ['DHCP4_HOOK_PACKET_SEND_SKIP', 'DHCP4_HOOK_PACKET_SEND_DROP', 'DHCP6_HOOK_PACKET_SEND_SKIP', 'DHCP6_HOOK_PACKET_SEND_DROP'],
    meaning: 'A hook library stopped Kea\'s reply from going out.',
    action: 'Check the loaded hooks\' rules for this client; a hook may also send the reply itself, later.',
  },

  // NAKs and silence.
  {
    ids: ['DHCP4_PACKET_NAK_0001'],
    meaning: 'No subnet fits the client\'s request, so Kea answers with DHCPNAK.',
    action: 'Same checks as a failed subnet selection: the relay\'s giaddr (or link-selection option) must fall in a subnet, or a direct client\'s interface must have one.',
  },
  {
    ids: ['DHCP4_PACKET_NAK_0002'],
    meaning: 'A rebooting client asked to keep an address that is not valid on this network, so Kea says no.',
    action: 'Normal when a device moves between networks: it starts over with DISCOVER. Repeated for the same device means it is placed in the wrong subnet.',
  },
  {
    ids: ['DHCP4_PACKET_NAK_0003'],
    meaning: 'Kea found no address to offer this client, so there is no offer.',
    action: 'The ALLOC_ENGINE lines of the same tid say why: usually a full pool or pools closed to the client\'s classes.',
  },
  {
    ids: ['DHCP4_PACKET_NAK_0004'],
    meaning: 'Kea could not confirm the address the client asked for, so it sends DHCPNAK.',
    action: 'The REQUEST_ line just before (same tid) tells why: in use, reserved for someone else, outside the pool. The client should start over with DISCOVER.',
  },
  {
    ids: ['DHCP4_PACKET_NAK_0005'],
    meaning: 'The client matched the special REJECT class, so Kea deliberately answers with DHCPNAK.',
    action: 'If the client should be served, check the REJECT class\'s test expression.',
  },
  {
    ids: ['DHCP4_NO_LEASE_INIT_REBOOT'],
    meaning: 'A rebooting client asked to keep an address Kea has no lease for; a non-authoritative server stays silent and the client waits before starting over.',
    action: 'Set authoritative: true for the subnet if you want such clients refused at once (faster recovery after a move or a lost lease file).',
  },
  {
    ids: ['DHCP6_LEASE_ALLOC_FAIL', 'DHCP6_LEASE_ADVERT_FAIL', 'DHCP6_PD_LEASE_ALLOC_FAIL', 'DHCP6_PD_LEASE_ADVERT_FAIL'],
    meaning: 'Kea could not give this IA an address (or prefix): the client is told none is available.',
    action: 'Look at the ALLOC_ENGINE_V6 lines of the same client for the reason, and at the pool\'s or prefix pool\'s utilization.',
  },

  // Leases: offered, granted, renewed, released, declined.
  {
    ids: ['DHCP4_LEASE_OFFER'],
    meaning: 'Kea offered this address to the client (DHCPOFFER); nothing is granted yet.',
    action: 'If no REQUEST follows, the client did not receive the offer, preferred another server, or found the address in use: capture at the client.',
  },
  {
    ids: ['DHCP6_LEASE_ADVERT', 'DHCP6_PD_LEASE_ADVERT'],
    meaning: 'Kea advertised this address (or prefix) to the client; nothing is granted yet.',
    action: 'If no Request follows, the client did not receive the Advertise or chose another server: capture at the client.',
  },
  {
    ids: ['DHCP4_LEASE_ALLOC', 'DHCP6_LEASE_ALLOC', 'DHCP6_PD_LEASE_ALLOC'],
    meaning: 'The lease is granted: the client now owns this address (or prefix) for the lifetime shown.',
    action: 'Success on the server\'s side. If the client still has no address, the reply did not reach it: check the PACKET_SEND line, the relay and a capture near the client.',
  },
  {
    ids: ['DHCP4_LEASE_REUSE', 'DHCP6_LEASE_REUSE', 'DHCP6_PD_LEASE_REUSE'],
    meaning: 'The client renewed and Kea kept its existing lease as it is (lease caching), without writing it again.',
    action: 'Nothing; the lease\'s expiry in the database is the earlier one until caching stops.',
  },
  {
    ids: ['DHCP6_LEASE_RENEW', 'DHCP6_PD_LEASE_RENEW'],
    meaning: 'The client renewed its address (or prefix).',
    action: 'Nothing to do.',
  },
  {
    ids: ['DHCP4_INIT_REBOOT'],
    meaning: 'A client that rebooted asks to keep the address it had.',
    action: 'Nothing. If it gets a NAK, it had moved network or its lease is gone.',
  },
  {
    ids: ['DHCP4_RELEASE', 'DHCP6_RELEASE_NA', 'DHCP6_RELEASE_PD'],
    meaning: 'The client gave its address (or prefix) back.',
    action: 'Nothing. A device that releases and asks again in a loop is usually unhappy with something in the reply (an option, a conflict it detected).',
  },
  {
    ids: ['DHCP4_RELEASE_EXPIRED', 'DHCP6_RELEASE_NA_EXPIRED', 'DHCP6_RELEASE_PD_EXPIRED'],
    meaning: 'The released lease is kept as expired rather than deleted, so the same client can get the same address back.',
    action: 'Nothing; lease affinity is on (hold-reclaimed-time and flush-reclaimed-timer-wait-time both above zero).',
  },
  {
    ids: ['DHCP4_RELEASE_FAIL_NO_LEASE'],
    meaning: 'A client released an address Kea has no lease for; the release is ignored.',
    action: 'Harmless. With HA or after restoring a lease file, it tells you the lease had already gone from this server.',
  },
  {
    ids: ['DHCP4_RELEASE_FAIL_WRONG_CLIENT', 'DHCP6_RELEASE_NA_FAIL_WRONG_DUID', 'DHCP6_RELEASE_PD_FAIL_WRONG_DUID', 'DHCP6_RELEASE_NA_FAIL_WRONG_IAID', 'DHCP6_RELEASE_PD_FAIL_WRONG_IAID'],
    meaning: 'A client tried to release a lease that belongs to another client; Kea keeps the lease.',
    action: 'Two devices think they own one address, or a device changed its identity (client id, DUID). Compare the identifiers in the line with the lease.',
  },
  {
    ids: ['DHCP4_RELEASE_FAIL', 'DHCP6_RELEASE_NA_FAIL', 'DHCP6_RELEASE_PD_FAIL'],
    meaning: 'Kea could not remove a released lease from its database.',
    action: 'Check the lease database (errors just above); the address stays taken until the lease expires.',
  },
  {
    ids: ['DHCP4_DECLINE_LEASE', 'DHCP6_DECLINE_LEASE'],
    meaning: 'The client found the address already in use on the wire and refused it. Kea sets the address aside for the decline probation period, and the client asks again.',
    action: 'A device is using that address without a lease (static configuration inside the pool). Find it by arping and the switch\'s MAC table, then exclude the address from the pool or reserve it.',
  },
  {
    ids: ['DHCP4_DECLINE_LEASE_NOT_FOUND', 'DHCP4_DECLINE_LEASE_MISMATCH', 'DHCP6_DECLINE_FAIL_NO_LEASE', 'DHCP6_DECLINE_FAIL_DUID_MISMATCH', 'DHCP6_DECLINE_FAIL_IAID_MISMATCH'],
    meaning: 'A decline was ignored: Kea has no such lease, or the lease belongs to another client.',
    action: 'Compare the identifiers in the line with the lease; repeated declines from a client that owns nothing point to a confused or spoofing device.',
  },
  {
    ids: ['DHCP4_DECLINE_FAIL', 'DHCP6_DECLINE_FAIL'],
    meaning: 'Kea could not record a client\'s decline in the lease database.',
    action: 'Check the database errors around it; the address may be offered again while still in use.',
  },
  {
    ids: ['DHCP4_SERVER_INITIATED_DECLINE'],
    meaning: 'Before offering, Kea\'s ping check found the address answering, so it set the address aside instead of offering it.',
    action: 'A device is using the address without a lease: find it and exclude or reserve the address.',
  },

  // Subnet selection.
  {
    ids: ['DHCP4_SUBNET_SELECTION_FAILED', 'DHCP6_SUBNET_SELECTION_FAILED'],
    meaning: 'No configured subnet matches where the packet came from, so the client gets no address.',
    action: 'For relayed clients the relay address (giaddr, or the link-address in DHCPv6) must fall in a subnet or be listed in its relay ip-addresses; for direct clients the receiving interface needs a subnet. Also check client-class limits on the subnets.',
  },
  {
    ids: ['DHCP4_SUBNET_SELECTED', 'DHCP6_SUBNET_SELECTED'],
    meaning: 'Kea chose this subnet for the client.',
    action: 'Check it is the subnet you expect; a wrong choice comes from the relay address, the link-selection option, the interface, or shared-network membership.',
  },
  {
    ids: ['DHCP4_SUBNET_DATA', 'DHCP6_SUBNET_DATA'],
    meaning: 'The details of the subnet chosen for the client.',
    action: 'Use it to confirm which subnet, pools and options applied to this exchange.',
  },
  {
    ids: ['DHCP4_SUBNET_DYNAMICALLY_CHANGED', 'DHCP6_SUBNET_DYNAMICALLY_CHANGED'],
    meaning: 'Inside a shared network, Kea moved the client to another subnet of that network (the first had no room, or the client\'s classes fit the other).',
    action: 'Nothing, unless the client must stay in one subnet: then look at pool utilization and class restrictions in the shared network.',
  },
  {
    ids: ['DHCPSRV_SUBNET4_SELECT_BY_RELAY_ADDRESS_NO_MATCH', 'DHCPSRV_SUBNET4_SELECT_BY_ADDRESS_NO_MATCH', 'DHCPSRV_SUBNET4_SELECT_BY_INTERFACE_NO_MATCH', 'DHCPSRV_SUBNET6_SELECT_BY_ADDRESS_NO_MATCH', 'DHCPSRV_SUBNET6_SELECT_BY_INTERFACE_NO_MATCH', 'DHCPSRV_SUBNET6_SELECT_BY_INTERFACE_ID_NO_MATCH'],
    meaning: 'One way of matching the packet to a subnet (by relay address, client address, interface or interface id) found nothing.',
    action: 'Compare the value in the line with your subnets and their relay and interface settings; it is the detail behind a failed subnet selection.',
  },
  {
    ids: ['DHCPSRV_CFGMGR_SUBNET4_ADDR', 'DHCPSRV_CFGMGR_SUBNET4_IFACE', 'DHCPSRV_CFGMGR_SUBNET4_RELAY', 'DHCPSRV_CFGMGR_SUBNET6', 'DHCPSRV_CFGMGR_SUBNET6_IFACE', 'DHCPSRV_CFGMGR_SUBNET6_RELAY'],
    meaning: 'Which rule put the client in this subnet: the relay address, the client\'s own address or the receiving interface.',
    action: 'If the subnet is wrong, this names the value to correct (the relay\'s giaddr or link-address, or the subnet\'s interface setting).',
  },
  {
    ids: ['DHCPSRV_SUBNET4_SELECT_NO_RELAY_ADDRESS', 'DHCPSRV_SUBNET4_SELECT_NO_RAI_OPTIONS'],
    meaning: 'A step of subnet selection found nothing to use: the packet was not relayed (giaddr is zero), or it carries no relay agent sub-option naming a link.',
    action: 'Normal for clients on the server\'s own link. For a relayed network, a zero giaddr means the relay is not doing its job or the packet bypassed it.',
  },
  {
    ids: ['DHCPSRV_SUBNET4_SELECT_NO_USABLE_ADDRESS'],
    meaning: 'Kea had no address at all to select a subnet by (no giaddr, no client address, no address on the interface), so no subnet.',
    action: 'Give the receiving interface an address inside a configured subnet, or make the relay fill in giaddr.',
  },
  {
    ids: ['DHCP4_CLASS_ASSIGNED', 'DHCP6_CLASS_ASSIGNED', 'DHCP4_CLASSES_ASSIGNED_AFTER_SUBNET_SELECTION', 'DHCP6_CLASSES_ASSIGNED_AFTER_SUBNET_SELECTION'],
    meaning: 'The client classes this packet belongs to.',
    action: 'Classes decide which subnets, pools and options the client may use: a missing class here explains a pool it could not get.',
  },

  // Reservations.
  {
    ids: ['HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_HOST', 'HOSTS_MGR_ALTERNATE_GET4_SUBNET_ID_IDENTIFIER_HOST', 'HOSTS_MGR_ALTERNATE_GET6_SUBNET_ID_IDENTIFIER_HOST'],
    meaning: 'Kea found a host reservation for this client\'s identifier in the subnet.',
    action: 'Nothing; the reservation matched. If the client still gets a different address, look for a conflict with an existing lease.',
  },
  {
    ids: ['HOSTS_CFG_GET_ONE_SUBNET_ID_IDENTIFIER_NULL', 'HOSTS_MGR_ALTERNATE_GET4_SUBNET_ID_IDENTIFIER_NULL', 'HOSTS_MGR_ALTERNATE_GET6_SUBNET_ID_IDENTIFIER_NULL'],
    meaning: 'Kea looked for a reservation with this identifier in the subnet and found none.',
    action: 'If the device should have one: check the identifier type (hw-address, client-id, DUID, circuit-id), its exact value (a client id often starts with 01 before the MAC), the reservation\'s subnet id, and host-reservation-identifiers.',
  },
  {
    ids: ['HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_HOST', 'HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6_HOST'],
    meaning: 'Kea checked an address and found it reserved for the host shown; it will not lease it to any other client.',
    action: 'Nothing; reserved addresses inside a pool make the pool smaller than it looks.',
  },
  {
    ids: ['HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS4_NULL', 'HOSTS_CFG_GET_ONE_SUBNET_ID_ADDRESS6_NULL'],
    meaning: 'Kea checked an address and no reservation holds it, so it may lease it to this client.',
    action: 'Nothing to do.',
  },
  {
    ids: ['HOSTS_CFG_ADD_HOST'],
    meaning: 'A host reservation was added to the configuration.',
    action: 'Nothing to do.',
  },
  {
    ids: ['HOSTS_MGR_NON_UNIQUE_IP_UNSUPPORTED'],
    meaning: 'The configuration allows several reservations for one address, but a host database in use does not support that.',
    action: 'Set ip-reservations-unique back to true or use a host backend that supports non-unique addresses.',
  },
  {
    ids: ['DHCPSRV_HOST_MGR_DB_OPEN_CONNECTION_WITH_RETRY_FAILED'],
    meaning: 'Kea cannot connect to the host reservation database and keeps retrying.',
    action: 'Check the database server, credentials and network; until it is back, reserved clients are not recognised.',
  },
  {
    ids: ['DHCP4_RESERVED_HOSTNAME_ASSIGNED'],
    meaning: 'The client\'s hostname comes from its reservation.',
    action: 'Nothing to do.',
  },

  // Lease storage and lease file cleanup.
  {
    ids: ['DHCPSRV_MEMFILE_DB'],
    meaning: 'Kea opened its lease file (memfile backend) with the settings shown.',
    action: 'Check persist is true and the file path is the one you back up; with persist false every restart forgets all leases.',
  },
  {
    ids: ['DHCPSRV_MEMFILE_LEASE_FILE_LOAD', 'DHCPSRV_MEMFILE_LEASE_LOAD'],
    meaning: 'Kea is reading its leases from the lease file at start-up or reconfiguration.',
    action: 'Nothing; a very large file makes start-up slow until lease file cleanup shrinks it.',
  },
  {
    ids: ['DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR'],
    meaning: 'A line of the lease file could not be read and was skipped: that lease is lost.',
    action: 'The file was damaged (disk full, edited by hand, interrupted write). Its client may get another address; look at the file\'s end and free disk space.',
  },
  {
    ids: ['DHCPSRV_MEMFILE_LFC_SETUP', 'DHCPSRV_MEMFILE_LFC_START', 'DHCPSRV_MEMFILE_LFC_EXECUTE', 'DHCPSRV_MEMFILE_LFC_RUNNING', 'DHCPSRV_MEMFILE_LFC_RESCHEDULED'],
    meaning: 'Lease file cleanup (kea-lfc) was scheduled or run: it rewrites the lease file keeping only each lease\'s latest state.',
    action: 'Nothing. Frequent runs on a large file cost disk I/O; runs that never come let the file grow without end.',
  },
  {
    ids: ['DHCPSRV_MEMFILE_LFC_SPAWN_FAIL', 'DHCPSRV_MEMFILE_LFC_FAIL_PID_CREATE'],
    meaning: 'Kea could not start the lease file cleanup program, so the lease file keeps growing.',
    action: 'Check that kea-lfc is installed where Kea expects it and that Kea may write its PID file and lease file directory.',
  },
  {
    ids: ['DHCPSRV_MEMFILE_LFC_LEASE_FILE_RENAME_FAIL', 'DHCPSRV_MEMFILE_LFC_LEASE_FILE_REOPEN_FAIL'],
    meaning: 'Switching lease files for cleanup failed: new leases may not be written to disk.',
    action: 'Urgent: check the lease file directory\'s permissions and free space, then restart Kea; leases granted meanwhile could be lost on the next restart.',
  },
  {
    ids: ['DHCPSRV_MEMFILE_NEEDS_UPGRADING', 'DHCPSRV_MEMFILE_NEEDS_DOWNGRADING'],
    meaning: 'The lease file was written by a different Kea version (its columns differ); Kea converts it.',
    action: 'Nothing, apart from keeping a copy of the old file when moving between versions.',
  },
  {
    ids: ['DHCPSRV_LEASE_SANITY_FAIL', 'DHCPSRV_LEASE_SANITY_FAIL_DISCARD', 'DHCPSRV_LEASE_SANITY_FIXED'],
    meaning: 'A stored lease does not fit the configuration (its subnet id no longer matches its address); depending on lease-checks it was kept, corrected or discarded.',
    action: 'Usually follows renumbering subnets or changing subnet ids. Keep subnet ids stable; check the lease-checks setting.',
  },
  {
    ids: ['DHCPSRV_MYSQL_DB', 'DHCPSRV_PGSQL_DB'],
    meaning: 'Kea is opening its lease database with the parameters shown.',
    action: 'Confirm host, name and user are the ones you expect.',
  },
  {
    ids: ['DATABASE_MYSQL_INITIAL_CONNECTION_FAIL', 'DATABASE_PGSQL_INITIAL_CONNECTION_FAIL', 'DATABASE_MYSQL_FATAL_ERROR', 'DATABASE_PGSQL_FATAL_ERROR'],
    meaning: 'Kea cannot talk to its MySQL or PostgreSQL database.',
    action: 'Check the database server is up and reachable from Kea, the credentials, and the schema version (kea-admin db-version).',
  },
  {
    ids: ['DHCP4_DB_RECONNECT_LOST_CONNECTION', 'DHCP6_DB_RECONNECT_LOST_CONNECTION'],
    meaning: 'Kea lost its database connection and is trying to reconnect; meanwhile it may stop serving clients.',
    action: 'Check the database server and the network to it; the on-fail setting decides whether DHCP stops until the database returns.',
  },
  {
    ids: ['DHCP4_DB_RECONNECT_SUCCEEDED', 'DHCP6_DB_RECONNECT_SUCCEEDED'],
    meaning: 'The database connection is back and service resumes.',
    action: 'Nothing; look at how long it was down from the LOST_CONNECTION line.',
  },
  {
    ids: ['DHCP4_DB_RECONNECT_FAILED', 'DHCP6_DB_RECONNECT_FAILED', 'DHCP4_DB_RECONNECT_DISABLED', 'DHCP6_DB_RECONNECT_DISABLED', 'DHCP4_FATAL_DB_RECONNECT_FAILED', 'DHCP6_FATAL_DB_RECONNECT_FAILED'],
    meaning: 'Kea has given up on reconnecting to its database.',
    action: 'Fix the database, then restart or reconfigure Kea; until then clients get no leases (or the server has stopped).',
  },

  // Hooks.
  {
    ids: ['HOOKS_LIBRARY_LOADED', 'HOOKS_LOAD_SUCCESS', 'LEASE_CMDS_INIT_OK', 'STAT_CMDS_INIT_OK'],
    meaning: 'A hook library was loaded.',
    action: 'Normal at start-up and reload.',
  },
  {
    ids: ['HOOKS_OPEN_ERROR', 'HOOKS_LOAD_ERROR', 'HOOKS_LOAD_EXCEPTION', 'HOOKS_INCORRECT_VERSION'],
    meaning: 'A hook library could not be loaded, so the configuration that lists it is rejected.',
    action: 'Check the library path, that it was built for this exact Kea version, and its parameters; a package upgrade of Kea without its hooks causes this.',
  },
  {
    ids: ['HOOKS_CALLOUT_ERROR', 'HOOKS_CALLOUT_EXCEPTION'],
    meaning: 'A hook library failed while handling a packet or command.',
    action: 'The library and hook point are named in the line; look at that library\'s own log lines and parameters.',
  },
  {
    ids: ['HOOKS_LIBRARY_MULTI_THREADING_NOT_COMPATIBLE'],
    meaning: 'A loaded hook library does not support multi-threading, so the configuration is refused while multi-threading is on.',
    action: 'Turn multi-threading off or use a version of the library that supports it.',
  },

  // High availability.
  {
    ids: ['HA_STATE_TRANSITION'],
    meaning: 'This server\'s HA state changed (for example load-balancing to partner-down); the line gives the old and new state.',
    action: 'Check both servers\' states (Kea › Status). partner-down means this server believes its partner is dead and serves all clients; waiting or syncing means it does not serve yet.',
  },
  {
    ids: ['HA_HEARTBEAT_COMMUNICATIONS_FAILED', 'HA_HEARTBEAT_FAILED', 'HA_COMMUNICATION_INTERRUPTED'],
    meaning: 'This server cannot reach its HA partner.',
    action: 'Check the partner\'s URL in the HA configuration, the network and firewall between them, and TLS or basic-auth settings. If it lasts, the servers will go to partner-down.',
  },
  {
    ids: ['HA_COMMUNICATION_INTERRUPTED_CLIENT4', 'HA_COMMUNICATION_INTERRUPTED_CLIENT6', 'HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED', 'HA_COMMUNICATION_INTERRUPTED_CLIENT6_UNACKED'],
    meaning: 'With the partner unreachable, this server watches clients that retry, to judge whether the partner really stopped answering them.',
    action: 'Nothing by itself; it is the failover detection at work. Fix the link to the partner.',
  },
  {
    ids: ['HA_LEASE_UPDATE_COMMUNICATIONS_FAILED', 'HA_LEASE_UPDATE_FAILED', 'HA_LEASE_UPDATE_CREATE_UPDATE_FAILED_ON_PEER', 'HA_LEASE_UPDATE_DELETE_FAILED_ON_PEER'],
    meaning: 'A lease granted here could not be copied to the HA partner, so the partner does not know about it.',
    action: 'Check the partner\'s reachability and its lease database; after a failover the partner could hand the same address to someone else.',
  },
  {
    ids: ['HA_LEASE_UPDATE_CONFLICT', 'HA_LEASE_UPDATE_REJECTS_CAUSED_TERMINATION'],
    meaning: 'The partner refused lease updates because its copy of the lease disagrees; too many refusals end HA cooperation.',
    action: 'The two servers\' lease data have diverged: check both configurations match (subnets, ids) and resynchronise.',
  },
  {
    ids: ['HA_SYNC_START', 'HA_SYNC_SUCCESSFUL'],
    meaning: 'This server is fetching, or has fetched, all leases from its partner.',
    action: 'Nothing; the server serves clients again once syncing is done.',
  },
  {
    ids: ['HA_SYNC_FAILED', 'HA_LEASES_SYNC_FAILED', 'HA_LEASES_SYNC_COMMUNICATIONS_FAILED', 'HA_LEASE_SYNC_FAILED'],
    meaning: 'Fetching leases from the partner failed, so this server cannot finish starting up its HA service.',
    action: 'Check the partner is reachable and that it has lease_cmds loaded; the sync timeout may be too short for a large lease database.',
  },
  {
    ids: ['HA_HIGH_CLOCK_SKEW'],
    meaning: 'The two HA servers\' clocks differ by more than 30 seconds.',
    action: 'Fix time synchronisation (NTP) on both; at 60 seconds the servers stop cooperating.',
  },
  {
    ids: ['HA_HIGH_CLOCK_SKEW_CAUSED_TERMINATION', 'HA_TERMINATED'],
    meaning: 'HA cooperation has stopped (terminated state): each server keeps serving its own clients but they no longer exchange leases.',
    action: 'Fix the cause (usually clock skew), then restart the servers so they resynchronise.',
  },
  {
    ids: ['HA_LOCAL_DHCP_DISABLE', 'HA_LOCAL_DHCP_ENABLE'],
    meaning: 'The HA state machine switched this server\'s DHCP service off or on.',
    action: 'While off, this server ignores clients: check its HA state and that the partner is serving.',
  },
  {
    ids: ['HA_MAINTENANCE_STARTED', 'HA_MAINTENANCE_STARTED_IN_PARTNER_DOWN', 'HA_MAINTENANCE_SHUTDOWN_SAFE'],
    meaning: 'An administrator put the HA pair into maintenance: one server takes over while the other can be stopped.',
    action: 'Expected during planned work; finish with ha-maintenance-cancel if the server was not restarted.',
  },
  {
    ids: ['HA_CONFIGURATION_FAILED', 'HA_MISSING_CONFIGURATION'],
    meaning: 'The HA hook\'s configuration is wrong or missing, so the server does not start.',
    action: 'Check the high-availability parameters: this-server-name, peers with URLs and roles, the same on both servers.',
  },

  // Configuration and start-up.
  {
    ids: ['DHCP4_CONFIG_LOAD_FAIL', 'DHCP6_CONFIG_LOAD_FAIL'],
    meaning: 'The configuration was rejected; at start-up the server stops, on reload it keeps the previous configuration.',
    action: 'Read the reason, or test the file with kea-dhcp4 -t (Kea › Config test) and fix the line it names.',
  },
  {
    ids: ['DHCP4_PARSER_FAIL', 'DHCP6_PARSER_FAIL', 'DHCP4_PARSER_COMMIT_FAIL', 'DHCP6_PARSER_COMMIT_FAIL'],
    meaning: 'One part of a new configuration (named in the line) is invalid, so the whole configuration is refused.',
    action: 'Fix that element; a config-set or config-test sent by a tool gets the same reason back. The running configuration stays as it was.',
  },
  {
    ids: ['DHCP4_CONFIG_NEW_SUBNET', 'DHCPSRV_CFGMGR_NEW_SUBNET4', 'DHCPSRV_CFGMGR_NEW_SUBNET6'],
    meaning: 'A subnet from the new configuration is in place.',
    action: 'Check the list of subnets is the one you expect; a subnet missing here serves nobody.',
  },
  {
    ids: ['DHCP4_CONFIG_COMPLETE', 'DHCP6_CONFIG_COMPLETE'],
    meaning: 'A configuration was applied; the line summarises it.',
    action: 'Compare the time with when clients started failing: a change just before is a suspect.',
  },
  {
    ids: ['DHCP4_CONFIG_RECEIVED', 'DHCP6_CONFIG_RECEIVED', 'DHCP4_CONFIG_START', 'DHCP6_CONFIG_START'],
    meaning: 'A new configuration arrived and is being applied.',
    action: 'Nothing; the COMPLETE or LOAD_FAIL line tells how it ended.',
  },
  {
    ids: ['DHCP4_INIT_FAIL', 'DHCP6_INIT_FAIL', 'DHCP4_SERVER_FAILED', 'DHCP6_SERVER_FAILED'],
    meaning: 'The server could not start or stopped on a fatal error.',
    action: 'The reason is in the line and the errors just before it (configuration, sockets, database).',
  },
  {
    ids: ['DHCP4_STARTED', 'DHCP6_STARTED'],
    meaning: 'The server started (its version is in the line).',
    action: 'Nothing. An unexpected start in the middle of the day means it crashed or was restarted: look at the lines before it.',
  },
  {
    ids: ['DHCP4_SHUTDOWN', 'DHCP6_SHUTDOWN'],
    meaning: 'The server is shutting down.',
    action: 'If nobody stopped it, look for what did (service manager, a shutdown command).',
  },
  {
    ids: ['DHCP4_OPEN_SOCKET_FAIL', 'DHCP6_OPEN_SOCKET_FAIL', 'DHCPSRV_OPEN_SOCKET_FAIL', 'DHCP4_OPEN_SOCKETS_FAILED', 'DHCP6_OPEN_SOCKETS_FAILED', 'DHCP4_FATAL_OPEN_SOCKETS_FAILED', 'DHCP6_FATAL_OPEN_SOCKETS_FAILED'],
    meaning: 'Kea could not open a socket on an interface, so it does not hear clients there.',
    action: 'Another DHCP server (dnsmasq, isc-dhcp-server) may hold the port, the interface may be down or without an address, or Kea lacks the privilege. service-sockets-retry-wait-time lets Kea retry.',
  },
  {
    ids: ['DHCPSRV_NO_SOCKETS_OPEN'],
    meaning: 'Kea listens on no interface at all: it will not receive a single client packet.',
    action: 'Check interfaces-config: the interface names must exist on this machine and have addresses.',
  },
  {
    ids: ['DHCPSRV_CFGMGR_ADD_IFACE', 'DHCPSRV_CFGMGR_ALL_IFACES_ACTIVE', 'DHCP4_OPEN_SOCKET', 'DHCP6_OPEN_SOCKET'],
    meaning: 'Kea will listen for clients on this interface (or on all of them).',
    action: 'Check the list covers the interfaces clients or relays reach.',
  },
  {
    ids: ['DHCPSRV_CFGMGR_SOCKET_TYPE_SELECT', 'DHCPSRV_CFGMGR_SOCKET_TYPE_DEFAULT', 'DHCPSRV_CFGMGR_SOCKET_RAW_UNSUPPORTED'],
    meaning: 'Which socket type Kea uses: raw sockets can answer clients on the same link that have no address yet; UDP sockets suit relayed traffic only.',
    action: 'If directly connected clients get no reply, use dhcp-socket-type raw.',
  },

  // Control channel and lease commands.
  {
    ids: ['COMMAND_RECEIVED', 'CTRL_AGENT_COMMAND_RECEIVED'],
    meaning: 'A management command arrived on the control channel (its name is in the line).',
    action: 'Use it to see who changed what and when: a config-set, lease or dhcp-disable command just before a problem is a suspect. Regular ones are usually monitoring.',
  },
  {
    ids: ['CTRL_AGENT_COMMAND_FORWARDED'],
    meaning: 'The control agent passed a command from a remote client (address in the line) on to a Kea server.',
    action: 'As for a received command: it tells who sent what, and when. Thousands of these are a monitoring tool polling.',
  },
  {
    ids: ['COMMAND_PROCESS_ERROR1', 'COMMAND_PROCESS_ERROR2', 'COMMAND_SOCKET_READ_FAIL', 'COMMAND_SOCKET_WRITE_FAIL', 'COMMAND_SOCKET_CONNECTION_TIMEOUT', 'CTRL_AGENT_COMMAND_FORWARD_FAILED'],
    meaning: 'A management command could not be read, handled or answered.',
    action: 'Check the sender\'s request (JSON, size, timeout) and, through the control agent, that the server\'s control socket path matches on both sides.',
  },
  {
    ids: ['COMMAND_ACCEPTOR_START', 'COMMAND_HTTP_LISTENER_STARTED'],
    meaning: 'The control channel is open for management commands.',
    action: 'Nothing; note the socket or address, which tools such as Field Kit must use.',
  },
  {
    ids: ['LEASE_CMDS_ADD4', 'LEASE_CMDS_ADD6', 'LEASE_CMDS_UPDATE4', 'LEASE_CMDS_UPDATE6', 'LEASE_CMDS_DEL4', 'LEASE_CMDS_DEL6'],
    meaning: 'A lease was added, changed or deleted by a management command, not by a client.',
    action: 'If a client\'s lease changed unexpectedly, this names the command that did it; the time tells you which tool or person.',
  },
  {
    ids: ['LEASE_CMDS_ADD4_FAILED', 'LEASE_CMDS_ADD6_FAILED', 'LEASE_CMDS_UPDATE4_FAILED', 'LEASE_CMDS_UPDATE6_FAILED', 'LEASE_CMDS_DEL4_FAILED', 'LEASE_CMDS_DEL6_FAILED', 'LEASE_CMDS_ADD4_CONFLICT', 'LEASE_CMDS_ADD6_CONFLICT'],
    meaning: 'A lease command failed (the address may belong to no subnet, or be leased already).',
    action: 'Read the reason; the lease is unchanged.',
  },
  {
    ids: ['LEASE_CMDS_WIPE4', 'LEASE_CMDS_WIPE6'],
    meaning: 'All leases of a subnet (or of every subnet) were deleted by a command.',
    action: 'Clients keep using their addresses until they renew, and Kea may hand the same addresses out again meanwhile: expect conflicts and declines.',
  },
  {
    ids: ['STAT_CMDS_LEASE4_GET_FAILED', 'STAT_CMDS_LEASE6_GET_FAILED', 'STAT_CMDS_LEASE4_FAILED', 'STAT_CMDS_LEASE6_FAILED'],
    meaning: 'A lease statistics query failed.',
    action: 'Check the lease database; pool utilization figures shown meanwhile may be stale.',
  },
  {
    ids: ['STAT_CMDS_LEASE4_GET', 'STAT_CMDS_LEASE6_GET'],
    meaning: 'A lease statistics command (stat-lease4-get or stat-lease6-get) was answered; monitoring tools, Field Kit\'s pool view among them, send it.',
    action: 'Nothing to do.',
  },
  {
    ids: ['STAT_CMDS_LEASE4_ORPHANED_STATS', 'STAT_CMDS_LEASE6_ORPHANED_STATS'],
    meaning: 'The lease database holds statistics for subnets that are no longer configured.',
    action: 'Left over from removed or renumbered subnets; harmless for clients.',
  },

  // Dynamic DNS.
  {
    ids: ['DHCP4_DDNS_REQUEST_SEND_FAILED', 'DHCP6_DDNS_REQUEST_SEND_FAILED', 'DHCPSRV_QUEUE_NCR_FAILED', 'DHCP4_NCR_CREATION_FAILED'],
    meaning: 'Kea could not pass a DNS update for this client to the DDNS server, so the client\'s name will not be updated in DNS.',
    action: 'Check that kea-dhcp-ddns runs and listens on the server-ip and server-port of dhcp-ddns, and that enable-updates is on in both.',
  },
  {
    ids: ['DHCPSRV_QUEUE_NCR', 'DHCPSRV_DHCP_DDNS_NCR_SENT'],
    meaning: 'A DNS update request for this client was queued or sent to the DDNS server.',
    action: 'Nothing; if DNS still lacks the name, look at kea-dhcp-ddns\'s own log.',
  },
  {
    ids: ['DHCPSRV_DHCP_DDNS_ERROR_EXCEPTION', 'DHCPSRV_DHCP_DDNS_SUSPEND_UPDATES', 'DHCPSRV_DHCP_DDNS_NCR_REJECTED'],
    meaning: 'Sending DNS updates to the DDNS server failed, and updates may be suspended.',
    action: 'Check the link to kea-dhcp-ddns; leases are still granted, only DNS names are not updated.',
  },
  {
    ids: ['DHCP_DDNS_NCR_UDP_SEND_ERROR', 'DHCP_DDNS_NCR_UDP_RECV_ERROR', 'DHCP_DDNS_INVALID_NCR'],
    meaning: 'A DNS update request between Kea and kea-dhcp-ddns was lost or unreadable.',
    action: 'Check both sides use the same address, port and format (JSON over UDP), and that no firewall sits between them.',
  },
]

export const MESSAGE_ADVICE: ReadonlyMap<string, MessageAdvice> = new Map(
  ENTRIES.flatMap(({ ids, meaning, action }) => ids.map((id) => [id, { meaning, action }] as const)),
)
