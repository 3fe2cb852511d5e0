/**
 * `npm run bench:lucene-diff -- --corpus NAME`: the judged queries of one collection where kavosh and Lucene
 * (the reference of the quality section: PersianAnalyzer / ArabicAnalyzer, BM25) put the first relevant
 * document at different ranks, worst for kavosh first, with each engine's top 3. It is how to find what to
 * change in the analysis (a word kavosh reads differently, a compound, a stop word) rather than guess: a
 * ranking change is then measured with the quality section on the 'tune' half. Needs what `bench:lucene`
 * needs (a JDK and Debian's liblucene8-java); prints to stdout, writes no file.
 */
import { parseArgs } from 'node:util'
import { kavoshEngine, loadKavosh } from '../engines/kavosh'
import { type JudgedQuery, loadCollections, resolveCorporaDir } from '../lib/corpora'
import { reciprocalRank } from '../lib/metrics'
import { type QueryHalf, queryHalf } from '../lib/query-split'
import { describeLimits, fullPlan } from '../lib/run-plan'
import { compileRanker } from './ranker'

/** One query the two engines rank differently. */
export interface RankingDifference {
  query: JudgedQuery
  half: QueryHalf
  /** Reciprocal rank of the first relevant document in the top 10 (0 when none), per engine. */
  kavosh: number
  lucene: number
  kavoshTop: string[]
  luceneTop: string[]
}

/**
 * The queries whose reciprocal rank (top 10) differs between the two rankings, kavosh's largest losses
 * first (ties: query order). Queries missing from a ranking count as ranking nothing.
 */
export function rankingDifferences(
  queries: readonly JudgedQuery[],
  kavosh: ReadonlyMap<string, readonly string[]>,
  lucene: ReadonlyMap<string, readonly string[]>,
  top = 3,
): RankingDifference[] {
  const rows: RankingDifference[] = []
  for (const query of queries) {
    const relevant = new Set(query.relevant)
    const k = kavosh.get(query.id) ?? []
    const l = lucene.get(query.id) ?? []
    const rrK = reciprocalRank(k, relevant)
    const rrL = reciprocalRank(l, relevant)
    if (rrK === rrL) continue
    rows.push({
      query,
      half: queryHalf(query.id),
      kavosh: rrK,
      lucene: rrL,
      kavoshTop: k.slice(0, top),
      luceneTop: l.slice(0, top),
    })
  }
  return rows.sort((a, b) => a.kavosh - a.lucene - (b.kavosh - b.lucene))
}

/** One tab-separated line per difference, then the two MRR@10 figures. */
export function formatDifferences(
  rows: readonly RankingDifference[],
  mrr: { kavosh: number; lucene: number; queries: number },
): string {
  const lines = ['Δ RR\tkavosh\tLucene\thalf\tquery\tkavosh top\tLucene top']
  for (const r of rows) {
    lines.push(
      [
        (r.kavosh - r.lucene).toFixed(2),
        r.kavosh.toFixed(2),
        r.lucene.toFixed(2),
        r.half,
        r.query.text.replace(/\s+/g, ' ').trim(),
        r.kavoshTop.join(' '),
        r.luceneTop.join(' '),
      ].join('\t'),
    )
  }
  lines.push(
    `MRR@10 kavosh ${mrr.kavosh.toFixed(4)}, Lucene ${mrr.lucene.toFixed(4)} over ${mrr.queries} queries; ${rows.length} ranked differently (${rows.filter((r) => r.kavosh < r.lucene).length} better in Lucene)`,
  )
  return `${lines.join('\n')}\n`
}

const USAGE = `Usage: npm run bench:lucene-diff -- --corpus NAME [--corpora DIR]

  --corpus NAME   one judged collection (e.g. persianquad, parsinlu-rc, arcd, pooled-fa)
  --corpora DIR   corpora folder (default: $KAVOSH_CORPORA, else <repo>/../shared/corpora)`

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { corpus: { type: 'string' }, corpora: { type: 'string' }, help: { type: 'boolean' } },
  })
  if (values.help || !values.corpus) {
    console.log(USAGE)
    return values.help ? 0 : 1
  }
  const plan = fullPlan()
  const loaded = loadCollections(resolveCorporaDir(values.corpora), {
    names: [values.corpus],
    limitsFor: plan.limitsFor,
    pooledQueries: plan.pooledQueries,
    describeLimits,
  })
  const collection = loaded.collections.find((c) => c.roles.judged && !loaded.usedSample)
  if (!collection) {
    console.error(`no judged collection ${values.corpus}: ${loaded.skipped.map((s) => s.reason).join('; ')}`)
    return 1
  }
  const kavoshApi = await loadKavosh()
  if ('error' in kavoshApi) throw new Error(kavoshApi.error)
  const engine = kavoshEngine(kavoshApi.api, 'src')
  if ('skipped' in engine) throw new Error(engine.skipped)
  const ranker = compileRanker()
  if ('error' in ranker) {
    console.error(`bench:lucene-diff cannot run: ${ranker.error}`)
    return 1
  }
  try {
    const queries = collection.querySets.flatMap((s) => s.queries)
    const lucene = ranker.rank(
      collection.lang === 'fa' ? 'persian' : 'arabic',
      collection.docs,
      new Map(queries.map((q) => [q.id, q.text])),
      100,
    )
    const index = await engine.build(collection.docs)
    const kavosh = new Map(queries.map((q) => [q.id, index.search(q.text, 'keyword', 100)]))
    const rows = rankingDifferences(queries, kavosh, lucene)
    const mean = (ranking: ReadonlyMap<string, readonly string[]>) =>
      queries.reduce((sum, q) => sum + reciprocalRank(ranking.get(q.id) ?? [], new Set(q.relevant)), 0) /
      Math.max(1, queries.length)
    process.stdout.write(
      formatDifferences(rows, { kavosh: mean(kavosh), lucene: mean(lucene), queries: queries.length }),
    )
    return 0
  } finally {
    ranker.dispose()
  }
}

if (process.argv[1]?.endsWith('diff.ts')) process.exitCode = await main()
