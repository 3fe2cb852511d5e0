/**
 * Sections 2–5, which all need a built index: build speed and retained heap (and the multi-core build of
 * an engine that has one), query latency, persistence and ranking quality. Each (collection, engine) index is built once per repetition and then shared by the
 * later sections before it is dropped, so at most one big index is alive at a time.
 */
import type { BuiltIndex, Engine, ParallelBuilder, SavedIndex } from '../engines/types'
import { QUERY_KINDS } from '../engines/types'
import { type Collection, type JudgedQuery, utf8Bytes } from '../lib/corpora'
import { LUCENE_ENGINE_ID } from '../lib/lucene-results'
import { METRIC_NAMES, meanMetrics, type QualityMetrics, scoreQuery } from '../lib/metrics'
import type { Progress } from '../lib/progress'
import { queryHalf } from '../lib/query-split'
import { spreadSample, workloadQuery } from '../lib/query-workloads'
import type {
  BuildResult,
  FeedFigures,
  PairedBuildFigures,
  ParallelBuildFigures,
  PersistenceResult,
  QualityResult,
  QualitySplit,
  QualityVariant,
  QueryLatencyResult,
  SectionName,
} from '../lib/results'
import { MAX_LATENCY_WARMUP_PASSES, type RunPlan } from '../lib/run-plan'
import { quantile, summarize } from '../lib/stats'
import { canCollectGarbage, collectGarbage, now, settledMemory, timeAsync } from '../lib/timing'
import { applyVariant, VARIANTS } from '../lib/variants'
import type { LuceneRanker } from '../lucene/ranker'

export interface IndexSectionResults {
  build: BuildResult[]
  queries: QueryLatencyResult[]
  persistence: PersistenceResult[]
  quality: QualityResult[]
  skipped: { what: string; reason: string }[]
}

/** Ids returned per query in the quality section (Recall@100 needs 100). */
const QUALITY_LIMIT = 100
/** Ids returned per query in the latency section (a results page). */
const LATENCY_LIMIT = 10

function allQueries(c: Collection): JudgedQuery[] {
  return c.querySets.flatMap((s) => s.queries)
}

/**
 * The warm-up build and all timed builds but the last. Returns only times, so every index built here is
 * unreachable once it returns (a suspended async frame can keep dead values alive, which would distort the
 * memory baseline of the kept build).
 */
async function throwawayBuilds(
  c: Collection,
  engine: Engine,
  plan: RunPlan,
  progress: Progress,
  step: string,
  warmup: boolean,
  timed: number,
  total: number,
): Promise<number[]> {
  if (warmup) {
    progress.update(`${step} warm-up`)
    for (let w = 0; w < plan.warmups; w++) await engine.build(c.docs.slice(0, plan.warmupBuildDocs))
  }
  const ms: number[] = []
  for (let r = 0; r < timed; r++) {
    if (plan.collectGarbage) collectGarbage()
    progress.update(`${step} build`, r + 1, total)
    const t0 = now()
    await engine.build(c.docs)
    ms.push(now() - t0)
  }
  return ms
}

/** The last timed build, kept for the later sections, with the memory it retains (null when not measured). */
async function keptBuild(
  c: Collection,
  engine: Engine,
  measureMemory: boolean,
): Promise<{ index: BuiltIndex; ms: number; heap: number | null; external: number | null }> {
  const before = measureMemory ? await settledMemory() : undefined
  const t0 = now()
  const index = await engine.build(c.docs)
  const ms = now() - t0
  if (!before) return { index, ms, heap: null, external: null }
  const after = await settledMemory()
  return { index, ms, heap: after.heapUsed - before.heapUsed, external: after.external - before.external }
}

