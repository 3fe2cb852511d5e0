/**
 * Keeps the best `offset + limit` matches of a query, ranked by score or by a stored field, in a bounded
 * heap (so a query over many matches holds only what it returns). Owns ordering and paging only.
 */

/** A kept match. `detail` is whatever the caller attached when the match was accepted. */
export interface CollectedHit<TDetail> {
  docId: number
  score: number
  sortValue: unknown
  detail: TDetail
}

/** Sort of hits by a stored field instead of by score. */
export interface SortOrder {
  /** A stored field. */
  field: string
  /** `'asc'` or `'desc'` (default `'asc'`). */
  order?: 'asc' | 'desc'
}

/**
 * Bounded top-N collector. Ties (equal score or sort value) keep the earlier-added document first.
 *
 * @example
 * ```ts
 * const collector = new HitCollector<null>(10, null)
 * if (collector.accepts(docId, score, undefined)) collector.add(docId, score, undefined, null)
 * collector.sorted() // best first
 * ```
 */
export class HitCollector<TDetail> {
  private readonly heap: CollectedHit<TDetail>[] = []
  private readonly descending: boolean

  /**
   * @param capacity how many hits to keep (offset + limit; `Infinity` keeps all).
   * @param sort order by a stored field value (then by score), or null to order by score.
   */
  constructor(
    private readonly capacity: number,
    private readonly sort: SortOrder | null,
  ) {
    this.descending = sort?.order === 'desc'
  }

  /** True when a match with this score / sort value would be kept (call before building its detail). */
  accepts(docId: number, score: number, sortValue: unknown): boolean {
    if (this.capacity <= 0) return false
    if (this.heap.length < this.capacity) return true
    return this.compare({ docId, score, sortValue, detail: undefined as TDetail }, this.heap[0]) < 0
  }

  /**
   * With no sort order: the score a new match must exceed to be kept, i.e. the worst kept hit's once
   * `capacity` hits are kept (an equal score loses to it, being added later), else 0. With a sort order
   * any score may be kept: 0.
   */
  minimumScore(): number {
    return this.sort === null && this.heap.length >= this.capacity && this.heap.length > 0
      ? this.heap[0].score
      : 0
  }

  /**
   * Adds a match that {@link accepts} accepted. Returns the detail of the hit it pushed out (the page being
   * full), for the caller to reuse, else undefined.
   */
  add(docId: number, score: number, sortValue: unknown, detail: TDetail): TDetail | undefined {
    const heap = this.heap
    if (heap.length < this.capacity) {
      heap.push({ docId, score, sortValue, detail })
      this.siftUp(heap.length - 1)
      return undefined
    }
    // The worst hit's object is reused for the new one.
    const hit = heap[0]
    const dropped = hit.detail
    hit.docId = docId
    hit.score = score
    hit.sortValue = sortValue
    hit.detail = detail
    this.siftDown(0)
    return dropped
  }

  /** The kept hits, best first. */
  sorted(): CollectedHit<TDetail>[] {
    return [...this.heap].sort((a, b) => this.compare(a, b))
  }

  /** Negative when `a` ranks before `b`. */
  private compare(a: CollectedHit<TDetail>, b: CollectedHit<TDetail>): number {
    if (this.sort !== null) {
      const byValue = compareSortValues(a.sortValue, b.sortValue, this.descending)
      if (byValue !== 0) return byValue
    }
    if (a.score !== b.score) return b.score - a.score
    return a.docId - b.docId
  }

  // The heap keeps the WORST kept hit at the root.
  private siftUp(index: number): void {
    const heap = this.heap
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (this.compare(heap[index], heap[parent]) <= 0) break
      ;[heap[index], heap[parent]] = [heap[parent], heap[index]]
      index = parent
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap
    while (true) {
      const left = 2 * index + 1
      if (left >= heap.length) break
      const right = left + 1
      const worse = right < heap.length && this.compare(heap[right], heap[left]) > 0 ? right : left
      if (this.compare(heap[worse], heap[index]) <= 0) break
      ;[heap[index], heap[worse]] = [heap[worse], heap[index]]
      index = worse
    }
  }
}

/**
 * Orders stored values for `sort`: numbers, Dates (by time) and strings compare naturally; values of
 * different kinds order numbers/Dates before strings; missing values (undefined/null) always go last.
 */
function compareSortValues(a: unknown, b: unknown, descending: boolean): number {
  const aMissing = a === undefined || a === null
  const bMissing = b === undefined || b === null
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1
  const left = a instanceof Date ? a.getTime() : a
  const right = b instanceof Date ? b.getTime() : b
  let order: number
  if (typeof left === 'number' && typeof right === 'number') order = left - right
  else if (typeof left === 'number') order = -1
  else if (typeof right === 'number') order = 1
  else {
    const leftText = String(left)
    const rightText = String(right)
    order = leftText < rightText ? -1 : leftText > rightText ? 1 : 0
  }
  if (Number.isNaN(order)) return 0
  return descending ? -order : order
}
