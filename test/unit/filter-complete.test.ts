// Filter completion from the engine's grammar: what it offers where the cursor is, and which text an item replaces.
import { describe, expect, it } from 'vitest'
import { completeFilter } from '../../electron/engine/filter/complete'
import { dhcp4MessageTypes } from '../../electron/engine/decode/dhcp4/message-types'
import { filterFields } from '../../electron/engine/filter/fields'

/** Completes at the "|" in `marked`. */
function complete(marked: string) {
  const cursor = marked.indexOf('|')
  return completeFilter(marked.replace('|', ''), cursor)
}
const labels = (marked: string) => complete(marked).items.map((item) => item.label)

describe('filter completion', () => {
  it('completes a field name from its beginning, replacing the whole word under the cursor', () => {
    const typed = complete('ip.s|')
    expect(typed.items).toEqual([{ label: 'ip.src', kind: 'field', detail: 'IPv4 source' }])
    expect(typed).toMatchObject({ from: 0, to: 4 })
    expect(labels('dhcp.option.host|')).toContain('dhcp.option.hostname')
    expect(complete('dhcp and ip.s|rc == 1.2.3.4')).toMatchObject({ from: 9, to: 15, items: [{ label: 'ip.src' }] })
  })

  it('offers every field and "not" where a test begins', () => {
    expect(labels('|')).toEqual([...filterFields.keys(), 'not'])
    expect(labels('dhcp and |')).toHaveLength(filterFields.size + 1)
    expect(labels('not (|')).toContain('dhcp.type')
  })

  it('offers the comparisons a field takes, and "and"/"or" since a field alone is a test', () => {
    expect(labels('dhcp.msgtype |')).toEqual(['==', '!=', '<', '>', '<=', '>=', 'and', 'or'])
    expect(labels('dhcp.option.hostname |')).toEqual(['==', '!=', 'contains', 'matches', 'and', 'or'])
    expect(labels('dhcp.option.hostname co|')).toEqual(['contains'])
    expect(labels('dhcp |')).toEqual(['and', 'or'])
  })

  it('offers the named values after a comparison, matching any case', () => {
    expect(labels('dhcp.msgtype == |')).toEqual(Object.values(dhcp4MessageTypes))
    expect(complete('dhcp.msgtype == na|')).toMatchObject({ from: 16, to: 18, items: [{ label: 'NAK', kind: 'value', detail: 'dhcp.msgtype == 6' }] })
    expect(labels('dhcp.option.dhcp == |')).toEqual(Object.values(dhcp4MessageTypes))
    // dhcp.type is BOOTP's op, with Wireshark's names for its values (quoted: they hold a space).
    expect(labels('dhcp.type == |')).toEqual(['"Boot Request"', '"Boot Reply"'])
    expect(labels('dhcpv6.option.status_code eq NoA|')).toEqual(['NoAddrsAvail'])
    expect(labels('ip.src == |')).toEqual([])
  })

  it('offers "and" and "or" after a complete comparison or a parenthesis', () => {
    expect(labels('dhcp.msgtype == NAK |')).toEqual(['and', 'or'])
    expect(labels('dhcp.msgtype == NAK o|')).toEqual(['or'])
    expect(labels('(dhcp or ipv6) |')).toEqual(['and', 'or'])
    expect(labels('dhcp.option.hostname contains "a b" |')).toEqual(['and', 'or'])
  })

  it('offers nothing inside a string, after a mistake, or for what is typed already', () => {
    expect(labels('dhcp.option.hostname contains "pri|')).toEqual([])
    expect(labels('dhcp.option.hostname contains "pri|nter"')).toEqual([])
    expect(labels('1.2.3.4 and |')).toEqual([])
    expect(labels('nosuch.field |')).toEqual([])
    expect(labels('dhcp.msgtype == NAK|')).toEqual([])
    expect(labels('ip.src|')).toEqual([])
  })
})
