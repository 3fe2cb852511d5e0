/**
 * `SearchIndex`, the public entry point: validates documents and options, runs analysis on documents
 * and queries, and drives the inverted index (`src/index/`), query evaluation (`src/query/`) and
 * persistence (`src/persist/`). Owns the public API and its guarantees (typed errors, failed calls leave
 * the index unchanged, queries never throw); owns no data structure or scoring code itself.
 */

import { holdAnalysisCaches, releaseAnalysisCachesAfterBatch } from './analysis/analyzer'
import { analyzeEach, analyzeInto, normalize, TermBuffer } from './analysis/index'
import type { Language, ResolvedLanguage } from './analysis/types'
import {
  AbortError,
  DuplicateIdError,
  InvalidDocumentError,
  InvalidOptionsError,
  UnknownIdError,
} from './errors'
import {
  analysisLanguageOf,
  type DocumentId,
  LANGUAGE_NAMES,
  type LanguageCode,
  languageCode,
} from './index/document-table'
import { IndexCompaction, InvertedIndex, packsAfterBatch } from './index/inverted-index'
import { type IndexParts, mergeSegments } from './index/segment-merge'
import { loadIndex, saveIndex } from './persist/index-file'
import { type CollectedHit, HitCollector, type SortOrder } from './query/collect-hits'
import {
  type CompiledQuery,
  compileQuery,
  type QueryWordsOfTerms,
  queryWordsOfTerms,
} from './query/compile-query'
import { type CombineWith, QueryEvaluator } from './query/evaluate-query'
import { type Highlight, highlightPassage, matchedWords, type TermOccurrence } from './query/highlight'
import { type RankingOptions, type ResolvedRanking, resolveRanking } from './query/ranking'

export type { DocumentId } from './index/document-table'
export type { SortOrder } from './query/collect-hits'
export type { CombineWith } from './query/evaluate-query'
export type { Highlight } from './query/highlight'
export type { RankingOptions } from './query/ranking'
export { DEFAULT_RANKING } from './query/ranking'

/** Default {@link SearchIndexOptions.maxFieldLength}: one million UTF-16 code units. */
export const DEFAULT_MAX_FIELD_LENGTH = 1_000_000

/** Default of {@link SearchIndexOptions.leadWords}. */
export const DEFAULT_LEAD_WORDS = 15

/** Most lead words ({@link SearchIndexOptions.leadWords}). */
const MAX_LEAD_WORDS = 1000

/** Lead words a field keeps however short it is (see {@link leadLength}). */
export const MIN_LEAD_WORDS = 6

/**
 * How many first words of a field of `fieldWords` words go into the lead field: `leadWords`, but no more
 * than half the field unless that leaves fewer than {@link MIN_LEAD_WORDS} (a title keeps all its words).
 * A field of up to `leadWords` words was all lead, so a short document (a Quran verse, a one-line passage)
 * had every word boosted, a uniform lift over long documents rather than a sign of where a word stands;
 * pooled with news, such verses outranked the passages that answer a question. Chosen on the 'tune' half
 * (half the field with 4, 6 or 8 words kept; a third, 0.4 and 0.6 of it): every tune half rose or stayed
 * (pooled-ar ▸ arcd MRR@10 0.7825 → 0.7868, pooled-fa ▸ parsinlu-rc 0.6490 → 0.6523, parsinlu-rc 0.7702 →
 * 0.7711); pooling losses arcd 0.0338 → 0.0294, xquad-ar 0.0375 → 0.0359.
 *
 * @example
 * ```ts
 * leadLength(200, 15) // → 15
 * leadLength(12, 15) // → 6
 * leadLength(20, 15) // → 10
 * leadLength(4, 15) // → 6 (all four words)
 * ```
 */
export function leadLength(fieldWords: number, leadWords: number): number {
  return Math.min(leadWords, Math.max(MIN_LEAD_WORDS, fieldWords >> 1))
}

/** Share of the documents below which a language is not assumed for queries whose letters cannot tell. */
const MINOR_LANGUAGE_SHARE = 0.05

/**
 * Options of a {@link SearchIndex}. They are saved with the index and restored by {@link SearchIndex.load}.
 *
 * @example
 * ```ts
 * const options: SearchIndexOptions = {
 *   fields: ['title', 'body'],
 *   storeFields: ['title', 'url', 'date', 'source'],
 *   language: 'auto',
 *   boost: { title: 2 },
 * }
 * ```
 */
export interface SearchIndexOptions {
  /**
   * Fields whose text is indexed (at most 31). A field value must be a string, a finite number (indexed as
   * its decimal text) or null/undefined (treated as empty); anything else is an `InvalidDocumentError`.
   */
  fields: string[]
  /**
   * Fields whose values are kept and returned with every hit (and offered to `filter`, `facets`,
   * `sort`). Default `[]`. Values may be strings, numbers, booleans, null, Dates, or arrays/plain objects
   * of JSON data. Objects are stored as copies in their JSON form (a field that is a Date as a Date; a Date
   * inside an array or object as its ISO text), so changing a
   * document after adding it does not change the index, and a loaded index returns what the saved one
   * did. What JSON would change is an `InvalidDocumentError`: a Map, Set, typed array or class instance
   * (one without `toJSON`), and inside an array or object NaN, ±Infinity, functions and symbols. The arrays
   * and objects that hits, `getStoredFields` and `filter` receive are the index's own, frozen (copy one to
   * change it: `[...hit.tags]`); a Date is a fresh copy each time. Highlighting needs the highlighted fields
   * to be stored. `score`, `match` and `highlights` are reserved names.
   */
  storeFields?: string[]
  /** Field holding the document id (a string or finite number, unique in the index). Default `'id'`. */
  idField?: string
  /**
   * Language of the documents: `'fa'`, `'ar'`, or `'auto'` (default: decided per word from its letters,
   * mixed text works). Per document it can be overridden with {@link languageField}.
   */
  language?: Language
  /**
   * Field whose value (`'fa'`, `'ar'` or `'auto'`; missing = {@link language}) sets the language of each
   * document, e.g. `'lang'`. Default: none.
   */
  languageField?: string
  /** Weight of each field in ranking (default 1 per field), e.g. `{ title: 2 }`. */
  boost?: Record<string, number>
  /** BM25F and proximity parameters; see {@link RankingOptions} for the defaults. */
  ranking?: RankingOptions
  /** Light stemming of documents and queries. Default `true`. */
  stem?: boolean
  /** Drop stop words (they still count for phrase positions). Default `true`. */
  stopWords?: boolean
  /**
   * Words at the start of each field (stop words included; no more than half a field of more than 12
   * words, see {@link leadLength}) that are indexed once more, in a hidden "lead" field ranked like another field (weight `ranking.leadBoost`, default 1.25; its `b` that of the fields
   * when `ranking.b` is one number, else 0.75): a word of the headline and first sentence counts more than
   * the same word further down, as a reader expects of news (the lede) and of encyclopedia passages (which
   * open on their subject). 0 turns it off. Default `15`, chosen with the weight on the 'tune' half of the
   * judged corpora (bench section "quality"; 10, 12, 15, 18, 20 and 25 words, weights 0.5 to 2 measured):
   * MRR@10 parsinlu-rc 0.7573 → 0.7679, arcd 0.8198 → 0.8203, xquad-ar 0.9462 → 0.9489, hamshahri-subset
   * nDCG@10 0.9198 → 0.9213, persianqa and persianquad unchanged; pooled-fa ▸ parsinlu-rc 0.6246 → 0.6443.
   * Costs about 15 more postings per field of a document (retained heap of hamshahri-subset 0.28 → 0.30
   * bytes per byte of text). The lead field is searched only when a query searches every field (`fields`
   * unset or naming them all), is not read for the proximity bonus, and never shows in `match` or
   * highlights.
   *
   * @example
   * ```ts
   * new SearchIndex({ fields: ['title', 'body'], leadWords: 0 }) // every position counts alike
   * ```
   */
  leadWords?: number
  /**
   * Longest accepted field text in UTF-16 code units; a longer field is an `InvalidDocumentError`
   * (nothing is truncated silently). Default 1,000,000.
   */
  maxFieldLength?: number
  /**
   * Compaction after removals: when at least `minRemoved` documents are removed and they are more than
   * `removedShare` of all, a compaction is scheduled in the background (in small steps, searches keep
   * working); removals made while it runs are checked again when it ends, so a loop of removals costs a
   * few compactions, not one per removal. `false` turns it off (call {@link SearchIndex.compact}
   * yourself). Default `{ removedShare: 0.25, minRemoved: 64 }`.
   */
  autoCompact?: false | { removedShare?: number; minRemoved?: number }
}

/** Highlighting request of {@link SearchOptions}. */
export interface HighlightOptions {
  /** Stored, indexed fields to highlight. Default: the searched fields that are stored. */
  fields?: string[]
  /**
   * Target snippet length in characters (UTF-16 code units), a non-negative number: fractions are
   * rounded down, and a snippet always holds its matched words whole. Default `160`.
   */
  length?: number
}

