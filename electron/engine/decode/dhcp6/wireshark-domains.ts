// DHCPv6 domain names as Wireshark 4.0 reads them (packet-dhcpv6.c, dhcpv6_domain), with its own reader, not the DNS
// one: each root-terminated name of two labels or more is the option's name field, shown with the root's dot; a
// last name without the root is a partial name (no dot); a one-label name is a TLD (dhcpv6.tld, noted), the root
// alone is noted, and a label over 63 bytes, past the field, or making the name longer than 255 ends the reading
// with a note. Display filters compare these names and notes, so the filters here read them the same way.
import { field, type FieldNode } from '../field'

/** RFC 1035 section 2.3.4: a label is at most 63 bytes, a name's wire form at most 255. */
const MAX_LABEL = 63
const MAX_NAME = 255

export interface WiresharkDomains {
  /** The names the option's own field holds, as shown: [text, offset, length]. */
  names: [text: string, at: number, length: number][]
  /** Wireshark's fields for what is not such a name (a TLD, the root alone, a bad label), each with its note. */
  notes: FieldNode[]
}

/** Raw bytes as Wireshark copies them into the name (one character per byte). */
function chars(b: Uint8Array, at: number, length: number): string {
  let s = ''
  for (let i = at; i < at + length && i < b.length; i++) s += String.fromCharCode(b[i])
  return s
}

const note = (label: string, at: number, length: number, key: string, value: string, expert: string, portion?: [string, number]): FieldNode =>
  field(label, at, length, {
    key, value,
    children: [
      ...(portion ? [field('Portion successfully decoded', portion[1], portion[0].length, { key: 'dhcpv6.decoded_portion', value: portion[0] })] : []),
      field(label, at, length, { key: expert }),
    ],
  })

/** The domain field [off, off + len) as dhcpv6_domain reads it. */
export function wiresharkDomains(b: Uint8Array, off: number, len: number): WiresharkDomains {
  const names: WiresharkDomains['names'] = []
  const notes: FieldNode[] = []
  // An empty field: the client asks the server for a name (RFC 4704 section 4.2).
  if (len === 0) return { names, notes: [field('Empty domain field', off - 2, 2, { key: 'dhcpv6.domain_field_len', value: '0' })] }
  const finalByte = off + len - 1
  let at = off, first = off, remaining = len, labels = 0, name = '', fqdnSeen = false
  while (remaining > 0) {
    const labelLength = b[at]
    const portion: [string, number] | undefined = labels ? [name, first] : undefined
    if (labelLength > MAX_LABEL) {
      notes.push(note('Not a DNS-encoded name', at, 1, 'dhcpv6.bogus_label_length', String(labelLength), 'dhcpv6.expert.name_not_dns_encoded', portion))
      break
    }
    if (name === '') first = at
    at++
    remaining--
    if (labelLength > remaining) {
      notes.push(note('Label past the domain field', at - 1, 1, 'dhcpv6.domain_field_len_exceeded', String(labelLength), 'dhcpv6.expert.domain_field_length_exceeded', portion))
      break
    }
    if (name.length + labelLength + 2 > MAX_NAME) {
      name += `.${chars(b, at, labelLength)}`
      at += labelLength
      if (b[at] === 0) name += '.'
      notes.push(note('Name longer than 255 bytes', first, name.length - 1, 'dhcpv6.encoded_fqdn_gt_255', String(name.length), 'dhcpv6.expert.encoded_fqdn_gt_255'))
      break
    }
    if (labelLength === 0) {
      name += '.'
      if (labels === 0) {
        notes.push(note('Root only domain name', at - 1, 1, 'dhcpv6.root_only_domain_name', '.', 'dhcpv6.expert.root_only_domain_name'))
        break
      }
      if (labels === 1) notes.push(note('Top level domain', first, name.length + 1, 'dhcpv6.tld', name, 'dhcpv6.expert.tld_lookup'))
      else names.push([name, first, name.length + 1])
      labels = 0
      name = ''
      fqdnSeen = true
      continue
    }
    if (at + labelLength - 1 === finalByte) {
      // The field's last label, without the root: a partial name. Wireshark copies the label from the name's first
      // label's place, so a partial name of several labels comes out with its first label again, undotted.
      name += chars(b, first + 1, labelLength)
      if (fqdnSeen) notes.push(note('Partial name after a full name', first, labelLength, 'dhcpv6.partial_name_preceded_by_fqdn', name, 'dhcpv6.expert.partial_name_preceded_by_fqdn'))
      else names.push([name, first, name.length + 1])
      break
    }
    if (labels) name += '.'
    name += chars(b, at, labelLength)
    at += labelLength
    remaining -= labelLength
    labels++
  }
  return { names, notes }
}
