import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CorruptIndexError, IncompatibleIndexError, SearchIndex } from '../../src/index'
import { crc32 } from '../../src/persist/crc32'
import { loadSeeds, VOCABULARY } from './helpers'

const text = fc.array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 15 }).map((w) => w.join(' '))

function buildSmallIndex(): SearchIndex {
  const index = new SearchIndex({
    fields: ['title', 'body'],
    storeFields: ['title', 'date', 'tags', 'rank'],
    boost: { title: 3 },
    language: 'fa',
    ranking: { k1: 1.5, b: { title: 0.2 }, proximityWeight: 1 },
    autoCompact: false,
  })
  index.addAll([
    {
      id: 'a',
      title: 'باغ و دریا',
      body: 'کوه ابر باران دریا',
      date: new Date('2023-10-01'),
      tags: ['x', 'y'],
      rank: 1,
    },
    { id: 7, title: 'کتاب', body: 'دفتر قلم میز کتاب', date: null, tags: [], rank: 2.5 },
    { id: 'c', title: 'جنگل', body: 'دریا رود جنگل باغ', rank: -1 },
  ])
  index.remove('c')
  index.add({ id: 'c', title: 'ستاره', body: 'ماه ستاره دریا' })
  return index
}

describe('save / load', () => {
  it('round-trips options, stored values and results exactly (random corpora, removals included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, body: text }), { minLength: 0, maxLength: 20 }),
        fc.array(fc.nat(19), { maxLength: 6 }),
        fc.array(text, { minLength: 1, maxLength: 3 }),
        (documents, removals, queries) => {
          const index = new SearchIndex({
            fields: ['title', 'body'],
            storeFields: ['title'],
            language: 'fa',
            autoCompact: false,
          })
          index.addAll(documents.map((document, id) => ({ id, ...document })))
          for (const id of new Set(removals)) if (index.has(id)) index.remove(id)
          const loaded = SearchIndex.load(index.save())
          expect(loaded.size).toBe(index.size)
          for (const query of queries) {
            for (const options of [{}, { combineWith: 'and' as const }, { prefix: true }, { fuzzy: true }]) {
              expect(loaded.search(query, { ...options, limit: 50 })).toEqual(
                index.search(query, { ...options, limit: 50 }),
              )
            }
          }
          // Saving the loaded index gives the same bytes.
          expect(loaded.save()).toEqual(index.save())
        },
      ),
      { numRuns: 60 },
    )
  })

  it('restores options (boosts, ranking, stored field types) and keeps accepting documents', () => {
    const index = buildSmallIndex()
    const loaded = SearchIndex.load(index.save())
    const query = 'دریا باغ'
    expect(loaded.search(query)).toEqual(index.search(query))
    const a = loaded.search('باغ')[0]
    expect(a.id).toBe('a')
    expect(a.date).toEqual(new Date('2023-10-01'))
    expect(a.tags).toEqual(['x', 'y'])
    expect(loaded.getStoredFields(7)).toEqual({ id: 7, title: 'کتاب', date: null, tags: [], rank: 2.5 })
    loaded.add({ id: 'd', title: 'دریا', body: 'دریا' })
    index.add({ id: 'd', title: 'دریا', body: 'دریا' })
    expect(loaded.search('دریا')).toEqual(index.search('دریا'))
    expect(loaded.has('c') && !loaded.has('z')).toBe(true)
  })

  it('round-trips the seed articles (both languages) with highlights', () => {
    const seeds = loadSeeds()
    if (seeds === null) return
    const index = new SearchIndex({
      fields: ['title', 'text'],
      storeFields: ['title', 'text'],
      languageField: 'lang',
    })
    index.addAll(seeds)
    const loaded = SearchIndex.load(index.save())
    for (const query of ['غزه', 'روسیه "نوار غزه"', 'الخارجية الروسية', 'آتش بس']) {
      expect(loaded.search(query, { highlight: true })).toEqual(index.search(query, { highlight: true }))
    }
    expect(loaded.languages).toEqual(['fa', 'ar'])
  })

  it('throws CorruptIndexError for empty, truncated, bit-flipped and foreign bytes', () => {
    const bytes = buildSmallIndex().save()
    expect(() => SearchIndex.load(new Uint8Array(0))).toThrow(CorruptIndexError)
    expect(() => SearchIndex.load(new TextEncoder().encode('{"not":"an index"}'))).toThrow(CorruptIndexError)
    expect(() => SearchIndex.load('KVSH' as unknown as Uint8Array)).toThrow(CorruptIndexError)
    for (let cut = 0; cut < bytes.length; cut += Math.max(1, Math.floor(bytes.length / 97))) {
      expect(() => SearchIndex.load(bytes.subarray(0, cut))).toThrow(CorruptIndexError)
    }
    for (let position = 0; position < bytes.length; position += 3) {
      const flipped = bytes.slice()
      flipped[position] ^= 1 << (position % 8)
      if (position === 4 || position === 5) {
        // The version field: a flip may read as a newer version.
        expect(() => SearchIndex.load(flipped)).toThrow(/index/)
        continue
      }
      expect(() => SearchIndex.load(flipped)).toThrow(CorruptIndexError)
    }
    const longer = new Uint8Array(bytes.length + 1)
    longer.set(bytes)
    expect(() => SearchIndex.load(longer)).toThrow(CorruptIndexError)
  })

  it('throws IncompatibleIndexError for a newer format version', () => {
    const bytes = buildSmallIndex().save()
    const newer = bytes.slice()
    new DataView(newer.buffer).setUint16(4, 99, true)
    expect(() => SearchIndex.load(newer)).toThrow(IncompatibleIndexError)
  })

  it('rejects a payload with a valid checksum but broken structure (never half-loads)', () => {
    const bytes = buildSmallIndex().save()
    const broken = bytes.slice(0, bytes.length - 3)
    const view = new DataView(broken.buffer)
    view.setUint32(8, broken.length - 16, true)
    view.setUint32(12, crc32(broken, 16), true)
    expect(() => SearchIndex.load(broken)).toThrow(CorruptIndexError)
  })

  // Load speed against build speed is a benchmark figure (bench section "persistence"), not a unit test:
  // timings on a shared machine are noise. Here only the size, which is deterministic.
  it('is compact: the saved bytes are well under the size of the indexed text', () => {
    const seeds = loadSeeds()
    if (seeds === null) return
    const many = Array.from({ length: 40 }, (_, copy) =>
      seeds.map((seed) => ({ ...seed, id: `${seed.id}-${copy}` })),
    ).flat()
    const options = { fields: ['title', 'text'], storeFields: ['title'], languageField: 'lang' }
    const index = new SearchIndex(options)
    index.addAll(many)
    const bytes = index.save()
    expect(SearchIndex.load(bytes).size).toBe(many.length)
    const textBytes = new TextEncoder().encode(many.map((d) => d.text + (d.title ?? '')).join('')).length
    expect(bytes.length).toBeLessThan(textBytes * 0.6)
  })
})
