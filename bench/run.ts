/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts): measures kavosh and its peers on the
 * shared Persian/Arabic corpora and writes bench/results/<name>.{json,md}. See `--help` and
 * bench/README.md. Progress goes to stderr; the Markdown report goes to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { flexsearchEngines } from './engines/flexsearch'
import { type KavoshApi, kavoshEngine, loadKavosh } from './engines/kavosh'
import { minisearchEngines } from './engines/minisearch'
import { oramaEngines } from './engines/orama'
import type { Engine } from './engines/types'
import { type CliOptions, outputName, parseCliOptions, USAGE } from './lib/cli-options'
import { describeCollection, loadCollections, resolveCorporaDir } from './lib/corpora'
import { loadLuceneResults } from './lib/lucene-results'
import { describeMachine } from './lib/machine'
import { Progress } from './lib/progress'
import { computeRatios } from './lib/ratios'
import { renderMarkdown } from './lib/report-markdown'
import { type BenchResults, RESULTS_SCHEMA, SECTIONS, type SectionName, validateResults } from './lib/results'
import { describeLimits, fullPlan, quickPlan, type RunPlan } from './lib/run-plan'
import { canCollectGarbage } from './lib/timing'
import { compileRanker, type LuceneRanker } from './lucene/ranker'
import { analysisOperations, runAnalysisSection } from './sections/analysis'
import { runIndexSections } from './sections/index-sections'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

function selectEngines(all: Engine[], libs: readonly string[]): Engine[] {
  if (libs.length === 0) return all
  return all.filter((e) =>
    libs.some((l) => l === e.id || l === e.library.replace('@orama/', '') || l === e.library),
  )
}

/**
 * Lucene for the paired builds of issue #6's "2× Lucene" target (compiled once), when the plan has such
 * pairs, the build section runs and `--lib` names lucene or no library; else undefined, with the reason in
 * `skipped` when Lucene was wanted but is missing here (no JDK or jars).
 */
function luceneForPairs(
  plan: RunPlan,
  sections: ReadonlySet<SectionName>,
  libs: readonly string[],
  skipped: { what: string; reason: string }[],
  progress: Progress,
): LuceneRanker | undefined {
  if (plan.lucenePairedBuilds === 0 || !sections.has('build')) return undefined
  if (libs.length > 0 && !libs.includes('lucene')) return undefined
  progress.update('[lucene] compiling bench/lucene/LuceneRanker.java')
  let ranker: ReturnType<typeof compileRanker>
  try {
    ranker = compileRanker()
  } catch (e) {
    ranker = { error: `LuceneRanker.java did not compile or run: ${(e as Error).message.split('\n')[0]}` }
  }
  if ('error' in ranker) {
    const reason = `${ranker.error}; issue #6's Lucene target is then read against the issue's figure`
    progress.log(`skipped paired builds with Lucene: ${reason}`)
    skipped.push({ what: 'paired builds with Lucene', reason })
    return undefined
  }
  return ranker
}

