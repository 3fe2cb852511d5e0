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
    expect(() => index.search('دریا', { highlight: { fields: ['body'] } })).toThrow(InvalidOptionsError)
    expect(() => index.search('دریا', { fuzzy: 7 })).toThrow(InvalidOptionsError)
    expect(() => index.facets('دریا', ['body'])).toThrow(InvalidOptionsError)
    // null options are rejected alike by search, facets and suggest (undefined is the default).
    expect(() => index.search('دریا', null as never)).toThrow(InvalidOptionsError)
    expect(() => index.facets('دریا', ['title'], null as never)).toThrow(InvalidOptionsError)
    expect(() => index.suggest('دریا', null as never)).toThrow(InvalidOptionsError)
    expect(() => index.suggest('دریا', 'limit' as never)).toThrow(InvalidOptionsError)
    expect(index.suggest('دری', undefined)).toEqual(index.suggest('دری'))
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
