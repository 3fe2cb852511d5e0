import { describe, expect, it } from 'vitest'
import {
  averagePrecision,
  dedupeRanking,
  meanMetrics,
  ndcg,
  precisionAt,
  recallAt,
  reciprocalRank,
  scoreQuery,
} from '../bench/lib/metrics'
import { quantile, summarize } from '../bench/lib/stats'

const rel = (...ids: string[]) => new Set(ids)

describe('bench metrics (binary relevance, hand-computed)', () => {
  // Ranking a b c d; relevant b, d and x (x never retrieved).
  const ranking = ['a', 'b', 'c', 'd']
  const relevant = rel('b', 'd', 'x')

  it('MRR@10 is 1/rank of the first relevant id', () => {
    expect(reciprocalRank(ranking, relevant)).toBe(0.5)
    expect(reciprocalRank(['z', 'y'], relevant)).toBe(0)
  })

  it('nDCG@10 divides DCG by the ideal DCG over min(|rel|, 10) ranks', () => {
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5)
    const ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4)
    expect(ndcg(ranking, relevant)).toBeCloseTo(dcg / ideal, 12)
    expect(ndcg(ranking, relevant)).toBeCloseTo(0.498191, 5)
  })

  it('MAP normalises by the number of relevant docs, not by hits', () => {
    expect(averagePrecision(ranking, relevant)).toBeCloseTo((1 / 2 + 2 / 4) / 3, 12)
  })

  it('P@10 always divides by 10; R@100 by |relevant|', () => {
    expect(precisionAt(ranking, relevant)).toBe(0.2)
    expect(recallAt(ranking, relevant)).toBeCloseTo(2 / 3, 12)
  })

  it('a single perfect hit', () => {
    expect(scoreQuery(['a'], rel('a'))).toEqual({ mrr10: 1, ndcg10: 1, map: 1, p10: 0.1, recall100: 1 })
  })

  it('a relevant doc at rank 11 counts for MAP and R@100 only', () => {
    const r = Array.from({ length: 10 }, (_, i) => `n${i}`).concat('hit')
    const m = scoreQuery(r, rel('hit'))
    expect(m.mrr10).toBe(0)
    expect(m.ndcg10).toBe(0)
    expect(m.p10).toBe(0)
    expect(m.map).toBeCloseTo(1 / 11, 12)
    expect(m.recall100).toBe(1)
  })

  it('ranks beyond 100 are ignored by MAP and R@100', () => {
    const r = Array.from({ length: 100 }, (_, i) => `n${i}`).concat('hit')
    expect(scoreQuery(r, rel('hit'))).toEqual({ mrr10: 0, ndcg10: 0, map: 0, p10: 0, recall100: 0 })
  })

  it('queries without a hit (or without results) score 0', () => {
    expect(scoreQuery([], rel('a'))).toEqual({ mrr10: 0, ndcg10: 0, map: 0, p10: 0, recall100: 0 })
    expect(scoreQuery(['b'], rel())).toEqual({ mrr10: 0, ndcg10: 0, map: 0, p10: 0, recall100: 0 })
  })

  it('duplicate ids are removed before scoring', () => {
    expect(dedupeRanking(['a', 'a', 'b', 'a'])).toEqual(['a', 'b'])
    expect(scoreQuery(['a', 'a', 'b'], rel('b')).mrr10).toBe(0.5)
  })

  it('nDCG@10 caps the ideal at 10 relevant docs', () => {
    const many = Array.from({ length: 20 }, (_, i) => `r${i}`)
    expect(ndcg(many.slice(0, 10), new Set(many))).toBeCloseTo(1, 12)
  })

  it('meanMetrics averages per query, all zeros for none', () => {
    const a = scoreQuery(['a'], rel('a'))
    const b = scoreQuery(['x'], rel('a'))
    expect(meanMetrics([a, b])).toEqual({ mrr10: 0.5, ndcg10: 0.5, map: 0.5, p10: 0.05, recall100: 0.5 })
    expect(meanMetrics([])).toEqual({ mrr10: 0, ndcg10: 0, map: 0, p10: 0, recall100: 0 })
  })
})

describe('bench stats', () => {
  it('quantile interpolates between closest ranks', () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2)
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.99)).toBeCloseTo(10.9, 12)
    expect(Number.isNaN(quantile([], 0.5))).toBe(true)
  })
  it('summarize gives median with min–max', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 })
  })
})
