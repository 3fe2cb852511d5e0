/**
 * Upper bounds of the BM25F score (formula in `ranking.ts`) for dynamic pruning: per block of a term's
 * postings (see `posting-blocks.ts`), the largest tf̃ any of its documents can have under one query's field
 * boosts and average field lengths, and the saturation bound over every k1 a document may be scored with.
 * Pure functions of their inputs; the evaluator decides what to skip.
 *
 * Bounds must never be below the score the evaluator computes; they may be loose. Comparisons against them
 * go through {@link exceedsBound}, which leaves room for floating-point rounding.
 */

import type { PostingBlocks } from '../index/posting-blocks'

/**
 * The largest tf̃ = Σ_f boost_f × tf_f / norm_f(d) of each block: the sum of the per-field maxima, scaled by
 * how far each norm may have shrunk since the blocks were built (see {@link PostingBlocks.averageGrowth}).
 *
 * @example
 * ```ts
 * blockFrequencyBounds(blocks, fieldBoosts, averageFieldLength) // → Float64Array, one bound per block
 * ```
 */
export function blockFrequencyBounds(
  blocks: PostingBlocks,
  fieldBoosts: Float64Array,
  averageFieldLength: Float64Array,
): Float64Array {
  const fieldCount = blocks.fieldCount
  const weights = new Float64Array(fieldCount)
  for (let f = 0; f < fieldCount; f++) {
    weights[f] = fieldBoosts[f] === 0 ? 0 : fieldBoosts[f] * blocks.averageGrowth(f, averageFieldLength[f])
  }
  const bounds = new Float64Array(blocks.count)
  const normalized = blocks.normalizedFrequency
  for (let block = 0; block < blocks.count; block++) {
    let sum = 0
    const row = block * fieldCount
    for (let f = 0; f < fieldCount; f++) {
      if (normalized[row + f] > 0 && weights[f] > 0) sum += normalized[row + f] * weights[f]
    }
    bounds[block] = sum
  }
  return bounds
}

/**
 * The k1 values a document may be scored with: one number, or one per document language (every entry can
 * occur; duplicates removed).
 */
export function k1Choices(k1: number | ArrayLike<number>): number[] {
  if (typeof k1 === 'number') return [k1]
  const choices: number[] = []
  for (let i = 0; i < k1.length; i++) if (!choices.includes(k1[i])) choices.push(k1[i])
  return choices
}

/**
 * Largest `tf̃ × (k1 + 1) / (k1 + tf̃)` for any tf̃ ≤ `frequencyBound` and any k1 of `k1s` (the
 * saturation grows with tf̃; with k1 it grows when tf̃ > 1 and shrinks when tf̃ < 1, so every k1 is tried).
 *
 * @example
 * ```ts
 * saturationBound(3, [1.2]) // → 3 × 2.2 / 4.2 ≈ 1.571
 * ```
 */
export function saturationBound(frequencyBound: number, k1s: readonly number[]): number {
  if (!(frequencyBound > 0)) return 0
  let best = 0
  for (const k1 of k1s) {
    const value =
      frequencyBound === Number.POSITIVE_INFINITY
        ? k1 + 1
        : (frequencyBound * (k1 + 1)) / (k1 + frequencyBound)
    if (value > best) best = value
  }
  return best
}

/** Relative room left for rounding: the evaluator's score and a bound sum the same terms differently. */
const ROUNDING_ROOM = 1e-9

/**
 * True when a document whose score is at most `bound` may still be kept, `threshold` being the score of the
 * worst kept hit (0 while the page is not full): it needs a higher score (an equal one loses the tie to
 * the earlier document, documents being visited in doc-id order), and a positive one.
 *
 * @example
 * ```ts
 * exceedsBound(12.5, 12.5) // → false
 * ```
 */
export function exceedsBound(bound: number, threshold: number): boolean {
  return boundLimit(bound) > threshold
}

/**
 * The least threshold that `bound` does not exceed: `exceedsBound(bound, t)` is `t < boundLimit(bound)`.
 *
 * @example
 * ```ts
 * exceedsBound(12.5, boundLimit(12.5)) // → false
 * ```
 */
export function boundLimit(bound: number): number {
  return bound * (1 + ROUNDING_ROOM)
}
