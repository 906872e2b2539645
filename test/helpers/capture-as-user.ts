// Run without capture rights (capsh --drop=cap_net_raw -- -c 'node --import tsx test/helpers/capture-as-user.ts IFACE'):
// prints, as JSON, what the rights check says and how a capture through the helper ends.
import { captureRights } from '../../electron/engine/live/capture-rights'
import { startHelperCapture } from '../../electron/engine/live/helper-source'

const rights = captureRights().find((r) => r.backend === 'helper')
startHelperCapture({ iface: process.argv[2], filter: '' }, {
  data() {},
  counters() {},
  end(error) {
    process.stdout.write(JSON.stringify({ rights, error: error && { code: error.code, message: error.message } }))
  },
})
