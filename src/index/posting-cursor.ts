/**
 * Sequential reader of one term's posting list (see `posting-pool.ts` for the byte layout). Owns only
 * decoding: after {@link PostingCursor.next} the current document's per-field term frequencies and
 * positions are in reusable typed arrays, so walking a posting list allocates nothing.
 */

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
  /** Bit f set when the term occurs in field f of the current document. */
  fieldMask = 0
  /** Term frequency per field in the current document (0 for absent fields). */
  readonly termFrequency: Uint32Array
  /** Where field f's positions start inside {@link positions}. */
  readonly positionsStart: Uint32Array
  /** Positions of the current document, field after field, ascending within a field. */
  positions: Uint32Array
  private readonly bytes: Uint8Array
  private offset = 0

  constructor(bytes: Uint8Array, fieldCount: number) {
    this.bytes = bytes
    this.termFrequency = new Uint32Array(fieldCount)
    this.positionsStart = new Uint32Array(fieldCount)
    this.positions = new Uint32Array(16)
  }

  /** Decodes the next posting; false (and docId = {@link NO_MORE_DOCS}) at the end. */
  next(): boolean {
    const bytes = this.bytes
    if (this.offset >= bytes.length) {
      this.docId = NO_MORE_DOCS
      return false
    }
    const termFrequency = this.termFrequency
    termFrequency.fill(0)
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
        if (written + frequency > this.positions.length) {
          let size = this.positions.length * 2
          while (size < written + frequency) size *= 2
          const grown = new Uint32Array(size)
          grown.set(this.positions.subarray(0, written))
          this.positions = grown
        }
        let position = 0
        for (let i = 0; i < frequency; i++) {
          position += this.readVarint()
          this.positions[written++] = position
        }
      }
      mask >>>= 1
      field++
    }
    return true
  }

  /**
   * Moves to the first posting with docId ≥ `target` and decodes it (no-op if already there); false at
   * the end. Postings before it are skipped without decoding their positions.
   */
  advanceTo(target: number): boolean {
    const bytes = this.bytes
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
    this.fieldMask = 0
    this.termFrequency.fill(0)
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
