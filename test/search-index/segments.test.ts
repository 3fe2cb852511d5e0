import { describe, expect, it } from 'vitest'
import { DuplicateIdError, InvalidOptionsError, SearchIndex } from '../../src/index'
import { VOCABULARY } from './helpers'

// Segments: addIndex (appending an index built elsewhere) and toTransferable/fromTransferable (moving an
// index between threads), the two halves of kavosh/node's parallel build.

const documents = Array.from({ length: 400 }, (_, id) => ({
  id,
  title: VOCABULARY[id % 22],
  body: Array.from({ length: 12 }, (_, k) => VOCABULARY[(id * 7 + k * 3) % VOCABULARY.length]).join(' '),
  date: new Date(1_700_000_000_000 + id * 86_400_000),
}))
const options = { fields: ['title', 'body'], storeFields: ['title', 'date'], language: 'fa' as const }
const queries = [VOCABULARY[0], `${VOCABULARY[1]} ${VOCABULARY[5]}`, `"${VOCABULARY[3]} ${VOCABULARY[6]}"`]

function built(docs: typeof documents): SearchIndex {
  const index = new SearchIndex(options)
  index.addAll(docs)
  return index
}

function results(index: SearchIndex) {
  return queries.flatMap((q) => [
    index.search(q, { limit: 50 }),
    index.search(q.slice(0, 3), { prefix: true, limit: 20 }),
  ])
}

describe('addIndex', () => {
  it('appending segments in order equals addAll over all documents', () => {
    const whole = built(documents)
    const first = built(documents.slice(0, 150))
    first.addIndex(built(documents.slice(150, 300)))
    first.addIndex(built(documents.slice(300)))
    expect(first.size).toBe(whole.size)
    expect(results(first)).toEqual(results(whole))
    expect(SearchIndex.load(first.save()).search(queries[0], { limit: 50 })).toEqual(
      whole.search(queries[0], { limit: 50 }),
    )
  })

  it('skips removed documents of the other index and leaves it unchanged', () => {
    const other = built(documents.slice(200))
    other.remove(250)
    const index = built(documents.slice(0, 200))
    index.addIndex(other)
    expect(index.has(250)).toBe(false)
    expect(index.size).toBe(399)
    expect(other.size).toBe(199)
  })

  it('is all or nothing: duplicate ids and different options throw and change nothing', () => {
    const index = built(documents.slice(0, 100))
    const before = results(index)
    expect(() => index.addIndex(built(documents.slice(50, 150)))).toThrow(DuplicateIdError)
    const different = new SearchIndex({ ...options, stem: false })
    different.addAll(documents.slice(100, 150))
    expect(() => index.addIndex(different)).toThrow(InvalidOptionsError)
    expect(results(index)).toEqual(before)
    expect(index.size).toBe(100)
  })
})

describe('toTransferable / fromTransferable', () => {
  it('round-trips through structuredClone with the buffers transferred', () => {
    const index = built(documents)
    index.remove(7)
    const { data, transfer } = index.toTransferable()
    const moved = structuredClone(data, { transfer })
    const again = SearchIndex.fromTransferable(moved)
    expect(again.size).toBe(index.size)
    expect(results(again)).toEqual(results(index))
    expect(again.getStoredFields(8)).toEqual(index.getStoredFields(8))
    // The source index keeps working (its own buffers were not moved).
    expect(index.search(queries[0]).length).toBeGreaterThan(0)
  })

  it('rejects data that did not come from toTransferable', () => {
    expect(() => SearchIndex.fromTransferable({} as never)).toThrow(InvalidOptionsError)
    const { data } = built(documents.slice(0, 10)).toTransferable()
    const broken = { ...data, parts: { ...data.parts, termBounds: data.parts.termBounds.slice(1) } }
    expect(() => SearchIndex.fromTransferable(broken)).toThrow(InvalidOptionsError)
    expect(() => SearchIndex.fromTransferable([])).toThrow(InvalidOptionsError)
  })
})

describe('fromTransferable of several pieces (the merge of a parallel build)', () => {
  const cut = (from: number, to: number) => {
    const { data, transfer } = built(documents.slice(from, to)).toTransferable()
    return structuredClone(data, { transfer })
  }

  it('equals addAll over all documents: same results, same saved bytes', () => {
    const whole = built(documents)
    for (const bounds of [
      [0, 400],
      [0, 150, 400],
      [0, 1, 2, 399, 400],
      [0, 100, 200, 300, 400],
    ]) {
      const pieces = bounds.slice(1).map((to, i) => cut(bounds[i], to))
      const merged = SearchIndex.fromTransferable(pieces)
      expect(merged.size).toBe(whole.size)
      expect(results(merged)).toEqual(results(whole))
      expect(merged.getStoredFields(399)).toEqual(whole.getStoredFields(399))
      expect(merged.save()).toEqual(whole.save())
    }
  })

  it('merged indexes accept more documents, removals and compaction like any other', () => {
    const merged = SearchIndex.fromTransferable([cut(0, 200), cut(200, 300)])
    const whole = built(documents.slice(0, 300))
    for (const index of [merged, whole]) {
      index.addAll(documents.slice(300))
      index.remove(5)
      index.remove(250)
      index.compact()
    }
    expect(results(merged)).toEqual(results(whole))
    expect(merged.save()).toEqual(whole.save())
  })

  it('skips removed documents of a piece; rejects shared ids and different options', () => {
    const first = built(documents.slice(0, 100))
    first.remove(10)
    const { data, transfer } = first.toTransferable()
    const merged = SearchIndex.fromTransferable([structuredClone(data, { transfer }), cut(100, 200)])
    expect(merged.size).toBe(199)
    expect(merged.has(10)).toBe(false)
    expect(() => SearchIndex.fromTransferable([cut(0, 100), cut(50, 150)])).toThrow(DuplicateIdError)
    const other = new SearchIndex({ ...options, stem: false })
    other.addAll(documents.slice(100, 150))
    expect(() => SearchIndex.fromTransferable([cut(0, 100), other.toTransferable().data])).toThrow(
      InvalidOptionsError,
    )
  })
})
