/**
 * The posting lists of every term, stored as bytes in one shared pool. Owns the byte layout of a
 * posting and the per-term bookkeeping (where its bytes are, how many documents it has, its last
 * document). Knows nothing about text, analysis or scoring.
 *
 * Layout: each term owns one contiguous region `[start, start + length)` of the pool with room up to
 * `capacity`. A region that fills up is moved to the end of the pool with more room (double, or a quarter
 * more once it holds 256 bytes: {@link grownCapacity}); the old region becomes garbage. When the pool is
 * full it is rebuilt without garbage, growing only when that would leave less than a quarter free. So there
 * is no JS object per posting or per term, only a few typed-array slots.
 *
 * One posting = one (term, document) pair, all varints:
 * `docGap fieldMask (tf position position…)×fields-in-mask`
 * - `docGap` = docId − previous docId of the term (the first posting stores docId + 1);
 * - `fieldMask` has bit f set when the term occurs in field f (at most 31 fields);
 * - per present field, in field order: the term frequency, then the positions as gaps (first absolute).
 */

import { varintLength, writeVarint } from './varint'

const INITIAL_POOL_BYTES = 1 << 16
const INITIAL_TERM_SLOTS = 1 << 10
const MIN_REGION_BYTES = 8

/**
 * Posting lists of all terms, addressed by dense term id.
 *
 * @example
 * ```ts
 * const pool = new PostingPool()
 * const encoded = new Uint8Array([0b1, 1, 4]) // field 0, tf 1, position 4
 * pool.appendPosting(0, 7, encoded, encoded.length)
 * pool.docFrequency[0] // → 1
 * ```
 */
export class PostingPool {
  /** The shared bytes; regions of terms live inside. Replaced (not resized) when it grows. */
  bytes: Uint8Array
  /** Bytes of `bytes` in use (regions plus garbage). */
  usedBytes = 0
  /** Bytes inside `usedBytes` that belong to no region any more. */
  garbageBytes = 0
  /** Start offset of each term's region. */
  regionStart: Uint32Array
  /** Bytes of postings written in each term's region. */
  regionLength: Uint32Array
  /**
   * Room of each term's region. A packed pool (no free room: after {@link trim} or a {@link PostingLog})
   * shares this array with {@link regionLength}; the first region that grows gets it a copy of its own.
   */
  regionCapacity: Uint32Array
  /** Last document id appended to each term (−1 = none); docGaps are relative to it. */
  lastDocId: Int32Array
  /** Number of postings (documents, removed ones included until compaction) of each term. */
  docFrequency: Uint32Array
  /** Number of term slots in use (= highest term id + 1). */
  termCount = 0

  constructor(initialBytes = INITIAL_POOL_BYTES, initialTerms = INITIAL_TERM_SLOTS) {
    this.bytes = new Uint8Array(Math.max(16, initialBytes))
    const slots = Math.max(16, initialTerms)
    this.regionStart = new Uint32Array(slots)
    this.regionLength = new Uint32Array(slots)
    this.regionCapacity = new Uint32Array(slots)
    this.lastDocId = new Int32Array(slots).fill(-1)
    this.docFrequency = new Uint32Array(slots)
  }

  /** Makes term ids `< termCount` addressable (new terms start empty). */
  ensureTerms(termCount: number): void {
    if (termCount > this.regionStart.length) {
      let slots = this.regionStart.length
      while (slots < termCount) slots *= 2
      this.regionStart = grow(this.regionStart, slots)
      this.regionLength = grow(this.regionLength, slots)
      this.regionCapacity = grow(this.regionCapacity, slots)
      const lastDocId = new Int32Array(slots).fill(-1)
      lastDocId.set(this.lastDocId)
      this.lastDocId = lastDocId
      this.docFrequency = grow(this.docFrequency, slots)
    }
    if (termCount > this.termCount) this.termCount = termCount
  }

  /**
   * Appends the posting of `docId` (greater than every doc id appended to this term before) whose
   * field mask and positions are already encoded in `encoded[0, encodedLength)`.
   */
  appendPosting(termId: number, docId: number, encoded: Uint8Array, encodedLength: number): void {
    if (termId >= this.termCount) this.ensureTerms(termId + 1)
    const gap = docId - this.lastDocId[termId]
    this.reserve(termId, 5 + encodedLength)
    let offset = this.regionStart[termId] + this.regionLength[termId]
    const bytes = this.bytes
    offset = writeVarint(bytes, offset, gap)
    // Postings are a few bytes: a loop beats creating a subarray view for set().
    for (let k = 0; k < encodedLength; k++) bytes[offset + k] = encoded[k]
    offset += encodedLength
    this.regionLength[termId] = offset - this.regionStart[termId]
    this.lastDocId[termId] = docId
    this.docFrequency[termId]++
  }

