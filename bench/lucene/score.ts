/**
 * Scores the rankings of an engine that answers a whole batch of queries at once (Lucene in its own JVM)
 * with the bench's own quality code, so its figures cover exactly the queries, variants and splits that
 * kavosh's do.
 */
import type { BuiltIndex, Engine } from '../engines/types'
import type { Collection } from '../lib/corpora'
import { Progress } from '../lib/progress'
import type { QualityResult } from '../lib/results'
import type { RunPlan } from '../lib/run-plan'
import { measureQuality } from '../sections/index-sections'

/** Ranks every query text (by key) and returns at most `limit` ids per key, best first. */
export type BatchRanker = (queries: ReadonlyMap<string, string>, limit: number) => Map<string, string[]>

/**
 * Pass 1 runs the quality section against an index that only records the query texts it is asked
 * (original and rewritten); `rankAll` ranks them in one batch; pass 2 runs the quality section again on
 * those rankings.
 */
export function scoreExternalRankings(
  c: Collection,
  engine: Engine,
  plan: RunPlan,
  progress: Progress,
  rankAll: BatchRanker,
): QualityResult[] {
  const keyOf = new Map<string, string>()
  let limit = 0
  const recorder: BuiltIndex = {
    search(text, _kind, k) {
      if (!keyOf.has(text)) keyOf.set(text, `q${keyOf.size}`)
      limit = Math.max(limit, k)
      return []
    },
  }
  const step = `[${c.name}] ${engine.id}`
  measureQuality(c, engine, recorder, plan, new Progress(process.stderr, true), step)
  const rankings = rankAll(new Map([...keyOf].map(([text, key]) => [key, text])), limit)
  const answers: BuiltIndex = {
    search(text) {
      const key = keyOf.get(text)
      const ranking = key === undefined ? undefined : rankings.get(key)
      if (!ranking) throw new Error(`${engine.id} returned no ranking for query ${JSON.stringify(text)}`)
      return ranking
    },
  }
  return measureQuality(c, engine, answers, plan, progress, step)
}
