import { spawn } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { internedCount } from '../../src/analysis/tokenize'
import {
  DuplicateIdError,
  InvalidDocumentError,
  InvalidOptionsError,
  SearchIndex,
  type SearchIndexOptions,
} from '../../src/index'
import { buildIndexParallel, createIndexBuilderPool } from '../../src/node/index'
import { VOCABULARY } from '../search-index/helpers'

// kavosh/node on real worker threads (started through tsx, from the sources). Deliberately small: each
// worker compiles the library once.

const documents = Array.from({ length: 900 }, (_, id) => ({
  id: id % 3 === 0 ? id : `d${id}`,
  title: VOCABULARY[id % 17],
  body: Array.from({ length: 15 }, (_, k) => VOCABULARY[(id * 11 + k * 7) % VOCABULARY.length]).join(' '),
  date: new Date(1_700_000_000_000 + id * 3_600_000),
}))
const options = { fields: ['title', 'body'], storeFields: ['title', 'date'] }
const queries = [VOCABULARY[0], `${VOCABULARY[2]} ${VOCABULARY[9]}`, `"${VOCABULARY[4]} ${VOCABULARY[1]}"`]

function sequential(docs: readonly object[]): SearchIndex {
  const index = new SearchIndex(options)
  index.addAll(docs)
  return index
}

function sequentialWith(opts: SearchIndexOptions, docs: readonly object[]): SearchIndex {
  const index = new SearchIndex(opts)
  index.addAll(docs)
  return index
}

function catchError(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}

function answers(index: SearchIndex) {
  return queries.flatMap((q) => [
    index.search(q, { limit: 100 }),
    index.search(q.slice(0, 2), { prefix: true, limit: 30 }),
    index.search(q, { fuzzy: 1, limit: 30 }),
  ])
}

