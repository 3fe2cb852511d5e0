/**
 * Skip data of a posting list, derived at query time from the postings (the index format does not change):
 * every {@link POSTINGS_PER_SKIP} postings where they start and the doc ids around them, so a cursor jumps
 * instead of reading every posting on the way; and per block of {@link SKIPS_PER_BLOCK} skips, its last doc
 * id and per field the largest length-normalised term frequency `tf_f / (1 − b_f + b_f × len_f / avgLen_f)`
 * of its documents, which the query evaluator turns into upper bounds of a term's BM25F score for any field
 * boosts. Read-only: owns the skip data and its cache, never writes postings or documents.
 *
 * Skip data of terms with many postings is cached per posting pool and rebuilt when the term's postings
 * changed (postings are only ever appended, and a compacted or loaded index has a new pool), when `b`
 * differs, or when an average field length moved too far for {@link PostingBlocks.averageGrowth} to keep
 * the bounds tight. Removals do not change postings: a removed document only makes bounds looser.
 */

import type { DocumentTable } from './document-table'
import type { PostingPool } from './posting-pool'

/** Postings per skip entry. */
export const POSTINGS_PER_SKIP = 8

/** Skip entries per bound block. */
export const SKIPS_PER_BLOCK = 8

const POSTINGS_PER_BLOCK = POSTINGS_PER_SKIP * SKIPS_PER_BLOCK

/** Terms with fewer postings get their skip data built per query instead of cached (cheap, and many). */
const CACHED_MIN_POSTINGS = 2 * POSTINGS_PER_BLOCK

/** Cached skip data is rebuilt when an average field length grew or shrank beyond this factor. */
const AVERAGE_DRIFT = 1.25

/**
 * The skip entries and bound blocks of one term's posting list.
 *
 * @example
 * ```ts
 * const blocks = postingBlocks(index.postings, index.documents, termId, ranking.b)
 * blocks.lastDoc[0] // last doc id of the first bound block
 * ```
 */
export class PostingBlocks {
  /** Number of skip entries. */
  skipCount = 0
  /** Byte offset (inside the term's postings) of the first posting of each skip entry. */
  skipStart: Uint32Array
  /** Doc id just before each skip entry (the base of its first doc gap; −1 for the first). */
  skipBaseDoc: Int32Array
  /** Last doc id of each skip entry. */
  skipLastDoc: Int32Array
  /** Number of bound blocks (block b holds skip entries `b * SKIPS_PER_BLOCK` on). */
  count = 0
  /** Last doc id of each bound block. */
  lastDoc: Int32Array
  /**
   * Largest `tf_f / norm_f` of field f in block b at `b * fieldCount + f` (0: the field never occurs), with
   * norm_f as the evaluator computes it from {@link b} and {@link average}.
   */
  normalizedFrequency: Float64Array
  /** Posting bytes the skip data describes (all of them, unless the postings did not match their counts). */
  coveredBytes = 0

  constructor(
    readonly fieldCount: number,
    /** Postings covered (the term's document frequency when built). */
    readonly postingCount: number,
    /** Posting bytes of the term when built. */
    readonly byteLength: number,
    /** `b` per field the norms used. */
    readonly b: Float64Array,
    /** Average field lengths (live documents) the norms used. */
    readonly average: Float64Array,
  ) {
    const skips = Math.max(1, Math.ceil(postingCount / POSTINGS_PER_SKIP))
    this.skipStart = new Uint32Array(skips)
    this.skipBaseDoc = new Int32Array(skips)
    this.skipLastDoc = new Int32Array(skips)
    const blocks = Math.max(1, Math.ceil(postingCount / POSTINGS_PER_BLOCK))
    this.lastDoc = new Int32Array(blocks)
    this.normalizedFrequency = new Float64Array(blocks * fieldCount)
  }

  /**
   * Factor by which {@link normalizedFrequency} of field f may fall short under the average length
   * `average` (instead of the one the blocks were built with): a norm 1 − b + b × len / avg shrinks at most
   * in proportion when avg grows, and never grows past the built one's when avg shrinks. Infinity when the
   * averages cannot be compared (one of them 0).
   */
  averageGrowth(f: number, average: number): number {
    const built = this.average[f]
    if (average === built) return 1
    if (!(built > 0 && average > 0)) return Number.POSITIVE_INFINITY
    return average > built ? average / built : 1
  }
}

interface PoolCache {
  documents: DocumentTable
  blocks: (PostingBlocks | undefined)[]
}

const cacheByPool = new WeakMap<PostingPool, PoolCache>()

