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
    const broken = { ...data, parts: { ...data.parts, terms: data.parts.terms.slice(1) } }
    expect(() => SearchIndex.fromTransferable(broken)).toThrow(InvalidOptionsError)
  })
})
