/**
 * Impacts of a term's postings for one set of ranking parameters: per posting, its document and the
 * saturated BM25F term frequency that scoring would give it, `tf̃ × (k1 + 1) / (k1 + tf̃)` (and that plus
 * `titleMatch` × the same in the title field alone: the most the title-match bonus can add). A query multiplies them by each alternative's weight ×
 * idf: scoring a document for a term is then a multiplication instead of decoding its posting and computing
 * its field norms (see `impact-walk.ts`).
 *
 * Built by decoding the postings once, and cached per posting pool for the terms queries use, up to a budget
 * of postings: dropped when the ranking parameters, the field boosts or the average field lengths differ from
 * those they were built with, or when the term's postings grew. Read-only: never writes postings.
 */

import type { DocumentTable } from '../index/document-table'
import type { PostingPool } from '../index/posting-pool'

/** The ranking parameters impacts depend on (the evaluator's, see `ranking.ts`). */
export interface ImpactParameters {
  /** Boost per field (the lead field last); 0 leaves a field out. */
  fieldBoosts: Float64Array
  /** b per field. */
  b: Float64Array
  /** k1 by the document's counted language code (0 … 3). */
  k1: Float64Array
  /** Average length per field over the live documents. */
  average: Float64Array
  /** The field the title-match bonus reads, or −1. */
  titleField: number
  /** The title-match factor (`ranking.titleMatch`; unused when `titleField` is −1). */
  titleMatch: number
}

/**
 * The impacts of one term's postings, in doc-id order. Saturations are stored as float32: their relative
 * rounding error is below {@link IMPACT_ROUNDING}. (A class: every instance has one shape, which keeps the
 * walk's loops monomorphic.)
 */
export class TermImpacts {
  constructor(
    readonly count: number,
    readonly docIds: Int32Array,
    /** Byte offset of each posting in the term's postings (for `PostingCursor.restoreAt`). */
    readonly offsets: Int32Array,
    readonly saturation: Float32Array,
    /**
     * The saturation plus `titleMatch` × the saturation in the title field alone: the most the posting's
     * document can score per unit of query weight, title-match bonus included (the bonus needs the whole
     * title covered, which the impacts do not tell). The same array as {@link saturation} when the term
     * never occurs in the title or there is no title bonus.
     */
    readonly upperSaturation: Float32Array,
    /** The largest of {@link saturation} (0 when there is none). */
    readonly maxSaturation: number,
    /** The largest of {@link upperSaturation} (0 when there is none). */
    readonly maxUpperSaturation: number,
    /** Bytes of postings they were decoded from (a term whose postings grew is decoded again). */
    readonly byteLength: number,
  ) {}
}

/** Placeholder of a term whose impacts {@link queryImpacts} decodes after its first pass. */
const NOT_DECODED = new TermImpacts(
  0,
  new Int32Array(0),
  new Int32Array(0),
  new Float32Array(0),
  new Float32Array(0),
  0,
  0,
  0,
)

/** Bound of the relative error of a stored saturation (float32: 2⁻²⁴, with room). */
export const IMPACT_ROUNDING = 1e-6

/**
 * How many postings the impact cache of an index keeps: `minPostings` at any size, else `share` of all its
 * postings (a term's impacts take 12 or 16 bytes per posting). `admitOnFirstUse`: a term of more than
 * {@link ALWAYS_DECODED} postings is decoded (and cached) only when a query uses it the second time (see
 * {@link queryImpacts}); false decodes it at once. Internal; tests and benchmarks change them.
 */
export const impactCacheSettings = { minPostings: 1 << 16, share: 1 / 8, admitOnFirstUse: true }

/**
 * Terms with at most this many postings are decoded for any query that needs them: cheap to decode, they
 * never make a query wait for a second use.
 */
const ALWAYS_DECODED = 256

/** Most terms remembered as used once (the set is cleared when it is full). */
const SEEN_LIMIT = 1 << 16

interface ImpactCache {
  documents: DocumentTable
  parameters: ImpactParameters
  /** By term id; the map's order is the order of last use (least recent first). */
  entries: Map<number, TermImpacts>
  postings: number
  /** Terms a query used once and that were not decoded then (see {@link queryImpacts}). */
  seen: Set<number>
}

const cacheByPool = new WeakMap<PostingPool, ImpactCache>()

/**
 * The impacts of the terms `termIds` of a query, or null when the query should rather be walked another way:
 * a term with many postings that no query used before is not decoded (it is remembered, and decoded when a
 * query uses it again). Decoding a long posting list costs more than the walk over block bounds saves on
 * one query; a term that queries use again and again is decoded once and then served from the cache.
 *
 * @example
 * ```ts
 * const impacts = queryImpacts(index.postings, index.documents, query.termIds, parameters)
 * impacts?.[0].docIds[0] // first document holding the query's first term
 * ```
 */
