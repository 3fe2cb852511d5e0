/**
 * flexsearch adapters: its default Document configuration, and the configuration a careful user would
 * choose for Persian/Arabic per its docs (a custom Encoder with a Unicode split and orthographic folding,
 * the 'forward' tokenizer for prefix search, and `suggest: true` so multi-word questions are not ANDed
 * away). flexsearch has no edit-distance fuzzy search and no phrase queries, so those kinds are skipped.
 */
import { Document, Encoder, Index } from 'flexsearch'
import { packageVersion } from './package-version'
import { FOLDED_WORD_SEPARATOR, foldPersianArabic } from './peer-folding'
import type { BenchDoc, BuiltIndex, Engine, SavedIndex } from './types'

// flexsearch's published generics are hard to satisfy for a generic harness; these are the parts we use.
type Id = string | number
interface FlexDocumentIndex {
  add(doc: object): unknown
  search(query: string, options: object): { id: Id }[]
  export(handler: (key: string, data: string) => void): unknown
  import(key: string, data: string): unknown
}
interface FlexIndex {
  add(id: Id, text: string): unknown
  search(query: string, options: object): Id[]
  export(handler: (key: string, data: string) => void): unknown
  import(key: string, data: string): unknown
  encoder?: { encode(text: string): string[] }
}

const DEFAULT_CONFIG = {
  document: { id: 'id', index: ['title', 'text'] },
}

function makeDefaultDocument(): FlexDocumentIndex {
  return new Document(DEFAULT_CONFIG as never) as unknown as FlexDocumentIndex
}

/** Adds documents one by one, as the default Document index takes them (build and feed alike). */
function addToDocument(doc: FlexDocumentIndex, docs: readonly BenchDoc[]): void {
  for (const d of docs) doc.add({ id: d.id, title: d.title ?? '', text: d.text })
}

/** Adds documents one by one to the fa-ar Index: title and text as one text (build and feed alike). */
function addToIndex(index: FlexIndex, docs: readonly BenchDoc[]): void {
  for (const d of docs) index.add(d.id, d.title ? `${d.title}\n${d.text}` : d.text)
}

function wrapDocument(doc: FlexDocumentIndex): BuiltIndex & { flex: FlexDocumentIndex } {
  return {
    flex: doc,
    search(query, _kind, limit) {
      // merge: true folds the per-field result lists into one (title matches first, then text matches).
      return doc.search(query, { limit, merge: true }).map((hit) => String(hit.id))
    },
  }
}

function faArEncoder() {
  return new Encoder({
    normalize: foldPersianArabic,
    split: FOLDED_WORD_SEPARATOR,
    numeric: false,
    dedupe: false,
  } as never)
}

function makeFaArIndex(): FlexIndex {
  return new Index({ tokenize: 'forward', encoder: faArEncoder() } as never) as unknown as FlexIndex
}

function wrapIndex(index: FlexIndex): BuiltIndex & { flex: FlexIndex } {
  return {
    flex: index,
    search(query, _kind, limit) {
      return index.search(query, { limit, suggest: true }).map(String)
    },
  }
}

async function exportAll(target: { export(handler: (key: string, data: string) => void): unknown }) {
  const parts: [string, string][] = []
  await target.export((key, data) => {
    if (data !== undefined && data !== null) parts.push([key, data])
  })
  let bytes = 0
  for (const [key, data] of parts) bytes += Buffer.byteLength(key) + Buffer.byteLength(data)
  return { parts, bytes }
}

export function flexsearchEngines(): Engine[] {
  const version = packageVersion('flexsearch')
  const defaultEncoder = new Encoder()
  const defaultEngine: Engine = {
    id: 'flexsearch/default',
    library: 'flexsearch',
    version,
    variant: 'default',
    config:
      "new Document({ document: { id: 'id', index: ['title','text'] } }) (tokenize 'strict', default Encoder); search(q, { merge: true }) (all terms must match)",
    supports: { keyword: true, phrase: false, prefix: false, fuzzy: false, persistence: true },
    build(docs) {
      const doc = makeDefaultDocument()
      addToDocument(doc, docs)
      return wrapDocument(doc)
    },
    addBatch(index, batch) {
      addToDocument((index as ReturnType<typeof wrapDocument>).flex, batch)
    },
    async save(index): Promise<SavedIndex> {
      const { parts, bytes } = await exportAll((index as ReturnType<typeof wrapDocument>).flex)
      return {
        bytes,
        load: async () => {
          const doc = makeDefaultDocument()
          for (const [key, data] of parts) await doc.import(key, data)
          return wrapDocument(doc)
        },
      }
    },
    analyze: (text) => defaultEncoder.encode(text).length,
  }
  const encoder = faArEncoder()
  const faArEngine: Engine = {
    id: 'flexsearch/fa-ar',
    library: 'flexsearch',
    version,
    variant: 'fa-ar',
    config:
      "new Index({ tokenize: 'forward', encoder: new Encoder({ normalize: <same folding as minisearch/fa-ar>, split: /[^\\p{L}\\p{N}]+/u, numeric: false, dedupe: false }) }) over title + text; search(q, { suggest: true }); prefix = forward tokenizer",
    supports: { keyword: true, phrase: false, prefix: true, fuzzy: false, persistence: true },
    build(docs) {
      const index = makeFaArIndex()
      addToIndex(index, docs)
      return wrapIndex(index)
    },
    addBatch(built, batch) {
      addToIndex((built as ReturnType<typeof wrapIndex>).flex, batch)
    },
    async save(index): Promise<SavedIndex> {
      const { parts, bytes } = await exportAll((index as ReturnType<typeof wrapIndex>).flex)
      return {
        bytes,
        load: async () => {
          const restored = makeFaArIndex()
          for (const [key, data] of parts) await restored.import(key, data)
          return wrapIndex(restored)
        },
      }
    },
    analyze: (text) => encoder.encode(text).length,
  }
  return [defaultEngine, faArEngine]
}
