/**
 * The agreement measurement behind `npm run test:es`: analyzes documents of every corpus in
 * ../shared/corpora with kavosh's `analyze()` and with the exported Elasticsearch settings built by Lucene,
 * aligns the two term sequences per document, and tallies identical documents, agreeing tokens and the
 * classes of the differences (with examples). Corpus text is read at test time only; nothing is copied.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { analyze, resolveLanguage } from '../../src/analysis/analyzer'
import type { Language } from '../../src/analysis/types'
import { elasticsearchAnalyzerName, elasticsearchSettings } from '../../src/elasticsearch/index'
import { align } from './align'
import type { LuceneHarness, LuceneInput } from './lucene'

/** One corpus document. */
export interface CorpusDoc {
  id: string
  lang: 'fa' | 'ar'
  text: string
}

/** Reads the first `limit` documents of a corpus folder (docs.jsonl or docs-NNN.jsonl parts, in order). */
export function readCorpus(dir: string, limit: number): CorpusDoc[] {
  const files = readdirSync(dir)
    .filter((f) => /^docs(-\d+)?\.jsonl$/.test(f))
    .sort()
  const docs: CorpusDoc[] = []
  for (const f of files) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (docs.length >= limit) return docs
      if (line.trim() === '') continue
      const d = JSON.parse(line) as { id: string; lang: 'fa' | 'ar'; title?: string; text: string }
      docs.push({ id: String(d.id), lang: d.lang, text: d.title ? `${d.title}\n${d.text}` : d.text })
    }
  }
  return docs
}

/** Corpus folders under `root` (those with docs*.jsonl). */
export function corpusDirs(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory())
    .filter((d) => readdirSync(join(root, d)).some((f) => /^docs.*\.jsonl$/.test(f)))
    .sort()
}

/** Counts of one corpus × mode. */
export interface AgreementRow {
  corpus: string
  mode: 'fixed' | 'auto'
  docs: number
  identicalDocs: number
  kavoshTokens: number
  luceneTokens: number
  commonTokens: number
}

/** One class of differences with its count (hunks and tokens) and a few examples. */
export interface DifferenceClass {
  key: string
  hunks: number
  tokens: number
  examples: string[]
}

/** Share of tokens that agree: LCS over the longer of the two sequences, summed. */
export function tokenAgreement(
  row: Pick<AgreementRow, 'kavoshTokens' | 'luceneTokens' | 'commonTokens'>,
): number {
  const denom = Math.max(row.kavoshTokens, row.luceneTokens)
  return denom === 0 ? 1 : row.commonTokens / denom
}

const SETTINGS_PREFIX = { fa: 'fa', ar: 'ar', auto: 'auto' } as const

/** The three settings (fa, ar, auto) merged into one analysis object, names kept apart by prefix. */
export function mergedSettings(): {
  settings: unknown
  analyzer: (mode: Language, textLanguage: 'fa' | 'ar') => string
} {
  const merged = { char_filter: {}, tokenizer: {}, filter: {}, analyzer: {} } as Record<
    string,
    Record<string, unknown>
  >
  for (const language of ['fa', 'ar', 'auto'] as const) {
    const { analysis } = elasticsearchSettings({ language, prefix: SETTINGS_PREFIX[language] }).settings
    for (const key of Object.keys(merged))
      Object.assign(merged[key]!, (analysis as Record<string, object>)[key])
  }
  return {
    settings: { settings: { analysis: merged } },
    analyzer: (mode, textLanguage) => elasticsearchAnalyzerName(mode, textLanguage, SETTINGS_PREFIX[mode]),
  }
}

/** Classifies a differing hunk by its shape and, for common shapes, by what changed. */
function classify(k: readonly string[], l: readonly string[]): string {
  if (k.length === 1 && l.length === 1) {
    const [a, b] = [k[0]!, l[0]!]
    if (b.startsWith(a)) return '1→1 Lucene keeps more of the word (kavosh stems further)'
    if (a.startsWith(b)) return '1→1 Lucene stems further'
    return '1→1 other term'
  }
  if (k.length === 1 && l.length === 2 && l.join('').length >= k[0]!.length - 1) {
    return '1→2 Lucene splits a word kavosh keeps whole'
  }
  if (k.length === 2 && l.length === 1) return '2→1 Lucene joins two kavosh words'
  if (l.length === 0) return `${k.length > 1 ? 'n' : '1'}→0 term only in kavosh`
  if (k.length === 0) return `0→${l.length > 1 ? 'n' : '1'} term only in Lucene`
  return `${k.length}→${l.length} other`
}

