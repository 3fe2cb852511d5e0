/**
 * The term dictionary: interns analysed terms into dense integer ids and, on demand, keeps a sorted view
 * of all terms for prefix and fuzzy expansion. Owns term ↔ id mapping only; postings live in
 * `posting-pool.ts`.
 */

/**
 * Dense term ids for analysed terms.
 *
 * @example
 * ```ts
 * const terms = new TermDictionary()
 * terms.intern('غزه') // → 0
 * terms.intern('غزه') // → 0
 * terms.idOf('آتش')   // → -1
 * ```
 */
export class TermDictionary {
  private readonly idsByTerm = new Map<string, number>()
  private readonly termsById: string[] = []
  /** Term ids ordered by term, for the first `sortedCount` ids (the rest were added since). */
  private sortedIds: Uint32Array = new Uint32Array(0)
  private sortedCount = 0

  /** Number of terms. */
  get size(): number {
    return this.termsById.length
  }

  /** The id of `term`, adding it if new. */
  intern(term: string): number {
    let id = this.idsByTerm.get(term)
    if (id === undefined) {
      id = this.termsById.length
      this.idsByTerm.set(term, id)
      this.termsById.push(term)
    }
    return id
  }

  /** The id of `term`, or −1 when it is not in the dictionary. */
  idOf(term: string): number {
    return this.idsByTerm.get(term) ?? -1
  }

  /** The term with id `termId`. */
  termOf(termId: number): string {
    return this.termsById[termId]
  }

  /** All terms, indexed by id (do not modify). */
  get terms(): readonly string[] {
    return this.termsById
  }

  /**
   * Term ids ordered by term (UTF-16 code-unit order, so every prefix is one contiguous range). Updated on
   * first use after terms were added: only the new terms are sorted, then merged into the previous order,
   * so a prefix query between additions (as-you-type search over a growing index) does not re-sort the
   * whole dictionary.
   */
  sortedTermIds(): Uint32Array {
    const terms = this.termsById
    const total = terms.length
    if (this.sortedCount === total) return this.sortedIds
    const compare = (a: number, b: number) => (terms[a] < terms[b] ? -1 : terms[a] > terms[b] ? 1 : 0)
    const added = Array.from({ length: total - this.sortedCount }, (_, i) => this.sortedCount + i)
    added.sort(compare)
    const old = this.sortedIds
    const merged = new Uint32Array(total)
    let i = 0
    let j = 0
    let k = 0
    while (i < old.length && j < added.length) {
      merged[k++] = compare(old[i], added[j]) <= 0 ? old[i++] : added[j++]
    }
    while (i < old.length) merged[k++] = old[i++]
    while (j < added.length) merged[k++] = added[j++]
    this.sortedIds = merged
    this.sortedCount = total
    return merged
  }

  /** Index into {@link sortedTermIds} of the first term ≥ `text`. */
  lowerBound(text: string): number {
    const sorted = this.sortedTermIds()
    const terms = this.termsById
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (terms[sorted[middle]] < text) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Builds a dictionary from terms listed in id order (used by load and compaction). */
  static fromTerms(terms: readonly string[]): TermDictionary {
    const dictionary = new TermDictionary()
    for (const term of terms) dictionary.intern(term)
    return dictionary
  }
}