async function main(options: CliOptions): Promise<number> {
  const startedAt = new Date()
  const progress = new Progress()
  const plan = options.quick ? quickPlan() : fullPlan()
  const sections = new Set<SectionName>(options.sections.length ? options.sections : SECTIONS)
  const skipped: { what: string; reason: string }[] = []
  const notes = [...plan.notes]
  if (!canCollectGarbage) {
    notes.push(
      'global.gc was not available (run with node --expose-gc): no GC between repetitions, no heap figures.',
    )
    progress.log('warning: global.gc not available; run through `npm run bench` (node --expose-gc)')
  }

  // Engines: kavosh from src/ (may not exist yet), then the peers.
  const kavoshLoad = await loadKavosh()
  let kavoshApi: KavoshApi | undefined
  const engines: Engine[] = []
  if ('error' in kavoshLoad) skipped.push({ what: 'kavosh', reason: kavoshLoad.error })
  else {
    kavoshApi = kavoshLoad.api
    const version = (await import('../package.json', { with: { type: 'json' } })).default.version
    const k = kavoshEngine(kavoshApi, version)
    if ('skipped' in k)
      skipped.push({ what: 'kavosh SearchIndex (build, queries, persistence, quality)', reason: k.skipped })
    else engines.push(k)
    if (!kavoshApi.normalize || !kavoshApi.analyze)
      skipped.push({
        what: 'kavosh normalize/analyze (analysis section)',
        reason: 'not exported by src/index.ts yet',
      })
  }
  engines.push(...minisearchEngines(), ...flexsearchEngines(), ...oramaEngines())
  const selected = selectEngines(engines, options.libs)
  const wantKavosh = options.libs.length === 0 || options.libs.includes('kavosh')
  if (selected.length === 0 && !(wantKavosh && kavoshApi)) {
    progress.log(`no engine selected/available (--lib ${options.libs.join(',')})`)
    return 2
  }
  for (const s of skipped) progress.log(`skipped ${s.what}: ${s.reason}`)

  // Corpora.
  const corporaDir = resolveCorporaDir(options.corporaDir)
  progress.log(`corpora: ${corporaDir}`)
  const loaded = loadCollections(
    corporaDir,
    {
      names: options.corpora,
      limitsFor: plan.limitsFor,
      pairedLimitsFor: plan.pairedLimitsFor,
      pooledQueries: plan.pooledQueries,
      describeLimits,
    },
    (m) => progress.update(`[corpora] ${m}`),
  )
  for (const s of loaded.skipped) {
    progress.log(`skipped corpus ${s.name}: ${s.reason}`)
    skipped.push({ what: `corpus ${s.name}`, reason: s.reason })
  }
  if (loaded.usedSample) {
    const note =
      'No corpus from the shared corpora folder was available: the bundled sample (bench/sample, a few paragraphs written for kavosh) was used instead. It is far too small for meaningful figures.'
    notes.push(note)
    progress.log(note)
  }
  const collections = loaded.collections

  // Sections.
  const analysis = sections.has('analysis')
    ? runAnalysisSection(
        collections,
        analysisOperations(wantKavosh ? kavoshApi : undefined, selected),
        plan,
        progress,
      )
    : []
  const lucene = luceneForPairs(plan, sections, options.libs, skipped, progress)
  let indexed: Awaited<ReturnType<typeof runIndexSections>>
  try {
    indexed = await runIndexSections(collections, selected, sections, plan, progress, lucene)
  } finally {
    lucene?.dispose()
  }
  skipped.push(...indexed.skipped)
  progress.endLine()

  const finishedAt = new Date()
  const partial: Omit<BenchResults, 'ratios'> = {
    schema: RESULTS_SCHEMA,
    mode: plan.mode,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    machine: describeMachine(startedAt),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    options: {
      corporaDir,
      corpora: collections.map((c) => c.name),
      libs: selected.map((e) => e.id),
      sections: [...sections],
    },
    method: {
      warmups: plan.warmups,
      gcBetweenRepetitions: plan.collectGarbage && canCollectGarbage,
      repetitions: {
        analysis: plan.analysisRepetitions,
        build: plan.buildRepetitions(0),
        ...(plan.buildRepetitions(6e6) !== plan.buildRepetitions(0)
          ? { 'build of >5 MB': plan.buildRepetitions(6e6) }
          : {}),
        queries: plan.queryRepetitions,
        persistence: plan.persistenceRepetitions(0),
        ...(plan.persistenceRepetitions(6e6) !== plan.persistenceRepetitions(0)
          ? { 'persistence of >5 MB': plan.persistenceRepetitions(6e6) }
          : {}),
      },
      notes,
    },
    collections: collections.map(describeCollection),
    engines: selected.map((e) => ({
      id: e.id,
      library: e.library,
      version: e.version,
      variant: e.variant,
      config: e.config,
      supports: e.supports,
    })),
    skipped,
    analysis,
    build: indexed.build,
    queries: indexed.queries,
    persistence: indexed.persistence,
    quality: indexed.quality,
  }
  const results: BenchResults = { ...partial, ratios: computeRatios(partial) }
  const problems = validateResults(results)
  const markdown = renderMarkdown(
    results,
    loadLuceneResults(undefined, (m) => progress.log(m)),
  )

  const dir = join(repoRoot, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const name = outputName(options)
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(results, null, 1)}\n`)
  writeFileSync(join(dir, `${name}.md`), markdown)
  process.stdout.write(markdown)
  progress.log(
    `wrote bench/results/${name}.json and ${name}.md in ${Math.round(partial.durationSeconds)} s (${plan.mode} run)`,
  )
  if (problems.length > 0) {
    progress.log(`results failed validation:\n  ${problems.slice(0, 20).join('\n  ')}`)
    return 1
  }
  return 0
}

let options: CliOptions
try {
  options = parseCliOptions(process.argv.slice(2))
} catch (e) {
  console.error((e as Error).message)
  process.exit(2)
}
if (options.help) {
  console.log(USAGE)
} else {
  process.exitCode = await main(options)
}