async function timedBuilds(
  c: Collection,
  engine: Engine,
  plan: RunPlan,
  progress: Progress,
  step: string,
  measureBuild: boolean,
): Promise<{ index: BuiltIndex; result: BuildResult }> {
  const reps = measureBuild ? plan.buildRepetitions(c.bytes) : 1
  const warmup = measureBuild && plan.warmups > 0 && c.docs.length > plan.warmupBuildDocs
  const ms = await throwawayBuilds(c, engine, plan, progress, step, warmup, reps - 1, reps)
  progress.update(`${step} build`, reps, reps)
  const kept = await keptBuild(c, engine, measureBuild && plan.collectGarbage && canCollectGarbage)
  ms.push(kept.ms)
  const mb = c.bytes / 1e6
  const perMB = (bytes: number | null) => (bytes === null ? null : summarize([Math.max(0, bytes) / mb]))
  return {
    index: kept.index,
    result: {
      collection: c.name,
      engine: engine.id,
      docs: c.docs.length,
      bytes: c.bytes,
      ms: summarize(ms),
      docsPerSec: summarize(ms.map((t) => c.docs.length / (t / 1000))),
      mbPerSec: summarize(ms.map((t) => mb / (t / 1000))),
      heapBytesPerMB: perMB(kept.heap),
      retainedBytesPerMB: perMB(kept.heap === null ? null : kept.heap + (kept.external ?? 0)),
    },
  }
}

function measureLatency(
  c: Collection,
  engine: Engine,
  index: BuiltIndex,
  plan: RunPlan,
  progress: Progress,
  step: string,
): QueryLatencyResult[] {
  const results: QueryLatencyResult[] = []
  const base = spreadSample(allQueries(c), plan.latencyQueries(c.bytes))
  for (const kind of QUERY_KINDS) {
    if (!engine.supports[kind]) continue
    let queries = base.map((q) => workloadQuery(kind, q.text)).filter((q) => q.length > 0)
    if (queries.length === 0) continue
    // Full GC first, then the warm-up: a GC between warm-up and timing left the first timed pass running
    // beside the collector's after-work (kavosh hamshahri-subset keyword p50 0.9–17 ms in that pass, 0.4–0.6
    // ms with the GC before the warm-up).
    if (plan.collectGarbage) collectGarbage()
    // Warm-up pass; it also decides how many queries fit the pass budget for slow engines.
    let hits = 0
    const t0 = now()
    let fit = queries.length
    for (let i = 0; i < queries.length; i++) {
      hits += index.search(queries[i], kind, LATENCY_LIMIT).length
      if (now() - t0 > plan.latencyPassBudgetMs) {
        fit = Math.max(plan.minLatencyQueries, i + 1)
        break
      }
    }
    if (fit < queries.length) queries = spreadSample(queries, fit)
    for (let w = 1; w < plan.warmups; w++) for (const q of queries) index.search(q, kind, LATENCY_LIMIT)
    // Steady state: more untimed passes until the warm-up has taken latencyWarmupMs.
    for (let pass = 1; pass < MAX_LATENCY_WARMUP_PASSES && now() - t0 < plan.latencyWarmupMs; pass++) {
      for (const q of queries) index.search(q, kind, LATENCY_LIMIT)
    }
    const p50: number[] = []
    const p99: number[] = []
    const samples = new Array<number>(queries.length)
    for (let r = 0; r < plan.queryRepetitions; r++) {
      progress.update(`${step} ${kind} queries`, r + 1, plan.queryRepetitions)
      for (let i = 0; i < queries.length; i++) {
        const t0 = now()
        index.search(queries[i], kind, LATENCY_LIMIT)
        samples[i] = now() - t0
      }
      p50.push(quantile(samples, 0.5))
      p99.push(quantile(samples, 0.99))
    }
    results.push({
      collection: c.name,
      engine: engine.id,
      kind,
      queries: queries.length,
      p50Ms: summarize(p50),
      p99Ms: summarize(p99),
      meanHits: hits / fit,
    })
  }
  return results
}

