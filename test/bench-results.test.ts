import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkResultsFile } from '../bench/check-results'
import { flexsearchEngines } from '../bench/engines/flexsearch'
import { minisearchEngines } from '../bench/engines/minisearch'
import { oramaEngines } from '../bench/engines/orama'
import { foldPersianArabic } from '../bench/engines/peer-folding'
import { outputName, parseCliOptions } from '../bench/lib/cli-options'
import {
  type Collection,
  describeCollection,
  loadCollections,
  resolveCorporaDir,
  sliceCorpus,
  utf8Bytes,
} from '../bench/lib/corpora'
import { describeMachine } from '../bench/lib/machine'
import { Progress } from '../bench/lib/progress'
import { computeRatios } from '../bench/lib/ratios'
import { renderMarkdown } from '../bench/lib/report-markdown'
import { type BenchResults, RESULTS_SCHEMA, SECTIONS, validateResults } from '../bench/lib/results'
import { quickPlan } from '../bench/lib/run-plan'
import { spliceBenchResults } from '../bench/readme'
import { runIndexSections } from '../bench/sections/index-sections'

const quietProgress = new Progress(process.stderr, true)

async function sampleRun(): Promise<BenchResults> {
  const plan = quickPlan()
  const { collections, usedSample } = loadCollections('/nonexistent-corpora-dir', {
    names: [],
    limitsFor: () => ({}),
    describeLimits: () => undefined,
  })
  expect(usedSample).toBe(true)
  const engines = [...minisearchEngines(), ...flexsearchEngines(), ...oramaEngines()]
  const indexed = await runIndexSections(collections, engines, new Set(SECTIONS), plan, quietProgress)
  const now = new Date().toISOString()
  const partial: Omit<BenchResults, 'ratios'> = {
    schema: RESULTS_SCHEMA,
    mode: 'quick' as const,
    startedAt: now,
    finishedAt: now,
    durationSeconds: 1,
    machine: describeMachine(),
    command: 'test',
    options: {
      corporaDir: '/nonexistent',
      corpora: collections.map((c) => c.name),
      libs: [],
      sections: [...SECTIONS],
    },
    method: { warmups: 1, gcBetweenRepetitions: false, repetitions: { build: 1 }, notes: [] },
    collections: collections.map(describeCollection),
    engines: engines.map(({ id, library, version, variant, config, supports }) => ({
      id,
      library,
      version,
      variant,
      config,
      supports,
    })),
    skipped: indexed.skipped,
    analysis: [],
    build: indexed.build,
    queries: indexed.queries,
    persistence: indexed.persistence,
    quality: indexed.quality,
  }
  return { ...partial, ratios: computeRatios(partial, 'minisearch/fa-ar') }
}

