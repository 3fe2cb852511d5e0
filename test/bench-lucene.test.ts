import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Engine } from '../bench/engines/types'
import { describeCollection, loadCollections } from '../bench/lib/corpora'
import {
  comparableLuceneRows,
  LUCENE_ENGINE_ID,
  LUCENE_SCHEMA,
  type LuceneResults,
  loadLuceneResults,
  luceneSummaryMarkdown,
  validateLuceneResults,
} from '../bench/lib/lucene-results'
import { describeMachine } from '../bench/lib/machine'
import { Progress } from '../bench/lib/progress'
import { renderMarkdown } from '../bench/lib/report-markdown'
import { type BenchResults, RESULTS_SCHEMA } from '../bench/lib/results'
import { quickPlan } from '../bench/lib/run-plan'
import { formatDifferences, rankingDifferences } from '../bench/lucene/diff'
import {
  compileRanker,
  docLine,
  parseBuildSeconds,
  parseRankings,
  queryParserJar,
  tsvText,
} from '../bench/lucene/ranker'
import { type BatchRanker, scoreExternalRankings } from '../bench/lucene/score'
import { measureQuality } from '../bench/sections/index-sections'
import { findLucene } from './elasticsearch/lucene-env.mjs'

const quiet = new Progress(process.stderr, true)
const plan = quickPlan()
const { collections } = loadCollections('/nonexistent-corpora-dir', {
  names: [],
  limitsFor: () => ({}),
  describeLimits: () => undefined,
})
const sampleFa = collections.find((c) => c.name === 'sample-fa')!

function fakeEngine(id: string, library: string): Engine {
  return {
    id,
    library,
    version: '1.0.0',
    variant: 'fa-ar',
    config: `${library} config`,
    supports: { keyword: true, phrase: false, prefix: false, fuzzy: false, persistence: false },
    build: () => {
      throw new Error('not built here')
    },
  }
}

/** Answers each query as written with its judged docs, and any rewritten text with nothing. */
const relevantByText = new Map(sampleFa.querySets[0].queries.map((q) => [q.text, q.relevant]))
const oracle = (text: string) => relevantByText.get(text) ?? []

function luceneFixture(docs = sampleFa.docs.length): LuceneResults {
  const quality = scoreExternalRankings(
    sampleFa,
    fakeEngine(LUCENE_ENGINE_ID, 'lucene'),
    plan,
    quiet,
    (qs) => {
      const out = new Map<string, string[]>()
      for (const [key, text] of qs) out.set(key, oracle(text))
      return out
    },
  )
  const now = new Date().toISOString()
  return {
    schema: LUCENE_SCHEMA,
    startedAt: now,
    finishedAt: now,
    durationSeconds: 3,
    machine: describeMachine(),
    command: 'npm run bench:lucene',
    lucene: { version: '8.8.1', java: 'openjdk 17', jars: ['lucene-core-8.8.1.jar'] },
    config: 'PersianAnalyzer / ArabicAnalyzer, BM25',
    notes: [],
    collections: [{ ...describeCollection(sampleFa), docs }],
    quality,
  }
}

function benchFixture(): BenchResults {
  const kavosh = fakeEngine('kavosh', 'kavosh')
  const quality = measureQuality(
    sampleFa,
    kavosh,
    { search: (text) => oracle(text).slice(0, 1) },
    plan,
    quiet,
    'k',
  )
  const now = new Date().toISOString()
  return {
    schema: RESULTS_SCHEMA,
    mode: 'full',
    startedAt: now,
    finishedAt: now,
    durationSeconds: 1,
    machine: describeMachine(),
    command: 'test',
    options: { corporaDir: '/nonexistent', corpora: ['sample-fa'], libs: ['kavosh'], sections: ['quality'] },
    method: { warmups: 1, gcBetweenRepetitions: false, repetitions: {}, notes: [] },
    collections: [describeCollection(sampleFa)],
    engines: [{ ...kavosh }].map(({ id, library, version, variant, config, supports }) => ({
      id,
      library,
      version,
      variant,
      config,
      supports,
    })),
    skipped: [],
    analysis: [],
    build: [],
    queries: [],
    persistence: [],
    quality,
    ratios: [],
  }
}

