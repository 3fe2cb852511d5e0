/**
 * A binary min-heap of posting cursors by current doc id: the doc-id-ordered union of several posting lists.
 * Owns only the ordering; the cursors decode themselves.
 */

import { NO_MORE_DOCS, type PostingCursor } from '../index/posting-cursor'

/**
 * Cursors ordered by their current document.
 *
 * @example
 * ```ts
 * const heap = new CursorHeap(cursors)
 * for (let d = heap.minimumDocId(); d !== NO_MORE_DOCS; d = heap.minimumDocId()) heap.advancePast(d)
 * ```
 */
export class CursorHeap {
  private readonly heap: PostingCursor[]

  /** @param started the cursors are already on their first document (else `next` is called on each). */
  constructor(cursors: readonly PostingCursor[], started = false) {
    this.heap = []
    for (const cursor of cursors) {
      if (started ? cursor.docId !== NO_MORE_DOCS : cursor.next()) this.heap.push(cursor)
    }
    for (let i = (this.heap.length >>> 1) - 1; i >= 0; i--) this.siftDown(i)
  }

  get size(): number {
    return this.heap.length
  }

  minimumDocId(): number {
    return this.heap.length > 0 ? this.heap[0].docId : NO_MORE_DOCS
  }

  /**
   * Writes the {@link PostingCursor.tag}s of the cursors on the minimum document into `into` (at least
   * {@link size} long) and returns how many there are. They form a subtree at the root: only it is visited.
   */
  tagsAtMinimum(into: Int32Array): number {
    const heap = this.heap
    if (heap.length === 0) return 0
    const docId = heap[0].docId
    // `into` first holds heap positions (visited in order, children appended), then their tags.
    into[0] = 0
    let count = 1
    for (let i = 0; i < count; i++) {
      const left = 2 * into[i] + 1
      if (left < heap.length && heap[left].docId === docId) into[count++] = left
      if (left + 1 < heap.length && heap[left + 1].docId === docId) into[count++] = left + 1
    }
    for (let i = 0; i < count; i++) into[i] = heap[into[i]].tag
    return count
  }

  /** Advances every cursor on `docId` to its next document. */
  advancePast(docId: number): void {
    const heap = this.heap
    while (heap.length > 0 && heap[0].docId === docId) {
      if (heap[0].next()) {
        this.siftDown(0)
      } else {
        const last = heap.pop()!
        if (heap.length > 0) {
          heap[0] = last
          this.siftDown(0)
        }
      }
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap
    const length = heap.length
    const item = heap[index]
    while (true) {
      const left = 2 * index + 1
      if (left >= length) break
      const right = left + 1
      const smaller = right < length && heap[right].docId < heap[left].docId ? right : left
      if (heap[smaller].docId >= item.docId) break
      heap[index] = heap[smaller]
      index = smaller
    }
    heap[index] = item
  }
}
