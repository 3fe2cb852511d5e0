/**
 * The kavosh adapter. kavosh is bundled from `src/` with esbuild when the run starts (no `npm run build`
 * needed, and always the current sources) and imported as plain JavaScript, as users get it from the
 * package: run through tsx instead, module-level constants compile to getter calls, code the package does
 * not have. Whatever is not exported is reported as skipped.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'
import type { BenchDoc, BuiltIndex, Engine, ParallelBuilder, QueryKind, SavedIndex } from './types'

/** The parts of kavosh's public API the suite uses (checked at run time, not trusted). */
export interface KavoshApi {
  normalize?: (text: string) => string
  analyze?: (
    text: string,
    options?: { language?: 'fa' | 'ar' | 'auto'; stem?: boolean; stopWords?: boolean },
  ) => { term: string }[]
  SearchIndex?: KavoshSearchIndexClass
  version?: string
  /** From kavosh/node (`src/node/index.ts`), when it loads. */
  createIndexBuilderPool?: (options: { workers: number }) => KavoshBuilderPool
}

interface KavoshBuilderPool {
  build(
    docs: object[],
    options: object,
    build?: { minDocumentsPerWorker?: number; callingThread?: boolean },
  ): Promise<KavoshSearchIndex>
  close(): Promise<void>
}

interface KavoshSearchIndex {
  add(doc: object): unknown
  addAll(docs: object[]): unknown
  search(query: string, options?: object): { id: string | number }[]
  save(): Uint8Array
}
interface KavoshSearchIndexClass {
  new (options: object): KavoshSearchIndex
  load(bytes: Uint8Array): KavoshSearchIndex
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * Bundles `src/index.ts` and `src/node/index.ts` (which imports the core as 'kavosh': one shared chunk, so
 * an index built on the workers is the same SearchIndex class) into a temporary folder, removed at exit;
 * the workers of kavosh/node run the bundled `node.mjs`. Returns the module or why it could not be loaded.
 */
export async function loadKavosh(): Promise<{ api: KavoshApi } | { error: string }> {
  const entry = join(repoRoot, 'src', 'index.ts')
  if (!existsSync(entry)) return { error: 'src/index.ts does not exist yet' }
  const nodeEntry = join(repoRoot, 'src', 'node', 'index.ts')
  const outdir = mkdtempSync(join(tmpdir(), 'kavosh-bench-'))
  process.on('exit', () => rmSync(outdir, { recursive: true, force: true }))
  try {
    buildSync({
      entryPoints: { index: entry, ...(existsSync(nodeEntry) ? { node: nodeEntry } : {}) },
      absWorkingDir: repoRoot,
      alias: { kavosh: './src/index.ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node18',
      outdir,
      outExtension: { '.js': '.mjs' },
      logLevel: 'error',
    })
    const api = (await import(pathToFileURL(join(outdir, 'index.mjs')).href)) as KavoshApi
    if (!existsSync(nodeEntry)) return { api }
    const node = (await import(pathToFileURL(join(outdir, 'node.mjs')).href)) as Pick<
      KavoshApi,
      'createIndexBuilderPool'
    >
    return { api: { ...api, createIndexBuilderPool: node.createIndexBuilderPool } }
  } catch (e) {
    return { error: `bundling or importing src/index.ts failed: ${(e as Error).message.split('\n')[0]}` }
  }
}

const INDEX_OPTIONS = { fields: ['title', 'text'], idField: 'id', language: 'auto' }

/** A bench document as kavosh indexes it (the fields of INDEX_OPTIONS). */
const toDoc = (d: BenchDoc) => ({ id: d.id, title: d.title ?? '', text: d.text })

const KIND_OPTIONS: Record<QueryKind, object> = {
  keyword: {},
  phrase: {},
  prefix: { prefix: true },
  fuzzy: { fuzzy: true },
}

function wrap(index: KavoshSearchIndex): BuiltIndex & { kavosh: KavoshSearchIndex } {
  return {
    kavosh: index,
    search(query, kind, limit) {
      const q = kind === 'phrase' ? `"${query}"` : query
      const hits = index.search(q, { limit, ...KIND_OPTIONS[kind] })
      const n = Math.min(limit, hits.length)
      const ids = new Array<string>(n)
      for (let i = 0; i < n; i++) ids[i] = String(hits[i].id)
      return ids
    },
  }
}

/** Worker threads of the parallel build, besides the calling thread: the speed-up is reported for 2 cores. */
const PARALLEL_WORKERS = 1

/** kavosh/node's worker pool, started on first use and kept for the run. */
function parallelBuilder(api: KavoshApi): ParallelBuilder | undefined {
  const createPool = api.createIndexBuilderPool
  if (typeof createPool !== 'function') return undefined
  let pool: KavoshBuilderPool | undefined
  return {
    workers: PARALLEL_WORKERS,
    config: `createIndexBuilderPool({ workers: ${PARALLEL_WORKERS} }) from kavosh/node, kept for the run; pool.build(docs, options) (segments built on the worker and the calling thread, merged in order)`,
    async build(docs: readonly BenchDoc[], warmUp = false) {
      pool ??= createPool({ workers: PARALLEL_WORKERS })
      // Every build is split, even the small warm-up one, which goes to the workers alone so that it
      // reaches them.
      const documents = docs.map(toDoc)
      const build = { minDocumentsPerWorker: 1, callingThread: !warmUp }
      return wrap(await pool.build(documents, INDEX_OPTIONS, build))
    },
    async close() {
      await pool?.close()
      pool = undefined
    },
  }
}

/** The kavosh engine, or the reason it is skipped. */
export function kavoshEngine(api: KavoshApi, version: string): Engine | { skipped: string } {
  const SearchIndex = api.SearchIndex
  if (typeof SearchIndex !== 'function') return { skipped: 'SearchIndex is not exported by src/index.ts yet' }
  const analyze = api.analyze
  return {
    id: 'kavosh',
    library: 'kavosh',
    version,
    variant: 'default',
    config:
      "new SearchIndex({ fields: ['title','text'], idField: 'id', language: 'auto' }); phrase: query in double quotes; prefix: { prefix: true }; fuzzy: { fuzzy: true }",
    supports: { keyword: true, phrase: true, prefix: true, fuzzy: true, persistence: true },
    parallel: parallelBuilder(api),
    build(docs: readonly BenchDoc[]) {
      const index = new SearchIndex(INDEX_OPTIONS)
      index.addAll(docs.map(toDoc))
      return wrap(index)
    },
    addBatch(index, batch) {
      ;(index as ReturnType<typeof wrap>).kavosh.addAll(batch.map(toDoc))
    },
    save(index): SavedIndex {
      const bytes = (index as ReturnType<typeof wrap>).kavosh.save()
      return { bytes: bytes.byteLength, load: () => wrap(SearchIndex.load(bytes)) }
    },
    analyze: analyze ? (text) => analyze(text).length : undefined,
  }
}