  /**
   * Appends raw posting bytes written by another pool for the same term, shifting their doc ids by
   * `docIdOffset`. Only the first doc gap changes; the rest of the bytes are copied as they are.
   * `firstDocId`/`lastDocId` are the (unshifted) first and last doc ids inside `source`.
   */
  appendRaw(
    termId: number,
    source: Uint8Array,
    firstGapBytes: number,
    firstDocId: number,
    lastDocId: number,
    docIdOffset: number,
    postingCount: number,
  ): void {
    if (termId >= this.termCount) this.ensureTerms(termId + 1)
    const rest = source.subarray(firstGapBytes)
    this.reserve(termId, 5 + rest.length)
    let offset = this.regionStart[termId] + this.regionLength[termId]
    offset = writeVarint(this.bytes, offset, firstDocId + docIdOffset - this.lastDocId[termId])
    this.bytes.set(rest, offset)
    offset += rest.length
    this.regionLength[termId] = offset - this.regionStart[termId]
    this.lastDocId[termId] = lastDocId + docIdOffset
    this.docFrequency[termId] += postingCount
  }

  /** The posting bytes of a term (a view, valid until the next write to the pool). */
  postingsOf(termId: number): Uint8Array {
    if (termId >= this.termCount) return EMPTY_BYTES
    const start = this.regionStart[termId]
    return this.bytes.subarray(start, start + this.regionLength[termId])
  }

  /** Bytes of posting data proper (without free room or garbage). */
  get postingBytes(): number {
    let total = 0
    for (let termId = 0; termId < this.termCount; termId++) total += this.regionLength[termId]
    return total
  }

  /**
   * Shrinks the per-term columns to the terms in use, and packs all regions tightly (no free room, no
   * garbage) when more than a ninth of the pool is slack. Called after bulk additions; the next append to a
   * term moves its region again, so packing pays off only when slack is large, which the threshold ensures.
   */
  trim(): void {
    this.trimTerms()
    const live = this.postingBytes
    if (this.bytes.length - live <= Math.max(live / 8, 1 << 12)) return
    const bytes = new Uint8Array(Math.max(16, live))
    let offset = 0
    for (let termId = 0; termId < this.termCount; termId++) {
      const start = this.regionStart[termId]
      const length = this.regionLength[termId]
      copyBytes(this.bytes, start, length, bytes, offset)
      this.regionStart[termId] = offset
      offset += length
    }
    this.regionCapacity = this.regionLength
    this.bytes = bytes
    this.usedBytes = offset
    this.garbageBytes = 0
  }

  /** Shrinks the per-term columns to the terms in use (they grow by doubling). */
  private trimTerms(): void {
    const slots = Math.max(16, this.termCount)
    if (this.regionStart.length <= slots) return
    const shared = this.regionCapacity === this.regionLength
    this.regionStart = this.regionStart.slice(0, slots)
    this.regionLength = this.regionLength.slice(0, slots)
    this.regionCapacity = shared ? this.regionLength : this.regionCapacity.slice(0, slots)
    this.lastDocId = this.lastDocId.slice(0, slots)
    this.docFrequency = this.docFrequency.slice(0, slots)
  }

  /** Bytes held by postings and bookkeeping (for memory reports). */
  get retainedBytes(): number {
    const columns = this.regionCapacity === this.regionLength ? 16 : 20
    return this.bytes.byteLength + this.regionStart.length * columns
  }

  /** Ensures the region of `termId` has room for `extra` more bytes, moving it if needed. */
  private reserve(termId: number, extra: number): void {
    const length = this.regionLength[termId]
    const needed = length + extra
    const capacity = this.regionCapacity[termId]
    if (needed <= capacity) return
    if (this.regionCapacity === this.regionLength) this.regionCapacity = this.regionLength.slice()
    let newCapacity = Math.max(MIN_REGION_BYTES, grownCapacity(capacity))
    while (newCapacity < needed) newCapacity = grownCapacity(newCapacity)
    if (this.usedBytes + newCapacity > this.bytes.length) this.makeRoom(newCapacity)
    const newStart = this.usedBytes
    const oldStart = this.regionStart[termId]
    this.bytes.copyWithin(newStart, oldStart, oldStart + length)
    this.garbageBytes += capacity
    this.usedBytes += newCapacity
    this.regionStart[termId] = newStart
    this.regionCapacity[termId] = newCapacity
  }

