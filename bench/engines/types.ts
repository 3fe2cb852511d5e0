/**
 * The adapter interface every measured library implements, so kavosh plugs into the harness exactly like
 * the peers. Adapters own their library's configuration; the harness owns timing and scoring.
 */

/** A document as the harness hands it to every engine. */
export interface BenchDoc {
  id: string
  lang: 'fa' | 'ar'
  title?: string
  text: string
}

/** The query shapes of the latency section. 'keyword' is also what the quality section runs. */
export type QueryKind = 'keyword' | 'phrase' | 'prefix' | 'fuzzy'

export const QUERY_KINDS: readonly QueryKind[] = ['keyword', 'phrase', 'prefix', 'fuzzy']

/** A built index, ready to answer queries. */
export interface BuiltIndex {
  /** Ranked doc ids, best first, at most `limit`. */
  search(query: string, kind: QueryKind, limit: number): string[]
}

/** A serialised index as the library produces it. */
export interface SavedIndex {
  /** Size in bytes (UTF-8 bytes for string/JSON forms). */
  bytes: number
  /** Rebuilds a searchable index from the saved form; timed by the harness. */
  load(): Promise<BuiltIndex> | BuiltIndex
}

/** One library in one configuration. */
export interface Engine {
  /** Stable id used in results, e.g. 'minisearch/fa-ar'. */
  id: string
  /** 'kavosh', 'minisearch', 'flexsearch' or 'orama'. */
  library: string
  /** Installed package version. */
  version: string
  /** 'default' or 'fa-ar' (the careful Persian/Arabic configuration). */
  variant: 'default' | 'fa-ar'
  /** Human-readable description of every non-default option, for the report. */
  config: string
  /** Which query kinds the engine answers natively; unsupported kinds are not timed. */
  supports: Record<QueryKind, boolean> & { persistence: boolean }
  /** Builds an index over `docs` (fields: title, text). */
  build(docs: readonly BenchDoc[]): Promise<BuiltIndex> | BuiltIndex
  /**
   * Adds `batch` to an index this engine built, the library's own way of adding documents to a built index
   * (kavosh and minisearch `addAll`, flexsearch `add` and orama `insert` per document, as their builds do):
   * the feed measurement of the build section. Absent when the library cannot add to a built index.
   */
  addBatch?(index: BuiltIndex, batch: readonly BenchDoc[]): Promise<void> | void
  /** The engine's multi-core build, when it has one (measured in the build section beside `build`). */
  parallel?: ParallelBuilder
  /** Serialises an index built by this engine. */
  save?(index: BuiltIndex): Promise<SavedIndex> | SavedIndex
  /**
   * The engine's own text analysis (tokenise + normalise) of `text`, returning the number of terms; used
   * by the analysis section to compare hot paths. Absent when the library does not expose it.
   */
  analyze?(text: string): number
}

/** A multi-core build of an engine (kavosh/node's worker pool), kept for the whole run. */
export interface ParallelBuilder {
  /** Worker threads the documents are built on. */
  workers: number
  /** How it is called, for the report. */
  config: string
  /**
   * Builds an index over `docs` on the workers (and the calling thread); the result answers queries like
   * `Engine.build`'s. `warmUp`: a warm-up build, done on the workers alone so that it reaches them (the
   * calling thread, warmed by the one-thread builds, would otherwise take every segment of a small build).
   */
  build(docs: readonly BenchDoc[], warmUp?: boolean): Promise<BuiltIndex>
  /** Stops the workers. */
  close(): Promise<void>
}

/** An engine that could not be set up (e.g. kavosh's engine not written yet). */
export interface SkippedEngine {
  id: string
  reason: string
}