describe('Lucene runner I/O', () => {
  it('writes docs as one TSV line: id, tab, title and text with tabs and line breaks as spaces', () => {
    expect(tsvText('a\tb\r\nc')).toBe('a b  c')
    expect(docLine({ id: 'd1', lang: 'fa', title: 'عنوان', text: 'متن\tاول\nدوم' })).toBe(
      'd1\tعنوان متن اول دوم',
    )
    expect(docLine({ id: 'd2', lang: 'ar', text: 'نص' })).toBe('d2\tنص')
    expect(() => docLine({ id: 'd\t3', lang: 'fa', text: 'x' })).toThrow(/tab or line break/)
  })

  it('parses the rankings and refuses unknown, repeated or missing query keys', () => {
    const r = parseRankings('q0\td1\td2\nq1\n', ['q0', 'q1'])
    expect([...r]).toEqual([
      ['q0', ['d1', 'd2']],
      ['q1', []],
    ])
    expect(parseRankings('q0\td1\r\n', ['q0']).get('q0')).toEqual(['d1'])
    expect(() => parseRankings('q9\td1\n', ['q0'])).toThrow(/unknown query key/)
    expect(() => parseRankings('q0\nq0\n', ['q0'])).toThrow(/twice/)
    expect(() => parseRankings('q0\n', ['q0', 'q1'])).toThrow(/did not answer 1 queries/)
  })

  it('finds the query parser jar in LUCENE_JARS or next to lucene-core', () => {
    const list = (files: string[]) => () => files
    expect(queryParserJar(['/j/lucene-core-8.7.0.jar', '/x/lucene-queryparser-9.0.jar'], list([]))).toBe(
      '/x/lucene-queryparser-9.0.jar',
    )
    expect(
      queryParserJar(
        ['/usr/share/java/lucene-core-8.7.0.jar'],
        list(['lucene-queryparser-8.6.0.jar', 'lucene-queryparser-8.7.0.jar']),
      ),
    ).toBe('/usr/share/java/lucene-queryparser-8.7.0.jar')
    expect(queryParserJar(['/j/lucene-core.jar'], list(['lucene-queryparser-8.7.0.jar']))).toBe(
      '/j/lucene-queryparser-8.7.0.jar',
    )
    expect(queryParserJar(['/j/lucene-core-8.7.0.jar'], list(['lucene-core-8.7.0.jar']))).toBeUndefined()
    expect(queryParserJar(['/j/other.jar'], list([]))).toBeUndefined()
  })
})

describe('scoring batch rankings with the bench quality code', () => {
  it('asks each query text once (variants included) and scores exactly like an index answering the same', () => {
    const asked: string[][] = []
    let askedLimit = 0
    const rankAll: BatchRanker = (qs, limit) => {
      asked.push([...qs.values()])
      askedLimit = limit
      return new Map([...qs].map(([key, text]) => [key, oracle(text)]))
    }
    const engine = fakeEngine(LUCENE_ENGINE_ID, 'lucene')
    const batch = scoreExternalRankings(sampleFa, engine, plan, quiet, rankAll)
    const direct = measureQuality(sampleFa, engine, { search: oracle }, plan, quiet, 'direct')
    expect(batch).toEqual(direct)
    expect(asked).toHaveLength(1)
    expect(new Set(asked[0]).size).toBe(asked[0].length)
    for (const q of sampleFa.querySets[0].queries) expect(asked[0]).toContain(q.text)
    expect(asked[0].length).toBeGreaterThan(sampleFa.querySets[0].queries.length) // rewritten texts too
    expect(askedLimit).toBe(100)
    const original = batch.find((r) => r.variant === 'original' && r.split === 'all')!
    expect(original.metrics.mrr10).toBe(1)
  })

  it('fails loudly when a ranking is missing', () => {
    expect(() =>
      scoreExternalRankings(sampleFa, fakeEngine('lucene', 'lucene'), plan, quiet, () => new Map()),
    ).toThrow(/returned no ranking/)
  })
})