/**
 * The blocks of `termId`'s postings in `pool` (whose documents are `documents`), normalised with `b` and
 * the documents' current average field lengths, cached for terms with many postings.
 */
export function postingBlocks(
  pool: PostingPool,
  documents: DocumentTable,
  termId: number,
  b: Float64Array,
): PostingBlocks {
  const postingCount = termId < pool.termCount ? pool.docFrequency[termId] : 0
  const byteLength = termId < pool.termCount ? pool.regionLength[termId] : 0
  const fieldCount = documents.fieldCount
  const average = new Float64Array(fieldCount)
  for (let f = 0; f < fieldCount; f++) average[f] = documents.averageFieldLength(f)
  if (postingCount < CACHED_MIN_POSTINGS) {
    return buildBlocks(pool.postingsOf(termId), documents, postingCount, byteLength, b, average)
  }
  let cache = cacheByPool.get(pool)
  if (cache === undefined || cache.documents !== documents) {
    cache = { documents, blocks: [] }
    cacheByPool.set(pool, cache)
  }
  const cached = cache.blocks[termId]
  if (cached !== undefined && isCurrent(cached, postingCount, byteLength, b, average)) return cached
  const built = buildBlocks(pool.postingsOf(termId), documents, postingCount, byteLength, b, average)
  cache.blocks[termId] = built
  return built
}

function isCurrent(
  blocks: PostingBlocks,
  postingCount: number,
  byteLength: number,
  b: Float64Array,
  average: Float64Array,
): boolean {
  if (blocks.postingCount !== postingCount || blocks.byteLength !== byteLength) return false
  for (let f = 0; f < blocks.fieldCount; f++) {
    if (blocks.b[f] !== b[f]) return false
    const built = blocks.average[f]
    if (average[f] === built) continue
    if (!(built > 0 && average[f] > 0)) return false
    if (average[f] > built * AVERAGE_DRIFT || built > average[f] * AVERAGE_DRIFT) return false
  }
  return true
}

/** Walks the postings once (positions skipped, not decoded). */
function buildBlocks(
  bytes: Uint8Array,
  documents: DocumentTable,
  postingCount: number,
  byteLength: number,
  b: Float64Array,
  average: Float64Array,
): PostingBlocks {
  const fieldCount = documents.fieldCount
  const blocks = new PostingBlocks(fieldCount, postingCount, byteLength, Float64Array.from(b), average)
  const { skipStart, skipBaseDoc, skipLastDoc, lastDoc, normalizedFrequency } = blocks
  const fieldLengths = documents.fieldLengths
  let offset = 0
  let docId = -1
  let skip = -1
  let block = -1
  let posting = 0
  const end = Math.min(bytes.length, byteLength)
  while (offset < end) {
    if (posting % POSTINGS_PER_SKIP === 0) {
      skip++
      if (skip >= skipStart.length) break // more postings than counted: cover what was counted
      skipStart[skip] = offset
      skipBaseDoc[skip] = docId
      if (skip % SKIPS_PER_BLOCK === 0) block++
    }
    // Varints inline: doc gap, field mask, then per present field a frequency and its position gaps.
    let byte = bytes[offset++]
    let gap = byte & 0x7f
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = bytes[offset++]
      gap += (byte & 0x7f) * 2 ** shift
    }
    docId += gap
    byte = bytes[offset++]
    let mask = byte & 0x7f
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = bytes[offset++]
      mask += (byte & 0x7f) * 2 ** shift
    }
    const row = block * fieldCount
    for (let field = 0; mask !== 0; field++, mask >>>= 1) {
      if ((mask & 1) === 0) continue
      byte = bytes[offset++]
      let frequency = byte & 0x7f
      for (let shift = 7; byte & 0x80; shift += 7) {
        byte = bytes[offset++]
        frequency += (byte & 0x7f) * 2 ** shift
      }
      for (let i = 0; i < frequency; i++) while (bytes[offset++] & 0x80) {}
      if (field >= fieldCount) continue
      // The norm exactly as the evaluator computes it.
      const fieldAverage = average[field]
      const norm =
        fieldAverage > 0
          ? 1 - b[field] + (b[field] * fieldLengths[docId * fieldCount + field]) / fieldAverage
          : 1
      const normalized = frequency / (norm > 0 ? norm : 1)
      if (normalized > normalizedFrequency[row + field]) normalizedFrequency[row + field] = normalized
    }
    skipLastDoc[skip] = docId
    lastDoc[block] = docId
    posting++
  }
  blocks.skipCount = skip + 1
  blocks.count = block + 1
  blocks.coveredBytes = offset
  return blocks
}
