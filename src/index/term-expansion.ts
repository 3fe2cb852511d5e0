/**
 * Finds dictionary terms near a query term: terms that start with it (prefix / as-you-type search) and
 * terms within a Levenshtein edit distance (fuzzy search). Owns only these dictionary walks; weighting
 * the expansions is the query compiler's job.
 */

import type { TermDictionary } from './term-dictionary'

/** A dictionary term found for a query term. */
export interface TermExpansion {
  /** Id of the dictionary term. */
  termId: number
  /** Edit distance to the query term (0 for prefix completions). */
  distance: number
}

/**
 * Dictionary terms that start with `prefix` (excluding `prefix` itself), the `limit` most frequent first.
 *
 * @example
 * ```ts
 * prefixExpansions(dictionary, docFrequency, 'آتش', 10) // → [{ termId: 12, distance: 0 }, …] for آتشبس, آتشسوزی…
 * ```
 */
export function prefixExpansions(
  dictionary: TermDictionary,
  docFrequency: Uint32Array,
  prefix: string,
  limit: number,
): TermExpansion[] {
  if (prefix.length === 0 || limit <= 0) return []
  const sorted = dictionary.sortedTermIds()
  const bounds = dictionary.termBounds
  // The best `limit` so far, most frequent first (ties: lower id), kept by insertion: a short prefix has
  // thousands of completions, and sorting them all cost more than the dictionary walk.
  const best = new Uint32Array(limit)
  let kept = 0
  // Compared by code units: no string is made for the terms walked.
  for (let i = dictionary.lowerBound(prefix); i < sorted.length; i++) {
    const termId = sorted[i]
    if (!dictionary.hasPrefix(termId, prefix)) break
    const frequency = docFrequency[termId]
    if (frequency === 0 || bounds[termId + 1] - bounds[termId] <= prefix.length) continue
    if (kept === limit && !ranksBefore(termId, frequency, best[kept - 1], docFrequency)) continue
    let j = kept < limit ? kept++ : kept - 1
    while (j > 0 && ranksBefore(termId, frequency, best[j - 1], docFrequency)) {
      best[j] = best[j - 1]
      j--
    }
    best[j] = termId
  }
  const found: TermExpansion[] = []
  for (let i = 0; i < kept; i++) found.push({ termId: best[i], distance: 0 })
  return found
}

/** True when term `termId` (in `frequency` documents) comes before term `other`: more frequent, or as frequent with a lower id. */
function ranksBefore(termId: number, frequency: number, other: number, docFrequency: Uint32Array): boolean {
  const otherFrequency = docFrequency[other]
  return frequency > otherFrequency || (frequency === otherFrequency && termId < other)
}

/**
 * Dictionary terms that are `query` with two adjacent, different letters swapped (a transposition, the
 * commonest typing slip: وزرش for ورزش, رجلا for رجال), in the order of the swapped position; each at
 * distance 1 (Damerau). Only terms in at least one document.
 *
 * @example
 * ```ts
 * transpositionExpansions(dictionary, docFrequency, 'وزرش') // → [{ termId: 7, distance: 1 }] for ورزش
 * ```
 */
export function transpositionExpansions(
  dictionary: TermDictionary,
  docFrequency: Uint32Array,
  query: string,
): TermExpansion[] {
  const found: TermExpansion[] = []
  for (let i = 0; i + 1 < query.length; i++) {
    const a = query.charCodeAt(i)
    const b = query.charCodeAt(i + 1)
    // Never split a surrogate pair.
    if (a === b || (a >= 0xd800 && a <= 0xdfff) || (b >= 0xd800 && b <= 0xdfff)) continue
    const swapped = query.slice(0, i) + query[i + 1] + query[i] + query.slice(i + 2)
    const termId = dictionary.idOf(swapped)
    if (termId >= 0 && docFrequency[termId] > 0) found.push({ termId, distance: 1 })
  }
  return found
}

/** Above every UTF-16 code unit. */
const NO_UNIT = 0x10000