async function measurePersistence(
  c: Collection,
  engine: Engine,
  index: BuiltIndex,
  buildMedianMs: number,
  plan: RunPlan,
  progress: Progress,
  step: string,
): Promise<PersistenceResult | undefined> {
  const save = engine.save
  if (!save || !engine.supports.persistence) return undefined
  const reps = plan.persistenceRepetitions(c.bytes)
  const saveMs: number[] = []
  let saved: SavedIndex | undefined
  if (reps === 1 && plan.warmups > 0 && c.docs.length > plan.warmupBuildDocs) {
    // Too big to save and load twice: warm up on the first docs instead, as the build section does.
    progress.update(`${step} save/load warm-up`)
    const small = await save(await engine.build(c.docs.slice(0, plan.warmupBuildDocs)))
    await small.load()
  }
  if (reps > 1) saved = await save(index) // warm-up
  for (let r = 0; r < reps; r++) {
    progress.update(`${step} save`, r + 1, reps)
    saved = undefined
    if (plan.collectGarbage) collectGarbage()
    const t = await timeAsync(() => save(index))
    saveMs.push(t.ms)
    saved = t.value
  }
  const form = saved!
  const loadMs: number[] = []
  let loaded: BuiltIndex | undefined = reps > 1 ? await form.load() : undefined
  for (let r = 0; r < reps; r++) {
    progress.update(`${step} load`, r + 1, reps)
    loaded = undefined
    if (plan.collectGarbage) collectGarbage()
    const t = await timeAsync(() => form.load())
    loadMs.push(t.ms)
    loaded = t.value
  }
  // Round-trip check: the loaded index answers a few queries exactly like the original.
  const agrees = answersAlike(c, index, loaded!)
  const load = summarize(loadMs)
  return {
    collection: c.name,
    engine: engine.id,
    savedBytes: form.bytes,
    saveMs: summarize(saveMs),
    loadMs: load,
    loadOverBuild: load.median / buildMedianMs,
    roundTripAgrees: agrees,
  }
}

/** Whether two indexes of `c` give the same top 10 for a few of its queries (or words of its first docs). */
function answersAlike(c: Collection, a: BuiltIndex, b: BuiltIndex): boolean {
  const probes = spreadSample(allQueries(c), 5).map((q) => q.text)
  if (probes.length === 0)
    for (const d of c.docs.slice(0, 5)) probes.push(d.text.split(/\s+/).slice(0, 2).join(' '))
  return probes.every(
    (q) => JSON.stringify(a.search(q, 'keyword', 10)) === JSON.stringify(b.search(q, 'keyword', 10)),
  )
}

/**
 * The engine's multi-core build (kavosh/node) of the same documents, right after its one-thread builds:
 * the same warm-up and repetitions, and the speed-up over the one-thread median of this run.
 */
async function measureParallelBuild(
  c: Collection,
  builder: ParallelBuilder,
  single: { index: BuiltIndex; result: BuildResult },
  plan: RunPlan,
  progress: Progress,
  step: string,
): Promise<ParallelBuildFigures> {
  const reps = plan.buildRepetitions(c.bytes)
  if (plan.warmups > 0 && c.docs.length > plan.warmupBuildDocs) {
    progress.update(`${step} parallel warm-up`)
    for (let w = 0; w < plan.warmups; w++) await builder.build(c.docs.slice(0, plan.warmupBuildDocs), true)
  }
  const ms: number[] = []
  let built: BuiltIndex | undefined
  for (let r = 0; r < reps; r++) {
    built = undefined
    if (plan.collectGarbage) collectGarbage()
    progress.update(`${step} parallel build (${builder.workers} workers)`, r + 1, reps)
    const t0 = now()
    built = await builder.build(c.docs)
    ms.push(now() - t0)
  }
  const mb = c.bytes / 1e6
  const summary = summarize(ms)
  return {
    workers: builder.workers,
    ms: summary,
    mbPerSec: summarize(ms.map((t) => mb / (t / 1000))),
    speedup: single.result.ms.median / summary.median,
    sameResults: answersAlike(c, single.index, built!),
  }
}

/**
 * kavosh and the plan's peer build the same documents in turn, `plan.pairedBuilds` times each, the order
 * alternating (kavosh first in even pairs), each build after a GC, and nothing kept; the figures go on
 * kavosh's build row. Run after every other section of the collection, when both engines built it there;
 * on the whole corpus when the plan says so (`Collection.paired`), else on the collection's documents.
 */
async function measurePairedBuilds(
  c: Collection,
  engines: readonly Engine[],
  plan: RunPlan,
  progress: Progress,
  out: IndexSectionResults,
): Promise<void> {
  const ours = engines.find((e) => e.library === 'kavosh')
  const peer = engines.find((e) => e.id === plan.pairedBuildPeer)
  if (!ours || !peer) return
  const row = out.build.find((b) => b.collection === c.name && b.engine === ours.id)
  if (!row || !out.build.some((b) => b.collection === c.name && b.engine === peer.id)) return
  const docs = c.paired?.docs ?? c.docs
  const bytes = c.paired?.bytes ?? c.bytes
  const timeBuild = async (engine: Engine): Promise<number> => {
    if (plan.collectGarbage) collectGarbage()
    return (await timeAsync(() => engine.build(docs))).ms
  }
  row.paired = await buildInTurn(
    peer.id,
    plan.pairedBuilds,
    docs.length,
    bytes,
    () => timeBuild(ours),
    () => timeBuild(peer),
    (p) =>
      progress.update(
        `[${c.name}] paired builds, ${ours.id} and ${peer.id}, ${(bytes / 1e6).toFixed(1)} MB`,
        p,
        plan.pairedBuilds,
      ),
  )
}

