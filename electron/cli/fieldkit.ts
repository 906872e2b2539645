// `npm run -s fieldkit -- <command>`: the second front over the engine, for people and for scripts.
import { parseArgs } from 'node:util'
import { CaptureFileError } from '../engine/capture-file/record'
import { FilterError } from '../engine/filter/parse'
import { startPartWorkerFor } from '../engine/index/part-worker'
import { LineOutput, OutputClosed } from './line-output'
import { rerunForStreaming } from './streaming-memory'
import { withInputFile } from './input-file'

const usage = `DHCP Field Kit command line

Usage: npm run -s fieldkit -- <command> [options]

Commands:
  decode FILE [--json] [-Y FILTER] [-c N]
                           decode the DHCP packets of a pcap/pcapng file (--json: one JSON object per line;
                           -Y: only the packets a display filter keeps; -c: read only the first N packets)
  stats FILE [--json]      packets per message type (as tshark -z dhcp,stat), DHCPv6 types, transactions,
                           reply latency percentiles and servers
                           FILE may be - for standard input
  capture --iface IF [--filter F] [--count N] [--duration S] [--write FILE [--ring FILES:MB]] [--backend B] [--json]
                           capture live and print each DHCP packet as it comes (as decode does); the packet
                           count and drop counters follow on stderr at the end. Default filter: DHCPv4 and
                           DHCPv6, VLAN-tagged and in PPPoE sessions too (the ports alone off Ethernet; DHCP in
                           GRE, ERSPAN, VXLAN or CAPWAP needs --filter, such as "proto gre" or "udp port 4789").
                           --write keeps the capture; B: helper, tcpdump, dumpcap;
                           --ring FILES:MB with --write: a ring buffer of parts FILE_00001.pcap… of MB each,
                           the last FILES kept (as dumpcap -b)
  capture --list [--json]  the interfaces, and which capture backends may capture for this account
  capture --ssh USER@HOST[:PORT] --identity KEYFILE [--trust-host-key SHA256:…] (--list | --iface IF …)
                           the same on a remote host (its tcpdump or dumpcap); a password instead of a key in
                           $FIELDKIT_SSH_PASSWORD, a key's passphrase in $FIELDKIT_SSH_PASSPHRASE
  capture --setup-rights   (Linux, root) let the capture helper alone capture: see README, Live capture rights
  probe --iface IF [--mode probe|dora|renew|rebind|reboot|inform|release|decline] [--mac M] [--client-id ID]
        [--hostname H] [--fqdn NAME [--fqdn-no-update]] [--vendor-class T] [--request-list 1,3,6,15|none]
        [--requested-address A] [--broadcast] [--secs N] [--option OPT]… [--wait S] [--keep] [--count N]
        [--address A [--server S]] [--relay GIADDR --server S [--circuit-id T] [--remote-id T]] [--json]
                           the built-in DHCPv4 client (sends through the capture helper): probe lists every OFFER
                           and takes no lease; dora takes a lease and releases it (--keep keeps it). Prints the
                           variables dhclient would give its script; exits 1 on NAK, TIMEOUT or FAIL. OPT: CODE=HEX,
                           CODE:TYPE=VALUE or NAME=VALUE (60:str=lab, hostname=pc7); --count N: N leases, MACs counted up
                           renew|rebind|reboot|inform|release work on --address, else on a DORA's lease first;
                           --relay sends as a relay agent to --server (giaddr, hops 1, option 82); --fqdn: option
                           81 in wire format, S set (server updates DNS) unless --fqdn-no-update; --request-list:
                           option 55 (default dhclient's); --requested-address: option 50 in the DISCOVER;
                           --broadcast: the BOOTP broadcast flag before an address is held; --secs: the first secs
  probe -6 --iface IF [--mode solicit|sarr|info|renew|rebind|release] [--ia na|pd|na,pd] [--mac M]
        [--duid llt|ll|en|uuid|HEX] [--iaid N] [--option OPT]… [--wait S] [--keep]
        [--relay LINKADDR --server ADDR [--interface-id T] [--remote-id T]] [--json]
                           the built-in DHCPv6 client: solicit lists every ADVERTISE and takes nothing; sarr takes
                           addresses and/or a prefix and releases them (--keep keeps them); renew|rebind|release
                           work on a SARR's lease first; info sends INFORMATION-REQUEST. Prints dhclient -6's
                           variables; exits 1 on TIMEOUT or FAIL (a status such as NoAddrsAvail, said in words).
                           The DUID is built from the MAC (DUID-LL unless --duid); --relay wraps each message in
                           RELAY-FORW to --server
  dhclient-run --iface IF [-6 [--pd]] [--keep] [--timeout S] [--compare] [--json]
                           the real dhclient once (root), with its own lease and pid files and a script that
                           records its variables (in the lab's client namespace on a lab interface); prints the
                           variables, its output and packets on stderr; releases the lease unless --keep; exits 1
                           on NAK, TIMEOUT or FAIL. --compare then runs the built-in client as the same client
                           (DORA with its MAC and host name; -6: SARR with its DUID-LL and IAID) and prints both
                           clients' variables side by side, differences marked; exits 1 when they differ
  serve [--port N] [--max-upload-mb N]
                           browser mode: serve the app on 127.0.0.1 (port 0 picks a free one) and print its URL;
                           uploads are limited to N MiB (default 4096)
  start [--no-sandbox]     start the desktop app (Electron), or browser mode where Electron is not installed;
                           as root, Electron runs only with --no-sandbox (which turns off Chromium's sandbox)
  lab up|down|status [--json]
                           the Kea lab in network namespaces (Linux, root)
  kea test|status|review|config|stats [--watch S]|cmd COMMAND [--args JSON] [--yes] [--service dhcp4|dhcp6|d2] [--json]
      (--profile NAME | --url URL [--user U --password-file F] [--ca FILE] [--cert FILE --key FILE] | --socket PATH)
                           the Kea API: test says what answers (Control Agent, a server's HTTP socket, a unix
                           socket), its versions and missing hooks; status: each server's pid, uptime, reload,
                           multi-threading, HA; review: configuration checks, each with its fix; config: the
                           running configuration, secrets hidden; stats: pool utilization with warn/critical
                           levels, the time to exhaustion, the usual causes beside a full pool (top MACs by
                           leases) and the servers' packet counters; cmd sends one command (those that change
                           state need --yes). --profile: a saved connection (lab: the lab's, while it is up)
  kea local [--json]       Kea's services on this machine, from keactrl status and systemctl status
  secrets status|check|forget [--yes] [--json]
                           browser mode's passphrase-protected secrets file: status says whether there is one;
                           check tries the passphrase in $FIELDKIT_SECRETS_PASSPHRASE; forget --yes deletes it
                           (the way out of a forgotten passphrase). kea --profile opens it with that variable too
  leases (--url URL | --profile NAME | --socket PATH | --csv FILE | --db URL) [-6] [--mac M] [--address A]
      [--client-id ID] [--hostname H] [--subnet ID] [--state S] [--json | --csv]
                           one lease table from the Kea API (lease_cmds, a page at a time), a memfile CSV of any
                           Kea version (with the LFC's .2/.1/.completed files beside it) or a lease database;
                           --csv FILE reads a memfile, a trailing --csv prints CSV; --db mysql://USER@HOST/DB or
                           postgresql://USER@HOST/DB reads Kea's lease tables read-only (--password-file F, --ca FILE for TLS)
  logs FILE|--journal UNIT|--ssh USER@HOST [--identity KEY] [--remote-log LOG] [--follow] [--severity S]
       [--logger L] [--message ID] [--mac M] [--client-id ID] [--xid X] [--address A] [--text T]
       [--since T] [--until T] [--pattern P] [--format kea|syslog|journal] [--json]
                           Kea's log lines (its own files with their rotated copies, syslog, journalctl -o json
                           exports; the format is recognised), filtered; --severity WARN: WARN and worse; --message
                           finds the id's other names in other Kea releases; --follow keeps reading across rotation;
                           --pattern: the logger's log4cplus pattern when not Kea's default; --json: one object a line
  logs loggers (--profile NAME | --url URL … | --socket PATH) [--service dhcp4|dhcp6] [--recipe R]… [--apply --yes] [--json]
                           a server's loggers section with the usual recipes added (packets, allocation, drops, ddns,
                           production), printed as JSON under the options key its version reads, with advice;
                           --apply --yes sets it (config-set) and writes the configuration file (config-write)
  client-history (--mac M | --client-id ID) [--capture FILE]… [--log FILE]… [--leases CSV]… [--limit N] [--json]
                           everything the captures, Kea logs and memfiles given say about one client, oldest
                           first: its transactions (with their frames), log lines, leases; M in any notation
                           (aa:bb:…, aa-bb-…, aabb.ccdd.eeff); a client id 01:MAC or a DUID-LL finds its MAC too;
                           the newest N items (default 500) are kept; --json: one JSON object
  session list [--search S] [--sort updated|created|name] [--ascending] [--trash] [--json]
                           the sessions kept in the data folder ($FIELDKIT_DATA_DIR, else the app's), most recently
                           changed first; --search finds a MAC, DUID, address, host name, xid, tag or text in their
                           captures, test-client runs, notes, tags and names; --trash: deleted ones (kept 30 days)
  session show ID [--json] one session: its notes, tags, captures, test-client runs and snapshots
  session snapshot ID SNAPSHOT_ID [--json|--csv]
                           one snapshot the session keeps: a Kea configuration (secrets hidden), leases or log lines
  session timeline ID [--limit N] [--json]
                           the case in time order: captures, problem transactions, test-client and dhclient runs,
                           Kea readings where something changed, console commands; each item with its links
  session report ID [--out FILE.html] [--anonymize] [--json]
                           the session's report alone, as its bundle's report.html (problems first, no scripts, no
                           network), to stdout or into FILE.html (never over an existing file); a PDF needs a browser
                           engine to print it: the desktop app's Save report as PDF, or a browser's print of the file
  session export ID --out FILE [--parts P,P] [--anonymize] [--json]
                           the session's bundle: one .zip with its captures as pcapng, report.html (problems first,
                           no scripts, no network), the data as JSON and CSV, the Kea configuration with secrets
                           redacted and manifest.json (versions, time zone, each file's SHA-256 and size); P: some of
                           captures, report, data, keaConfig (default all); --anonymize: MAC and IP addresses and
                           host, domain and boot file names replaced by consistent stand-ins in the packets (checksums
                           fixed), data and report; what packets other than DHCP carry becomes zeros (headers kept)
  bundle create CAPTURE… [--out FILE] [--parts P,P] [--anonymize] [--json]
                           a bundle straight from capture files (a session of its own, not kept)
  bundle verify FILE [--json]
                           checks every file against the manifest's SHA-256, naming those that differ, are missing
                           or were added; refuses zip-slip paths, absolute paths, links and zip bombs; exits 1 if not intact
  bundle import FILE [--json]
                           verifies a bundle and keeps it as a read-only session (duplicate it to work in it)
  help                     this text
`

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