export function queryImpacts(
  pool: PostingPool,
  documents: DocumentTable,
  termIds: readonly number[],
  parameters: ImpactParameters,
): TermImpacts[] | null {
  const cache = cacheOf(pool, documents, parameters)
  // Filled in a loop, not by map(): one elements kind for every query keeps the walk monomorphic.
  const impacts: TermImpacts[] = []
  let missing = false
  for (const termId of termIds) {
    const hit = cached(cache, pool, termId)
    if (hit !== undefined) {
      impacts.push(hit)
      continue
    }
    const postings = termId < pool.termCount ? pool.docFrequency[termId] : 0
    if (postings > ALWAYS_DECODED && impactCacheSettings.admitOnFirstUse && !cache.seen.has(termId)) {
      if (cache.seen.size >= SEEN_LIMIT) cache.seen.clear()
      cache.seen.add(termId)
      missing = true
    }
    impacts.push(NOT_DECODED)
  }
  if (missing) return null
  for (let k = 0; k < termIds.length; k++) {
    if (impacts[k] === NOT_DECODED)
      impacts[k] = decodeAndCache(cache, pool, documents, termIds[k], parameters)
  }
  return impacts
}

/**
 * The impacts of `termId`'s postings in `pool` (whose documents are `documents`) under `parameters`:
 * cached, or decoded now (and cached if the budget allows).
 *
 * @example
 * ```ts
 * const impacts = termImpacts(index.postings, index.documents, termId, parameters)
 * impacts.docIds[0] // first document holding the term
 * ```
 */
export function termImpacts(
  pool: PostingPool,
  documents: DocumentTable,
  termId: number,
  parameters: ImpactParameters,
): TermImpacts {
  const cache = cacheOf(pool, documents, parameters)
  return cached(cache, pool, termId) ?? decodeAndCache(cache, pool, documents, termId, parameters)
}

/** Decodes `termId`'s impacts and caches them if the budget allows (least recently used leave first). */
function decodeAndCache(
  cache: ImpactCache,
  pool: PostingPool,
  documents: DocumentTable,
  termId: number,
  parameters: ImpactParameters,
): TermImpacts {
  const bytes = pool.postingsOf(termId)
  const postingCount = termId < pool.termCount ? pool.docFrequency[termId] : 0
  const built = decodeImpacts(bytes, documents, parameters, postingCount)
  cache.seen.delete(termId)
  const budget = Math.max(
    impactCacheSettings.minPostings,
    Math.floor(totalPostings(pool) * impactCacheSettings.share),
  )
  if (built.count <= budget) {
    for (const [oldest, entry] of cache.entries) {
      if (cache.postings + built.count <= budget) break
      cache.entries.delete(oldest)
      cache.postings -= entry.count
    }
    cache.entries.set(termId, built)
    cache.postings += built.count
  }
  return built
}

/** The cache of `pool` for these documents and parameters (a new one when they differ). */
function cacheOf(pool: PostingPool, documents: DocumentTable, parameters: ImpactParameters): ImpactCache {
  let cache = cacheByPool.get(pool)
  if (cache === undefined || cache.documents !== documents || !sameParameters(cache.parameters, parameters)) {
    cache = {
      documents,
      parameters: copyParameters(parameters),
      entries: new Map(),
      postings: 0,
      seen: cache?.seen ?? new Set(),
    }
    cacheByPool.set(pool, cache)
  }
  return cache
}

/**
 * The cached impacts of `termId` if they are those of its current postings, made the most recently used;
 * else drops them.
 */
function cached(cache: ImpactCache, pool: PostingPool, termId: number): TermImpacts | undefined {
  const entry = cache.entries.get(termId)
  if (entry === undefined) return undefined
  cache.entries.delete(termId)
  const postingCount = termId < pool.termCount ? pool.docFrequency[termId] : 0
  const byteLength = termId < pool.termCount ? pool.regionLength[termId] : 0
  if (entry.count === postingCount && entry.byteLength === byteLength) {
    cache.entries.set(termId, entry) // most recently used: last in the map's order
    return entry
  }
  cache.postings -= entry.count
  return undefined
}

