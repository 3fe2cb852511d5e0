/**
 * The shape of bench/results/*.json and its validator. CI checks that a run produced a well-formed file,
 * never what the timings are.
 */
import type { QueryKind } from '../engines/types'
import type { MachineInfo } from './machine'
import { METRIC_NAMES, type QualityMetrics } from './metrics'
import type { Summary } from './stats'
import type { VariantName } from './variants'

export const RESULTS_SCHEMA = 'kavosh-bench/1'

export const SECTIONS = ['analysis', 'build', 'queries', 'persistence', 'quality'] as const
export type SectionName = (typeof SECTIONS)[number]

export interface EngineInfo {
  id: string
  library: string
  version: string
  variant: 'default' | 'fa-ar'
  config: string
  supports: Record<QueryKind, boolean> & { persistence: boolean }
}

export interface CollectionInfo {
  name: string
  lang: 'fa' | 'ar'
  kind: 'corpus' | 'pooled' | 'sample'
  docs: number
  bytes: number
  querySets: { name: string; queries: number }[]
  licence: string
  members?: string[]
  slice?: string
}

export interface AnalysisResult {
  collection: string
  /** 'kavosh' or a peer engine id. */
  engine: string
  /** 'normalize', 'analyze (stem)', 'analyze (no stem)' for kavosh; 'tokenize+normalize' for peers. */
  operation: string
  bytes: number
  mbPerSec: Summary
  /** Terms produced per 1000 bytes of text (null for normalize): shows analyzers that drop or shred text. */
  termsPerKB: number | null
}

export interface BuildResult {
  collection: string
  engine: string
  docs: number
  bytes: number
  ms: Summary
  docsPerSec: Summary
  mbPerSec: Summary
  /**
   * Retained JS heap (heapUsed delta after GC, index alive) per MB of UTF-8 text, in bytes; measured on the
   * kept (last) build; null when not measured (quick runs, no --expose-gc).
   */
  heapBytesPerMB: Summary | null
  /** Same, heapUsed + external (ArrayBuffer backing stores), so typed-array indexes are counted too. */
  retainedBytesPerMB: Summary | null
  /**
   * The same build on worker threads, for an engine that has one (kavosh/node), timed right after the
   * one-thread builds of the same run; absent otherwise.
   */
  parallel?: ParallelBuildFigures
  /**
   * Builds of the same documents by this engine and a peer in turn (the order alternating from pair to
   * pair), after every other section of the collection; absent when the run has no such pairs.
   */
  paired?: PairedBuildFigures
  /**
   * Builds of the same documents by this engine and Lucene (PersianAnalyzer or ArabicAnalyzer, in a JVM kept
   * warm for the pairs, `bench/lucene`) in turn; absent when the run has no such pairs (no JDK and Lucene
   * jars, a quick run, or a corpus in neither language).
   */
  pairedLucene?: PairedBuildFigures
  /** Documents added to the built index in small batches (a feed), after the collection's other sections. */
  feed?: FeedFigures
}

/**
 * A feed: documents added in small batches to an index already built (a newsroom indexing the wire as it
 * arrives), with the engine's own way of adding to a built index (`Engine.addBatch`), once per engine.
 */
export interface FeedFigures {
  /** Documents in the index the feed starts from. */
  baseDocs: number
  /** Documents added (the collection's first ones again, under new ids) and their UTF-8 bytes. */
  docs: number
  bytes: number
  /** Documents per batch, and batches. */
  batchDocs: number
  batches: number
  /** Sum of the batches' times. */
  ms: number
  mbPerSec: number
  /** Time of one batch: median and 99th percentile, ms. */
  batchP50Ms: number
  batchP99Ms: number
}

/**
 * Paired builds: the ratio of build speeds read pair by pair, so that a slow or fast stretch of a shared
 * machine moves both figures of a pair instead of only one engine's (peers measured minutes apart swung by
 * ±30 % between runs: flexsearch/default 6.8–11.1 MB/s on hamshahri-subset on the same day).
 */
export interface PairedBuildFigures {
  /** The peer configuration built in turn with this engine. */
  against: string
  pairs: number
  /** Documents and UTF-8 bytes built: the whole corpus where the run's other sections read a cut. */
  docs: number
  bytes: number
  /** This engine's builds in the pairs. */
  mbPerSec: Summary
  /** The peer's builds in the pairs. */
  peerMbPerSec: Summary
  /** Per pair, the peer's build time ÷ this engine's: how many times faster this engine built. */
  ratio: Summary
}

