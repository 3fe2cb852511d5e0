/**
 * `kavosh/elasticsearch`: kavosh's analysis (fold, tokenizer, Persian affix joining, stop words, light
 * stemmers) as Elasticsearch 8+ / OpenSearch 2+ index settings and mappings, built only from analysis
 * components both engines ship (Lucene's `mapping` and `pattern_replace` char filters, `pattern` tokenizer,
 * `pattern_replace` and `stop` token filters; no plugins). `npm run test:es` builds the same chain with
 * Lucene's own `CustomAnalyzer` and compares its terms with `analyze()` on real corpora; docs/elasticsearch.md
 * lists the measured agreement and every known difference.
 *
 * Owns: assembling the chain and the mappings. Must not: define analysis rules (they are read from
 * src/analysis by char-level.ts and token-level.ts).
 *
 * @packageDocumentation
 */
import { resolveLanguage } from '../analysis/analyzer'
import type { Language, ResolvedLanguage } from '../analysis/types'
import {
  type CharFilterDefinition,
  digitGroupFilter,
  foldFilter,
  hamzaAlefFilters,
  ignorableFilter,
  type JoinMode,
  joinFilters,
  maqsuraFilter,
  reservedRangeFilter,
  signalFilter,
  stopCompoundFilter,
  type TokenizerDefinition,
  tanweenAlefFilter,
  tokenizer,
  zwnjBreakFilter,
} from './char-level'
import {
  arabicStemFilters,
  cleanupLanguageFilter,
  cleanupStateFilter,
  languageTagFilters,
  type NamedFilter,
  persianSpellingFilters,
  persianStemFilters,
  stopFilter,
  type TagMode,
  type TokenFilterDefinition,
  unmarkFilter,
  unmarkMaqsuraFilter,
  zwnjFilters,
} from './token-level'

export type { CharFilterDefinition, TokenFilterDefinition, TokenizerDefinition }

/**
 * Options of {@link elasticsearchSettings} (and of the helpers, which must get the same ones).
 *
 * @example
 * ```ts
 * const options: ElasticsearchSettingsOptions = { language: 'auto', fields: ['title', 'text'], offsets: true }
 * ```
 */
export interface ElasticsearchSettingsOptions {
  /**
   * Language of the text, as in `analyze()`: `'fa'`, `'ar'`, or `'auto'` (default). With `'auto'`, each
   * field is mapped as an object with two text sub-fields, `fa` and `ar`, whose analyzers fall back to
   * Persian or Arabic for words whose letters cannot tell; {@link toElasticsearchDocument} puts each value
   * into the sub-field of its detected language, as kavosh does per field.
   */
  language?: Language
  /** Text fields to map (default `['text']`). Dots are not allowed: map nested objects yourself. */
  fields?: readonly string[]
  /** Apply the light stemmers (default `true`), as `AnalyzeOptions.stem`. */
  stem?: boolean
  /** Drop stop words (default `true`), as `AnalyzeOptions.stopWords`. */
  stopWords?: boolean
  /** Prefix of every analyzer, tokenizer and filter name (default `'kavosh'`). */
  prefix?: string
  /**
   * Index character offsets (`index_options: 'offsets'`, default `false`): faster, exact highlighting with
   * the unified highlighter, at some index size.
   */
  offsets?: boolean
}

/**
 * An Elasticsearch custom analyzer definition.
 *
 * @example
 * ```ts
 * elasticsearchSettings({ language: 'ar' }).settings.analysis.analyzer.kavosh_ar.tokenizer // → 'kavosh_tokenizer'
 * ```
 */
export interface AnalyzerDefinition {
  type: 'custom'
  char_filter: string[]
  tokenizer: string
  filter: string[]
}

/**
 * A text field mapping (or, for `'auto'`, an object of `fa`/`ar` text fields).
 *
 * @example
 * ```ts
 * elasticsearchSettings({ language: 'fa', fields: ['title'] }).mappings.properties.title
 * // → { type: 'text', analyzer: 'kavosh_fa' }
 * ```
 */
export type FieldMapping =
  | { type: 'text'; analyzer: string; index_options?: 'offsets' }
  | { properties: Record<ResolvedLanguage, { type: 'text'; analyzer: string; index_options?: 'offsets' }> }

/**
 * What {@link elasticsearchSettings} returns: the `settings` and `mappings` bodies of an index creation.
 *
 * @example
 * ```ts
 * const { settings, mappings }: ElasticsearchIndexSettings = elasticsearchSettings({ language: 'fa' })
 * await client.indices.create({ index: 'news', settings, mappings }) // @elastic/elasticsearch 8
 * ```
 */
export interface ElasticsearchIndexSettings {
  settings: {
    analysis: {
      char_filter: Record<string, CharFilterDefinition>
      tokenizer: Record<string, TokenizerDefinition>
      filter: Record<string, TokenFilterDefinition>
      analyzer: Record<string, AnalyzerDefinition>
    }
  }
  mappings: { properties: Record<string, FieldMapping> }
}

