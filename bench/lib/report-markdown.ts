/**
 * Renders BenchResults as the Markdown report (bench/results/latest.md, spliced into the README by
 * `npm run bench:readme`). Engines are columns throughout so each row compares the libraries directly.
 */
import {
  comparableLuceneRows,
  LUCENE_RESULTS_FILE,
  type LuceneResults,
  luceneEngineInfo,
} from './lucene-results'
import { METRIC_LABELS, METRIC_NAMES } from './metrics'
import type { BenchResults, EngineInfo, QualityResult, RatioResult, SectionName } from './results'
import type { Summary } from './stats'
import { targetRows } from './targets'
import { VARIANTS } from './variants'

/** Three significant digits, without exponent notation for everyday magnitudes. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '—'
  const a = Math.abs(x)
  if (a === 0) return '0'
  if (a >= 1000) return Math.round(x).toLocaleString('en-US')
  if (a >= 100) return x.toFixed(0)
  if (a >= 10) return x.toFixed(1)
  if (a >= 1) return x.toFixed(2)
  return x.toPrecision(2).replace(/e.*$/, '')
}

export function formatSummary(s: Summary | null | undefined, scale = 1): string {
  if (!s || !Number.isFinite(s.median)) return '—'
  if (s.n <= 1 || s.min === s.max) return formatNumber(s.median * scale)
  return `${formatNumber(s.median * scale)} (${formatNumber(s.min * scale)}–${formatNumber(s.max * scale)})`
}

const metric3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')

function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const a = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'))
  const esc = (c: string) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${a.map((x) => (x === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n')
}

function engineLabel(e: EngineInfo): string {
  if (e.library === 'kavosh') return '**kavosh**'
  if (e.library === 'lucene') return `Lucene ${e.version} (reference)`
  const name = e.library.replace('@orama/', '')
  return e.variant === 'default' ? `${name} (default)` : `${name} (fa-ar)`
}

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = Math.round(seconds % 60)
  return m > 0 ? `${m} min ${s} s` : `${s} s`
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)]
}

function ratioTable(
  ratios: RatioResult[],
  section: SectionName,
  peers: EngineInfo[],
  keep: (r: RatioResult) => boolean = () => true,
): string {
  const rows = ratios.filter((r) => r.section === section && keep(r))
  if (rows.length === 0) return ''
  const keys = unique(rows.map((r) => `${r.collection}\u0000${r.metric}`))
  const body = keys.map((key) => {
    const [collection, metric] = key.split('\u0000')
    const cells = peers.map((p) => {
      const r = rows.find((x) => x.collection === collection && x.metric === metric && x.peer === p.id)
      return r ? `${formatNumber(r.ratio)}×` : '—'
    })
    const dir = rows.find((x) => x.collection === collection && x.metric === metric)!.higherIsBetter
      ? '↑'
      : '↓'
    return [`${collection} · ${metric} ${dir}`, ...cells]
  })
  return `\n\n<details><summary>kavosh ÷ peer (${section})</summary>\n\n${table(['figure', ...peers.map(engineLabel)], body)}\n\n</details>`
}

/**
 * The report. `lucene` (bench/results/lucene.json, from `npm run bench:lucene`) adds a reference column to
 * the quality section wherever it scored the same documents and queries as this run.
 */
