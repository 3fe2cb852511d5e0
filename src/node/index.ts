/**
 * `kavosh/node`: Node-only helpers that need Node built-ins, kept out of the platform-neutral core.
 * Owns building an index on several cores with `worker_threads`: a pool of long-lived workers (started
 * once, reused by every build, so their code stays compiled), the documents cut into contiguous segments
 * of about equal text (several per thread), each segment indexed by whichever thread is free (a worker,
 * or the calling thread between its yields to the event loop), a worker's sent back as typed arrays whose
 * buffers are transferred (`toTransferable`: nothing is encoded or copied on the way), and the segments
 * merged in order on the calling thread (`SearchIndex.fromTransferable` of all of them: documents appended
 * column by column, postings copied once), so the result equals `addAll` over all documents. The documents
 * are first read on the calling thread as `addAll` reads them, into plain data (structured clone would
 * drop getters, prototypes and `toJSON`). Must not: analyse or index text itself.
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
  /**
   * Worker threads. Default: one less than the number of cores (`os.availableParallelism()`), at least 1:
   * the calling thread builds too (see {@link ParallelBuildOptions.callingThread}).
   */
  workers?: number
}

/** Options of one parallel build. */
export interface ParallelBuildOptions {
  /**
   * Worker threads, when no `pool` is given (a pool is then started for this build and closed after it).
   * Default: one less than the number of cores, at least 1 (with `callingThread: false`, the number of
   * cores). With fewer than 2 × `minDocumentsPerWorker` documents, the index is built on the calling thread.
   */
  workers?: number
  /** Fewest documents worth a segment of their own (a share one thread builds at a time). Default `256`. */
  minDocumentsPerWorker?: number
  /** A pool from {@link createIndexBuilderPool} to build on (it stays open). */
  pool?: IndexBuilderPool
  /**
   * Whether the calling thread builds segments too, between the workers' (default `true`). It yields to its
   * event loop after each segment, so it is blocked for one segment at a time (a few tens of milliseconds
   * with the default segment size). `false` leaves all building to the workers and the event loop free,
   * for a server that answers requests during a rebuild; the build then takes longer.
   */
  callingThread?: boolean
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
   * Builds a `SearchIndex` over `documents` on the pool's workers and, unless `callingThread` is false,
   * the calling thread: the same as `new SearchIndex(options).addAll(documents)` (same documents in the
   * same order, same search results, same saved bytes), for any documents `addAll` accepts. They are read
   * on the calling thread first, as `addAll` reads them (id, indexed and stored fields, `languageField`;
   * getters and class instances too, stored values in their stored form, after any `toJSON`), and only
   * that plain data goes to the workers. Rejects with the error `addAll` would throw
   * (`InvalidOptionsError`, `InvalidDocumentError`, `DuplicateIdError`), before any segment is built.
   * Builds may overlap; segments wait for a free worker.
   */
  build<TDocument extends object>(
    documents: readonly TDocument[],
    options: SearchIndexOptions,
    build?: { minDocumentsPerWorker?: number; callingThread?: boolean },
  ): Promise<SearchIndex<TDocument>>
  /** Stops the workers. Builds still running reject; later ones throw `InvalidOptionsError`. */
  close(): Promise<void>
}

interface SegmentRequest {
  job: number
  options: SearchIndexOptions
  documents: readonly object[]
  /**
   * One flag per segment of the build, shared with the calling thread: a worker builds a segment only if
   * it sets the flag first (a calling thread left without work takes back the segments still queued).
   */
  claims: Int32Array
  segment: number
}

interface ReportedError {
  name: string
  message: string
  id?: string | number
}

type SegmentReply = { job: number; segment: TransferableIndex | null } | { job: number; error: ReportedError }

interface PoolWorkerData {
  kavoshIndexBuilder: true
}

interface Task {
  request: SegmentRequest
  /** With null when the calling thread claimed the segment first. */
  resolve: (segment: TransferableIndex | null) => void
  reject: (error: Error) => void
}

const DEFAULT_MIN_DOCUMENTS = 256

/**
 * Segments per building thread: small enough that a slower thread (a worker whose code is still cold, a
 * core shared with other work) takes fewer of them and all finish together, large enough that the
 * per-segment costs (a message each way, an index of its own to fill and merge) stay small. (The analysis
 * caches are not filled again for each: a thread keeps them warm across its segments.)
 */
const SEGMENTS_PER_THREAD = 6

/**
 * Segments a worker holds at once: while the calling thread builds one itself it does not hand out the
 * next, so each worker keeps a second one queued and is not left waiting.
 */
