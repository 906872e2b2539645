{
  'targets': [
    {
      'target_name': 'pcap_reader',
      'sources': ['pcap_reader.c'],
      'cflags': ['-O2', '-Wall', '-Wextra'],
      'conditions': [
        ['OS=="win"', { 'libraries': ['wpcap.lib'] }, { 'libraries': ['-lpcap'] }],
      ],
    },
  ],
}
