import { describe, expect, it } from 'vitest'
import type { QualityMetrics } from '../bench/lib/metrics'
import type { BenchResults, BuildResult, QualityResult } from '../bench/lib/results'
import type { Summary } from '../bench/lib/stats'
import { targetRows } from '../bench/lib/targets'

const summary = (median: number): Summary => ({ median, min: median, max: median, n: 1 })
const metrics = (x: Partial<QualityMetrics>): QualityMetrics => ({
  mrr10: 0,
  ndcg10: 0,
  map: 0,
  p10: 0,
  recall100: 0,
  ...x,
})
const build = (collection: string, engine: string, mbPerSec: number, retained: number | null = null) =>
  ({
    collection,
    engine,
    docs: 1,
    bytes: 1,
    ms: summary(1),
    docsPerSec: summary(1),
    mbPerSec: summary(mbPerSec),
    heapBytesPerMB: null,
    retainedBytesPerMB: retained === null ? null : summary(retained),
  }) satisfies BuildResult
const quality = (
  collection: string,
  querySet: string,
  engine: string,
  split: QualityResult['split'],
  queries: number,
  m: Partial<QualityMetrics>,
  variant: QualityResult['variant'] = 'original',
  ratioToOriginal: Partial<QualityMetrics> | null = null,
): QualityResult => ({
  collection,
  querySet,
  engine,
  variant,
  split,
  queries,
  changedQueries: variant === 'original' ? 0 : queries,
  metrics: metrics(m),
  ratioToOriginal,
})

type Run = Pick<BenchResults, 'build' | 'queries' | 'persistence' | 'quality' | 'collections'>
const empty: Run = { build: [], queries: [], persistence: [], quality: [], collections: [] }
const row = (rows: ReturnType<typeof targetRows>, prefix: string) => {
  const found = rows.filter((r) => r.target.startsWith(prefix))
  expect(found).toHaveLength(1)
  return found[0]!
}

