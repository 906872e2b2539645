// Uptimes and times since a reload, as a person reads them: the two largest units (3 h 12 min), not 11520 seconds.

const units: [name: string, seconds: number][] = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]]

export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds))
  const first = units.findIndex(([, size]) => total >= size)
  if (first === -1) return '0 s'
  const [unit, size] = units[first]
  const text = `${Math.floor(total / size)} ${unit}`
  const next = units[first + 1]
  const remainder = next ? Math.floor((total % size) / next[1]) : 0
  return remainder ? `${text} ${remainder} ${next[0]}` : text
}