/**
 * Options of {@link SearchIndex.search} (and of `facets` and `suggest`).
 *
 * @example
 * ```ts
 * index.search('آتش‌بس غزه', { combineWith: 'and', prefix: true, fuzzy: true, limit: 20 })
 * index.search('غزه', { filter: (hit) => hit.source === 'irna', sort: { field: 'date', order: 'desc' } })
 * ```
 */
export interface SearchOptions<TDocument = AnyDocument> {
  /** Fields to search (default: all indexed fields). */
  fields?: string[]
  /** Field weights for this query, over the index's `boost`. */
  boost?: Record<string, number>
  /** `'or'` (default; documents matching more words rank higher) or `'and'` (every word must match). */
  combineWith?: CombineWith
  /** Also match index terms that start with the last query word (as-you-type). Default `false`. */
  prefix?: boolean
  /**
   * Typo tolerance: `true` allows edit distance 1 for words of 3–5 letters and 2 for longer ones; a
   * number sets the maximum distance (0–3). Fuzzy matches rank below exact ones. Default (unset): only a
   * word of 4 letters or more that matches no index term at all, and the query's rarest word if it is in
   * at most 3 documents or 0.1 % of them (whichever is more), also match the terms at edit distance 1 (a
   * typo in a question: الصرطان finds سرطان); `false` or `0` turns that off too.
   */
  fuzzy?: boolean | number
  /**
   * Most prefix or fuzzy expansions per word, most frequent first. Default `20`: on the judged query sets
   * with the last word cut to half (as typed), 20 ranks as well as 50 (MRR@10 within ±0.002) and halves
   * the slow prefix queries (hamshahri-subset p50 0.87 → 0.67 ms, p99 2.5–3.5 → 1.4–1.9 ms).
   */
  maxExpansions?: number
  /** Keep only hits for which this returns true; it receives `{ id, ...storedFields }`. */
  filter?: (document: StoredDocument<TDocument>) => boolean
  /** Order by a stored field instead of by score (ties by score). */
  sort?: SortOrder
  /** Hits to skip. Default `0`. */
  offset?: number
  /** Most hits to return (`Infinity` for all). Default `10`. */
  limit?: number
  /** Add {@link Highlight}s of the stored fields (`true` = default options). */
  highlight?: boolean | HighlightOptions
  /** Language of the query; default: the index's `language`. */
  language?: Language
  /** Ranking parameters for this query, over the index's. */
  ranking?: RankingOptions
  /**
   * Longest query, in words (or phrases); the rest is ignored. Excluded words and phrases count
   * separately, up to the same number. Query text beyond 128 characters per allowed term (8,192 by
   * default) is ignored too, so a huge or junk query costs no more than a long one. Default `64`.
   */
  maxQueryTerms?: number
}

/**
 * The document type when none is given: any object (so interfaces without an index signature fit).
 */
// biome-ignore lint/suspicious/noExplicitAny: the untyped default must accept every document shape.
export type AnyDocument = Record<string, any>

/**
 * A stored value as the index hands it out: arrays and objects frozen (read-only all the way down), a Date a
 * fresh copy (see `storeFields`).
 */
export type StoredValue<T> = 0 extends 1 & T
  ? T // any stays any
  : T extends Date
    ? T
    : T extends readonly (infer U)[]
      ? readonly StoredValue<U>[]
      : T extends object
        ? { readonly [K in keyof T]: StoredValue<T[K]> }
        : T

/** The stored fields of a document, with its id (arrays and objects read-only: see {@link StoredValue}). */
export type StoredDocument<TDocument = AnyDocument> = { id: DocumentId } & {
  [K in keyof TDocument]?: StoredValue<TDocument[K]>
}

/** One search result. */
export type SearchHit<TDocument = AnyDocument> = StoredDocument<TDocument> & {
  /** Relevance (higher is better). */
  score: number
  /** Index terms that matched, with the fields where each did. */
  match: Record<string, string[]>
  /** Highlights per field, when requested and the field matched. */
  highlights?: Record<string, Highlight>
}

/** A completion from {@link SearchIndex.suggest}. */
export interface Suggestion {
  /**
   * The query text with its last word completed: the word as the best-scoring matching document writes it
   * (`آتشنشانی`, not the index term `اتشنش`), read from its stored fields; the index term when no indexed
   * field is stored.
   */
  suggestion: string
  /** The completed index term (normalised, stemmed). */
  term: string
  /**
   * Sum of the scores of the matching documents that hold the completion, each scored as if the typed word
   * had matched it through this term; higher first.
   */
  score: number
}

/** Progress of {@link SearchIndex.addAllAsync}. */
export interface IndexingProgress {
  docsDone: number
  docsTotal: number
  /** UTF-8 bytes of indexed field text processed. */
  bytesDone: number
  bytesTotal: number
}

/** An index as {@link SearchIndex.toTransferable} gives it (opaque: pass it to `fromTransferable`). */
export interface TransferableIndex {
  readonly kavoshTransferable: 1
  readonly options: Record<string, unknown>
  readonly parts: IndexParts
}

/** Options of {@link SearchIndex.addAllAsync}. */
export interface AddAllAsyncOptions {
  /** Documents per step between yields to the event loop. Default `256`. */
  chunkSize?: number
  /** Cancels the call; the index is then exactly as before it and the promise rejects with `AbortError`. */
  signal?: AbortSignal
  /** Called after each step. */
  onProgress?: (progress: IndexingProgress) => void
}

interface ResolvedOptions {
  fields: string[]
  storeFields: string[]
  idField: string
  language: Language
  languageField: string | null
  boost: Float64Array
  ranking: ResolvedRanking
  stem: boolean
  stopWords: boolean
  /** 0: no lead field. */
  leadWords: number
  maxFieldLength: number
  autoCompact: false | { removedShare: number; minRemoved: number }
}

/**
 * About how many bytes of postings `documents` make: half a byte per code unit of text, a little over what
 * news text makes (hamshahri-subset: 0.39), so that a small batch sizes its posting log once.
 */
function expectedPostingBytes(documents: readonly PreparedDocument[]): number {
  let units = 0
  for (const document of documents) for (const text of document.texts) units += text.length
  return Math.ceil(units / 2)
}

interface PreparedDocument {
  id: DocumentId
  texts: string[]
  language: Language
  stored: unknown[]
}

const RESERVED_STORED_FIELDS = ['score', 'match', 'highlights']
const DEFAULT_LIMIT = 10
const DEFAULT_MAX_EXPANSIONS = 20
const DEFAULT_MAX_QUERY_TERMS = 64
const DEFAULT_HIGHLIGHT_LENGTH = 160
/**
 * A document's spelling of a completion, from where the typed text starts when only Arabic proclitics and
 * the article stand before it (والکتب completing کت is shown as کتب, بالمدرسة completing مدر as مدرسة): a
 * completion should begin with what was typed. `typed` is normalised; other spellings are returned whole.
 */
function withoutLeadingClitics(written: string, typed: string): string {
  if (typed === '' || normalize(written).startsWith(typed)) return written
  for (let p = 1; p <= 4 && p < written.length; p++) {
    if (!CLITICS_BEFORE_WORD.test(normalize(written.slice(0, p)))) continue
    if (normalize(written.slice(p)).startsWith(typed)) return written.slice(p)
  }
  return written
}

/** The entry of `sample` with the lowest score (the first of equals). */
function lowestScore(sample: { docId: number; score: number }[]): { docId: number; score: number } {
  let lowest = sample[0]
  for (let i = 1; i < sample.length; i++) if (sample[i].score < lowest.score) lowest = sample[i]
  return lowest
}

/** Arabic proclitics (و ف ب ک ل) and the article before a word, normalised: و, بال, وال, لل, فب… */
const CLITICS_BEFORE_WORD = /^(?:[وفبکل]{1,2}|[وفبکل]{0,2}ال)$/u

/** Documents read per suggestion for the spelling of its word ({@link SearchIndex.suggest}). */
const SUGGESTION_SAMPLE_DOCS = 3
/** Characters of a stored field read for that spelling: a huge field costs no more than this. */
const SUGGESTION_SAMPLE_CHARS = 100_000
const COMPACTION_TERMS_PER_STEP = 20_000
/** Analysed terms of the field being indexed (reused: indexing is synchronous per document). */
const documentTerms = new TermBuffer()

/**
 * What the analysis keeps after a batch of `batchDocuments` that leaves an index with `documentsAfter`
 * documents: the caches go after a large batch, and stay warm for the next one after a small batch (see
 * releaseAnalysisCachesAfterBatch); the term buffer shrinks back either way.
 */
function releaseAfterBatch(batchDocuments: number, documentsAfter: number): void {
  releaseAnalysisCachesAfterBatch(!packsAfterBatch(batchDocuments, documentsAfter))
  documentTerms.shrink()
}

