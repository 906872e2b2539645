// Lease tables opened through the engine as the app does, and memfiles written as Kea writes them.
import { writeFileSync } from 'node:fs'
import type { LeaseTableInfo } from '../../electron/contract/types'
import type { Engine } from '../../electron/engine/engine'

export const memfileHeader4 = 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id'

/** The n-th MAC of this work's range 02:00:5e:40:00:00-02:00:5e:40:ff:ff. */
export function ourMac(n: number): string {
  return `02:00:5e:40:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`
}

/** A Kea 2.4+ DHCPv4 memfile of `count` leases in 10.0.0.0/8, subnets 1-4, every state, expiring over the next day. */
export function writeMemfile(path: string, count: number, mac: (i: number) => string = (i) => ourMac(i & 0xffff), now = Math.floor(Date.now() / 1000)): void {
  const lines = [memfileHeader4]
  for (let i = 0; i < count; i++) {
    const address = `10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}`
    lines.push(`${address},${mac(i)},,3600,${now + (i % 86400)},${1 + (i % 4)},0,0,host-${i},${i % 50 === 0 ? 1 : i % 7 === 0 ? 2 : 0},,0`)
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
}

/** Resolves with the table's info once it has finished loading. */
export function tableLoaded(engine: Engine, opened: LeaseTableInfo): Promise<LeaseTableInfo> {
  return new Promise((done) => {
    const check = async () => {
      const info = ((await engine.dispatch('leases.tables', {})) as LeaseTableInfo[]).find((t) => t.tableId === opened.tableId)
      if (info && !info.loading) {
        stop()
        done(info)
      }
    }
    const stop = engine.events.subscribe((event) => {
      if (event === 'leases.updated') void check()
    })
    void check()
  })
}