/** Decodes a term's postings into its impacts (positions skipped, not decoded). */
function decodeImpacts(
  bytes: Uint8Array,
  documents: DocumentTable,
  parameters: ImpactParameters,
  postingCount: number,
): TermImpacts {
  const { fieldBoosts, b, k1: k1s, average, titleField, titleMatch } = parameters
  const fieldCount = documents.fieldCount
  const fieldLengths = documents.fieldLengths
  const languages = documents.languages
  const docIds = new Int32Array(postingCount)
  const offsets = new Int32Array(postingCount)
  const saturation = new Float32Array(postingCount)
  // Made when a posting's title part first counts.
  let upperSaturation: Float32Array | null = null
  let count = 0
  let maxSaturation = 0
  let maxUpperSaturation = 0
  // The posting format (see posting-pool.ts) read here directly: doc-id gap, field mask, then per field of
  // the mask its frequency and position gaps (skipped), all varints. A posting cut short ends the list.
  const end = bytes.length
  let offset = 0
  let docId = -1
  while (offset < end && count < postingCount) {
    const postingStart = offset
    let byte = bytes[offset++]
    let gap = byte & 0x7f
    for (let scale = 0x80; byte >= 0x80 && offset < end; scale *= 0x80) {
      byte = bytes[offset++]
      gap += (byte & 0x7f) * scale
    }
    docId += gap
    if (offset >= end) break
    byte = bytes[offset++]
    let mask = byte & 0x7f
    for (let scale = 0x80; byte >= 0x80 && offset < end; scale *= 0x80) {
      byte = bytes[offset++]
      mask += (byte & 0x7f) * scale
    }
    const k1 = k1s[(languages[docId] >>> 2) & 3]
    let weighted = 0
    let title = 0
    for (let f = 0; mask !== 0; f++, mask >>>= 1) {
      if ((mask & 1) === 0) continue
      byte = bytes[offset++]
      let frequency = byte & 0x7f
      for (let scale = 0x80; byte >= 0x80 && offset < end; scale *= 0x80) {
        byte = bytes[offset++]
        frequency += (byte & 0x7f) * scale
      }
      // Over the position gaps: a varint ends at a byte below 0x80.
      for (let remaining = frequency; remaining > 0 && offset < end; )
        remaining -= (bytes[offset++] >>> 7) ^ 1
      const boost = fieldBoosts[f]
      if (!(boost > 0)) continue
      // The field factor as the evaluator's prepareFieldFactors computes it.
      const norm = average[f] > 0 ? 1 - b[f] + (b[f] * fieldLengths[docId * fieldCount + f]) / average[f] : 1
      const factor = boost / (norm > 0 ? norm : 1)
      if (!(factor > 0)) continue
      const value = frequency * factor
      weighted += value
      if (f === titleField) title = value
    }
    docIds[count] = docId
    offsets[count] = postingStart
    const saturated = weighted > 0 ? (weighted * (k1 + 1)) / (k1 + weighted) : 0
    saturation[count] = saturated
    if (saturation[count] > maxSaturation) maxSaturation = saturation[count]
    if (title > 0 && titleMatch > 0) {
      if (upperSaturation === null) upperSaturation = saturation.slice(0, postingCount)
      upperSaturation[count] = saturated + (titleMatch * (title * (k1 + 1))) / (k1 + title)
    } else if (upperSaturation !== null) upperSaturation[count] = saturation[count]
    const upper = upperSaturation === null ? saturation[count] : upperSaturation[count]
    if (upper > maxUpperSaturation) maxUpperSaturation = upper
    count++
  }
  return new TermImpacts(
    count,
    docIds,
    offsets,
    saturation,
    upperSaturation ?? saturation,
    maxSaturation,
    maxUpperSaturation,
    bytes.length,
  )
}

/** Postings of every term in `pool` (cached per pool: pools only grow by appending whole batches). */
function totalPostings(pool: PostingPool): number {
  let total = totalByPool.get(pool)
  if (total === undefined || total.termCount !== pool.termCount) {
    let sum = 0
    for (let t = 0; t < pool.termCount; t++) sum += pool.docFrequency[t]
    total = { termCount: pool.termCount, sum }
    totalByPool.set(pool, total)
  }
  return total.sum
}

const totalByPool = new WeakMap<PostingPool, { termCount: number; sum: number }>()

function sameParameters(a: ImpactParameters, b: ImpactParameters): boolean {
  return (
    a.titleField === b.titleField &&
    a.titleMatch === b.titleMatch &&
    sameNumbers(a.fieldBoosts, b.fieldBoosts) &&
    sameNumbers(a.b, b.b) &&
    sameNumbers(a.k1, b.k1) &&
    sameNumbers(a.average, b.average)
  )
}

function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

function copyParameters(p: ImpactParameters): ImpactParameters {
  return {
    fieldBoosts: Float64Array.from(p.fieldBoosts),
    b: Float64Array.from(p.b),
    k1: Float64Array.from(p.k1),
    average: Float64Array.from(p.average),
    titleField: p.titleField,
    titleMatch: p.titleMatch,
  }
}
