/**
 * kavosh: full-text search for Persian and Arabic text.
 *
 * @packageDocumentation
 */

export type {
  AnalyzeOptions,
  AnalyzeQueryOptions,
  Language,
  QueryClause,
  ResolvedLanguage,
  Token,
} from './analysis/index'
export { analyze, analyzeQuery, detectLanguage, normalize } from './analysis/index'
export {
  AbortError,
  CorruptIndexError,
  DuplicateIdError,
  IncompatibleIndexError,
  InvalidDocumentError,
  InvalidOptionsError,
  KavoshError,
  UnknownIdError,
} from './errors'
export type {
  AddAllAsyncOptions,
  CombineWith,
  DocumentId,
  Highlight,
  HighlightOptions,
  IndexingProgress,
  RankingOptions,
  SearchHit,
  SearchIndexOptions,
  SearchOptions,
  SortOrder,
  StoredDocument,
  StoredValue,
  Suggestion,
  TransferableIndex,
} from './search-index'
export { DEFAULT_LEAD_WORDS, DEFAULT_MAX_FIELD_LENGTH, DEFAULT_RANKING, SearchIndex } from './search-index'
