/**
 * The hidden lead field (`leadWords`, `ranking.leadBoost`): the first words of each field count once more.
 * Its scores are checked against the brute-force model in ranking.test.ts; here, what a user sees.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_LEAD_WORDS, DEFAULT_RANKING, InvalidOptionsError, SearchIndex } from '../../src/index'
import { leadLength, MIN_LEAD_WORDS } from '../../src/search-index'

const filler = 'باغ کوه ابر باران شهر خانه کتاب دفتر میز صندلی پنجره دیوار'.split(' ')
/** `count` filler words (no word of the queries below). */
const words = (count: number) => Array.from({ length: count }, (_, i) => filler[i % filler.length]).join(' ')

describe('lead field', () => {
  it('is on by default: a word among the first words ranks above the same word further down', () => {
    expect(DEFAULT_LEAD_WORDS).toBe(15)
    expect(DEFAULT_RANKING.leadBoost).toBe(1.25)
    const documents = [
      { id: 'deep', body: `${words(30)} زلزله ${words(9)}` },
      { id: 'lead', body: `${words(5)} زلزله ${words(34)}` },
    ]
    const index = new SearchIndex({ fields: ['body'] })
    index.addAll(documents)
    const hits = index.search('زلزله')
    expect(hits.map((hit) => hit.id)).toEqual(['lead', 'deep'])
    expect(hits[0].score).toBeGreaterThan(hits[1].score)
    // Without it (or with its weight at 0), the two documents are alike for BM25: same length, same tf.
    for (const options of [{ leadWords: 0 }, {}]) {
      const plain = new SearchIndex({ fields: ['body'], ...options })
      plain.addAll(documents)
      const query = 'leadWords' in options ? {} : { ranking: { leadBoost: 0 } }
      const [first, second] = plain.search('زلزله', query)
      expect(first.score).toBeCloseTo(second.score, 12)
    }
  })

  it('leadBoost 0 scores exactly as an index without a lead field', () => {
    const documents = Array.from({ length: 30 }, (_, i) => ({
      id: i,
      title: i % 3 === 0 ? 'زلزله بم' : words(2),
      body: `${words(i % 7)} زلزله ${words(i % 11)} بم ${words(20)}`,
    }))
    const withLead = new SearchIndex({ fields: ['title', 'body'] })
    const without = new SearchIndex({ fields: ['title', 'body'], leadWords: 0 })
    withLead.addAll(documents)
    without.addAll(documents)
    for (const query of ['زلزله', 'زلزله بم', '"زلزله بم"', 'بم کوه']) {
      const a = withLead.search(query, { ranking: { leadBoost: 0 }, limit: 100 })
      const b = without.search(query, { limit: 100 })
      expect(a.map((hit) => hit.id)).toEqual(b.map((hit) => hit.id))
      for (const [i, hit] of a.entries()) expect(hit.score).toBeCloseTo(b[i].score, 12)
    }
  })

  it('counts only the first leadWords words of each field, and no phrase runs from one field into the next', () => {
    const index = new SearchIndex({ fields: ['title', 'body'], leadWords: 3 })
    index.addAll([
      { id: 'a', title: 'زلزله', body: `بم ${words(10)}` },
      { id: 'b', title: words(1), body: `${words(3)} زلزله بم ${words(6)}` },
    ])
    // The phrase is in b's body (past its lead), and in no single field of a.
    expect(index.search('"زلزله بم"').map((hit) => hit.id)).toEqual(['b'])
    // Each word is in a's lead (title and body), past b's lead: a first.
    expect(index.search('زلزله').map((hit) => hit.id)).toEqual(['a', 'b'])
  })

  it('takes no more than half of a field longer than 12 words: a short text is not all lead', () => {
    expect(MIN_LEAD_WORDS).toBe(6)
    expect([200, 30, 20, 13, 12, 4, 0].map((n) => leadLength(n, DEFAULT_LEAD_WORDS))).toEqual([
      15, 15, 10, 6, 6, 6, 6,
    ])
    expect(leadLength(200, 3)).toBe(3)
    // Twelve words: the first six are lead. A word at position 7 scores as without a lead field, a word at
    // position 5 above that.
    const documents = [
      { id: 'past', body: `${words(7)} زلزله ${words(4)}` },
      { id: 'within', body: `${words(5)} زلزله ${words(6)}` },
      ...Array.from({ length: 8 }, (_, i) => ({ id: i, body: words(12 + i) })),
    ]
    const index = new SearchIndex({ fields: ['body'] })
    index.addAll(documents)
    const score = (id: string, leadBoost?: number) =>
      index
        .search('زلزله', leadBoost === undefined ? {} : { ranking: { leadBoost } })
        .find((hit) => hit.id === id)!.score
    expect(score('past')).toBeCloseTo(score('past', 0), 12)
    expect(score('within')).toBeGreaterThan(score('within', 0))
    expect(index.search('زلزله').map((hit) => hit.id)).toEqual(['within', 'past'])
  })

  it('is left out when a query searches only some fields, and never shows in match or highlights', () => {
    const documents = [
      { id: 'a', title: 'خبر', body: `زلزله ${words(30)}` },
      { id: 'b', title: 'زلزله', body: words(31) },
    ]
    const index = new SearchIndex({ fields: ['title', 'body'], storeFields: ['title', 'body'] })
    const plain = new SearchIndex({ fields: ['title', 'body'], storeFields: ['title', 'body'], leadWords: 0 })
    index.addAll(documents)
    plain.addAll(documents)
    const titleOnly = index.search('زلزله', { fields: ['title'] })
    const plainTitleOnly = plain.search('زلزله', { fields: ['title'] })
    expect(titleOnly.map((hit) => [hit.id, hit.score])).toEqual(
      plainTitleOnly.map((hit) => [hit.id, hit.score]),
    )
    // Naming every field is the default search: the lead field counts.
    const all = index.search('زلزله', { fields: ['title', 'body'] })
    expect(all.map((hit) => hit.score)).toEqual(index.search('زلزله').map((hit) => hit.score))
    expect(all[0].score).toBeGreaterThan(plain.search('زلزله')[0].score)
    for (const hit of index.search('زلزله', { highlight: true })) {
      expect(
        Object.values(hit.match)
          .flat()
          .every((field) => field === 'title' || field === 'body'),
      ).toBe(true)
      expect(Object.keys(hit.highlights ?? {}).every((field) => field === 'title' || field === 'body')).toBe(
        true,
      )
    }
  })

  it('survives save and load with its options (leadWords, leadBoost, b)', () => {
    const documents = Array.from({ length: 20 }, (_, i) => ({
      id: i,
      body: `${words(i % 9)} زلزله ${words(i % 13)} بم ${words(8)}`,
    }))
    for (const options of [
      {},
      { leadWords: 4, ranking: { leadBoost: 2.5, b: 0.4 } },
      { leadWords: 0 },
      { ranking: { b: { body: 0.3 } } },
    ]) {
      const index = new SearchIndex({ fields: ['body'], ...options })
      index.addAll(documents)
      const loaded = SearchIndex.load(index.save())
      for (const query of ['زلزله', 'زلزله بم']) {
        const before = index.search(query, { limit: 50 })
        const after = loaded.search(query, { limit: 50 })
        expect(after.map((hit) => [hit.id, hit.score])).toEqual(before.map((hit) => [hit.id, hit.score]))
      }
      expect(loaded.save()).toEqual(index.save())
    }
  })

  it('rejects bad options with InvalidOptionsError', () => {
    for (const leadWords of [-1, 1.5, 1001, Number.NaN, '3' as unknown as number]) {
      expect(() => new SearchIndex({ fields: ['body'], leadWords })).toThrow(InvalidOptionsError)
    }
    for (const leadBoost of [-1, Number.NaN, 1001]) {
      expect(() => new SearchIndex({ fields: ['body'], ranking: { leadBoost } })).toThrow(InvalidOptionsError)
      const index = new SearchIndex({ fields: ['body'] })
      expect(() => index.search('زلزله', { ranking: { leadBoost } })).toThrow(InvalidOptionsError)
    }
  })
})