/**
 * A full-text index of Persian and Arabic documents: add, remove and replace documents by id, search with
 * BM25F ranking, phrases, exclusions, prefix and fuzzy matching, filters, facets, sorting and
 * highlighting, and save it to compact bytes.
 *
 * @example
 * ```ts
 * import { SearchIndex } from 'kavosh'
 * const index = new SearchIndex<Article>({
 *   fields: ['title', 'body'], storeFields: ['title', 'url', 'date', 'source'], boost: { title: 2 },
 * })
 * index.addAll(articles)
 * const hits = index.search('آتش‌بس غزه', { limit: 10 }) // [{ id, score, title, …, match }, …]
 * const bytes = index.save()
 * const again = SearchIndex.load(bytes)
 * ```
 */
export class SearchIndex<TDocument extends object = AnyDocument> {
  private readonly options: ResolvedOptions
  private inverted: InvertedIndex
  private mutations = 0
  private compaction: Promise<void> | null = null

  /** Throws `InvalidOptionsError` for invalid options. */
  constructor(options: SearchIndexOptions) {
    this.options = resolveOptions(options)
    this.inverted = new InvertedIndex(indexedFieldCount(this.options), this.options.storeFields.length)
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.inverted.documents.liveCount
  }

  /** True when a document with this id is in the index. */
  has(id: DocumentId): boolean {
    return this.inverted.documents.docIdOf(id) >= 0
  }

  /**
   * The stored fields of a document, or undefined when the id is unknown.
   *
   * @example
   * ```ts
   * index.getStoredFields('a1') // → { id: 'a1', title: '…', url: '…' }
   * ```
   */
  getStoredFields(id: DocumentId): StoredDocument<TDocument> | undefined {
    const docId = this.inverted.documents.docIdOf(id)
    return docId < 0 ? undefined : this.storedDocument(docId)
  }

  /**
   * Adds a document. Throws `InvalidDocumentError` (bad document) or `DuplicateIdError` (id present);
   * the index is then unchanged.
   *
   * @example
   * ```ts
   * index.add({ id: 'a1', title: 'آتش‌بس در غزه', body: '…' })
   * ```
   */
  add(document: TDocument): void {
    const prepared = this.prepare(document)
    if (this.has(prepared.id)) throw new DuplicateIdError(prepared.id)
    this.index(this.inverted, prepared)
    this.mutations++
  }

  /**
   * Adds many documents, all or none: the whole batch is validated first (including duplicate ids inside
   * it), and it is indexed into a staging index that takes effect only at the end, so on any error,
   * expected or not, nothing was added.
   *
   * Building and feeding: a batch that is at least a quarter of the index (the first one, a bulk import)
   * leaves it packed, with no room to grow, and releases the analysis caches. Smaller batches (a feed
   * adding the wire as it arrives) keep the room the postings grow into and the caches warm, so that
   * each costs about its own documents rather than a pass over the whole index; `compact()` packs a fed
   * index again.
   *
   * @example
   * ```ts
   * index.addAll([{ id: 1, body: '…' }, { id: 2, body: '…' }])
   * ```
   */
  addAll(documents: readonly TDocument[]): void {
    const prepared = this.prepareBatch(documents)
    if (prepared.length === 0) return
    const staging = new InvertedIndex(indexedFieldCount(this.options), this.options.storeFields.length)
    staging.startBatch(expectedPostingBytes(prepared))
    try {
      for (const document of prepared) this.index(staging, document)
      staging.finishBatch()
    } finally {
      // The analysis caches grew with the batch's vocabulary; an index that is then searched needs none
      // (a small batch keeps small ones for the next: a feed).
      releaseAfterBatch(prepared.length, this.inverted.documents.count + prepared.length)
    }
    // An index that never held a document simply becomes the staging one (no copy: the common case of
    // building an index in one call); otherwise the staged postings are appended, as addAllAsync does.
    if (this.inverted.documents.count === 0) this.inverted = staging
    else this.inverted.appendIndex(staging)
    this.inverted.trimAfterBatch(prepared.length)
    this.mutations++
  }

  /**
   * Adds many documents in steps of `chunkSize`, yielding to the event loop between steps, with progress
   * reports and cancellation. All or nothing: the documents become searchable together when the promise
   * resolves; on cancellation (rejects with `AbortError`) or error the index is exactly as before.
   * Validation errors reject before anything is indexed.
   *
   * @example
   * ```ts
   * const controller = new AbortController()
   * await index.addAllAsync(docs, { chunkSize: 500, signal: controller.signal, onProgress: (p) => bar(p.docsDone / p.docsTotal) })
   * ```
   */
  async addAllAsync(documents: readonly TDocument[], options: AddAllAsyncOptions = {}): Promise<void> {
    const chunkSize = options.chunkSize ?? 256
    if (!Number.isInteger(chunkSize) || chunkSize < 1)
      throw new InvalidOptionsError('chunkSize must be a positive integer')
    const signal = options.signal
    if (signal?.aborted) throw new AbortError()
    const prepared = this.prepareBatch(documents)
    const bytesOf = prepared.map((document) =>
      document.texts.reduce((sum, text) => sum + utf8Length(text), 0),
    )
    const progress: IndexingProgress = {
      docsDone: 0,
      docsTotal: prepared.length,
      bytesDone: 0,
      bytesTotal: bytesOf.reduce((sum, bytes) => sum + bytes, 0),
    }
    const staging = new InvertedIndex(indexedFieldCount(this.options), this.options.storeFields.length)
    staging.startBatch(expectedPostingBytes(prepared))
    try {
      for (let from = 0; from < prepared.length; from += chunkSize) {
        const to = Math.min(prepared.length, from + chunkSize)
        for (let i = from; i < to; i++) {
          this.index(staging, prepared[i])
          progress.bytesDone += bytesOf[i]
        }
        progress.docsDone = to
        options.onProgress?.({ ...progress })
        await yieldToEventLoop()
        if (signal?.aborted) throw new AbortError()
      }
      staging.finishBatch()
    } finally {
      releaseAfterBatch(prepared.length, this.inverted.documents.count + prepared.length)
    }
    if (prepared.length === 0) options.onProgress?.({ ...progress })
    // Documents may have been added while we yielded.
    for (const document of prepared) if (this.has(document.id)) throw new DuplicateIdError(document.id)
    // As in addAll: an index that is still empty takes the staged one without a copy.
    if (this.inverted.documents.count === 0) this.inverted = staging
    else this.inverted.appendIndex(staging)
    this.inverted.trimAfterBatch(prepared.length)
    this.mutations++
  }

  /**
   * Removes a document by id (no rebuild: it is marked removed and never returned again; the space is
   * reclaimed by compaction). Throws `UnknownIdError` when the id is not in the index.
   *
   * @example
   * ```ts
   * index.remove('a1')
   * ```
   */
  remove(id: DocumentId): void {
    const docId = this.inverted.documents.docIdOf(id)
    if (docId < 0) throw new UnknownIdError(id)
    this.inverted.removeDocument(docId)
    this.mutations++
    this.maybeCompact()
  }

  /**
   * Replaces the document with the same id. Throws `UnknownIdError` when it is not in the index, or
   * `InvalidDocumentError`; the index is then unchanged.
   *
   * @example
   * ```ts
   * index.replace({ id: 'a1', title: 'عنوان تازه', body: '…' })
   * ```
   */
  replace(document: TDocument): void {
    const prepared = this.prepare(document)
    const docId = this.inverted.documents.docIdOf(prepared.id)
    if (docId < 0) throw new UnknownIdError(prepared.id)
    this.inverted.removeDocument(docId)
    this.index(this.inverted, prepared)
    this.mutations++
    this.maybeCompact()
  }

  /**
   * Adds every document of `other`, an index with the same options (built elsewhere, e.g. in a worker
   * or loaded from a file), after this index's documents, copying postings instead of re-analysing
   * text. All or nothing: throws `InvalidOptionsError` when the options differ and `DuplicateIdError`
   * when an id is in both, and the index is then unchanged. `other` is not modified.
   *
   * @example
   * ```ts
   * const index = SearchIndex.load(firstHalf)
   * index.addIndex(SearchIndex.load(secondHalf))
   * ```
   */
  addIndex(other: SearchIndex<TDocument>): void {
    if (!(other instanceof SearchIndex)) throw new InvalidOptionsError('addIndex expects a SearchIndex')
    if (JSON.stringify(serializeOptions(other.options)) !== JSON.stringify(serializeOptions(this.options))) {
      throw new InvalidOptionsError('addIndex needs an index with the same options')
    }
    const source = other.inverted.removedShare > 0 ? other.inverted.compacted() : other.inverted
    const ids = source.documents.externalIds
    for (let docId = 0; docId < source.documents.count; docId++) {
      if (this.has(ids[docId])) throw new DuplicateIdError(ids[docId])
    }
    this.inverted.appendIndex(source)
    this.inverted.trimAfterBatch(source.documents.count)
    this.mutations++
  }

  /**
   * Reclaims the space of removed documents now (synchronously) and makes ranking statistics exact.
   * Search results do not change except for those statistics.
   */
  compact(): void {
    this.inverted = this.inverted.compacted()
    this.mutations++
  }

