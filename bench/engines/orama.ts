/**
 * Orama adapters: its default configuration (English tokenizer, which drops Arabic-script text), and the
 * configuration a careful user would choose for Persian/Arabic per its docs: a custom tokenizer component
 * (Unicode split + the same orthographic folding as the other peers' fa-ar configurations, duplicates
 * removed as Orama's own tokenizer does) with language 'arabic'. Orama matches every query term as a
 * prefix unless `exact` is set, and `exact` checks whole words with an ASCII `\b` regex that never matches
 * Arabic script, so phrase queries are not supported here.
 */
import { type AnyOrama, create, insert, load, save, search } from '@orama/orama'
import { packageVersion } from './package-version'
import { foldPersianArabic, WORD_SEPARATOR } from './peer-folding'
import type { BenchDoc, BuiltIndex, Engine, QueryKind, SavedIndex } from './types'

const schema = { id: 'string', title: 'string', text: 'string' } as const

interface OramaTokenizer {
  language: string
  normalizationCache: Map<string, string>
  tokenize(raw: string, language?: string, prop?: string, withCache?: boolean): string[]
}

function faArTokenizer(): OramaTokenizer {
  return {
    language: 'arabic',
    normalizationCache: new Map(),
    tokenize(raw) {
      const out = new Set<string>()
      for (const word of raw.split(WORD_SEPARATOR)) {
        const term = foldPersianArabic(word)
        if (term) out.add(term)
      }
      return [...out]
    },
  }
}

type Variant = 'default' | 'fa-ar'

function createDb(variant: Variant): AnyOrama {
  return variant === 'default'
    ? create({ schema })
    : create({ schema, components: { tokenizer: faArTokenizer() as never } })
}

const KIND_PARAMS: Record<QueryKind, object> = {
  keyword: {},
  phrase: {},
  prefix: {},
  fuzzy: { tolerance: 1 },
}

/** Inserts documents one by one (build and feed alike). */
function insertAll(db: AnyOrama, docs: readonly BenchDoc[]): void {
  for (const d of docs) insert(db, { id: d.id, title: d.title ?? '', text: d.text })
}

function wrap(db: AnyOrama): BuiltIndex & { db: AnyOrama } {
  return {
    db,
    search(query, kind, limit) {
      const result = search(db, { term: query, limit, ...KIND_PARAMS[kind] }) as { hits: { id: string }[] }
      return result.hits.map((h) => h.id)
    },
  }
}

function makeEngine(variant: Variant, config: string): Engine {
  const tokenizer = variant === 'default' ? null : faArTokenizer()
  let defaultDb: AnyOrama | null = null
  return {
    id: `orama/${variant}`,
    library: '@orama/orama',
    version: packageVersion('@orama/orama'),
    variant,
    config,
    supports: { keyword: true, phrase: false, prefix: true, fuzzy: true, persistence: true },
    build(docs: readonly BenchDoc[]) {
      const db = createDb(variant)
      insertAll(db, docs)
      return wrap(db)
    },
    addBatch(index, batch) {
      insertAll((index as ReturnType<typeof wrap>).db, batch)
    },
    save(index): SavedIndex {
      const json = JSON.stringify(save((index as ReturnType<typeof wrap>).db))
      return {
        bytes: Buffer.byteLength(json, 'utf8'),
        load: () => {
          const db = createDb(variant)
          load(db, JSON.parse(json))
          return wrap(db)
        },
      }
    },
    analyze(text) {
      if (tokenizer) return tokenizer.tokenize(text).length
      defaultDb ??= createDb('default')
      return (defaultDb.tokenizer as OramaTokenizer).tokenize(text, 'english', 'text', false).length
    },
  }
}

export function oramaEngines(): Engine[] {
  return [
    makeEngine(
      'default',
      "create({ schema: { id, title, text: 'string' } }) (English tokenizer); search({ term, limit }) (OR of terms, BM25; every term also matches as a prefix — Orama's `exact` would turn that off but filters with an ASCII \\b regex that never matches Arabic script); fuzzy: tolerance 1",
    ),
    makeEngine(
      'fa-ar',
      "create({ schema, components: { tokenizer: { language: 'arabic', tokenize: split on non-(letter|mark|digit|ZWNJ) + <same folding as minisearch/fa-ar>, deduplicated } } }); search as default",
    ),
  ]
}
