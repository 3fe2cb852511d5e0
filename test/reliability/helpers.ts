/**
 * Helpers of the reliability tests: a snapshot of everything an index answers (to prove a failed call
 * changed nothing), a typed-error check, a small document/vocabulary set, access to the garbage collector,
 * and the `[reliability]` count lines printed for CI logs.
 */

import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { expect } from 'vitest'
import { KavoshError, type SearchIndex } from '../../src/index'
import { VOCABULARY } from '../search-index/helpers'

/** Queries whose answers make up a {@link snapshot}: words, phrases, exclusions, prefixes. */
export const PROBE_QUERIES = [
  ...VOCABULARY.slice(0, 12),
  'باغ دریا',
  'کوه ابر باران',
  '"باران شهر"',
  'دریا -کوه',
  'کتا',
  'پدر مادر',
  '2024',
  'a',
]

/**
 * Everything observable about an index: its saved bytes, size, and the full answers (hits with scores,
 * stored fields and highlights; facets; suggestions) to {@link PROBE_QUERIES} under several options.
 */
export function snapshot(index: SearchIndex, facetFields: string[] = []): unknown {
  const answers = PROBE_QUERIES.map((query) => [
    index.search(query, { limit: Number.POSITIVE_INFINITY }),
    index.search(query, {
      combineWith: 'and',
      prefix: true,
      fuzzy: true,
      limit: 5,
      highlight: facetFields.length > 0,
    }),
    facetFields.length > 0 ? index.facets(query, facetFields) : null,
    index.suggest(query),
  ])
  return { size: index.size, bytes: Array.from(index.save()), answers }
}

/**
 * Runs `act`, expects it to throw an instance of `errorClass` (a {@link KavoshError}), and expects the
 * index to answer exactly as before.
 */
export function expectRejectedUnchanged(
  index: SearchIndex,
  act: () => unknown,
  errorClass: abstract new (...args: never[]) => KavoshError = KavoshError,
  facetFields: string[] = [],
): void {
  const before = snapshot(index, facetFields)
  expect(act).toThrow(errorClass)
  expect(snapshot(index, facetFields)).toEqual(before)
}

/** As {@link expectRejectedUnchanged} for an async call. */
export async function expectRejectedUnchangedAsync(
  index: SearchIndex,
  act: () => Promise<unknown>,
  errorClass: abstract new (...args: never[]) => KavoshError = KavoshError,
): Promise<void> {
  const before = snapshot(index)
  await expect(act()).rejects.toThrow(errorClass)
  expect(snapshot(index)).toEqual(before)
}

/** Prints one count line for CI logs, e.g. `[reliability] 300 random op sequences, …`. */
export function report(line: string): void {
  console.log(`[reliability] ${line}`)
}

/** Formats a count with thousands separators. */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

/**
 * The garbage collector: `globalThis.gc` under `--expose-gc`, else obtained at run time through V8 flags
 * (works in Node's worker processes); null when neither works.
 */
export function garbageCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (typeof exposed === 'function') return exposed
  try {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as unknown
    return typeof gc === 'function' ? (gc as () => void) : null
  } catch {
    return null
  }
}

/** Internal structure sizes of an index (not public API: read through the private `inverted` field). */
export function structureSizes(index: SearchIndex): {
  retainedBytes: number
  terms: number
  documentSlots: number
} {
  const inverted = (
    index as unknown as {
      inverted: { retainedBytes: number; dictionary: { size: number }; documents: { count: number } }
    }
  ).inverted
  return {
    retainedBytes: inverted.retainedBytes,
    terms: inverted.dictionary.size,
    documentSlots: inverted.documents.count,
  }
}
