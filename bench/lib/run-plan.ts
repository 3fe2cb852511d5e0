/**
 * How much work a run does: repetitions, warm-ups and corpus slices for the full run and for `--quick`
 * (the CI smoke test, well under a minute). The full run's cuts keep it under 10 minutes on 2 cores with
 * all seven engine configurations; each cut is stated in the report's notes.
 */
import type { SliceLimits } from './corpora'
import { HOT_PATH_CORPORA } from './targets'

export interface RunPlan {
  mode: 'full' | 'quick'
  /**
   * Full GC before every timed repetition of analysis, build, save and load, and before each latency
   * block, plus the settled-heap measurement around builds. Off in quick runs, where GC would dominate.
   */
  collectGarbage: boolean
  /** Untimed runs before the timed repetitions (per measurement). */
  warmups: number
  analysisRepetitions: number
  /**
   * Analysis section: after the first (counting) pass over an operation's texts, more untimed passes until
   * this much time went into warming up, the same for every operation. One pass of 0.5 MB (10–30 ms) left
   * kavosh's code half-compiled: its first timed repetitions ran at half its steady speed, so the median
   * of three swung between runs (hamshahri-subset `analyze (stem)` 26.9 MB/s, repetitions 23.6–66.5).
   */
  analysisWarmupMs: number
  /** Each timed analysis repetition runs whole passes over the texts until at least this long. */
  analysisMinRepetitionMs: number
  /** Text per corpus fed to the analysis section. */
  analysisMaxBytes: number
  /**
   * The feed of the build section (`Engine.addBatch`): the first `feedDocs` documents of a collection (at
   * most half of them) added again under new ids, `feedBatchDocs` at a time, to its built index after the
   * collection's other sections (0: no feed).
   */
  feedDocs: number
  feedBatchDocs: number
  /** Timed builds of a collection of `bytes` (≥ 1), after a warm-up build of `warmupBuildDocs` docs. */
  buildRepetitions(bytes: number): number
  /** Docs of the warm-up build (a prefix of the collection). */
  warmupBuildDocs: number
  /**
   * Paired builds per collection of the build section: kavosh and {@link pairedBuildPeer} build the same
   * documents in turn, the order alternating (0: none). Issue #6's build ratio is read off them.
   */
  pairedBuilds: number
  /** The peer configuration of the paired builds (the one issue #6 sets the build ratio against). */
  pairedBuildPeer: string
  /**
   * Slice limits of a corpus's paired builds when they are not those of {@link limitsFor} (undefined: the
   * run's cut). Issue #6 sets its figures on whole corpora, which the two engines of the pairs can build
   * within the time budget where all seven configurations could not.
   */
  pairedLimitsFor?(name: string): SliceLimits | undefined
  /**
   * Pairs of builds of kavosh and Lucene (PersianAnalyzer / ArabicAnalyzer, `bench/lucene`) on each of
   * {@link lucenePairedCorpora} that the build section runs, on the documents of the paired builds (0:
   * none). Issue #6's "2× Lucene" target is read off them when the machine has a JDK and the Lucene jars.
   */
  lucenePairedBuilds: number
  /** The corpora of the Lucene pairs: issue #6's two (the other build corpora would add about 40 s). */
  lucenePairedCorpora: readonly string[]
  queryRepetitions: number
  /**
   * Queries per kind in the latency section for a collection of `bytes` (spread over all its query sets);
   * the same for every engine, so their percentiles are over the same queries.
   */
  latencyQueries(bytes: number): number
  /**
   * Wall-clock budget of one pass over a latency workload; an engine whose warm-up pass takes longer is
   * timed on fewer queries (the count is reported).
   */
  latencyPassBudgetMs: number
  /**
   * After the first warm-up pass over a latency workload, more untimed passes until this much time went
   * into warming up (at most {@link MAX_LATENCY_WARMUP_PASSES} passes), the same for every engine: the
   * figures are then steady-state ones, as on a server that has answered queries for a while (one pass left
   * kavosh's query code half-compiled: hamshahri-subset keyword p50 8.6 ms in the first pass, 1.2 ms in the
   * second, 0.5 ms from the third on). The passes must be enough for V8 to have optimised the code that runs
   * once per query: with at most 20 passes, kavosh's hamshahri-subset keyword p50 was 128–137 µs (pass 20
   * of a standalone loop: 128 µs) while passes 100–300 of the same loop settle at 98–105 µs.
   */
  latencyWarmupMs: number
  /**
   * Timed saves and loads for a collection of `bytes`: a warm-up save and load precede them when > 1, else
   * a save and load of an index of the first `warmupBuildDocs` docs (as the build's warm-up).
   */
  persistenceRepetitions(bytes: number): number
  /** Fewest queries a latency workload is timed on, however slow the engine. */
  minLatencyQueries: number
  /** Engines too slow to score every pooled query within the time budget. */
  slowEngines: string[]
  /** Queries per set those engines are scored on in the pooled settings (spread sample). */
  slowEnginePooledQueries: number
  /** Slice limits per corpus. */
  limitsFor(name: string): SliceLimits
  /** At most this many queries per query set in the pooled collections. */
  pooledQueries?: number
  /** Orthographic variants are scored on at most this many queries per set (spread sample). */
  maxVariantQueries: number
  /** Why `engine` is not run on `collection` in this plan (time budget), or undefined to run it. */
  skipEngine(
    collection: { name: string; kind: string },
    engine: { id: string; library: string; variant: string },
  ): string | undefined
  /** Whether orthographic variants are scored for this collection kind. */
  variantsFor(kind: 'corpus' | 'pooled' | 'sample'): boolean
  notes: string[]
}

