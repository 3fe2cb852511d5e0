/**
 * `kavosh/node`: Node-only helpers that need Node built-ins, kept out of the platform-neutral core.
 * Owns building an index on several cores with `worker_threads`: a pool of long-lived workers (started
 * once, reused by every build, so their code stays compiled), the documents cut into contiguous segments
 * of about equal text, each segment indexed by a worker and sent back as typed arrays whose buffers are
 * transferred (`toTransferable`: nothing is encoded or copied on the way), and the segments merged in
 * order on the calling thread (`SearchIndex.fromTransferable` of all of them: documents appended column
 * by column, postings copied once), so the result equals `addAll` over all documents. Must not: analyse
 * or index text itself.
 *
 * This module is also the workers' script: in a worker started by {@link createIndexBuilderPool} it
 * waits for segments to build.
 */
import { availableParallelism, cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import {
  DuplicateIdError,
  InvalidDocumentError,
  InvalidOptionsError,
  KavoshError,
  SearchIndex,
  type SearchIndexOptions,
  type TransferableIndex,
} from 'kavosh'

/** Options of {@link createIndexBuilderPool}. */
export interface IndexBuilderPoolOptions {
  /** Worker threads. Default: the number of cores (`os.availableParallelism()`). */
  workers?: number
}

/** Options of one parallel build. */
export interface ParallelBuildOptions {
  /**
   * Worker threads, when no `pool` is given (a pool is then started for this build and closed after it).
   * Default: the number of cores. With 1, or with fewer than 2 × `minDocumentsPerWorker` documents, the
   * index is built on the calling thread.
   */
  workers?: number
  /** Fewest documents worth a segment of their own. Default `256`. */
  minDocumentsPerWorker?: number
  /** A pool from {@link createIndexBuilderPool} to build on (it stays open). */
  pool?: IndexBuilderPool
}

/**
 * Worker threads that build index segments, kept between builds. Create one with
 * {@link createIndexBuilderPool}, build with it as often as needed, and `close()` it at the end (an idle
 * pool does not keep the process alive).
 */
export interface IndexBuilderPool {
  /** Number of worker threads. */
  readonly workers: number
  /**
   * Builds a `SearchIndex` over `documents` on the pool's workers: the same as
   * `new SearchIndex(options).addAll(documents)` (same documents in the same order, same search results).
   * Documents must be structured-cloneable (plain data). Rejects with the error `addAll` would throw
   * (`InvalidOptionsError`, `InvalidDocumentError`, `DuplicateIdError`). Builds may overlap; segments
   * wait for a free worker.
   */
  build<TDocument extends object>(
    documents: readonly TDocument[],
    options: SearchIndexOptions,
    build?: { minDocumentsPerWorker?: number },
  ): Promise<SearchIndex<TDocument>>
  /** Stops the workers. Builds still running reject; later ones throw `InvalidOptionsError`. */
  close(): Promise<void>
}

interface SegmentRequest {
  job: number
  options: SearchIndexOptions
  documents: readonly object[]
}

interface ReportedError {
  name: string
  message: string
  id?: string | number
}

type SegmentReply = { job: number; segment: TransferableIndex } | { job: number; error: ReportedError }

interface PoolWorkerData {
  kavoshIndexBuilder: true
}

interface Task {
  request: SegmentRequest
  resolve: (segment: TransferableIndex) => void
  reject: (error: Error) => void
}

const DEFAULT_MIN_DOCUMENTS = 256

/**
 * Starts a pool of worker threads for parallel index builds (see {@link IndexBuilderPool}). The workers
 * start now, so they are ready (and, after a first build, compiled) when documents arrive.
 *
 * @example
 * ```ts
 * import { createIndexBuilderPool } from 'kavosh/node'
 * const pool = createIndexBuilderPool({ workers: 4 })
 * const index = await pool.build(articles, { fields: ['title', 'body'] })
 * // … later builds reuse the same workers …
 * await pool.close()
 * ```
 */
export function createIndexBuilderPool(options: IndexBuilderPoolOptions = {}): IndexBuilderPool {
  const workers = options.workers ?? defaultWorkers()
  if (!Number.isInteger(workers) || workers < 1)
    throw new InvalidOptionsError('workers must be a positive integer')
  return new WorkerPool(workers)
}

/**
 * Builds a `SearchIndex` over `documents` on several cores: on `parallel.pool`, or on a pool of
 * `parallel.workers` threads started for this call and closed after it (repeated builds are faster on a
 * pool kept open). The result is the same as `new SearchIndex(options).addAll(documents)`; rejects with
 * the error `addAll` would throw (`InvalidOptionsError`, `InvalidDocumentError`, `DuplicateIdError`).
 *
 * @example
 * ```ts
 * import { buildIndexParallel } from 'kavosh/node'
 * const index = await buildIndexParallel(articles, { fields: ['title', 'body'] }, { workers: 4 })
 * ```
 */
export async function buildIndexParallel<TDocument extends object>(
  documents: readonly TDocument[],
  options: SearchIndexOptions,
  parallel: ParallelBuildOptions = {},
): Promise<SearchIndex<TDocument>> {
  const build = { minDocumentsPerWorker: parallel.minDocumentsPerWorker }
  if (parallel.pool !== undefined) return parallel.pool.build(documents, options, build)
  new SearchIndex(options) // invalid options throw before any worker starts
  checkDocuments(documents)
  const workers = parallel.workers ?? defaultWorkers()
  if (!Number.isInteger(workers) || workers < 1)
    throw new InvalidOptionsError('workers must be a positive integer')
  if (segmentCount(documents.length, workers, build.minDocumentsPerWorker) === 1) {
    return buildHere(documents, options)
  }
  const pool = new WorkerPool(segmentCount(documents.length, workers, build.minDocumentsPerWorker))
  try {
    return await pool.build(documents, options, build)
  } finally {
    await pool.close()
  }
}

class WorkerPool implements IndexBuilderPool {
  private readonly idle: Worker[] = []
  private readonly running = new Map<Worker, Task>()
  private readonly queue: Task[] = []
  private nextJob = 0
  private closed = false

  constructor(readonly workers: number) {
    for (let w = 0; w < workers; w++) this.idle.push(this.startWorker())
  }

  async build<TDocument extends object>(
    documents: readonly TDocument[],
    options: SearchIndexOptions,
    build: { minDocumentsPerWorker?: number } = {},
  ): Promise<SearchIndex<TDocument>> {
    if (this.closed) throw new InvalidOptionsError('this index builder pool is closed')
    new SearchIndex(options) // invalid options throw before any work
    checkDocuments(documents)
    const count = segmentCount(documents.length, this.workers, build.minDocumentsPerWorker)
    if (count === 1) return buildHere(documents, options)
    const segments = splitSegments(documents, count)
    const settled = await Promise.allSettled(segments.map((segment) => this.run(options, segment)))
    // The error addAll would throw: it checks every document before it looks for repeated ids.
    const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []))
    if (failures.length > 0)
      throw failures.find((error) => error instanceof InvalidDocumentError) ?? failures[0]
    const built = settled.map((outcome) => (outcome as PromiseFulfilledResult<TransferableIndex>).value)
    return SearchIndex.fromTransferable<TDocument>(built)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const error = new InvalidOptionsError('the index builder pool was closed')
    for (const task of this.queue.splice(0)) task.reject(error)
    for (const task of this.running.values()) task.reject(error)
    const all = [...this.idle, ...this.running.keys()]
    this.idle.length = 0
    this.running.clear()
    await Promise.all(all.map((worker) => worker.terminate()))
  }

  private run(options: SearchIndexOptions, documents: readonly object[]): Promise<TransferableIndex> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { job: this.nextJob++, options, documents }, resolve, reject })
      this.dispatch()
    })
  }

  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let worker = this.idle.pop()
      if (worker === undefined) {
        if (this.running.size + this.idle.length >= this.workers) return
        worker = this.startWorker()
      }
      const task = this.queue.shift()!
      try {
        worker.postMessage(task.request)
      } catch (error) {
        // Documents that cannot be cloned to another thread (functions, class instances with private state).
        this.idle.push(worker)
        task.reject(
          new InvalidDocumentError(
            `documents must be plain data to go to a worker: ${(error as Error).message}`,
          ),
        )
        continue
      }
      this.running.set(worker, task)
      worker.ref() // a build in progress keeps the process alive; an idle pool does not
    }
  }

  private startWorker(): Worker {
    const data: PoolWorkerData = { kavoshIndexBuilder: true }
    const worker = workerUrl.endsWith('.ts')
      ? // Run from the TypeScript sources (tests, benchmark): the worker loads this file through tsx.
        new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}) })`,
          { eval: true, workerData: data, execArgv: [] },
        )
      : new Worker(fileURLToPath(workerUrl), { workerData: data })
    worker.unref()
    worker.on('message', (reply: SegmentReply) => {
      const task = this.running.get(worker)
      if (task === undefined || task.request.job !== reply.job) return
      this.running.delete(worker)
      worker.unref()
      if (!this.closed) this.idle.push(worker)
      if ('segment' in reply) task.resolve(reply.segment)
      else task.reject(reviveError(reply.error))
      this.dispatch()
    })
    const fail = (error: Error) => {
      const task = this.running.get(worker)
      this.running.delete(worker)
      const at = this.idle.indexOf(worker)
      if (at >= 0) this.idle.splice(at, 1)
      task?.reject(error)
      this.dispatch() // a replacement starts for queued segments
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`kavosh index builder worker exited with code ${code}`))
    })
    return worker
  }
}

function defaultWorkers(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length
}

function checkDocuments(documents: unknown): void {
  if (!Array.isArray(documents))
    throw new InvalidDocumentError('a parallel build expects an array of documents')
}

/** Segments to cut `documents` documents into: one per worker, each of at least `minimum` documents. */
function segmentCount(documents: number, workers: number, minimum = DEFAULT_MIN_DOCUMENTS): number {
  if (!(minimum >= 1)) throw new InvalidOptionsError('minDocumentsPerWorker must be at least 1')
  return Math.min(workers, Math.max(1, Math.floor(documents / minimum)))
}

function buildHere<TDocument extends object>(
  documents: readonly TDocument[],
  options: SearchIndexOptions,
): SearchIndex<TDocument> {
  const index = new SearchIndex<TDocument>(options)
  index.addAll(documents)
  return index
}

/** Contiguous segments of about equal text size (text dominates build time). */
function splitSegments<T>(documents: readonly T[], count: number): T[][] {
  const sizes = documents.map(approximateSize)
  const total = sizes.reduce((sum, size) => sum + size, 0)
  const segments: T[][] = []
  let from = 0
  let done = 0
  for (let s = 0; s < count; s++) {
    const target = (total * (s + 1)) / count
    let to = from
    if (s === count - 1) to = documents.length
    else {
      while (to < documents.length && (done + sizes[to] <= target || to === from)) done += sizes[to++]
    }
    segments.push(documents.slice(from, to))
    from = to
  }
  return segments.filter((segment) => segment.length > 0)
}

function approximateSize(document: unknown): number {
  if (document === null || typeof document !== 'object') return 1
  let size = 1
  for (const value of Object.values(document)) if (typeof value === 'string') size += value.length
  return size
}

const workerUrl = import.meta.url

/** The typed kavosh error a worker reported (errors lose their class between threads). */
function reviveError(error: ReportedError): Error {
  switch (error.name) {
    case 'InvalidDocumentError':
      return new InvalidDocumentError(error.message)
    case 'InvalidOptionsError':
      return new InvalidOptionsError(error.message)
    case 'DuplicateIdError':
      return new DuplicateIdError(error.id ?? '')
    default: {
      const revived = new Error(error.message)
      revived.name = error.name
      return revived
    }
  }
}

/** In a pool worker: builds each requested segment and sends it back with its buffers transferred. */
function serveSegments(): void {
  parentPort!.on('message', (request: SegmentRequest) => {
    let reply: SegmentReply
    let transfer: ArrayBuffer[] = []
    try {
      const index = new SearchIndex(request.options)
      index.addAll(request.documents)
      const { data, transfer: buffers } = index.toTransferable()
      reply = { job: request.job, segment: data }
      transfer = buffers
    } catch (error) {
      if (error instanceof DuplicateIdError)
        reply = { job: request.job, error: { name: error.name, message: error.message, id: error.id } }
      else if (error instanceof KavoshError || error instanceof Error)
        reply = { job: request.job, error: { name: error.name, message: error.message } }
      else reply = { job: request.job, error: { name: 'Error', message: String(error) } }
    }
    parentPort!.postMessage(reply, transfer)
  })
}

if (!isMainThread && (workerData as Partial<PoolWorkerData> | null)?.kavoshIndexBuilder === true) {
  serveSegments()
}
