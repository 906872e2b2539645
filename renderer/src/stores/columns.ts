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
const CUSTOM_KEY = 'fieldkit.customColumns'
/** As many custom columns as the contract lets a page ask for. */
const MAX_CUSTOM = 16

function remembered<T>(key: string): T[] {
  const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as T[] | null
  return Array.isArray(saved) ? saved : []
}

export const useColumnsStore = defineStore('columns', () => {
  const hidden = ref<SortColumn[]>(remembered(KEY))
  /** Custom columns: fields of the packet tree (their filter names), shown after the standard columns. */
  const custom = ref<string[]>(remembered(CUSTOM_KEY))
  watch(hidden, (value) => localStorage.setItem(KEY, JSON.stringify(value)), { deep: true })
  watch(custom, (value) => localStorage.setItem(CUSTOM_KEY, JSON.stringify(value)), { deep: true })

  function toggle(id: SortColumn) {
    hidden.value = hidden.value.includes(id) ? hidden.value.filter((c) => c !== id) : [...hidden.value, id]
  }

  function addField(key: string) {
    if (!custom.value.includes(key) && custom.value.length < MAX_CUSTOM) custom.value = [...custom.value, key]
  }

  function removeField(key: string) {
    custom.value = custom.value.filter((k) => k !== key)
  }

  return { hidden, custom, toggle, addField, removeField }
})
