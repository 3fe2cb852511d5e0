/**
 * Hostile input: every bad document, batch or call gets a typed error and leaves the index answering
 * exactly as before; hostile text (lone surrogates, NUL and control characters, bidi controls, huge words,
 * a 50 MB field) is either indexed faithfully or rejected by `maxFieldLength`; hostile queries are fast and
 * sane and never throw. (test/search-index/errors.test.ts covers the basic cases; this extends them.)
 */

import fc from 'fast-check'
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  AbortError,
  DEFAULT_MAX_FIELD_LENGTH,
  DuplicateIdError,
  InvalidDocumentError,
  KavoshError,
  SearchIndex,
  UnknownIdError,
} from '../../src/index'
import { VOCABULARY } from '../search-index/helpers'
import { count, expectRejectedUnchanged, expectRejectedUnchangedAsync, report, snapshot } from './helpers'

const FACETS = ['source']

function newsIndex(options: { maxFieldLength?: number } = {}): SearchIndex {
  const index = new SearchIndex({
    fields: ['title', 'body'],
    storeFields: ['title', 'body', 'source'],
    autoCompact: false,
    ...options,
  })
  index.addAll(
    Array.from({ length: 24 }, (_, i) => ({
      id: i % 3 === 0 ? `doc-${i}` : i,
      title: `${VOCABULARY[i % 20]} ${VOCABULARY[(i * 7) % 20]}`,
      body: Array.from({ length: 12 }, (_, k) => VOCABULARY[(i * 5 + k * 3) % VOCABULARY.length]).join(' '),
      source: ['irna', 'isna', 'constructor', '__proto__'][i % 4],
    })),
  )
  index.remove(4)
  return index
}

