// From a lease to its client's packets: the display filter the Leases view applies is one the packet list takes
// (test/e2e/leases.test.ts follows the link to a capture's packets).
import { describe, expect, it } from 'vitest'
import { checkFilter } from '../../electron/engine/filter/compile'
import { packetFilterFor, runIsFor } from '../../renderer/src/lease-links'

describe('lease links', () => {
  it('filters v4 by hardware address and v6 by DUID, with filters the packet list takes', () => {
    const v4 = packetFilterFor({ family: 4, hwAddress: '02:00:5e:40:00:01', clientId: '01:02:00:5e:40:00:01' })
    const v6 = packetFilterFor({ family: 6, hwAddress: null, clientId: '00:03:00:01:02:00:5e:40:00:07' })
    expect(v4).toBe('dhcp.chaddr == 02:00:5e:40:00:01')
    expect(v6).toBe('dhcpv6.duid.bytes == 00:03:00:01:02:00:5e:40:00:07')
    expect(checkFilter(v4!)).toEqual({ ok: true })
    expect(checkFilter(v6!)).toEqual({ ok: true })
    expect(packetFilterFor({ family: 6, hwAddress: null, clientId: null })).toBeNull()
  })

  it('finds the test-client runs of the lease\'s client by MAC, in any case', () => {
    expect(runIsFor({ mac: '02:00:5E:40:00:01' }, { hwAddress: '02:00:5e:40:00:01' })).toBe(true)
    expect(runIsFor({ mac: '02:00:5e:40:00:02' }, { hwAddress: '02:00:5e:40:00:01' })).toBe(false)
    expect(runIsFor({ mac: '02:00:5e:40:00:02' }, { hwAddress: null })).toBe(false)
  })
})
