/**
 * `kavosh/node`: Node-only helpers that need Node built-ins, kept out of the platform-neutral core.
 * Owns building an index on several cores with `worker_threads`: the documents are cut into contiguous
 * segments, each worker builds a `SearchIndex` over its segment and sends it back as transferable data
 * (`toTransferable`: its buffers move, nothing is encoded), and the main thread takes the first segment as
 * the result and appends the others in order (`SearchIndex.addIndex`), so the result equals `addAll` over
 * all documents. Must not: analyse or index text itself.
 *
 * This module is also the worker's script: in a worker started by {@link buildIndexParallel} it builds
 * its segment and exits.
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

/** Options of {@link buildIndexParallel}. */
export interface ParallelBuildOptions {
  /**
   * Worker threads to build segments in. Default: the number of cores (`os.availableParallelism()`).
   * With 1, or with fewer than 2 × `minDocumentsPerWorker` documents, the index is built on the calling
   * thread.
   */
  workers?: number
  /** Fewest documents worth a worker of their own. Default `256`. */
  minDocumentsPerWorker?: number
}

interface SegmentRequest {
  kavoshSegment: true
  options: SearchIndexOptions
  documents: readonly object[]
}

interface ReportedError {
  name: string
  message: string
  id?: string | number
}

type SegmentReply = { segment: TransferableIndex } | { error: ReportedError }

/**
 * Builds a `SearchIndex` over `documents` on several cores. The result is the same as
 * `new SearchIndex(options).addAll(documents)` (same documents in the same order, same search results);
 * documents must be structured-cloneable (plain data). Rejects with the error `addAll` would throw
 * (`InvalidOptionsError`, `InvalidDocumentError`, `DuplicateIdError`).
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
  const index = new SearchIndex<TDocument>(options) // validates the options
  if (!Array.isArray(documents)) throw new InvalidDocumentError('buildIndexParallel expects an array')
  const requested = parallel.workers ?? defaultWorkers()
  if (!Number.isInteger(requested) || requested < 1)
    throw new InvalidOptionsError('workers must be a positive integer')
  const minimum = parallel.minDocumentsPerWorker ?? 256
  if (!(minimum >= 1)) throw new InvalidOptionsError('minDocumentsPerWorker must be at least 1')
  const workers = Math.min(requested, Math.max(1, Math.floor(documents.length / minimum)))
  if (workers === 1) {
    index.addAll(documents)
    return index
  }
  const segments = splitSegments(documents, workers)
  const built = await Promise.all(segments.map((segment) => buildSegment(options, segment)))
  // The first segment is the result; the others are appended to it in order.
  const result = SearchIndex.fromTransferable<TDocument>(built[0]!)
  for (let s = 1; s < built.length; s++) result.addIndex(SearchIndex.fromTransferable<TDocument>(built[s]!))
  return result
}

function defaultWorkers(): number {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length
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

function buildSegment(options: SearchIndexOptions, documents: readonly object[]): Promise<TransferableIndex> {
  return new Promise((resolve, reject) => {
    const request: SegmentRequest = { kavoshSegment: true, options, documents }
    const worker = new Worker(fileURLToPath(workerUrl), { workerData: request })
    let settled = false
    worker.once('message', (reply: SegmentReply) => {
      settled = true
      if ('segment' in reply) resolve(reply.segment)
      else reject(reviveError(reply.error))
    })
    worker.once('error', (error) => {
      settled = true
      reject(error)
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`kavosh segment worker exited with code ${code}`))
    })
  })
}

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

function runSegmentWorker(request: SegmentRequest): void {
  let reply: SegmentReply
  let transfer: ArrayBuffer[] = []
  try {
    const index = new SearchIndex(request.options)
    index.addAll(request.documents)
    const { data, transfer: buffers } = index.toTransferable()
    reply = { segment: data }
    transfer = buffers
  } catch (error) {
    if (error instanceof DuplicateIdError)
      reply = { error: { name: error.name, message: error.message, id: error.id } }
    else if (error instanceof KavoshError || error instanceof Error)
      reply = { error: { name: error.name, message: error.message } }
    else reply = { error: { name: 'Error', message: String(error) } }
  }
  parentPort!.postMessage(reply, transfer)
}

if (!isMainThread && (workerData as Partial<SegmentRequest> | null)?.kavoshSegment === true) {
  runSegmentWorker(workerData as SegmentRequest)
}
