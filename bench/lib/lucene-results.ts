/**
 * The Lucene reference figures (bench/results/lucene.json, written by `npm run bench:lucene`): their shape,
 * validator and loader, and which of their rows are comparable with a bench run. The report shows them
 * next to the engines of the run; they are never part of a run's own results.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { MachineInfo } from './machine'
import {
  type BenchResults,
  type CollectionInfo,
  type EngineInfo,
  type QualityResult,
  RESULTS_SCHEMA,
  validateResults,
} from './results'

export const LUCENE_SCHEMA = 'kavosh-bench-lucene/1'

/** Engine id of the Lucene rows. */
export const LUCENE_ENGINE_ID = 'lucene'

/** Where `npm run bench:lucene` writes its results, relative to the repository root. */
export const LUCENE_RESULTS_FILE = 'bench/results/lucene.json'

export interface LuceneResults {
  schema: typeof LUCENE_SCHEMA
  startedAt: string
  finishedAt: string
  durationSeconds: number
  machine: MachineInfo
  command: string
  /** Lucene's own version (`Version.LATEST`), the JVM, and the jars used. */
  lucene: { version: string; java: string; jars: string[] }
  /** How documents are indexed and queries parsed, for the report. */
  config: string
  notes: string[]
  collections: CollectionInfo[]
  /** Scored by the bench's own quality code (same queries, variants, splits); engine = LUCENE_ENGINE_ID. */
  quality: QualityResult[]
}

/** The Lucene runner as an engine of the report (quality only). */
export function luceneEngineInfo(l: LuceneResults): EngineInfo {
  return {
    id: LUCENE_ENGINE_ID,
    library: 'lucene',
    version: l.lucene.version,
    variant: 'fa-ar',
    config: l.config,
    supports: { keyword: true, phrase: false, prefix: false, fuzzy: false, persistence: false },
  }
}

/** Problems with `data` as LuceneResults (empty when well formed); the quality rows get the bench's checks. */
export function validateLuceneResults(data: unknown): string[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return ['lucene results: expected an object']
  const d = data as Record<string, unknown>
  const errors: string[] = []
  if (d.schema !== LUCENE_SCHEMA) errors.push(`schema: expected '${LUCENE_SCHEMA}'`)
  const lucene = d.lucene as Record<string, unknown> | undefined
  if (typeof lucene?.version !== 'string' || typeof lucene.java !== 'string' || !Array.isArray(lucene.jars))
    errors.push('lucene: expected { version, java, jars }')
  if (typeof d.config !== 'string') errors.push('config: expected a string')
  if (!Array.isArray(d.notes)) errors.push('notes: expected an array')
  if (errors.length > 0) return errors
  const l = data as LuceneResults
  const asBench: BenchResults = {
    schema: RESULTS_SCHEMA,
    mode: 'full',
    startedAt: l.startedAt,
    finishedAt: l.finishedAt,
    durationSeconds: l.durationSeconds,
    machine: l.machine,
    command: l.command,
    options: { corporaDir: '', corpora: [], libs: [], sections: ['quality'] },
    method: { warmups: 0, gcBetweenRepetitions: false, repetitions: {}, notes: l.notes },
    collections: l.collections,
    engines: [luceneEngineInfo(l)],
    skipped: [],
    analysis: [],
    build: [],
    queries: [],
    persistence: [],
    quality: l.quality,
    ratios: [],
  }
  return validateResults(asBench)
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * Reads bench/results/lucene.json when it exists. A malformed file is reported through `warn` and ignored,
 * so a stale reference never breaks a bench run.
 */
export function loadLuceneResults(
  file = join(repoRoot, LUCENE_RESULTS_FILE),
  warn: (message: string) => void = (m) => console.error(m),
): LuceneResults | undefined {
  if (!existsSync(file)) return undefined
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (e) {
    warn(`${file}: not valid JSON (${(e as Error).message}); the Lucene reference is not shown`)
    return undefined
  }
  const problems = validateLuceneResults(data)
  if (problems.length > 0) {
    warn(`${file} is malformed; the Lucene reference is not shown:\n  ${problems.slice(0, 10).join('\n  ')}`)
    return undefined
  }
  return data as LuceneResults
}

/**
 * The Lucene rows comparable with a run: same collection with the same number of docs, and a row of the run
 * with the same query set, variant, split and number of queries (a quick run's slices match none).
 */
export function comparableLuceneRows(
  run: Pick<BenchResults, 'collections' | 'quality'>,
  lucene: LuceneResults,
): { rows: QualityResult[]; omitted: number } {
  const docs = new Map(run.collections.map((c) => [c.name, c.docs]))
  const luceneDocs = new Map(lucene.collections.map((c) => [c.name, c.docs]))
  const runRows = new Set(
    run.quality.map((q) => [q.collection, q.querySet, q.variant, q.split, q.queries].join('\u0000')),
  )
  const rows = lucene.quality.filter(
    (q) =>
      docs.get(q.collection) !== undefined &&
      docs.get(q.collection) === luceneDocs.get(q.collection) &&
      runRows.has([q.collection, q.querySet, q.variant, q.split, q.queries].join('\u0000')),
  )
  return { rows, omitted: lucene.quality.length - rows.length }
}

const metric3 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3))

