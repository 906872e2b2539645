// Options given as text, in dhcptest's forms, for either family's registry: `CODE=HEX` (raw bytes), `CODE:TYPE=VALUE`
// (VALUE read as TYPE, one of the registry's formats), and `NAME=VALUE` / `NAME:TYPE=VALUE` with NAME an option's
// filter key or a common name. Each family (dhcp4/option-arguments.ts, dhcp6/option-arguments.ts) gives its tables.
import { EncodeError, hexBytes, type Encoder } from './encode-values'
import type { OptionValue } from './types'

export interface EncodedOption {
  code: number
  bytes: number[]
}

export interface OptionFamily<F extends string> {
  /** "DHCPv4" or "DHCPv6", for the sentences. */
  name: string
  maxCode: number
  /** An option's code by its registry filter key or a name people use; undefined when none has that name. */
  codeOf(key: string): number | undefined
  formatOf(code: number): F
  encoders: Record<F, Encoder>
  /** dhcptest's type names, beside the registry's own format names. */
  typeAliases: Record<string, F>
  /** Formats whose value is a list: their text is comma-separated items. */
  listFormats: ReadonlySet<F>
  /** A family's own reading of a value's text (a flag, a client id), or undefined to read it the common way. */
  fromText?(fmt: F, text: string): OptionValue | undefined
  /** An example of the forms, for the sentence about an argument that has none of them. */
  example: string
  /** What to write instead of a name that is no option's. */
  nameAdvice: string
}

const MAX_ARGUMENT = 4096

export function optionArguments<F extends string>(family: OptionFamily<F>) {
  function optionCode(name: string): number {
    if (/^\d+$/.test(name)) {
      const code = Number(name)
      if (code >= 1 && code <= family.maxCode) return code
      throw new EncodeError(`option code ${name} is out of range: ${family.name} options are numbered 1 to ${family.maxCode}`)
    }
    const code = family.codeOf(name.toLowerCase().replace(/_/g, '-'))
    if (code === undefined) throw new EncodeError(`"${name}" is not a ${family.name} option name; ${family.nameAdvice}`)
    return code
  }

  function format(type: string): F {
    const known = family.typeAliases[type] ?? (type in family.encoders ? (type as F) : undefined)
    if (!known) throw new EncodeError(`"${type}" is not a value type; use one of ${Object.keys(family.encoders).join(', ')}`)
    return known
  }

  /** A value's text as its format's value: JSON when it starts as JSON does, comma-separated items for a list, else the text. */
  function optionValueFromText(fmt: F, text: string): OptionValue {
    const trimmed = text.trim()
    if (/^[[{"]/.test(trimmed)) {
      try {
        return JSON.parse(trimmed) as OptionValue
      } catch {
        throw new EncodeError(`${trimmed.slice(0, 40)} starts like JSON but is not valid JSON`)
      }
    }
    if (family.listFormats.has(fmt)) return trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim())
    return family.fromText?.(fmt, text) ?? text
  }

  /** One option as bytes, from a value given as text in the option's own format (or `fmt` when given). */
  function encodeOptionText(code: number, text: string, fmt: F = family.formatOf(code)): EncodedOption {
    return { code, bytes: family.encoders[fmt](optionValueFromText(fmt, text)) }
  }

  /** `CODE=HEX`, `CODE:TYPE=VALUE`, `NAME=VALUE` or `NAME:TYPE=VALUE`; throws an EncodeError naming what is wrong. */
  function parseOptionArgument(argument: string): EncodedOption {
    if (argument.length > MAX_ARGUMENT) throw new EncodeError(`an option argument is limited to ${MAX_ARGUMENT} characters`)
    const match = /^([A-Za-z0-9_-]+)(?::([A-Za-z0-9]+))?=(.*)$/s.exec(argument)
    if (!match) throw new EncodeError(`"${argument.slice(0, 60)}" is not an option: write CODE=HEX, CODE:TYPE=VALUE or NAME=VALUE (e.g. ${family.example})`)
    const [, name, type, value] = match
    const code = optionCode(name)
    try {
      if (type) return encodeOptionText(code, value, format(type))
      if (/^\d+$/.test(name)) return { code, bytes: hexBytes(value) }
      return encodeOptionText(code, value)
    } catch (error) {
      if (error instanceof EncodeError) throw new EncodeError(`option ${name}: ${error.message}`)
      throw error
    }
  }

  return { optionValueFromText, encodeOptionText, parseOptionArgument }
}