describe('targets of issues #5 and #6 read off a run', () => {
  it('reports every target as not measured when the run has no figure for it', () => {
    const rows = targetRows(empty)
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.every((r) => r.met === null && r.measured === '—')).toBe(true)
  })

  it('reads the build ratio against flexsearch/default of the same run, and memory per MB', () => {
    const rows = targetRows({
      ...empty,
      build: [
        build('hamshahri-subset', 'kavosh', 60, 0.3e6),
        build('hamshahri-subset', 'flexsearch/default', 10),
        build('saudinewsnet', 'kavosh', 30, 0.6e6),
        build('saudinewsnet', 'flexsearch/default', 10),
      ],
    })
    expect(row(rows, 'build ≥ 5× flexsearch/default MB/s, hamshahri-subset')).toMatchObject({
      met: true,
      measured: '6.00× (60.0 vs 10.0 MB/s)',
    })
    expect(row(rows, 'build ≥ 5× flexsearch/default MB/s, saudinewsnet').met).toBe(false)
    expect(row(rows, 'build ≥ 2× Lucene').met).toBe(true) // 60 ≥ 57
    expect(row(rows, 'retained memory ≤ 0.5 MB per MB of text, hamshahri-subset').met).toBe(true)
    expect(row(rows, 'retained memory ≤ 0.5 MB per MB of text, saudinewsnet').met).toBe(false)
  })

  it("reads the Lucene target off builds in turn with Lucene when the run has them, not the issue's figure", () => {
    const kavosh = build('hamshahri-subset', 'kavosh', 60)
    const rows = targetRows({
      ...empty,
      build: [
        {
          ...kavosh,
          pairedLucene: {
            against: 'lucene',
            pairs: 5,
            docs: 10,
            bytes: 26.4e6,
            mbPerSec: summary(40),
            peerMbPerSec: summary(22),
            ratio: { median: 1.8, min: 1.6, max: 2.1, n: 5 },
          },
        },
      ],
    })
    // The run's own median (60 MB/s) would meet the 57 MB/s; built in turn, Lucene is 1.8× slower.
    expect(row(rows, 'build ≥ 2× Lucene')).toMatchObject({
      target: 'build ≥ 2× Lucene (PersianAnalyzer, built in turn in this run), hamshahri-subset',
      met: false,
      measured:
        "1.80× (median of 5 paired builds of 26.4 MB, 1.60–2.10×; 40.0 vs 22.0 MB/s; against the issue's 28.5 MB/s: 1.40×)",
    })
  })

  it('reads the build ratio off paired builds when the run has them, not off the two medians', () => {
    const kavosh = build('hamshahri-subset', 'kavosh', 60)
    const rows = targetRows({
      ...empty,
      build: [
        {
          ...kavosh,
          paired: {
            against: 'flexsearch/default',
            pairs: 7,
            docs: 10,
            bytes: 65.4e6,
            mbPerSec: summary(50),
            peerMbPerSec: summary(12),
            ratio: { median: 4.2, min: 3.9, max: 4.6, n: 7 },
          },
        },
        build('hamshahri-subset', 'flexsearch/default', 10),
      ],
    })
    // The medians alone would read 6× and meet the target; the pairs read 4.2×.
    expect(row(rows, 'build ≥ 5× flexsearch/default MB/s, hamshahri-subset')).toMatchObject({
      met: false,
      measured: '4.20× (median of 7 paired builds of 65.4 MB, 3.90–4.60×; 50.0 vs 12.0 MB/s)',
    })
    // Pairs against another peer are not the ratio: the medians are read.
    const other = targetRows({
      ...empty,
      build: [
        {
          ...kavosh,
          paired: {
            against: 'minisearch/default',
            pairs: 1,
            docs: 1,
            bytes: 1,
            mbPerSec: summary(1),
            peerMbPerSec: summary(1),
            ratio: summary(1),
          },
        },
        build('hamshahri-subset', 'flexsearch/default', 10),
      ],
    })
    expect(row(other, 'build ≥ 5× flexsearch/default MB/s, hamshahri-subset').measured).toBe(
      '6.00× (60.0 vs 10.0 MB/s)',
    )
  })

  it('holds phrase and prefix latency to three times the keyword targets', () => {
    const latency = (kind: 'keyword' | 'phrase' | 'prefix', p50: number, p99: number) => ({
      collection: 'hamshahri-subset',
      engine: 'kavosh',
      kind,
      queries: 20,
      p50Ms: summary(p50),
      p99Ms: summary(p99),
      meanHits: 10,
    })
    const rows = targetRows({
      ...empty,
      queries: [latency('keyword', 0.09, 0.9), latency('phrase', 0.29, 2.9), latency('prefix', 0.31, 1)],
    })
    expect(row(rows, 'keyword query').met).toBe(true)
    expect(row(rows, 'phrase query').met).toBe(true)
    expect(row(rows, 'prefix query').met).toBe(false)
  })

  it('reads the pooling loss on the pooled sample of the corpus alone, for kavosh and for Lucene', () => {
    const run: Run = {
      ...empty,
      collections: [
        {
          name: 'pooled-ar',
          lang: 'ar',
          kind: 'pooled',
          docs: 10,
          bytes: 10,
          querySets: [{ name: 'arcd', queries: 300 }],
          licence: '',
        },
      ],
      quality: [
        // All queries of the corpus alone score higher than its pooled sample: not the figure to use.
        quality('arcd', 'arcd', 'kavosh', 'all', 1395, { mrr10: 0.95 }),
        quality('arcd', 'arcd', 'kavosh', 'pooled-sample', 300, { mrr10: 0.8 }),
        quality('pooled-ar', 'arcd', 'kavosh', 'all', 300, { mrr10: 0.77 }),
      ],
    }
    const lucene = [
      quality('arcd', 'arcd', 'lucene', 'pooled-sample', 300, { mrr10: 0.78 }),
      quality('pooled-ar', 'arcd', 'lucene', 'all', 300, { mrr10: 0.76 }),
    ]
    const loss = row(targetRows(run, lucene), 'pooled-ar ▸ arcd')
    expect(loss).toMatchObject({ met: false, measured: '0.0300 vs 0.0200' })
    // Without the Lucene reference the target is not measured.
    expect(row(targetRows(run), 'pooled-ar ▸ arcd').met).toBeNull()
  })

  it('reads the quality floors on all queries and the worst orthographic variant', () => {
    const rows = targetRows({
      ...empty,
      quality: [
        quality('arcd', 'arcd', 'kavosh', 'all', 1395, { mrr10: 0.831 }),
        quality('arcd', 'arcd', 'kavosh', 'test', 694, { mrr10: 0.7 }),
        quality('xquad-ar', 'xquad-ar', 'kavosh', 'all', 1190, { mrr10: 0.939 }),
        quality('arcd', 'arcd', 'kavosh', 'all', 200, {}, 'digits', { ndcg10: 0.99 }),
        quality('xquad-ar', 'xquad-ar', 'kavosh', 'all', 200, {}, 'diacritics', { ndcg10: 0.97 }),
      ],
    })
    expect(row(rows, 'arcd MRR@10 ≥ 0.83')).toMatchObject({ met: true, measured: '0.8310' })
    expect(row(rows, 'xquad-ar MRR@10 ≥ 0.94').met).toBe(false)
    expect(row(rows, 'every orthographic variant')).toMatchObject({
      met: false,
      measured: 'lowest 0.970 (xquad-ar, diacritics)',
    })
  })
})
