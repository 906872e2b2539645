// Wireshark 4.0's names for DHCPv6 option values where they differ from the registry's keys (`tshark -G fields`),
// so a filter written for Wireshark works here too, and the tests compare values field by field.

/** Option code → the field under dhcpv6. that holds the option's value. */
export const wiresharkV6ValueFields: Readonly<Record<number, string>> = {
  6: 'requested_option_code', 7: 'option_preference', 8: 'elapsed_time', 12: 'unicast', 18: 'interface_id',
  21: 'sip_server_domain_search_fqdn', 22: 'sip_server_a', 23: 'dns_server', 24: 'search_list_entry', 27: 'nis_server',
  28: 'nisp_server', 29: 'nis_fqdn', 30: 'nisp_fqdn', 31: 'sntp_server', 32: 'lifetime', 33: 'bcmcs_server_fqdn',
  34: 'bcmcs_server_a', 38: 'subscriber_id', 40: 'pana_agent', 41: 'timezone', 42: 'tzdb', 46: 'clt_time',
  52: 'capwap_ac_v6', 64: 'aftr_name', 103: 'captive_portal', 112: 'mudurl',
}