describe('bad documents: a typed error, and the index answers exactly as before', () => {
  const documents: [string, unknown, abstract new (...args: never[]) => KavoshError][] = [
    ['undefined', undefined, InvalidDocumentError],
    ['a number', 42, InvalidDocumentError],
    ['a function', () => ({ id: 1 }), InvalidDocumentError],
    ['a symbol', Symbol('doc'), InvalidDocumentError],
    ['a Date (no id)', new Date(0), InvalidDocumentError],
    ['a Map', new Map([['id', 1]]), InvalidDocumentError],
    ['an undefined id', { id: undefined, body: 'دریا' }, InvalidDocumentError],
    ['a null id', { id: null, body: 'دریا' }, InvalidDocumentError],
    ['a boolean id', { id: true, body: 'دریا' }, InvalidDocumentError],
    ['a bigint id', { id: 10n, body: 'دریا' }, InvalidDocumentError],
    ['an array id', { id: [1], body: 'دریا' }, InvalidDocumentError],
    ['an Infinity id', { id: Number.POSITIVE_INFINITY, body: 'دریا' }, InvalidDocumentError],
    ['a Date id', { id: new Date(0), body: 'دریا' }, InvalidDocumentError],
    ['a NaN field', { id: 'n', body: Number.NaN }, InvalidDocumentError],
    ['an Infinity field', { id: 'n', body: Number.NEGATIVE_INFINITY }, InvalidDocumentError],
    ['a bigint field', { id: 'n', body: 5n }, InvalidDocumentError],
    ['a symbol field', { id: 'n', title: Symbol('t') }, InvalidDocumentError],
    ['a Date field', { id: 'n', title: new Date(0) }, InvalidDocumentError],
    ['an object field', { id: 'n', body: { text: 'دریا' } }, InvalidDocumentError],
    ['a String object field', { id: 'n', body: new String('دریا') }, InvalidDocumentError],
    ['a field over maxFieldLength', { id: 'n', body: 'ب'.repeat(101) }, InvalidDocumentError],
    ['a symbol stored value', { id: 'n', body: 'دریا', source: Symbol('s') }, InvalidDocumentError],
    ['a circular stored value', circular(), InvalidDocumentError],
    ['an existing id', { id: 1, body: 'دریا' }, DuplicateIdError],
    ['an existing string id', { id: 'doc-0', body: 'دریا' }, DuplicateIdError],
  ]
  for (const [name, document, errorClass] of documents) {
    it(`add rejects ${name}`, () => {
      const index = newsIndex({ maxFieldLength: 100 })
      expectRejectedUnchanged(index, () => index.add(document as never), errorClass, FACETS)
    })
  }

  it('rejects bad replace and remove calls the same way', () => {
    const index = newsIndex({ maxFieldLength: 100 })
    expectRejectedUnchanged(index, () => index.remove(4), UnknownIdError, FACETS) // already removed
    expectRejectedUnchanged(index, () => index.remove('1'), UnknownIdError, FACETS)
    expectRejectedUnchanged(index, () => index.remove(undefined as never), UnknownIdError, FACETS)
    expectRejectedUnchanged(index, () => index.replace({ id: 4, body: 'دریا' }), UnknownIdError, FACETS)
    expectRejectedUnchanged(index, () => index.replace({ id: 1, body: [] }), InvalidDocumentError, FACETS)
    expectRejectedUnchanged(
      index,
      () => index.replace({ id: 1, body: 'ب'.repeat(101) }),
      InvalidDocumentError,
    )
  })

  it('passes the error of a throwing getter through, unchanged index', () => {
    const index = newsIndex()
    const hostile = {
      id: 77,
      get body(): string {
        throw new RangeError('getter exploded')
      },
    }
    const before = snapshot(index)
    expect(() => index.add(hostile as never)).toThrow(RangeError)
    expect(() => index.addAll([{ id: 78, body: 'دریا' }, hostile] as never)).toThrow(RangeError)
    expect(snapshot(index)).toEqual(before)
  })

  it('treats null and undefined fields as empty, numbers as their decimal text; 0 and -0 are one id', () => {
    const index = new SearchIndex({ fields: ['title', 'body'], storeFields: ['title'] })
    index.addAll([
      { id: 0, title: null, body: undefined },
      { id: 1, title: 2024, body: 3.5 },
      { id: 2 }, // no indexed field at all
    ])
    expect(index.size).toBe(3)
    expect(index.has(-0)).toBe(true)
    expect(() => index.add({ id: -0, body: 'دریا' })).toThrow(DuplicateIdError)
    expect(index.search('2024').map((hit) => hit.id)).toEqual([1])
    expect(index.search('3.5').map((hit) => hit.id)).toEqual([1])
    expect(index.getStoredFields(0)).toEqual({ id: 0, title: null })
    expect(index.getStoredFields(2)).toEqual({ id: 2 })
  })

  it('any value at all, as a document or a field, is indexed or rejected with a KavoshError', () => {
    let added = 0
    let rejected = 0
    const anything = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
    })
    fc.assert(
      fc.property(anything, fc.constantFrom('document', 'id', 'title', 'body', 'source'), (value, where) => {
        const index = newsIndex()
        const document =
          where === 'document'
            ? value
            : { id: 'x', title: 'دریا', body: 'کوه', source: 'irna', [where]: value }
        const before = snapshot(index, FACETS)
        try {
          index.add(document as never)
          added++
          expect(index.size).toBe(24)
          // What was accepted saves and loads, and the loaded copy answers like the original.
          expect(snapshot(SearchIndex.load(index.save()), FACETS)).toEqual(snapshot(index, FACETS))
        } catch (error) {
          if (!(error instanceof KavoshError)) throw error
          rejected++
          expect(snapshot(index, FACETS)).toEqual(before)
        }
      }),
      { numRuns: 250 },
    )
    report(
      `${count(added + rejected)} arbitrary documents/fields: ${added} indexed, ${rejected} typed rejections`,
    )
  })
})