type Command = (args: string[]) => Promise<number> | number

const commands: Record<string, Command> = {
  help: () => {
    process.stdout.write(usage)
    return 0
  },
  decode: async (args) => {
    const rerun = rerunForStreaming()
    if (rerun !== null) return rerun
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, filter: { type: 'string', short: 'Y' }, count: { type: 'string', short: 'c' } },
    })
    if (positionals.length !== 1) return fail('decode needs exactly one FILE: npm run -s fieldkit -- decode FILE [--json] [-Y FILTER] [-c N]')
    const count = values.count === undefined ? undefined : Number(values.count)
    if (count !== undefined && !(Number.isInteger(count) && count > 0)) return fail(`-c takes a number of packets (1 or more), not "${values.count}"`)
    const { decodeCommand } = await import('./decode')
    const out = new LineOutput(1)
    const problem = await withInputFile(positionals[0], (path) => decodeCommand(path, { json: values.json, filter: values.filter, count }, (line) => out.line(line)))
    out.flush()
    if (problem) process.stderr.write(`warning: ${problem}\n`)
    return 0
  },
  stats: async (args) => {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true })
    if (positionals.length !== 1) return fail('stats needs exactly one FILE: npm run -s fieldkit -- stats FILE [--json]')
    // Started before the command's own modules load, so that the worker's start overlaps theirs (part-worker.ts).
    const ahead = positionals[0] === '-' ? null : startPartWorkerFor(positionals[0])
    const { statsCommand } = await import('./stats')
    const { output, problem } = await withInputFile(positionals[0], (path) => statsCommand(path, values.json, ahead ?? startPartWorkerFor(path)))
    process.stdout.write(output)
    if (problem) process.stderr.write(`warning: ${problem}\n`)
    return 0
  },
  capture: async (args) => (await import('./capture')).captureCommand(args, fail),
  probe: async (args) => (await import('./probe')).probeCommand(args, fail),
  'dhclient-run': async (args) => (await import('./dhclient-run')).dhclientRunCommand(args, fail),
  serve: async (args) => (await import('./serve')).serveCommand(args),
  start: async (args) => (await import('./start')).startCommand(args),
  lab: async (args) => (await import('./lab')).labCommand(args),
  kea: async (args) => (await import('./kea')).keaCommand(args, fail),
  secrets: async (args) => (await import('./secrets')).secretsCommand(args, fail),
  leases: async (args) => (await import('./leases')).leasesCommand(args, fail),
  logs: async (args) => (await import('./logs')).logsCommand(args, fail),
  session: async (args) => (args[0] === 'export' ? (await import('./bundle')).sessionExportCommand(args.slice(1), fail) : (await import('./session')).sessionCommand(args, fail)),
  bundle: async (args) => (await import('./bundle')).bundleCommand(args, fail),
  'client-history': async (args) => (await import('./client-history')).clientHistoryCommand(args, fail),
}

function fail(message: string): number {
  process.stderr.write(`fieldkit: ${message}\n`)
  return 2
}

export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv
  const command = commands[name === '--help' || name === '-h' ? 'help' : name]
  if (!command) return fail(`unknown command "${name}"; see: npm run -s fieldkit -- help`)
  if (rest.includes('--help') || rest.includes('-h')) return commands.help([])
  try {
    return await command(rest)
  } catch (error) {
    if (error instanceof OutputClosed) return 0
    if (error instanceof CaptureFileError) return fail(error.message)
    if (error instanceof FilterError) return fail(`-Y: ${error.message} (at character ${error.position + 1})`)
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return fail(error.message)
    throw error
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
}, (error: unknown) => {
  process.stderr.write(`fieldkit: ${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
})
