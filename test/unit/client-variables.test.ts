// The Test client view's Copy as shell / Copy as JSON: what a pasted script would see.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { variablesAsJson, variablesAsShell } from '../../renderer/src/client-variables'

const variables = { new_ip_address: '192.0.2.100', reason: 'BOUND', new_host_name: "printer's 7 $(true)", interface: 'fklab-br' }

describe('test client variables as text', () => {
  it('shell: reason first, the rest by name, each value quoted so a POSIX shell reads it back unchanged', () => {
    const shell = variablesAsShell(variables)
    expect(shell.split('\n')[0]).toBe("reason='BOUND'")
    expect(shell).toContain("new_ip_address='192.0.2.100'")
    const read = execFileSync('sh', ['-c', `${shell}printf '%s|%s' "$new_host_name" "$interface"`], { encoding: 'utf8' })
    expect(read).toBe("printer's 7 $(true)|fklab-br")
  })

  it('JSON: the same variables, in the same order', () => {
    const json = variablesAsJson(variables)
    expect(JSON.parse(json)).toEqual(variables)
    expect(Object.keys(JSON.parse(json) as object)).toEqual(['reason', 'interface', 'new_host_name', 'new_ip_address'])
  })
})
