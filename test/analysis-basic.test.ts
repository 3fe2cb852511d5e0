import { describe, expect, it } from 'vitest'
import {
  DETACHED_AFTER_HEH,
  DETACHED_COMPARATIVES,
  DETACHED_PREFIXES,
  DETACHED_SUFFIXES,
} from '../src/analysis/analyzer'
import { getLexicon } from '../src/analysis/lexicon'
import { analyze, analyzeQuery, detectLanguage, normalize } from '../src/index'

const terms = (text: string, options?: Parameters<typeof analyze>[1]) =>
  analyze(text, options).map((t) => t.term)

describe('analyze: the spellings a reader types find each other', () => {
  it('joins ZWNJ, joined and spaced plural forms', () => {
    expect(terms('کتاب‌های ما')).toEqual(['کتاب'])
    expect(terms('کتابهای ما')).toEqual(['کتاب'])
    expect(terms('کتاب های ما')).toEqual(['کتاب'])
  })
  it('joins the verb prefix می in all three spellings', () => {
    const a = terms('می‌خواهم')
    expect(a).toHaveLength(1)
    expect(terms('میخواهم')).toEqual(a)
    expect(terms('می خواهم')).toEqual(a)
  })
  it('joins a stop word and the word it forms a listed compound with across a space, as across a ZWNJ', () => {
    const zwnj = analyze('خبر پیش‌بینی امروز', { language: 'fa' })
    expect(zwnj.map((t) => t.term)).toEqual(['خبر', 'پیشبین', 'امروز'])
    for (const text of ['خبر پیش بینی امروز', 'خبر پيش  بيني امروز', 'خبر پیش\u00a0بینی امروز']) {
      const tokens = analyze(text, { language: 'fa' })
      expect(
        tokens.map((t) => t.term),
        text,
      ).toEqual(['خبر', 'پیشبین', 'امروز'])
      // One word from the stop word's start to the end of the next one, for highlighting.
      expect(text.slice(tokens[1]!.start, tokens[1]!.end).replace(/\s+/u, ' '), text).toMatch(
        /^پ[یي]ش ب[یي]ن[یي]$/u,
      )
      expect(tokens.map((t) => t.position)).toEqual(zwnj.map((t) => t.position))
    }
    // A detached suffix still joins the compound; an unlisted word, a comma or a longer word does not.
    expect(terms('پیش بینی ها', { language: 'fa' })).toEqual(['پیشبین'])
    expect(terms('دو سال پیش کتاب', { language: 'fa' })).toEqual(['دو', 'سال', 'کتاب'])
    expect(terms('پیش، بینی', { language: 'fa' })).toEqual(['بین'])
    expect(terms('پیش بینیی', { language: 'fa' })).not.toContain('پیشبین')
    // Arabic text: no Persian joining.
    expect(terms('بين الملل', { language: 'ar' })).not.toContain('بینالملل')
  })
  it('lists only stop words before words that are no stop word or affix (dictionaries/fa-stop-compounds.txt)', () => {
    const { faStopCompounds, faStopWords } = getLexicon()
    expect(faStopCompounds.size).toBeGreaterThan(10)
    for (const [head, tails] of faStopCompounds) {
      expect(faStopWords.has(head), head).toBe(true)
      expect(DETACHED_PREFIXES.has(head) || DETACHED_SUFFIXES.has(head), head).toBe(false)
      for (const tail of tails) {
        expect(faStopWords.has(tail), tail).toBe(false)
        expect(
          DETACHED_SUFFIXES.has(tail) || DETACHED_COMPARATIVES.has(tail) || DETACHED_AFTER_HEH.has(tail),
          tail,
        ).toBe(false)
        expect(terms(`${head} ${tail}`, { language: 'fa' }), `${head} ${tail}`).toEqual(
          terms(`${head}\u200c${tail}`, { language: 'fa' }),
        )
      }
    }
  })
  it('strips Arabic articles and proclitics', () => {
    expect(terms('الكتاب والكتاب بالكتاب للكتاب وكتاب', { language: 'ar' })).toEqual(Array(5).fill('کتاب'))
  })
  it('drops the alef of the Arabic accusative tanween only where the mark is written, and only in Arabic', () => {
    expect(terms('رئيساً رئيسًا رئيسا عصا أيضاً جداً', { language: 'ar' })).toEqual([
      'رییس',
      'رییس',
      'رییسا',
      'عصا',
    ])
    // The Persian stemmer reads no such alef: کاملاً stays the adverb.
    expect(terms('کاملاً کاملا', { language: 'fa' })).toEqual(['کاملا', 'کاملا'])
  })
  it('keeps names that look inflected', () => {
    expect(terms('ایران تهران میز', { language: 'fa' })).toEqual(['ایران', 'تهران', 'میز'])
  })
  it('detects the language from letters', () => {
    expect(detectLanguage('گفتگوی مقامات')).toBe('fa')
    expect(detectLanguage('المدرسة الكبرى')).toBe('ar')
    expect(detectLanguage('كتاب')).toBeNull()
    // Quranic (Uthmani) text: alef wasla and the Quranic annotation marks are Arabic-only letters, so a
    // verse without ة/ى is still Arabic (it was undecided, then indexed and counted as Persian).
    expect(detectLanguage('بِسْمِ ٱللَّهِ')).toBe('ar')
    expect(detectLanguage('ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ')).toBe('ar')
  })
  it('gives compound alternatives at query time', () => {
    const clauses = analyzeQuery('آتش بس', { language: 'fa' })
    expect(clauses.filter((c) => c.optional).map((c) => c.alternatives)).toEqual([[[normalize('آتشبس')]]])
    // The conjunction و joins nothing, even when the index holds such a spelling (مرگو, ومیر).
    const withAnd = analyzeQuery('مرگ و میر', { language: 'fa', hasTerm: () => true })
    expect(withAnd.filter((c) => c.optional)).toEqual([])
  })
  it('reads an Arabic compound name written joined as its two words, and written apart as one', () => {
    const terms = new Set(['عبد', 'الله', 'عبدالل', 'عزیز', 'عبدالعزیز', 'ربه', 'کتاب', 'کتابالعربی', 'عربی'])
    const hasTerm = (term: string) => terms.has(term)
    const query = (text: string, has = hasTerm) => analyzeQuery(text, { language: 'ar', hasTerm: has })
    const phrases = (text: string, has = hasTerm) =>
      query(text, has)[0].alternatives.filter((a) => a.length > 1)
    // Joined: the head عبد and the ال-word as a phrase, also after the conjunction و.
    expect(query('عبدالله')[0].alternatives).toEqual([['عبدالل'], ['عبد', 'الله']])
    expect(phrases('وعبدالعزيز')).toEqual([['عبد', 'عزیز']])
    // Not when the index lacks a half, after no head, or before no article (عبدربه).
    expect(phrases('عبدالله', (t) => t !== 'الله')).toEqual([])
    expect(phrases('کتابالعربی')).toEqual([])
    expect(phrases('عبدكريم', () => true)).toEqual([])
    // The pairs of dictionaries/ar-compounds.txt, whose second word may go on (کیلو مترات).
    expect(phrases('أبوظبي', () => true)).toEqual([['ابو', 'ظب']])
    expect(phrases('كيلومترات', () => true)).toEqual([['کیلو', 'متر']])
    expect(phrases('فيسكتاب', () => true)).toEqual([])
    // Apart: the joined term as an optional clause, when the index has it.
    const joined = (text: string, has = hasTerm) =>
      query(text, has)
        .filter((c) => c.optional)
        .map((c) => c.alternatives)
    expect(joined('عبد العزيز')).toEqual([[['عبدالعزیز']]])
    expect(joined('عبد العزيز', (t) => t !== 'عبدالعزیز')).toEqual([])
    expect(joined('كتاب العربي')).toEqual([])
    expect(joined('فيس بوك', () => true)).toEqual([[['فیسبوک']]])
    expect(joined('وأبو ظبي', () => true)).toEqual([[['ابوظب']]])
    // An alef written أ begins no article (ألعاب).
    expect(joined('عبد ألعاب', () => true)).toEqual([])
  })
  it('splits a query word into halves only where the index makes that reading likely', () => {
    const splits = (frequency?: Record<string, number>) =>
      analyzeQuery('کتابخانه', {
        language: 'fa',
        hasTerm: () => true,
        documentFrequency: frequency && ((term) => frequency[term] ?? 0),
      })[0].alternatives.filter((a) => a.length === 2)
    // hasTerm alone: every two-term split whose halves are terms, most balanced first (at most two).
    expect(splits()).toHaveLength(2)
    // With frequencies: only halves at least as common as the word itself.
    const common = { کتابخانه: 40, کتاب: 400, خانه: 600, کتابخان: 3, ه: 900, کتا: 1, بخانه: 1 }
    expect(splits(common)).toEqual([['کتاب', 'خانه']])
    expect(splits({ ...common, خانه: 39 })).toEqual([])
    // A word the index lacks is split wherever both halves are in it.
    expect(splits({ ...common, کتابخانه: 0 })).toEqual([
      ['کتاب', 'خانه'],
      ['کتا', 'بخانه'],
    ])
  })
  it('gives the same clauses however queries follow each other, also from inside a hasTerm callback', () => {
    const queries = ['لجبران بمصر لكندا', 'کتاب‌ها', 'x'.repeat(3000), 'المدرسة والكتاب', 'لجبران بمصر لكندا']
    const alone = queries.map((q) => JSON.stringify(analyzeQuery(q, { hasTerm: () => true })))
    // A long query in between (the reused buffer grows, then shrinks) changes nothing.
    expect(queries.map((q) => JSON.stringify(analyzeQuery(q, { hasTerm: () => true })))).toEqual(alone)
    const nested: string[] = []
    const outer = analyzeQuery('لجبران بمصر لكندا', {
      hasTerm: () => {
        if (nested.length < 3) nested.push(JSON.stringify(analyzeQuery('کتاب‌ها', { hasTerm: () => true })))
        return true
      },
    })
    expect(JSON.stringify(outer)).toBe(alone[0])
    expect(nested.length).toBeGreaterThan(0)
    for (const inner of nested) expect(inner).toBe(alone[1])
  })
})