type Variant = 'fa' | 'ar' | 'auto_fa' | 'auto_ar'

function checkOptions(options: ElasticsearchSettingsOptions): Required<ElasticsearchSettingsOptions> {
  const language = options.language ?? 'auto'
  if (language !== 'fa' && language !== 'ar' && language !== 'auto') {
    throw new TypeError(
      `kavosh/elasticsearch: language must be 'fa', 'ar' or 'auto', not ${String(language)}`,
    )
  }
  const fields = options.fields ?? ['text']
  for (const f of fields) {
    if (typeof f !== 'string' || f === '' || f.includes('.')) {
      throw new TypeError(`kavosh/elasticsearch: invalid field name ${JSON.stringify(f)}`)
    }
  }
  const prefix = options.prefix ?? 'kavosh'
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(prefix)) {
    throw new TypeError(`kavosh/elasticsearch: invalid prefix ${JSON.stringify(prefix)}`)
  }
  return {
    language,
    fields,
    stem: options.stem ?? true,
    stopWords: options.stopWords ?? true,
    prefix,
    offsets: options.offsets ?? false,
  }
}

/** Analyzer variants needed for a language option. */
function variantsOf(language: Language): Variant[] {
  return language === 'auto' ? ['auto_fa', 'auto_ar'] : [language]
}

/**
 * Name of the analyzer that reproduces `analyze(text, { language })`; for `'auto'`, the analyzer of the
 * sub-field for texts detected as `textLanguage`.
 *
 * @example
 * ```ts
 * elasticsearchAnalyzerName('fa')         // → 'kavosh_fa'
 * elasticsearchAnalyzerName('auto', 'ar') // → 'kavosh_auto_ar'
 * ```
 */
export function elasticsearchAnalyzerName(
  language: Language,
  textLanguage: ResolvedLanguage = 'fa',
  prefix = 'kavosh',
): string {
  return language === 'auto' ? `${prefix}_auto_${textLanguage}` : `${prefix}_${language}`
}

/**
 * Index settings and mappings for Elasticsearch 8+ / OpenSearch 2+ that reproduce kavosh's `analyze()`:
 * pass `settings` and `mappings` to the create-index API. Only built-in Lucene components are used (no
 * plugins). The same analyzer serves queries; what only kavosh's query analysis does (compound
 * joins/splits, both-language stems) is listed in docs/elasticsearch.md.
 *
 * @example
 * ```ts
 * import { Client } from '@elastic/elasticsearch'
 * import { elasticsearchSettings } from 'kavosh/elasticsearch'
 *
 * const client = new Client({ node: 'http://localhost:9200' })
 * const { settings, mappings } = elasticsearchSettings({ language: 'fa', fields: ['title', 'text'] })
 * await client.indices.create({ index: 'news', settings, mappings })
 * // mappings.properties.title → { type: 'text', analyzer: 'kavosh_fa' }
 * ```
 */