  /**
   * Compacts in small steps, yielding to the event loop between them, so searches stay responsive; if
   * the index changes meanwhile the work restarts. Resolves when done: documents removed before the call
   * are then reclaimed.
   */
  vacuum(): Promise<void> {
    if (this.compaction !== null) {
      // A compaction is under way, or finished this tick before later removals: wait for it, then
      // reclaim what it did not see.
      return this.compaction.then(() => {
        const documents = this.inverted.documents
        return documents.count > documents.liveCount ? this.vacuum() : undefined
      })
    }
    this.compaction = this.compactInSteps().then(
      () => {
        this.compaction = null
        // Removals while it ran (or after it finished this tick) were not checked against the
        // autoCompact policy: check them now, or they would wait for the next removal.
        this.maybeCompact()
      },
      (error: unknown) => {
        this.compaction = null
        throw error
      },
    )
    return this.compaction
  }

  /**
   * Searches the index. Never throws on query text (empty, stop words only, punctuation, very long or
   * full of syntax all give sane, fast results); invalid `options` throw `InvalidOptionsError`.
   *
   * Query syntax: words (combined with `combineWith`), `"quoted phrases"` (also «…»), `-word` and
   * `-"phrase"` to exclude documents.
   *
   * A page ranked by score (no `sort`, finite `limit`) is found with dynamic pruning: documents that provably
   * cannot enter it are skipped unscored, and the page is exactly what scoring every match would give. With
   * `sort` or `limit: Infinity` every match is scored (as by `facets` and `suggest`).
   *
   * @example
   * ```ts
   * index.search('آتش‌بس غزه', { limit: 10 })
   * index.search('"نوار غزه" -مصر', { highlight: { fields: ['body'], length: 120 } })
   * ```
   */
  search(query: string, options: SearchOptions<TDocument> = {}): SearchHit<TDocument>[] {
    const plan = this.plan(query, options)
    const offset = nonNegativeInteger(options.offset, 0, 'offset')
    const limit = limitOption(options.limit, DEFAULT_LIMIT)
    const sort = this.resolveSort(options.sort)
    const highlight = this.resolveHighlight(options.highlight, plan.fieldBoosts)
    if (plan.query === null || limit === 0) return []
    const sortColumn =
      sort === null
        ? null
        : this.inverted.documents.storedValues[this.options.storeFields.indexOf(sort.field)]
    const collector = new HitCollector<Int32Array>(offset + limit, sort)
    const evaluator = plan.evaluator!
    const termIds = plan.query.termIds
    // Per kept match, the fields each query term matched in; the arrays of dropped matches are reused.
    const spareMasks: Int32Array[] = []
    const filter = options.filter
    // Ranked by score with a bounded page, documents that cannot enter it are skipped (exact pruning).
    const pruned = sort === null && Number.isFinite(offset + limit)
    evaluator.run(
      (docId, score) => {
        if (filter !== undefined && !filter(this.storedDocument(docId))) return
        const sortValue = sortColumn === null ? undefined : sortColumn[docId]
        if (collector.accepts(docId, score, sortValue)) {
          const masks = evaluator.matchedTerms(spareMasks.pop() ?? new Int32Array(termIds.length))
          const dropped = collector.add(docId, score, sortValue, masks)
          if (dropped !== undefined) spareMasks.push(dropped)
        }
      },
      pruned ? () => collector.minimumScore() : undefined,
      // Without a filter, the page's size bounds its scores before any document is scored.
      pruned && filter === undefined ? offset + limit : undefined,
    )
    const collected = collector.sorted().slice(offset)
    // The page's hits share their matched terms: each term's string is made once.
    const termText = new Map<number, string>()
    const words = highlight.fields.length > 0 ? queryWordsOfTerms(plan.query) : null
    return collected.map((hit) => this.toHit(hit, termIds, highlight, termText, words))
  }

  /**
   * Counts, per value of each stored field in `fields`, the documents matching `query` (ALL matches, not
   * one page; `filter` and the other matching options apply as in {@link search}). Array values count
   * once per element; missing values are not counted.
   *
   * @example
   * ```ts
   * index.facets('غزه', ['source']) // → { source: { irna: 12, isna: 7 } }
   * ```
   */
  facets(
    query: string,
    fields: string[],
    options: SearchOptions<TDocument> = {},
  ): Record<string, Record<string, number>> {
    if (!Array.isArray(fields))
      throw new InvalidOptionsError('facets: fields must be an array of stored fields')
    const columns = fields.map((field) => {
      const index = this.options.storeFields.indexOf(field)
      if (index < 0)
        throw new InvalidOptionsError(
          `facets: ${JSON.stringify(field)} is not a stored field${this.fieldList('stored', this.options.storeFields)}`,
        )
      return this.inverted.documents.storedValues[index]
    })
    const counts: Record<string, Record<string, number>> = {}
    for (const field of fields) counts[field] = {}
    const plan = this.plan(query, options)
    if (plan.query === null) return counts
    const filter = options.filter
    plan.evaluator!.run((docId) => {
      if (filter !== undefined && !filter(this.storedDocument(docId))) return
      for (let f = 0; f < fields.length; f++) {
        const value = columns[f][docId]
        const target = counts[fields[f]]
        if (Array.isArray(value)) {
          for (const element of new Set(value)) countValue(target, element)
        } else countValue(target, value)
      }
    })
    return counts
  }

  /**
   * Completions of the last word of `text` (as-you-type), ranked by the summed scores of the documents
   * they find together with the preceding words (`combineWith` defaults to `'and'` here): a matching document
   * credits every completion it holds, not only its best. Each completes an index term (normalised,
   * stemmed: `term`); `suggestion` writes it as the best-scoring matching document does, when an indexed
   * field is stored, from where the typed text starts when only Arabic proclitics and the article stand
   * before it (`كت` → `كتب` for a document that wrote `والكتب`). Invalid `options` (`null` included) throw
   * `InvalidOptionsError`, as in {@link search}.
   *
   * @example
   * ```ts
   * index.suggest('آتش', { limit: 5 }) // → [{ suggestion: 'آتشبس', term: 'اتشبس', score: 41.2 }, …]
   * ```
   */
  suggest(text: string, options: SearchOptions<TDocument> = {}): Suggestion[] {
    if (options === null || typeof options !== 'object')
      throw new InvalidOptionsError('search options must be an object')
    const limit = limitOption(options.limit, 5)
    const plan = this.plan(text, { combineWith: 'and', ...options, prefix: true })
    if (plan.query === null || plan.query.prefixContext === null || !(limit > 0)) return []
    const query = plan.query
    const prefixClause = query.clauses.findIndex((clause) => clause.prefix)
    if (prefixClause < 0) return []
    // The completions are the prefix clause's alternatives of one term (at most maxExpansions per typed
    // form): every one a matching document holds is credited, with the score the document has through it.
    const alternatives = query.clauses[prefixClause].alternatives
    const termIds = alternatives.map((alternative) =>
      alternative.cursors.length === 1 ? query.termIds[alternative.cursors[0]] : -1,
    )
    const scores = new Float64Array(alternatives.length)
    // Per completion, its best-scoring documents (a few), to read how they write the word; and, once full,
    // the score a document must beat to enter it.
    const samples: { docId: number; score: number }[][] = alternatives.map(() => [])
    const sampleFloor = new Float64Array(alternatives.length)
    const evaluator = plan.evaluator!
    const filter = options.filter
    const through = new Float64Array(alternatives.length)
    evaluator.run((docId, score) => {
      if (filter !== undefined && !filter(this.storedDocument(docId))) return
      if (evaluator.bestAlternative(prefixClause) < 0) return
      evaluator.scoresThrough(prefixClause, score, through)
      for (let a = 0; a < alternatives.length; a++) {
        const credited = through[a]
        if (credited <= 0 || termIds[a] < 0) continue
        scores[a] += credited
        const sample = samples[a]
        if (sample.length < SUGGESTION_SAMPLE_DOCS) {
          sample.push({ docId, score: credited })
          if (sample.length === SUGGESTION_SAMPLE_DOCS) sampleFloor[a] = lowestScore(sample).score
        } else if (credited > sampleFloor[a]) {
          const worst = lowestScore(sample)
          worst.docId = docId
          worst.score = credited
          sampleFloor[a] = lowestScore(sample).score
        }
      }
    })
    const ranked: { termId: number; score: number; sample: { docId: number; score: number }[] }[] = []
    for (let a = 0; a < alternatives.length; a++) {
      if (scores[a] > 0) ranked.push({ termId: termIds[a], score: scores[a], sample: samples[a] })
    }
    ranked.sort((x, y) => y.score - x.score || x.termId - y.termId)
    const context = query.prefixContext!
    const compound = context.compound
    const suggestions: Suggestion[] = []
    // Two terms may read the same once written out (غزة in an Arabic document, غزه in a Persian one): the
    // better-scoring one is kept.
    const shown = new Set<string>()
    for (const { termId, score, sample } of ranked) {
      if (suggestions.length >= limit) break
      const term = this.inverted.dictionary.termOf(termId)
      // A compound's completion is written from its first word on (پیش بی → پیش بینی, not پیش پیش بینی).
      const { before, word } = compound?.termIds.has(termId) ? compound : context
      const written = withoutLeadingClitics(this.writtenForm(term, sample), normalize(word))
      const key = normalize(before + written)
      if (shown.has(key)) continue
      shown.add(key)
      suggestions.push({ suggestion: before + written, term, score })
    }
    return suggestions
  }