/** A short Markdown summary of a Lucene run (what `npm run bench:lucene` prints). */
export function luceneSummaryMarkdown(l: LuceneResults): string {
  const out: string[] = [
    `Lucene ${l.lucene.version} reference (${l.lucene.java}), ${l.startedAt.slice(0, 10)}, ${Math.round(l.durationSeconds)} s: ${l.config}.`,
    '',
    '| setting ▸ query set | queries (all · test) | MRR@10 | nDCG@10 | MAP@100 | R@100 |',
    '|---|---:|---:|---:|---:|---:|',
  ]
  const settings = [...new Set(l.quality.map((q) => `${q.collection}\u0000${q.querySet}`))]
  const label = (key: string) => {
    const [c, s] = key.split('\u0000')
    return c === s ? c : `${c} ▸ ${s}`
  }
  const find = (key: string, split: 'all' | 'test', variant = 'original') =>
    l.quality.find(
      (q) => `${q.collection}\u0000${q.querySet}` === key && q.split === split && q.variant === variant,
    )
  for (const key of settings) {
    const all = find(key, 'all')
    const test = find(key, 'test')
    if (!all) continue
    const cell = (k: 'mrr10' | 'ndcg10' | 'map' | 'recall100') =>
      `${metric3(all.metrics[k])} · ${metric3(test?.metrics[k])}`
    out.push(
      `| ${label(key)} | ${all.queries} · ${test?.queries ?? 0} | ${cell('mrr10')} | ${cell('ndcg10')} | ${cell('map')} | ${cell('recall100')} |`,
    )
  }
  const variants = [...new Set(l.quality.filter((q) => q.variant !== 'original').map((q) => q.variant))]
  if (variants.length > 0) {
    out.push(
      '',
      'Orthographic variants: nDCG@10 of the rewritten queries ÷ nDCG@10 of the same queries as written (changed / scored queries)',
      '',
      `| query set | ${variants.join(' | ')} |`,
      `|---|${variants.map(() => '---:').join('|')}|`,
    )
    for (const key of settings) {
      if (!variants.some((v) => find(key, 'all', v))) continue
      const cells = variants.map((v) => {
        const q = find(key, 'all', v)
        if (!q) return '—'
        const x = q.ratioToOriginal?.ndcg10
        return `${x === undefined ? '—' : x.toFixed(3)} (${q.changedQueries}/${q.queries})`
      })
      out.push(`| ${label(key)} | ${cells.join(' | ')} |`)
    }
  }
  return `${out.join('\n')}\n`
}