describe('stored values and facets are not fooled by hostile values', () => {
  it('facets count values named like Object.prototype members, and object values by their JSON', () => {
    const index = new SearchIndex({ fields: ['body'], storeFields: ['source', 'tags'] })
    const sources = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'irna']
    index.addAll(
      sources.map((source, i) => ({
        id: i,
        body: 'دریا',
        source,
        tags: i % 2 === 0 ? ['__proto__', 'constructor'] : Object.assign(Object.create(null), { a: i }),
      })),
    )
    const facets = index.facets('دریا', ['source', 'tags'])
    expect(Object.keys(facets.source).sort()).toEqual([...sources].sort())
    for (const source of sources)
      expect(Object.getOwnPropertyDescriptor(facets.source, source)?.value).toBe(1)
    expect(Object.getOwnPropertyDescriptor(facets.tags, '__proto__')?.value).toBe(3)
    expect(facets.tags.constructor).toBe(3)
    expect(facets.tags['{"a":1}']).toBe(1)
    index.add({ id: 'bad-date', body: 'دریا', source: new Date(Number.NaN), tags: [new Date(0)] })
    const withDates = index.facets('دریا', ['source', 'tags'])
    expect(withDates.source['Invalid Date']).toBe(1)
    expect(withDates.tags['1970-01-01T00:00:00.000Z']).toBe(1) // a Date inside an array is JSON text
    const sorted = index.search('دریا', { sort: { field: 'source' }, limit: 100 })
    expect(sorted.map((hit) => hit.id).sort()).toEqual(['bad-date', 0, 1, 2, 3, 4, 5].sort())
  })

  it('stores copies: changing a document after adding it changes nothing, and load returns the same', () => {
    const index = new SearchIndex({ fields: ['body'], storeFields: ['meta', 'date', 'body'] })
    const date = new Date('2024-01-01T00:00:00Z')
    const document = { id: 1, body: 'دریا', meta: { tags: ['x'], nested: { n: 1 } }, date }
    index.add(document)
    const before = snapshot(index)
    document.meta.tags.push('y')
    document.meta.nested.n = 2
    date.setFullYear(1999)
    document.body = 'کوه'
    expect(snapshot(index)).toEqual(before)
    expect(index.getStoredFields(1)).toEqual({
      id: 1,
      body: 'دریا',
      meta: { tags: ['x'], nested: { n: 1 } },
      date: new Date('2024-01-01T00:00:00Z'),
    })
    expect(snapshot(SearchIndex.load(index.save()))).toEqual(before)
  })

  it('types stored arrays and objects as read-only, as they are frozen (StoredValue)', () => {
    interface Doc {
      id: string
      body: string
      tags: string[]
      meta: { k: number; list: string[] }
      date: Date
    }
    const index = new SearchIndex<Doc>({ fields: ['body'], storeFields: ['tags', 'meta', 'date', 'body'] })
    index.add({ id: 'a', body: 'دریا', tags: ['x'], meta: { k: 1, list: ['y'] }, date: new Date(0) })
    const hit = index.search('دریا')[0]!
    expectTypeOf(hit.tags).toEqualTypeOf<readonly string[] | undefined>()
    expectTypeOf(hit.meta).toEqualTypeOf<
      { readonly k: number; readonly list: readonly string[] } | undefined
    >()
    expectTypeOf(hit.date).toEqualTypeOf<Date | undefined>()
    expectTypeOf(index.getStoredFields('a')!.body).toEqualTypeOf<string | undefined>()
    // Without a document type, anything goes (as before).
    const untyped = new SearchIndex({ fields: ['body'] })
    expectTypeOf<ReturnType<typeof untyped.search>[number]['tags']>().toBeAny()
  })

  it('hands out stored values that cannot change the index: arrays and objects frozen, a Date copied', () => {
    const build = () => {
      const index = new SearchIndex({ fields: ['body'], storeFields: ['tags', 'meta', 'date'] })
      index.add({
        id: 'a',
        body: 'دریا',
        tags: ['x'],
        meta: { k: 1 },
        date: new Date('2024-01-01T00:00:00Z'),
      })
      return index
    }
    const loaded = SearchIndex.load(build().save())
    for (const index of [build(), loaded]) {
      const before = snapshot(index)
      const facetsBefore = index.facets('دریا', ['tags'])
      const saved = index.save()
      const stored = index.getStoredFields('a') as unknown as {
        tags: string[]
        meta: { k: number }
        date: Date
      }
      const hit = index.search('دریا')[0] as unknown as { tags: string[]; meta: { k: number }; date: Date }
      // Strict-mode code that tries gets a TypeError; the index is as it was.
      expect(() => stored.tags.push('MUT')).toThrow(TypeError)
      expect(() => {
        hit.meta.k = 99
      }).toThrow(TypeError)
      index.search('دریا', {
        filter: (candidate) => {
          expect(() => (candidate as unknown as { tags: string[] }).tags.pop()).toThrow(TypeError)
          return true
        },
      })
      stored.date.setFullYear(1999)
      hit.date.setFullYear(1998)
      expect(snapshot(index)).toEqual(before)
      expect(index.facets('دریا', ['tags'])).toEqual(facetsBefore)
      expect(index.save()).toEqual(saved)
      expect(index.getStoredFields('a')).toEqual({
        id: 'a',
        tags: ['x'],
        meta: { k: 1 },
        date: new Date('2024-01-01T00:00:00Z'),
      })
    }
  })
})

