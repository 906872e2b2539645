// Batches sized by time: long work done in turns of about `turnMs`, so calls made meanwhile wait little. The size
// follows the pace of the last batch: the first ones run before V8 has optimised the code, several times slower.
export class PacedBatch {
  /** Items the next batch takes. */
  size: number
  private started = 0

  constructor(private readonly min: number, private readonly max: number, private readonly turnMs = 20) {
    this.size = min
  }

  /** Call before a batch. */
  begin(): void {
    this.started = performance.now()
  }

  /**
   * When a batch that can stop midway should: at twice its turn. The pace of the last batch does not foresee the
   * next one's slow stretches (a read into fresh memory, a collection), which made turns five times too long.
   */
  get deadline(): number {
    return this.started + 2 * this.turnMs
  }

  /** Call after a batch that took `items`: sizes the next one. */
  took(items: number): void {
    const perItem = (performance.now() - this.started) / Math.max(1, items)
    this.size = Math.round(Math.min(this.max, Math.max(this.min, this.turnMs / perItem)))
  }
}