describe('parallel build on a worker pool', () => {
  const pool = createIndexBuilderPool({ workers: 2 })
  afterAll(() => pool.close())

  it('equals addAll: same results, same saved bytes; the pool is reused by later builds', async () => {
    const expected = sequential(documents)
    for (let round = 0; round < 2; round++) {
      const index = await pool.build(documents, options, { minDocumentsPerWorker: 100 })
      expect(index).toBeInstanceOf(SearchIndex)
      expect(index.size).toBe(documents.length)
      expect(answers(index)).toEqual(answers(expected))
      expect(index.getStoredFields(300)).toEqual(expected.getStoredFields(300))
      expect(index.save()).toEqual(expected.save())
    }
    // Segments built by the workers alone, or also by this thread (and taken back from a worker's queue),
    // merge into the same bytes.
    for (const callingThread of [false, true]) {
      const index = await pool.build(documents, options, { minDocumentsPerWorker: 20, callingThread })
      expect(index.save()).toEqual(expected.save())
    }
    // Overlapping builds share the workers.
    const [a, b] = await Promise.all([
      pool.build(documents.slice(0, 600), options, { minDocumentsPerWorker: 50 }),
      pool.build(documents.slice(300), options, { minDocumentsPerWorker: 50 }),
    ])
    expect(a.save()).toEqual(sequential(documents.slice(0, 600)).save())
    expect(b.save()).toEqual(sequential(documents.slice(300)).save())
  })

  it('keeps the analysis caches warm across segments, whatever options come next, and releases them', async () => {
    // Each thread fills its caches once per build (the workers: while segments keep coming), so segments
    // analysed after others, with other analysis options too, must give the bytes of a cold build.
    for (const variant of [{}, { stem: false }, { stopWords: false }, { language: 'ar' as const }, {}]) {
      const opts = { ...options, ...variant }
      const index = await pool.build(documents, opts, { minDocumentsPerWorker: 40 })
      // The calling thread let go of its caches when its segments were done.
      expect(internedCount()).toBe(0)
      const expected = new SearchIndex(opts)
      expected.addAll(documents)
      expect(index.save()).toEqual(expected.save())
    }
  })

  it('rejects like addAll (bad documents before repeated ids) and keeps working after', async () => {
    const invalid = [...documents.slice(0, 400), { id: 'x', body: 5n }]
    await expect(pool.build(invalid, options, { minDocumentsPerWorker: 100 })).rejects.toThrow(
      InvalidDocumentError,
    )
    const repeated = [...documents.slice(0, 400), { id: 3, body: 'x' }]
    await expect(pool.build(repeated, options, { minDocumentsPerWorker: 100 })).rejects.toThrow(
      DuplicateIdError,
    )
    const both = [{ id: 3, body: 'x' }, ...documents.slice(0, 400), { id: 'y', body: {} }]
    await expect(pool.build(both, options, { minDocumentsPerWorker: 100 })).rejects.toThrow(
      InvalidDocumentError,
    )
    await expect(pool.build(documents, { fields: [] }, {})).rejects.toThrow(InvalidOptionsError)
    // A value addAll rejects in a stored field, on whichever thread its segment would have been built.
    const unstorable = documents.slice(0, 400).map((d, i) => (i === 250 ? { ...d, title: new Map() } : d))
    for (const minDocumentsPerWorker of [100, 20]) {
      const error = await pool.build(unstorable, options, { minDocumentsPerWorker }).catch((e: Error) => e)
      expect(error).toBeInstanceOf(InvalidDocumentError)
      expect((error as Error).message).toBe(catchError(() => sequential(unstorable)).message)
    }
    const index = await pool.build(documents.slice(0, 400), options, { minDocumentsPerWorker: 100 })
    expect(index.save()).toEqual(sequential(documents.slice(0, 400)).save())
  })

  it('reads documents as addAll does: class instances with getters, toJSON, properties it does not read', async () => {
    // A structured clone to a worker keeps own data properties only: the getter, the toJSON and the
    // function below would be lost or refused there; addAll reads the getter, stores the toJSON result
    // and ignores what it does not read.
    class Price {
      constructor(readonly amount: number) {}
      toJSON() {
        return `${this.amount} ریال`
      }
    }
    class Article {
      constructor(
        readonly id: string | number,
        private readonly raw: string,
        readonly date: Date,
      ) {}
      get body() {
        return this.raw
      }
      get title() {
        return { price: new Price(this.raw.length), at: this.date } // stored only (not indexed below)
      }
      render() {
        return this.raw
      }
    }
    const articles = documents.slice(0, 600).map((d) => new Article(d.id, d.body, d.date))
    const articleOptions = { fields: ['body'], storeFields: ['title', 'date'] }
    const expected = new SearchIndex(articleOptions)
    expected.addAll(articles)
    const extra = documents
      .slice(0, 600)
      .map((d) => ({ ...d, price: new Price(1000), render: () => d.title }))
    const extraOptions = { ...options, storeFields: [...options.storeFields, 'price'] }
    for (const minDocumentsPerWorker of [50, 20]) {
      for (const callingThread of [true, false]) {
        const built = await pool.build(articles, articleOptions, { minDocumentsPerWorker, callingThread })
        expect(built.save()).toEqual(expected.save())
        expect(built.getStoredFields(599)).toEqual(expected.getStoredFields(599))
        const withExtra = await pool.build(extra, extraOptions, { minDocumentsPerWorker, callingThread })
        expect(withExtra.save()).toEqual(sequentialWith(extraOptions, extra).save())
      }
    }
    // Rejected as addAll rejects them, with the same message.
    const broken = articles.map((a, i) =>
      i === 450 ? new Article(a.id, 5n as unknown as string, a.date) : a,
    )
    const error = await pool
      .build(broken, articleOptions, { minDocumentsPerWorker: 50 })
      .catch((e: Error) => e)
    expect(error).toBeInstanceOf(InvalidDocumentError)
    expect((error as Error).message).toBe(catchError(() => sequentialWith(articleOptions, broken)).message)
  })

  it('buildIndexParallel: a pool of its own for one call, or the given pool; small inputs stay on this thread', async () => {
    const own = await buildIndexParallel(documents, options, { workers: 2, minDocumentsPerWorker: 100 })
    expect(own.save()).toEqual(sequential(documents).save())
    const shared = await buildIndexParallel(documents, options, { pool, minDocumentsPerWorker: 100 })
    expect(shared.save()).toEqual(own.save())
    const small = await buildIndexParallel(documents.slice(0, 10), options, { workers: 2 })
    expect(small.size).toBe(10)
    const onWorkers = await buildIndexParallel(documents, options, {
      workers: 1,
      callingThread: false,
      minDocumentsPerWorker: 100,
    })
    expect(onWorkers.save()).toEqual(own.save())
    await expect(buildIndexParallel(documents, options, { workers: 0 })).rejects.toThrow(InvalidOptionsError)
    await expect(
      // @ts-expect-error: not a boolean
      buildIndexParallel(documents, options, { workers: 1, callingThread: 'yes' }),
    ).rejects.toThrow(InvalidOptionsError)
    expect(() => createIndexBuilderPool({ workers: 1.5 })).toThrow(InvalidOptionsError)
  })

  it('a closed pool refuses builds, and a build under way when it closes rejects', async () => {
    const closing = createIndexBuilderPool({ workers: 1 })
    await closing.close()
    await expect(closing.build(documents, options)).rejects.toThrow(InvalidOptionsError)
    for (const callingThread of [true, false]) {
      const interrupted = createIndexBuilderPool({ workers: 1 })
      const building = interrupted.build(documents, options, { minDocumentsPerWorker: 20, callingThread })
      const rejected = expect(building).rejects.toThrow(InvalidOptionsError)
      await interrupted.close()
      await rejected
    }
  })
})