describe('batches are all or none', () => {
  const badMembers: [string, unknown, abstract new (...args: never[]) => KavoshError][] = [
    ['an invalid document', { id: 'bad', body: {} }, InvalidDocumentError],
    ['an id already in the index', { id: 1, body: 'دریا' }, DuplicateIdError],
    ['an id repeated in the batch', { id: 'new-0', body: 'دریا' }, DuplicateIdError],
    ['a field over maxFieldLength', { id: 'long', body: 'ب'.repeat(101) }, InvalidDocumentError],
    ['null', null, InvalidDocumentError],
  ]
  const batch = (bad: unknown, at: number) => {
    const documents: unknown[] = Array.from({ length: 6 }, (_, i) => ({ id: `new-${i}`, body: 'دریا باغ' }))
    documents.splice(at, 0, bad)
    return documents as never[]
  }
  for (const [name, bad, errorClass] of badMembers) {
    for (const at of [0, 3, 6]) {
      it(`addAll with ${name} at ${at}: nothing is added`, () => {
        const index = newsIndex({ maxFieldLength: 100 })
        expectRejectedUnchanged(index, () => index.addAll(batch(bad, at)), errorClass, FACETS)
      })
    }
    it(`addAllAsync with ${name}: nothing is added`, async () => {
      const index = newsIndex({ maxFieldLength: 100 })
      await expectRejectedUnchangedAsync(
        index,
        () => index.addAllAsync(batch(bad, 5), { chunkSize: 2 }),
        errorClass,
      )
    })
  }

  it('addAllAsync: aborted midway, or beaten to an id by add, changes nothing; documents appear only at the end', async () => {
    const index = newsIndex()
    const documents = Array.from({ length: 40 }, (_, i) => ({ id: `async-${i}`, body: 'زمرد یاقوت' }))
    const controller = new AbortController()
    let steps = 0
    await expectRejectedUnchangedAsync(
      index,
      () =>
        index.addAllAsync(documents, {
          chunkSize: 8,
          signal: controller.signal,
          onProgress: () => {
            steps++
            expect(index.size).toBe(23) // nothing visible while in progress
            expect(index.search('زمرد یاقوت')).toEqual([])
            if (steps === 3) controller.abort()
          },
        }),
      AbortError,
    )
    expect(steps).toBe(3)
    const racing = index.addAllAsync(documents, { chunkSize: 8 })
    index.add({ id: 'async-39', body: 'دریا' })
    const before = snapshot(index)
    await expect(racing).rejects.toThrow(DuplicateIdError)
    expect(snapshot(index)).toEqual(before)
  })
})

