// Which packet-list columns are shown; the user's choice is remembered on this machine.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { SortColumn } from '../../../electron/contract/methods'
import type { PacketRow } from '../../../electron/contract/types'

export interface PacketColumn {
  id: SortColumn
  label: string
  className: string
  text(row: PacketRow): string
}

export const packetColumns: PacketColumn[] = [
  { id: 'frame', label: 'No.', className: 'c-no', text: (r) => String(r.frame) },
  { id: 'time', label: 'Time', className: 'c-time', text: (r) => r.time.toFixed(6) },
  { id: 'source', label: 'Source', className: 'c-addr', text: (r) => r.source },
  { id: 'destination', label: 'Destination', className: 'c-addr', text: (r) => r.destination },
  { id: 'protocol', label: 'Protocol', className: 'c-proto', text: (r) => r.protocol },
  { id: 'length', label: 'Length', className: 'c-len', text: (r) => String(r.length) },
  { id: 'info', label: 'Info', className: 'c-info', text: (r) => r.info },
]

const KEY = 'fieldkit.columns'

export const useColumnsStore = defineStore('columns', () => {
  const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as SortColumn[] | null
  const hidden = ref<SortColumn[]>(Array.isArray(saved) ? saved : [])
  watch(hidden, (value) => localStorage.setItem(KEY, JSON.stringify(value)), { deep: true })

  function toggle(id: SortColumn) {
    hidden.value = hidden.value.includes(id) ? hidden.value.filter((c) => c !== id) : [...hidden.value, id]
  }

  return { hidden, toggle }
})
