// Keeps a series of samples bounded without losing its shape: once it holds more than `max`, every other sample of
// its older part goes (the newest half stays at full resolution), except those where something changed (a server
// going down, a restart), which a history must keep. If changes alone would overflow it, the oldest go.

export interface ThinnableSample {
  id: number
  /** What the sample says, compared with its neighbours'; a sample unlike the one before it is a change. */
  mark: string
}

/** The ids to delete from `series` (oldest first) to bring it within `max`; none while it fits. */
export function samplesToThin(series: readonly ThinnableSample[], max: number): number[] {
  if (series.length <= max) return []
  const older = series.length - Math.floor(max / 2)
  const changed = (i: number) => i > 0 && series[i].mark !== series[i - 1].mark
  const dropped = new Set<number>()
  for (let i = 1; i < older; i += 2) if (!changed(i) && !changed(i + 1)) dropped.add(i)
  const kept = series.filter((_, i) => !dropped.has(i))
  const overflow = kept.slice(0, Math.max(0, kept.length - max))
  return [...[...dropped].map((i) => series[i].id), ...overflow.map((s) => s.id)]
}