describe('hostile text is indexed faithfully or rejected by maxFieldLength', () => {
  const hostileTexts: [string, string][] = [
    ['lone surrogates', 'دریا \ud800 کوه \udfff باغ\udbff ستاره\udc00 x\ud83d'],
    ['NUL and C0/C1 controls', 'دریا\u0000کوه \u0001\u0007\u001b باغ\u007f\u0085\u009f ستاره'],
    ['bidi controls and invisibles', '\u202eدریا\u202c \u2066کوه\u2069 \u200fباغ\u200e \ufeffستاره\u061c'],
    ['combining marks piled up', `دریا${'\u064b'.repeat(500)} کوه${'\u0301'.repeat(300)} باغ ستاره`],
    ['a 100k-character word', `دریا ${'ب'.repeat(100_000)} کوه باغ ستاره`],
    ['a 100k-character Latin word', `دریا ${'x'.repeat(100_000)} کوه باغ ستاره`],
    ['astral and private-use characters', 'دریا 𝔸𝔹 \u{e000}\u{10fffd} 😀👍🏽 کوه باغ ستاره \u{20000}'],
    ['only separators', '\u0000\u0001 \t\n\r\u2028\u2029 ... ؟!،؛'],
  ]
  it('indexes, searches, highlights, saves and loads each exactly', () => {
    const index = new SearchIndex({ fields: ['body'], storeFields: ['body', 'title'] })
    hostileTexts.forEach(([name, body], i) => {
      index.add({ id: name, body, title: body })
      // A hostile id is just an id.
      index.add({ id: `${body.slice(0, 40)}\ud800#${i}`, body: 'نشان' })
    })
    expect(index.size).toBe(hostileTexts.length * 2)
    const withWords = hostileTexts.filter(([name]) => name !== 'only separators').map(([name]) => name)
    const hits = index.search('کوه', { limit: 100, highlight: true })
    expect(hits.map((hit) => hit.id).sort()).toEqual([...withWords].sort())
    for (const hit of hits) {
      const body = hit.body as string
      for (const match of hit.highlights!.body.matches) {
        expect(match.start).toBeGreaterThanOrEqual(0)
        expect(match.end).toBeLessThanOrEqual(body.length)
        expect(match.start).toBeLessThan(match.end)
      }
    }
    const loaded = SearchIndex.load(index.save())
    for (const [name, body] of hostileTexts) {
      expect(loaded.getStoredFields(name)).toEqual({ id: name, body, title: body })
    }
    expect(loaded.search('نشان', { limit: 100 }).map((hit) => hit.id)).toEqual(
      index.search('نشان', { limit: 100 }).map((hit) => hit.id),
    )
    expect(snapshot(loaded)).toEqual(snapshot(index))
  })

  it('rejects a 50 MB field quickly with InvalidDocumentError (default maxFieldLength), alone or in a batch', async () => {
    const huge = 'ب'.repeat(50 * 1024 * 1024)
    const index = newsIndex()
    const start = performance.now()
    expectRejectedUnchanged(index, () => index.add({ id: 'huge', body: huge }), InvalidDocumentError)
    expectRejectedUnchanged(
      index,
      () =>
        index.addAll([
          { id: 'a', body: 'دریا' },
          { id: 'huge', title: huge },
        ]),
      InvalidDocumentError,
    )
    expectRejectedUnchanged(index, () => index.replace({ id: 1, body: huge }), InvalidDocumentError)
    await expectRejectedUnchangedAsync(
      index,
      () =>
        index.addAllAsync([
          { id: 'a', body: 'دریا' },
          { id: 'huge', body: huge },
        ]),
      InvalidDocumentError,
    )
    expect(performance.now() - start).toBeLessThan(5000)
    expect(() => index.add({ id: 'huge', body: huge })).toThrow(/maxFieldLength is 1000000/)
  })

  it('indexes a field of exactly maxFieldLength (one giant word) in bounded time', () => {
    const index = new SearchIndex({ fields: ['body'] })
    const start = performance.now()
    index.add({ id: 'max', body: `دریا ${'ب'.repeat(DEFAULT_MAX_FIELD_LENGTH - 5)}` })
    expect(performance.now() - start).toBeLessThan(10_000)
    expect(index.search('دریا').map((hit) => hit.id)).toEqual(['max'])
    expect(() => index.add({ id: 'over', body: 'ب'.repeat(DEFAULT_MAX_FIELD_LENGTH + 1) })).toThrow(
      InvalidDocumentError,
    )
  })
})

