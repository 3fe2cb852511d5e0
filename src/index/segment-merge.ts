/**
 * Index segments as plain data and typed arrays ({@link IndexParts}: what moves between threads), and
 * their merge into one {@link InvertedIndex} whose documents are the segments' in order. Owns only this
 * concatenation: documents are appended column by column, terms are interned by their code units (no
 * string per term), and every posting list is written once, packed, into a pool sized in advance (only
 * the first doc gap of each segment's list changes). The result is the index `addAll` would have built
 * over all documents: same term ids, same posting bytes.
 */

import { type DocumentId, DocumentTable } from './document-table'
import { InvertedIndex } from './inverted-index'
import { PostingPool } from './posting-pool'
import { TermDictionary } from './term-dictionary'
import { varintLength, writeVarint } from './varint'

/**
 * An index as plain data and typed arrays (structured-cloneable; the arrays own their buffers, so they can
 * be transferred): what `InvertedIndex.toParts` gives and {@link mergeSegments} takes.
 */
export interface IndexParts {
  /** Code units of all terms, term after term (term ids in order). */
  termUnits: Uint16Array
  /** Term `id` is `termUnits[termBounds[id], termBounds[id + 1])`; one more entry than terms. */
  termBounds: Uint32Array
  docFrequency: Uint32Array
  lastDocId: Int32Array
  /** Posting bytes of each term; the terms' postings lie one after another in {@link postings}. */
  postingLength: Uint32Array
  postings: Uint8Array
  externalIds: DocumentId[]
  /** `fieldLengths[docId * fieldCount + f]`. */
  fieldLengths: Uint32Array
  languages: Uint8Array
  /** 1 for a removed document, else 0. */
  removed: Uint8Array
  /** `storedValues[storedField][docId]`. */
  storedValues: unknown[][]
}

/** Why segments could not be merged. */
export type MergeFailure = { reason: 'misfit'; message: string } | { reason: 'duplicate'; id: DocumentId }

/**
 * One index holding the documents of `segments` in order (taking ownership of their arrays). Checks that
 * each segment's parts fit together and that no live id repeats, not that postings decode (segments come
 * from `toParts`, not from a file).
 *
 * @example
 * ```ts
 * const merged = mergeSegments(2, 0, [first.toParts(), second.toParts()])
 * if ('index' in merged) use(merged.index)
 * ```
 */
export function mergeSegments(
  fieldCount: number,
  storedFieldCount: number,
  segments: readonly IndexParts[],
): { index: InvertedIndex } | MergeFailure {
  for (const parts of segments) {
    const problem = misfit(parts, fieldCount, storedFieldCount)
    if (problem !== null) return { reason: 'misfit', message: problem }
  }
  const documents = mergeDocuments(fieldCount, storedFieldCount, segments)
  if ('duplicateId' in documents) return { reason: 'duplicate', id: documents.duplicateId }

  // Terms: the first segment's dictionary, then each later segment's terms interned into it in id order;
  // new terms get the next ids, as they would in one build over all documents.
  const first = segments[0]
  const dictionary =
    first === undefined
      ? new TermDictionary()
      : TermDictionary.fromCodeUnits(first.termUnits, first.termBounds)
  if (dictionary === null) return { reason: 'misfit', message: 'a segment repeats a term' }
  const termMaps: Int32Array[] = []
  for (const parts of segments) {
    const count = parts.termBounds.length - 1
    const map = new Int32Array(count)
    if (parts === first) for (let t = 0; t < count; t++) map[t] = t
    else {
      const bounds = parts.termBounds
      for (let t = 0; t < count; t++)
        map[t] = dictionary.internCodeUnits(parts.termUnits, bounds[t], bounds[t + 1])
    }
    termMaps.push(map)
  }
  const postings = mergePostings(dictionary.size, segments, termMaps)
  return {
    index: new InvertedIndex(fieldCount, storedFieldCount, {
      dictionary,
      postings,
      documents: documents.table,
    }),
  }
}

/** What is wrong with one segment's parts, or null when they fit together. */
function misfit(parts: IndexParts, fieldCount: number, storedFieldCount: number): string | null {
  const termCount = parts.termBounds.length - 1
  const count = parts.externalIds.length
  const fits =
    termCount >= 0 &&
    parts.docFrequency.length === termCount &&
    parts.lastDocId.length === termCount &&
    parts.postingLength.length === termCount &&
    parts.fieldLengths.length === count * fieldCount &&
    parts.languages.length === count &&
    parts.removed.length === count &&
    parts.storedValues.length === storedFieldCount &&
    parts.storedValues.every((column) => column.length === count)
  if (!fits) return 'index parts do not fit together'
  let total = 0
  for (let t = 0; t < termCount; t++) total += parts.postingLength[t]
  if (total !== parts.postings.length) return 'index parts do not fit together'
  for (let d = 0; d < count; d++) if (parts.removed[d] > 1) return 'index parts do not fit together'
  return null
}