const MB = 1_000_000

/** Most untimed passes over a latency workload (see {@link RunPlan.latencyWarmupMs}). */
export const MAX_LATENCY_WARMUP_PASSES = 1000
const THROUGHPUT_CORPORA = ['hamshahri-subset', 'farsnews-varzesh3', 'saudinewsnet', 'quran-uthmani']

export function quickPlan(): RunPlan {
  return {
    mode: 'quick',
    collectGarbage: false,
    warmups: 1,
    analysisRepetitions: 1,
    analysisWarmupMs: 0,
    analysisMinRepetitionMs: 0,
    analysisMaxBytes: 0.1 * MB,
    buildRepetitions: () => 1,
    warmupBuildDocs: 50,
    feedDocs: 20,
    feedBatchDocs: 5,
    pairedBuilds: 1,
    pairedBuildPeer: 'flexsearch/default',
    lucenePairedBuilds: 0,
    lucenePairedCorpora: [],
    queryRepetitions: 1,
    latencyQueries: () => 8,
    latencyPassBudgetMs: 200,
    latencyWarmupMs: 0,
    persistenceRepetitions: () => 1,
    minLatencyQueries: 3,
    slowEngines: [],
    slowEnginePooledQueries: 10,
    skipEngine: () => undefined,
    maxVariantQueries: 12,
    limitsFor: (name) =>
      THROUGHPUT_CORPORA.includes(name)
        ? { maxDocs: 100, maxBytes: 0.2 * MB, maxQueries: 2 }
        : { maxQueries: 12, maxDocs: 40 },
    pooledQueries: 10,
    variantsFor: (kind) => kind !== 'pooled',
    notes: [
      'QUICK RUN (smoke test): every corpus is cut to a few hundred docs and a few dozen queries, one repetition each, no GC between repetitions and no heap figures; the figures are not comparable with a full run.',
    ],
  }
}