describe('hostile queries are fast and sane and never throw', () => {
  const index = newsIndex()
  let queriesRun = 0
  let slowest = 0
  afterAll(() => {
    report(`${count(queriesRun)} hostile queries (search/suggest/facets), slowest ${slowest.toFixed(0)} ms`)
  })

  /** Runs `query` through search, suggest and facets and checks the hits are sane. */
  function probe(query: string, options: Record<string, unknown>): unknown[] {
    const start = performance.now()
    const limit = (options.limit as number | undefined) ?? 10
    const hits = index.search(query, options)
    index.suggest(query, options)
    index.facets(query, FACETS, options)
    const elapsed = performance.now() - start
    slowest = Math.max(slowest, elapsed)
    queriesRun++
    expect(elapsed).toBeLessThan(2000)
    expect(hits.length).toBeLessThanOrEqual(limit)
    expect(new Set(hits.map((hit) => hit.id)).size).toBe(hits.length)
    for (let i = 0; i < hits.length; i++) {
      expect(index.has(hits[i].id)).toBe(true)
      expect(Number.isFinite(hits[i].score) && hits[i].score > 0).toBe(true)
      if (i > 0) expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score)
    }
    return hits
  }

  const syntax = [
    '"',
    '«',
    '»',
    '“',
    '”',
    '-',
    '--',
    '+',
    '*',
    '?',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ':',
    '^',
    '~',
    '\\',
    '/',
    '|',
    '&',
    '!',
    ' ',
    '  ',
    '\n',
    '\t',
  ]
  const marks = [
    '\u064b',
    '\u064e',
    '\u0650',
    '\u0651',
    '\u0652',
    '\u0670',
    '\u0640',
    '\u200c',
    '\u200d',
    '\u0301',
  ]
  const stopWords = ['و', 'از', 'در', 'به', 'که', 'را', 'با', 'این', 'آن', 'في', 'من', 'على']
  const pieces = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...syntax) },
    { weight: 3, arbitrary: fc.constantFrom(...VOCABULARY) },
    { weight: 2, arbitrary: fc.constantFrom(...stopWords) },
    { weight: 2, arbitrary: fc.constantFrom(...marks) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udc00', '\u0000', '\u202e', '😀', '۱۴۰۲', '2024') },
  )
  const query = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''))
  const searchOptions = fc.record(
    {
      prefix: fc.boolean(),
      fuzzy: fc.oneof(fc.boolean(), fc.integer({ min: 0, max: 3 })),
      combineWith: fc.constantFrom('or' as const, 'and' as const),
      limit: fc.constantFrom(1, 10, Number.POSITIVE_INFINITY),
      maxQueryTerms: fc.constantFrom(undefined, 1, 64, 1000),
    },
    { requiredKeys: [] },
  )

  it('random mixes of syntax, words, stop words, marks and junk', () => {
    fc.assert(
      fc.property(query, searchOptions, (text, options) => {
        probe(text, options)
      }),
      { numRuns: 600 },
    )
  })

  it('empty, stop-word-only, diacritic-only, punctuation-only and syntax-only queries find nothing', () => {
    const empty = [
      '',
      ' \t\n ',
      stopWords.join(' '),
      'و از به در که را',
      marks.join(''),
      marks.join(' '),
      '!!! ؟؟ ،، ... «» “” —',
      syntax.join(''),
      '"" «» -"" -«» - -- ---',
      '"و از" -"به در"',
    ]
    for (const text of empty) {
      for (const options of [{}, { combineWith: 'and' }, { prefix: true, fuzzy: true }]) {
        expect(probe(text, options)).toEqual([])
      }
    }
  })

  it('a 10,000-term query is fast and answers like its first maxQueryTerms terms', () => {
    const contentWords = VOCABULARY.filter((word) => !stopWords.includes(word) && word !== 'بس')
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...contentWords, 'ناشناخته', 'قلمها'), {
          minLength: 10_000,
          maxLength: 10_000,
        }),
        (words) => {
          const text = words.join(' ')
          for (const options of [{}, { fuzzy: true, prefix: true }, { combineWith: 'and' as const }]) {
            const hits = probe(text, { ...options, limit: Number.POSITIVE_INFINITY })
            const head = index.search(words.slice(0, 64).join(' '), {
              ...options,
              limit: Number.POSITIVE_INFINITY,
            })
            expect(hits).toEqual(head)
          }
        },
      ),
      { numRuns: 8 },
    )
  })

  it('megabyte queries of words, one word, quotes, exclusions or mixed syntax take milliseconds', () => {
    const megabyte = 1 << 20
    const fill = (unit: string) => unit.repeat(Math.ceil(megabyte / unit.length)).slice(0, megabyte)
    for (const text of [
      fill(`${VOCABULARY.join(' ')} `),
      fill('ب'),
      fill('"'),
      fill('-'),
      fill('"a -'),
      fill('-دریا -"کوه باغ" '),
      fill('«»'),
      fill('\u064b'),
      fill('\ud800'),
    ]) {
      for (const options of [{}, { prefix: true, fuzzy: true }, { combineWith: 'and' }]) probe(text, options)
    }
  })
})