export function elasticsearchSettings(
  options: ElasticsearchSettingsOptions = {},
): ElasticsearchIndexSettings {
  const opts = checkOptions(options)
  const p = (name: string) => `${opts.prefix}_${name}`
  const charFilters: Record<string, CharFilterDefinition> = {}
  const filters: Record<string, TokenFilterDefinition> = {}
  const analyzers: Record<string, AnalyzerDefinition> = {}
  const useFilter = (f: NamedFilter) => {
    filters[p(f.name)] = f.definition
    return p(f.name)
  }
  const useCharFilter = (name: string, definition: CharFilterDefinition) => {
    charFilters[p(name)] = definition
    return p(name)
  }

  const variants = variantsOf(opts.language)
  const languages: ResolvedLanguage[] = opts.language === 'auto' ? ['fa', 'ar'] : [opts.language]
  const tokenizerName = p('tokenizer')
  const stop = opts.stopWords ? useFilter(stopFilter(languages)) : null
  // Persian spellings are unified with or without stemming (as analyze does).
  const spelling = languages.includes('fa') ? persianSpellingFilters().map(useFilter) : []
  const persianStem = opts.stem && languages.includes('fa') ? persianStemFilters().map(useFilter) : []
  const arabicStem = opts.stem && languages.includes('ar') ? arabicStemFilters().map(useFilter) : []
  const zwnj = zwnjFilters().map(useFilter)
  const untagState = useFilter(cleanupStateFilter())
  const untag = useFilter(cleanupLanguageFilter())

  for (const variant of variants) {
    // auto_fa is the Persian chain: in a text detected as Persian, kavosh treats every word as Persian.
    const persianText = variant === 'fa' || variant === 'auto_fa'
    const chars = [useCharFilter('reserved', reservedRangeFilter())]
    if (variant === 'auto_ar') chars.push(useCharFilter('signal_fa', signalFilter()))
    if (!persianText) {
      const mode = variant === 'ar' ? 'ar' : 'auto-ar'
      chars.push(useCharFilter(`tanween_alef_${variant}`, tanweenAlefFilter(mode)))
    }
    chars.push(useCharFilter('ignorable', ignorableFilter()))
    if (!persianText) {
      const suffix = variant === 'ar' ? 'ar' : 'auto_ar'
      const alefs = hamzaAlefFilters(variant === 'ar' ? 'ar' : 'auto-ar')
      chars.push(
        useCharFilter(`hamza_alef_${suffix}`, alefs.hamza),
        useCharFilter(`madda_alef_${suffix}`, alefs.madda),
      )
      if (stop)
        chars.push(useCharFilter(`maqsura_${suffix}`, maqsuraFilter(variant === 'ar' ? 'ar' : 'auto-ar')))
    }
    chars.push(useCharFilter('fold', foldFilter()), useCharFilter('digit_groups', digitGroupFilter()))
    if (variant === 'ar') chars.push(useCharFilter('zwnj_break_ar', zwnjBreakFilter('ar')))
    else {
      const mode: JoinMode = persianText ? 'fa' : 'auto-ar'
      const join = joinFilters(mode)
      const suffix = persianText ? '' : '_auto_ar'
      chars.push(
        useCharFilter(`stop_compounds${suffix}`, stopCompoundFilter(mode)),
        useCharFilter(`zwnj_break${suffix}`, zwnjBreakFilter(mode)),
        useCharFilter(`join_prefix${suffix}`, join.prefix),
        useCharFilter(`join_suffix${suffix}`, join.suffix),
      )
    }
    const tagMode: TagMode = persianText ? 'fa' : variant === 'ar' ? 'ar' : 'auto-ar'
    const chain = languageTagFilters(tagMode).map(useFilter)
    chain.push(zwnj[0]!)
    if (!persianText) chain.push(zwnj[1]!)
    if (stop) chain.push(stop)
    if (stop && !persianText) chain.push(useFilter(unmarkMaqsuraFilter()))
    if (variant !== 'ar') chain.push(...spelling, ...persianStem)
    if (!persianText) chain.push(...(arabicStem.length > 0 ? arabicStem : [useFilter(unmarkFilter())]))
    chain.push(untagState, untag)
    analyzers[p(variant)] = { type: 'custom', char_filter: chars, tokenizer: tokenizerName, filter: chain }
  }

  const text = (analyzer: string) =>
    opts.offsets
      ? { type: 'text' as const, analyzer, index_options: 'offsets' as const }
      : { type: 'text' as const, analyzer }
  const properties: Record<string, FieldMapping> = {}
  for (const field of opts.fields) {
    properties[field] =
      opts.language === 'auto'
        ? { properties: { fa: text(p('auto_fa')), ar: text(p('auto_ar')) } }
        : text(p(opts.language))
  }
  return {
    settings: {
      analysis: {
        char_filter: charFilters,
        tokenizer: { [tokenizerName]: tokenizer() },
        filter: filters,
        analyzer: analyzers,
      },
    },
    mappings: { properties },
  }
}

/**
 * The field paths to search (e.g. in a `multi_match` query) for the given options: the fields themselves,
 * or with `'auto'` both language sub-fields of each.
 *
 * @example
 * ```ts
 * elasticsearchSearchFields({ language: 'auto', fields: ['title'] }) // → ['title.fa', 'title.ar']
 * elasticsearchSearchFields({ language: 'ar', fields: ['title'] })   // → ['title']
 * ```
 */
export function elasticsearchSearchFields(options: ElasticsearchSettingsOptions = {}): string[] {
  const opts = checkOptions(options)
  if (opts.language !== 'auto') return [...opts.fields]
  return opts.fields.flatMap((f) => [`${f}.fa`, `${f}.ar`])
}

/**
 * Prepares a document for an index made with {@link elasticsearchSettings}: with `'auto'`, each mapped
 * string field `f` becomes `{ fa: value }` or `{ ar: value }` by kavosh's language detection (as
 * `analyze(value)` decides; Persian when the letters cannot tell). Other values and languages pass through.
 *
 * @example
 * ```ts
 * toElasticsearchDocument({ id: 1, text: 'المدرسة الكبرى' }, { language: 'auto' })
 * // → { id: 1, text: { ar: 'المدرسة الكبرى' } }
 * ```
 */
export function toElasticsearchDocument<T extends Record<string, unknown>>(
  document: T,
  options: ElasticsearchSettingsOptions = {},
): Record<string, unknown> {
  const opts = checkOptions(options)
  if (opts.language !== 'auto') return { ...document }
  const out: Record<string, unknown> = { ...document }
  for (const field of opts.fields) {
    const value = document[field]
    if (typeof value === 'string') out[field] = { [resolveLanguage(value, 'auto')]: value }
  }
  return out
}