describe('Lucene reference results', () => {
  it('validates the file and loads it, ignoring a missing or malformed one with a warning', () => {
    const l = luceneFixture()
    expect(validateLuceneResults(l)).toEqual([])
    expect(validateLuceneResults({ ...l, schema: 'x' })).toContain(`schema: expected '${LUCENE_SCHEMA}'`)
    expect(validateLuceneResults({ ...l, lucene: {} })).toContain('lucene: expected { version, java, jars }')
    const bad = { ...l, quality: [{ ...l.quality[0], metrics: { ...l.quality[0].metrics, map: 2 } }] }
    expect(validateLuceneResults(bad).some((e) => e.startsWith('quality[0].metrics.map'))).toBe(true)

    const dir = mkdtempSync(join(tmpdir(), 'kavosh-lucene-test-'))
    const warnings: string[] = []
    const warn = (m: string) => warnings.push(m)
    expect(loadLuceneResults(join(dir, 'absent.json'), warn)).toBeUndefined()
    writeFileSync(join(dir, 'good.json'), JSON.stringify(l))
    expect(loadLuceneResults(join(dir, 'good.json'), warn)).toEqual(l)
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad))
    expect(loadLuceneResults(join(dir, 'bad.json'), warn)).toBeUndefined()
    writeFileSync(join(dir, 'broken.json'), '{')
    expect(loadLuceneResults(join(dir, 'broken.json'), warn)).toBeUndefined()
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(/malformed/)
    expect(warnings[1]).toMatch(/not valid JSON/)
  })

  it('summarises a run as Markdown', () => {
    const md = luceneSummaryMarkdown(luceneFixture())
    expect(md).toContain('Lucene 8.8.1 reference')
    expect(md).toMatch(/\| sample-fa \| \d+ · \d+ \| 1\.000 · 1\.000 \|/)
    expect(md).toContain('| query set | yeh-kaf |')
  })

  it('the report shows a Lucene column wherever the run scored the same docs and queries', () => {
    const r = benchFixture()
    const l = luceneFixture()
    expect(comparableLuceneRows(r, l)).toEqual({ rows: l.quality, omitted: 0 })
    const md = renderMarkdown(r, l)
    expect(md).toContain('| Lucene 8.8.1 (reference) | 8.8.1 | PersianAnalyzer / ArabicAnalyzer, BM25 |')
    expect(md).toContain('Lucene 8.8.1 (reference): from `bench/results/lucene.json`')
    const ndcgAll = md.slice(md.indexOf('nDCG@10 ↑, all queries'))
    const header = ndcgAll.split('\n').find((line) => line.startsWith('| setting'))!
    expect(header).toBe('| setting ▸ query set | **kavosh** | Lucene 8.8.1 (reference) |')
    expect(ndcgAll).toMatch(/\| sample-fa \(\d+ q\) \| [0-9.]+ \| 1\.000 \|/)
    expect(md).toMatch(
      /\| sample-fa \| Lucene 8\.8\.1 \(reference\) \| 1\.000 · 1\.000 \| 1\.000 · 1\.000 \| 1\.000/,
    )
    expect(md).toMatch(/\| yeh-kaf \(\d+\/\d+\) \| [0-9.]+ \| [0-9.]+ \|/)
    // Without the reference no Lucene column or source shows (the targets table still names Lucene's
    // figures, as the issues set them, and reads the targets against Lucene as not measured).
    const without = renderMarkdown(r)
    expect(without).not.toContain('(reference)')
    expect(without).not.toContain('bench/results/lucene.json')
    expect(without).toMatch(/\| #5 \| hamshahri-subset MAP above Lucene's \| — \| — \|/)
  })

  it('leaves the Lucene figures out when the run scored other docs or queries (a quick run)', () => {
    const r = benchFixture()
    const l = luceneFixture(sampleFa.docs.length + 1)
    expect(comparableLuceneRows(r, l).rows).toEqual([])
    const md = renderMarkdown(r, l)
    expect(md).toContain('is not shown: this run scored other documents or queries')
    expect(md).not.toContain('Lucene 8.8.1 (reference)')
    const fewer = {
      ...luceneFixture(),
      quality: luceneFixture().quality.map((q) => ({ ...q, queries: q.queries + 1 })),
    }
    expect(comparableLuceneRows(r, fewer)).toEqual({ rows: [], omitted: fewer.quality.length })
  })
})