function mergeDocuments(
  fieldCount: number,
  storedFieldCount: number,
  segments: readonly IndexParts[],
): { table: DocumentTable } | { duplicateId: DocumentId } {
  let count = 0
  for (const parts of segments) count += parts.externalIds.length
  if (segments.length === 1) {
    const only = segments[0]
    return DocumentTable.fromColumns(fieldCount, storedFieldCount, { ...only })
  }
  const slots = Math.max(1, count)
  const fieldLengths = new Uint32Array(slots * fieldCount)
  const languages = new Uint8Array(slots)
  const removed = new Uint8Array(slots)
  const externalIds: DocumentId[] = []
  const storedValues: unknown[][] = Array.from({ length: storedFieldCount }, () => [])
  let offset = 0
  for (const parts of segments) {
    fieldLengths.set(parts.fieldLengths, offset * fieldCount)
    languages.set(parts.languages, offset)
    removed.set(parts.removed, offset)
    for (const id of parts.externalIds) externalIds.push(id)
    for (let s = 0; s < storedFieldCount; s++)
      for (const value of parts.storedValues[s]) storedValues[s].push(value)
    offset += parts.externalIds.length
  }
  return DocumentTable.fromColumns(fieldCount, storedFieldCount, {
    externalIds,
    fieldLengths,
    languages,
    removed,
    storedValues,
  })
}

/**
 * The posting pool of the merged index: two passes over the segments' term lists, one to size each
 * merged list (the first doc gap of a segment's list is re-encoded relative to the previous segment's last
 * document of that term), one to copy the bytes into a pool allocated once.
 */
function mergePostings(
  termCount: number,
  segments: readonly IndexParts[],
  termMaps: Int32Array[],
): PostingPool {
  const pool = new PostingPool(16, termCount)
  pool.ensureTerms(termCount)
  const length = pool.regionLength
  const docFrequency = pool.docFrequency
  const lastDocId = pool.lastDocId
  let docOffset = 0
  for (let s = 0; s < segments.length; s++) {
    const parts = segments[s]
    const map = termMaps[s]
    const bytes = parts.postings
    let start = 0
    for (let t = 0; t < map.length; t++) {
      const segmentLength = parts.postingLength[t]
      if (segmentLength > 0) {
        const term = map[t]
        const firstGap = readFirstVarint(bytes, start)
        const gap = firstGap + docOffset - lastDocId[term] - 1
        length[term] += segmentLength - firstVarintLength + varintLength(gap)
        lastDocId[term] = parts.lastDocId[t] + docOffset
        docFrequency[term] += parts.docFrequency[t]
      }
      start += segmentLength
    }
    docOffset += parts.externalIds.length
  }
  let total = 0
  for (let term = 0; term < termCount; term++) {
    pool.regionStart[term] = total
    pool.regionCapacity[term] = length[term]
    total += length[term]
  }
  const target = new Uint8Array(Math.max(16, total))
  const cursor = pool.regionStart.slice(0, termCount)
  const previousLast = new Int32Array(termCount).fill(-1)
  docOffset = 0
  for (let s = 0; s < segments.length; s++) {
    const parts = segments[s]
    const map = termMaps[s]
    const bytes = parts.postings
    let start = 0
    for (let t = 0; t < map.length; t++) {
      const segmentLength = parts.postingLength[t]
      if (segmentLength > 0) {
        const term = map[t]
        const firstGap = readFirstVarint(bytes, start)
        let offset = writeVarint(target, cursor[term], firstGap + docOffset - previousLast[term] - 1)
        const restStart = start + firstVarintLength
        const restLength = segmentLength - firstVarintLength
        if (restLength < 32) for (let k = 0; k < restLength; k++) target[offset + k] = bytes[restStart + k]
        else target.set(bytes.subarray(restStart, restStart + restLength), offset)
        offset += restLength
        cursor[term] = offset
        previousLast[term] = parts.lastDocId[t] + docOffset
      }
      start += segmentLength
    }
    docOffset += parts.externalIds.length
  }
  pool.bytes = target
  pool.usedBytes = total
  return pool
}

/** Bytes of the varint last read by {@link readFirstVarint}. */
let firstVarintLength = 0

/** The varint at `bytes[offset]` (a posting list's first doc gap: the doc id + 1). */
function readFirstVarint(bytes: Uint8Array, offset: number): number {
  let value = 0
  let multiplier = 1
  let k = offset
  let byte: number
  do {
    byte = bytes[k++]
    value += (byte & 0x7f) * multiplier
    multiplier *= 0x80
  } while (byte >= 0x80)
  firstVarintLength = k - offset
  return value
}
