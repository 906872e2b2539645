// dns-packet exports its `name` codec at run time, but its published types omit it.
import 'dns-packet'

declare module 'dns-packet' {
  export const name: {
    decode: ((buf: Buffer, offset?: number) => string) & { bytes: number }
    encode: ((name: string, buf?: Buffer, offset?: number) => Buffer) & { bytes: number }
    encodingLength: (name: string) => number
  }
}
