import { describe, expect, it } from 'vitest'
import { AbortError, DuplicateIdError, type IndexingProgress, SearchIndex } from '../../src/index'
import { VOCABULARY } from './helpers'

const documents = Array.from({ length: 500 }, (_, id) => ({
  id,
  title: VOCABULARY[id % 22],
  body: Array.from({ length: 12 }, (_, k) => VOCABULARY[(id * 7 + k * 3) % VOCABULARY.length]).join(' '),
}))

const utf8 = (text: string) => new TextEncoder().encode(text).length

function newIndex(): SearchIndex {
  return new SearchIndex({
    fields: ['title', 'body'],
    storeFields: ['title'],
    language: 'fa',
    autoCompact: false,
  })
}

describe('addAllAsync', () => {
  it('indexes in chunks with progress and ends exactly like addAll', async () => {
    const index = newIndex()
    index.add({ id: 'first', title: 'دریا', body: 'کوه' })
    const progress: IndexingProgress[] = []
    let ticks = 0
    const timer = setInterval(() => ticks++, 0)
    await index.addAllAsync(documents, { chunkSize: 64, onProgress: (p) => progress.push(p) })
    clearInterval(timer)
    expect(progress.map((p) => p.docsDone)).toEqual([64, 128, 192, 256, 320, 384, 448, 500])
    const bytesTotal = documents.reduce((sum, d) => sum + utf8(d.title) + utf8(d.body), 0)
    expect(progress.every((p) => p.docsTotal === 500 && p.bytesTotal === bytesTotal)).toBe(true)
    expect(progress.at(-1)!.bytesDone).toBe(bytesTotal)
    expect(ticks).toBeGreaterThan(0) // other tasks ran while indexing

    const reference = newIndex()
    reference.add({ id: 'first', title: 'دریا', body: 'کوه' })
    reference.addAll(documents)
    expect(index.size).toBe(501)
    for (const query of ['دریا', 'کوه باغ', '"ابر باران"', 'ستا']) {
      expect(index.search(query, { prefix: true, limit: 30 })).toEqual(
        reference.search(query, { prefix: true, limit: 30 }),
      )
    }
    expect(index.save()).toEqual(reference.save())
  })

  it('is all or nothing: searches meanwhile see none of the new documents', async () => {
    const index = newIndex()
    const seen: number[] = []
    const running = index.addAllAsync(documents, {
      chunkSize: 50,
      onProgress: () => seen.push(index.search('دریا', { limit: 1000 }).length),
    })
    expect(index.size).toBe(0)
    await running
    expect(seen.every((count) => count === 0)).toBe(true)
    expect(index.search('دریا', { limit: 1000 }).length).toBeGreaterThan(0)
  })

  it('cancellation by AbortSignal rejects with AbortError and leaves the index exactly as before', async () => {
    const index = newIndex()
    index.addAll(documents.slice(0, 10).map((d) => ({ ...d, id: `old-${d.id}` })))
    index.remove('old-3')
    const before = index.save()
    const controller = new AbortController()
    const running = index.addAllAsync(documents, {
      chunkSize: 100,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.docsDone >= 200) controller.abort()
      },
    })
    await expect(running).rejects.toBeInstanceOf(AbortError)
    expect(index.save()).toEqual(before)
    expect(index.size).toBe(9)
    expect(index.has(5)).toBe(false)
    // An already-aborted signal rejects before doing anything.
    await expect(index.addAllAsync(documents, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortError,
    )
    expect(index.save()).toEqual(before)
  })

  it('rejects invalid batches before indexing anything, and ids added meanwhile at commit', async () => {
    const index = newIndex()
    await expect(
      index.addAllAsync([...documents.slice(0, 5), { id: 2, title: 'x', body: 'y' }]),
    ).rejects.toBeInstanceOf(DuplicateIdError)
    expect(index.size).toBe(0)
    const running = index.addAllAsync(documents, { chunkSize: 100 })
    index.add({ id: 499, title: 'دریا', body: 'کوه' })
    await expect(running).rejects.toBeInstanceOf(DuplicateIdError)
    expect(index.size).toBe(1)
  })
})