describe('bench results', () => {
  it('a run over the bundled sample is well formed, renders, and the fa-ar peers find the sample docs', async () => {
    const r = await sampleRun()
    expect(r.skipped).toEqual([])
    expect(validateResults(r)).toEqual([])
    for (const id of ['minisearch/fa-ar', 'flexsearch/fa-ar', 'orama/fa-ar']) {
      const q = r.quality.find(
        (x) =>
          x.engine === id && x.variant === 'original' && x.split === 'all' && x.collection === 'sample-fa',
      )
      expect(q?.metrics.mrr10, id).toBeGreaterThan(0.5)
      // The fa-ar folding makes these peers robust to yeh/kaf and harakat.
      const yk = r.quality.find(
        (x) =>
          x.engine === id && x.variant === 'diacritics' && x.split === 'all' && x.collection === 'sample-ar',
      )
      expect(yk?.ratioToOriginal?.mrr10, id).toBeCloseTo(1, 5)
    }
    expect(r.persistence.every((p) => p.roundTripAgrees)).toBe(true)
    expect(r.ratios.length).toBeGreaterThan(0)
    const md = renderMarkdown(r)
    expect(md).toContain('### Corpora')
    expect(md).toContain('### 5. Ranking quality')
    expect(md).toContain("'test' half")

    const dir = mkdtempSync(join(tmpdir(), 'kavosh-bench-'))
    writeFileSync(join(dir, 'x.json'), JSON.stringify(r))
    writeFileSync(join(dir, 'x.md'), md)
    expect(checkResultsFile(join(dir, 'x.json'))).toEqual([])
  })

  it('a multi-core build figure is rendered and checked for shape', async () => {
    const r = await sampleRun()
    const row = r.build[0]
    row.parallel = { workers: 2, ms: row.ms, mbPerSec: row.mbPerSec, speedup: 1.4, sameResults: true }
    expect(validateResults(r)).toEqual([])
    expect(renderMarkdown(r)).toContain('Multi-core build')
    row.parallel = { workers: 0, ms: row.ms, mbPerSec: null, speedup: -1, sameResults: 'yes' } as never
    expect(validateResults(r)).toEqual([
      'build[0].parallel.workers: expected an integer ≥ 1',
      'build[0].parallel.mbPerSec: expected a summary object',
      'build[0].parallel.speedup: expected > 0',
      'build[0].parallel.sameResults: expected a boolean',
    ])
  })

  it('paired build figures are rendered and checked for shape', async () => {
    const r = await sampleRun()
    const row = r.build[0]
    row.paired = {
      against: 'flexsearch/default',
      pairs: 3,
      docs: row.docs,
      bytes: row.bytes * 8,
      mbPerSec: row.mbPerSec,
      peerMbPerSec: row.mbPerSec,
      ratio: { median: 3.5, min: 3.1, max: 3.9, n: 3 },
    }
    row.pairedLucene = { ...row.paired, against: 'lucene', ratio: { median: 1.9, min: 1.7, max: 2.2, n: 3 } }
    expect(validateResults(r)).toEqual([])
    const md = renderMarkdown(r)
    expect(md).toContain('Paired builds: kavosh and each of flexsearch/default, lucene')
    expect(md).toContain('| flexsearch/default |')
    expect(md).toContain('3.50× (3.10–3.90)')
    expect(md).toContain('| lucene |')
    expect(md).toContain('1.90× (1.70–2.20)')
    expect(md).toContain('(whole corpus)')
    row.pairedLucene = { ...row.pairedLucene, pairs: 0 }
    expect(validateResults(r)).toEqual(['build[0].pairedLucene.pairs: expected an integer ≥ 1'])
    row.pairedLucene = undefined
    row.paired = {
      against: 1,
      pairs: 0,
      docs: 0,
      bytes: 1,
      mbPerSec: null,
      peerMbPerSec: row.mbPerSec,
      ratio: 'x',
    } as never
    expect(validateResults(r)).toEqual([
      'build[0].paired.against: expected an engine id',
      'build[0].paired.pairs: expected an integer ≥ 1',
      'build[0].paired: expected docs ≥ 1 and bytes > 0',
      'build[0].paired.mbPerSec: expected a summary object',
      'build[0].paired.ratio: expected a summary object',
    ])
  })

  it('feeds a built index in batches: measured, rendered, checked for shape, compared', async () => {
    const docs = Array.from({ length: 44 }, (_, i) => ({
      id: `d${i}`,
      lang: 'fa' as const,
      title: `خبر ${i}`,
      text: `متن خبر شماره ${i} درباره بازار و ورزش و سیاست`,
    }))
    const collection: Collection = {
      name: 'sample-fa',
      lang: 'fa',
      kind: 'sample',
      docs,
      querySets: [],
      bytes: utf8Bytes(docs),
      roles: { throughput: true, judged: false },
      licence: 'test',
    }
    const engines = [...minisearchEngines(), ...flexsearchEngines()].filter((e) => e.variant === 'default')
    const plan = { ...quickPlan(), pairedBuilds: 0 }
    const indexed = await runIndexSections(
      [collection],
      engines,
      new Set(['build'] as const),
      plan,
      quietProgress,
    )
    for (const row of indexed.build) {
      // The first 20 documents again (at most half of 44), 5 at a time.
      expect(row.feed).toMatchObject({ baseDocs: 44, docs: 20, batchDocs: 5, batches: 4 })
      expect(row.feed!.bytes).toBe(utf8Bytes(docs.slice(0, 20)))
      expect(row.feed!.batchP99Ms).toBeGreaterThanOrEqual(row.feed!.batchP50Ms)
    }
    const r = await sampleRun()
    r.build = indexed.build // on a collection named as the bundled sample's
    r.ratios = computeRatios(r, 'minisearch/default')
    expect(validateResults(r)).toEqual([])
    expect(r.ratios.some((x) => x.metric === 'feed MB/s' && x.peer === 'flexsearch/default')).toBe(true)
    expect(renderMarkdown(r)).toContain(
      'Feed: the first 20 documents again, under new ids, added 5 at a time',
    )
    r.build[0].feed = { ...r.build[0].feed!, batches: 0, mbPerSec: Number.NaN }
    expect(validateResults(r)).toEqual([
      'build[0].feed.batches: expected an integer ≥ 1',
      'build[0].feed.mbPerSec: expected > 0',
    ])
  })

  it('validateResults reports malformed results', () => {
    expect(validateResults(null)).toEqual(['results: expected an object'])
    const errors = validateResults({
      schema: 'other',
      mode: 'slow',
      engines: [],
      collections: [],
      quality: [{ collection: 'x', engine: 'y', split: 'half', metrics: { mrr10: 2 } }],
    })
    expect(errors).toContain("schema: expected 'kavosh-bench/1'")
    expect(errors).toContain('engines: expected a non-empty array')
    expect(errors.some((e) => e.startsWith('quality[0].metrics.mrr10'))).toBe(true)
    expect(errors.some((e) => e.startsWith('quality[0].split'))).toBe(true)
    expect(errors.some((e) => e.startsWith('build: expected an array'))).toBe(true)
  })
})

