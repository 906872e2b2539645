// The configuration review: every check, run over one server's configuration. Each check lives in its own file.
import type { KeaReview } from '../../../contract/types'
import type { ReviewInput } from './config-shape'
import { controlSocket } from './control-socket'
import { debugLogging } from './debug-logging'
import type { ReviewRule } from './finding'
import { hooksLoaded } from './hooks-loaded'
import { interfacesMatch } from './interfaces-match'
import { lifetimeForPool } from './lifetime-for-pool'
import { loggerDestination } from './logger-destination'
import { poolOutsideSubnet } from './pool-outside-subnet'
import { poolOverlap } from './pool-overlap'
import { renewRebindTimers } from './renew-rebind-timers'
import { reservationOutsideSubnet } from './reservation-outside-subnet'
import { subnetOverlap } from './subnet-overlap'

export const reviewRules: readonly ReviewRule[] = [
  hooksLoaded, controlSocket, subnetOverlap, poolOutsideSubnet, poolOverlap, reservationOutsideSubnet,
  lifetimeForPool, renewRebindTimers, debugLogging, loggerDestination, interfacesMatch,
]

const severityOrder = { error: 0, warning: 1, info: 2 }

/** The findings of every check, errors first. */
export function reviewConfig(input: ReviewInput): KeaReview {
  const findings = reviewRules.flatMap((rule) => rule.check(input).map((finding) => ({ rule: rule.id, ...finding })))
    .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity])
  return { service: input.service, findings, checkedAt: new Date().toISOString() }
}
