// When a DHCPv6 client sends again (RFC 8415 section 15): the first wait is the message's initial timeout (IRT), each
// next twice the last, capped at its maximum (MRT); each randomized by up to a tenth either way. The first SOLICIT's
// randomization is only upwards, so that clients started together do not all send at once.
export interface Retransmission {
  /** Initial and maximum retransmission time, in seconds (section 7.6). */
  irt: number
  mrt: number
}

export const SOLICIT_TIMING: Retransmission = { irt: 1, mrt: 3600 }
export const REQUEST_TIMING: Retransmission = { irt: 1, mrt: 30 }
export const RENEW_TIMING: Retransmission = { irt: 10, mrt: 600 }
export const REBIND_TIMING: Retransmission = { irt: 10, mrt: 600 }
export const INFORMATION_REQUEST_TIMING: Retransmission = { irt: 1, mrt: 3600 }
/** RELEASE has no maximum time, only a count (REL_MAX_RC): the run's wait bounds it. */
export const RELEASE_TIMING: Retransmission = { irt: 1, mrt: 0 }

/** The delays before each retransmission, in milliseconds; `random` in [0, 1) is Math.random unless a test fixes it. */
export function* dhcp6RetransmitDelays({ irt, mrt }: Retransmission, solicit = false, random: () => number = Math.random): Generator<number, never> {
  const rand = () => (random() * 2 - 1) / 10
  let rt = irt + (solicit ? Math.abs(rand()) : rand()) * irt
  for (;;) {
    if (mrt > 0 && rt > mrt) rt = mrt + rand() * mrt
    yield rt * 1000
    rt = 2 * rt + rand() * rt
  }
}