describe('bench corpora and options', () => {
  it('resolves the corpora folder from the flag, then the environment, then the repo', () => {
    expect(resolveCorporaDir('/a/b', { KAVOSH_CORPORA: '/c' })).toBe('/a/b')
    expect(resolveCorporaDir(undefined, { KAVOSH_CORPORA: '/c' })).toBe('/c')
    expect(resolveCorporaDir(undefined, {})).toMatch(/shared[/\\]corpora$/)
  })

  it('reports absent corpora and falls back to the sample', () => {
    const l = loadCollections('/nonexistent', {
      names: ['hamshahri-subset', 'pooled-ar'],
      limitsFor: () => ({}),
      describeLimits: () => undefined,
    })
    expect(l.skipped.map((s) => s.name)).toEqual(['hamshahri-subset', 'pooled-ar'])
    expect(l.usedSample).toBe(true)
    expect(l.collections.map((c) => c.name)).toEqual(['sample-fa', 'sample-ar'])
  })

  it('keeps the whole corpus for the paired builds when the plan cuts it for the other sections', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavosh-corpora-'))
    mkdirSync(join(dir, 'quran-uthmani'))
    const lines = ['a', 'b', 'c', 'd'].map((id) => JSON.stringify({ id, text: 'بسم الله' }))
    writeFileSync(join(dir, 'quran-uthmani', 'docs.jsonl'), `${lines.join('\n')}\n`)
    const load = (pairedLimitsFor?: () => { maxDocs?: number }) =>
      loadCollections(dir, {
        names: ['quran-uthmani'],
        limitsFor: () => ({ maxDocs: 2 }),
        pairedLimitsFor,
        describeLimits: () => undefined,
      }).collections[0]!
    const c = load(() => ({}))
    expect(c.docs.map((d) => d.id)).toEqual(['a', 'b'])
    expect(c.paired?.docs.map((d) => d.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(c.paired?.bytes).toBe(4 * Buffer.byteLength('بسم الله'))
    // No paired limits, or the same cut: the pairs build the collection's documents.
    expect(load().paired).toBeUndefined()
    expect(load(() => ({ maxDocs: 2 })).paired).toBeUndefined()
  })

  it('sliceCorpus keeps the judged docs of the kept queries, then fills in file order', () => {
    const docs = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, lang: 'fa' as const, text: 'x' }))
    const queries = [
      { id: 'q1', lang: 'fa' as const, text: 't', relevant: ['e'] },
      { id: 'q2', lang: 'fa' as const, text: 't', relevant: ['d'] },
    ]
    const s = sliceCorpus(
      { known: { name: 'k', lang: 'fa', throughput: false, licence: '' }, docs, queries },
      {
        maxQueries: 1,
        maxDocs: 3,
      },
    )
    expect(s.queries.map((q) => q.id)).toEqual(['q1'])
    expect(s.docs.map((d) => d.id)).toEqual(['a', 'b', 'e'])
  })

  it('parses options and picks the output name', () => {
    const o = parseCliOptions([
      '--quick',
      '--corpus',
      'arcd,xquad-ar',
      '--lib=minisearch',
      '--section',
      'quality',
    ])
    expect(o).toMatchObject({
      quick: true,
      corpora: ['arcd', 'xquad-ar'],
      libs: ['minisearch'],
      sections: ['quality'],
    })
    expect(outputName(o)).toBe('quick')
    expect(outputName(parseCliOptions([]))).toBe('latest')
    expect(outputName(parseCliOptions(['--lib', 'orama']))).toBe('partial')
    expect(() => parseCliOptions(['--section', 'nope'])).toThrow(/unknown section/)
    expect(() => parseCliOptions(['--lib', 'lunr'])).toThrow(/unknown library/)
    expect(() => parseCliOptions(['--frobnicate'])).toThrow(/unknown option/)
  })

  it('the peers fold Persian/Arabic orthography the same way', () => {
    expect(foldPersianArabic('كتاب‌هاي')).toBe('کتابهای')
    expect(foldPersianArabic('مَدْرَسَةٌ')).toBe('مدرسه')
    expect(foldPersianArabic('أحمد ١٤٠٢ ۱۴۰۲ ﻛﺘﺎﺏ')).toBe('احمد 1402 1402 کتاب')
  })
})

describe('bench:readme', () => {
  it('replaces the text between the markers', () => {
    const readme = '# kavosh\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nmore\n'
    expect(spliceBenchResults(readme, 'new table\n')).toBe(
      '# kavosh\n\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\n\nmore\n',
    )
  })
  it('creates the heading and markers when missing', () => {
    expect(spliceBenchResults('# kavosh\n', 'T')).toBe(
      '# kavosh\n\n## Performance and quality\n\n<!-- bench:start -->\nT\n<!-- bench:end -->\n',
    )
    expect(spliceBenchResults('# k\n\n## Performance and quality\n\nprose\n', 'T')).toBe(
      '# k\n\n## Performance and quality\n\n<!-- bench:start -->\nT\n<!-- bench:end -->\n\nprose\n',
    )
  })
})
