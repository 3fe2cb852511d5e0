/**
 * Sequential reader of one term's posting list (see `posting-pool.ts` for the byte layout). Owns only
 * decoding: after {@link PostingCursor.next} the current document's per-field term frequencies and
 * positions are in reusable typed arrays, so walking a posting list allocates nothing. With skip data
 * (`posting-blocks.ts`), {@link PostingCursor.advanceTo} jumps over postings without reading them.
 */

import type { PostingBlocks } from './posting-blocks'

/** Doc id of a cursor that has run past its last posting. */
export const NO_MORE_DOCS = 0x7fffffff

/**
 * Walks the postings of one term in increasing doc-id order.
 *
 * @example
 * ```ts
 * const cursor = new PostingCursor(pool.postingsOf(termId), fieldCount)
 * while (cursor.next()) console.log(cursor.docId, cursor.termFrequency[0])
 * ```
 */
export class PostingCursor {
  /** Current document, −1 before the first {@link next}, {@link NO_MORE_DOCS} after the last. */
  docId = -1
  /** The cursor is on the first posting with docId ≥ this (none lies in [from, docId)). */
  private from = 0
  /** Bit f set when the term occurs in field f of the current document. */
  fieldMask = 0
  /** Term frequency per field in the current document (0 for absent fields). */
  readonly termFrequency: Uint32Array
  /** Where field f's positions start inside {@link positions}. */
  readonly positionsStart: Uint32Array
  /** Decoded positions (see {@link positions}); valid when {@link positionsPending} is false. */
  private positionBuffer: Uint32Array
  /** The current posting's positions are not decoded yet: {@link positions} decodes them. */
  private positionsPending = false
  /** Byte offset of field f's position gaps in the current posting. */
  private readonly positionsOffset: Uint32Array
  private readonly bytes: Uint8Array
  private offset = 0
  /** Byte offset where the current posting starts (see {@link restoreAt}). */
  postingStart = 0
  /** Free for the cursor's owner (the pruned walk keeps the cursor's index into its query's terms here). */
  tag = -1
  /** Skip data, or null (then {@link advanceTo} reads every posting on the way). */
  private blocks: PostingBlocks | null = null
  /** A skip entry at or before the current position. */
  private skip = 0

  constructor(bytes: Uint8Array, fieldCount: number) {
    this.bytes = bytes
    this.termFrequency = new Uint32Array(fieldCount)
    this.positionsStart = new Uint32Array(fieldCount)
    this.positionsOffset = new Uint32Array(fieldCount)
    this.positionBuffer = new Uint32Array(16)
  }

  /**
   * Positions of the current document, field after field (field f's from `positionsStart[f]`, as many as
   * `termFrequency[f]`), ascending within a field. Decoded on first read: most postings a query walks are
   * passed over on their doc id and frequencies alone. Read it once per document, into a local.
   */
  get positions(): Uint32Array {
    if (this.positionsPending) this.decodePositions()
    return this.positionBuffer
  }

  /**
   * Moves to the next posting (its doc id, field mask and frequencies; positions when first read); false
   * (and docId = {@link NO_MORE_DOCS}) at the end.
   */
  next(): boolean {
    const bytes = this.bytes
    if (this.offset >= bytes.length) {
      // None after the current posting (a backward seek from here must not skip it).
      if (this.docId !== NO_MORE_DOCS) this.from = this.docId + 1
      this.docId = NO_MORE_DOCS
      this.positionsPending = false
      return false
    }
    this.from = this.docId + 1
    this.postingStart = this.offset
    const termFrequency = this.termFrequency
    // Only the fields of the previous posting hold frequencies.
    for (let f = 0, old = this.fieldMask; old !== 0; f++, old >>>= 1) termFrequency[f] = 0
    this.docId += this.readVarint()
    let mask = this.readVarint()
    this.fieldMask = mask
    let written = 0
    let field = 0
    while (mask !== 0) {
      if (mask & 1) {
        const frequency = this.readVarint()
        termFrequency[field] = frequency
        this.positionsStart[field] = written
        written += frequency
        // Over the position gaps: only where they are is kept.
        let offset = this.offset
        this.positionsOffset[field] = offset
        for (let i = 0; i < frequency; i++) {
          while (bytes[offset++]! & 0x80) {}
        }
        this.offset = offset
      }
      mask >>>= 1
      field++
    }
    this.positionsPending = written > 0
    return true
  }

  /** Decodes the current posting's positions into {@link positionBuffer}. */
  private decodePositions(): void {
    this.positionsPending = false
    const termFrequency = this.termFrequency
    let total = 0
    for (let f = 0, mask = this.fieldMask; mask !== 0; f++, mask >>>= 1) total += termFrequency[f]!
    if (total > this.positionBuffer.length) {
      let size = this.positionBuffer.length * 2
      while (size < total) size *= 2
      this.positionBuffer = new Uint32Array(size)
    }
    const positions = this.positionBuffer
    const bytes = this.bytes
    for (let f = 0, mask = this.fieldMask; mask !== 0; f++, mask >>>= 1) {
      const frequency = termFrequency[f]!
      if (frequency === 0) continue
      let offset = this.positionsOffset[f]!
      let written = this.positionsStart[f]!
      let position = 0
      for (let i = 0; i < frequency; i++) {
        let byte = bytes[offset++]!
        let gap = byte & 0x7f
        let shift = 7
        while (byte & 0x80) {
          byte = bytes[offset++]!
          gap += (byte & 0x7f) * 2 ** shift
          shift += 7
        }
        position += gap
        positions[written++] = position
      }
    }
  }