export interface ParallelBuildFigures {
  workers: number
  ms: Summary
  mbPerSec: Summary
  /** Median one-thread build time ÷ median parallel build time (same run, same documents). */
  speedup: number
  /** The parallel index answered a few probe queries exactly like the one-thread index. */
  sameResults: boolean
}

export interface QueryLatencyResult {
  collection: string
  engine: string
  kind: QueryKind
  queries: number
  /** Median over repetitions of each repetition's percentile, in milliseconds. */
  p50Ms: Summary
  p99Ms: Summary
  /** Mean number of ids returned (limit 10): shows engines that answer nothing. */
  meanHits: number
}

export interface PersistenceResult {
  collection: string
  engine: string
  savedBytes: number
  saveMs: Summary
  loadMs: Summary
  /** Median load time ÷ median build time of the same collection and engine. */
  loadOverBuild: number
  /** The loaded index returned the same top-10 ids as the original for a handful of queries. */
  roundTripAgrees: boolean
}

export type QualityVariant = 'original' | VariantName

/** Which queries of a set a quality row scores (see {@link QualityResult.split}). */
export type QualitySplit = 'all' | 'test' | 'pooled-sample'

export interface QualityResult {
  collection: string
  querySet: string
  engine: string
  variant: QualityVariant
  /**
   * 'all' queries, the held-out 'test' half (hash of the query id), or, on a corpus whose query set the
   * pooled settings sample, 'pooled-sample': the same queries as the pooled setting scores (original
   * queries only), so that the score lost to pooling is read on the same queries.
   */
  split: QualitySplit
  queries: number
  /** Queries the variant rewrote (0 for 'original'). */
  changedQueries: number
  metrics: QualityMetrics
  /** Each metric ÷ the same metric on the unperturbed queries; null for 'original' (or when that is 0). */
  ratioToOriginal: Partial<QualityMetrics> | null
}

export interface RatioResult {
  section: SectionName
  collection: string
  /** e.g. 'docsPerSec', 'p50Ms:keyword', 'ndcg10'. */
  metric: string
  peer: string
  kavosh: number
  peerValue: number
  /** kavosh ÷ peer. */
  ratio: number
  /** Whether a higher raw figure is better (so ratio > 1 means kavosh is better). */
  higherIsBetter: boolean
}