  /** Frees garbage or grows the pool so that `bytesNeeded` more bytes fit at its end. */
  private makeRoom(bytesNeeded: number): void {
    const liveBytes = this.usedBytes - this.garbageBytes
    // Rebuild without garbage; grow only when live data would leave less than a quarter free, then to a
    // fifth free.
    let size = this.bytes.length
    if (liveBytes + bytesNeeded > size * 0.75) size = Math.ceil((liveBytes + bytesNeeded) * POOL_GROWTH)
    const bytes = new Uint8Array(size)
    let offset = 0
    for (let termId = 0; termId < this.termCount; termId++) {
      const capacity = this.regionCapacity[termId]
      if (capacity === 0) continue
      copyBytes(this.bytes, this.regionStart[termId], this.regionLength[termId], bytes, offset)
      this.regionStart[termId] = offset
      offset += capacity
    }
    this.bytes = bytes
    this.usedBytes = offset
    this.garbageBytes = 0
  }
}

/**
 * The postings of a batch of new documents in the order they were added (term id, doc id and the encoded
 * posting without its doc gap), packed into a {@link PostingPool} in one go at the end: a pass that sizes
 * every term's region, then one that writes each posting into place. Appending each posting to its term's
 * region as it comes instead touches five per-term columns and moves regions as they grow.
 *
 * @example
 * ```ts
 * const log = new PostingLog()
 * const bytes = log.reserve(3)
 * bytes.set([0b1, 1, 4], log.usedBytes) // field 0, tf 1, position 4
 * log.push(0, 7, log.usedBytes + 3)
 * log.toPool(1).docFrequency[0] // → 1
 * ```
 */
export class PostingLog {
  /** Encoded postings (field mask, frequencies, positions), one after another. */
  bytes: Uint8Array
  usedBytes = 0
  /** Number of postings. */
  count = 0
  private termIds: Int32Array
  /** Where each posting's bytes end. */
  private ends: Uint32Array
  // The postings of a document are consecutive: runs of (doc id, first posting) instead of a doc id each.
  private runDocIds: Int32Array
  private runStarts: Int32Array
  private runCount = 0

  /**
   * `expectedBytes`: about how many bytes of postings the batch will write, when known (a small batch of a
   * feed then allocates kilobytes instead of the 64 KB a build starts from; everything grows by doubling).
   */
  constructor(expectedBytes = INITIAL_POOL_BYTES) {
    const bytes = Math.min(INITIAL_POOL_BYTES, Math.max(256, expectedBytes))
    const postings = Math.min(INITIAL_TERM_SLOTS, Math.max(64, bytes >> 2))
    this.bytes = new Uint8Array(bytes)
    this.termIds = new Int32Array(postings)
    this.ends = new Uint32Array(postings)
    this.runDocIds = new Int32Array(postings)
    this.runStarts = new Int32Array(postings)
  }

  /** Makes room for `extra` more bytes after {@link usedBytes}; returns {@link bytes} (it may be replaced). */
  reserve(extra: number): Uint8Array {
    if (this.usedBytes + extra > this.bytes.length) {
      let size = this.bytes.length * 2
      while (size < this.usedBytes + extra) size *= 2
      const bytes = new Uint8Array(size)
      bytes.set(this.bytes.subarray(0, this.usedBytes))
      this.bytes = bytes
    }
    return this.bytes
  }

  /**
   * Records the posting of term `termId` in document `docId` (ascending over the log, per term) whose
   * bytes were written at [{@link usedBytes}, `end`).
   */
  push(termId: number, docId: number, end: number): void {
    const p = this.count
    if (p === this.termIds.length) {
      const size = p * 2
      const termIds = new Int32Array(size)
      termIds.set(this.termIds)
      this.termIds = termIds
      const ends = new Uint32Array(size)
      ends.set(this.ends)
      this.ends = ends
    }
    const r = this.runCount
    if (r === 0 || this.runDocIds[r - 1] !== docId) {
      if (r === this.runDocIds.length) {
        const runDocIds = new Int32Array(r * 2)
        runDocIds.set(this.runDocIds)
        this.runDocIds = runDocIds
        const runStarts = new Int32Array(r * 2)
        runStarts.set(this.runStarts)
        this.runStarts = runStarts
      }
      this.runDocIds[r] = docId
      this.runStarts[r] = p
      this.runCount = r + 1
    }
    this.termIds[p] = termId
    this.ends[p] = end
    this.usedBytes = end
    this.count = p + 1
  }