const WORKER_QUEUE_DEPTH = 2

/**
 * How long a worker keeps its analysis caches after its last segment: long enough to span the gap until
 * the next segment of the same build arrives, short enough that an idle pool does not hold them.
 */
const WORKER_IDLE_RELEASE_MS = 200

/**
 * Starts a pool of worker threads for parallel index builds (see {@link IndexBuilderPool}). The workers
 * start now, so they are ready (and, after a first build, compiled) when documents arrive.
 *
 * @example
 * ```ts
 * import { createIndexBuilderPool } from 'kavosh/node'
 * const pool = createIndexBuilderPool({ workers: 3 })
 * const index = await pool.build(articles, { fields: ['title', 'body'] })
 * // … later builds reuse the same workers …
 * await pool.close()
 * ```
 */
export function createIndexBuilderPool(options: IndexBuilderPoolOptions = {}): IndexBuilderPool {
  const workers = options.workers ?? defaultWorkers(true)
  if (!Number.isInteger(workers) || workers < 1)
    throw new InvalidOptionsError('workers must be a positive integer')
  return new WorkerPool(workers)
}

/**
 * Builds a `SearchIndex` over `documents` on several cores: on `parallel.pool`, or on a pool of
 * `parallel.workers` threads started for this call and closed after it (repeated builds are faster on a
 * pool kept open), and on the calling thread unless `parallel.callingThread` is false. The result is the
 * same as `new SearchIndex(options).addAll(documents)`; rejects with the error `addAll` would throw
 * (`InvalidOptionsError`, `InvalidDocumentError`, `DuplicateIdError`).
 *
 * @example
 * ```ts
 * import { buildIndexParallel } from 'kavosh/node'
 * const index = await buildIndexParallel(articles, { fields: ['title', 'body'] }, { workers: 3 })
 * ```
 */
export async function buildIndexParallel<TDocument extends object>(
  documents: readonly TDocument[],
  options: SearchIndexOptions,
  parallel: ParallelBuildOptions = {},
): Promise<SearchIndex<TDocument>> {
  const build = {
    minDocumentsPerWorker: parallel.minDocumentsPerWorker,
    callingThread: parallel.callingThread,
  }
  if (parallel.pool !== undefined) return parallel.pool.build(documents, options, build)
  new SearchIndex(options) // invalid options throw before any worker starts
  checkDocuments(documents)
  const callingThread = callingThreadBuilds(build.callingThread)
  const workers = parallel.workers ?? defaultWorkers(callingThread)
  if (!Number.isInteger(workers) || workers < 1)
    throw new InvalidOptionsError('workers must be a positive integer')
  const segments = segmentCount(
    documents.length,
    workers + (callingThread ? 1 : 0),
    build.minDocumentsPerWorker,
  )
  if (segments === 1) return buildHere(documents, options)
  const pool = new WorkerPool(Math.min(workers, segments))
  try {
    return await pool.build(documents, options, build)
  } finally {
    await pool.close()
  }
}

class WorkerPool implements IndexBuilderPool {
  /** Each worker's segments, in the order it builds them (at most {@link WORKER_QUEUE_DEPTH}). */
  private readonly assigned = new Map<Worker, Task[]>()
  private readonly queue: Task[] = []
  private nextJob = 0
  private closed = false

  constructor(readonly workers: number) {
    for (let w = 0; w < workers; w++) this.assigned.set(this.startWorker(), [])
  }