/**
 * Dictionary terms within `maxDistance` edits (insertions, deletions, substitutions) of `query`,
 * excluding `query` itself; nearest first, then most frequent, at most `limit`.
 *
 * Walks the sorted dictionary like a trie: one row of the edit-distance table per character, rows shared
 * by terms with a common prefix, and whole prefix ranges skipped once no completion can come close enough.
 *
 * @example
 * ```ts
 * fuzzyExpansions(dictionary, docFrequency, 'پدر', 1, 50) // → بدر, پدری… (terms within one edit)
 * ```
 */
export function fuzzyExpansions(
  dictionary: TermDictionary,
  docFrequency: Uint32Array,
  query: string,
  maxDistance: number,
  limit: number,
): TermExpansion[] {
  if (maxDistance <= 0 || query.length === 0 || limit <= 0) return []
  const sorted = dictionary.sortedTermIds()
  const width = query.length + 1
  const queryUnits = new Uint16Array(query.length)
  for (let j = 0; j < query.length; j++) queryUnits[j] = query.charCodeAt(j)
  let rows = new Int32Array(width * 32)
  for (let j = 0; j < width; j++) rows[j] = j
  const found: TermExpansion[] = []
  // Terms are read from the dictionary's code units (no string per term walked); the previous term is
  // units[previousStart, previousStart + previousLength).
  const units = dictionary.codeUnits
  const bounds = dictionary.termBounds
  // Where runs of terms sharing a prefix end, for the jumps over pruned prefixes below.
  const runs = prefixRuns(sorted, units, bounds)
  let previousStart = 0
  let previousLength = 0
  let validDepth = 0
  let i = 0
  while (i < sorted.length) {
    const termId = sorted[i]
    const start = bounds[termId]
    const length = bounds[termId + 1] - start
    if ((length + 1) * width > rows.length) {
      const grown = new Int32Array((length + 1) * width * 2)
      grown.set(rows)
      rows = grown
    }
    let depth = 0
    const shared = Math.min(validDepth, previousLength, length)
    while (depth < shared && units[previousStart + depth] === units[start + depth]) depth++
    let prunedAt = -1
    for (let d = depth + 1; d <= length; d++) {
      const code = units[start + d - 1]
      const row = d * width
      const above = row - width
      rows[row] = d
      let rowMinimum = d
      // Only the diagonal band |d − j| ≤ maxDistance can hold a value within reach; the cells on either side
      // of it are set to maxDistance + 1, which is what the next row needs to know of them.
      const low = Math.max(d - maxDistance, 1)
      const high = Math.min(d + maxDistance, width - 1)
      if (low > 1) rows[row + low - 1] = maxDistance + 1
      if (high < width - 1) rows[row + high + 1] = maxDistance + 1
      for (let j = low; j <= high; j++) {
        const substitution = rows[above + j - 1] + (queryUnits[j - 1] === code ? 0 : 1)
        const deletion = rows[above + j] + 1
        const insertion = rows[row + j - 1] + 1
        let value = substitution
        if (deletion < value) value = deletion
        if (insertion < value) value = insertion
        rows[row + j] = value
        if (value < rowMinimum) rowMinimum = value
      }
      if (rowMinimum > maxDistance) {
        prunedAt = d
        break
      }
    }
    previousStart = start
    previousLength = length
    if (prunedAt >= 0) {
      validDepth = prunedAt
      // Every term that starts with the pruned prefix follows this one: skip them. More: no cell of the row
      // above is below maxDistance (else any letter would have kept one within reach), so only a letter
      // equal to the query's where that row is at maxDistance can continue the parent prefix. The next
      // term worth reading starts with the parent prefix and the smallest such letter above this one; with
      // none, the whole parent prefix is done. (Distance 1: after a first letter x ≠ q₀ only x·q₀ and x·q₁.)
      const parent = prunedAt - 1
      const above = parent * width
      const code = units[start + parent]
      let nextUnit = NO_UNIT
      const low = Math.max(prunedAt - maxDistance, 1)
      const high = Math.min(prunedAt + maxDistance, width - 1)
      for (let j = low; j <= high; j++) {
        const letter = queryUnits[j - 1]
        if (rows[above + j - 1] === maxDistance && letter > code && letter < nextUnit) nextUnit = letter
      }
      // With no such letter (NO_UNIT is above every code unit), past every term with the parent prefix.
      i = firstReaching(sorted, units, bounds, runs, i, parent, nextUnit)
      continue
    }
    validDepth = length
    // Outside the band (length and query length differ by more than maxDistance) the cell was not computed.
    const distance =
      Math.abs(length - query.length) <= maxDistance ? rows[length * width + query.length] : maxDistance + 1
    if (distance <= maxDistance && distance > 0 && docFrequency[termId] > 0) found.push({ termId, distance })
    i++
  }
  found.sort(
    (a, b) =>
      a.distance - b.distance || docFrequency[b.termId] - docFrequency[a.termId] || a.termId - b.termId,
  )
  return found.length > limit ? found.slice(0, limit) : found
}