  /** The postings as a packed pool of `termCount` terms (every term id in the log is below it). */
  toPool(termCount: number): PostingPool {
    const count = this.count
    const termIds = this.termIds
    const ends = this.ends
    const runDocIds = this.runDocIds
    const runStarts = this.runStarts
    const runCount = this.runCount
    // Per term, interleaved so that a posting touches one cache line: region size (then write cursor),
    // last doc id, posting count.
    const state = new Int32Array(termCount * 3)
    for (let t = 0; t < termCount; t++) state[t * 3 + 1] = -1
    let start = 0
    for (let r = 0; r < runCount; r++) {
      const docId = runDocIds[r]!
      const last = r + 1 < runCount ? runStarts[r + 1]! : count
      for (let p = runStarts[r]!; p < last; p++) {
        const at = termIds[p]! * 3
        const end = ends[p]!
        state[at] += varintLength(docId - state[at + 1]!) + end - start
        state[at + 1] = docId
        state[at + 2]++
        start = end
      }
    }
    const pool = new PostingPool(16, termCount)
    pool.ensureTerms(termCount)
    let total = 0
    for (let t = 0; t < termCount; t++) {
      const size = state[t * 3]!
      pool.regionStart[t] = total
      pool.regionLength[t] = size
      pool.regionCapacity[t] = size
      pool.lastDocId[t] = state[t * 3 + 1]!
      pool.docFrequency[t] = state[t * 3 + 2]!
      state[t * 3] = total
      state[t * 3 + 1] = -1
      total += size
    }
    const target = new Uint8Array(Math.max(16, total))
    const source = this.bytes
    start = 0
    for (let r = 0; r < runCount; r++) {
      const docId = runDocIds[r]!
      const last = r + 1 < runCount ? runStarts[r + 1]! : count
      for (let p = runStarts[r]!; p < last; p++) {
        const at = termIds[p]! * 3
        const end = ends[p]!
        let offset = writeVarint(target, state[at]!, docId - state[at + 1]!)
        for (let k = start; k < end; k++) target[offset++] = source[k]!
        state[at] = offset
        state[at + 1] = docId
        start = end
      }
    }
    pool.regionCapacity = pool.regionLength // packed: no free room
    pool.bytes = target
    pool.usedBytes = total
    return pool
  }
}

const EMPTY_BYTES = new Uint8Array(0)

/**
 * A pool that must grow is made this much larger than what its regions need. With regions grown by a quarter
 * (below), the index a feed of small batches builds holds its postings in about 1.5× their packed size
 * instead of 3× (hamshahri-subset: 8.1 MB against 18.2 MB of pool for 5.7 MB of postings). The price: a
 * large region is copied after each quarter of growth instead of each doubling (about four bytes copied per
 * byte added instead of one); `add` in a loop over hamshahri-subset measured 52–58 against 55–66 MB/s.
 */
const POOL_GROWTH = 1.25
/** Regions from this size on grow by a quarter; smaller ones (most terms: a few postings) double. */
const LARGE_REGION_BYTES = 256

/** The next capacity of a region that has `capacity` bytes of room and needs more. */
function grownCapacity(capacity: number): number {
  return capacity < LARGE_REGION_BYTES ? capacity * 2 : capacity + (capacity >>> 2)
}

/** Copies `length` bytes; short runs (most regions) by a loop, which beats creating a subarray view. */
function copyBytes(
  source: Uint8Array,
  start: number,
  length: number,
  target: Uint8Array,
  offset: number,
): void {
  if (length < 32) {
    for (let k = 0; k < length; k++) target[offset + k] = source[start + k]
  } else target.set(source.subarray(start, start + length), offset)
}

function grow(array: Uint32Array, length: number): Uint32Array {
  const grown = new Uint32Array(length)
  grown.set(array)
  return grown
}
