// Who may capture, checked without capturing, and the one-time setup that lets the capture helper alone capture.
// Linux design: the app never gets rights. A copy of the Node interpreter made only to run the helper carries the
// file capability CAP_NET_RAW (enough for libpcap, promiscuous mode included), is owned root:fieldkit-capture with
// mode 0750, so only members of that group can run it. Anyone who can run it can run any script with CAP_NET_RAW
// (read and forge packets, not reconfigure the network): the same trust Wireshark's group puts in dumpcap.
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { userInfo } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { builtEntry } from '../app-files'
import { CAPTURE_GROUP, noRights, noTool, rightsFix } from './capture-errors'
import { parseHelperLine } from './helper-protocol'

const SET_UID = 0o4000

export type CaptureBackend = 'helper' | 'tcpdump' | 'dumpcap'

export interface BackendRights {
  backend: CaptureBackend
  /** True when a capture with this backend should start (rights and tools in place). */
  usable: boolean
  /** Why not, as a sentence with the fix; null when usable. */
  problem: string | null
}

/** The dedicated interpreter's path: under Electron beside its binary (it needs the files there), else libexec. */
export function dedicatedInterpreterPath(): string {
  if (process.env.FIELDKIT_CAPTURE_INTERPRETER) return process.env.FIELDKIT_CAPTURE_INTERPRETER
  return process.versions.electron ? join(dirname(process.execPath), 'fieldkit-capture-node') : '/usr/local/libexec/dhcp-field-kit/capture-node'
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** The interpreter that runs the helper: the dedicated one when set up and this account may run it, else our own. */
export function helperInterpreter(): { command: string; env: NodeJS.ProcessEnv } {
  const dedicated = dedicatedInterpreterPath()
  const command = process.getuid?.() !== 0 && executable(dedicated) ? dedicated : process.execPath
  return { command, env: process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env }
}

export function helperEntry(): string | null {
  return process.env.FIELDKIT_CAPTURE_HELPER ?? builtEntry('capture-helper')
}

/** Where a tool is on PATH (plus the sbin folders sudo-less shells lack), or null. */
export function findTool(name: string): string | null {
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin']
  return folders.filter(Boolean).map((folder) => join(folder, name)).find(executable) ?? null
}

/** The file capabilities of `path` as getcap prints them ("cap_net_raw=ep"), or '' when none or unknown. */
function fileCapabilities(path: string): string {
  const getcap = findTool('getcap')
  return getcap ? spawnSync(getcap, [path], { encoding: 'utf8' }).stdout?.trim() ?? '' : ''
}

function toolRights(backend: 'tcpdump' | 'dumpcap', packageName: string): BackendRights {
  const path = findTool(backend)
  if (!path) return { backend, usable: false, problem: noTool(backend, packageName).message }
  const setuidRoot = (statSync(path).mode & SET_UID) !== 0 && statSync(path).uid === 0
  const usable = process.getuid?.() === 0 || setuidRoot || /cap_net_raw/.test(fileCapabilities(path))
  const fix = backend === 'dumpcap'
    ? 'run `sudo dpkg-reconfigure wireshark-common` (answer Yes), add yourself to the wireshark group, then log out and in'
    : 'use the capture helper instead (tcpdump is meant to run as root)'
  return { backend, usable, problem: usable ? null : `${backend} cannot capture as this account: ${fix}.` }
}

function helperRights(): BackendRights {
  const entry = helperEntry()
  if (!entry) return { backend: 'helper', usable: false, problem: 'The capture helper is not built: run npm run build.' }
  const { command, env } = helperInterpreter()
  const result = spawnSync(command, [entry, '--rights'], { env, encoding: 'utf8', timeout: 10_000 })
  const line = parseHelperLine(result.stderr?.trim().split('\n').at(-1) ?? '')
  const netRaw = line !== null && 'rights' in line && line.rights.netRaw
  if (netRaw) return { backend: 'helper', usable: true, problem: null }
  const dedicated = dedicatedInterpreterPath()
  const notInGroup = existsSync(dedicated) && !executable(dedicated)
  return {
    backend: 'helper', usable: false,
    problem: notInGroup
      ? `Capture rights are set up on this machine for the ${CAPTURE_GROUP} group, which this account is not in: sudo usermod -a -G ${CAPTURE_GROUP} ${userInfo().username}, then log out and in.`
      : noRights('this machine', 'no CAP_NET_RAW').message,
  }
}

/** Whether each local backend can capture now, found without starting a capture. */
export function captureRights(): BackendRights[] {
  return [helperRights(), toolRights('tcpdump', 'tcpdump'), toolRights('dumpcap', 'tshark')]
}

/**
 * Run as root (`sudo fieldkit capture --setup-rights`): makes the dedicated interpreter and the group, and adds
 * the user who ran sudo to the group. Safe to run again; run again after upgrading Node to copy the new one.
 * Returns what it did, one line per step.
 */
export function setupCaptureRights(): string[] {
  if (process.platform !== 'linux') throw new Error(`Capture rights are set up differently on this system: ${rightsFix()}.`)
  if (process.getuid?.() !== 0) throw new Error('Setting up capture rights needs root: run sudo fieldkit capture --setup-rights.')
  const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const done: string[] = []
  if (spawnSync('getent', ['group', CAPTURE_GROUP]).status !== 0) {
    run('groupadd', ['--system', CAPTURE_GROUP])
    done.push(`Made the group ${CAPTURE_GROUP}.`)
  }
  const target = dedicatedInterpreterPath()
  const staging = `${target}.new`
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 })
  copyFileSync(process.execPath, staging)
  run('chown', [`root:${CAPTURE_GROUP}`, staging])
  run('chmod', ['0750', staging])
  if (!findTool('setcap')) throw new Error('setcap is not installed: sudo apt-get install libcap2-bin, then run this again.')
  run(findTool('setcap')!, ['cap_net_raw=ep', staging])
  renameSync(staging, target)
  done.push(`Copied ${process.execPath} to ${target} (root:${CAPTURE_GROUP}, 0750) with CAP_NET_RAW; only the capture helper is run with it.`)
  const user = process.env.SUDO_USER
  if (user && user !== 'root') {
    run('usermod', ['-a', '-G', CAPTURE_GROUP, user])
    done.push(`Added ${user} to ${CAPTURE_GROUP}: log out and in (or run newgrp ${CAPTURE_GROUP}) for it to take effect.`)
  } else {
    done.push(`Add the users who may capture: sudo usermod -a -G ${CAPTURE_GROUP} USER, then they log out and in.`)
  }
  return done
}