  /**
   * How the best-scoring document of `sample` that has the word writes the words that analyse to `term`
   * (its most frequent form; ties: the first), read from its stored indexed fields; `term` when none of
   * those fields is stored or the word is not found in them. One document's fields are read, not all of
   * the sample's: this runs for every suggestion of every keystroke.
   */
  private writtenForm(term: string, sample: readonly { docId: number; score: number }[]): string {
    const counts = new Map<string, number>()
    let best = term
    let bestCount = 0
    const ordered = [...sample].sort((a, b) => b.score - a.score || a.docId - b.docId)
    for (const { docId } of ordered) {
      for (let f = 0; f < this.options.fields.length; f++) {
        const text = this.storedFieldText(docId, f, SUGGESTION_SAMPLE_CHARS)
        if (text === null) continue
        this.analyzeStored(docId, text, (analysed, start, end) => {
          if (analysed !== term) return
          const surface = text.slice(start, end)
          const count = (counts.get(surface) ?? 0) + 1
          counts.set(surface, count)
          if (count > bestCount) {
            best = surface
            bestCount = count
          }
        })
      }
      if (bestCount > 0) break
    }
    return best
  }

  /**
   * The index as compact bytes (versioned, checksummed), with its options and analysis settings. Restore
   * it with {@link SearchIndex.load}.
   *
   * @example
   * ```ts
   * await fs.writeFile('index.kvsh', index.save())
   * ```
   */
  save(): Uint8Array {
    return saveIndex(serializeOptions(this.options), this.inverted)
  }

  /**
   * Restores an index from {@link save} bytes without re-analysing any text. Throws `CorruptIndexError`
   * for truncated, altered, empty or foreign bytes and `IncompatibleIndexError` for a newer format. The
   * checksum and the whole structure (posting lists included, in one pass) are verified first, so a bad
   * file is never half-loaded.
   *
   * @example
   * ```ts
   * const index = SearchIndex.load<Article>(new Uint8Array(await fs.readFile('index.kvsh')))
   * ```
   */
  static load<TDocument extends object = AnyDocument>(bytes: Uint8Array): SearchIndex<TDocument> {
    const { options, inverted } = loadIndex(bytes, (serialized) => {
      const resolved = resolveOptions(serialized as unknown as SearchIndexOptions)
      return { fieldCount: indexedFieldCount(resolved), storedFieldCount: resolved.storeFields.length }
    })
    const index = new SearchIndex<TDocument>(options as unknown as SearchIndexOptions)
    index.inverted = inverted
    return index
  }

  /**
   * A copy of the index as structured-cloneable data, and the buffers to transfer with it: for moving an
   * index to another thread (`postMessage(data, transfer)`, a worker building part of an archive) without
   * the encoding, checksum and checks of {@link save}/{@link load}. This index stays usable. Not a file
   * format: use {@link save} for storage.
   *
   * @example
   * ```ts
   * // in a worker
   * const { data, transfer } = index.toTransferable()
   * parentPort.postMessage(data, transfer)
   * // in the main thread
   * const index = SearchIndex.fromTransferable(data)
   * ```
   */
  toTransferable(): { data: TransferableIndex; transfer: ArrayBuffer[] } {
    const parts = this.inverted.toParts()
    const data: TransferableIndex = {
      kavoshTransferable: 1,
      options: serializeOptions(this.options),
      parts,
    }
    const transfer = [
      parts.termUnits.buffer,
      parts.termBounds.buffer,
      parts.docFrequency.buffer,
      parts.lastDocId.buffer,
      parts.postingLength.buffer,
      parts.postings.buffer,
      parts.fieldLengths.buffer,
      parts.languages.buffer,
      parts.removed.buffer,
    ] as ArrayBuffer[]
    return { data, transfer }
  }

  /**
   * The index that {@link toTransferable} gave `data` for (typically after `postMessage`). Given several,
   * one index holding all their documents in order, the same as `addAll` over those documents (same
   * search results): how `kavosh/node` merges segments built on worker threads, without re-analysing
   * text. Takes over the data's buffers. Throws `InvalidOptionsError` for data that did not come from
   * `toTransferable` or pieces with different options, and `DuplicateIdError` when pieces share an id.
   *
   * @example
   * ```ts
   * const index = SearchIndex.fromTransferable(data)
   * const whole = SearchIndex.fromTransferable([firstHalf, secondHalf])
   * ```
   */
  static fromTransferable<TDocument extends object = AnyDocument>(
    data: TransferableIndex | readonly TransferableIndex[],
  ): SearchIndex<TDocument> {
    const pieces: readonly TransferableIndex[] = Array.isArray(data) ? data : [data as TransferableIndex]
    const valid = (piece: TransferableIndex) =>
      piece !== null && typeof piece === 'object' && piece.kavoshTransferable === 1
    if (pieces.length === 0 || !pieces.every(valid)) {
      throw new InvalidOptionsError('fromTransferable expects the data of toTransferable()')
    }
    const options = JSON.stringify(pieces[0].options)
    if (pieces.some((piece) => JSON.stringify(piece.options) !== options)) {
      throw new InvalidOptionsError('fromTransferable needs pieces built with the same options')
    }
    const index = new SearchIndex<TDocument>(pieces[0].options as unknown as SearchIndexOptions)
    let merged: ReturnType<typeof mergeSegments>
    try {
      merged = mergeSegments(
        indexedFieldCount(index.options),
        index.options.storeFields.length,
        pieces.map((piece) => piece.parts),
      )
    } catch (error) {
      throw new InvalidOptionsError(`fromTransferable: ${(error as Error).message}`)
    }
    if ('index' in merged) index.inverted = merged.index
    else if (merged.reason === 'duplicate') throw new DuplicateIdError(merged.id)
    else throw new InvalidOptionsError(`fromTransferable: ${merged.message}`)
    return index
  }

  /** Languages of the indexed documents (what query analysis may assume). */
  get languages(): ResolvedLanguage[] {
    const counts = this.inverted.languageDocCounts
    const languages: ResolvedLanguage[] = []
    if (counts[1] > 0) languages.push('fa')
    if (counts[2] > 0) languages.push('ar')
    return languages
  }

  /**
   * Languages an ambiguous query is analysed in: those of at least {@link MINOR_LANGUAGE_SHARE} of the
   * documents. A handful of documents misdetected as the other language (a Persian report quoting Arabic)
   * must not give every query of a Persian archive Arabic stems as well.
   */
  private get queryLanguages(): ResolvedLanguage[] {
    const counts = this.inverted.languageDocCounts
    const total = counts[1] + counts[2]
    const languages = this.languages
    if (languages.length < 2) return languages
    return languages.filter((l) => counts[l === 'fa' ? 1 : 2] >= total * MINOR_LANGUAGE_SHARE)
  }

  private plan(
    query: string,
    options: SearchOptions<TDocument>,
  ): { query: CompiledQuery | null; evaluator: QueryEvaluator | null; fieldBoosts: Float64Array } {
    if (options === null || typeof options !== 'object')
      throw new InvalidOptionsError('search options must be an object')
    const ranking =
      options.ranking === undefined
        ? this.options.ranking
        : resolveRanking(this.options.fields, options.ranking, this.options.ranking)
    const fieldBoosts = this.resolveFieldBoosts(options.fields, options.boost, ranking)
    const combineWith = options.combineWith ?? 'or'
    if (combineWith !== 'or' && combineWith !== 'and')
      throw new InvalidOptionsError("combineWith must be 'or' or 'and'")
    const fuzzy =
      options.fuzzy === undefined || options.fuzzy === false
        ? 0
        : options.fuzzy === true
          ? 'auto'
          : options.fuzzy
    if (fuzzy !== 'auto' && (typeof fuzzy !== 'number' || !(fuzzy >= 0 && fuzzy <= 3))) {
      throw new InvalidOptionsError('fuzzy must be a boolean or a number in [0, 3]')
    }
    if (options.filter !== undefined && typeof options.filter !== 'function') {
      throw new InvalidOptionsError('filter must be a function')
    }
    const language = options.language ?? this.options.language
    if (language !== 'fa' && language !== 'ar' && language !== 'auto') {
      throw new InvalidOptionsError("language must be 'fa', 'ar' or 'auto'")
    }
    if (typeof query !== 'string' || query.length === 0) return { query: null, evaluator: null, fieldBoosts }
    const compiled = compileQuery(this.inverted, query, {
      language,
      stem: this.options.stem,
      stopWords: this.options.stopWords,
      indexLanguages: this.queryLanguages,
      prefix: options.prefix === true,
      fuzzy: typeof fuzzy === 'number' ? Math.floor(fuzzy) : fuzzy,
      fuzzyFallback: options.fuzzy === undefined,
      maxExpansions: nonNegativeInteger(options.maxExpansions, DEFAULT_MAX_EXPANSIONS, 'maxExpansions'),
      maxClauses: nonNegativeInteger(options.maxQueryTerms, DEFAULT_MAX_QUERY_TERMS, 'maxQueryTerms'),
      ranking,
    })
    if (compiled.requiredClauses.length === 0) return { query: null, evaluator: null, fieldBoosts }
    const evaluator = new QueryEvaluator(this.inverted, compiled, ranking, fieldBoosts, combineWith, {
      positionalFields: this.options.fields.length,
    })
    return { query: compiled, evaluator, fieldBoosts }
  }

