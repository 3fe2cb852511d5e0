/**
 * Deterministic split of every query set into a 'tune' half (for later ranking work) and a 'test' half
 * (reported as held out). The half depends only on the query id, so it is stable across runs and machines.
 */

export type QueryHalf = 'tune' | 'test'

/** 32-bit FNV-1a hash of the UTF-16 code units of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/** 'test' when the FNV-1a hash of the id is odd, else 'tune'. */
export function queryHalf(queryId: string): QueryHalf {
  return fnv1a(queryId) % 2 === 1 ? 'test' : 'tune'
}
