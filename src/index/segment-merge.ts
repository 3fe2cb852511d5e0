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
    const map = new Int32Array(parts.termBounds.length - 1)
    if (parts === first) identity(map)
    else internAll(dictionary, parts.termUnits, parts.termBounds, map)
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
  let externalIds: DocumentId[] = []
  const storedValues: unknown[][] = Array.from({ length: storedFieldCount }, () => [])
  let offset = 0
  for (const parts of segments) {
    fieldLengths.set(parts.fieldLengths, offset * fieldCount)
    languages.set(parts.languages, offset)
    removed.set(parts.removed, offset)
    externalIds = externalIds.concat(parts.externalIds)
    for (let s = 0; s < storedFieldCount; s++) storedValues[s] = storedValues[s].concat(parts.storedValues[s])
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

// The loops below each live in a function of their own that touches only its arguments: they run once
// per merge, so V8 optimises them while they run, and code after a loop that had not run yet would
// deoptimise the optimised code again.

function identity(map: Int32Array): void {
  for (let t = 0; t < map.length; t++) map[t] = t
}

/** `map[t]` = the id in `dictionary` of term t of `units`/`bounds` (added when new). */
function internAll(
  dictionary: TermDictionary,
  units: Uint16Array,
  bounds: Uint32Array,
  map: Int32Array,
): void {
  for (let t = 0; t < map.length; t++) map[t] = dictionary.internCodeUnits(units, bounds[t], bounds[t + 1])
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
  let docOffset = 0
  for (let s = 0; s < segments.length; s++) {
    const parts = segments[s]
    sizeLists(
      parts.postings,
      parts.postingLength,
      parts.docFrequency,
      parts.lastDocId,
      termMaps[s],
      docOffset,
      length,
      pool.docFrequency,
      pool.lastDocId,
    )
    docOffset += parts.externalIds.length
  }
  const total = layOut(length, pool.regionStart, pool.regionCapacity, termCount)
  const target = new Uint8Array(Math.max(16, total))
  const cursor = pool.regionStart.slice(0, termCount)
  const previousLast = new Int32Array(termCount).fill(-1)
  docOffset = 0
  for (let s = 0; s < segments.length; s++) {
    const parts = segments[s]
    copyLists(
      parts.postings,
      parts.postingLength,
      parts.lastDocId,
      termMaps[s],
      docOffset,
      target,
      cursor,
      previousLast,
    )
    docOffset += parts.externalIds.length
  }
  pool.bytes = target
  pool.usedBytes = total
  return pool
}

/**
 * Adds one segment's lists to the merged sizes, document frequencies and last documents (`lastDocId`
 * starts at −1): each list keeps its bytes but its first doc gap, re-encoded against the merged list's
 * last document so far.
 */
function sizeLists(
  postings: Uint8Array,
  postingLength: Uint32Array,
  segmentFrequency: Uint32Array,
  segmentLast: Int32Array,
  map: Int32Array,
  docOffset: number,
  length: Uint32Array,
  docFrequency: Uint32Array,
  lastDocId: Int32Array,
): void {
  let start = 0
  for (let t = 0; t < map.length; t++) {
    const segmentLength = postingLength[t]
    if (segmentLength > 0) {
      const term = map[t]
      // The first doc gap (the doc id + 1) and its byte length.
      let firstGap = 0
      let multiplier = 1
      let k = start
      let byte: number
      do {
        byte = postings[k++]
        firstGap += (byte & 0x7f) * multiplier
        multiplier *= 0x80
      } while (byte >= 0x80)
      const gap = firstGap + docOffset - lastDocId[term] - 1
      length[term] += segmentLength - (k - start) + varintLength(gap)
      lastDocId[term] = segmentLast[t] + docOffset
      docFrequency[term] += segmentFrequency[t]
    }
    start += segmentLength
  }
}

/** Regions of `length[t]` bytes one after another (their starts and capacities); returns the total. */
function layOut(
  length: Uint32Array,
  regionStart: Uint32Array,
  capacity: Uint32Array,
  termCount: number,
): number {
  let total = 0
  for (let term = 0; term < termCount; term++) {
    regionStart[term] = total
    capacity[term] = length[term]
    total += length[term]
  }
  return total
}

/** Copies one segment's lists to `cursor[term]` of `target`, first doc gap re-encoded (see sizeLists). */
function copyLists(
  postings: Uint8Array,
  postingLength: Uint32Array,
  segmentLast: Int32Array,
  map: Int32Array,
  docOffset: number,
  target: Uint8Array,
  cursor: Uint32Array,
  previousLast: Int32Array,
): void {
  let start = 0
  for (let t = 0; t < map.length; t++) {
    const segmentLength = postingLength[t]
    if (segmentLength > 0) {
      const term = map[t]
      let firstGap = 0
      let multiplier = 1
      let k = start
      let byte: number
      do {
        byte = postings[k++]
        firstGap += (byte & 0x7f) * multiplier
        multiplier *= 0x80
      } while (byte >= 0x80)
      let offset = writeVarint(target, cursor[term], firstGap + docOffset - previousLast[term] - 1)
      const end = start + segmentLength
      if (end - k < 32) while (k < end) target[offset++] = postings[k++]
      else {
        target.set(postings.subarray(k, end), offset)
        offset += end - k
      }
      cursor[term] = offset
      previousLast[term] = segmentLast[t] + docOffset
    }
    start += segmentLength
  }
}