describe('bench:lucene-diff', () => {
  const queries = [
    { id: 'a', lang: 'fa' as const, text: 'اول', relevant: ['d1'] },
    { id: 'b', lang: 'fa' as const, text: 'دوم  سوم', relevant: ['d2'] },
    { id: 'c', lang: 'fa' as const, text: 'چهارم', relevant: ['d3'] },
    { id: 'd', lang: 'fa' as const, text: 'پنجم', relevant: ['d4'] },
  ]
  const kavosh = new Map([
    ['a', ['d1']],
    ['b', ['x', 'x2', 'd2']],
    ['c', ['d3']],
  ])
  const lucene = new Map([
    ['a', ['d1']],
    ['b', ['d2']],
    ['c', ['y', 'd3']],
    ['d', ['d4']],
  ])
  it('lists the queries ranked differently, kavosh losses first, with each top', () => {
    const rows = rankingDifferences(queries, kavosh, lucene, 2)
    expect(rows.map((r) => [r.query.id, r.kavosh, r.lucene])).toEqual([
      ['d', 0, 1],
      ['b', 1 / 3, 1],
      ['c', 1, 0.5],
    ])
    expect(rows[1]!.kavoshTop).toEqual(['x', 'x2'])
    expect(rows[1]!.luceneTop).toEqual(['d2'])
    expect(['tune', 'test']).toContain(rows[0]!.half)
  })
  it('prints one tab-separated line per query and the two MRR figures', () => {
    const text = formatDifferences(rankingDifferences(queries, kavosh, lucene), {
      kavosh: 0.58,
      lucene: 0.875,
      queries: 4,
    })
    const lines = text.trimEnd().split('\n')
    expect(lines).toHaveLength(5)
    expect(lines[2]!.split('\t').slice(0, 3)).toEqual(['-0.67', '0.33', '1.00'])
    expect(lines[2]!).toContain('\tدوم سوم\t')
    expect(lines[4]).toBe(
      'MRR@10 kavosh 0.5800, Lucene 0.8750 over 4 queries; 3 ranked differently (2 better in Lucene)',
    )
  })

  it('reads the seconds of a build from the build timer and refuses anything else', () => {
    expect(parseBuildSeconds('build 1.250000')).toBe(1.25)
    expect(parseBuildSeconds('build 0.5\r')).toBe(0.5)
    expect(() => parseBuildSeconds('build 0')).toThrow(/unexpected line/)
    expect(() => parseBuildSeconds('Exception in thread "main"')).toThrow(/unexpected line/)
  })

  // Runs Lucene itself: only where a JDK and Lucene's jars are (npm run test:es installs them).
  it.skipIf(!findLucene().ok)(
    'times builds of a collection in one JVM, one per request',
    async () => {
      const ranker = compileRanker()
      if ('error' in ranker) throw new Error(ranker.error)
      try {
        const timer = await ranker.buildTimer('persian', sampleFa.docs)
        try {
          const first = await timer.build()
          const second = await timer.build()
          expect(first).toBeGreaterThan(0)
          expect(second).toBeGreaterThan(0)
        } finally {
          await timer.close()
        }
      } finally {
        ranker.dispose()
      }
    },
    60_000,
  )
})