/**
 * A pause before each build of the Lucene pairs: after a build the JVM keeps a core busy for a few hundred
 * ms (0.12 s of CPU in the first second after a hamshahri-subset build, then none), which slowed the kavosh
 * build that followed it.
 */
const LUCENE_SETTLE_MS = 1000
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, LUCENE_SETTLE_MS))

/**
 * kavosh and Lucene build the same documents in turn, `plan.lucenePairedBuilds` times each, as
 * {@link measurePairedBuilds} pairs kavosh with its peer: Lucene (the analyzer of the collection's language)
 * in one JVM that holds the documents and waits between its builds, warmed up by one untimed build; the
 * figures go on kavosh's build row as `pairedLucene`.
 */
async function measureLucenePairedBuilds(
  c: Collection,
  engines: readonly Engine[],
  plan: RunPlan,
  lucene: LuceneRanker,
  progress: Progress,
  out: IndexSectionResults,
): Promise<void> {
  const ours = engines.find((e) => e.library === 'kavosh')
  if (!ours || (c.lang !== 'fa' && c.lang !== 'ar') || !plan.lucenePairedCorpora.includes(c.name)) return
  const row = out.build.find((b) => b.collection === c.name && b.engine === ours.id)
  if (!row) return
  const docs = c.paired?.docs ?? c.docs
  const bytes = c.paired?.bytes ?? c.bytes
  const label = `[${c.name}] paired builds, ${ours.id} and Lucene, ${(bytes / 1e6).toFixed(1)} MB`
  progress.update(`${label}: starting the JVM`)
  const timer = await lucene.buildTimer(c.lang === 'fa' ? 'persian' : 'arabic', docs)
  try {
    row.pairedLucene = await buildInTurn(
      LUCENE_ENGINE_ID,
      plan.lucenePairedBuilds,
      docs.length,
      bytes,
      async () => {
        await settle()
        if (plan.collectGarbage) collectGarbage()
        return (await timeAsync(() => ours.build(docs))).ms
      },
      async () => {
        await settle()
        return 1000 * (await timer.build())
      },
      (p) => progress.update(label, p, plan.lucenePairedBuilds),
    )
  } finally {
    await timer.close()
  }
}

/**
 * `pairs` pairs of builds, ours and the peer's in turn (ours first in even pairs), each timed in ms by its
 * function: the figures of a paired-builds row.
 */
async function buildInTurn(
  against: string,
  pairs: number,
  docs: number,
  bytes: number,
  ourBuild: () => Promise<number>,
  peerBuild: () => Promise<number>,
  onPair: (pair: number) => void,
): Promise<PairedBuildFigures> {
  const ourMs: number[] = []
  const peerMs: number[] = []
  for (let p = 0; p < pairs; p++) {
    onPair(p + 1)
    if (p % 2 === 0) {
      ourMs.push(await ourBuild())
      peerMs.push(await peerBuild())
    } else {
      peerMs.push(await peerBuild())
      ourMs.push(await ourBuild())
    }
  }
  const mb = bytes / 1e6
  return {
    against,
    pairs,
    docs,
    bytes,
    mbPerSec: summarize(ourMs.map((t) => mb / (t / 1000))),
    peerMbPerSec: summarize(peerMs.map((t) => mb / (t / 1000))),
    ratio: summarize(ourMs.map((t, p) => peerMs[p]! / t)),
  }
}

function ratio(a: QualityMetrics, b: QualityMetrics): Partial<QualityMetrics> {
  const out: Partial<QualityMetrics> = {}
  for (const k of METRIC_NAMES) if (b[k] > 0) out[k] = a[k] / b[k]
  return out
}

/**
 * Ranking quality of one index on every query set of `c` (and its orthographic variants): scores
 * `index.search(text, 'keyword', 100)` for the queries the plan picks. Also used by bench/lucene to score
 * Lucene's rankings with the same queries and code.
 */
