/**
 * Ranking-quality metrics with binary relevance: MRR@10, nDCG@10, MAP (over the returned list, at most 100
 * ids), P@10 and Recall@100. A query whose ranking holds no relevant id scores 0 on every metric.
 *
 * Owns only the arithmetic; it knows nothing about engines or corpora.
 */

/** Metric values of one query or averaged over a query set (each in [0, 1]). */
export interface QualityMetrics {
  mrr10: number
  ndcg10: number
  map: number
  p10: number
  recall100: number
}

export const METRIC_NAMES: readonly (keyof QualityMetrics)[] = ['mrr10', 'ndcg10', 'map', 'p10', 'recall100']

/** Display labels of the metric keys. */
export const METRIC_LABELS: Record<keyof QualityMetrics, string> = {
  mrr10: 'MRR@10',
  ndcg10: 'nDCG@10',
  map: 'MAP@100',
  p10: 'P@10',
  recall100: 'R@100',
}

/** Removes repeated ids, keeping the first (best-ranked) occurrence. */
export function dedupeRanking(ranking: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const id of ranking) {
    if (!seen.has(id)) {
      seen.add(id)
      out.push(id)
    }
  }
  return out
}

/** Reciprocal rank of the first relevant id within the first `k` ids, else 0. */
export function reciprocalRank(ranking: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  const n = Math.min(k, ranking.length)
  for (let i = 0; i < n; i++) if (relevant.has(ranking[i])) return 1 / (i + 1)
  return 0
}

/** Binary nDCG@k: DCG = Σ rel_i / log2(i + 2) over the first k ranks, divided by the ideal DCG. */
export function ndcg(ranking: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  if (relevant.size === 0) return 0
  let dcg = 0
  const n = Math.min(k, ranking.length)
  for (let i = 0; i < n; i++) if (relevant.has(ranking[i])) dcg += 1 / Math.log2(i + 2)
  let ideal = 0
  const m = Math.min(k, relevant.size)
  for (let i = 0; i < m; i++) ideal += 1 / Math.log2(i + 2)
  return dcg / ideal
}

/** Average precision over the first `k` ids, normalised by the number of relevant docs (not by hits). */
export function averagePrecision(ranking: readonly string[], relevant: ReadonlySet<string>, k = 100): number {
  if (relevant.size === 0) return 0
  let hits = 0
  let sum = 0
  const n = Math.min(k, ranking.length)
  for (let i = 0; i < n; i++) {
    if (relevant.has(ranking[i])) {
      hits++
      sum += hits / (i + 1)
    }
  }
  return sum / relevant.size
}

/** Fraction of the first `k` ranks that are relevant (always divided by k, as in trec_eval). */
export function precisionAt(ranking: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  let hits = 0
  const n = Math.min(k, ranking.length)
  for (let i = 0; i < n; i++) if (relevant.has(ranking[i])) hits++
  return hits / k
}

/** Fraction of the relevant docs found in the first `k` ranks. */
export function recallAt(ranking: readonly string[], relevant: ReadonlySet<string>, k = 100): number {
  if (relevant.size === 0) return 0
  let hits = 0
  const n = Math.min(k, ranking.length)
  for (let i = 0; i < n; i++) if (relevant.has(ranking[i])) hits++
  return hits / relevant.size
}

/** All metrics of one query. `ranking` is deduplicated first. */
export function scoreQuery(ranking: readonly string[], relevant: ReadonlySet<string>): QualityMetrics {
  const r = dedupeRanking(ranking)
  return {
    mrr10: reciprocalRank(r, relevant, 10),
    ndcg10: ndcg(r, relevant, 10),
    map: averagePrecision(r, relevant, 100),
    p10: precisionAt(r, relevant, 10),
    recall100: recallAt(r, relevant, 100),
  }
}

/** Mean of per-query metrics (all zeros for an empty set). */
export function meanMetrics(perQuery: readonly QualityMetrics[]): QualityMetrics {
  const sum: QualityMetrics = { mrr10: 0, ndcg10: 0, map: 0, p10: 0, recall100: 0 }
  for (const m of perQuery) for (const k of METRIC_NAMES) sum[k] += m[k]
  if (perQuery.length > 0) for (const k of METRIC_NAMES) sum[k] /= perQuery.length
  return sum
}
