/**
 * `npm run bench:lucene`: the Lucene reference of the ranking-quality section. Indexes every judged corpus
 * and the pooled settings exactly as the full bench run loads them (bench/lib/corpora.ts, fullPlan's cuts)
 * with Lucene's PersianAnalyzer (fa) or ArabicAnalyzer (ar) and BM25, and scores Lucene's top 100 with the
 * bench's own quality code (same queries, variants, tune/test split and metrics as kavosh). Writes
 * bench/results/lucene.json, which the bench report shows as a reference column. Needs a JDK and Debian's
 * liblucene8-java (see test/elasticsearch/lucene-env.mjs); a few minutes on 2 cores.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Engine } from '../engines/types'
import { ALL_COLLECTION_NAMES, describeCollection, loadCollections, resolveCorporaDir } from '../lib/corpora'
import {
  LUCENE_ENGINE_ID,
  LUCENE_RESULTS_FILE,
  LUCENE_SCHEMA,
  type LuceneResults,
  luceneSummaryMarkdown,
  validateLuceneResults,
} from '../lib/lucene-results'
import { describeMachine } from '../lib/machine'
import { Progress } from '../lib/progress'
import type { QualityResult } from '../lib/results'
import { describeLimits, fullPlan } from '../lib/run-plan'
import { compileRanker } from './ranker'
import { scoreExternalRankings } from './score'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

const USAGE = `Usage: npm run bench:lucene -- [options]

  --corpora DIR           corpora folder (default: $KAVOSH_CORPORA, else <repo>/../shared/corpora)
  --corpus NAME[,NAME]    judged collections to run (default: all present, pooled settings included):
                          ${ALL_COLLECTION_NAMES.join(', ')}
  --out FILE              results file (default: ${LUCENE_RESULTS_FILE}; lucene-partial.json with --corpus)
  --help`

const CONFIG =
  'PersianAnalyzer (fa) / ArabicAnalyzer (ar) as shipped (default stop words, no stemming exclusions); BM25Similarity(k1 1.2, b 0.75); title and text in one field; query: classic QueryParser over the escaped text, default operator OR; top 100'

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpora: { type: 'string' },
      corpus: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const startedAt = new Date()
  const progress = new Progress()
  const ranker = compileRanker()
  if ('error' in ranker) {
    progress.log(
      `bench:lucene cannot run: ${ranker.error}.\nInstall a JDK and Lucene 8 (Debian: apt-get install -y --no-install-recommends default-jdk-headless liblucene8-java), or list the lucene-core, lucene-analyzers-common and lucene-queryparser jars in LUCENE_JARS.`,
    )
    return 1
  }
  progress.log(`Lucene ${ranker.version} (${ranker.jars.join(', ')}), ${ranker.java}`)
  try {
    const plan = fullPlan()
    const names = values.corpus ? values.corpus.split(',').map((s) => s.trim()) : []
    const corporaDir = resolveCorporaDir(values.corpora)
    const loaded = loadCollections(
      corporaDir,
      { names, limitsFor: plan.limitsFor, pooledQueries: plan.pooledQueries, describeLimits },
      (m) => progress.update(`[corpora] ${m}`),
    )
    for (const s of loaded.skipped) progress.log(`skipped corpus ${s.name}: ${s.reason}`)
    if (loaded.usedSample) {
      progress.log(`no corpus found in ${corporaDir}: nothing to measure`)
      return 1
    }
    const collections = loaded.collections.filter((c) => c.roles.judged)
    const engine: Engine = {
      id: LUCENE_ENGINE_ID,
      library: 'lucene',
      version: ranker.version,
      variant: 'fa-ar',
      config: CONFIG,
      supports: { keyword: true, phrase: false, prefix: false, fuzzy: false, persistence: false },
      build: () => {
        throw new Error('the Lucene engine is built by LuceneRanker.java')
      },
    }
    const quality: QualityResult[] = []
    for (const c of collections) {
      const analyzer = c.lang === 'fa' ? 'persian' : 'arabic'
      quality.push(
        ...scoreExternalRankings(c, engine, plan, progress, (queries, limit) => {
          progress.update(`[${c.name}] lucene: indexing ${c.docs.length} docs, ${queries.size} query texts`)
          return ranker.rank(analyzer, c.docs, queries, limit)
        }),
      )
    }
    progress.endLine()
    const finishedAt = new Date()
    const results: LuceneResults = {
      schema: LUCENE_SCHEMA,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      machine: describeMachine(startedAt),
      command: `npm run bench:lucene${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      lucene: { version: ranker.version, java: ranker.java, jars: ranker.jars },
      config: CONFIG,
      notes: [
        `Collections, queries and variants exactly as in the full bench run (bench/lib/corpora.ts, variants.ts, fullPlan): saudinewsnet (only inside pooled-ar) cut to ${describeLimits(plan.limitsFor('saudinewsnet')) ?? 'nothing'}; the pooled settings score ${plan.pooledQueries} queries per query set (spread sample); variants are scored on up to ${plan.maxVariantQueries} queries per set; every other figure uses every query. pooled-fa uses PersianAnalyzer, pooled-ar ArabicAnalyzer.`,
        "Lucene 8's PersianAnalyzer does not stem (PersianStemFilter joined it in Lucene 10); it folds ی/ک to ي/ك, maps ZWNJ to a space and drops stop words such as ها/های.",
      ],
      collections: collections.map(describeCollection),
      quality,
    }
    const problems = validateLuceneResults(results)
    const out =
      values.out ?? join(repoRoot, values.corpus ? 'bench/results/lucene-partial.json' : LUCENE_RESULTS_FILE)
    writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`)
    process.stdout.write(luceneSummaryMarkdown(results))
    progress.log(`wrote ${out} in ${Math.round(results.durationSeconds)} s`)
    if (problems.length > 0) {
      progress.log(`results failed validation:\n  ${problems.slice(0, 20).join('\n  ')}`)
      return 1
    }
    return 0
  } finally {
    ranker.dispose()
  }
}

process.exitCode = await main()
