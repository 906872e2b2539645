// Utilization thresholds: warn at 80 %, critical at 95 %, unless the user set others for a subnet. Kept in the
// data folder per connection profile, one small file written whole.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import type { KeaDhcpService, KeaPoolLevel, KeaThresholds } from '../../contract/types'
import { writeAtomically } from '../files/atomic-write'
import { ensurePrivateDir } from '../files/private-dir'

export const defaultThresholds: KeaThresholds = { warn: 80, critical: 95 }

export function levelOf(utilization: number | null, thresholds: KeaThresholds): KeaPoolLevel {
  if (utilization === null) return 'ok'
  return utilization >= thresholds.critical ? 'critical' : utilization >= thresholds.warn ? 'warn' : 'ok'
}

const thresholds = z.object({ warn: z.number().min(0).max(100), critical: z.number().min(0).max(100) })
/** profile id → "dhcp4/1" (service/subnet id) → thresholds. */
const thresholdFile = z.object({ profiles: z.record(z.string(), z.record(z.string(), thresholds)) })

const subnetKey = (service: KeaDhcpService, subnetId: number) => `${service}/${subnetId}`

export class PoolThresholds {
  private readonly file: string

  constructor(dataDir: string) {
    this.file = join(dataDir, 'kea-pool-thresholds.json')
  }

  private load(): z.infer<typeof thresholdFile> {
    if (!existsSync(this.file)) return { profiles: {} }
    try {
      return thresholdFile.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch {
      throw new Error(`The pool thresholds in ${this.file} are damaged; remove the file and set the thresholds again.`)
    }
  }

  /** A subnet's thresholds: the user's, else the defaults. */
  forSubnet(profileId: string, service: KeaDhcpService, subnetId: number): KeaThresholds {
    return this.load().profiles[profileId]?.[subnetKey(service, subnetId)] ?? defaultThresholds
  }

  /** Sets a subnet's thresholds; null goes back to the defaults. */
  set(profileId: string, service: KeaDhcpService, subnetId: number, chosen: KeaThresholds | null): KeaThresholds {
    if (chosen && chosen.warn >= chosen.critical) throw new RangeError(`The warning threshold (${chosen.warn} %) must be below the critical one (${chosen.critical} %).`)
    const saved = this.load()
    const profile = { ...saved.profiles[profileId] }
    if (chosen) profile[subnetKey(service, subnetId)] = chosen
    else delete profile[subnetKey(service, subnetId)]
    saved.profiles[profileId] = profile
    ensurePrivateDir(dirname(this.file))
    const content = JSON.stringify(saved, null, 2)
    writeAtomically({ path: this.file, replace: true }, (temporary) => writeFileSync(temporary, content))
    return chosen ?? defaultThresholds
  }
}
