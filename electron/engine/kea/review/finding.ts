// What a review check is: a name and a function from one server's configuration to its findings.
import type { KeaReviewFinding } from '../../../contract/types'
import type { ReviewInput } from './config-shape'

export type Finding = Omit<KeaReviewFinding, 'rule'>

export interface ReviewRule {
  /** Stable id, the file's name: what the UI and the tests key on. */
  id: string
  check(input: ReviewInput): Finding[]
}
