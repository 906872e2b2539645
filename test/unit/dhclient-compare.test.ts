// The side-by-side of the built-in client's variables and real dhclient's, and the reading of dhclient's script
// output: bounded in size, and a line the script could not write whole left out rather than breaking the run.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { agree, compareVariables } from '../../electron/engine/client/compare-variables'
import { BoundedText, DhclientRunError, dhclientPlace, MAX_VARS_BYTES, readInvocations } from '../../electron/engine/client/dhclient-run'
import { lab } from '../../electron/lab/topology'
import { tempDir } from '../helpers/temp'

describe('compareVariables', () => {
  const dhclient = { reason: 'BOUND', interface: 'fklab-c0', new_ip_address: '192.0.2.102', new_expiry: '1796055091', new_routers: '192.0.2.1', new_domain_name: 'lab.fieldkit.test', requested_routers: '1' }

  it('marks what agrees, what differs as any two runs do, and what one client alone got', () => {
    const builtin = { reason: 'BOUND', interface: 'fklab-br', new_ip_address: '192.0.2.103', new_expiry: '1796055094', new_routers: '192.0.2.1', new_host_name: 'vm', requested_routers: '1' }
    const rows = compareVariables(builtin, dhclient)
    expect(rows.map((r) => [r.name, r.verdict])).toEqual([
      ['reason', 'same'], ['interface', 'per-run'], ['new_domain_name', 'dhclient-only'], ['new_expiry', 'per-run'], ['new_host_name', 'builtin-only'],
      ['new_ip_address', 'per-run'], ['new_routers', 'same'], ['requested_routers', 'same'],
    ])
    expect(rows.find((r) => r.name === 'new_domain_name')).toEqual({ name: 'new_domain_name', builtin: null, dhclient: 'lab.fieldkit.test', verdict: 'dhclient-only' })
    expect(agree(rows)).toBe(true)
  })

  it('finds a disagreement on an option both clients got', () => {
    const rows = compareVariables({ ...dhclient, new_routers: '192.0.2.254' }, dhclient)
    expect(rows.find((r) => r.name === 'new_routers')?.verdict).toBe('differs')
    expect(agree(rows)).toBe(false)
  })
})

describe('the script\'s variables file', () => {
  const dir = tempDir('fieldkit-dhclient-vars')

  it('reads one invocation a line, leaving out a line that is not a whole JSON object with a reason', () => {
    const path = join(dir, 'vars.jsonl')
    writeFileSync(path, '{"reason":"PREINIT","interface":"eth0"}\n{"reason":"BOUND","new_ip_address":"192.0.2.5"\n[1,2]\n{"interface":"eth0"}\n{"reason":"BOUND","new_ip_address":"192.0.2.5"}\n')
    expect(readInvocations(path)).toEqual([{ reason: 'PREINIT', interface: 'eth0' }, { reason: 'BOUND', new_ip_address: '192.0.2.5' }])
    expect(readInvocations(join(dir, 'not-yet-written.jsonl'))).toEqual([])
  })

  it('refuses a file beyond its bound instead of reading it', () => {
    const path = join(dir, 'huge.jsonl')
    writeFileSync(path, Buffer.alloc(MAX_VARS_BYTES + 1, 0x20))
    expect(() => readInvocations(path)).toThrow(DhclientRunError)
    expect(() => readInvocations(path)).toThrow('dhclient\'s script wrote more than 1 MiB of variables; the run was stopped.')
  })
})

describe('dhclient\'s output', () => {
  it('is kept up to its bound, with a note that the rest was cut', () => {
    const kept = new BoundedText(1024)
    kept.add(Buffer.from('DHCPDISCOVER on eth0\n'))
    expect(kept.toString()).toBe('DHCPDISCOVER on eth0\n')
    for (let i = 0; i < 100; i++) kept.add(Buffer.alloc(100, 0x61))
    expect(kept.toString()).toBe(`DHCPDISCOVER on eth0\n${'a'.repeat(1024 - 21)}\n… (cut at 1 KiB)`)
  })
})

describe('where dhclient runs', () => {
  it('runs as the lab\'s client, in its namespace, for any of the lab\'s interfaces, captured on the bridge', () => {
    for (const iface of [lab.captureInterface, lab.clientPort, lab.serverPort]) {
      expect(dhclientPlace(iface)).toEqual({ iface: lab.clientInterface, namespace: lab.clientNamespace, captureOn: lab.captureInterface })
    }
    expect(dhclientPlace('eth0')).toEqual({ iface: 'eth0', namespace: null, captureOn: 'eth0' })
  })
})
