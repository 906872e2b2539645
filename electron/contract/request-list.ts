// A parameter request list (DHCPv4 option 55) as people type it, for the CLI's --request-list and the Test client
// form alike: option codes separated by commas, or "none" (or nothing) to ask for none.

/** "1,3,6,15" as its codes; null when an item is not a number (the contract bounds the codes themselves). */
export function parseRequestList(text: string): number[] | null {
  const trimmed = text.trim()
  const items = trimmed === '' || trimmed.toLowerCase() === 'none' ? [] : trimmed.split(',').map((item) => item.trim())
  return items.every((item) => /^\d{1,3}$/.test(item)) ? items.map(Number) : null
}