  async build<TDocument extends object>(
    documents: readonly TDocument[],
    options: SearchIndexOptions,
    build: { minDocumentsPerWorker?: number; callingThread?: boolean } = {},
  ): Promise<SearchIndex<TDocument>> {
    if (this.closed) throw new InvalidOptionsError('this index builder pool is closed')
    new SearchIndex(options) // invalid options throw before any work
    checkDocuments(documents)
    const callingThread = callingThreadBuilds(build.callingThread)
    const threads = this.workers + (callingThread ? 1 : 0)
    const count = segmentCount(documents.length, threads, build.minDocumentsPerWorker)
    if (count === 1) return buildHere(documents, options)
    // Read as addAll reads them, here: what a worker receives is a structured clone, which keeps own data
    // properties only (no getters, no prototypes, no toJSON). Invalid documents and repeated ids throw now.
    const segments = splitSegments(plainDocuments(documents, options), count)
    // Segments are handed out in order, to whichever thread is free; each is merged at its own place. The
    // thread that claims a segment (sets its flag) builds it: a segment queued on a worker is taken back by
    // the calling thread when it has nothing else left, so that it does not wait for the queue's tail.
    const claims = new Int32Array(new SharedArrayBuffer(4 * segments.length))
    const outcomes: PromiseSettledResult<TransferableIndex>[] = new Array(segments.length)
    const running: Promise<void>[] = []
    let next = 0
    let onWorkers = 0
    const handOut = (): void => {
      while (next < segments.length && onWorkers < this.workers * WORKER_QUEUE_DEPTH) {
        const s = next++
        onWorkers++
        running.push(
          this.run(options, segments[s], claims, s)
            .then(
              (segment) => {
                if (segment !== null) outcomes[s] = { status: 'fulfilled', value: segment }
              },
              (error: Error) => {
                // Not sent, or the pool closed or its worker failed; a segment the calling thread took
                // back and built keeps its index.
                if (outcomes[s] === undefined) outcomes[s] = { status: 'rejected', reason: error }
              },
            )
            .finally(() => {
              onWorkers--
              if (!this.closed) handOut()
            }),
        )
      }
    }
    handOut()
    if (callingThread) {
      const buildSegment = (s: number): void => {
        try {
          const index = buildHere(segments[s], options)
          outcomes[s] = { status: 'fulfilled', value: index.toTransferable().data }
        } catch (error) {
          outcomes[s] = { status: 'rejected', reason: error }
        }
      }
      // The analysis caches are filled once for all the segments built here, not once for each.
      const releaseCaches = holdAnalysisCaches()
      try {
        while (next < segments.length && !this.closed) {
          const s = next++
          Atomics.store(claims, s, 1) // never sent to a worker
          buildSegment(s)
          await yieldToEventLoop() // the workers' replies are read, and the next segments sent, here
        }
        // Then the segments still queued on workers, last first (the ones furthest from being started).
        // After a yield at least, so that segments which could not be sent have been marked as failed.
        await yieldToEventLoop()
        for (let s = segments.length - 1; s >= 0 && !this.closed; s--) {
          if (outcomes[s] === undefined && Atomics.compareExchange(claims, s, 0, 1) === 0) buildSegment(s)
        }
      } finally {
        releaseCaches()
      }
    }
    // Settled segments hand out the next ones (above) until none is left.
    for (let done = 0; done < running.length; done++) await running[done]
    // A pool closed during the build leaves segments unbuilt.
    for (let s = 0; s < segments.length; s++) {
      if (outcomes[s] === undefined) throw new InvalidOptionsError('the index builder pool was closed')
    }
    // The error addAll would throw: it checks every document before it looks for repeated ids.
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []))
    if (failures.length > 0)
      throw failures.find((error) => error instanceof InvalidDocumentError) ?? failures[0]
    const built = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<TransferableIndex>).value)
    return SearchIndex.fromTransferable<TDocument>(built)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    const error = new InvalidOptionsError('the index builder pool was closed')
    for (const task of this.queue.splice(0)) task.reject(error)
    const all = [...this.assigned.keys()]
    for (const tasks of this.assigned.values()) for (const task of tasks.splice(0)) task.reject(error)
    this.assigned.clear()
    await Promise.all(all.map((worker) => worker.terminate()))
  }

  private run(
    options: SearchIndexOptions,
    documents: readonly object[],
    claims: Int32Array,
    segment: number,
  ): Promise<TransferableIndex | null> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new InvalidOptionsError('the index builder pool was closed'))
        return
      }
      const request = { job: this.nextJob++, options, documents, claims, segment }
      this.queue.push({ request, resolve, reject })
      this.dispatch()
    })
  }

  /** Sends queued segments to the least busy workers, up to {@link WORKER_QUEUE_DEPTH} each. */
  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      while (this.assigned.size < this.workers) this.assigned.set(this.startWorker(), []) // replacements
      let worker: Worker | undefined
      let fewest = WORKER_QUEUE_DEPTH
      for (const [candidate, tasks] of this.assigned) {
        if (tasks.length < fewest) {
          fewest = tasks.length
          worker = candidate
        }
      }
      if (worker === undefined) return
      const task = this.queue.shift()!
      try {
        worker.postMessage(task.request)
      } catch (error) {
        // Not expected: the documents are plain data by now (plainDocuments).
        task.reject(
          new InvalidDocumentError(
            `documents must be plain data to go to a worker: ${(error as Error).message}`,
          ),
        )
        continue
      }
      this.assigned.get(worker)!.push(task)
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
    worker.on('message', (reply: SegmentReply) => {
      const tasks = this.assigned.get(worker)
      const at = tasks === undefined ? -1 : tasks.findIndex((task) => task.request.job === reply.job)
      if (at < 0) return
      const [task] = tasks!.splice(at, 1)
      if (tasks!.length === 0) worker.unref()
      if ('segment' in reply) task.resolve(reply.segment)
      else task.reject(reviveError(reply.error))
      this.dispatch()
    })
    const fail = (error: Error) => {
      const tasks = this.assigned.get(worker)
      this.assigned.delete(worker)
      for (const task of tasks ?? []) task.reject(error)
      this.dispatch() // a replacement starts for queued segments
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`kavosh index builder worker exited with code ${code}`))
    })
    // Idle until a segment is sent (dispatch refs it while it has some). After the 'message' listener: adding
    // that listener refs the worker's message port again, and a worker that never got a segment then kept
    // the process alive.
    worker.unref()
    return worker
  }
}

