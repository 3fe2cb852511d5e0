/**
 * MiniSearch adapters: its default configuration, and the configuration a careful user would choose for
 * Persian/Arabic per its docs (a Unicode tokenizer plus a processTerm that folds orthography).
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch'
import { packageVersion } from './package-version'
import { foldPersianArabic, WORD_SEPARATOR } from './peer-folding'
import type { BenchDoc, BuiltIndex, Engine, QueryKind, SavedIndex } from './types'

type Doc = { id: string; title: string; text: string }

const toDoc = (d: BenchDoc): Doc => ({ id: d.id, title: d.title ?? '', text: d.text })

function wrap(ms: MiniSearch<Doc>, searchOptions: Record<QueryKind, SearchOptions>): BuiltIndex {
  return {
    search(query, kind, limit) {
      const hits = ms.search(query, searchOptions[kind])
      const n = Math.min(limit, hits.length)
      const ids = new Array<string>(n)
      for (let i = 0; i < n; i++) ids[i] = hits[i].id
      return ids
    },
  }
}

function makeEngine(
  variant: 'default' | 'fa-ar',
  options: Options<Doc>,
  searchOptions: Record<QueryKind, SearchOptions>,
  config: string,
): Engine {
  const engine: Engine = {
    id: `minisearch/${variant}`,
    library: 'minisearch',
    version: packageVersion('minisearch'),
    variant,
    config,
    supports: { keyword: true, phrase: false, prefix: true, fuzzy: true, persistence: true },
    build(docs) {
      const ms = new MiniSearch<Doc>(options)
      ms.addAll(docs.map(toDoc))
      return Object.assign(wrap(ms, searchOptions), { minisearch: ms })
    },
    addBatch(index, batch) {
      ;(index as BuiltIndex & { minisearch: MiniSearch<Doc> }).minisearch.addAll(batch.map(toDoc))
    },
    save(index): SavedIndex {
      const ms = (index as BuiltIndex & { minisearch: MiniSearch<Doc> }).minisearch
      const json = JSON.stringify(ms)
      return {
        bytes: Buffer.byteLength(json, 'utf8'),
        load: () => wrap(MiniSearch.loadJSON<Doc>(json, options), searchOptions),
      }
    },
    analyze(text) {
      const tokenize = options.tokenize ?? MiniSearch.getDefault('tokenize')
      const processTerm = options.processTerm ?? MiniSearch.getDefault('processTerm')
      let n = 0
      for (const token of tokenize(text, 'text')) {
        const term = processTerm(token, 'text')
        if (term) n += Array.isArray(term) ? term.length : 1
      }
      return n
    },
  }
  return engine
}

export function minisearchEngines(): Engine[] {
  const fields = ['title', 'text']
  const defaultEngine = makeEngine(
    'default',
    { fields, idField: 'id' },
    { keyword: {}, phrase: {}, prefix: { prefix: true }, fuzzy: { fuzzy: 0.2 } },
    "new MiniSearch({ fields: ['title','text'] }); search(q) (OR, BM25+); prefix: { prefix: true }; fuzzy: { fuzzy: 0.2 }",
  )
  const lastTermPrefix = (_term: string, i: number, terms: string[]) => i === terms.length - 1
  const faArEngine = makeEngine(
    'fa-ar',
    {
      fields,
      idField: 'id',
      tokenize: (text) => text.split(WORD_SEPARATOR),
      processTerm: (term) => foldPersianArabic(term) || null,
    },
    {
      keyword: {},
      phrase: {},
      prefix: { prefix: lastTermPrefix },
      fuzzy: { fuzzy: 0.2 },
    },
    'tokenize: split on non-(letter|mark|digit|ZWNJ|ZWJ|tatweel) (Unicode); processTerm: NFKC, strip harakat/Quranic marks/tatweel/ZWNJ/bidi, fold ي ى ئ→ی ك→ک ة ۀ→ه أ إ آ ٱ→ا ؤ→و, digits→ASCII, lowercase; prefix on the last term only; fuzzy: 0.2; no stemming/stop words',
  )
  return [defaultEngine, faArEngine]
}