// A child process that imports kavosh/node from the sources (through tsx, as the workers above load it),
// runs `script` and should then exit by itself: an idle pool must not keep the process alive.
const tsx = pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href
const nodeEntry = pathToFileURL(path.resolve('src/node/index.ts')).href
function exitsByItself(script: string): Promise<{ code: number | null; output: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now()
    const child = spawn(
      process.execPath,
      [
        '--import',
        tsx,
        '--input-type=module',
        '--eval',
        `import { createIndexBuilderPool } from ${JSON.stringify(nodeEntry)}\n${script}\nconsole.log('done')`,
      ],
      { env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    let doneAt = 0
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (doneAt === 0 && output.includes('done')) doneAt = Date.now()
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    // A process still alive 5 s after its script ended is kept alive by something (20 s in all at most).
    const check = setInterval(() => {
      if ((doneAt > 0 && Date.now() - doneAt > 5_000) || Date.now() - started > 20_000) child.kill()
    }, 100)
    child.on('exit', (code) => {
      clearInterval(check)
      resolve({ code, output, ms: doneAt === 0 ? Number.NaN : Date.now() - doneAt })
    })
  })
}

describe('an idle pool does not keep the process alive', () => {
  const words = JSON.stringify(VOCABULARY)
  const scripts = {
    'created, never used': 'createIndexBuilderPool({ workers: 1 })',
    'after a build small enough for the calling thread': `const pool = createIndexBuilderPool({ workers: 2 })
      await pool.build([{ id: 1, body: 'x' }], { fields: ['body'] })`,
    'after a build on the workers': `const words = ${words}
      const docs = Array.from({ length: 300 }, (_, id) => ({ id, body: words.slice(id % 10, id % 10 + 12).join(' ') }))
      const pool = createIndexBuilderPool({ workers: 1 })
      const index = await pool.build(docs, { fields: ['body'] }, { minDocumentsPerWorker: 20, callingThread: false })
      if (index.size !== 300) throw new Error('size ' + index.size)`,
  }
  for (const [state, script] of Object.entries(scripts)) {
    it(state, async () => {
      const { code, output, ms } = await exitsByItself(script)
      expect(output).toContain('done')
      expect(code, output).toBe(0)
      expect(ms).toBeLessThan(5_000)
    }, 30_000)
  }
})
