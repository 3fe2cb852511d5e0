/**
 * Lookups by a range of a string, for the stemmers: they cut a word as a range [s, e) of its code units and
 * make a string only for the stem they return, so each rule that asks "is this part of the word in that
 * list?" must not slice. A {@link RangeSet} answers that without making a string (and without the string
 * hash a `Set` lookup computes for every new string).
 *
 * Owns: range lookups and comparisons. Must not: know about affixes or languages.
 */

/** Bits of the key that index a RangeSet's filter (4,096 bits, 512 bytes). */
const FILTER_BITS = 12

/**
 * A set of words looked up by a range of a string: the words bucketed by length and first and last code
 * unit, each bucket compared unit by unit.
 *
 * @example
 * ```ts
 * new RangeSet(['کتاب']).has('الکتابها', 2, 6) // → true
 * ```
 */
export class RangeSet {
  private readonly buckets = new Map<number, string[]>()
  /**
   * One bit per value of the key's top FILTER_BITS bits, set when a word has it: most lookups miss, and
   * then one read of this 512-byte filter answers instead of a Map lookup.
   */
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5))

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length === 0) continue
      const key = RangeSet.key(w, 0, w.length)
      const bit = key >>> (30 - FILTER_BITS)
      this.filter[bit >>> 5]! |= 1 << (bit & 31)
      const list = this.buckets.get(key)
      if (list === undefined) this.buckets.set(key, [w])
      else list.push(w)
    }
  }

  /** Length, first and last code unit mixed into a number below 2^30 (a small integer as a Map key). */
  private static key(word: string, s: number, e: number): number {
    const x =
      ((word.charCodeAt(s) & 0x3ff) << 20) | ((word.charCodeAt(e - 1) & 0x3ff) << 10) | ((e - s) & 0x3ff)
    return Math.imul(x, 0x9e3779b1) >>> 2
  }

  /** True when `word[s, e)` is one of the words (never for an empty range). */
  has(word: string, s: number, e: number): boolean {
    if (e <= s) return false
    const key = RangeSet.key(word, s, e)
    const bit = key >>> (30 - FILTER_BITS)
    if ((this.filter[bit >>> 5]! & (1 << (bit & 31))) === 0) return false
    const list = this.buckets.get(key)
    if (list === undefined) return false
    for (const w of list) {
      if (w.length !== e - s) continue
      let k = 0
      while (k < w.length && w.charCodeAt(k) === word.charCodeAt(s + k)) k++
      if (k === w.length) return true
    }
    return false
  }
}

const rangeSets = new WeakMap<ReadonlySet<string>, RangeSet>()

/** The {@link RangeSet} of the words of `words` (made once per set, which must not change afterwards). */
export function rangeSetOf(words: ReadonlySet<string>): RangeSet {
  let set = rangeSets.get(words)
  if (set === undefined) {
    set = new RangeSet(words)
    rangeSets.set(words, set)
  }
  return set
}

interface Beginnings {
  set: RangeSet
  /** The words' lengths, longest first. */
  lengths: number[]
}
const beginnings = new WeakMap<object, Beginnings>()

/**
 * Length of the word of `words` (a set, or the keys of a map, which must not change afterwards) that
 * `word[s, e)` begins with, the longest when several do, or 0; makes no string (a {@link RangeSet} lookup
 * per distinct length, most of them answered by its filter).
 *
 * @example
 * ```ts
 * beginningLength(new Set(['مسیول']), 'المسیولان', 2, 9) // → 5
 * ```
 */
export function beginningLength(
  words: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  word: string,
  s: number,
  e: number,
): number {
  let b = beginnings.get(words)
  if (b === undefined) {
    const keys = [...words.keys()]
    b = { set: new RangeSet(keys), lengths: [...new Set(keys.map((k) => k.length))].sort((x, y) => y - x) }
    beginnings.set(words, b)
  }
  for (const length of b.lengths) if (length <= e - s && b.set.has(word, s, s + length)) return length
  return 0
}

/** The code units of `s`. */
export function unitsOf(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0))
}

/** The code units of each string of `list`. */
export function codeUnitsOf(list: readonly string[]): number[][] {
  return list.map(unitsOf)
}

/** True when `word[s, e)` begins with `units`. */
export function startsAt(word: string, s: number, e: number, units: readonly number[]): boolean {
  if (e - s < units.length) return false
  for (let k = 0; k < units.length; k++) if (word.charCodeAt(s + k) !== units[k]) return false
  return true
}

/** True when `word[s, e)` ends with `units`. */
export function endsAt(word: string, s: number, e: number, units: readonly number[]): boolean {
  const from = e - units.length
  if (from < s) return false
  for (let k = 0; k < units.length; k++) if (word.charCodeAt(from + k) !== units[k]) return false
  return true
}
