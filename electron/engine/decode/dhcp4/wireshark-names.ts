// Wireshark 4.0's names for DHCPv4 fields where they differ from the option registry's keys (`tshark -G fields`),
// so a filter written for Wireshark works here too, and the tests compare values field by field.

/** Option code → the field under dhcp.option. that holds the option's value. */
export const wiresharkOptionValueFields: Readonly<Record<number, string>> = {
  18: 'extension_path', 22: 'max_datagram_reassembly_size', 23: 'default_ip_ttl', 25: 'path_mtu_plateau_table_item',
  26: 'interface_mtu', 40: 'nis_domain', 41: 'nis_server', 44: 'netbios_over_tcpip_name_server',
  45: 'netbios_over_tcpip_dd_name_server', 46: 'netbios_over_tcpip_node_type', 47: 'netbios_over_tcpip_scope',
  48: 'xwindows_system_font_server', 49: 'xwindows_system_display_manager', 51: 'ip_address_lease_time',
  52: 'option_overload', 53: 'dhcp', 54: 'dhcp_server_id', 55: 'request_list_item', 57: 'dhcp_max_message_size',
  58: 'renewal_time_value', 59: 'rebinding_time_value', 64: 'nis_plus_domain', 65: 'nis_plus_server',
  66: 'tftp_server_name', 67: 'bootfile_name', 76: 'streettalk_da_server', 85: 'novell_dss.ip', 86: 'novell_ds_tree_name',
  87: 'novell_ds_context', 93: 'client_system_architecture', 100: 'tz_pcode', 101: 'tz_tcode', 114: 'captive_portal',
  117: 'dhcp_name_service_search_option', 118: 'subnet_selection_option', 119: 'dhcp_dns_domain_search_list_fqdn',
  136: 'pana_agent', 137: 'lost_server_domain_name', 138: 'capwap_access_controller', 142: 'andsf_server', 145: 'forcerenew_nonce.algorithm',
  152: 'bulk_lease.base_time', 153: 'bulk_lease.start_time_of_state', 154: 'bulk_lease.query_start_time', 155: 'bulk_lease.query_end_time', 156: 'bulk_lease.dhcp_state', 157: 'bulk_lease.data_source', 160: 'captive_portal',
  161: 'mudurl', 209: 'pxe_config_file', 210: 'pxe_path_prefix', 249: 'classless_static_route', 252: 'private_proxy_autodiscovery',
}

/** Options whose Wireshark field is the text of their bytes, where ours reads DNS names: LoST (137), a plain string there. */
export const wiresharkRawTextOptions: ReadonlySet<number> = new Set([137])

/** Option 82 sub-option code → its field under dhcp.option.agent_information_option. */
export const wiresharkRelayAgentFields: Readonly<Record<number, string>> = {
  1: 'agent_circuit_id',
  2: 'agent_remote_id',
  4: 'docsis_device_class',
  5: 'link_selection',
  6: 'subscriber_id',
  7: 'radius_attributes',
  8: 'authentication',
  10: 'flags',
  11: 'server_id_override',
  12: 'relay_agent_id',
  14: 'ani_network_name',
  15: 'ani_ap_name',
  16: 'ani_ap_bssid',
  17: 'ani_operator_id',
  18: 'ani_operator_realm',
}

/** Option 43 PXE sub-option code (Intel PXE 2.1) → its field under dhcp.option.vendor.pxeclient. */
export const wiresharkPxeFields: Readonly<Record<number, string>> = {
  1: 'mtftp_ip', 2: 'mtftp_client_port', 3: 'mtftp_server_port', 4: 'mtftp_timeout', 5: 'mtftp_delay', 6: 'discovery_control',
  7: 'multicast_address', 8: 'boot_servers', 9: 'boot_menu', 10: 'menu_prompt', 11: 'multicast_address_alloc',
  12: 'credential_types', 71: 'boot_item',
}