  private resolveFieldBoosts(
    fields: string[] | undefined,
    boost: Record<string, number> | undefined,
    ranking: ResolvedRanking,
  ): Float64Array {
    const fieldCount = this.options.fields.length
    const boosts = new Float64Array(indexedFieldCount(this.options))
    boosts.set(this.options.boost)
    // The lead field repeats the start of every field: searched when they all are.
    if (boosts.length > fieldCount) boosts[fieldCount] = ranking.leadBoost
    if (boost !== undefined) {
      if (boost === null || typeof boost !== 'object')
        throw new InvalidOptionsError('boost must be an object')
      for (const [field, value] of Object.entries(boost)) {
        const index = this.options.fields.indexOf(field)
        if (index < 0)
          throw new InvalidOptionsError(`boost names ${JSON.stringify(field)}, which is not an indexed field`)
        if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
          throw new InvalidOptionsError(`boost.${field} must be a non-negative number`)
        }
        boosts[index] = value
      }
    }
    if (fields !== undefined) {
      if (!Array.isArray(fields)) throw new InvalidOptionsError('fields must be an array')
      const searched = new Set<number>()
      for (const field of fields) {
        const index = this.options.fields.indexOf(field)
        if (index < 0)
          throw new InvalidOptionsError(
            `${JSON.stringify(field)} is not an indexed field${this.fieldList('indexed', this.options.fields)}`,
          )
        searched.add(index)
      }
      for (let f = 0; f < fieldCount; f++) if (!searched.has(f)) boosts[f] = 0
      if (searched.size < fieldCount) boosts.fill(0, fieldCount)
    }
    return boosts
  }

  /** `; the <kind> fields are a, b` for an error message (or that there are none). */
  private fieldList(kind: string, fields: readonly string[]): string {
    return fields.length === 0 ? ` (no field is ${kind})` : `; the ${kind} fields are ${fields.join(', ')}`
  }

  private resolveSort(sort: SortOrder | undefined): SortOrder | null {
    if (sort === undefined) return null
    if (sort === null || typeof sort !== 'object') throw new InvalidOptionsError('sort must be an object')
    if (!this.options.storeFields.includes(sort.field)) {
      throw new InvalidOptionsError(
        `sort.field ${JSON.stringify(sort.field)} is not a stored field${this.fieldList('stored', this.options.storeFields)}`,
      )
    }
    if (sort.order !== undefined && sort.order !== 'asc' && sort.order !== 'desc') {
      throw new InvalidOptionsError("sort.order must be 'asc' or 'desc'")
    }
    return sort
  }

  /** The fields to highlight (indexes into `options.fields`) and the snippet length. */
  private resolveHighlight(
    highlight: SearchOptions['highlight'],
    fieldBoosts: Float64Array,
  ): { fields: number[]; length: number } {
    if (highlight === undefined || highlight === false) return { fields: [], length: 0 }
    if (
      highlight !== true &&
      (highlight === null || typeof highlight !== 'object' || Array.isArray(highlight))
    ) {
      throw new InvalidOptionsError('highlight must be a boolean or an object')
    }
    const length =
      highlight === true || highlight.length === undefined ? DEFAULT_HIGHLIGHT_LENGTH : highlight.length
    if (typeof length !== 'number' || Number.isNaN(length) || length < 0) {
      throw new InvalidOptionsError('highlight.length must be a non-negative number')
    }
    // At least one unit: the passage is then just the matched words.
    return { fields: this.highlightFields(highlight, fieldBoosts), length: Math.max(1, Math.floor(length)) }
  }

  private highlightFields(highlight: true | HighlightOptions, fieldBoosts: Float64Array): number[] {
    const requested = highlight === true ? undefined : highlight.fields
    const { fields, storeFields } = this.options
    if (requested === undefined) {
      return fields
        .map((_, index) => index)
        .filter((index) => fieldBoosts[index] > 0 && storeFields.includes(fields[index]))
    }
    if (!Array.isArray(requested)) throw new InvalidOptionsError('highlight.fields must be an array')
    return requested.map((field) => {
      const index = fields.indexOf(field)
      if (index < 0 || !storeFields.includes(field)) {
        throw new InvalidOptionsError(
          `highlight: ${JSON.stringify(field)} must be an indexed and stored field`,
        )
      }
      return index
    })
  }

  private toHit(
    hit: CollectedHit<Int32Array>,
    termIds: readonly number[],
    highlight: { fields: number[]; length: number },
    termText: Map<number, string>,
    words: QueryWordsOfTerms | null,
  ): SearchHit<TDocument> {
    const { fields } = this.options
    const match: Record<string, string[]> = {}
    // Only highlighting needs the terms per field (each with its index into termIds).
    const termsByField: Map<string, number>[] | null =
      words !== null ? fields.map(() => new Map<string, number>()) : null
    const masks = hit.detail
    for (let k = 0; k < termIds.length; k++) {
      const mask = masks[k]
      if (mask === 0) continue
      const termId = termIds[k]
      let term = termText.get(termId)
      if (term === undefined) {
        term = this.inverted.dictionary.termOf(termId)
        termText.set(termId, term)
      }
      const matchedFields: string[] = []
      for (let f = 0; f < fields.length; f++) {
        if (mask & (1 << f)) {
          matchedFields.push(fields[f])
          termsByField?.[f].set(term, k)
        }
      }
      match[term] = matchedFields
    }
    // The stored document is a new object: it becomes the hit (a spread would copy it once more).
    const result = this.storedDocument(hit.docId) as SearchHit<TDocument>
    result.score = hit.score
    result.match = match
    if (termsByField !== null && words !== null) {
      const highlights: Record<string, Highlight> = {}
      for (const f of highlight.fields) {
        if (termsByField[f].size === 0) continue
        const text = this.storedFieldText(hit.docId, f) ?? ''
        const occurrences: TermOccurrence[] = []
        this.analyzeStored(hit.docId, text, (term, start, end, position) => {
          const k = termsByField[f].get(term)
          if (k !== undefined) occurrences.push({ start, end, term: k, position })
        })
        // A phrase's words (quoted, or a compound split) are marked only where the phrase occurs.
        const passage = highlightPassage(text, matchedWords(occurrences, words), highlight.length)
        if (passage !== null) highlights[fields[f]] = passage
      }
      result.highlights = highlights
    }
    return result
  }

  /**
   * The stored text of indexed field `field` (index into `options.fields`) of `docId` (a number as its
   * string), cut to `maxChars`; null when that field is not stored or holds no text.
   */
  private storedFieldText(docId: number, field: number, maxChars = Number.POSITIVE_INFINITY): string | null {
    const column = this.options.storeFields.indexOf(this.options.fields[field])
    if (column < 0) return null
    const value = this.inverted.documents.storedValues[column][docId]
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : null
    return text !== null && text.length > maxChars ? text.slice(0, maxChars) : text
  }

  /** Calls `emit` for each index term of `text`, analysed as document `docId`'s fields were at indexing. */
  private analyzeStored(
    docId: number,
    text: string,
    emit: (term: string, start: number, end: number, position: number) => void,
  ): void {
    const language = analysisLanguageOf(this.inverted.documents.languages[docId])
    analyzeEach(text, { language, stem: this.options.stem, stopWords: this.options.stopWords }, emit)
  }

  private storedDocument(docId: number): StoredDocument<TDocument> {
    const documents = this.inverted.documents
    const stored: Record<string, unknown> = {}
    const storeFields = this.options.storeFields
    for (let s = 0; s < storeFields.length; s++) {
      const value = documents.storedValues[s][docId]
      // Arrays and objects are frozen (DocumentTable); a Date cannot be, so each reader gets its own.
      if (value !== undefined)
        stored[storeFields[s]] = value instanceof Date ? new Date(value.getTime()) : value
    }
    stored.id = documents.externalIds[docId]
    return stored as StoredDocument<TDocument>
  }

  /**
   * Validates one document and extracts what indexing needs; throws InvalidDocumentError. `position` is
   * its index in a batch, named when the document is not an object (it then has no id to name).
   */
  private prepare(document: TDocument, position?: number): PreparedDocument {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      const which = position === undefined ? 'a document' : `document ${position} of the batch`
      throw new InvalidDocumentError(`${which} must be an object, got ${describe(document)}`)
    }
    const record = document as Record<string, unknown>
    const { idField, fields, storeFields, maxFieldLength, languageField } = this.options
    const id = record[idField]
    if (!((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id)))) {
      throw new InvalidDocumentError(
        `document field ${JSON.stringify(idField)} must be a non-empty string or a finite number, got ${describe(id)}`,
      )
    }
    const texts = fields.map((field) => {
      const value = record[field]
      if (value === undefined || value === null) return ''
      if (typeof value === 'number' && Number.isFinite(value)) return String(value)
      if (typeof value !== 'string') {
        throw new InvalidDocumentError(
          `field ${JSON.stringify(field)} of document ${JSON.stringify(id)} must be a string, a finite number or null, got ${describe(value)}`,
        )
      }
      if (value.length > maxFieldLength) {
        throw new InvalidDocumentError(
          `field ${JSON.stringify(field)} of document ${JSON.stringify(id)} has ${value.length} characters; maxFieldLength is ${maxFieldLength}`,
        )
      }
      return value
    })
    let language = this.options.language
    if (languageField !== null) {
      const value = record[languageField]
      if (value !== undefined && value !== null) {
        if (value !== 'fa' && value !== 'ar' && value !== 'auto') {
          throw new InvalidDocumentError(
            `field ${JSON.stringify(languageField)} of document ${JSON.stringify(id)} must be 'fa', 'ar' or 'auto', got ${describe(value)}`,
          )
        }
        language = value
      }
    }
    const stored = storeFields.map((field) => storableCopy(record[field], field, id))
    return { id, texts, language, stored }
  }

  /**
   * Validates a batch as `addAll` does (every document, then repeated ids) and prepares each document with
   * `prepare` (by default {@link prepare}).
   */
  private prepareBatch(
    documents: readonly TDocument[],
    prepare: (document: TDocument, position: number) => PreparedDocument = (document, position) =>
      this.prepare(document, position),
  ): PreparedDocument[] {
    if (!Array.isArray(documents))
      throw new InvalidDocumentError(`addAll expects an array, got ${describe(documents)}`)
    // A loop over every index, not map: map skips the holes of a sparse array.
    const prepared: PreparedDocument[] = new Array(documents.length)
    for (let i = 0; i < documents.length; i++) {
      if (!(i in documents)) {
        throw new InvalidDocumentError(`document ${i} of the batch is missing (the array has a hole there)`)
      }
      prepared[i] = prepare(documents[i], i)
    }
    const seen = new Set<DocumentId>()
    for (const document of prepared) {
      if (seen.has(document.id) || this.has(document.id)) throw new DuplicateIdError(document.id)
      seen.add(document.id)
    }
    return prepared
  }

  /**
   * The documents as `addAll` reads them, as plain data: for each, an object holding as its own data the
   * properties `addAll` reads (id, indexed fields, stored fields, `languageField`; getters read once, the
   * rest left out) with each stored value in the form the index stores (see {@link storableCopy}: a
   * `toJSON` applied, a copy). Throws what `addAll` of `documents` on this (empty) index would throw, and
   * `addAll` of the result indexes the same (same saved bytes). How `kavosh/node` sends documents to
   * worker threads, whose structured clone keeps own data properties only (no getters, no prototypes).
   */
  // biome-ignore lint/correctness/noUnusedPrivateClassMembers: called through PLAIN_DOCUMENTS, below the class.
  private plainBatch(documents: readonly TDocument[]): object[] {
    const { idField, fields, storeFields, languageField } = this.options
    const keys = [
      ...new Set([idField, ...fields, ...storeFields, ...(languageField === null ? [] : [languageField])]),
    ]
    const plain: object[] = new Array(documents.length)
    this.prepareBatch(documents, (document, position) => {
      if (document === null || typeof document !== 'object' || Array.isArray(document))
        return this.prepare(document, position) // throws
      const record = document as Record<string, unknown>
      // A literal, not Object.create(null): objects of one shape, cloned faster to a worker.
      const copy: Record<string, unknown> = {}
      for (const key of keys) {
        if (key === '__proto__') Object.defineProperty(copy, key, { ...OWN_DATA, value: record[key] })
        else copy[key] = record[key]
      }
      const prepared = this.prepare(copy as TDocument, position)
      // An indexed value that is stored too is its own stored copy (a string, a number, null or undefined).
      for (let s = 0; s < storeFields.length; s++) copy[storeFields[s]] = prepared.stored[s]
      plain[position] = copy
      return prepared
    })
    return plain
  }

  /** Analyses a prepared document into `target`. */
  private index(target: InvertedIndex, document: PreparedDocument): void {
    const { stem, stopWords, leadWords } = this.options
    const analysisOptions = { language: document.language, stem, stopWords }
    const leadField = document.texts.length
    target.startDocument()
    let counted: ResolvedLanguage | null = null
    let longest = 0
    for (let f = 0; f < document.texts.length; f++) {
      const text = document.texts[f]
      if (text.length === 0) continue
      // The index reads keys and positions only: no offsets.
      const resolved = analyzeInto(text, analysisOptions, documentTerms, false)
      target.addTerms(f, documentTerms)
      if (leadWords > 0 && documentTerms.count > 0) {
        // The field's length in words: its last term's position + 1 (trailing stop words aside).
        const fieldWords = documentTerms.position[documentTerms.count - 1]! + 1
        target.addLeadTerms(documentTerms, leadLength(fieldWords, leadWords), f * (leadWords + 1))
      }
      if (text.length > longest) {
        longest = text.length
        counted = resolved
      }
    }
    if (leadWords > 0) target.addLeadField(leadField)
    const code: LanguageCode = languageCode(document.language, counted)
    target.finishDocument(document.id, code, document.stored)
  }

  private maybeCompact(): void {
    const policy = this.options.autoCompact
    if (policy === false || this.compaction !== null) return
    const documents = this.inverted.documents
    const removed = documents.count - documents.liveCount
    if (removed >= policy.minRemoved && this.inverted.removedShare > policy.removedShare) {
      this.vacuum().catch(() => {})
    }
  }

  private async compactInSteps(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const source = this.inverted
      const startMutations = this.mutations
      const compaction = new IndexCompaction(source)
      let done = false
      while (!done) {
        done = compaction.run(COMPACTION_TERMS_PER_STEP)
        if (!done) await yieldToEventLoop()
        if (this.mutations !== startMutations || this.inverted !== source) break
      }
      if (done && this.mutations === startMutations && this.inverted === source) {
        this.inverted = compaction.result()
        return
      }
    }
    // The index kept changing: finish in one go.
    this.compact()
  }
}

