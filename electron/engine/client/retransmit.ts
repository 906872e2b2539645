// When a DHCPv4 client sends again (RFC 2131 section 4.1): the first retransmission after 4 seconds, then 8, 16, 32
// and 64 at most, each randomized by up to a second either way so that clients started together spread out.
const FIRST_MS = 4000
const LONGEST_MS = 64000
const JITTER_MS = 1000

/** The delays before each retransmission, in milliseconds; `random` in [0, 1) is Math.random unless a test fixes it. */
export function* retransmitDelays(random: () => number = Math.random): Generator<number, never> {
  for (let base = FIRST_MS; ; base = Math.min(base * 2, LONGEST_MS)) yield base + (random() * 2 - 1) * JITTER_MS
}