export function measureQuality(
  c: Collection,
  engine: Engine,
  index: BuiltIndex,
  plan: RunPlan,
  progress: Progress,
  step: string,
): QualityResult[] {
  const results: QualityResult[] = []
  const cache = new Map<string, string[]>()
  const rank = (text: string) => {
    let r = cache.get(text)
    if (!r) {
      r = index.search(text, 'keyword', QUALITY_LIMIT)
      cache.set(text, r)
    }
    return r
  }
  const variants: QualityVariant[] = [
    'original',
    ...(plan.variantsFor(c.kind) ? VARIANTS.map((v) => v.name) : []),
  ]
  for (const set of c.querySets) {
    const relevant = set.queries.map((q) => new Set(q.relevant))
    const halves = set.queries.map((q) => queryHalf(q.id))
    // A slow engine is scored on a smaller spread sample in the pooled settings (reported per row).
    const slow = c.kind === 'pooled' && plan.slowEngines.includes(engine.id)
    const allQueries = set.queries.map((_, i) => i)
    const everyQuery = slow ? spreadSample(allQueries, plan.slowEnginePooledQueries) : allQueries
    // Variants are scored on an evenly spread subset (all queries when the set is small) and compared
    // with the original queries on the same subset.
    const variantQueries = spreadSample(everyQuery, plan.maxVariantQueries)
    const original: QualityMetrics[] = []
    for (const variant of variants) {
      const picked = variant === 'original' ? everyQuery : variantQueries
      const perQuery = new Map<number, QualityMetrics>()
      const changed = new Set<number>()
      for (let n = 0; n < picked.length; n++) {
        if (n % 50 === 0) progress.update(`${step} quality ${set.name} ${variant}`, n, picked.length)
        const i = picked[n]
        const q = set.queries[i]
        const text = variant === 'original' ? q.text : applyVariant(variant, q.text, q.lang ?? set.lang)
        if (text !== q.text) changed.add(i)
        const m = scoreQuery(rank(text), relevant[i])
        perQuery.set(i, m)
        if (variant === 'original') original[i] = m
      }
      // The pooled settings score a spread sample of a big query set (bench/lib/corpora.ts): the corpus
      // alone is also scored on that sample, so that what pooling costs is read on the same queries.
      const pooledSample =
        variant === 'original' &&
        c.kind === 'corpus' &&
        !slow &&
        plan.pooledQueries !== undefined &&
        set.queries.length > plan.pooledQueries
          ? new Set(spreadSample(allQueries, plan.pooledQueries))
          : null
      const splits: QualitySplit[] = pooledSample ? ['all', 'test', 'pooled-sample'] : ['all', 'test']
      for (const split of splits) {
        const ids = picked.filter((i) =>
          split === 'all' ? true : split === 'test' ? halves[i] === 'test' : pooledSample!.has(i),
        )
        const metrics = meanMetrics(ids.map((i) => perQuery.get(i)!))
        results.push({
          collection: c.name,
          querySet: set.name,
          engine: engine.id,
          variant,
          split,
          queries: ids.length,
          changedQueries: ids.filter((i) => changed.has(i)).length,
          metrics,
          ratioToOriginal:
            variant === 'original' ? null : ratio(metrics, meanMetrics(ids.map((i) => original[i]))),
        })
      }
    }
  }
  return results
}

