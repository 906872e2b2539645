// A capture's transactions read page by page (captures.transactions answers one bounded page at a time), for the
// readers that need them all: the bundle's data files, a timeline's declines, the packets logs are matched to.
import type { TransactionInfo, TransactionPage } from '../../contract/types'

/** Every row, `size` at a time, in the order `read` gives them. */
export async function* transactionPages(read: (offset: number, limit: number) => Promise<TransactionPage>, size: number): AsyncGenerator<TransactionInfo[]> {
  for (let offset = 0; ; offset += size) {
    const page = await read(offset, size)
    yield page.rows
    if (offset + size >= page.total) return
  }
}