/** Runs the comparison for the given corpora; returns the rows and the difference classes. */
export function measureAgreement(
  lucene: LuceneHarness,
  corpora: ReadonlyArray<{ name: string; docs: readonly CorpusDoc[] }>,
): { rows: AgreementRow[]; classes: Map<string, DifferenceClass> } {
  const { settings, analyzer } = mergedSettings()
  const inputs: LuceneInput[] = []
  const expected = new Map<
    string,
    { corpus: string; mode: 'fixed' | 'auto'; terms: string[]; text: string }
  >()
  for (const { name, docs } of corpora) {
    for (const doc of docs) {
      for (const mode of ['fixed', 'auto'] as const) {
        const language: Language = mode === 'fixed' ? doc.lang : 'auto'
        const id = `${mode}\u0000${name}\u0000${doc.id}`
        inputs.push({ id, analyzer: analyzer(language, resolveLanguage(doc.text, language)), text: doc.text })
        const terms = analyze(doc.text, { language }).map((t) => t.term)
        expected.set(id, { corpus: name, mode, terms, text: doc.text })
      }
    }
  }
  const actual = lucene.analyze(settings, inputs)
  const rows = new Map<string, AgreementRow>()
  const classes = new Map<string, DifferenceClass>()
  for (const [id, exp] of expected) {
    const got = actual.get(id)
    if (!got) throw new Error(`Lucene returned nothing for ${id}`)
    const key = `${exp.corpus}\u0000${exp.mode}`
    let row = rows.get(key)
    if (!row) {
      row = {
        corpus: exp.corpus,
        mode: exp.mode,
        docs: 0,
        identicalDocs: 0,
        kavoshTokens: 0,
        luceneTokens: 0,
        commonTokens: 0,
      }
      rows.set(key, row)
    }
    row.docs++
    row.kavoshTokens += exp.terms.length
    row.luceneTokens += got.length
    const { common, hunks } = align(exp.terms, got)
    row.commonTokens += common
    if (hunks !== null && hunks.length === 0) row.identicalDocs++
    for (const h of hunks ?? [{ aStart: 0, aEnd: exp.terms.length, bStart: 0, bEnd: got.length }]) {
      const k = exp.terms.slice(h.aStart, h.aEnd)
      const l = got.slice(h.bStart, h.bEnd)
      const cls = `${exp.mode === 'auto' ? 'auto: ' : ''}${hunks === null ? 'alignment gave up' : classify(k, l)}`
      let c = classes.get(cls)
      if (!c) {
        c = { key: cls, hunks: 0, tokens: 0, examples: [] }
        classes.set(cls, c)
      }
      c.hunks++
      c.tokens += Math.max(k.length, l.length)
      if (c.examples.length < 6)
        c.examples.push(`${exp.corpus}: kavosh [${k.join(' ')}] ≠ Lucene [${l.join(' ')}]`)
    }
  }
  return { rows: [...rows.values()], classes }
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`

/** The report printed by the test: a table per corpus and mode, then the difference classes. */
export function formatReport(rows: readonly AgreementRow[], classes: Map<string, DifferenceClass>): string {
  const lines: string[] = []
  lines.push('| corpus | mode | docs | docs identical | kavosh tokens | Lucene tokens | tokens agree |')
  lines.push('|---|---|---:|---:|---:|---:|---:|')
  for (const r of rows) {
    lines.push(
      `| ${r.corpus} | ${r.mode} | ${r.docs} | ${pct(r.identicalDocs / r.docs)} | ${r.kavoshTokens} | ${r.luceneTokens} | ${pct(tokenAgreement(r))} |`,
    )
  }
  lines.push('')
  lines.push('Difference classes (hunks = places where the sequences differ; tokens = the longer side):')
  if (classes.size === 0) lines.push('- (none: every term sequence is identical)')
  for (const c of [...classes.values()].sort((a, b) => b.tokens - a.tokens)) {
    lines.push(`- ${c.key}: ${c.hunks} hunks, ${c.tokens} tokens`)
    for (const e of c.examples) lines.push(`    ${e}`)
  }
  return lines.join('\n')
}