export function renderMarkdown(r: BenchResults, lucene?: LuceneResults): string {
  const out: string[] = []
  const engines = r.engines
  const luceneRows = lucene ? comparableLuceneRows(r, lucene) : undefined
  const luceneInfo = lucene && luceneRows && luceneRows.rows.length > 0 ? luceneEngineInfo(lucene) : undefined
  const peers = engines.filter((e) => e.library !== 'kavosh')
  const kavoshMeasured = engines.some((e) => e.library === 'kavosh')
  const m = r.machine
  out.push(
    `_${r.mode === 'quick' ? 'Quick (smoke-test) run' : 'Full run'} of \`npm run bench\` on ${m.date.slice(0, 10)}: ${duration(r.durationSeconds)} on ${m.cpuModel} (${m.cores} cores, ${m.totalMemoryGiB} GiB), Node ${m.nodeVersion} (V8 ${m.v8Version}), ${m.platform}/${m.arch}._`,
  )
  const reps = Object.entries(r.method.repetitions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  out.push(
    `\nMethod: ${r.method.warmups} warm-up run per measurement, then timed repetitions (${reps}); each figure is the median, with min–max over the repetitions in brackets${r.method.gcBetweenRepetitions ? '; full GC (`global.gc`) before every build, save, load and analysis repetition and before each latency block (before its warm-up passes)' : ''}. MB = 10⁶ bytes of UTF-8 text. kavosh ÷ peer ratios (in the collapsed tables) are the figures to quote: they come from one run on one machine, under the same load. ↑ = higher is better, ↓ = lower is better.`,
  )
  for (const note of r.method.notes) out.push(`\n> ${note}`)
  if (!kavoshMeasured)
    out.push(
      '\n> kavosh\'s SearchIndex was not available in this run, so only the peers were measured (see "Skipped").',
    )

  out.push('\n### Corpora\n')
  out.push(
    table(
      ['corpus', 'lang', 'docs', 'MB', 'judged queries', 'licence', 'slice'],
      r.collections.map((c) => [
        c.kind === 'pooled' ? `${c.name} (${c.members?.join(' + ')})` : c.name,
        c.lang,
        c.docs.toLocaleString('en-US'),
        formatNumber(c.bytes / 1e6),
        c.querySets
          .map((q) => (c.kind === 'pooled' ? `${q.name}: ${q.queries}` : String(q.queries)))
          .join(', ') || '–',
        c.licence,
        c.slice ?? 'all',
      ]),
      ['l', 'l', 'r', 'r', 'l', 'l', 'l'],
    ),
  )

  out.push('\n### Engines\n')
  out.push(
    table(
      ['engine', 'version', 'configuration'],
      [...engines, ...(luceneInfo ? [luceneInfo] : [])].map((e) => [engineLabel(e), e.version, e.config]),
      ['l', 'l', 'l'],
    ),
  )
  out.push(
    '\n"fa-ar" is the configuration a careful user would write for Persian/Arabic following each library\'s docs; the folding it applies is the same for all three peers (`bench/engines/peer-folding.ts`). Unsupported query kinds are shown as —.',
  )
  if (r.skipped.length > 0) {
    out.push('\nSkipped:')
    const byReason = new Map<string, string[]>()
    for (const s of r.skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.what])
    for (const [reason, whats] of byReason) out.push(`- ${whats.join('; ')}: ${reason}`)
  }

  const header = ['corpus', ...engines.map(engineLabel)]
  const collectionsOf = (rows: { collection: string }[]) => unique(rows.map((x) => x.collection))

  if (r.analysis.length > 0) {
    out.push('\n### 1. Analysis hot path (MB/s, higher is better)\n')
    out.push(
      "kavosh `normalize` and `analyze` (language auto) vs each peer's own tokenise + normalise step, per text, over the first MBs of each corpus.\n",
    )
    const ops = unique(r.analysis.map((a) => `${a.engine}\u0000${a.operation}`))
    const cols = collectionsOf(r.analysis)
    out.push(
      table(
        ['operation', ...cols],
        ops.map((key) => {
          const [engine, op] = key.split('\u0000')
          const e = engines.find((x) => x.id === engine)
          const label = engine === 'kavosh' ? `kavosh \`${op}\`` : `${e ? engineLabel(e) : engine} ${op}`
          return [
            label,
            ...cols.map((c) =>
              formatSummary(
                r.analysis.find((a) => a.engine === engine && a.operation === op && a.collection === c)
                  ?.mbPerSec,
              ),
            ),
          ]
        }),
      ),
    )
    const termOps = ops.filter((key) =>
      r.analysis.some((a) => `${a.engine}\u0000${a.operation}` === key && a.termsPerKB !== null),
    )
    if (termOps.length > 0) {
      out.push(
        '\nTerms produced per KB of text (a sanity check of the analyzers: near 0 = the analyzer drops this script; far above the others = it shreds words, e.g. at every diacritic)\n',
      )
      out.push(
        table(
          ['operation', ...cols],
          termOps.map((key) => {
            const [engine, op] = key.split('\u0000')
            const e = engines.find((x) => x.id === engine)
            const label = engine === 'kavosh' ? `kavosh \`${op}\`` : `${e ? engineLabel(e) : engine} ${op}`
            return [
              label,
              ...cols.map((c) => {
                const a = r.analysis.find(
                  (x) => x.engine === engine && x.operation === op && x.collection === c,
                )
                return a?.termsPerKB == null ? '—' : formatNumber(a.termsPerKB)
              }),
            ]
          }),
        ),
      )
    }
    out.push(ratioTable(r.ratios, 'analysis', peers))
  }

  if (r.build.length > 0) {
    out.push('\n### 2. Index build\n')
    out.push(
      'An engine whose analyzer drops Arabic-script text (orama default: its English tokenizer yields no terms; see the terms-per-KB table) indexes almost nothing, so its speed and memory here mean little.\n',
    )
    const cols = collectionsOf(r.build)
    const buildTable = (title: string, pick: (b: (typeof r.build)[number]) => string) => {
      out.push(`\n${title}\n`)
      out.push(
        table(
          header,
          cols.map((c) => [
            c,
            ...engines.map((e) => {
              const b = r.build.find((x) => x.collection === c && x.engine === e.id)
              return b ? pick(b) : '—'
            }),
          ]),
        ),
      )
    }
    buildTable('Documents per second ↑', (b) => formatSummary(b.docsPerSec))
    buildTable('MB of text per second ↑', (b) => formatSummary(b.mbPerSec))
    const parallel = r.build.filter((b) => b.parallel !== undefined)
    if (parallel.length > 0) {
      const workers = unique(parallel.map((b) => b.parallel!.workers)).join('/')
      out.push(
        `\nMulti-core build: kavosh on ${workers} worker thread(s) and the calling thread (\`kavosh/node\`, a pool kept for the run: segments of about equal text, several per thread, each built by whichever thread is free, merged in order), timed right after the one-thread builds above; speed-up = one-thread time ÷ parallel time, same run ↑\n`,
      )
      out.push(
        table(
          ['corpus', 'engine', 'one thread, MB/s', 'parallel, MB/s', 'speed-up', 'same results'],
          parallel.map((b) => [
            b.collection,
            b.engine,
            formatSummary(b.mbPerSec),
            formatSummary(b.parallel!.mbPerSec),
            `${formatNumber(b.parallel!.speedup)}×`,
            b.parallel!.sameResults ? 'yes' : '**no**',
          ]),
          ['l', 'l', 'r', 'r', 'r', 'l'],
        ),
      )
    }
    const paired = r.build.flatMap((b) =>
      [b.paired, b.pairedLucene].flatMap((p) => (p === undefined ? [] : [{ b, p }])),
    )
    if (paired.length > 0) {
      const against = unique(paired.map(({ p }) => p.against)).join(', ')
      out.push(
        `\nPaired builds: kavosh and each of ${against} build the same documents in turn (${unique(paired.map(({ p }) => p.pairs)).join('/')} pairs per corpus, the order alternating, a GC before each build), after the corpus's other sections and on the whole corpus where they read a cut (issue #6's reference figures are whole corpora); ratio = the peer's build time ÷ kavosh's, pair by pair, so that a slow or fast stretch of the machine moves both builds of a pair. Lucene (PersianAnalyzer / ArabicAnalyzer, title and text in one field, BM25, an in-memory directory, the segment flushed at close) builds in one JVM that holds the documents and waits for each build, after an untimed warm-up build. Issue #6's build ratios are read off these ↑\n`,
      )
      out.push(
        table(
          ['corpus', 'text built', 'against', 'kavosh, MB/s', 'peer, MB/s', 'ratio, median (range)'],
          paired.map(({ b, p }) => [
            b.collection,
            `${formatNumber(p.bytes / 1e6)} MB${p.bytes !== b.bytes ? ' (whole corpus)' : ''}`,
            p.against,
            formatSummary(p.mbPerSec),
            formatSummary(p.peerMbPerSec),
            `${formatNumber(p.ratio.median)}× (${formatNumber(p.ratio.min)}–${formatNumber(p.ratio.max)})`,
          ]),
          ['l', 'r', 'l', 'r', 'r', 'r'],
        ),
      )
    }
    const feeds = r.build.filter((b) => b.feed !== undefined)
    if (feeds.length > 0) {
      const f = feeds[0].feed!
      buildTable(
        `Feed: the first ${unique(feeds.map((b) => b.feed!.docs)).join('/')} documents again, under new ids, added ${f.batchDocs} at a time to the built index (after the collection's other sections; each engine's own way to add to a built index: kavosh and minisearch \`addAll\`, flexsearch \`add\` and orama \`insert\` per document). MB of text per second ↑, then the time of one batch, median / p99 ms ↓`,
        (b) =>
          b.feed
            ? `${formatNumber(b.feed.mbPerSec)} (${formatNumber(b.feed.batchP50Ms)} / ${formatNumber(b.feed.batchP99Ms)})`
            : '—',
      )
    }
    buildTable(
      'Retained memory after GC, MB per MB of text ↓ (heapUsed + external delta with the index alive; external holds ArrayBuffer backing stores, where typed-array indexes live)',
      (b) => formatSummary(b.retainedBytesPerMB, 1e-6),
    )
    buildTable('Of which JS heap only (heapUsed delta), MB per MB of text ↓', (b) =>
      formatSummary(b.heapBytesPerMB, 1e-6),
    )
    out.push(ratioTable(r.ratios, 'build', peers))
  }

  if (r.queries.length > 0) {
    out.push('\n### 3. Query latency (ms per query, top 10; p50 / p99) ↓\n')
    out.push(
      'Judged queries of each corpus (spread sample): keyword = as written; phrase = its two adjacent longest words as a phrase; prefix = last word cut to half (autocomplete); fuzzy = one adjacent-letter transposition in the longest word. Pooled rows query the union index with all query sets.\n',
    )
    const cols = collectionsOf(r.queries)
    const maxQueries = (c: string, kind: string) =>
      Math.max(...r.queries.filter((q) => q.collection === c && q.kind === kind).map((q) => q.queries))
    out.push(
      'Every engine runs the same queries of a collection (how many: in brackets after the corpus; with few queries p99 is close to the maximum). † = returned less than one hit per query on average (the engine cannot read this text, so its time means little). "(n q)" = a slow engine timed on fewer queries (its warm-up pass exceeded the time budget).\n',
    )
    for (const kind of ['keyword', 'phrase', 'prefix', 'fuzzy'] as const) {
      if (!r.queries.some((q) => q.kind === kind)) continue
      out.push(`\n${kind}\n`)
      out.push(
        table(
          header,
          cols.map((c) => [
            `${c} (${maxQueries(c, kind)} q)`,
            ...engines.map((e) => {
              const q = r.queries.find((x) => x.collection === c && x.engine === e.id && x.kind === kind)
              if (!q) return '—'
              const mark = q.meanHits < 1 ? ' †' : ''
              const fewer = q.queries < maxQueries(c, kind) ? ` (${q.queries} q)` : ''
              return `${formatNumber(q.p50Ms.median)} / ${formatNumber(q.p99Ms.median)}${mark}${fewer}`
            }),
          ]),
        ),
      )
    }
    out.push(ratioTable(r.ratios, 'queries', peers))
  }

  if (r.persistence.length > 0) {
    out.push('\n### 4. Persistence\n')
    const cols = collectionsOf(r.persistence)
    const pick = (title: string, f: (p: (typeof r.persistence)[number]) => string) => {
      out.push(`\n${title}\n`)
      out.push(
        table(
          header,
          cols.map((c) => [
            c,
            ...engines.map((e) => {
              const p = r.persistence.find((x) => x.collection === c && x.engine === e.id)
              return p ? f(p) : '—'
            }),
          ]),
        ),
      )
    }
    pick(
      'Saved size, MB ↓ (JSON text for the peers)',
      (p) => formatNumber(p.savedBytes / 1e6) + (p.roundTripAgrees ? '' : ' ⚠'),
    )
    pick('Load time, ms ↓', (p) => formatSummary(p.loadMs))
    pick('Load time ÷ build time ↓', (p) => formatNumber(p.loadOverBuild))
    if (r.persistence.some((p) => !p.roundTripAgrees))
      out.push('\n⚠ = the loaded index did not return the same top 10 as the original for every probe query.')
    out.push(ratioTable(r.ratios, 'persistence', peers))
  }

  if (r.quality.length > 0) {
    out.push('\n### 5. Ranking quality\n')
    out.push(
      "Binary relevance; keyword queries as written, top 100 retrieved; queries without a relevant hit score 0. MAP is over the top 100. 'test' = the held-out half of each query set (FNV-1a hash of the query id is odd); the other half ('tune') is reserved for tuning ranking.\n",
    )
    if (lucene && luceneRows && luceneInfo)
      out.push(
        `${engineLabel(luceneInfo)}: from \`${LUCENE_RESULTS_FILE}\` (\`npm run bench:lucene\`, run ${lucene.startedAt.slice(0, 10)}; configuration in the Engines table). Not part of this run (no timings, no ratios), but scored by the same code on the same documents, queries and variants.${luceneRows.omitted > 0 ? ` ${luceneRows.omitted} of its ${lucene.quality.length} rows are not shown: this run scored other documents or queries there.` : ''}\n`,
      )
    else if (lucene)
      out.push(
        `(The Lucene reference in \`${LUCENE_RESULTS_FILE}\` is not shown: this run scored other documents or queries than it did, e.g. a quick run's slices.)\n`,
      )
    // The Lucene reference joins the engines of this section only.
    const qualityEngines = luceneInfo ? [...engines, luceneInfo] : engines
    const qualityRows = luceneRows ? [...r.quality, ...luceneRows.rows] : r.quality
    const settings = unique(r.quality.map((q) => `${q.collection}\u0000${q.querySet}`))
    const label = (key: string) => {
      const [c, s] = key.split('\u0000')
      return c === s ? c : `${c} ▸ ${s}`
    }
    const find = (
      key: string,
      engine: string,
      split: 'all' | 'test',
      variant = 'original',
    ): QualityResult | undefined => {
      const [c, s] = key.split('\u0000')
      return qualityRows.find(
        (q) =>
          q.collection === c &&
          q.querySet === s &&
          q.engine === engine &&
          q.split === split &&
          q.variant === variant,
      )
    }
    for (const split of ['all', 'test'] as const) {
      for (const metric of ['ndcg10', 'mrr10'] as const) {
        out.push(`\n${METRIC_LABELS[metric]} ↑, ${split === 'all' ? 'all queries' : "'test' half only"}\n`)
        out.push(
          table(
            ['setting ▸ query set', ...qualityEngines.map(engineLabel)],
            settings.map((key) => [
              `${label(key)} (${Math.max(...qualityEngines.map((e) => find(key, e.id, split)?.queries ?? 0))} q)`,
              ...qualityEngines.map((e) => {
                const q = find(key, e.id, split)
                if (!q) return '—'
                const most = Math.max(...qualityEngines.map((x) => find(key, x.id, split)?.queries ?? 0))
                return metric3(q.metrics[metric]) + (q.queries < most ? ` (${q.queries} q)` : '')
              }),
            ]),
          ),
        )
      }
    }
    const detailRows: string[][] = []
    const short = (x: number) => (Number.isFinite(x) ? x.toFixed(3).replace(/^0\./, '.') : '—')
    for (const key of settings)
      for (const e of qualityEngines) {
        const all = find(key, e.id, 'all')
        const test = find(key, e.id, 'test')
        if (all)
          detailRows.push([
            label(key),
            engineLabel(e),
            ...METRIC_NAMES.map((k) => `${short(all.metrics[k])} · ${test ? short(test.metrics[k]) : '—'}`),
          ])
      }
    out.push(
      `\n<details><summary>All metrics: "all queries · 'test' half"</summary>\n\n${table(
        ['setting ▸ query set', 'engine', ...METRIC_NAMES.map((k) => METRIC_LABELS[k])],
        detailRows,
        ['l', 'l', 'r', 'r', 'r', 'r', 'r'],
      )}\n\n</details>`,
    )
    const variantRows = qualityRows.filter((q) => q.variant !== 'original' && q.split === 'all')
    if (variantRows.length > 0) {
      const vSettings = unique(variantRows.map((q) => `${q.collection}\u0000${q.querySet}`))
      out.push(
        '\n#### Orthographic variants (nDCG@10 of the rewritten queries ÷ nDCG@10 of the same queries as written) ↑\n',
      )
      out.push(
        `${VARIANTS.map((v) => `\`${v.name}\`: ${v.description}`).join('; ')}. 1.00 = fully robust. Summary: the lowest ratio over the per-corpus query sets where the variant changed at least one query (in brackets: which set, when below 1); per-set figures below.\n`,
      )
      out.push(
        table(
          ['variant', ...qualityEngines.map(engineLabel)],
          VARIANTS.map((v) => [
            v.name,
            ...qualityEngines.map((e) => {
              let worst: { x: number; set: string } | undefined
              for (const key of vSettings) {
                const q = find(key, e.id, 'all', v.name)
                const x = q?.ratioToOriginal?.ndcg10
                if (q && q.changedQueries > 0 && x !== undefined && (!worst || x < worst.x))
                  worst = { x, set: label(key) }
              }
              if (!worst) return '—'
              return worst.x < 0.995 ? `${worst.x.toFixed(2)} (${worst.set})` : worst.x.toFixed(2)
            }),
          ]),
        ),
      )
      const perSet: string[] = []
      for (const key of vSettings) {
        perSet.push(`\n${label(key)}\n`)
        perSet.push(
          table(
            ['variant (changed / scored queries)', ...qualityEngines.map(engineLabel)],
            VARIANTS.map((v) => {
              const q0 = find(key, qualityEngines[0].id, 'all', v.name)
              return [
                `${v.name} (${q0?.changedQueries ?? 0}/${q0?.queries ?? 0})`,
                ...qualityEngines.map((e) => {
                  const x = find(key, e.id, 'all', v.name)?.ratioToOriginal?.ndcg10
                  return x === undefined ? '—' : x.toFixed(2)
                }),
              ]
            }),
          ),
        )
      }
      out.push(`\n<details><summary>Variants per query set</summary>\n${perSet.join('\n')}\n\n</details>`)
    }
    out.push(ratioTable(r.ratios, 'quality', peers, (x) => /^(ndcg10|mrr10) /.test(x.metric)))
    out.push('\n(Ratios of MAP, P@10 and R@100 are in the JSON.)')
  }
  // A quick run's slices say nothing about the issues' targets: they are read off full runs only.
  const targets = kavoshMeasured && r.mode === 'full' ? targetRows(r, luceneRows?.rows ?? []) : []
  if (targets.some((t) => t.met !== null)) {
    const met = targets.filter((t) => t.met === true).length
    const measured = targets.filter((t) => t.met !== null).length
    out.push('\n### 6. Targets of issues #5 and #6\n')
    out.push(
      `Read off this run (\`bench/lib/targets.ts\`): ${met} of the ${measured} measured targets met. Build, memory and load on the issue's two corpora, latency on hamshahri-subset; quality on all queries of each set. A pooling loss is the score of the corpus indexed alone minus its score in the pooled index, on the same queries (the pooled setting's sample), for kavosh and for the Lucene reference. — = not measured in this run.\n`,
    )
    out.push(
      table(
        ['issue', 'target', 'this run', 'met'],
        targets.map((t) => [`#${t.issue}`, t.target, t.measured, t.met === null ? '—' : t.met ? '✓' : '✗']),
        ['l', 'l', 'l', 'l'],
      ),
    )
  }
  return `${out.join('\n')}\n`
}
