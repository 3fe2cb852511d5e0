/**
 * The term dictionary: interns analysed terms into dense integer ids and, on demand, keeps a sorted view
 * of all terms for prefix and fuzzy expansion. Owns term ↔ id mapping only; postings live in
 * `posting-pool.ts`.
 *
 * Terms are kept as UTF-16 code units in one typed array (term after term) with an open-addressing hash
 * table of ids, not as a `Map` of strings: a saved or transferred dictionary is rebuilt from two typed
 * arrays without creating a string per term, and keeps no strings at all: {@link termOf} makes one when asked.
 */

const EMPTY_SLOT = -1
/** Runs of at most this many terms are sorted by comparing code units (see `sortRange`). */
const COMPARED_RUN = 16
const INITIAL_TERMS = 1024

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
  /** Code units of all terms, term after term. */
  private units: Uint16Array
  private unitCount = 0
  /** Term `id` is `units[bounds[id], bounds[id + 1])`; `bounds[0] = 0`. */
  private bounds: Uint32Array
  /** Hash of each term (see {@link hashString}). */
  private hashes: Int32Array
  private count = 0
  /** Open-addressing table (linear probing) of term ids; at most half full. */
  private slots: Int32Array
  /** Term ids ordered by term, for the first `sortedCount` ids (the rest were added since). */
  private sortedIds: Uint32Array = new Uint32Array(0)
  private sortedCount = 0
  /** An order of the terms given by {@link fromCodeUnits}, read and checked on first use (null when none). */
  private uncheckedOrder: Uint32Array | (() => Uint32Array | null) | null = null

  constructor(expectedTerms = INITIAL_TERMS, expectedUnits = expectedTerms * 8) {
    const terms = Math.max(16, expectedTerms)
    this.units = new Uint16Array(Math.max(64, expectedUnits))
    this.bounds = new Uint32Array(terms + 1)
    this.hashes = new Int32Array(terms)
    this.slots = new Int32Array(tableSizeFor(terms)).fill(EMPTY_SLOT)
  }

  /** Number of terms. */
  get size(): number {
    return this.count
  }

  /** The id of `term`, adding it if new. */
  intern(term: string): number {
    const hash = hashString(term)
    const slots = this.slots
    const mask = slots.length - 1
    let slot = hash & mask
    for (let id = slots[slot]; id !== EMPTY_SLOT; id = slots[slot]) {
      if (this.hashes[id] === hash && this.equalsString(id, term)) return id
      slot = (slot + 1) & mask
    }
    const id = this.append(hash, slot, term.length)
    const units = this.units
    const start = this.bounds[id]
    for (let k = 0; k < term.length; k++) units[start + k] = term.charCodeAt(k)
    return id
  }

  /**
   * The id of the term whose code units are `source[start, end)`, adding it if new (without making its
   * string). Used to merge dictionaries built elsewhere.
   */
  internCodeUnits(source: Uint16Array, start: number, end: number): number {
    const hash = hashUnits(source, start, end)
    const slots = this.slots
    const mask = slots.length - 1
    let slot = hash & mask
    for (let id = slots[slot]; id !== EMPTY_SLOT; id = slots[slot]) {
      if (this.hashes[id] === hash && this.equalsUnits(id, source, start, end)) return id
      slot = (slot + 1) & mask
    }
    const id = this.append(hash, slot, end - start)
    const units = this.units
    const offset = this.bounds[id] - start
    for (let k = start; k < end; k++) units[offset + k] = source[k]
    return id
  }

  /** The id of `term`, or −1 when it is not in the dictionary. */
  idOf(term: string): number {
    const hash = hashString(term)
    const slots = this.slots
    const mask = slots.length - 1
    let slot = hash & mask
    for (let id = slots[slot]; id !== EMPTY_SLOT; id = slots[slot]) {
      if (this.hashes[id] === hash && this.equalsString(id, term)) return id
      slot = (slot + 1) & mask
    }
    return -1
  }

  /**
   * The term with id `termId`, made from its code units on each call (the dictionary keeps no strings:
   * they would be most of its memory); undefined when there is no such term.
   */
  termOf(termId: number): string {
    if (!(termId >= 0 && termId < this.count)) return undefined as unknown as string
    const start = this.bounds[termId]
    const end = this.bounds[termId + 1]
    // Short terms (most) by concatenation: below 13 code units V8 makes a flat string, no cons string.
    if (end - start <= 12) {
      let text = ''
      for (let k = start; k < end; k++) text += String.fromCharCode(this.units[k])
      return text
    }
    let text = ''
    // fromCharCode.apply takes its arguments on the stack: long terms (only a crafted file has them) go in
    // chunks.
    for (let from = start; from < end; from += 4096) {
      const chunk = this.units.subarray(from, Math.min(end, from + 4096))
      text += String.fromCharCode.apply(null, chunk as unknown as number[])
    }
    return text
  }

  /** All terms, indexed by id (a new array with a string per term: prefer {@link termOf}). */
  get terms(): string[] {
    const terms: string[] = new Array(this.count)
    for (let id = 0; id < this.count; id++) terms[id] = this.termOf(id)
    return terms
  }

  /** The code units of all terms, term after term (a view; do not modify). */
  get codeUnits(): Uint16Array {
    return this.units.subarray(0, this.unitCount)
  }

  /** Where each term's code units start and end: term `id` is `codeUnits[id], codeUnits[id + 1])` (a view). */
  get termBounds(): Uint32Array {
    return this.bounds.subarray(0, this.count + 1)
  }

  /**
   * Compares two terms by UTF-16 code units (the order of `<` on strings): negative, 0 or positive.
   */
  compareTerms(a: number, b: number): number {
    const units = this.units
    const bounds = this.bounds
    let i = bounds[a]
    let j = bounds[b]
    const aEnd = bounds[a + 1]
    const bEnd = bounds[b + 1]
    for (; i < aEnd && j < bEnd; i++, j++) {
      if (units[i] !== units[j]) return units[i] - units[j]
    }
    return aEnd - i - (bEnd - j)
  }

  /**
   * Term ids ordered by term (UTF-16 code-unit order, so every prefix is one contiguous range). Updated on
   * first use after terms were added: only the new terms are sorted, then merged into the previous order,
   * so a prefix query between additions (as-you-type search over a growing index) does not re-sort the
   * whole dictionary.
   */
  sortedTermIds(): Uint32Array {
    const total = this.count
    if (this.uncheckedOrder !== null) {
      // The order saved with the terms: used when it lists every term once in increasing order (checked
      // here rather than at load, where it would cost a pass over all terms that no query may need).
      const given = this.uncheckedOrder
      this.uncheckedOrder = null
      const order = typeof given === 'function' ? given() : given
      if (order !== null && order.length <= total && this.isStrictlySorted(order)) {
        this.sortedIds = order
        this.sortedCount = order.length
      }
    }
    if (this.sortedCount === total) return this.sortedIds
    const compare = (a: number, b: number) => this.compareTerms(a, b)
    const added = this.sortRange(this.sortedCount, total)
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

  /**
   * Term ids `from` up to `to`, ordered by term: a most-significant-first radix sort, two code units at a
   * time. Each run of terms that share their first `depth` units is ordered by a native sort of 64-bit
   * keys (units `depth` and `depth + 1` above the id, 0 past a term's end, so a shorter term comes first);
   * runs that then still share two more units go one level deeper, and short runs are sorted by comparing
   * code units. Sorting hamshahri's 40,000 terms (a comparator sort before): 19–21 → 6–10 ms once
   * compiled, 19–33 → 17–24 ms cold in a fresh process.
   */
  private sortRange(from: number, to: number): Uint32Array {
    const count = to - from
    const units = this.units
    const bounds = this.bounds
    const ids = new Uint32Array(count)
    for (let k = 0; k < count; k++) ids[k] = from + k
    const keys = new BigUint64Array(count)
    // The two 32-bit halves of each key: the id in the low one, the two code units in the high one.
    const halves = new Uint32Array(keys.buffer)
    const low = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 0 : 1
    const high = 1 - low
    const compare = (a: number, b: number) => this.compareTerms(a, b)
    const runs = [0, count, 0]
    while (runs.length > 0) {
      const depth = runs.pop()!
      const end = runs.pop()!
      const start = runs.pop()!
      if (end - start <= COMPARED_RUN) {
        ids.subarray(start, end).sort(compare)
        continue
      }
      for (let k = start; k < end; k++) {
        const id = ids[k]
        const termStart = bounds[id] + depth
        const termEnd = bounds[id + 1]
        const first = termStart < termEnd ? units[termStart] : 0
        const second = termStart + 1 < termEnd ? units[termStart + 1] : 0
        halves[2 * k + low] = id
        halves[2 * k + high] = ((first << 16) | second) >>> 0
      }
      keys.subarray(start, end).sort()
      for (let k = start; k < end; k++) ids[k] = halves[2 * k + low]
      for (let runStart = start; runStart < end; ) {
        const key = halves[2 * runStart + high]
        let runEnd = runStart + 1
        while (runEnd < end && halves[2 * runEnd + high] === key) runEnd++
        if (runEnd - runStart > 1) runs.push(runStart, runEnd, depth + 2)
        runStart = runEnd
      }
    }
    return ids
  }

  /** Index into {@link sortedTermIds} of the first term ≥ `text`. */
  lowerBound(text: string): number {
    const sorted = this.sortedTermIds()
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.compareWithString(sorted[middle], text) < 0) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Builds a dictionary from terms listed in id order (used by compaction and tests). */
  static fromTerms(terms: readonly string[]): TermDictionary {
    const dictionary = new TermDictionary(terms.length)
    for (const term of terms) dictionary.intern(term)
    return dictionary
  }

  /**
   * The dictionary whose term `id` is `units[bounds[id], bounds[id + 1])` (taking ownership of both
   * arrays), with the order of the terms when it is known, or a function that reads it: it is read and
   * checked on first use (a wrong one is ignored and the terms are sorted). Returns null when a term
   * repeats or the bounds do not fit `units`.
   */
  static fromCodeUnits(
    units: Uint16Array,
    bounds: Uint32Array,
    sortedIds: Uint32Array | (() => Uint32Array | null) | null = null,
  ): TermDictionary | null {
    const count = bounds.length - 1
    if (count < 0 || bounds[0] !== 0 || bounds[count] > units.length) return null
    const hashes = new Int32Array(Math.max(16, count))
    const slots = new Int32Array(tableSizeFor(count)).fill(EMPTY_SLOT)
    if (!hashTerms(units, bounds, count, hashes, slots)) return null
    const dictionary = new TermDictionary(0, 0)
    dictionary.units = units
    dictionary.bounds = bounds
    dictionary.hashes = hashes
    dictionary.slots = slots
    dictionary.count = count
    dictionary.unitCount = bounds[count]
    dictionary.uncheckedOrder = sortedIds
    return dictionary
  }

  /**
   * True when `order` lists the term ids below its length, each once, in strictly increasing term order:
   * one pass over their code units.
   */
  private isStrictlySorted(order: Uint32Array): boolean {
    const count = order.length
    const units = this.units
    const bounds = this.bounds
    const seen = new Uint8Array(count)
    let previousStart = 0
    let previousEnd = -1
    for (let k = 0; k < order.length; k++) {
      const id = order[k]
      if (id >= count || seen[id] === 1) return false
      seen[id] = 1
      const start = bounds[id]
      const end = bounds[id + 1]
      if (previousEnd >= 0) {
        // The previous term must be smaller: differ at a smaller unit, or be a proper prefix.
        let i = previousStart
        let j = start
        while (i < previousEnd && j < end && units[i] === units[j]) {
          i++
          j++
        }
        const smaller = i < previousEnd ? j < end && units[i] < units[j] : j < end
        if (!smaller) return false
      }
      previousStart = start
      previousEnd = end
    }
    return true
  }

  /** Adds a term of `length` code units (written by the caller) at hash-table `slot`; returns its id. */
  private append(hash: number, slot: number, length: number): number {
    const id = this.count
    if (id + 1 >= this.bounds.length) {
      const bounds = new Uint32Array(Math.max(16, this.bounds.length * 2))
      bounds.set(this.bounds)
      this.bounds = bounds
    }
    if (id >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2)
      hashes.set(this.hashes)
      this.hashes = hashes
    }
    const start = this.unitCount
    if (start + length > this.units.length) {
      let size = Math.max(64, this.units.length * 2)
      while (size < start + length) size *= 2
      const units = new Uint16Array(size)
      units.set(this.units.subarray(0, start))
      this.units = units
    }
    this.unitCount = start + length
    this.bounds[id + 1] = start + length
    this.hashes[id] = hash
    this.slots[slot] = id
    this.count = id + 1
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2)
    return id
  }

  /**
   * Shrinks the term columns to the terms they hold (they grow by doubling) and the hash table to at most
   * three quarters full (lookups stay short; the next added term grows it back to half full). Called after
   * a batch of additions.
   */
  trim(): void {
    if (this.units.length > this.unitCount) this.units = this.units.slice(0, Math.max(64, this.unitCount))
    if (this.bounds.length > this.count + 1) this.bounds = this.bounds.slice(0, Math.max(17, this.count + 1))
    if (this.hashes.length > this.count) this.hashes = this.hashes.slice(0, Math.max(16, this.count))
    let size = 32
    while (size * 3 < this.count * 4) size *= 2
    if (size < this.slots.length) this.rehash(size)
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size).fill(EMPTY_SLOT)
    const mask = size - 1
    const hashes = this.hashes
    for (let id = 0; id < this.count; id++) {
      let slot = hashes[id] & mask
      while (slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask
      slots[slot] = id
    }
    this.slots = slots
  }

  private equalsString(id: number, term: string): boolean {
    const start = this.bounds[id]
    if (this.bounds[id + 1] - start !== term.length) return false
    const units = this.units
    for (let k = 0; k < term.length; k++) if (units[start + k] !== term.charCodeAt(k)) return false
    return true
  }

  private equalsUnits(id: number, source: Uint16Array, start: number, end: number): boolean {
    const own = this.bounds[id]
    if (this.bounds[id + 1] - own !== end - start) return false
    const units = this.units
    for (let k = 0; k < end - start; k++) if (units[own + k] !== source[start + k]) return false
    return true
  }

  /** True when term `id` starts with `prefix` (compared by code units; no string is made). */
  hasPrefix(id: number, prefix: string): boolean {
    const start = this.bounds[id]
    if (this.bounds[id + 1] - start < prefix.length) return false
    for (let k = 0; k < prefix.length; k++) if (this.units[start + k] !== prefix.charCodeAt(k)) return false
    return true
  }

  /** Term `id` compared with `text` by code units: negative, 0 or positive. */
  private compareWithString(id: number, text: string): number {
    const units = this.units
    const start = this.bounds[id]
    const length = this.bounds[id + 1] - start
    const shared = Math.min(length, text.length)
    for (let k = 0; k < shared; k++) {
      const difference = units[start + k] - text.charCodeAt(k)
      if (difference !== 0) return difference
    }
    return length - text.length
  }
}

