// A capture's frames, index columns and exchange tables are large buffers, first written page by page. On the
// virtual machines this tool is built and measured on, each 4 KB page's first touch costs about 14 µs (a 64 MB
// array takes 230 ms to fill), so page faults, not decoding, were a third of a million-packet load. glibc is told,
// through its tunables, to fault less:
// - hugetlb=1: where the kernel gives transparent huge pages only to memory that asks (THP "madvise"), glibc 2.35
//   and later ask for them on the memory it maps; a 2 MB page then costs one fault, not 512;
// - top_pad=32 MB: the heap grows, and is trimmed back, 32 MB beyond what is in use, so growing arrays and the next
//   batch's buffers find pages already there.
// Measured on a 1M-packet capture, alternating runs: hugetlb alone took a load from 2.7–2.8 s to 1.5–1.9 s (1.8–2.1 s
// on a later machine, whose memory was cold); the pad takes that to 1.76–1.82 s, the longest wait for a trivial call
// during it staying 63–82 ms, and `stats` from 0.69–0.78 s to 0.56–0.62 s with a third of the page faults (16,000 →
// 6,000); memory above the start stays 1.39–1.44× the file (a 64 MB pad made it 1.47×). A 32 MB mmap threshold on top
// (blocks below it from the heap) did not speed `stats` further and made the first batch of a load slower (waits of
// 92–153 ms) and, once, memory 1.93× the file. Older glibc and other C libraries ignore them; they must be in the
// environment when the process starts, so they are set for the processes that run the engine (and in the command
// line's shebang).

const HEAP_PAD = 'glibc.malloc.top_pad=33554432'

/** The glibc tunables, as GLIBC_TUNABLES lists them. */
export const MALLOC_TUNABLES = `glibc.malloc.hugetlb=1:${HEAP_PAD}`

/** `env` with MALLOC_TUNABLES ahead of its GLIBC_TUNABLES: a user's own setting of the same tunable comes later, and wins. */
export function withMallocTunables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const tunables = env.GLIBC_TUNABLES
  return { ...env, GLIBC_TUNABLES: tunables ? `${MALLOC_TUNABLES}:${tunables}` : MALLOC_TUNABLES }
}

/**
 * `env` whose GLIBC_TUNABLES begin with MALLOC_TUNABLES (a process started through withMallocTunables or the
 * shebang) without the heap pad: for a command that streams, whose memory must stay flat (cli/streaming-memory.ts).
 */
export function withoutHeapPad(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const tunables = env.GLIBC_TUNABLES
  if (!tunables?.startsWith(MALLOC_TUNABLES)) return env
  return { ...env, GLIBC_TUNABLES: tunables.replace(`:${HEAP_PAD}`, '') }
}