/**
 * Index into `sorted` of the first term after `i` that is not below the parent prefix (the first `length`
 * code units of term `sorted[i]`) followed by `unit`: term `sorted[i]` has that prefix and a smaller code
 * unit after it; `unit` may be {@link NO_UNIT}, above every code unit. Terms sharing a prefix are contiguous
 * in sorted order, and {@link prefixRuns} gives where each run ends: the walk jumps from one run of the
 * prefix + a code unit to the next, comparing no code units but the one after the prefix.
 */
function firstReaching(
  sorted: Uint32Array,
  units: Uint16Array,
  bounds: Uint32Array,
  runs: PrefixRuns,
  i: number,
  length: number,
  unit: number,
): number {
  const { lcp, nextSmaller } = runs
  // Past every term with the prefix.
  if (unit === NO_UNIT) return runEnd(lcp, nextSmaller, i, length)
  let j = i
  for (;;) {
    // Past the terms with the prefix and term j's code unit after it.
    j = runEnd(lcp, nextSmaller, j, length + 1)
    if (j >= sorted.length || lcp[j] < length) return j
    // Term j has the prefix (it is longer: the prefix alone sorts before term i) and a larger unit after it.
    if (units[bounds[sorted[j]] + length] >= unit) return j
  }
}

/** The first index after `i` whose term does not share the first `length` code units of term i (see {@link PrefixRuns}). */
function runEnd(lcp: Uint8Array, nextSmaller: Int32Array, i: number, length: number): number {
  let j = i + 1
  // Every term from j to nextSmaller[j] shares at least lcp[j] ≥ length code units with the one before it.
  while (j < lcp.length && lcp[j] >= length) j = nextSmaller[j]
  return j
}

interface PrefixRuns {
  /** Code units term `sorted[i]` shares with `sorted[i − 1]` (0 for the first; at most 255). */
  lcp: Uint8Array
  /** The first index after i whose lcp is below lcp[i] (the end of the list when none). */
  nextSmaller: Int32Array
}

const runsBySorted = new WeakMap<Uint32Array, PrefixRuns>()

/**
 * The common-prefix lengths of neighbouring terms in the sorted order `sorted` (a dictionary's, cached
 * with it: a dictionary that grows sorts anew), and for each its next smaller one: 5 bytes per term, built
 * by the first fuzzy expansion in one pass over the terms.
 */
function prefixRuns(sorted: Uint32Array, units: Uint16Array, bounds: Uint32Array): PrefixRuns {
  let runs = runsBySorted.get(sorted)
  if (runs !== undefined) return runs
  const n = sorted.length
  const lcp = new Uint8Array(n)
  for (let i = 1; i < n; i++) {
    const a = bounds[sorted[i - 1]]
    const b = bounds[sorted[i]]
    const most = Math.min(bounds[sorted[i - 1] + 1] - a, bounds[sorted[i] + 1] - b, 255)
    let d = 0
    while (d < most && units[a + d] === units[b + d]) d++
    lcp[i] = d
  }
  const nextSmaller = new Int32Array(n)
  const stack = new Int32Array(n)
  let top = 0
  for (let i = n - 1; i >= 0; i--) {
    while (top > 0 && lcp[stack[top - 1]] >= lcp[i]) top--
    nextSmaller[i] = top > 0 ? stack[top - 1] : n
    stack[top++] = i
  }
  runs = { lcp, nextSmaller }
  runsBySorted.set(sorted, runs)
  return runs
}
