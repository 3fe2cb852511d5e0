import { describe, expect, it } from 'vitest'
import {
  DuplicateIdError,
  InvalidDocumentError,
  InvalidOptionsError,
  type KavoshError,
  SearchIndex,
  UnknownIdError,
} from '../../src/index'

function smallIndex(): SearchIndex {
  const index = new SearchIndex({
    fields: ['title', 'body'],
    storeFields: ['title', 'meta'],
    languageField: 'lang',
    maxFieldLength: 100,
    autoCompact: false,
  })
  index.addAll([
    { id: 1, title: 'باغ', body: 'دریا کوه' },
    { id: 'b', title: 'کتاب', body: 'قلم دفتر', lang: 'fa' },
    { id: 3, title: null, body: 2024 },
  ])
  return index
}

describe('bad input gets typed errors and leaves the index exactly as it was', () => {
  const cases: [string, (index: SearchIndex) => void, new (...args: never[]) => KavoshError][] = [
    ['a non-object document', (i) => i.add('text' as never), InvalidDocumentError],
    ['null', (i) => i.add(null as never), InvalidDocumentError],
    ['an array', (i) => i.add([] as never), InvalidDocumentError],
    ['a missing id', (i) => i.add({ body: 'دریا' }), InvalidDocumentError],
    ['an object id', (i) => i.add({ id: {}, body: 'دریا' }), InvalidDocumentError],
    ['a NaN id', (i) => i.add({ id: Number.NaN, body: 'دریا' }), InvalidDocumentError],
    ['an empty id', (i) => i.add({ id: '', body: 'دریا' }), InvalidDocumentError],
    ['a boolean field', (i) => i.add({ id: 9, body: true }), InvalidDocumentError],
    ['an array field', (i) => i.add({ id: 9, body: ['دریا'] }), InvalidDocumentError],
    ['a field over maxFieldLength', (i) => i.add({ id: 9, body: 'د'.repeat(101) }), InvalidDocumentError],
    ['a bad language field', (i) => i.add({ id: 9, body: 'دریا', lang: 'en' }), InvalidDocumentError],
    ['a function stored value', (i) => i.add({ id: 9, body: 'دریا', meta: () => 1 }), InvalidDocumentError],
    ['a stored Map', (i) => i.add({ id: 9, body: 'دریا', meta: new Map([[1, 2]]) }), InvalidDocumentError],
    ['a stored Set', (i) => i.add({ id: 9, body: 'دریا', meta: new Set([1]) }), InvalidDocumentError],
    [
      'a stored class instance',
      (i) => i.add({ id: 9, body: 'دریا', meta: new (class Point {})() }),
      InvalidDocumentError,
    ],
    [
      'NaN inside a stored object',
      (i) => i.add({ id: 9, body: 'دریا', meta: { score: Number.NaN } }),
      InvalidDocumentError,
    ],
    [
      'Infinity inside a stored array',
      (i) => i.add({ id: 9, body: 'دریا', meta: [1, Number.POSITIVE_INFINITY] }),
      InvalidDocumentError,
    ],
    [
      'a function inside a stored object',
      (i) => i.add({ id: 9, body: 'دریا', meta: { f: () => 1 } }),
      InvalidDocumentError,
    ],
    ['a duplicate id', (i) => i.add({ id: 1, body: 'دریا' }), DuplicateIdError],
    [
      'a batch with a duplicate inside',
      (i) =>
        i.addAll([
          { id: 8, body: 'x' },
          { id: 8, body: 'y' },
        ]),
      DuplicateIdError,
    ],
    [
      'a batch with one bad document last',
      (i) =>
        i.addAll([
          { id: 8, body: 'دریا' },
          { id: 9, body: 'کوه' },
          { id: 10, body: {} },
        ]),
      InvalidDocumentError,
    ],
    ['a non-array batch', (i) => i.addAll('x' as never), InvalidDocumentError],
    [
      'a sparse batch',
      // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input under test
      (i) => i.addAll([{ id: 8, body: 'دریا' }, , { id: 10, body: 'کوه' }] as never),
      InvalidDocumentError,
    ],
    ['remove of an unknown id', (i) => i.remove(42), UnknownIdError],
    ['remove of "1" when the id is the number 1', (i) => i.remove('1'), UnknownIdError],
    ['replace of an unknown id', (i) => i.replace({ id: 42, body: 'دریا' }), UnknownIdError],
    ['replace with a bad document', (i) => i.replace({ id: 1, body: 5n as never }), InvalidDocumentError],
  ]
  for (const [name, act, errorClass] of cases) {
    it(`rejects ${name}`, () => {
      const index = smallIndex()
      const before = index.save()
      expect(() => act(index)).toThrow(errorClass)
      expect(index.save()).toEqual(before)
      expect(index.size).toBe(3)
    })
  }

  it('says in the message what was received and where', () => {
    const index = smallIndex()
    const messageOf = (act: () => void): string => {
      try {
        act()
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidDocumentError)
        return (error as Error).message
      }
      throw new Error('no error thrown')
    }
    expect(messageOf(() => index.add('doc' as never))).toBe('a document must be an object, got "doc"')
    expect(messageOf(() => index.add('' as never))).toBe('a document must be an object, got an empty string')
    expect(messageOf(() => index.addAll('abc' as never))).toBe('addAll expects an array, got "abc"')
    expect(messageOf(() => index.add({ id: 9, body: 'دریا', lang: 'en' }))).toBe(
      `field "lang" of document 9 must be 'fa', 'ar' or 'auto', got "en"`,
    )
    expect(messageOf(() => index.add({ id: 9, body: 'دریا', lang: 'FA' }))).toContain('got "FA"')
    expect(messageOf(() => index.add({ id: 9, body: Number.NaN }))).toBe(
      'field "body" of document 9 must be a string, a finite number or null, got NaN',
    )
    expect(messageOf(() => index.add({ id: 9, body: Number.NEGATIVE_INFINITY }))).toContain('got -Infinity')
    expect(messageOf(() => index.addAll([{ id: 8, body: 'دریا' }, undefined as never]))).toBe(
      'document 1 of the batch must be an object, got undefined',
    )
    // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input under test
    expect(messageOf(() => index.addAll([{ id: 8, body: 'دریا' }, , { id: 10 }] as never))).toBe(
      'document 1 of the batch is missing (the array has a hole there)',
    )
    expect(messageOf(() => index.add({ id: 9, body: 'دریا', meta: new Map() }))).toMatch(
      /^stored field "meta" of document 9 holds an instance of Map, /,
    )
    expect(messageOf(() => index.add({ id: 9, body: 'دریا', meta: { tags: [Number.NaN] } }))).toMatch(
      /^stored field "meta" of document 9 holds NaN \(under key "0"\), /,
    )
    expect(index.size).toBe(3)
  })

  it('stores what save and load keep: top-level NaN, ±Infinity and Dates, nested Dates as their JSON', () => {
    const index = new SearchIndex({ fields: ['body'], storeFields: ['meta'] })
    const values = [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      new Date(5),
      new Date('x'),
    ]
    for (const [id, meta] of values.entries()) index.add({ id, body: 'دریا', meta })
    index.add({
      id: 'nested',
      body: 'دریا',
      meta: { at: new Date(5), plain: Object.assign(Object.create(null), { a: 1 }) },
    })
    const loaded = SearchIndex.load(index.save())
    for (const copy of [index, loaded]) {
      for (const [id, meta] of values.entries()) expect(copy.getStoredFields(id)!.meta).toEqual(meta)
      expect(copy.getStoredFields('nested')!.meta).toEqual({
        at: '1970-01-01T00:00:00.005Z',
        plain: { a: 1 },
      })
    }
  })

  it('treats null/undefined fields as empty and indexes numbers as text', () => {
    const index = smallIndex()
    expect(index.search('2024').map((hit) => hit.id)).toEqual([3])
    expect(index.getStoredFields(3)).toEqual({ id: 3, title: null })
  })

  it('validates constructor and search options with InvalidOptionsError', () => {
    expect(() => new SearchIndex({ fields: [] })).toThrow(InvalidOptionsError)
    expect(() => new SearchIndex({ fields: ['a', 'a'] })).toThrow(InvalidOptionsError)
    expect(() => new SearchIndex({ fields: ['a'], boost: { b: 2 } })).toThrow(InvalidOptionsError)
    expect(() => new SearchIndex({ fields: ['a'], ranking: { k1: -1 } })).toThrow(InvalidOptionsError)
    expect(() => new SearchIndex({ fields: ['a'], ranking: { b: { a: 2 } } })).toThrow(InvalidOptionsError)
    expect(() => new SearchIndex({ fields: ['a'], storeFields: ['score'] })).toThrow(InvalidOptionsError)
    expect(() => new SearchIndex({ fields: ['a'], language: 'en' as never })).toThrow(InvalidOptionsError)
    const index = smallIndex()
    expect(() => index.search('دریا', { fields: ['nope'] })).toThrow(InvalidOptionsError)
    expect(() => index.search('دریا', { sort: { field: 'body' } })).toThrow(InvalidOptionsError)
    // A field that is not one names itself and the fields there are.
    expect(() => index.search('دریا', { fields: ['nope'] })).toThrow(
      '"nope" is not an indexed field; the indexed fields are title, body',
    )
    expect(() => index.search('دریا', { sort: { field: 'body' } })).toThrow(
      'sort.field "body" is not a stored field; the stored fields are title, meta',
    )
    expect(() => index.facets('دریا', ['nope'])).toThrow(
      'facets: "nope" is not a stored field; the stored fields are title, meta',
    )
    expect(() => index.search('دریا', { sort: null as never })).toThrow('sort must be an object')
    expect(() => index.search('دریا', { highlight: { fields: ['body'] } })).toThrow(InvalidOptionsError)
    expect(() => index.search('دریا', { fuzzy: 7 })).toThrow(InvalidOptionsError)
    for (const length of [Number.NaN, -5, '80' as never]) {
      expect(() => index.search('دریا', { highlight: { length } }), `${length}`).toThrow(
        'highlight.length must be a non-negative number',
      )
      expect(() => index.search('', { highlight: { fields: ['title'], length } })).toThrow(
        InvalidOptionsError,
      )
    }
    for (const highlight of [null, 'yes', ['title']]) {
      expect(() => index.search('دریا', { highlight: highlight as never })).toThrow(InvalidOptionsError)
    }
    expect(index.search('باغ', { highlight: { length: 0 } })[0].highlights!.title.text).toBe('باغ')
    expect(() => index.facets('دریا', ['body'])).toThrow(InvalidOptionsError)
    // null options are rejected alike by search, facets and suggest (undefined is the default).
    expect(() => index.search('دریا', null as never)).toThrow(InvalidOptionsError)
    expect(() => index.facets('دریا', ['title'], null as never)).toThrow(InvalidOptionsError)
    expect(() => index.suggest('دریا', null as never)).toThrow(InvalidOptionsError)
    expect(() => index.suggest('دریا', 'limit' as never)).toThrow(InvalidOptionsError)
    expect(index.suggest('دری', undefined)).toEqual(index.suggest('دری'))
    // limit as search reads it: a number ≥ 0 (0 gives nothing), anything else an InvalidOptionsError.
    for (const limit of [Number.NaN, -1, '3'])
      expect(() => index.suggest('دری', { limit: limit as never })).toThrow(
        /limit must be a non-negative number/,
      )
    expect(index.suggest('دری', { limit: 0 })).toEqual([])
  })
})