/**
 * Registered symbol of a static of {@link SearchIndex} that `kavosh/node` calls on each building thread:
 * `SearchIndex[Symbol.for('kavosh.holdAnalysisCaches')]()` keeps the analysis caches warm through the
 * `addAll` calls of the segments that thread builds, until the function it returns is called (see
 * `holdAnalysisCaches`). A symbol, not a typed member: it serves the package's own Node entry (bundled
 * separately, so it cannot import the analyzer module) and is no part of the public API.
 */
const HOLD_ANALYSIS_CACHES: unique symbol = Symbol.for('kavosh.holdAnalysisCaches')
Object.defineProperty(SearchIndex, HOLD_ANALYSIS_CACHES, { value: holdAnalysisCaches })

/** The attributes of a property made by assignment (a field named `__proto__` is defined with these). */
const OWN_DATA = { enumerable: true, writable: true, configurable: true }

/**
 * Registered symbol of a static of {@link SearchIndex} that `kavosh/node` calls before it sends documents
 * to worker threads: `SearchIndex[Symbol.for('kavosh.plainDocuments')](options, documents)` gives the
 * documents as `addAll` reads them, as plain data (see `plainBatch`), or throws what `addAll` would. A
 * symbol for the same reason as {@link HOLD_ANALYSIS_CACHES}.
 */
const PLAIN_DOCUMENTS: unique symbol = Symbol.for('kavosh.plainDocuments')
Object.defineProperty(SearchIndex, PLAIN_DOCUMENTS, {
  value: (options: SearchIndexOptions, documents: readonly object[]): object[] =>
    // plainBatch is private to the class: the one caller outside it.
    (
      new SearchIndex(options) as unknown as { plainBatch(documents: readonly object[]): object[] }
    ).plainBatch(documents),
})