/** Runs the selected index sections for every (collection, engine) pair. */
export async function runIndexSections(
  collections: readonly Collection[],
  engines: readonly Engine[],
  sections: ReadonlySet<SectionName>,
  plan: RunPlan,
  progress: Progress,
  lucene?: LuceneRanker,
): Promise<IndexSectionResults> {
  const out: IndexSectionResults = { build: [], queries: [], persistence: [], quality: [], skipped: [] }
  for (const c of collections) {
    const wantBuild = sections.has('build') && c.roles.throughput
    const wantPersistence = sections.has('persistence') && c.roles.throughput
    const wantQueries = sections.has('queries') && c.roles.judged
    const wantQuality = sections.has('quality') && c.roles.judged
    if (!wantBuild && !wantPersistence && !wantQueries && !wantQuality) continue
    for (const engine of engines) {
      const skip = plan.skipEngine(c, engine)
      if (skip) {
        out.skipped.push({ what: `${engine.id} on ${c.name}`, reason: skip })
        continue
      }
      const step = `[${c.name}] ${engine.id}`
      try {
        await measurePair(
          c,
          engine,
          { wantBuild, wantPersistence, wantQueries, wantQuality },
          plan,
          progress,
          step,
          out,
        )
      } catch (e) {
        const reason = (e as Error).stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)
        progress.log(`!! ${engine.id} failed on ${c.name}: ${reason}`)
        out.skipped.push({ what: `${engine.id} on ${c.name}`, reason: `threw: ${reason}` })
      }
    }
    if (wantBuild && plan.pairedBuilds > 0) await measurePairedBuilds(c, engines, plan, progress, out)
    if (wantBuild && lucene && plan.lucenePairedBuilds > 0) {
      try {
        await measureLucenePairedBuilds(c, engines, plan, lucene, progress, out)
      } catch (e) {
        const reason = (e as Error).message
        progress.log(`!! Lucene's paired builds failed on ${c.name}: ${reason}`)
        out.skipped.push({ what: `paired builds with Lucene on ${c.name}`, reason: `threw: ${reason}` })
      }
    }
  }
  for (const engine of engines) await engine.parallel?.close()
  return out
}

/**
 * Builds one index and runs the wanted sections on it. A separate function so that the index is
 * unreachable once it returns (an async loop body could keep the previous index alive in its frame and
 * inflate the next engine's heap baseline).
 */
async function measurePair(
  c: Collection,
  engine: Engine,
  want: { wantBuild: boolean; wantPersistence: boolean; wantQueries: boolean; wantQuality: boolean },
  plan: RunPlan,
  progress: Progress,
  step: string,
  out: IndexSectionResults,
): Promise<void> {
  const { wantBuild, wantPersistence, wantQueries, wantQuality } = want
  const { index, result } = await timedBuilds(c, engine, plan, progress, step, wantBuild || wantPersistence)
  if (wantBuild && engine.parallel) {
    result.parallel = await measureParallelBuild(c, engine.parallel, { index, result }, plan, progress, step)
  }
  if (wantBuild) out.build.push(result)
  if (wantQueries) out.queries.push(...measureLatency(c, engine, index, plan, progress, step))
  if (wantPersistence) {
    const p = await measurePersistence(c, engine, index, result.ms.median, plan, progress, step)
    if (p) out.persistence.push(p)
  }
  if (wantQuality) out.quality.push(...measureQuality(c, engine, index, plan, progress, step))
  // Last: the feed adds documents to the index the other sections used.
  if (wantBuild && engine.addBatch && plan.feedDocs > 0) {
    result.feed = await measureFeed(c, engine, index, plan, progress, step)
  }
}

/**
 * The feed (see {@link FeedFigures}): the collection's first documents again under new ids, added in
 * batches to its built index, each batch timed.
 */
async function measureFeed(
  c: Collection,
  engine: Engine,
  index: BuiltIndex,
  plan: RunPlan,
  progress: Progress,
  step: string,
): Promise<FeedFigures | undefined> {
  const count = Math.min(plan.feedDocs, Math.floor(c.docs.length / 2))
  if (count < plan.feedBatchDocs) return undefined
  const docs = c.docs.slice(0, count).map((d) => ({ ...d, id: `feed-${d.id}` }))
  const batchMs: number[] = []
  if (plan.collectGarbage) collectGarbage()
  for (let from = 0; from < docs.length; from += plan.feedBatchDocs) {
    if (batchMs.length % 10 === 0) progress.update(`${step} feed`, from, docs.length)
    const batch = docs.slice(from, from + plan.feedBatchDocs)
    const t0 = now()
    await engine.addBatch!(index, batch)
    batchMs.push(now() - t0)
  }
  const bytes = utf8Bytes(docs)
  const ms = batchMs.reduce((sum, t) => sum + t, 0)
  return {
    baseDocs: c.docs.length,
    docs: docs.length,
    bytes,
    batchDocs: plan.feedBatchDocs,
    batches: batchMs.length,
    ms,
    mbPerSec: bytes / 1e6 / (ms / 1000),
    batchP50Ms: quantile(batchMs, 0.5),
    batchP99Ms: quantile(batchMs, 0.99),
  }
}
