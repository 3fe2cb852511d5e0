import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RANKING, InvalidOptionsError, SearchIndex } from '../../src/index'
import { type RandomDocument, referenceSearch, VOCABULARY } from './helpers'

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...VOCABULARY), { minLength: min, maxLength: max }).map((list) => list.join(' '))

const corpus = fc
  .array(fc.record({ title: words(0, 4), body: words(0, 30) }), { minLength: 1, maxLength: 25 })
  .map((documents) => documents.map((document, i): RandomDocument => ({ id: i, ...document })))

function expectSameRanking(
  actual: { id: string | number; score: number }[],
  expected: { id: string | number; score: number }[],
  limit: number,
) {
  const top = expected.slice(0, limit)
  expect(actual.map((hit) => hit.score)).toHaveLength(top.length)
  actual.forEach((hit, i) => {
    expect(hit.score).toBeCloseTo(top[i].score, 9)
  })
  // Ids must agree wherever the score is not tied with a neighbour.
  const scoreOf = new Map(expected.map((hit) => [hit.id, hit.score]))
  actual.forEach((hit) => {
    expect(scoreOf.get(hit.id)).toBeCloseTo(hit.score, 9)
  })
}

describe('search ranking agrees with a brute-force BM25F reference', () => {
  it('top-k scores and ids match on random corpora and queries (or / and, boosts, k1, b, coordination, lead, title match)', () => {
    fc.assert(
      fc.property(
        corpus,
        words(1, 4),
        fc.constantFrom<'or' | 'and'>('or', 'and'),
        fc.double({ min: 0.5, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0, 0.5, 2),
        fc.constantFrom(0, 0.5, 1),
        fc.constantFrom(0, 1, 3, 15),
        fc.constantFrom(0, 1, 2.5),
        fc.constantFrom(0, DEFAULT_RANKING.titleMatch, 2),
        (
          documents,
          query,
          combineWith,
          titleBoost,
          k1,
          b,
          proximityWeight,
          coordination,
          leadWords,
          leadBoost,
          titleMatch,
        ) => {
          const index = new SearchIndex({
            fields: ['title', 'body'],
            language: 'fa',
            boost: { title: titleBoost },
            ranking: { k1, b, proximityWeight, coordination, leadBoost, titleMatch },
            leadWords,
          })
          index.addAll(documents)
          const limit = 7
          const actual = index.search(query, { combineWith, limit })
          const expected = referenceSearch(documents, query, {
            fields: ['title', 'body'],
            boosts: [titleBoost, 1],
            k1,
            b,
            proximityWeight,
            proximityWindow: 5,
            coordination,
            combineWith,
            language: 'fa',
            leadWords,
            leadBoost,
            titleMatch,
          })
          expectSameRanking(actual, expected, limit)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('searching one field ignores the others', () => {
    fc.assert(
      fc.property(corpus, words(1, 3), (documents, query) => {
        const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa' })
        index.addAll(documents)
        const actual = index.search(query, { fields: ['body'], limit: Number.POSITIVE_INFINITY })
        const expected = referenceSearch(documents, query, {
          fields: ['title', 'body'],
          boosts: [0, 1],
          k1: DEFAULT_RANKING.k1.fa, // the index's default for Persian documents
          b: 0.75,
          proximityWeight: 0.5,
          proximityWindow: 5,
          combineWith: 'or',
          language: 'fa',
          // The lead field repeats every field's start: a search of some fields leaves it out.
          leadWords: 0,
        })
        expectSameRanking(actual, expected, expected.length)
      }),
      { numRuns: 60 },
    )
  })

  it('ranks a document with the words together above one with them far apart (proximity bonus)', () => {
    const filler = 'باغ کوه ابر باران شهر خانه کتاب دفتر'
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'far', body: `دریا ${filler} ستاره` },
      { id: 'near', body: `دریا ستاره ${filler}` },
      { id: 'reversed', body: `ستاره دریا ${filler}` },
    ])
    expect(index.search('دریا ستاره').map((hit) => hit.id)).toEqual(['near', 'reversed', 'far'])
  })

  it('gives the proximity bonus between two phrases by where each phrase is', () => {
    const filler = 'باغ کوه ابر باران دفتر قلم'
    // No lead field: it holds the first half of each text, which is not the same words in the three.
    const index = new SearchIndex({ fields: ['body'], language: 'fa', leadWords: 0 })
    index.addAll([
      { id: 'far', body: `دریا آبی ${filler} ستاره روشن` },
      { id: 'near', body: `دریا آبی ستاره روشن ${filler}` },
      { id: 'reversed', body: `ستاره روشن دریا آبی ${filler}` },
    ])
    const hits = index.search('"دریا آبی" "ستاره روشن"')
    expect(hits.map((hit) => hit.id)).toEqual(['near', 'reversed', 'far'])
    // Same terms and lengths: the differences are the bonus, 0.5 × closeness (1 in order, 0.5 reversed,
    // 0 beyond the window) × the smaller phrase score.
    const score = (id: string) => hits.find((hit) => hit.id === id)!.score
    const bonus = score('near') - score('far')
    expect(bonus).toBeGreaterThan(0)
    expect(score('reversed') - score('far')).toBeCloseTo(bonus / 2, 9)
  })

  it('scales the proximity bonus of a document lacking query words by the share of their idf it holds', () => {
    const filler = 'باغ کوه ابر باران دفتر قلم'
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'two', body: `دریا ستاره ${filler}` },
      { id: 'whale', body: `نهنگ ${filler}` },
      { id: 'none', body: filler },
      { id: 'none2', body: filler },
    ])
    // The bonus is what proximityWeight adds. Each of the three query words is in one document of four
    // (equal idf): 'two' holds two thirds of the query's idf, so it keeps two thirds of its bonus for the
    // pair it holds (the clause scores of دریا and ستاره are the same in both queries).
    const bonusOf = (query: string) => {
      const score = (proximityWeight: number) =>
        index.search(query, { ranking: { proximityWeight } }).find((hit) => hit.id === 'two')!.score
      return score(0.5) - score(0)
    }
    const whole = bonusOf('دریا ستاره')
    expect(whole).toBeGreaterThan(0)
    expect(bonusOf('دریا ستاره نهنگ')).toBeCloseTo((whole * 2) / 3, 9)
    // Words in no document take no share.
    expect(bonusOf('دریا ستاره زرافه')).toBeCloseTo(whole, 9)
  })

  it('averages a field over the documents that have it: a field most leave empty is not a short one', () => {
    const filler = 'باغ کوه ابر باران دفتر قلم'
    const build = (otherSummary: string) => {
      const index = new SearchIndex({ fields: ['body', 'summary'], language: 'fa', leadWords: 0 })
      index.add({ id: 'whale', body: filler, summary: 'نهنگ دریا' })
      for (let i = 0; i < 8; i++) index.add({ id: i, body: filler, summary: otherSummary })
      return index
    }
    const scoreOf = (index: SearchIndex) => index.search('نهنگ').find((hit) => hit.id === 'whale')!.score
    // Every summary two words long, or only the whale's: its summary is of average length either way (with
    // the average over all nine documents, 2/9 of a word, it would count as nine times too long).
    const sparse = build('')
    const full = scoreOf(build('ستاره ماه'))
    expect(scoreOf(sparse)).toBeCloseTo(full, 9)
    // Removing a document without the field changes N, not the average; a saved index keeps both.
    sparse.remove(0)
    const afterRemove = scoreOf(sparse)
    const fullAfterRemove = build('ستاره ماه')
    fullAfterRemove.remove(0)
    expect(afterRemove).toBeCloseTo(scoreOf(fullAfterRemove), 9)
    expect(scoreOf(SearchIndex.load(sparse.save()))).toBeCloseTo(afterRemove, 9)
  })

  it('ranks the document whose whole title the query names first (title-match bonus); options and save', () => {
    const documents = [
      // Mentions every query word, more often, in a body about something else.
      {
        id: 'mentions',
        title: 'تاریخ اروپا',
        body: 'جنگ جهانی دوم در اروپا آغاز شد و جنگ جهانی دوم شهرها را ویران کرد',
      },
      { id: 'subject', title: 'جنگ جهانی دوم', body: 'نبردی بزرگ که شهرها را ویران کرد' },
      // Holds two of the title's three words: no bonus.
      { id: 'partial', title: 'جنگ جهانی اول', body: 'نبردی بزرگ در اروپا' },
    ]
    const ids = (ranking?: object, fields = ['title', 'body']) => {
      const index = new SearchIndex({ fields, language: 'fa', ranking })
      index.addAll(documents)
      return index.search('جنگ جهانی دوم').map((hit) => hit.id)
    }
    expect(ids()[0]).toBe('subject')
    expect(ids({ titleMatch: 0 })[0]).toBe('mentions')
    expect(ids({ titleField: null })[0]).toBe('mentions')
    // Another field may be the title; without a field named title there is none unless named.
    expect(ids({ titleField: 'heading' }, ['heading', 'body'])[0]).toBe('mentions')
    const renamed = documents.map(({ title, ...rest }) => ({ ...rest, heading: title }))
    const byHeading = (ranking?: object) => {
      const index = new SearchIndex({ fields: ['heading', 'body'], language: 'fa', ranking })
      index.addAll(renamed)
      return index.search('جنگ جهانی دوم').map((hit) => hit.id)
    }
    expect(byHeading()[0]).toBe('mentions')
    expect(byHeading({ titleField: 'heading' })[0]).toBe('subject')
    // A word the query repeats covers its title occurrences once: `جنگ جنگ` does not name `جنگ جهانی دوم`.
    const score = (query: string, titleMatch: number) => {
      const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa', ranking: { titleMatch } })
      index.addAll(documents)
      return index.search(query).find((hit) => hit.id === 'subject')?.score
    }
    expect(score('جنگ جنگ جهانی', 0.6)).toBe(score('جنگ جنگ جهانی', 0))
    expect(score('جنگ جهانی دوم دوم', 0.6)).toBeGreaterThan(score('جنگ جهانی دوم دوم', 0) ?? 0)
    // Per query too, and saved with the index.
    const index = new SearchIndex({ fields: ['title', 'body'], language: 'fa', ranking: { titleMatch: 0 } })
    index.addAll(documents)
    expect(index.search('جنگ جهانی دوم', { ranking: { titleMatch: 0.6 } })[0].id).toBe('subject')
    const loaded = SearchIndex.load(index.save())
    expect(loaded.search('جنگ جهانی دوم')).toEqual(index.search('جنگ جهانی دوم'))
    expect(loaded.search('جنگ جهانی دوم')[0].id).toBe('mentions')
    // Bad values are typed errors.
    for (const ranking of [
      { titleField: 'body2' },
      { titleField: 3 },
      { titleMatch: -1 },
      { titleMatch: 'x' },
    ]) {
      expect(() => new SearchIndex({ fields: ['title', 'body'], ranking: ranking as object })).toThrow(
        InvalidOptionsError,
      )
    }
  })

  it('rewards matching more query words (coordination) in OR mode', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'one', body: 'دریا دریا دریا دریا' },
      { id: 'both', body: 'دریا جنگل' },
    ])
    expect(index.search('دریا جنگل').map((hit) => hit.id)).toEqual(['both', 'one'])
    expect(index.search('دریا جنگل', { combineWith: 'and' }).map((hit) => hit.id)).toEqual(['both'])
  })

  it('k1 follows the document language: a number for all, or { fa, ar, other }; saved with the index', () => {
    const documents = [
      { id: 'fa1', body: 'کتاب کتاب کتاب کتاب باغ پدر' },
      { id: 'fa2', body: 'کتاب باغ' },
      { id: 'ar1', body: 'كتاب كتاب كتاب كتاب الحديقة والدار' },
      { id: 'ar2', body: 'كتاب في الدار' },
      { id: 'en1', body: 'book book book' },
    ]
    const scores = (k1: unknown): Record<string, number> => {
      const index = new SearchIndex({ fields: ['body'], ranking: { k1: k1 as number } })
      index.addAll(documents)
      const byId = (q: string): Record<string, number> =>
        Object.fromEntries(index.search(q, { limit: 10 }).map((hit) => [hit.id, hit.score]))
      return { ...byId('کتاب'), ...byId('book') }
    }
    const uniform = scores(1.2)
    const perLanguage = scores({ fa: 3, ar: 1.2, other: 0.5 })
    // Arabic documents keep k1 1.2, Persian and other ones change.
    expect(perLanguage.ar1).toBeCloseTo(uniform.ar1, 12)
    expect(perLanguage.ar2).toBeCloseTo(uniform.ar2, 12)
    expect(perLanguage.fa1).not.toBeCloseTo(uniform.fa1, 6)
    expect(perLanguage.en1).not.toBeCloseTo(uniform.en1, 6)
    // The defaults: Persian documents score as with k1 2, Arabic ones as with 1.2.
    const defaults = scores(undefined)
    expect(defaults.fa1).toBeCloseTo(scores({ fa: DEFAULT_RANKING.k1.fa }).fa1, 12)
    expect(defaults.ar1).toBeCloseTo(uniform.ar1, 12)
    // Saved and loaded with the index, coordination included.
    const index = new SearchIndex({ fields: ['body'], ranking: { k1: { fa: 3 }, coordination: 1 } })
    index.addAll(documents)
    const loaded = SearchIndex.load(index.save())
    expect(loaded.search('کتاب باغ')).toEqual(index.search('کتاب باغ'))
    // Bad values are typed errors.
    for (const k1 of [{ fr: 1 }, { fa: -1 }, { ar: Number.NaN }, 'x', null]) {
      expect(() => new SearchIndex({ fields: ['body'], ranking: { k1: k1 as unknown as number } })).toThrow(
        InvalidOptionsError,
      )
    }
  })

  it('a joined compound clause never outweighs the words it stands for (rare joined spellings)', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'typo', body: 'گزارش درایران امروز' }, // a missing space: a rare term with a high idf
      { id: 'plain', body: 'گزارش ایران امروز' },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `n${i}`, body: `ایران خبر ${i}` })),
    ])
    const hits = index.search('در ایران', { limit: 30 })
    const rank = (id: string) => hits.findIndex((hit) => hit.id === id)
    // Still found through the joined reading, but scored like the word ایران, not like a rare word.
    expect(rank('typo')).toBeGreaterThanOrEqual(0)
    const typo = hits[rank('typo')].score
    const plain = hits[rank('plain')].score
    expect(typo).toBeLessThanOrEqual(plain * 1.0000001)
  })

  it('a query word matches its two halves written apart, never above the word itself', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'split', body: 'کتاب خانه بزرگ' },
      { id: 'joined', body: 'کتابخانه بزرگ امروز' },
      ...Array.from({ length: 6 }, (_, i) => ({ id: `j${i}`, body: `کتابخانه شهر ${i}` })),
      // The halves are words of their own, in more documents than the compound.
      ...Array.from({ length: 10 }, (_, i) => ({ id: `w${i}`, body: `کتاب تازه و خانه قدیمی ${i}` })),
    ])
    const hits = index.search('کتابخانه', { limit: 30 })
    const score = (id: string) => hits.find((hit) => hit.id === id)?.score ?? -1
    // Found through the split reading, scored at most like the word کتابخانه (same length, one occurrence).
    expect(score('split')).toBeGreaterThan(0)
    expect(score('split')).toBeLessThanOrEqual(score('joined') * (1 + 1e-9))
    // Documents holding only one half are no match.
    expect(hits.some((hit) => String(hit.id).startsWith('w'))).toBe(false)
  })

  it('a query word is not split into a fragment rarer than the word itself', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      // کت and اب are index terms, but each in fewer documents than کتاب: کتاب is not "کت اب".
      { id: 'fragments', body: 'کت اب سرد' },
      ...Array.from({ length: 5 }, (_, i) => ({ id: `b${i}`, body: `کتاب داستان ${i}` })),
      { id: 'halves', body: 'کت و اب' },
    ])
    expect(index.search('کتاب', { limit: 30 }).map((hit) => hit.id)).not.toContain('fragments')
    // As a phrase typed apart, the same words still match.
    expect(index.search('"کت اب"').map((hit) => hit.id)).toEqual(['fragments'])
    // With the halves more common than the word, the split reading is proposed.
    index.addAll(Array.from({ length: 6 }, (_, i) => ({ id: `f${i}`, body: `کت نو ${i} و اب سرد` })))
    expect(index.search('کتاب', { limit: 30 }).map((hit) => hit.id)).toContain('fragments')
  })
})
