import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SearchIndex } from '../../src/index'
import { TermDictionary } from '../../src/index/term-dictionary'
import { fuzzyExpansions, prefixExpansions, transpositionExpansions } from '../../src/index/term-expansion'

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]
}

const term = fc.string({
  unit: fc.constantFrom('ا', 'ب', 'پ', 'د', 'ر', 'س', 'ک'),
  minLength: 1,
  maxLength: 6,
})

describe('term expansion from the dictionary', () => {
  it('fuzzy expansion finds exactly the terms within the edit distance (brute force)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(term, { maxLength: 60 }),
        term,
        fc.integer({ min: 1, max: 2 }),
        (terms, query, distance) => {
          const dictionary = TermDictionary.fromTerms(terms)
          const frequencies = new Uint32Array(terms.length).fill(1)
          const found = fuzzyExpansions(dictionary, frequencies, query, distance, 1000)
          const expected = terms.filter((t) => t !== query && levenshtein(t, query) <= distance)
          expect(new Set(found.map((e) => dictionary.termOf(e.termId)))).toEqual(new Set(expected))
          for (const e of found) expect(e.distance).toBe(levenshtein(dictionary.termOf(e.termId), query))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('fuzzy expansion stays exact on denser dictionaries, where whole letter ranges are jumped over', () => {
    // Hundreds of terms over six letters: most prefixes have many continuations, and the walk skips from
    // one allowed letter to the next (at distance 1, after a first letter x ≠ q₀ only x·q₀ and x·q₁).
    const denseTerm = fc.string({
      unit: fc.constantFrom('ا', 'ب', 'پ', 'د', 'ر', 'س'),
      minLength: 1,
      maxLength: 8,
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(denseTerm, { minLength: 100, maxLength: 400 }),
        denseTerm,
        fc.integer({ min: 1, max: 3 }),
        (terms, query, distance) => {
          const dictionary = TermDictionary.fromTerms(terms)
          const frequencies = new Uint32Array(terms.length).fill(1)
          const found = fuzzyExpansions(dictionary, frequencies, query, distance, 100_000)
          const expected = terms.filter((t) => t !== query && levenshtein(t, query) <= distance)
          expect(new Set(found.map((e) => dictionary.termOf(e.termId)))).toEqual(new Set(expected))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('prefix expansion finds exactly the longer terms that start with the prefix (brute force)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(term, { maxLength: 60 }), term, (terms, prefix) => {
        const dictionary = TermDictionary.fromTerms(terms)
        const frequencies = Uint32Array.from(terms, (_, i) => (i % 3 === 0 ? 0 : i))
        const found = prefixExpansions(dictionary, frequencies, prefix, 1000)
        const expected = terms.filter(
          (t, i) => t.length > prefix.length && t.startsWith(prefix) && frequencies[i] > 0,
        )
        expect(new Set(found.map((e) => dictionary.termOf(e.termId)))).toEqual(new Set(expected))
      }),
      { numRuns: 300 },
    )
  })

  it('prefix expansion keeps the `limit` most frequent completions in order, ties by term id (brute force)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(term, { maxLength: 80 }),
        term,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (terms, prefix, limit, spread) => {
          const dictionary = TermDictionary.fromTerms(terms)
          // Few distinct frequencies: many ties.
          const frequencies = Uint32Array.from(terms, (_, i) => (i * 7) % (spread + 1))
          const found = prefixExpansions(dictionary, frequencies, prefix, limit).map((e) => e.termId)
          const expected = terms
            .map((t, i) => ({ t, i }))
            .filter(({ t, i }) => t.length > prefix.length && t.startsWith(prefix) && frequencies[i] > 0)
            .map(({ t }) => dictionary.idOf(t))
            .sort((a, b) => frequencies[b] - frequencies[a] || a - b)
            .slice(0, limit)
          expect(found).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('prefix expansion lists longer terms with the prefix, most frequent first', () => {
    const dictionary = TermDictionary.fromTerms(['کتاب', 'کتابخانه', 'کتابدار', 'کت', 'دفتر'])
    const frequencies = Uint32Array.from([5, 3, 9, 1, 4])
    expect(
      prefixExpansions(dictionary, frequencies, 'کتاب', 10).map((e) => dictionary.termOf(e.termId)),
    ).toEqual(['کتابدار', 'کتابخانه'])
    expect(
      prefixExpansions(dictionary, frequencies, 'کت', 1).map((e) => dictionary.termOf(e.termId)),
    ).toEqual(['کتابدار'])
  })

  it('a prefix expands to the 20 most frequent terms by default, to maxExpansions when given', () => {
    const index = new SearchIndex({ fields: ['body'] })
    // 30 completions of "zeta": completion i is in i + 1 documents, so the 20 most frequent are 10 … 29.
    const docs: { id: string; body: string }[] = []
    for (let i = 0; i < 30; i++)
      for (let d = 0; d <= i; d++)
        docs.push({ id: `${i}-${d}`, body: `zeta${String.fromCharCode(97 + (i % 26))}${i}` })
    index.addAll(docs)
    const completions = (options: { maxExpansions?: number }) =>
      new Set(
        index
          .search('zeta', { prefix: true, limit: 1000, ...options })
          .map((hit) => String(hit.id).split('-')[0]),
      )
    const byDefault = completions({})
    expect(byDefault.size).toBe(20)
    for (let i = 10; i < 30; i++) expect(byDefault.has(String(i))).toBe(true)
    expect(completions({ maxExpansions: 50 }).size).toBe(30)
    expect(completions({ maxExpansions: 5 }).size).toBe(5)
  })

  it('پدر never matches بدر unless fuzzy is asked for; fuzzy ranks the exact match first', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'moon', body: 'بدر' },
      { id: 'father', body: 'پدر' },
    ])
    expect(index.search('پدر').map((hit) => hit.id)).toEqual(['father'])
    expect(index.search('پدر', { fuzzy: true }).map((hit) => hit.id)).toEqual(['father', 'moon'])
    expect(index.search('پدر', { fuzzy: 0 }).map((hit) => hit.id)).toEqual(['father'])
    expect(index.search('پ', { prefix: true }).map((hit) => hit.id)).toEqual(['father'])
  })

  it('a word of 4+ letters that matches no index term falls back to edit distance 1 unless fuzzy is set', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'ar' })
    index.addAll([
      { id: 'mauritania', body: 'عاصمة موريتانيا نواكشوط' },
      { id: 'heart', body: 'أمراض القلب' },
      { id: 'other', body: 'مدينة كبيرة' },
    ])
    // موريطانيا (a common misspelling) matches nothing exactly: its neighbour موريتانيا is found.
    expect(index.search('موريطانيا').map((hit) => hit.id)).toEqual(['mauritania'])
    // Weighted like a fuzzy match: below an exact match of another word of the query.
    expect(index.search('موريطانيا القلب').map((hit) => hit.id)).toEqual(['heart', 'mauritania'])
    // Off when the caller sets fuzzy (false or 0); fuzzy: true expands as before.
    expect(index.search('موريطانيا', { fuzzy: false })).toEqual([])
    expect(index.search('موريطانيا', { fuzzy: 0 })).toEqual([])
    expect(index.search('موريطانيا', { fuzzy: true }).map((hit) => hit.id)).toEqual(['mauritania'])
    // Not for words of fewer than 4 letters (the index has قلب, not قلت).
    expect(index.search('قلت')).toEqual([])
    // Not for the word being typed: prefix expansion handles it.
    expect(index.search('موريطاني', { prefix: true })).toEqual([])
    expect(index.search('موريطانيا القلب', { prefix: true }).map((hit) => hit.id)).toEqual([
      'heart',
      'mauritania',
    ])
  })

  it('transposition expansion finds exactly the terms one adjacent swap away (brute force)', () => {
    fc.assert(
      fc.property(fc.array(term, { maxLength: 30 }), term, (terms, query) => {
        const dictionary = new TermDictionary()
        for (const t of terms) dictionary.intern(t)
        const frequencies = new Uint32Array(dictionary.size).fill(1)
        const found = transpositionExpansions(dictionary, frequencies, query).map((e) => {
          expect(e.distance).toBe(1)
          return dictionary.termOf(e.termId)
        })
        const expected = new Set<string>()
        for (let i = 0; i + 1 < query.length; i++) {
          if (query[i] === query[i + 1]) continue
          const swapped = query.slice(0, i) + query[i + 1] + query[i] + query.slice(i + 2)
          if (terms.includes(swapped)) expected.add(swapped)
        }
        expect(new Set(found)).toEqual(expected)
        expect(found).not.toContain(query)
      }),
    )
  })

  it('the fallback also matches a word with two adjacent letters swapped (وزرش → ورزش)', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'sport', body: 'ورزش در مدرسه' },
      { id: 'other', body: 'درس ریاضی' },
    ])
    // Levenshtein distance 2, one transposition: found by the fallback, weighted like a fuzzy match.
    expect(index.search('وزرش').map((hit) => hit.id)).toEqual(['sport'])
    expect(index.search('وزرش')[0].score).toBeLessThan(index.search('ورزش')[0].score)
    // Not when the caller sets fuzzy: 0, and not for words shorter than the fallback's 4 letters.
    expect(index.search('وزرش', { fuzzy: 0 })).toEqual([])
    expect(index.search('رسد')).toEqual([])
  })

  it('a rare word (in at most 3 documents here) also matches its neighbours; a common one does not', () => {
    const docs = (prefix: string, count: number, body: string) =>
      Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, body }))
    const build = (typos: number) => {
      const index = new SearchIndex({ fields: ['body'], language: 'ar' })
      index.addAll([
        ...docs('right', 5, 'عاصمة موريتانيا نواكشوط'),
        ...docs('typo', typos, 'سفر إلى موريطانيا'),
        ...docs('other', 20, 'مدينة كبيرة'),
      ])
      return index
    }
    const ids = (hits: { id: string | number }[]) => hits.map((hit) => String(hit.id))
    // The misspelling is in 3 documents: they rank first (exact), the 5 with the word meant follow.
    const rare = build(3)
    const hits = ids(rare.search('موريطانيا'))
    expect(hits.slice(0, 3).sort()).toEqual(['typo0', 'typo1', 'typo2'])
    expect(hits.slice(3).sort()).toEqual(['right0', 'right1', 'right2', 'right3', 'right4'])
    expect(rare.search('موريطانيا')[3].score).toBeLessThan(rare.search('موريطانيا')[2].score)
    // The common spelling (5 documents) does not match the misspelling.
    expect(ids(rare.search('موريتانيا')).sort()).toEqual(['right0', 'right1', 'right2', 'right3', 'right4'])
    // Off when the caller sets fuzzy.
    expect(ids(rare.search('موريطانيا', { fuzzy: false })).sort()).toEqual(['typo0', 'typo1', 'typo2'])
    // In 4 documents of 28 the word is no longer rare: exact matches only.
    expect(ids(build(4).search('موريطانيا')).sort()).toEqual(['typo0', 'typo1', 'typo2', 'typo3'])
  })

  it('of several rare words, only the rarest also matches its neighbours (one dictionary walk)', () => {
    const index = new SearchIndex({ fields: ['body'] })
    const many = (id: string, body: string) =>
      Array.from({ length: 5 }, (_, i) => ({ id: `${id}${i}`, body }))
    index.addAll([
      { id: 'typo1', body: 'mauritanya' }, // the rarest word: in one document
      { id: 'typo2a', body: 'saharra' }, // in two
      { id: 'typo2b', body: 'saharra' },
      ...many('mauritania', 'mauritania'), // a neighbour of the first
      ...many('sahara', 'sahara'), // a neighbour of the second
    ])
    const ids = (query: string) => index.search(query, { limit: 100 }).map((hit) => String(hit.id))
    const both = ids('mauritanya saharra')
    expect(both.slice(0, 3).sort()).toEqual(['typo1', 'typo2a', 'typo2b'])
    expect(both.filter((id) => id.startsWith('mauritania'))).toHaveLength(5)
    expect(both.filter((id) => id.startsWith('sahara'))).toHaveLength(0)
    // Alone, the second word is the rarest and gets its neighbours.
    expect(ids('saharra').filter((id) => id.startsWith('sahara'))).toHaveLength(5)
  })
})

describe('sorted term order kept up to date as terms are added', () => {
  it('after each batch of new terms, the order equals a full sort (property)', () => {
    const word = fc.string({
      // High code units too: the first sort orders 64-bit keys of the first two units, unsigned.
      unit: fc.constantFrom('ا', 'ب', 'پ', 'ت', 'س', 'ش', 'a', 'b', '0', '\ufefb', '\uffff'),
      minLength: 1,
      maxLength: 5,
    })
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 40 }), { maxLength: 6 }), (batches) => {
        const dictionary = new TermDictionary()
        for (const batch of batches) {
          for (const term of batch) dictionary.intern(term)
          const expected = [...dictionary.terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          expect([...dictionary.sortedTermIds()].map((id) => dictionary.termOf(id))).toEqual(expected)
        }
      }),
    )
  })
})
