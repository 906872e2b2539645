'use strict'
// Named one by one so that ES modules can import them by name.
const binding = require('./build/Release/pcap_reader.node')
exports.open = binding.open
exports.read = binding.read
exports.send = binding.send
exports.stats = binding.stats
exports.close = binding.close