export function fullPlan(): RunPlan {
  const saudiBytes = 8 * MB
  // 300 per set: with 60, the pooled figure of a QA set (one relevant passage per question) swung by ±0.05
  // with the sample (parsinlu-rc in pooled-fa: Lucene nDCG@10 0.720 on the 60-query sample, 0.631 on all 1295;
  // kavosh 0.684 and 0.685), too much to compare the loss from pooling between engines.
  const pooledQueries = 300
  const maxVariantQueries = 200
  const slowEngines = ['orama/fa-ar']
  const slowEnginePooledQueries = 20
  return {
    mode: 'full',
    collectGarbage: true,
    warmups: 1,
    analysisRepetitions: 3,
    analysisWarmupMs: 300,
    analysisMinRepetitionMs: 150,
    analysisMaxBytes: 0.5 * MB,
    // Three timed builds of every collection (the median is reported, the last one is kept for the later
    // sections). One timed build of the big collections made the ratios swing between runs: flexsearch's
    // default build of hamshahri-subset was 7.6 MB/s in one full run and 10.7 in the next, kavosh's
    // saudinewsnet build 22.7 and 23.9 (29–31 warm). About 70 s more per full run.
    buildRepetitions: () => 3,
    warmupBuildDocs: 200,
    // A thousand documents in batches of ten: 100 batches, enough for a p99 that is not the slowest batch
    // (about 1 s for kavosh on hamshahri-subset, 10 s for the slowest peer).
    feedDocs: 1000,
    feedBatchDocs: 10,
    // Seven pairs (an odd count: the median is one pair's ratio). Three runs of 2026-12-07 read flexsearch's
    // default build of hamshahri-subset at 6.8, 10.7 and 11.1 MB/s while kavosh's read 36.4–40.8, so the ratio
    // of the build table swung 3.5–5.5× with the minutes between the two engines' builds; seven pairs cost
    // about 25 s on hamshahri-subset and 10 s on the saudinewsnet cut.
    pairedBuilds: 7,
    pairedBuildPeer: 'flexsearch/default',
    // Whole corpora: saudinewsnet's 65 MB, where issue #6's reference figures were measured, not the 8 MB
    // the other sections read. About 70 s more (kavosh 2.5 s and flexsearch 8 s per pair there).
    pairedLimitsFor: () => ({}),
    // Five pairs against Lucene, in one JVM kept warm between its builds: about 15 s on hamshahri-subset and
    // 35 s on saudinewsnet's 65 MB, start-up and warm-up build included.
    lucenePairedBuilds: 5,
    lucenePairedCorpora: HOT_PATH_CORPORA,
    // An odd count, so that the median is one repetition's figure: with 2 it was their mean, and one GC pause
    // in one pass of 20 queries set a p99 (kavosh hamshahri-subset keyword at 219ac3c: passes 0.60 and 4.44
    // ms, reported 2.52). Five passes cost about 50 s of the full run (most of it the slow peers').
    queryRepetitions: 5,
    latencyQueries: (bytes) => (bytes > 5 * MB ? 20 : 60),
    latencyPassBudgetMs: 4000,
    latencyWarmupMs: 1000,
    minLatencyQueries: 5,
    // Three, as builds: one cold load of hamshahri-subset was 33–39 ms against 25 ms warm, which alone moved
    // its load ÷ build between 0.035 and 0.059 from one full run to the next.
    persistenceRepetitions: () => 3,
    limitsFor: (name) => (name === 'saudinewsnet' ? { maxBytes: saudiBytes } : {}),
    pooledQueries,
    maxVariantQueries,
    slowEngines,
    slowEnginePooledQueries,
    skipEngine: (collection, engine) => {
      if (collection.kind !== 'pooled') return undefined
      if (engine.library !== 'kavosh' && engine.variant === 'default')
        return 'default configurations are not run in the pooled settings (time budget); their per-corpus figures are above'
      if (collection.name === 'pooled-fa' && engine.id === 'orama/fa-ar')
        return 'too slow for the time budget here (about 1 MB/s indexing of 41 MB and 0.3 s per query); its per-corpus and pooled-ar figures are above'
      return undefined
    },
    variantsFor: (kind) => kind !== 'pooled',
    notes: [
      `Cuts that keep the full run under 10 minutes of CPU on 2 cores with seven engine configurations: saudinewsnet is cut to its first ${saudiBytes / MB} MB (also inside pooled-ar); every build is timed three times after a warm-up build of 200 docs, and kavosh and flexsearch/default then build each corpus of the build section, whole (saudinewsnet's 65 MB too), seven times in turn (paired builds), and kavosh and Lucene hamshahri-subset and saudinewsnet five times in turn when a JDK is found; every engine then adds the first 1,000 documents of each such corpus again, 10 at a time, to the index it built (the feed, once); every save and load is timed three times after a warm-up save and load; the analysis section reads the first 0.5 MB of each corpus, warms each operation up with passes over it filling 0.3 s and times each repetition over whole passes filling at least 0.15 s; the pooled settings run kavosh and the peers' fa-ar configurations only (orama/fa-ar not in pooled-fa); latency uses 60 queries per kind on collections up to 5 MB and 20 on bigger ones, the same for every engine (a warm-up pass over 4 s would cut a slow engine to fewer, marked "(n q)"), timed after untimed passes filling 1 s (at most 1000 passes) so that every engine runs steady-state code; the pooled settings score ${pooledQueries} queries per query set (spread sample; hamshahri-subset has 50), and the slow ${slowEngines.join(', ')} only ${slowEnginePooledQueries} there (about 0.3 s per query on pooled-fa); orthographic variants are scored on up to ${maxVariantQueries} queries per set (spread sample, compared with the same queries as written). The unperturbed per-corpus quality figures use every query.`,
    ],
  }
}

/** How a corpus is cut by `l`, for the report (undefined when it is not). */
export function describeLimits(l: SliceLimits): string | undefined {
  const parts: string[] = []
  if (l.maxDocs !== undefined) parts.push(`≤ ${l.maxDocs} docs`)
  if (l.maxBytes !== undefined) parts.push(`≤ ${l.maxBytes / 1e6} MB`)
  if (l.maxQueries !== undefined) parts.push(`≤ ${l.maxQueries} queries`)
  return parts.length ? parts.join(', ') : undefined
}