/**
 * Keeps the analysis caches warm through the segments this thread builds, until the returned function is
 * called: the static that `SearchIndex` keeps under a registered symbol for this module (the caches
 * belong to the core's analyzer, which this separately bundled entry cannot import). A core without it
 * (never, in one package) costs only the speed.
 */
function holdAnalysisCaches(): () => void {
  const hold = (SearchIndex as unknown as Record<symbol, unknown>)[Symbol.for('kavosh.holdAnalysisCaches')]
  return typeof hold === 'function' ? (hold as () => () => void)() : () => {}
}

/**
 * `documents` as `addAll` reads them, as plain data that a structured clone keeps whole (the static that
 * `SearchIndex` keeps under a registered symbol for this module; see {@link holdAnalysisCaches}). Throws
 * what `new SearchIndex(options).addAll(documents)` would throw.
 */
function plainDocuments(documents: readonly object[], options: SearchIndexOptions): object[] {
  const plain = (SearchIndex as unknown as Record<symbol, unknown>)[Symbol.for('kavosh.plainDocuments')]
  if (typeof plain !== 'function') throw new Error('kavosh/node needs the kavosh core of its own version')
  return (plain as (options: SearchIndexOptions, documents: readonly object[]) => object[])(
    options,
    documents,
  )
}

/** Worker threads by default: one per core, less the calling thread's when it builds too. */
function defaultWorkers(callingThread: boolean): number {
  const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length
  return Math.max(1, callingThread ? cores - 1 : cores)
}

function callingThreadBuilds(option: unknown): boolean {
  if (option !== undefined && typeof option !== 'boolean')
    throw new InvalidOptionsError('callingThread must be a boolean')
  return option !== false
}

/** Lets the event loop run (worker replies, timers) between two segments built on the calling thread. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function checkDocuments(documents: unknown): void {
  if (!Array.isArray(documents))
    throw new InvalidDocumentError('a parallel build expects an array of documents')
}

/**
 * Segments to cut `documents` documents into: {@link SEGMENTS_PER_THREAD} per building thread, each of at
 * least `minimum` documents; 1 (build on the calling thread) when fewer than two would be worth it.
 */
function segmentCount(documents: number, threads: number, minimum = DEFAULT_MIN_DOCUMENTS): number {
  if (!(minimum >= 1)) throw new InvalidOptionsError('minDocumentsPerWorker must be at least 1')
  return Math.min(threads * SEGMENTS_PER_THREAD, Math.max(1, Math.floor(documents / minimum)))
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

/**
 * In a pool worker: builds each requested segment it can claim and sends it back with its buffers
 * transferred.
 */
function serveSegments(): void {
  // The analysis caches stay warm from one segment to the next while segments keep coming, and are released
  // once the worker has had none for WORKER_IDLE_RELEASE_MS (an idle pool keeps no vocabulary alive).
  let releaseCaches: (() => void) | null = null
  let idle: ReturnType<typeof setTimeout> | undefined
  const releaseWhenIdle = (): void => {
    releaseCaches?.()
    releaseCaches = null
  }
  parentPort!.on('message', (request: SegmentRequest) => {
    let reply: SegmentReply
    let transfer: ArrayBuffer[] = []
    if (Atomics.compareExchange(request.claims, request.segment, 0, 1) !== 0) {
      parentPort!.postMessage({ job: request.job, segment: null } satisfies SegmentReply) // built there
      return
    }
    clearTimeout(idle)
    releaseCaches ??= holdAnalysisCaches()
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
    idle = setTimeout(releaseWhenIdle, WORKER_IDLE_RELEASE_MS)
  })
}

if (!isMainThread && (workerData as Partial<PoolWorkerData> | null)?.kavoshIndexBuilder === true) {
  serveSegments()
}