function circular(): Record<string, unknown> {
  const value: Record<string, unknown> = { id: 'n', body: 'دریا' }
  const loop: Record<string, unknown> = {}
  loop.self = loop
  value.source = loop
  return value
}

describe('addAll stays all-or-none when indexing itself fails midway', () => {
  it('an unexpected error after some documents of the batch leaves the index exactly as before', async () => {
    const { vi } = await import('vitest')
    const { InvertedIndex } = await import('../../src/index/inverted-index')
    const { SearchIndex: Index } = await import('../../src/index')
    const finishDocument = InvertedIndex.prototype.finishDocument
    for (const start of [[], [{ id: 'old', body: 'دریا و کوه' }]]) {
      const index = new Index({ fields: ['body'] })
      index.addAll(start)
      const before = index.save()
      let calls = 0
      // The third document of the batch fails inside indexing (after validation passed).
      const failing = vi.spyOn(InvertedIndex.prototype, 'finishDocument').mockImplementation(function (
        this: InstanceType<typeof InvertedIndex>,
        ...args: Parameters<InstanceType<typeof InvertedIndex>['finishDocument']>
      ) {
        if (++calls === 3) throw new Error('simulated failure inside indexing')
        return finishDocument.apply(this, args)
      })
      const batch = [1, 2, 3, 4].map((i) => ({ id: i, body: `خبر شماره ${i} درباره دریا` }))
      try {
        expect(() => index.addAll(batch)).toThrow('simulated failure')
      } finally {
        failing.mockRestore()
      }
      expect(index.save()).toEqual(before)
      expect(index.size).toBe(start.length)
      expect(index.search('دریا').map((hit) => hit.id)).toEqual(start.map((doc) => doc.id))
      index.addAll(batch)
      expect(index.size).toBe(start.length + 4)
    }
  })
})