describe('queries never throw', () => {
  const index = smallIndex()
  const nasty = [
    '',
    '   \n\t ',
    'و از به در',
    '!!! ؟؟ ،، ... «» "" — -- - +',
    '"',
    '"""',
    '«دریا',
    'دریا"',
    '-',
    '-"',
    '-دریا',
    '-"دریا"',
    '""-""',
    '\u200c\u200c\u200c',
    '\u064b\u064c\u064d',
    'a'.repeat(10_000),
    '\ud800',
    '*?[](){}^$|\\',
  ]
  for (const query of nasty) {
    it(`returns sane results for ${JSON.stringify(query.slice(0, 20))}`, () => {
      for (const options of [{}, { prefix: true }, { fuzzy: true }, { combineWith: 'and' as const }]) {
        const hits = index.search(query, options)
        expect(Array.isArray(hits)).toBe(true)
        expect(Array.isArray(index.suggest(query))).toBe(true)
        expect(typeof index.facets(query, ['title'])).toBe('object')
      }
    })
  }

  it('only-exclusion and only-stop-word queries return nothing', () => {
    expect(index.search('-دریا')).toEqual([])
    expect(index.search('و از به')).toEqual([])
  })

  it('handles 10,000 terms and heavy syntax quickly', () => {
    const words = ['دریا', 'کوه', 'باغ', '"قلم دفتر"', '-کتاب', 'نان']
    const query = Array.from({ length: 10_000 }, (_, i) => words[i % words.length]).join(' ')
    const start = performance.now()
    const hits = index.search(query, { fuzzy: true, prefix: true })
    expect(performance.now() - start).toBeLessThan(2000)
    expect(hits.map((hit) => hit.id)).toEqual([1])
    expect(index.search('"'.repeat(5000) + '-'.repeat(5000))).toEqual([])
  })

  it('non-string queries give no results', () => {
    expect(index.search(undefined as never)).toEqual([])
    expect(index.search(42 as never)).toEqual([])
  })
})