/**
 * Fills `hashes` with the hash of every term of `units`/`bounds` and the empty table `slots` with their
 * ids; false when a term repeats or the bounds go backwards. The loop alone in a function: V8 optimises it
 * while it runs, and code after it that had not run yet would deoptimise the optimised code again.
 */
function hashTerms(
  units: Uint16Array,
  bounds: Uint32Array,
  count: number,
  hashes: Int32Array,
  slots: Int32Array,
): boolean {
  const mask = slots.length - 1
  let start = 0
  for (let id = 0; id < count; id++) {
    const end = bounds[id + 1]
    if (end < start) return false
    const hash = hashUnits(units, start, end)
    hashes[id] = hash
    let slot = hash & mask
    for (let other = slots[slot]; other !== EMPTY_SLOT; other = slots[slot]) {
      if (hashes[other] === hash && sameUnits(units, bounds[other], bounds[other + 1], start, end))
        return false
      slot = (slot + 1) & mask
    }
    slots[slot] = id
    start = end
  }
  return true
}

/** Whether `units[a, aEnd)` and `units[b, bEnd)` hold the same code units. */
function sameUnits(units: Uint16Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false
  for (let k = 0; k < aEnd - a; k++) if (units[a + k] !== units[b + k]) return false
  return true
}

/** Smallest power of two at least twice `terms` (and at least 32). */
function tableSizeFor(terms: number): number {
  let size = 32
  while (size < terms * 2) size *= 2
  return size
}

/** FNV-1a over the code units of `text`, with a final mix so that the low bits (the table slot) spread. */
function hashString(text: string): number {
  let hash = 0x811c9dc5 | 0
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193)
  return finish(hash)
}

/** {@link hashString} of the code units `units[start, end)`. */
function hashUnits(units: Uint16Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ units[k], 0x01000193)
  return finish(hash)
}

function finish(hash: number): number {
  let mixed = hash ^ (hash >>> 15)
  mixed = Math.imul(mixed, 0x2c1b3c6d)
  return (mixed ^ (mixed >>> 12)) & 0x7fffffff
}
