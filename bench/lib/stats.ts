/**
 * Summary statistics of repeated measurements. Owns only arithmetic over number arrays.
 */

/** Median with the range of the repetitions it came from. */
export interface Summary {
  median: number
  min: number
  max: number
  /** How many values were summarised. */
  n: number
}

/** Value at quantile `q` (0..1) by linear interpolation between closest ranks; NaN for an empty array. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 }
  return {
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    n: values.length,
  }
}

/** Applies `f` to median, min and max; for a decreasing `f` (e.g. 1/x) min and max are swapped back. */
export function mapSummary(s: Summary, f: (x: number) => number): Summary {
  const a = f(s.min)
  const b = f(s.max)
  return { median: f(s.median), min: Math.min(a, b), max: Math.max(a, b), n: s.n }
}