function resolveOptions(options: SearchIndexOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object')
    throw new InvalidOptionsError('options must be an object')
  const { fields } = options
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((field) => typeof field !== 'string')) {
    throw new InvalidOptionsError('fields must be a non-empty array of field names')
  }
  if (fields.length > 31) throw new InvalidOptionsError('at most 31 fields can be indexed')
  if (new Set(fields).size !== fields.length) throw new InvalidOptionsError('fields must not repeat')
  const storeFields = options.storeFields ?? []
  if (!Array.isArray(storeFields) || storeFields.some((field) => typeof field !== 'string')) {
    throw new InvalidOptionsError('storeFields must be an array of field names')
  }
  if (new Set(storeFields).size !== storeFields.length)
    throw new InvalidOptionsError('storeFields must not repeat')
  for (const field of storeFields) {
    if (RESERVED_STORED_FIELDS.includes(field)) {
      throw new InvalidOptionsError(
        `${JSON.stringify(field)} is reserved in hits and cannot be a stored field`,
      )
    }
  }
  const idField = options.idField ?? 'id'
  if (typeof idField !== 'string' || idField.length === 0)
    throw new InvalidOptionsError('idField must be a field name')
  const language = options.language ?? 'auto'
  if (!(LANGUAGE_NAMES as readonly string[]).includes(language)) {
    throw new InvalidOptionsError("language must be 'fa', 'ar' or 'auto'")
  }
  const languageField = options.languageField ?? null
  if (languageField !== null && typeof languageField !== 'string') {
    throw new InvalidOptionsError('languageField must be a field name')
  }
  const boost = new Float64Array(fields.length).fill(1)
  if (options.boost !== undefined) {
    if (options.boost === null || typeof options.boost !== 'object')
      throw new InvalidOptionsError('boost must be an object')
    for (const [field, value] of Object.entries(options.boost)) {
      const index = fields.indexOf(field)
      if (index < 0)
        throw new InvalidOptionsError(`boost names ${JSON.stringify(field)}, which is not an indexed field`)
      if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
        throw new InvalidOptionsError(`boost.${field} must be a positive number`)
      }
      boost[index] = value
    }
  }
  const leadWords = options.leadWords ?? DEFAULT_LEAD_WORDS
  if (!Number.isInteger(leadWords) || leadWords < 0 || leadWords > MAX_LEAD_WORDS) {
    throw new InvalidOptionsError(`leadWords must be an integer in [0, ${MAX_LEAD_WORDS}]`)
  }
  const maxFieldLength = options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH
  if (!Number.isInteger(maxFieldLength) || maxFieldLength < 1) {
    throw new InvalidOptionsError('maxFieldLength must be a positive integer')
  }
  for (const flag of ['stem', 'stopWords'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') {
      throw new InvalidOptionsError(`${flag} must be a boolean`)
    }
  }
  let autoCompact: ResolvedOptions['autoCompact'] = { removedShare: 0.25, minRemoved: 64 }
  if (options.autoCompact === false) autoCompact = false
  else if (options.autoCompact !== undefined) {
    const removedShare = options.autoCompact.removedShare ?? 0.25
    const minRemoved = options.autoCompact.minRemoved ?? 64
    if (!(removedShare >= 0 && removedShare < 1) || !(Number.isInteger(minRemoved) && minRemoved >= 0)) {
      throw new InvalidOptionsError(
        'autoCompact needs removedShare in [0, 1) and a non-negative integer minRemoved',
      )
    }
    autoCompact = { removedShare, minRemoved }
  }
  return {
    fields: [...fields],
    storeFields: [...storeFields],
    idField,
    language,
    languageField,
    boost,
    ranking: resolveRanking(fields, options.ranking),
    stem: options.stem ?? true,
    stopWords: options.stopWords ?? true,
    leadWords,
    maxFieldLength,
    autoCompact,
  }
}

/** Options as plain JSON data (what {@link SearchIndex.save} records). */
function serializeOptions(options: ResolvedOptions): Record<string, unknown> {
  const { ranking, fields } = options
  return {
    fields: options.fields,
    storeFields: options.storeFields,
    idField: options.idField,
    language: options.language,
    languageField: options.languageField ?? undefined,
    boost: Object.fromEntries(fields.map((field, f) => [field, options.boost[f]])),
    ranking: {
      k1: { other: ranking.k1[0], fa: ranking.k1[1], ar: ranking.k1[2] },
      // One number when every field (the lead field too) has the same b: the lead field's b is only
      // recorded that way (from an object, it is the default).
      b: ranking.b.every((value) => value === ranking.b[0])
        ? ranking.b[0]
        : Object.fromEntries(fields.map((field, f) => [field, ranking.b[f]])),
      proximityWeight: ranking.proximityWeight,
      proximityWindow: ranking.proximityWindow,
      prefixWeight: ranking.prefixWeight,
      fuzzyWeight: ranking.fuzzyWeight,
      coordination: ranking.coordination,
      leadBoost: ranking.leadBoost,
      titleMatch: ranking.titleMatch,
      titleField: ranking.titleField < 0 ? null : fields[ranking.titleField],
    },
    stem: options.stem,
    stopWords: options.stopWords,
    leadWords: options.leadWords,
    maxFieldLength: options.maxFieldLength,
    autoCompact: options.autoCompact,
  }
}

/** The `limit` option (`fallback` when absent); throws InvalidOptionsError unless it is a number ≥ 0. */
function limitOption(limit: unknown, fallback: number): number {
  if (limit === undefined) return fallback
  if (typeof limit !== 'number' || Number.isNaN(limit) || limit < 0) {
    throw new InvalidOptionsError(`limit must be a non-negative number, got ${describe(limit)}`)
  }
  return limit
}

/**
 * The value to store: primitives as they are (a number as a float64, NaN and ±Infinity included), a Date
 * copied, arrays and plain objects copied as JSON data (what a saved and loaded index returns too).
 * Throws InvalidDocumentError for what cannot be stored faithfully: a function, symbol or bigint; inside
 * an array or object, a non-finite number (JSON would make it null), a function or symbol (JSON would
 * drop it), or an object that is neither an array nor a plain object and has no `toJSON` of its own
 * (a Map, Set, typed array, RegExp, Error or class instance: JSON would keep `{}` or its own fields only).
 * An object with `toJSON` (a nested Date, say) is stored as what its `toJSON` returns.
 */
function storableCopy(value: unknown, field: string, id: DocumentId): unknown {
  const type = typeof value
  const where = `stored field ${JSON.stringify(field)} of document ${JSON.stringify(id)}`
  if (type === 'function' || type === 'symbol' || type === 'bigint') {
    throw new InvalidDocumentError(`${where} cannot be a ${type}`)
  }
  if (value === null || type !== 'object') return value
  if (value instanceof Date) return new Date(value.getTime())
  let json: string | undefined
  try {
    json = JSON.stringify(value, rejectUnstorable)
  } catch (error) {
    if (error instanceof UnstorableValue) {
      const under = error.key === '' ? '' : ` (under key ${JSON.stringify(error.key)})`
      throw new InvalidDocumentError(
        `${where} holds ${error.what}${under}, which JSON data cannot hold (arrays and plain objects of strings, finite numbers, booleans and null)`,
      )
    }
    throw new InvalidDocumentError(`${where} is not JSON data`)
  }
  return json === undefined ? null : JSON.parse(json)
}

/** What {@link rejectUnstorable} throws: the value JSON would change, and the key it was under. */
class UnstorableValue {
  constructor(
    readonly what: string,
    readonly key: string,
  ) {}
}

/**
 * JSON.stringify replacer that throws {@link UnstorableValue} at a value whose JSON form would silently
 * differ. It sees each value after its `toJSON` ran, so a nested Date arrives as its ISO string.
 */
function rejectUnstorable(key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new UnstorableValue(String(value), key)
      return value
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new UnstorableValue(`a ${typeof value}`, key)
    case 'object': {
      if (value === null || Array.isArray(value)) return value
      const prototype = Object.getPrototypeOf(value)
      // A plain object's prototype is null or a realm's Object.prototype (whose own prototype is null).
      if (prototype === null || Object.getPrototypeOf(prototype) === null) return value
      const name = (prototype as { constructor?: { name?: unknown } }).constructor?.name
      throw new UnstorableValue(
        typeof name === 'string' && name !== '' ? `an instance of ${name}` : 'an object that is not plain',
        key,
      )
    }
    default:
      return value
  }
}

function countValue(target: Record<string, number>, value: unknown): void {
  if (value === undefined || value === null) return
  const key =
    value instanceof Date
      ? Number.isNaN(value.getTime())
        ? 'Invalid Date'
        : value.toISOString()
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  // Own properties only: a value such as 'constructor' or '__proto__' must count like any other.
  const count = (Object.hasOwn(target, key) ? target[key] : 0) + 1
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value: count, enumerable: true, writable: true, configurable: true })
  } else target[key] = count
}

function nonNegativeInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback
  if (
    typeof value !== 'number' ||
    !(value >= 0) ||
    !(Number.isInteger(value) || value === Number.POSITIVE_INFINITY)
  ) {
    throw new InvalidOptionsError(`${name} must be a non-negative integer`)
  }
  return value
}

/** The value received, for an error message: `'en'`, `NaN`, `an empty string`, `an array`, `object`. */
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') {
    if (value.length === 0) return 'an empty string'
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  }
  if (typeof value === 'number') return String(value)
  return typeof value
}

function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** Lets other tasks run (setTimeout 0 works in browsers, workers and Node alike). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * Fields of the inverted index: the indexed fields, then the hidden lead field when
 * {@link SearchIndexOptions.leadWords} is above 0. Internal (the CLI reads saved files with it), not part of
 * the public API.
 *
 * @example
 * ```ts
 * indexedFieldCount({ fields: ['title', 'body'], leadWords: 15 }) // → 3
 * ```
 */
export function indexedFieldCount(options: Pick<ResolvedOptions, 'fields' | 'leadWords'>): number {
  return options.fields.length + (options.leadWords > 0 ? 1 : 0)
}