export interface BenchResults {
  schema: typeof RESULTS_SCHEMA
  mode: 'full' | 'quick'
  startedAt: string
  finishedAt: string
  durationSeconds: number
  machine: MachineInfo
  command: string
  options: { corporaDir: string; corpora: string[]; libs: string[]; sections: SectionName[] }
  method: {
    warmups: number
    gcBetweenRepetitions: boolean
    repetitions: Record<string, number>
    notes: string[]
  }
  collections: CollectionInfo[]
  engines: EngineInfo[]
  skipped: { what: string; reason: string }[]
  analysis: AnalysisResult[]
  build: BuildResult[]
  queries: QueryLatencyResult[]
  persistence: PersistenceResult[]
  quality: QualityResult[]
  ratios: RatioResult[]
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function checkSummary(v: unknown, where: string, errors: string[], allowNull = false): void {
  if (v === null && allowNull) return
  if (!isObject(v)) {
    errors.push(`${where}: expected a summary object`)
    return
  }
  for (const k of ['median', 'min', 'max', 'n'] as const) {
    if (!isFiniteNumber(v[k]) || (v[k] as number) < 0)
      errors.push(`${where}.${k}: expected a finite number ≥ 0`)
  }
  if (isFiniteNumber(v.min) && isFiniteNumber(v.max) && isFiniteNumber(v.median)) {
    const eps = 1e-9 * Math.max(1, Math.abs(v.max))
    if (v.min > v.median + eps || v.median > v.max + eps) errors.push(`${where}: expected min ≤ median ≤ max`)
  }
}

/**
 * Checks that `data` has the shape of {@link BenchResults}: required fields, finite non-negative figures,
 * metrics in [0, 1], references to declared engines and collections. Returns a list of problems (empty when
 * well formed).
 */
export function validateResults(data: unknown): string[] {
  const errors: string[] = []
  if (!isObject(data)) return ['results: expected an object']
  if (data.schema !== RESULTS_SCHEMA) errors.push(`schema: expected '${RESULTS_SCHEMA}'`)
  if (data.mode !== 'full' && data.mode !== 'quick') errors.push("mode: expected 'full' or 'quick'")
  for (const k of ['startedAt', 'finishedAt'] as const) {
    if (typeof data[k] !== 'string' || Number.isNaN(Date.parse(data[k] as string)))
      errors.push(`${k}: expected an ISO date`)
  }
  if (!isFiniteNumber(data.durationSeconds) || data.durationSeconds < 0)
    errors.push('durationSeconds: expected ≥ 0')
  const m = data.machine
  if (!isObject(m)) errors.push('machine: expected an object')
  else {
    for (const k of ['cpuModel', 'nodeVersion', 'platform', 'arch', 'date'] as const) {
      if (typeof m[k] !== 'string' || !m[k]) errors.push(`machine.${k}: expected a string`)
    }
    if (!isFiniteNumber(m.cores) || m.cores < 1) errors.push('machine.cores: expected ≥ 1')
  }
  if (!isObject(data.method) || !Array.isArray(data.method.notes))
    errors.push('method: expected { warmups, repetitions, notes }')

  const engineIds = new Set<string>()
  if (!Array.isArray(data.engines) || data.engines.length === 0)
    errors.push('engines: expected a non-empty array')
  else
    data.engines.forEach((e, i) => {
      if (
        !isObject(e) ||
        typeof e.id !== 'string' ||
        typeof e.config !== 'string' ||
        typeof e.version !== 'string'
      )
        errors.push(`engines[${i}]: expected { id, library, version, config, supports }`)
      else engineIds.add(e.id)
    })
  const collectionNames = new Set<string>()
  if (!Array.isArray(data.collections) || data.collections.length === 0)
    errors.push('collections: expected a non-empty array')
  else
    data.collections.forEach((c, i) => {
      if (!isObject(c) || typeof c.name !== 'string' || !isFiniteNumber(c.docs) || !isFiniteNumber(c.bytes))
        errors.push(`collections[${i}]: expected { name, lang, docs, bytes, ... }`)
      else collectionNames.add(c.name)
    })
  if (!Array.isArray(data.skipped)) errors.push('skipped: expected an array')

  const rows = (key: string): Record<string, unknown>[] => {
    const v = data[key]
    if (!Array.isArray(v)) {
      errors.push(`${key}: expected an array`)
      return []
    }
    return v.filter((row, i) => {
      if (!isObject(row)) errors.push(`${key}[${i}]: expected an object`)
      return isObject(row)
    }) as Record<string, unknown>[]
  }
  const refs = (row: Record<string, unknown>, where: string, engineKey = 'engine') => {
    if (!collectionNames.has(row.collection as string))
      errors.push(`${where}.collection: unknown '${row.collection}'`)
    if (engineKey && !engineIds.has(row[engineKey] as string))
      errors.push(`${where}.${engineKey}: unknown '${row[engineKey]}'`)
  }

  rows('analysis').forEach((r, i) => {
    const w = `analysis[${i}]`
    if (!collectionNames.has(r.collection as string))
      errors.push(`${w}.collection: unknown '${r.collection}'`)
    if (typeof r.engine !== 'string' || typeof r.operation !== 'string')
      errors.push(`${w}: expected engine, operation`)
    checkSummary(r.mbPerSec, `${w}.mbPerSec`, errors)
    if (r.termsPerKB !== null && (!isFiniteNumber(r.termsPerKB) || r.termsPerKB < 0))
      errors.push(`${w}.termsPerKB: expected null or a number ≥ 0`)
  })
  rows('build').forEach((r, i) => {
    const w = `build[${i}]`
    refs(r, w)
    checkSummary(r.ms, `${w}.ms`, errors)
    checkSummary(r.docsPerSec, `${w}.docsPerSec`, errors)
    checkSummary(r.mbPerSec, `${w}.mbPerSec`, errors)
    checkSummary(r.heapBytesPerMB, `${w}.heapBytesPerMB`, errors, true)
    checkSummary(r.retainedBytesPerMB, `${w}.retainedBytesPerMB`, errors, true)
    if (r.parallel !== undefined) {
      const p = r.parallel
      if (!isObject(p)) errors.push(`${w}.parallel: expected an object`)
      else {
        if (!Number.isInteger(p.workers) || (p.workers as number) < 1)
          errors.push(`${w}.parallel.workers: expected an integer ≥ 1`)
        checkSummary(p.ms, `${w}.parallel.ms`, errors)
        checkSummary(p.mbPerSec, `${w}.parallel.mbPerSec`, errors)
        if (!isFiniteNumber(p.speedup) || p.speedup <= 0) errors.push(`${w}.parallel.speedup: expected > 0`)
        if (typeof p.sameResults !== 'boolean') errors.push(`${w}.parallel.sameResults: expected a boolean`)
      }
    }
    if (r.feed !== undefined) {
      const f = r.feed
      if (!isObject(f)) errors.push(`${w}.feed: expected an object`)
      else {
        for (const k of ['baseDocs', 'docs', 'batchDocs', 'batches'] as const)
          if (!Number.isInteger(f[k]) || (f[k] as number) < 1)
            errors.push(`${w}.feed.${k}: expected an integer ≥ 1`)
        for (const k of ['bytes', 'ms', 'mbPerSec', 'batchP50Ms', 'batchP99Ms'] as const)
          if (!isFiniteNumber(f[k]) || (f[k] as number) <= 0) errors.push(`${w}.feed.${k}: expected > 0`)
      }
    }
    for (const key of ['paired', 'pairedLucene'] as const) {
      if (r[key] === undefined) continue
      const p = r[key]
      const at = `${w}.${key}`
      if (!isObject(p)) errors.push(`${at}: expected an object`)
      else {
        if (typeof p.against !== 'string') errors.push(`${at}.against: expected an engine id`)
        if (!Number.isInteger(p.pairs) || (p.pairs as number) < 1)
          errors.push(`${at}.pairs: expected an integer ≥ 1`)
        if (!Number.isInteger(p.docs) || (p.docs as number) < 1 || !isFiniteNumber(p.bytes) || p.bytes <= 0)
          errors.push(`${at}: expected docs ≥ 1 and bytes > 0`)
        checkSummary(p.mbPerSec, `${at}.mbPerSec`, errors)
        checkSummary(p.peerMbPerSec, `${at}.peerMbPerSec`, errors)
        checkSummary(p.ratio, `${at}.ratio`, errors)
      }
    }
  })
  rows('queries').forEach((r, i) => {
    const w = `queries[${i}]`
    refs(r, w)
    if (!['keyword', 'phrase', 'prefix', 'fuzzy'].includes(r.kind as string))
      errors.push(`${w}.kind: unknown`)
    checkSummary(r.p50Ms, `${w}.p50Ms`, errors)
    checkSummary(r.p99Ms, `${w}.p99Ms`, errors)
    if (!isFiniteNumber(r.queries) || r.queries < 1) errors.push(`${w}.queries: expected ≥ 1`)
  })
  rows('persistence').forEach((r, i) => {
    const w = `persistence[${i}]`
    refs(r, w)
    if (!isFiniteNumber(r.savedBytes) || r.savedBytes <= 0) errors.push(`${w}.savedBytes: expected > 0`)
    checkSummary(r.saveMs, `${w}.saveMs`, errors)
    checkSummary(r.loadMs, `${w}.loadMs`, errors)
    if (!isFiniteNumber(r.loadOverBuild) || r.loadOverBuild < 0)
      errors.push(`${w}.loadOverBuild: expected ≥ 0`)
    if (typeof r.roundTripAgrees !== 'boolean') errors.push(`${w}.roundTripAgrees: expected a boolean`)
  })
  rows('quality').forEach((r, i) => {
    const w = `quality[${i}]`
    refs(r, w)
    if (r.split !== 'all' && r.split !== 'test' && r.split !== 'pooled-sample')
      errors.push(`${w}.split: expected 'all', 'test' or 'pooled-sample'`)
    if (typeof r.variant !== 'string' || typeof r.querySet !== 'string')
      errors.push(`${w}: expected variant, querySet`)
    if (!isFiniteNumber(r.queries) || r.queries < 0) errors.push(`${w}.queries: expected ≥ 0`)
    const metrics = r.metrics
    if (!isObject(metrics)) errors.push(`${w}.metrics: expected an object`)
    else
      for (const k of METRIC_NAMES) {
        const v = metrics[k]
        if (!isFiniteNumber(v) || v < 0 || v > 1 + 1e-9)
          errors.push(`${w}.metrics.${k}: expected a number in [0, 1]`)
      }
  })
  rows('ratios').forEach((r, i) => {
    const w = `ratios[${i}]`
    if (!engineIds.has(r.peer as string)) errors.push(`${w}.peer: unknown '${r.peer}'`)
    if (!isFiniteNumber(r.ratio) || r.ratio < 0) errors.push(`${w}.ratio: expected a finite number ≥ 0`)
    if (typeof r.higherIsBetter !== 'boolean') errors.push(`${w}.higherIsBetter: expected a boolean`)
  })
  return errors
}