  /**
   * Moves to the first posting with docId ≥ `target` and decodes it (no-op if already there); false at
   * the end. Postings before it are skipped without decoding their positions.
   */
  advanceTo(target: number): boolean {
    if (target > this.from) this.from = target
    const bytes = this.bytes
    const blocks = this.blocks
    if (blocks !== null && this.docId < target && target > blocks.skipLastDoc[this.skip]) {
      const skip = firstAtLeast(blocks.skipLastDoc, blocks.skipCount, this.skip + 1, target)
      if (skip >= blocks.skipCount) {
        this.offset = bytes.length
        this.clearFields()
        this.docId = NO_MORE_DOCS
        return false
      }
      this.skip = skip
      if (blocks.skipStart[skip] > this.offset) {
        this.offset = blocks.skipStart[skip]
        this.docId = blocks.skipBaseDoc[skip]
        this.clearFields()
      }
    }
    while (this.docId < target) {
      if (this.offset >= bytes.length) {
        this.docId = NO_MORE_DOCS
        return false
      }
      const postingStart = this.offset
      const gap = this.readVarint()
      if (this.docId + gap >= target) {
        this.offset = postingStart
        return this.next()
      }
      this.docId += gap
      this.skipFields()
    }
    return this.docId !== NO_MORE_DOCS
  }

  /**
   * Puts the cursor on the posting that starts at byte `offset` (a {@link postingStart} seen before), the
   * one after the posting of `previousDocId` (−1 for the first posting), exactly as {@link next} from that
   * posting would; false past the end.
   *
   * @example
   * ```ts
   * cursor.next() // on some posting: remember cursor.postingStart and the doc id before it
   * cursor.restoreAt(start, previousDocId) // back on it, from anywhere
   * ```
   */
  restoreAt(offset: number, previousDocId: number): boolean {
    this.clearFields()
    this.offset = offset
    this.docId = previousDocId
    return this.next()
  }

  /** True when the cursor knows it holds no posting in [start, end]: it is past `end`, none lies between. */
  holdsNoneIn(start: number, end: number): boolean {
    return this.from <= start && this.docId > end
  }

  /**
   * Moves to the first posting with docId ≥ `target`, backwards too (from the skip entry before `target`,
   * or from the start without skip data), and decodes it; false at the end.
   */
  seek(target: number): boolean {
    if (this.docId < target) return this.advanceTo(target)
    if (this.from <= target) return this.docId !== NO_MORE_DOCS
    const blocks = this.blocks
    this.clearFields()
    if (blocks === null) {
      this.offset = 0
      this.docId = -1
    } else {
      const skip = firstAtLeast(blocks.skipLastDoc, blocks.skipCount, 0, target)
      if (skip >= blocks.skipCount) {
        this.offset = this.bytes.length
        this.docId = NO_MORE_DOCS
        return false
      }
      this.skip = skip
      this.offset = blocks.skipStart[skip]
      this.docId = blocks.skipBaseDoc[skip]
    }
    this.from = 0
    return this.advanceTo(target)
  }

  /**
   * Lets {@link advanceTo} jump with the skip entries of `blocks` (built from the same posting bytes, see
   * `posting-blocks.ts`).
   * Call before the first {@link next}.
   */
  useBlocks(blocks: PostingBlocks): void {
    this.blocks = blocks.skipCount > 0 && blocks.coveredBytes === this.bytes.length ? blocks : null
    this.skip = 0
  }

  /** No current fields (frequencies are non-zero only for fields in the mask). */
  private clearFields(): void {
    const termFrequency = this.termFrequency
    for (let f = 0, mask = this.fieldMask; mask !== 0; f++, mask >>>= 1) termFrequency[f] = 0
    this.fieldMask = 0
    this.positionsPending = false
  }

  /** Skips the field mask, frequencies and positions of the posting whose doc gap was just read. */
  private skipFields(): void {
    const bytes = this.bytes
    let mask = this.readVarint()
    let offset = this.offset
    while (mask !== 0) {
      if (mask & 1) {
        this.offset = offset
        const frequency = this.readVarint()
        offset = this.offset
        for (let i = 0; i < frequency; i++) {
          while (bytes[offset++] & 0x80) {}
        }
      }
      mask >>>= 1
    }
    this.offset = offset
    this.clearFields()
  }

  private readVarint(): number {
    const bytes = this.bytes
    let byte = bytes[this.offset++]
    if (byte < 0x80) return byte
    let value = byte & 0x7f
    let shift = 7
    do {
      byte = bytes[this.offset++]
      value += (byte & 0x7f) * 2 ** shift
      shift += 7
    } while (byte & 0x80)
    return value
  }
}

/**
 * The first index from `from` on (below `count`) whose value in the ascending `values` is at least `target`,
 * or `count` when none: galloping from `from`, then binary search.
 *
 * @example
 * ```ts
 * firstAtLeast(Int32Array.of(2, 5, 9), 3, 0, 6) // → 2
 * ```
 */
export function firstAtLeast(values: Int32Array, count: number, from: number, target: number): number {
  let low = from
  let step = 1
  let high = from
  while (high < count && values[high] < target) {
    low = high + 1
    high += step
    step *= 2
  }
  if (high > count) high = count
  while (low < high) {
    const middle = (low + high) >>> 1
    if (values[middle] < target) low = middle + 1
    else high = middle
  }
  return low
}
