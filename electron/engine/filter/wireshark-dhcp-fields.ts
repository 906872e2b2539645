// Wireshark 4.0's DHCP and DHCPv6 fields, as packet-dhcp.c and packet-dhcpv6.c register them: name, type, bit mask
// and title, one a line. Made with
//   tshark -G fields | awk -F'\t' '$1 == "F" && $3 ~ /^dhcp(v6)?\./ { print $3 "\t" substr($4, 4) "\t" $7 "\t" $2 }'
// Every name here is a display-filter field (tree-fields.ts reads them from the packet's field tree), so a filter
// written for Wireshark is never a syntax error here, even for data this decoder does not show.

const table = `
dhcp.bootp	BOOLEAN	0x0	Frame is BOOTP
dhcp.type	UINT8	0x0	Message type
dhcp.hw.type	UINT8	0x0	Hardware type
dhcp.hw.len	UINT8	0x0	Hardware address length
dhcp.hops	UINT8	0x0	Hops
dhcp.id	UINT32	0x0	Transaction ID
dhcp.secs	UINT16	0x0	Seconds elapsed
dhcp.flags	UINT16	0x0	Bootp flags
dhcp.flags.bc	BOOLEAN	0x8000	Broadcast flag
dhcp.flags.reserved	UINT16	0x7fff	Reserved flags
dhcp.ip.client	IPv4	0x0	Client IP address
dhcp.ip.your	IPv4	0x0	Your (client) IP address
dhcp.ip.server	IPv4	0x0	Next server IP address
dhcp.ip.relay	IPv4	0x0	Relay agent IP address
dhcp.hw.addr	BYTES	0x0	Client hardware address
dhcp.hw.addr_padding	BYTES	0x0	Client hardware address padding
dhcp.hw.mac_addr	ETHER	0x0	Client MAC address
dhcp.server	STRING	0x0	Server host name
dhcp.file	STRING	0x0	Boot file name
dhcp.cookie	IPv4	0x0	Magic cookie
dhcp.vendor_specific_options	BYTES	0x0	Bootp vendor specific options
dhcp.fqdn.s	BOOLEAN	0x1	Server
dhcp.fqdn.o	BOOLEAN	0x2	Server overrides
dhcp.fqdn.e	BOOLEAN	0x4	Encoding
dhcp.fqdn.n	BOOLEAN	0x8	Server DDNS
dhcp.fqdn.flags	UINT8	0x0	Flags
dhcp.fqdn.mbz	UINT8	0xf0	Reserved flags
dhcp.fqdn.rcode1	UINT8	0x0	A-RR result
dhcp.fqdn.rcode2	UINT8	0x0	PTR-RR result
dhcp.fqdn.name	STRING	0x0	Client name
dhcp.vendor.pktc.mta_cap_len	UINT8	0x0	MTA DC Length
dhcp.vendor.pktc.mta_cap_type	UINT16	0x0	Type
dhcp.vendor.pktc.mdc.supp_flow.secure	BOOLEAN	0x1	Secure Flow (Full Secure Provisioning Flow)
dhcp.vendor.pktc.mdc.supp_flow.hybrid	BOOLEAN	0x2	Hybrid Flow
dhcp.vendor.pktc.mdc.supp_flow.basic	BOOLEAN	0x4	Basic Flow
dhcp.vendor.pktc.mdc_cl.mib.mta	BOOLEAN	0x1	PacketCable 1.5 MTA MIB
dhcp.vendor.pktc.mdc_cl.mib.signaling	BOOLEAN	0x2	PacketCable 1.5 Signaling MIB
dhcp.vendor.pktc.mdc_cl.mib.management_event	BOOLEAN	0x4	PacketCable 1.5 Management Event MIB
dhcp.vendor.pktc.mdc_cl.mib.mta_extension	BOOLEAN	0x8	PacketCable 1.5 MTA Extension MIB
dhcp.vendor.pktc.mdc_cl.mib.signaling_extension	BOOLEAN	0x10	PacketCable 1.5 Signaling Extension MIB
dhcp.vendor.pktc.mdc_cl.mib.mem_extension	BOOLEAN	0x20	PacketCable 1.5 MEM Extension MIB
dhcp.vendor.pktc.mdc_cl.mib.reserved	UINT8	0xc0	Reserved
dhcp.vendor.pktc.mdc_ietf.mib.mta	BOOLEAN	0x1	IETF MTA MIB
dhcp.vendor.pktc.mdc_ietf.mib.signaling	BOOLEAN	0x2	IETF Signaling MIB
dhcp.vendor.pktc.mdc_ietf.mib.management_event	BOOLEAN	0x4	IETF Management Event MIB
dhcp.vendor.pktc.mdc_ietf.mib.reserved	UINT8	0xf8	Reserved
dhcp.vendor.pktc.mdc_euro.mib.mta	BOOLEAN	0x1	PacketCable 1.5 MTA MIB
dhcp.vendor.pktc.mdc_euro.mib.signaling	BOOLEAN	0x2	PacketCable 1.5 Signaling MIB
dhcp.vendor.pktc.mdc_euro.mib.management_event	BOOLEAN	0x4	PacketCable 1.5 Management Event MIB
dhcp.vendor.pktc.mdc_euro.mib.mta_extension	BOOLEAN	0x8	PacketCable 1.5 MTA Extension MIB
dhcp.vendor.pktc.mdc_euro.mib.signaling_extension	BOOLEAN	0x10	PacketCable 1.5 Signaling Extension MIB
dhcp.vendor.pktc.mdc_euro.mib.mem_extension	BOOLEAN	0x20	PacketCable 1.5 MEM Extension MIB
dhcp.vendor.pktc.mdc_euro.mib.reserved	UINT8	0xc0	Reserved
dhcp.vendor.docsis.cm_cap_len	UINT8	0x0	CM DC Length
dhcp.docsis_cm_cap_type	UINT16	0x0	CM DC Type
dhcp.docsis_cm_cap.ranging_hold_off.cm	BOOLEAN	0x1	CM
dhcp.docsis_cm_cap.ranging_hold_off.eps	BOOLEAN	0x2	ePS or eRouter
dhcp.docsis_cm_cap.ranging_hold_off.emta	BOOLEAN	0x4	EMTA or EDVA
dhcp.docsis_cm_cap.ranging_hold_off.dsg	BOOLEAN	0x8	DSG/eSTB
dhcp.docsis_cm_cap.mpls.stpid	BOOLEAN	0x1	[IEEE 802.1ad] S-TPID
dhcp.docsis_cm_cap.mpls.svid	BOOLEAN	0x2	[IEEE 802.1ad] S-VID
dhcp.docsis_cm_cap.mpls.spcp	BOOLEAN	0x4	[IEEE 802.1ad] S-PCP
dhcp.docsis_cm_cap.mpls.sdei	BOOLEAN	0x8	[IEEE 802.1ad] S-DEI
dhcp.docsis_cm_cap.mpls.ctpid	BOOLEAN	0x10	[IEEE 802.1ad] C-TPID
dhcp.docsis_cm_cap.mpls.cvid	BOOLEAN	0x20	[IEEE 802.1ad] C-VID
dhcp.docsis_cm_cap.mpls.cpcp	BOOLEAN	0x40	[IEEE 802.1ad] C-PCP
dhcp.docsis_cm_cap.mpls.ccfi	BOOLEAN	0x80	[IEEE 802.1ad] C-CFI
dhcp.docsis_cm_cap.mpls.stci	BOOLEAN	0x100	[IEEE 802.1ad] S-TCI
dhcp.docsis_cm_cap.mpls.ctci	BOOLEAN	0x200	[IEEE 802.1ad] C-TCI
dhcp.docsis_cm_cap.mpls.itpid	BOOLEAN	0x400	[IEEE 802.1ad] I-TPID
dhcp.docsis_cm_cap.mpls.isid	BOOLEAN	0x800	[IEEE 802.1ad] I-SID
dhcp.docsis_cm_cap.mpls.itci	BOOLEAN	0x1000	[IEEE 802.1ad] I-TCI
dhcp.docsis_cm_cap.mpls.ipcp	BOOLEAN	0x2000	[IEEE 802.1ad] I-PCP
dhcp.docsis_cm_cap.mpls.idei	BOOLEAN	0x4000	[IEEE 802.1ad] I-DEI
dhcp.docsis_cm_cap.mpls.iuca	BOOLEAN	0x8000	[IEEE 802.1ad] I-UCA
dhcp.docsis_cm_cap.mpls.btpid	BOOLEAN	0x10000	[IEEE 802.1ad] B-TPID
dhcp.docsis_cm_cap.mpls.btci	BOOLEAN	0x20000	[IEEE 802.1ad] B-TCI
dhcp.docsis_cm_cap.mpls.bpcp	BOOLEAN	0x40000	[IEEE 802.1ad] B-PCP
dhcp.docsis_cm_cap.mpls.bdei	BOOLEAN	0x80000	[IEEE 802.1ad] B-DEI
dhcp.docsis_cm_cap.mpls.bvid	BOOLEAN	0x100000	[IEEE 802.1ad] B-VID
dhcp.docsis_cm_cap.mpls.bda	BOOLEAN	0x200000	[IEEE 802.1ad] B-DA
dhcp.docsis_cm_cap.mpls.bsa	BOOLEAN	0x200000	[IEEE 802.1ad] B-SA
dhcp.docsis_cm_cap.mpls.tc	BOOLEAN	0x200000	MPLS TC
dhcp.docsis_cm_cap.mpls.label	BOOLEAN	0x200000	MPLS Label
dhcp.docsis_cm_cap.ussymrate.160	BOOLEAN	0x1	160 ksps symbol rate
dhcp.docsis_cm_cap.ussymrate.320	BOOLEAN	0x2	320 ksps symbol rate
dhcp.docsis_cm_cap.ussymrate.640	BOOLEAN	0x4	640 ksps symbol rate
dhcp.docsis_cm_cap.ussymrate.1280	BOOLEAN	0x8	1280 ksps symbol rate
dhcp.docsis_cm_cap.ussymrate.2560	BOOLEAN	0x10	2560 ksps symbol rate
dhcp.docsis_cm_cap.ussymrate.5120	BOOLEAN	0x20	5120 ksps symbol rate
dhcp.client_id.uuid	GUID	0x0	Client Identifier (UUID)
dhcp.client_hardware_address	STRING	0x0	Client hardware address
dhcp.client_id.iaid	STRING	0x0	IAID
dhcp.client_id.duid_type	UINT16	0x0	DUID Type
dhcp.client_id.duid_llt_hw_type	UINT16	0x0	Hardware type
dhcp.client_id.duid_ll_hw_type	UINT16	0x0	Hardware type
dhcp.client_id.time	UINT32	0x0	Time
dhcp.client_id.link_layer_address	STRING	0x0	Link layer address
dhcp.client_id.enterprise_num	UINT32	0x0	Enterprise-number
dhcp.client_id	BYTES	0x0	Identifier
dhcp.client_id.type	UINT8	0x0	Type
dhcp.client_id.undef	STRING	0x0	Client Identifier
dhcp.option.type	UINT8	0x0	Option
dhcp.option.length	UINT8	0x0	Length
dhcp.option.suboption_length	UINT8	0x0	Length
dhcp.option.value	BYTES	0x0	Value
dhcp.option.value.uint	UINT8	0x0	Value
dhcp.option.value.int	INT32	0x0	Value
dhcp.option.value.string	STRINGZ	0x0	Value
dhcp.option.value.address	IPv4	0x0	Value
dhcp.option.value.bool	BOOLEAN	0x0	Value
dhcp.option.padding	BYTES	0x0	Padding
dhcp.option.subnet_mask	IPv4	0x0	Subnet Mask
dhcp.option.time_offset	INT32	0x0	Time Offset
dhcp.option.router	IPv4	0x0	Router
dhcp.option.time_server	IPv4	0x0	Time Server
dhcp.option.name_server	IPv4	0x0	Name Server
dhcp.option.domain_name_server	IPv4	0x0	Domain Name Server
dhcp.option.log_server	IPv4	0x0	Log Server
dhcp.option.quotes_server	IPv4	0x0	Quotes Server
dhcp.option.lpr_server	IPv4	0x0	LPR Server
dhcp.option.impress_server	IPv4	0x0	Impress Server
dhcp.option.resource_location_server	IPv4	0x0	Resource Location Server
dhcp.option.hostname	STRINGZ	0x0	Host Name
dhcp.option.boot_file_size	UINT16	0x0	Boot File Size
dhcp.option.merit_dump_file	STRINGZ	0x0	Merit Dump File
dhcp.option.domain_name	STRINGZ	0x0	Domain Name
dhcp.option.swap_server	IPv4	0x0	Swap Server
dhcp.option.root_path	STRINGZ	0x0	Root Path
dhcp.option.extension_path	STRINGZ	0x0	Extensions Path
dhcp.option.ip_forwarding	BOOLEAN	0x0	IP Forwarding
dhcp.option.policy_filter.ip	IPv4	0x0	IP Address
dhcp.option.policy_filter.subnet_mask	IPv4	0x0	Subnet Mask
dhcp.option.non_local_source_routing	BOOLEAN	0x0	Non-Local Source Routing
dhcp.option.max_datagram_reassembly_size	UINT16	0x0	Maximum Datagram Reassembly Size
dhcp.option.default_ip_ttl	UINT8	0x0	Default IP Time-to-Live
dhcp.option.path_mtu_aging_timeout	UINT32	0x0	Path MTU Aging Timeout
dhcp.option.path_mtu_plateau_table_item	UINT16	0x0	Path MTU Plateau Table Item
dhcp.option.interface_mtu	UINT16	0x0	Interface MTU
dhcp.option.all_subnets_are_local	BOOLEAN	0x0	All Subnets are Local
dhcp.option.broadcast_address	IPv4	0x0	Broadcast Address
dhcp.option.perform_mask_discovery	BOOLEAN	0x0	Perform Mask Discovery
dhcp.option.mask_supplier	BOOLEAN	0x0	Mask Supplier
dhcp.option.perform_router_discover	BOOLEAN	0x0	Perform Router Discover
dhcp.option.router_solicitation_address	IPv4	0x0	Router Solicitation Address
dhcp.option.static_route.ip	IPv4	0x0	Destination IP Address
dhcp.option.static_route.router	IPv4	0x0	Destination Router
dhcp.option.trailer_encapsulation	BOOLEAN	0x0	Trailer Encapsulation
dhcp.option.arp_cache_timeout	UINT32	0x0	ARP Cache Timeout
dhcp.option.ethernet_encapsulation	BOOLEAN	0x0	Ethernet Encapsulation
dhcp.option.tcp_default_ttl	UINT8	0x0	TCP Default TTL
dhcp.option.tcp_keepalive_interval	UINT32	0x0	TCP Keepalive Interval
dhcp.option.tcp_keepalive_garbage	BOOLEAN	0x0	TCP Keepalive Garbage
dhcp.option.nis_domain	STRINGZ	0x0	Network Information Service Domain
dhcp.option.nis_server	IPv4	0x0	Network Information Service Server
dhcp.option.ntp_server	IPv4	0x0	Network Time Protocol Server
dhcp.option.vendor.value	BYTES	0x0	Value
dhcp.option.vendor.value.uint	UINT8	0x0	Value
dhcp.option.vendor.value.string	STRINGZ	0x0	Value
dhcp.option.vendor.value.address	IPv4	0x0	Value
dhcp.option.vendor.pxeclient.suboption	UINT8	0x0	Option 43 Suboption
dhcp.option.vendor.pxeclient.padding	UINT8	0x0	Padding
dhcp.option.vendor.pxeclient.mtftp_ip	IPv4	0x0	mtftp IP
dhcp.option.vendor.pxeclient.mtftp_client_port	UINT16	0x0	mtftp client port
dhcp.option.vendor.pxeclient.mtftp_server_port	UINT16	0x0	mtftp server port
dhcp.option.vendor.pxeclient.mtftp_timeout	UINT8	0x0	mtftp timeout
dhcp.option.vendor.pxeclient.mtftp_delay	UINT8	0x0	mtftp delay
dhcp.option.vendor.pxeclient.discovery_control	UINT8	0x0	discovery control
dhcp.option.vendor.pxeclient.discovery_control.broadcast	BOOLEAN	0x1	Disable Broadcast
dhcp.option.vendor.pxeclient.discovery_control.multicast	BOOLEAN	0x2	Disable Multicast
dhcp.option.vendor.pxeclient.discovery_control.serverlist	BOOLEAN	0x4	Serverlist only
dhcp.option.vendor.pxeclient.discovery_control.bstrap	BOOLEAN	0x8	Bootstrap override
dhcp.option.vendor.pxeclient.multicast_address	IPv4	0x0	multicast address
dhcp.option.vendor.pxeclient.boot_servers	BYTES	0x0	boot servers
dhcp.option.vendor.pxeclient.boot_servers.type	UINT16	0x0	Type
dhcp.option.vendor.pxeclient.boot_servers.count	UINT8	0x0	IP count
dhcp.option.vendor.pxeclient.boot_servers.ip	IPv4	0x0	IP
dhcp.option.vendor.pxeclient.boot_menu	BYTES	0x0	boot menu
dhcp.option.vendor.pxeclient.boot_menu.type	UINT16	0x0	Type
dhcp.option.vendor.pxeclient.boot_menu.length	UINT8	0x0	Length
dhcp.option.vendor.pxeclient.boot_menu.desc	STRING	0x0	Description
dhcp.option.vendor.pxeclient.menu_prompt	BYTES	0x0	menu prompt
dhcp.option.vendor.pxeclient.menu_prompt.timeout	UINT8	0x0	Timeout
dhcp.option.vendor.pxeclient.menu_prompt.prompt	STRING	0x0	Prompt
dhcp.option.vendor.pxeclient.multicast_address_alloc	BYTES	0x0	multicast address alloc
dhcp.option.vendor.pxeclient.credential_types	BYTES	0x0	credential types
dhcp.option.vendor.pxeclient.boot_item	BYTES	0x0	boot item
dhcp.option.vendor.pxeclient.boot_item.type	UINT16	0x0	Type
dhcp.option.vendor.pxeclient.boot_item.layer	BYTES	0x0	Layer
dhcp.option.vendor.pxeclient.lcm_server	STRINGZ	0x0	LCM Server Name
dhcp.option.vendor.pxeclient.lcm_domain	STRINGZ	0x0	LCM Domain
dhcp.option.vendor.pxeclient.lcm_nic_option	BYTES	0x0	LCM NIC option
dhcp.option.vendor.pxeclient.lcm_workgroup	STRINGZ	0x0	LCM Workgroup
dhcp.option.vendor.pxeclient.discovery	BOOLEAN	0x0	Discovery
dhcp.option.vendor.pxeclient.configured	BOOLEAN	0x0	Configured
dhcp.option.vendor.pxeclient.lcm_version	UINT32	0x0	LCM Version
dhcp.option.vendor.pxeclient.lcm_serial	STRINGZ	0x0	LCM Serial Number
dhcp.option.vendor.pxeclient.end	UINT8	0x0	PXE Client End
dhcp.option.vendor.cisco.suboption	UINT8	0x0	Option 43 Suboption
dhcp.option.vendor.aerohive.unknown	BYTES	0x0	Unknown
dhcp.option.vendor.aerohive.xiqhostname	STRING	0x0	HM FQDN
dhcp.option.vendor.aerohive.xiqipaddress	IPv4	0x0	HM IP
dhcp.option.vendor.cl.suboption	UINT8	0x0	Option 43 Suboption
dhcp.option.vendor.cl.padding	UINT8	0x0	Padding
dhcp.option.vendor.cl.suboption_request_list	STRINGZ	0x0	Suboption Request List
dhcp.option.vendor.cl.device_type	STRINGZ	0x0	Device Type
dhcp.option.vendor.cl.esafe_type	STRINGZ	0x0	eSAFE Types
dhcp.option.vendor.cl.serial_number	STRINGZ	0x0	Serial Number
dhcp.option.vendor.cl.hardware_version	STRINGZ	0x0	Hardware Version
dhcp.option.vendor.cl.software_version	STRINGZ	0x0	Software Version
dhcp.option.vendor.cl.boot_rom_version	STRINGZ	0x0	Boot ROM version
dhcp.option.vendor.cl.oui_string	STRINGZ	0x0	Organizationally Unique Identifier
dhcp.option.vendor.cl.oui_bytes	BYTES	0x0	Organizationally Unique Identifier
dhcp.option.vendor.cl.model_number	STRINGZ	0x0	Model Number
dhcp.option.vendor.cl.vendor_name10	STRINGZ	0x0	Vendor Name
dhcp.option.vendor.cl.address_realm	UINT8	0x0	Address Realm
dhcp.option.vendor.cl.cm_ps_system_desc	STRINGZ	0x0	CM/PS System Description
dhcp.option.vendor.cl.cm_ps_firmware_revision	STRINGZ	0x0	CM/PS Firmware Revision
dhcp.option.vendor.cl.firewall_policy_file_version	STRINGZ	0x0	Firewall Policy File Version
dhcp.option.vendor.cl.esafe_config_file_devices	STRINGZ	0x0	eSafe Config File Devices
dhcp.option.vendor.cl.video_security_tape	STRINGZ	0x0	Video Security Type
dhcp.option.vendor.cl.mta_mac_address	ETHER	0x0	MTA MAC Address
dhcp.option.vendor.cl.correlation_ID	UINT32	0x0	Correlation ID
dhcp.option.vendor.cl.vendor_name51	STRINGZ	0x0	Vendor Name
dhcp.option.vendor.cl.cablecard_capability	BYTES	0x0	CableCARD Capability
dhcp.option.vendor.cl.device_id_ca	BYTES	0x0	Device Identification (CA)
dhcp.option.vendor.cl.device_id_x509	STRINGZ	0x0	Device Identification (X.509)
dhcp.option.vendor.cl.end	UINT8	0x0	CL End
dhcp.option.vendor.alu.suboption	UINT8	0x0	Option 43 Suboption
dhcp.option.vendor.alu.padding	UINT8	0x0	Padding
dhcp.option.vendor.alu.vid	UINT16	0x0	Voice VLAN ID
dhcp.option.vendor.alu.tftp1	IPv4	0x0	Spatial Redundancy TFTP1
dhcp.option.vendor.alu.tftp2	IPv4	0x0	Spatial Redundancy TFTP2
dhcp.option.vendor.alu.app_type	UINT8	0x0	Application Type
dhcp.option.vendor.alu.sip_url	STRING	0x0	SIP URL
dhcp.option.vendor.alu.end	UINT8	0x0	Alcatel End
dhcp.option.vendor.arubaap.controllerip	STRING	0x0	Aruba Controller IP
dhcp.option.vendor.arubaiap	STRING	0x0	Aruba Instant AP
dhcp.option.vendor.arubaiap.name_org	STRING	0x0	Name Organisation
dhcp.option.vendor.arubaiap.amp_ip	STRING	0x0	AMP IP Address
dhcp.option.vendor.arubaiap.password	STRING	0x0	Password
dhcp.option.vendor.bsdp.suboption	UINT8	0x0	Option 43 Suboption
dhcp.option.vendor.bsdp.message_type	UINT8	0x0	Message Type
dhcp.option.vendor.bsdp.version	UINT16	0x0	Version
dhcp.option.vendor.bsdp.server_identifier	IPv4	0x0	Server Identifier
dhcp.option.vendor.bsdp.server_priority	UINT16	0x0	Server Priority
dhcp.option.vendor.bsdp.reply_port	UINT16	0x0	Reply Port
dhcp.option.vendor.bsdp.boot_image_list_path	STRING	0x0	Boot Image List Path
dhcp.option.vendor.bsdp.boot_image.index	UINT16	0x0	Boot Image Index
dhcp.option.vendor.bsdp.default_boot_image_id	UINT32	0x0	Default Boot Image ID
dhcp.option.vendor.bsdp.selected_boot_image_id	UINT32	0x0	Selected Boot Image ID
dhcp.option.vendor.bsdp.boot_image_list	BYTES	0x0	Boot Image List
dhcp.option.vendor.bsdp.boot_image.desc	BYTES	0x0	Boot Image Description
dhcp.option.vendor.bsdp.boot_image.name_len	UINT8	0x0	Boot Image Name Length
dhcp.option.vendor.bsdp.boot_image.name	STRING	0x0	Boot Image Name
dhcp.option.vendor.bsdp.netboot_firmware	NONE	0x0	NetBoot 1.0 Firmware
dhcp.option.vendor.bsdp.attributes_filter_list	BYTES	0x0	Boot Image Attributes Filter List
dhcp.option.vendor.bsdp.boot_image.attribute	UINT16	0x0	Boot Image Attribute
dhcp.option.vendor.bsdp.boot_image.attribute.install	UINT16	0x8000	Install
dhcp.option.vendor.bsdp.boot_image.attribute.kind	UINT16	0x7f00	Kind
dhcp.option.vendor.bsdp.boot_image.attribute.reserved	UINT16	0xff	Reserved
dhcp.option.vendor.bsdp.message_size	UINT16	0x0	Message Size
dhcp.option.netbios_over_tcpip_name_server	IPv4	0x0	NetBIOS over TCP/IP Name Server
dhcp.option.netbios_over_tcpip_dd_name_server	IPv4	0x0	NetBIOS over TCP/IP Datagram Distribution Name Server
dhcp.option.netbios_over_tcpip_node_type	UINT8	0x0	NetBIOS over TCP/IP Node Type
dhcp.option.netbios_over_tcpip_scope	STRINGZ	0x0	NetBIOS over TCP/IP Scope
dhcp.option.xwindows_system_font_server	IPv4	0x0	X Window System Font Server
dhcp.option.xwindows_system_display_manager	IPv4	0x0	X Window System Display Manager
dhcp.option.requested_ip_address	IPv4	0x0	Requested IP Address
dhcp.option.ip_address_lease_time	UINT32	0x0	IP Address Lease Time
dhcp.option.option_overload	UINT8	0x0	Option Overload
dhcp.option.dhcp	UINT8	0x0	DHCP
dhcp.option.dhcp_server_id	IPv4	0x0	DHCP Server Identifier
dhcp.option.request_list_item	UINT8	0x0	Parameter Request List Item
dhcp.option.message	STRINGZ	0x0	Message
dhcp.option.dhcp_max_message_size	UINT16	0x0	Maximum DHCP Message Size
dhcp.option.renewal_time_value	UINT32	0x0	Renewal Time Value
dhcp.option.rebinding_time_value	UINT32	0x0	Rebinding Time Value
dhcp.option.vendor_class_id	STRINGZ	0x0	Vendor class identifier
dhcp.option.vendor_class_data	STRINGZ	0x0	vendor-class-data
dhcp.option.novell_netware_ip_domain	STRINGZ	0x0	Novell/Netware IP domain
dhcp.option.novell_options.suboption	UINT8	0x0	Option 63 Suboption
dhcp.option.novell_options.value	BYTES	0x0	Value
dhcp.option.novell_options.value.uint	UINT8	0x0	Value
dhcp.option.novell_options.value.address	IPv4	0x0	Value
dhcp.option.novell_options.value.bool	BOOLEAN	0x0	Value
dhcp.option.novell_options.broadcast	BOOLEAN	0x0	Broadcast for nearest Netware server
dhcp.option.novell_options.preferred_dss_server	IPv4	0x0	Preferred DSS server
dhcp.option.novell_options.nearest_nwip_server	IPv4	0x0	Nearest NWIP server
dhcp.option.novell_options.autoretries	UINT8	0x0	Autoretries
dhcp.option.novell_options.autoretry_delay	UINT8	0x0	Autoretry delay, sec
dhcp.option.novell_options.support_netware_v1_1	BOOLEAN	0x0	Broadcast for nearest Netware server
dhcp.option.novell_options.primary_dss	IPv4	0x0	Primary DSS
dhcp.option.nis_plus_domain	STRINGZ	0x0	Network Information Service+ Domain
dhcp.option.nis_plus_server	IPv4	0x0	Network Information Service+ Server
dhcp.option.tftp_server_name	STRINGZ	0x0	TFTP Server Name
dhcp.option.bootfile_name	STRINGZ	0x0	Bootfile name
dhcp.option.mobile_ip_home_agent	IPv4	0x0	Mobile IP Home Agent
dhcp.option.smtp_server	IPv4	0x0	SMTP Server
dhcp.option.pop3_server	IPv4	0x0	POP3 Server
dhcp.option.nntp_server	IPv4	0x0	NNTP Server
dhcp.option.default_www_server	IPv4	0x0	Default WWW Server
dhcp.option.default_finger_server	IPv4	0x0	Default Finger Server
dhcp.option.default_irc_server	IPv4	0x0	Default IRC Server
dhcp.option.streettalk_server	IPv4	0x0	StreetTalk Server
dhcp.option.streettalk_da_server	IPv4	0x0	StreetTalk Directory Assistance Server
dhcp.option.user_class	UINT8	0x0	Instance of User Class
dhcp.option.user_class.length	UINT8	0x0	User Class Length
dhcp.option.user_class.data	BYTES	0x0	User Class Data
dhcp.option.user_class.text	STRING	0x0	User Class Data (Text)
dhcp.option.slp_directory_agent.value	UINT8	0x0	Value
dhcp.option.slp_directory_agent.slpda_address	IPv4	0x0	IP Address
dhcp.option.slp_service_scope.value	UINT8	0x0	Value
dhcp.option.slp_service_scope.string	STRINGZ	0x0	SLP Service Scope
dhcp.option.agent_information_option.suboption	UINT8	0x0	Option 82 Suboption
dhcp.option.agent_information_option.value	BYTES	0x0	Value
dhcp.option.agent_information_option.value.uint	UINT8	0x0	Value
dhcp.option.agent_information_option.value.address	IPv4	0x0	Value
dhcp.option.agent_information_option.value.string	STRINGZ	0x0	Value
dhcp.option.agent_information_option.padding	UINT8	0x0	Padding
dhcp.option.agent_information_option.agent_circuit_id	BYTES	0x0	Agent Circuit ID
dhcp.option.agent_information_option.agent_remote_id	BYTES	0x0	Agent Remote ID
dhcp.option.agent_information_option.reserved	BYTES	0x0	Reserved
dhcp.option.agent_information_option.docsis_device_class	UINT32	0x0	DOCSIS Device Class
dhcp.option.agent_information_option.link_selection	IPv4	0x0	Link selection
dhcp.option.agent_information_option.subscriber_id	STRINGZ	0x0	Subscriber ID
dhcp.option.agent_information_option.radius_attributes	BYTES	0x0	RADIUS Attributes
dhcp.option.agent_information_option.authentication	BYTES	0x0	Authentication
dhcp.option.agent_information_option.vi	BYTES	0x0	Vendor-Specific Information
dhcp.option.agent_information_option.vi.enterprise	UINT32	0x0	Enterprise
dhcp.option.agent_information_option.vi.data_length	UINT8	0x0	Data Length
dhcp.option.agent_information_option.vi.cl.docsis_version	UINT16	0x0	DOCSIS Version Number
dhcp.option.agent_information_option.vi.cl.dpoe_system_version	UINT16	0x0	DPoE System Version Number
dhcp.option.agent_information_option.vi.cl.dpoe_system_pbb_service	BYTES	0x0	DPoE System PBB Service
dhcp.option.agent_information_option.vi.cl.service_class_name	STRING	0x0	Service Class Name
dhcp.option.agent_information_option.vi.cl.mso_defined_text	STRING	0x0	MSO Defined Text
dhcp.option.agent_information_option.vi.cl.secure_file_transfer_uri	STRING	0x0	Secure File Transfer URI
dhcp.option.agent_information_option.flags	UINT8	0x0	Flags
dhcp.option.agent_information_option.server_id_override	IPv4	0x0	Server ID Override
dhcp.option.agent_information_option.relay_agent_id	BYTES	0x0	Relay Agent Identifier
dhcp.option.agent_information_option.ani_att	UINT8	0x0	Access Technology Type
dhcp.option.agent_information_option.ani_att.res	UINT8	0x0	Access Technology Type
dhcp.option.agent_information_option.ani_att.att	UINT8	0x0	Access Technology Type
dhcp.option.agent_information_option.ani_network_name	STRING	0x0	Access Network Name
dhcp.option.agent_information_option.ani_ap_name	STRING	0x0	Access Point Name
dhcp.option.agent_information_option.ani_ap_bssid	ETHER	0x0	Access Point BSSID
dhcp.option.agent_information_option.ani_operator_id	BYTES	0x0	Access Network Operator ID
dhcp.option.agent_information_option.ani_operator_realm	STRING	0x0	Access Network Operator Realm
dhcp.option.agent_information_option.source_port	NONE	0x0	Source Port
dhcp.option.agent_information_option.link_selection_cisco	IPv4	0x0	Link selection (Cisco proprietary)
dhcp.option.agent_information_option.vrf_name.vpn_id	BYTES	0x0	VRF name/VPN ID
dhcp.option.agent_information_option.vrf_name.global	UINT8	0x0	Global, default VPN
dhcp.option.agent_information_option.vrf_name	STRING	0x0	VRF name
dhcp.option.agent_information_option.vrf_name.vpn_id.oui	UINT24	0x0	VRF name/VPN ID OUI
dhcp.option.agent_information_option.vrf_name.vpn_id.index	UINT32	0x0	VRF name/VPN ID Index
dhcp.option.agent_information_option.server_id_override_cisco	IPv4	0x0	Server ID Override (Cisco proprietary)
dhcp.option.isns.functions	UINT16	0x0	iSNS Functions
dhcp.option.isns.functions.enabled	BOOLEAN	0x1	Function Fields Enabled
dhcp.option.isns.functions.dd_base_authorization	BOOLEAN	0x2	Discovery Domain based Authorization
dhcp.option.isns.functions.sec_policy_distribution	BOOLEAN	0x4	Security Policy Distribution
dhcp.option.isns.functions.reserved	UINT16	0xfff8	Reserved flags
dhcp.option.isns.discovery_domain_access	UINT16	0x0	Discovery Domain Access flags
dhcp.option.isns.discovery_domain_access.enabled	BOOLEAN	0x1	Discovery Domain Enabled
dhcp.option.isns.discovery_domain_access_control.node	BOOLEAN	0x2	Control Node
dhcp.option.isns.discovery_domain_access.iscsi_target	BOOLEAN	0x4	iSCSI Target
dhcp.option.isns.discovery_domain_access.iscsi_initiator	BOOLEAN	0x8	iSCSI Initiator
dhcp.option.isns.discovery_domain_access.ifcp_target_port	BOOLEAN	0x10	iFCP Target Port
dhcp.option.isns.discovery_domain_access.initiator_target_port	BOOLEAN	0x20	iFCP Initiator Port
dhcp.option.isns.discovery_domain_access.reserved	UINT16	0xffc0	Reserved Flags
dhcp.option.isns.administrative_flags	UINT16	0x0	Administrative Flags
dhcp.option.isns.administrative_flags.enabled	BOOLEAN	0x1	Administrative Flags Enabled
dhcp.option.isns.administrative_flags.heartbeat	BOOLEAN	0x2	Heartbeat
dhcp.option.isns.administrative_flags.management_scns	BOOLEAN	0x4	Management SCNs
dhcp.option.isns.administrative_flags.default_discovery_domain	BOOLEAN	0x8	Default Discovery Domain
dhcp.option.isns.administrative_flags.reserved	UINT16	0xfff0	Reserved Flags
dhcp.option.isns.server_security_bitmap	UINT32	0x0	iSNS Server Security Bitmap
dhcp.option.isns.server_security_bitmap.enabled	BOOLEAN	0x1	Server Security Bitmap Enabled
dhcp.option.isns.server_security_bitmap.ike_ipsec_enabled	BOOLEAN	0x2	IKE/IPSec
dhcp.option.isns.server_security_bitmap.main_mode	BOOLEAN	0x4	Main Mode
dhcp.option.isns.server_security_bitmap.aggressive_mode	BOOLEAN	0x8	Aggressive Mode
dhcp.option.isns.server_security_bitmap.pfs	BOOLEAN	0x10	PFS
dhcp.option.isns.server_security_bitmap.transport_mode	BOOLEAN	0x20	Transport Mode
dhcp.option.isns.server_security_bitmap.tunnel_mode	BOOLEAN	0x40	Tunnel Mode
dhcp.option.isns.server_security_bitmap.reserved	UINT16	0xff80	Reserved Flags
dhcp.option.isns.primary_server_addr	IPv4	0x0	Primary Server Address
dhcp.option.isns.heartbeat_originator_addr	IPv4	0x0	Heartbeat Originator Address
dhcp.option.isns.secondary_server_addr	IPv4	0x0	Secondary Server Address
dhcp.option.novell_dss.string	STRINGZ	0x0	Novell Directory Services Servers String
dhcp.option.novell_dss.ip	IPv4	0x0	IP Address
dhcp.option.novell_ds_tree_name	STRINGZ	0x0	Novell Directory Services Tree Name
dhcp.option.novell_ds_context	STRINGZ	0x0	Novell Directory Services Context
dhcp.option.dhcp_authentication.protocol	UINT8	0x0	Protocol
dhcp.option.dhcp_authentication.alg_delay	UINT8	0x0	Delay Algorithm
dhcp.option.dhcp_authentication.algorithm	UINT8	0x0	Algorithm
dhcp.option.dhcp_authentication.rdm	UINT8	0x0	Replay Detection Method
dhcp.option.dhcp_authentication.rdm_replay_detection	UINT64	0x0	RDM Replay Detection Value
dhcp.option.dhcp_authentication.rdm_rdv	STRINGZ	0x0	Replay Detection Value
dhcp.option.dhcp_authentication.secret_id	UINT32	0x0	Secret ID
dhcp.option.dhcp_authentication.hmac_md5_hash	BYTES	0x0	HMAC MD5 Hash
dhcp.option.dhcp_authentication.information	STRINGZ	0x0	Authentication Information
dhcp.option.client_last_transaction_time	UINT32	0x0	Client last transaction time
dhcp.option.associated_ip_option	IPv4	0x0	Associated IP option
dhcp.option.client_system_architecture	UINT16	0x0	Client System Architecture
dhcp.client_network_id_major	UINT8	0x0	Major Version
dhcp.client_network_id_minor	UINT8	0x0	Minor Version
dhcp.option.civic_location.what	UINT8	0x0	What
dhcp.option.civic_location.country	STRINGZ	0x0	Country
dhcp.option.civic_location.ca_type	UINT8	0x0	CA Type
dhcp.option.civic_location.ca_length	UINT8	0x0	CA Length
dhcp.option.civic_location.ca_value	STRINGZ	0x0	CA Value
dhcp.option.tz_pcode	STRING	0x0	TZ PCode
dhcp.option.tz_tcode	STRING	0x0	TZ TCode
dhcp.option.netinfo_parent_server_address	IPv4	0x0	NetInfo Parent Server Address
dhcp.option.netinfo_parent_server_tag	STRINGZ	0x0	NetInfo Parent Server Tag
dhcp.option.dhcp_auto_configuration	UINT8	0x0	DHCP Auto-Configuration
dhcp.option.dhcp_name_service_search_option	STRINGZ	0x0	Name Service
dhcp.option.dhcp_dns_domain_search_list_rfc_3396_detected	STRINGZ	0x0	Encoding Long Options detected (RFC 3396)
dhcp.option.dhcp_dns_domain_search_list_refer_last_option	STRINGZ	0x0	For the data, please refer to last option 119
dhcp.option.dhcp_dns_domain_search_list_fqdn	STRINGZ	0x0	FQDN
dhcp.option.sip_server.rfc_3396_detected	STRINGZ	0x0	Encoding Long Options detected (RFC 3396)
dhcp.option.sip_server.refer_last_option	STRINGZ	0x0	For the data, please refer to last option 120
dhcp.option.sip_server.encoding	UINT8	0x0	SIP Server Encoding
dhcp.option.sip_server.name	STRINGZ	0x0	SIP Server Name
dhcp.option.sip_server.address	IPv4	0x0	SIP Server Address
dhcp.option.classless_static_route	BYTES	0x0	Subnet/MaskWidth-Router
dhcp.option.rfc3825.error	UINT8	0x0	Error
dhcp.option.rfc3825.latitude	DOUBLE	0x0	Latitude
dhcp.option.rfc3825.longitude	DOUBLE	0x0	Longitude
dhcp.option.rfc3825.latitude_res	DOUBLE	0x0	Latitude resolution
dhcp.option.rfc3825.longitude_res	DOUBLE	0x0	Longitude resolution
dhcp.option.rfc3825.altitude	DOUBLE	0x0	Altitude
dhcp.option.rfc3825.altitude_res	DOUBLE	0x0	Altitude resolution
dhcp.option.rfc3825.altitude_type	UINT8	0x0	Altitude type
dhcp.option.cl_dss_id.option	UINT8	0x0	Map Datum
dhcp.option.cl_dss_id.len	UINT8	0x0	DSS_ID Length
dhcp.option.cl_dss_id	STRINGZ	0x0	Country
dhcp.option.vi_class.cl_address_mode	UINT8	0x0	CableLab Address Mode
dhcp.option.vi_class.enterprise	UINT32	0x0	Enterprise
dhcp.option.vi_class.length	UINT8	0x0	CableLab Address Mode
dhcp.option.vi_class.data	STRINGZ	0x0	NetInfo Parent Server Tag
dhcp.option.vi.enterprise	UINT32	0x0	Enterprise
dhcp.option.vi.length	UINT8	0x0	Length
dhcp.option.vi.value	BYTES	0x0	Value
dhcp.option.vi.value.uint	UINT8	0x0	Value
dhcp.option.vi.value.address	IPv4	0x0	Value
dhcp.option.vi.value.string	STRINGZ	0x0	Value
dhcp.option.vi.tr111.suboption	UINT8	0x0	Option 125 Suboption
dhcp.option.vi.tr111.device_manufacturer_oui	UINT24	0x0	DeviceManufacturerOUI
dhcp.option.vi.tr111.device_serial_number	STRINGZ	0x0	DeviceSerialNumber
dhcp.option.vi.tr111.device_product_class	STRINGZ	0x0	DeviceProductClass
dhcp.option.vi.tr111.gateway_manufacturer_oui	STRINGZ	0x0	GatewayManufacturerOUI
dhcp.option.vi.tr111.gateway_serial_number	STRINGZ	0x0	GatewaySerialNumber
dhcp.option.vi.tr111.gateway_product_class	STRINGZ	0x0	GatewayProductClass
dhcp.option.vi.cl.suboption	UINT8	0x0	Option 125 Suboption
dhcp.option.vi.cl.option_request	BYTES	0x0	Option Request
dhcp.option.vi.cl.tftp_server_addresses	IPv4	0x0	TFTP Server Addresses
dhcp.option.vi.cl.erouter_container_option	BYTES	0x0	eRouter Container Option
dhcp.option.vi.cl.modem_capabilities	BYTES	0x0	Modem Capabilities
dhcp.option.subnet_selection_option	IPv4	0x0	Subnet Selection Option
dhcp.option.pana_agent	IPv4	0x0	PAA IPv4 Address
dhcp.option.lost_server_domain_name	STRINGZ	0x0	LoST Server Domain Name
dhcp.option.capwap_access_controller	IPv4	0x0	CAPWAP Access Controllers
dhcp.option.andsf_server	IPv4	0x0	ANDSF Server
dhcp.option.forcerenew_nonce.algorithm	UINT8	0x0	Algorithm
dhcp.option.rdnss.reserved	UINT8	0xfc	Reserved
dhcp.option.rdnss.preference	UINT8	0x3	Preference
dhcp.option.rdnss.primary_dns	IPv4	0x0	Primary DNS
dhcp.option.rdnss.secondary_dns	IPv4	0x0	Secondary DNS
dhcp.option.rdnss.domain	STRING	0x0	Domains and networks
dhcp.option.tftp_server_address	IPv4	0x0	TFTP Server Address
dhcp.option.bulk_lease.status_code	UINT8	0x0	Status Code
dhcp.option.bulk_lease.status_code_message	STRING	0x0	Status Code Message
dhcp.option.bulk_lease.base_time	ABSOLUTE_TIME	0x0	Base Time
dhcp.option.bulk_lease.start_time_of_state	UINT32	0x0	Start Time Of State
dhcp.option.bulk_lease.query_start_time	ABSOLUTE_TIME	0x0	Query Start Time
dhcp.option.bulk_lease.query_end_time	ABSOLUTE_TIME	0x0	Query End Time
dhcp.option.bulk_lease.dhcp_state	UINT8	0x0	Dhcp State
dhcp.option.bulk_lease.data_source	BOOLEAN	0x0	Data Source
dhcp.option.pcp.list_length	UINT8	0x0	List-Length
dhcp.option.pcp.server	IPv4	0x0	PCP Server
dhcp.option.portparams.offset	UINT8	0x0	Offset
dhcp.option.portparams.psid_length	UINT8	0x0	PSID-Length
dhcp.option.portparams.psid	BYTES	0x0	PSID
dhcp.option.mudurl	STRING	0x0	MUDURL
dhcp.option.pxe_config_file	STRING	0x0	PXELINUX configuration file
dhcp.option.pxe_path_prefix	STRING	0x0	PXELINUX path prefix
dhcp.option.captive_portal	STRING	0x0	Captive Portal
dhcp.option.6RD.ipv4_mask_len	UINT8	0x0	6RD IPv4 Mask Length
dhcp.option.6RD.prefix_len	UINT8	0x0	6RD Prefix Length
dhcp.option.6RD.prefix	IPv6	0x0	6RD Prefix
dhcp.option.6RD.border_relay_ip	IPv4	0x0	Border Relay IP
dhcp.option.private_proxy_autodiscovery	STRINGZ	0x0	Private/Proxy autodiscovery
dhcp.option.end	UINT8	0x0	Option End
dhcp.vendor.suboption	UINT8	0x0	Option 125 Suboption
dhcp.vendor.data	BYTES	0x0	Data
dhcp.vendor.pc.ietf_ccc.suboption	UINT8	0x0	Suboption
dhcp.vendor.pc.i05_ccc.suboption	UINT8	0x0	Suboption
dhcp.cl.ietf_ccc.dev_realm_unc_key_nom_timeout	UINT32	0x0	pktcMtaDevRealmUnsolicitedKeyNomTimeout
dhcp.cl.ietf_ccc.dev_realm_unc_key_max_timeout	UINT32	0x0	pktcMtaDevRealmUnsolicitedKeyMaxTimeout
dhcp.cl.ietf_ccc.dev_realm_unc_key_max_retries	UINT32	0x0	pktcMtaDevRealmUnsolicitedKeyMaxRetries
dhcp.cl.ietf_ccc.dev_prov_unc_key_nom_timeout	UINT32	0x0	pktcMtaDevProvUnsolicitedKeyNomTimeout
dhcp.cl.ietf_ccc.dev_prov_unc_key_max_timeout	UINT32	0x0	pktcMtaDevProvUnsolicitedKeyMaxTimeout
dhcp.cl.ietf_ccc.dev_prov_unc_key_max_retries	UINT32	0x0	pktcMtaDevProvUnsolicitedKeyMaxRetries
dhcp.ccc.ietf.sec_tkt.pc_provision_server	BOOLEAN	0x1	Invalidate PacketCable Provisioning Server
dhcp.ccc.ietf.sec_tkt.all_pc_call_management	BOOLEAN	0x2	Invalidate All PacketCable Call Management Servers
dhcp.option.vendor.avaya	STRINGZ	0x0	Private/Avaya IP Telephone
dhcp.option.vendor.avaya.tlssrvr	STRINGZ	0x0	TLSSRVR
dhcp.option.vendor.avaya.httpsrvr	STRINGZ	0x0	HTTPSRVR
dhcp.option.vendor.avaya.httpdir	STRINGZ	0x0	HTTPDIR
dhcp.option.vendor.avaya.static	STRINGZ	0x0	STATIC
dhcp.option.vendor.avaya.mcipadd	STRINGZ	0x0	MCIPADD
dhcp.option.vendor.avaya.dot1x	STRINGZ	0x0	DOT1X
dhcp.option.vendor.avaya.icmpdu	STRINGZ	0x0	ICMPDU
dhcp.option.vendor.avaya.icmpred	STRINGZ	0x0	ICMPRED
dhcp.option.vendor.avaya.l2q	STRINGZ	0x0	L2Q
dhcp.option.vendor.avaya.l2qvlan	INT32	0x0	L2QVLAN
dhcp.option.vendor.avaya.loglocal	STRINGZ	0x0	LOGLOCAL
dhcp.option.vendor.avaya.phy1stat	STRINGZ	0x0	PHY1STAT
dhcp.option.vendor.avaya.phy2stat	STRINGZ	0x0	PHY2STAT
dhcp.option.vendor.avaya.procpswd	STRINGZ	0x0	PROCPSWD
dhcp.option.vendor.avaya.procstat	STRINGZ	0x0	PROCSTAT
dhcp.option.vendor.avaya.snmpadd	STRINGZ	0x0	SNMPADD
dhcp.option.vendor.avaya.snmpstring	STRINGZ	0x0	SNMPSTRING
dhcp.option.vendor.avaya.vlantest	INT32	0x0	VLANTEST
dhcp.option.vendor.cisco.unknown	BYTES	0x0	Unknown
dhcp.option.vendor.cisco.unknown1	UINT8	0x0	Unknown1
dhcp.option.vendor.cisco.unknown2	UINT8	0x0	Unknown2
dhcp.option.vendor.cisco.unknown3	UINT16	0x0	Unknown3
dhcp.option.vendor.cisco.nodeid	UINT32	0x0	Node ID
dhcp.option.vendor.cisco.unknown5	UINT8	0x0	Unknown5
dhcp.option.vendor.cisco.unknown6	UINT8	0x0	Unknown6
dhcp.option.vendor.cisco.model	STRING	0x0	Model
dhcp.option.vendor.cisco.apicuuid	STRING	0x0	APIC UUID
dhcp.option.vendor.cisco.fabricname	STRING	0x0	Fabricname
dhcp.option.vendor.cisco.unknown10	UINT32	0x0	Unknown10
dhcp.option.vendor.cisco.serialno	STRING	0x0	SerialNo
dhcp.option.vendor.cisco.clientint	STRING	0x0	Client Int
dhcp.bad_length	NONE	0x0	length isn't 0
dhcp.bad_bitfield	NONE	0x0	Bogus bitfield
dhcp.missing_subopt_length	NONE	0x0	no room left in option for suboption length
dhcp.missing_subopt_value	NONE	0x0	no room left in option for suboption value
dhcp.malformed.duid	NONE	0x0	DUID: malformed option
dhcp.option.option_overload.file_end_missing	NONE	0x0	file overload end option missing
dhcp.option.option_overload.sname_end_missing	NONE	0x0	sname overload end option missing
dhcp.subopt.unknown_type	NONE	0x0	ERROR, please report: Unknown subopt type handler
dhcp.option.civic_location.bad_cattype	NONE	0x0	Error with CAType
dhcp.option.dhcp_name_service.invalid	NONE	0x0	Invalid Name Service
dhcp.option.sip_server_address.encoding	NONE	0x0	RFC 3361 defines only 0 and 1 for Encoding byte
dhcp.option.classless_static.route	NONE	0x0	Mask width > 32
dhcp.option.enterprise.malformed	NONE	0x0	no room left in option for enterprise data
dhcp.option.6RD.malformed	NONE	0x0	6RD: malformed option
dhcp.option.option.vi.cl.tag_unknown	NONE	0x0	Unknown tag
dhcp.option.parse_err	NONE	0x0	Parse error
dhcp.option.nonstd_data	NONE	0x0	Non standard compliant option data
dhcp.suboption_invalid	NONE	0x0	Invalid suboption
dhcp.secs_le	NONE	0x0	Seconds elapsed appears to be encoded as little-endian
dhcp.end_option_missing	NONE	0x0	End option missing
dhcp.client_address_not_given	NONE	0x0	Client address not given
dhcp.server_name_overloaded_by_dhcp	NONE	0x0	Server name option overloaded by DHCP
dhcp.boot_filename_overloaded_by_dhcp	NONE	0x0	Boot file name option overloaded by DHCP
dhcp.option.isns.ignored_bitfield	NONE	0x0	Enabled field is not set - non-zero bitmask ignored
dhcp.option.vendor.avaya.l2qvlan.invalid	NONE	0x0	Option 242 (L2QVLAN) invalid
dhcp.option.vendor.avaya.vlantest.invalid	NONE	0x0	Option 242 (avaya vlantest) invalid
dhcp.option.client_architecture.ambiguous	NONE	0x0	Client Architecture ID may be ambiguous
dhcpv6.msgtype	UINT8	0x0	Message type
dhcpv6.hopcount	UINT8	0x0	Hopcount
dhcpv6.xid	UINT24	0x0	Transaction ID
dhcpv6.linkaddr	IPv6	0x0	Link address
dhcpv6.peeraddr	IPv6	0x0	Peer address
dhcpv6.option.type	UINT16	0x0	Option
dhcpv6.option.length	UINT16	0x0	Length
dhcpv6.option.type_str	STRING	0x0	Option
dhcpv6.clientfqdn.bad_msgtype	UINT8	0x0	Illegal Message Type
dhcpv6.client_fqdn_flags	UINT8	0x0	Flags
dhcpv6.clientfqdn.client.s	BOOLEAN	0x1	S bit
dhcpv6.clientfqdn.client.n	BOOLEAN	0x4	N bit
dhcpv6.clientfqdn.server.s	BOOLEAN	0x1	S bit
dhcpv6.clientfqdn.server.o	BOOLEAN	0x2	O bit
dhcpv6.clientfqdn.server.n	BOOLEAN	0x4	N bit
dhcpv6.domain_field_len	UINT16	0x0	Empty domain name - field length
dhcpv6.bogus_label_length	UINT8	0x0	Non-DNS encoded name. Label length exceeds 63
dhcpv6.domain_field_len_exceeded	UINT8	0x0	Remaining length in the domain name field exceeded
dhcpv6.decoded_portion	STRING	0x0	Portion successfully decoded
dhcpv6.encoded_fqdn_gt_255	UINT16	0x0	DNS-encoded labels of FQDN exceed 255 octets
dhcpv6.root_only_domain_name	STRING	0x0	Root only domain name
dhcpv6.tld	STRING	0x0	Top Level Domain name
dhcpv6.partial_name_preceded_by_fqdn	STRING	0x0	Partial name preceded by FQDN
dhcpv6.remoteid.enterprise	UINT32	0x0	Enterprise ID
dhcpv6.duid.bytes	BYTES	0x0	DUID
dhcpv6.duid.type	UINT16	0x0	DUID Type
dhcpv6.duidllt.time	ABSOLUTE_TIME	0x0	DUID Time
dhcpv6.duidllt.link_layer_addr	STRING	0x0	Link-layer address
dhcpv6.duidllt.hwtype	UINT16	0x0	Hardware type
dhcpv6.duidll.hwtype	UINT16	0x0	Hardware type
dhcpv6.duiden.enterprise	UINT32	0x0	Enterprise ID
dhcpv6.duiden.identifier	BYTES	0x0	Identifier
dhcpv6.duidll.link_layer_addr	STRING	0x0	Link-layer address
dhcpv6.duiduuid.bytes	BYTES	0x0	UUID
dhcpv6.iaid	STRING	0x0	IAID
dhcpv6.iaid.t1	UINT32	0x0	T1
dhcpv6.iaid.t2	UINT32	0x0	T2
dhcpv6.iata	STRING	0x0	IATA
dhcpv6.iaaddr.ip	IPv6	0x0	IPv6 address
dhcpv6.iaaddr.pref_lifetime	UINT32	0x0	Preferred lifetime
dhcpv6.iaaddr.valid_lifetime	UINT32	0x0	Valid lifetime
dhcpv6.requested_option_code	UINT16	0x0	Requested Option code
dhcpv6.option_preference	UINT8	0x0	Pref-value
dhcpv6.elapsed_time	UINT16	0x0	Elapsed time
dhcpv6.auth.protocol	UINT8	0x0	Protocol
dhcpv6.auth.algorithm	UINT8	0x0	Algorithm
dhcpv6.auth.rdm	UINT8	0x0	RDM
dhcpv6.auth.replay_detection	BYTES	0x0	Replay Detection
dhcpv6.auth.info	BYTES	0x0	Authentication Information
dhcpv6.auth.realm	STRING	0x0	DHCP realm
dhcpv6.auth.key_id	UINT32	0x0	Key ID
dhcpv6.auth.md5_data	BYTES	0x0	HMAC-MD5 data
dhcpv6.unicast	IPv6	0x0	IPv6 address
dhcpv6.status_code	UINT16	0x0	Status Code
dhcpv6.status_msg	STRING	0x0	Status Message
dhcpv6.vendorclass.enterprise	UINT32	0x0	Enterprise ID
dhcpv6.vendorclass.data	STRINGZ	0x0	vendor-class-data
dhcpv6.vendoropts.enterprise	UINT32	0x0	Enterprise ID
dhcpv6.vendoropts.enterprise.option_code	UINT16	0x0	Option code
dhcpv6.vendoropts.enterprise.option_length	UINT16	0x0	Option length
dhcpv6.vendoropts.enterprise.option_data	BYTES	0x0	Option data
dhcpv6.interface_id	BYTES	0x0	Interface-ID
dhcpv6.reconf_msg	UINT8	0x0	Reconfigure message type
dhcpv6.sip_server_domain_search_fqdn	STRING	0x0	SIP Server Domain Search FQDN
dhcpv6.sip_server_a	IPv6	0x0	SIP server address
dhcpv6.dns_server	IPv6	0x0	DNS server address
dhcpv6.search_list_entry	STRING	0x0	List entry
dhcpv6.nis_server	IPv6	0x0	NIS server address
dhcpv6.nisp_server	IPv6	0x0	NISP server address
dhcpv6.nis_fqdn	STRING	0x0	NIS FQDN
dhcpv6.nisp_fqdn	STRING	0x0	NISP FQDN
dhcpv6.sntp_server	IPv6	0x0	SNTP server address
dhcpv6.lifetime	UINT32	0x0	Lifetime
dhcpv6.bcmcs_server_fqdn	STRING	0x0	BCMCS server FQDN
dhcpv6.bcmcs_server_a	IPv6	0x0	BCMCS server address
dhcpv6.remoteid_enterprise_id	BYTES	0x0	Remote-ID
dhcpv6.subscriber_id	STRING	0x0	Subscriber-ID
dhcpv6.client_domain	STRING	0x0	Client Domain Name
dhcpv6.pana_agent	IPv6	0x0	PANA agents address
dhcpv6.timezone	STRING	0x0	Time-zone
dhcpv6.tzdb	STRING	0x0	TZ-database
dhcpv6.lq_query	UINT8	0x0	Query-type
dhcpv6.lq_query_link_address	IPv6	0x0	Link address
dhcpv6.clt_time	UINT32	0x0	Clt_time
dhcpv6.lq_relay_data_peer_addr	IPv6	0x0	Peer address
dhcpv6.lq_relay_data_msg	STRING	0x0	DHCPv6 relay message
dhcpv6.lq_client_link	IPv6	0x0	LQ client links address
dhcpv6.capwap_ac_v6	IPv6	0x0	CAPWAP Access Controllers address
dhcpv6.aftr_name	STRING	0x0	DS-Lite AFTR Name
dhcpv6.iaprefix.pref_lifetime	UINT32	0x0	Preferred lifetime
dhcpv6.iaprefix.valid_lifetime	UINT32	0x0	Valid lifetime
dhcpv6.iaprefix.pref_len	UINT8	0x0	Prefix length
dhcpv6.iaprefix.pref_addr	IPv6	0x0	Prefix address
dhcpv6.mip6_home_agent	IPv6	0x0	Home Agent
dhcpv6.mip6_home_address	IPv6	0x0	Home Address
dhcpv6.nai	STRING	0x0	NAI
dhcpv6.pd_exclude.pref_len	UINT8	0x0	Prefix length
dhcpv6.pd_exclude.subnet_id	BYTES	0x0	IPv6 subnet ID
dhcpv6.userclass.length	UINT16	0x0	Length
dhcpv6.userclass.opaque_data	BYTES	0x0	Suboption
dhcpv6.ntpserver.option.type	UINT16	0x0	Suboption
dhcpv6.ntpserver.option.length	UINT16	0x0	Length
dhcpv6.ntpserver.addr	IPv6	0x0	NTP Server Address
dhcpv6.ntpserver.mc_addr	IPv6	0x0	NTP Multicast Address
dhcpv6.captive_portal	STRING	0x0	Captive Portal
dhcpv6.option_code	UINT16	0x0	S46 Option code
dhcpv6.failover.binding_status	UINT8	0x0	Failover Binding Status
dhcpv6.failover.connect.flags	UINT16	0x0	Flags
dhcpv6.failover.connect.flags.reserved	BOOLEAN	0xfffe	Reserved
dhcpv6.failover.connect.flags.f	BOOLEAN	0x1	Fixed PD Length (F)
dhcpv6.failover.dns_hostname	STRING	0x0	DNS Hostname
dhcpv6.failover.dns_zonename	STRING	0x0	DNS Zone Name
dhcpv6.failover.dns.flags	UINT16	0x0	Flags
dhcpv6.failover.dns.flags.reserved	BOOLEAN	0xfff0	Reserved
dhcpv6.failover.dns.flags.u	BOOLEAN	0x8	Using Requested FQDN (U)
dhcpv6.failover.dns.flags.s	BOOLEAN	0x4	Synthesized Name (S)
dhcpv6.failover.dns.flags.r	BOOLEAN	0x2	Rev Uptodate (R)
dhcpv6.failover.dns.flags.f	BOOLEAN	0x1	Fwd Uptodate (F)
dhcpv6.failover.expiration_time	UINT32	0x0	Expiration Time
dhcpv6.failover.max_unacked_bndupd	UINT32	0x0	Max number of unacked BNDUPD messages
dhcpv6.failover.mclt	UINT32	0x0	Maximum Client Lead Time (MCLT)
dhcpv6.failover.partner_lifetime	UINT32	0x0	Partner Lifetime
dhcpv6.failover.partner_lifetime_sent	UINT32	0x0	Partner Lifetime Sent
dhcpv6.failover.partner_down_time	UINT32	0x0	Partner Down Time
dhcpv6.failover.partner_raw_clt_time	UINT32	0x0	Partner Raw Client Time
dhcpv6.failover.protocol.major_version	UINT16	0x0	Protocol Major Version
dhcpv6.failover.protocol.minor_version	UINT16	0x0	Protocol Minor Version
dhcpv6.failover.keepalive_time	UINT32	0x0	Keepalive Time
dhcpv6.failover.reconfigure_time	UINT32	0x0	Reconfigure Time
dhcpv6.failover.reconfigure_key	BYTES	0x0	Reconfigure Key
dhcpv6.failover.relationship_name	STRING	0x0	Relationship Name
dhcpv6.failover.server.flags	UINT8	0x0	Flags
dhcpv6.failover.server.flags.reserved	BOOLEAN	0xf8	Reserved
dhcpv6.failover.server.flags.a	BOOLEAN	0x4	Ack Startup (A)
dhcpv6.failover.server.flags.s	BOOLEAN	0x2	Startup (S)
dhcpv6.failover.server.flags.c	BOOLEAN	0x1	Communicated (C)
dhcpv6.failover.server_state	UINT8	0x0	Server State
dhcpv6.failover.start_time_of_state	UINT32	0x0	Start Time of State
dhcpv6.failover.state_expiration_time	UINT32	0x0	State Expiration Time
dhcpv6.relay_port	UINT16	0x0	Downstream Source Port
dhcpv6.ntpserver.fqdn	STRING	0x0	NTP Server FQDN
dhcpv6.packetcable.ccc.suboption	UINT16	0x0	Sub element
dhcpv6.packetcable.ccc.pri_dhcp	IPv4	0x0	Primary DHCP
dhcpv6.packetcable.ccc.sec_dhcp	IPv4	0x0	Secondary DHCP
dhcpv6.packetcable.cccV6.suboption	UINT16	0x0	Sub element
dhcpv6.docsis.cccV6.tlv5.suboption	UINT16	0x0	Type
dhcpv6.packetcable.cccV6.tlv5.suboption	UINT16	0x0	Type
dhcpv6.cccV6.tlv5.suboption.length	UINT16	0x0	Length
dhcpv6.cccV6.tlv5.suboption.value	BYTES	0x0	Value
dhcpv6.cccV6.tlv5.suboption.value_number	UINT16	0x0	Value
dhcpv6.packetcable.cccV6.pri_dss	STRINGZ	0x0	Primary SSID
dhcpv6.packetcable.cccV6.sec_dss	STRINGZ	0x0	Secondary SSID
dhcpv6.packetcable.cccV6.prov_srv.type	UINT8	0x0	Type
dhcpv6.packetcable.cccV6.prov_srv.fqdn	STRING	0x0	FQDN
dhcpv6.packetcable.cccV6.prov_srv.ipv6	IPv6	0x0	IPv6 address
dhcpv6.packetcable.cccV6.as_krb.nominal_timeout	UINT32	0x0	Nominal Timeout
dhcpv6.packetcable.cccV6.as_krb.max_timeout	UINT32	0x0	Maximum Timeout
dhcpv6.packetcable.cccV6.as_krb.max_retry_count	UINT32	0x0	Maximum Retry Count
dhcpv6.packetcable.cccV6.ap_krb.nominal_timeout	UINT32	0x0	Nominal Timeout
dhcpv6.packetcable.cccV6.ap_krb.max_timeout	UINT32	0x0	Maximum Timeout
dhcpv6.packetcable.cccV6.ap_krb.max_retry_count	UINT32	0x0	Maximum Retry Count
dhcpv6.packetcable.cccV6.krb_realm	STRING	0x0	KRB Realm
dhcpv6.packetcable.cccV6.tgt_flag	UINT8	0x0	TGT Flags
dhcpv6.packetcable.cccV6.tgt_flag.fetch	BOOLEAN	0x1	Fetch TGT
dhcpv6.packetcable.cccV6.prov_timer	UINT8	0x0	Provisioning timer
dhcpv6.packetcable.cccV6.sec_tcm	UINT16	0x0	SEC TCM Flags
dhcpv6.packetcable.cccV6.sec_tcm.provisioning_server	BOOLEAN	0x1	Provisioning Server
dhcpv6.packetcable.cccV6.tgt_flag.call_manager_server	BOOLEAN	0x2	Call Manager Servers
dhcpv6.cablelabs.opt	UINT16	0x0	Suboption
dhcpv6.cablelabs.ipv6_server	IPv6	0x0	IPv6 address
dhcpv6.cablelabs.docsis_version_number	UINT16	0x0	DOCSIS Version Number
dhcpv6.cablelabs.dpoe_server_version_number	UINT16	0x0	DPoE Server Version Number
dhcpv6.cablelabs.interface_id	STRING	0x0	Interface-ID
dhcpv6.cablelabs.interface_id_link_address	STRING	0x0	Link Address
dhcpv6.s46_rule.flags	UINT8	0x0	Flags
dhcpv6.s46_rule.flags.reserved	BOOLEAN	0xfe	Reserved
dhcpv6.s46_rule.flags.fmr	BOOLEAN	0x1	Forwarding Mapping Rule
dhcpv6.s46_rule.ea_len	UINT8	0x0	EA-bit length
dhcpv6.s46_rule.ipv4_pref_len	UINT8	0x0	IPv4 prefix length
dhcpv6.s46_rule.ipv4_prefix	IPv4	0x0	IPv4 prefix
dhcpv6.s46_rule.ipv6_prefix_len	UINT8	0x0	IPv6 prefix length
dhcpv6.s46_rule.ipv6_prefix	IPv6	0x0	IPv6 prefix
dhcpv6.s46_br.address	IPv6	0x0	BR address
dhcpv6.s46_dmr.dmr_pref_len	UINT8	0x0	IPv6 prefix length
dhcpv6.s46_dmr.dmr_prefix	IPv6	0x0	IPv6 prefix
dhcpv6.s46_v4v6bind.ipv4_address	IPv4	0x0	IPv4 Address
dhcpv6.s46_v4v6bind.ipv6_pref_len	UINT8	0x0	IPv6 prefix length
dhcpv6.s46_v4v6bind.ipv6_prefix	IPv6	0x0	IPv6 prefix
dhcpv6.s46_portparam.offset	UINT8	0x0	Offset
dhcpv6.s46_portparam.psid_len	UINT8	0x0	PSID length
dhcpv6.s46_portparam.psid	UINT16	0x0	PSID
dhcpv6.mudurl	STRING	0x0	MUDURL
dhcpv6.bogus_length	NONE	0x0	Bogus length
dhcpv6.malformed_option	NONE	0x0	Malformed option
dhcpv6.no_suboption_len	NONE	0x0	no room left in option for suboption length
dhcpv6.invalid_time_value	NONE	0x0	Invalid time value
dhcpv6.invalid_type	NONE	0x0	Invalid type
dhcpv6.error_hopcount	NONE	0x0	Detected error on hop-count
dhcpv6.bad_msgtype	NONE	0x0	This message type is not permitted to use OPTION_CLIENT_FQDN
dhcpv6.s_bit_should_be_zero	NONE	0x0	ERROR: When the N-bit is set, the S-bit must be reset
dhcpv6.expert.name_not_dns_encoded	NONE	0x0	ERROR: This name is not a DNS record encoded
dhcpv6.expert.domain_field_length_exceeded	NONE	0x0	ERROR: FQDN exceeds length of the domain name field
dhcpv6.expert.encoded_fqdn_gt_255	NONE	0x0	ERROR: FQDN's *encoded* length exceeds 255 octets [RFC 1035 3.1.]
dhcpv6.expert.root_only_domain_name	NONE	0x0	ERROR: A root-only domain name cannot be resolved.
dhcpv6.expert.tld_lookup	NONE	0x0	WARNING: TLDs are rarely resolvable 
dhcpv6.expert.partial_name_preceded_by_fqdn	NONE	0x0	ERROR: Partial name is preceded by an FQDN
dhcpv6.bulk_leasequery.size	UINT16	0x0	Message size
dhcpv6.bulk_leasequery.msgtype	UINT8	0x0	Message type
dhcpv6.bulk_leasequery.reserved	UINT8	0x0	Reserved
dhcpv6.bulk_leasequery.trans_id	UINT16	0x0	Transaction ID
dhcpv6.bulk_leasequery.bad_query_type	NONE	0x0	LQ-QUERY: Query types only supported by Bulk Leasequery
dhcpv6.bulk_leasequery.bad_msg_type	NONE	0x0	Message Type %d not allowed by DHCPv6 Bulk Leasequery
`

export interface WiresharkField {
  name: string
  /** Wireshark's field type without its FT_ prefix: UINT8, BOOLEAN, IPv4, STRINGZ, NONE … */
  type: string
  /** The bits of the field's bytes that hold its value; 0 for all of them. */
  mask: number
  title: string
}

export const wiresharkDhcpFields: readonly WiresharkField[] = table.trim().split('\n').map((line) => {
  const [name, type, mask, title] = line.split('\t')
  return { name, type, mask: Number(mask), title }
})
