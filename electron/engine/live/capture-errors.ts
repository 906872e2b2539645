// The sentences a failed local capture ends with, shared by every backend: the problem, then the fix for this
// platform. libpcap's own words are kept where they are the point (a filter's syntax error).
import { CaptureSourceError } from './source'

/** The group whose members may run the capture helper's interpreter (see README, "Live capture rights"). */
export const CAPTURE_GROUP = 'fieldkit-capture'

/** A message as the middle of our sentence: no trailing full stop or blank. */
function clause(text: string): string {
  return text.trim().replace(/[.\s]+$/, '')
}

/** How to give capture rights on this platform, as the end of a sentence. */
export function rightsFix(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'linux':
      return `run \`sudo fieldkit capture --setup-rights\` once (it gives CAP_NET_RAW to the capture helper's own interpreter, for members of the ${CAPTURE_GROUP} group), or use the tcpdump or dumpcap backend if your account may already capture with it`
    case 'darwin':
      return 'give your account read access to the /dev/bpf* devices: install Wireshark with its ChmodBPF package and add yourself to the access_bpf group, then log out and in'
    case 'win32':
      return 'install Npcap from npcap.com; if it was installed to restrict capture to administrators, reinstall it without that option or run the app as administrator'
    default:
      return 'run the capture as a user allowed to open the capture devices'
  }
}

export function noRights(iface: string, detail: string, platform: NodeJS.Platform = process.platform): CaptureSourceError {
  return new CaptureSourceError('no-rights', `Capturing on ${iface} needs capture rights this account does not have (${clause(detail)}): ${rightsFix(platform)}.`)
}

export function noInterface(iface: string): CaptureSourceError {
  return new CaptureSourceError('no-interface', `There is no interface named ${iface} on this machine: pick one from the interface list (\`fieldkit capture --list\`).`)
}

/** `detail` is libpcap's message, e.g. "can't parse filter expression: syntax error". */
export function badFilter(filter: string, detail: string): CaptureSourceError {
  return new CaptureSourceError('bad-filter', `The capture filter "${filter}" is not valid: ${clause(detail)}.`)
}

export function noTool(tool: string, packageName: string): CaptureSourceError {
  return new CaptureSourceError('no-tool', `${tool} is not installed: install it (sudo apt-get install ${packageName}) or pick another capture backend.`)
}

export function captureFailed(what: string, detail: string): CaptureSourceError {
  return new CaptureSourceError('failed', `${what} stopped: ${clause(detail) || 'it gave no reason'}.`)
}

export function wrongRequest(reason: string): CaptureSourceError {
  return new CaptureSourceError('failed', `The capture request is wrong: ${reason}.`)
}
