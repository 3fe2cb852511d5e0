import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type SearchHit, SearchIndex } from '../../src/index'
import { loadSeeds, type SeedDocument } from './helpers'

const seeds = loadSeeds()

type Seed = SeedDocument & { length: number }

function seedIndex(): SearchIndex<Seed> {
  const index = new SearchIndex<Seed>({
    fields: ['title', 'text'],
    storeFields: ['title', 'text', 'lang', 'length'],
    languageField: 'lang',
    boost: { title: 2 },
  })
  index.addAll(seeds!.map((seed) => ({ ...seed, length: seed.text.length })))
  return index
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const ids = (hits: SearchHit<Seed>[]) => hits.map((hit) => hit.id)
const textOf = (id: string | number) => seeds!.find((seed) => seed.id === id)!.text

describe.skipIf(seeds === null)('features on the seed articles (3 Persian, 2 Arabic)', () => {
  const index = seeds === null ? (null as unknown as SearchIndex<Seed>) : seedIndex()

  it('finds a word in both languages through normalisation (غزه / غزة)', () => {
    expect(new Set(ids(index.search('غزه')))).toEqual(
      new Set(['seed-0', 'seed-1', 'seed-2', 'seed-3', 'seed-4']),
    )
    expect(new Set(ids(index.search('غزة', { language: 'ar' })))).toEqual(new Set(['seed-2', 'seed-3']))
  })

  it('matches quoted phrases on positions, in Persian and Arabic', () => {
    const persian = ids(index.search('"نوار غزه"'))
    expect(new Set(persian)).toEqual(
      new Set(seeds!.filter((seed) => seed.text.includes('نوار غزه')).map((seed) => seed.id)),
    )
    // The reversed phrase is not in any article although both words are.
    expect(index.search('"غزه نوار"')).toEqual([])
    const arabic = ids(index.search('"الخارجية الروسية"'))
    expect(new Set(arabic)).toEqual(new Set(['seed-2', 'seed-3']))
  })

  it('excludes documents with -term and -"phrase"', () => {
    // Exactly the documents the word finds are removed from the results.
    for (const word of ['روسیه', 'لاوروف', 'حماس']) {
      const excluded = new Set(ids(index.search(word)))
      expect(excluded.size).toBeGreaterThan(0)
      const expected = ids(index.search('غزه')).filter((id) => !excluded.has(id))
      expect(ids(index.search(`غزه -${word}`))).toEqual(expected)
    }
    const withoutLavrov = ids(index.search('غزه -لاوروف'))
    expect(withoutLavrov.length).toBeGreaterThan(0)
    for (const id of withoutLavrov) expect(textOf(id)).not.toContain('لاوروف')
    const withoutPhrase = ids(index.search('غزه -"نوار غزه"'))
    for (const id of withoutPhrase) expect(textOf(id)).not.toContain('نوار غزه')
    expect(withoutPhrase).toContain('seed-2')
  })

  it('combineWith and requires every word', () => {
    const and = ids(index.search('غزه لاوروف', { combineWith: 'and' }))
    expect(and.length).toBeGreaterThan(0)
    for (const id of and) expect(textOf(id)).toContain('لاوروف')
    expect(index.search('غزه لاوروف').length).toBeGreaterThan(and.length)
  })

  it('prefix search completes the last word; exact search stays exact', () => {
    expect(index.search('لاور')).toEqual([])
    const hits = index.search('لاور', { prefix: true })
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) expect(textOf(hit.id)).toContain('لاوروف')
    expect(Object.keys(hits[0].match).some((term) => term.startsWith('لاور'))).toBe(true)
    const suggestions = index.suggest('لاور')
    expect(suggestions[0].term.startsWith('لاور')).toBe(true)
    // The word as the articles write it.
    expect(suggestions[0].suggestion).toBe('لاوروف')
    expect(seeds!.some((seed) => seed.text.includes(suggestions[0].suggestion))).toBe(true)
    expect(index.suggest('نوار غ').every((s) => s.suggestion.startsWith('نوار غ'))).toBe(true)
  })

  it('suggestions are written as the documents write them, once each', () => {
    const notes = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'fa' })
    notes.addAll([
      { id: 1, body: 'ایستگاه آتشنشانی شهر' },
      { id: 2, body: 'آتشنشانی و اورژانس' },
      { id: 3, body: 'آتشنشانیِ مرکزی' }, // the same word with a kasra: read the same, shown as most write it
      { id: 4, body: 'آتشبس در غزه' },
      { id: 5, body: 'آتش‌سوزی در انبار' }, // a ZWNJ ends a word: آتش is a word of its own here
    ])
    const suggestions = notes.suggest('آتش')
    const firefighting = suggestions.find((s) => s.suggestion === 'آتشنشانی')
    expect(firefighting).toBeDefined()
    // The index term is folded (آ → ا, the adjectival ی removed): the suggestion is not.
    expect(firefighting!.term).not.toBe(firefighting!.suggestion)
    expect(suggestions.map((s) => s.suggestion)).toContain('آتشبس')
    expect(suggestions.map((s) => s.suggestion)).toContain('آتش')
    // One entry per written form.
    const shown = suggestions.map((s) => s.suggestion)
    expect(new Set(shown).size).toBe(shown.length)
    // Without stored text, the index term.
    const bare = new SearchIndex({ fields: ['body'], language: 'fa' })
    bare.addAll([{ id: 1, body: 'آتشنشانی شهر' }])
    const [only] = bare.suggest('آتش')
    expect(only.suggestion).toBe(only.term)
  })

  it('an Arabic suggestion begins with what was typed: proclitics and article before it are left out', () => {
    const news = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'ar' })
    news.addAll([
      { id: 1, body: 'وصلت والكتب الجديدة' },
      { id: 2, body: 'ذهب بالمدرسة أمس' },
    ])
    expect(news.suggest('كت').map((s) => s.suggestion)).toEqual(['كتب'])
    expect(news.suggest('مدر').map((s) => s.suggestion)).toEqual(['مدرسة'])
    // Typed with the article, shown with it; a word whose letters only look like a proclitic stays whole.
    expect(news.suggest('المدر').map((s) => s.suggestion)).toEqual(['المدرسة'])
    news.add({ id: 3, body: 'بلغ الرقم' })
    expect(news.suggest('بلغ').map((s) => s.suggestion)).toEqual(['بلغ'])
  })

  it('a matching document credits every completion it holds, not only its best', () => {
    const one = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'fa' })
    one.add({ id: 'a', body: 'هیئت روسی به روسیه رفت' })
    const suggestions = one.suggest('ر', { limit: 10 })
    expect(suggestions.map((s) => s.suggestion).sort()).toEqual(['رفت', 'روسی', 'روسیه'].sort())
    // The completions are the terms the prefix search matched, each credited with the document's score.
    const [hit] = one.search('ر', { prefix: true })
    expect(new Set(suggestions.map((s) => s.term))).toEqual(new Set(Object.keys(hit.match)))
    for (const suggestion of suggestions) expect(suggestion.score).toBeCloseTo(hit.score, 10)
    // Ranked by the summed scores of the documents holding each: رفت, second to روسیه in four documents,
    // before رسید, the best of one.
    const news = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'fa' })
    for (let k = 0; k < 4; k++) news.add({ id: `both-${k}`, body: 'روسیه روسیه روسیه رفت' })
    news.add({ id: 'alone', body: 'رسید' })
    for (let k = 0; k < 5; k++) news.add({ id: `other-${k}`, body: 'خبر امروز' })
    expect(news.suggest('ر', { limit: 10 }).map((s) => s.suggestion)).toEqual(['روسیه', 'رفت', 'رسید'])
  })

  it('fuzzy search tolerates a typo; by default only a word the index lacks falls back; fuzzy: false finds nothing', () => {
    expect(index.search('لاورف', { fuzzy: false })).toEqual([])
    const hits = index.search('لاورف', { fuzzy: true })
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) expect(textOf(hit.id)).toContain('لاوروف')
    // Unset: the typo (no index term) falls back to edit distance 1 and finds the same documents.
    expect(ids(index.search('لاورف'))).toEqual(ids(hits))
  })

  it('filters on stored fields, counts facets over all matches, sorts by a stored field and pages', () => {
    const arabic = index.search('غزه', { filter: (hit) => hit.lang === 'ar' })
    expect(new Set(ids(arabic))).toEqual(new Set(['seed-2', 'seed-3']))
    expect(index.facets('غزه', ['lang'])).toEqual({ lang: { fa: 3, ar: 2 } })
    expect(index.facets('غزه', ['lang'], { limit: 1 })).toEqual({ lang: { fa: 3, ar: 2 } })
    expect(index.facets('"نوار غزه"', ['lang'])).toEqual({ lang: { fa: 3 } })
    expect(index.facets('غزه', ['lang'], { filter: (hit) => hit.id !== 'seed-0' })).toEqual({
      lang: { fa: 2, ar: 2 },
    })
    const byLength = index.search('غزه', { sort: { field: 'length', order: 'desc' } })
    expect(byLength.map((hit) => hit.length)).toEqual(
      [...seeds!.map((s) => s.text.length)].sort((a, b) => b - a),
    )
    const all = index.search('غزه', { limit: 5 })
    expect(index.search('غزه', { offset: 2, limit: 2 })).toEqual(all.slice(2, 4))
    expect(all.map((hit) => hit.score)).toEqual([...all.map((hit) => hit.score)].sort((a, b) => b - a))
  })

  it('highlights cut from the original text, with ranges into it and escaped <mark> HTML', () => {
    const arabicHits = index.search('الروسية غزة', {
      highlight: { fields: ['text'], length: 120 },
      language: 'ar',
    })
    const hits = [
      ...index.search('غزه روسیه', { highlight: { fields: ['text'], length: 120 }, language: 'fa' }),
      ...arabicHits,
    ]
    expect(new Set(ids(hits))).toEqual(new Set(['seed-0', 'seed-1', 'seed-2', 'seed-3', 'seed-4']))
    for (const hit of hits) {
      const original = textOf(hit.id)
      const highlight = hit.highlights!.text
      expect(highlight.text).toBe(original.slice(highlight.start, highlight.end))
      expect(highlight.text.length).toBeLessThanOrEqual(130)
      expect(highlight.matches.length).toBeGreaterThan(0)
      for (const match of highlight.matches) {
        expect(match.start).toBeGreaterThanOrEqual(highlight.start)
        expect(match.end).toBeLessThanOrEqual(highlight.end)
        expect(highlight.html).toContain(`<mark>${original.slice(match.start, match.end)}</mark>`)
      }
    }
    // Arabic: the whole word is marked as written, article and all.
    const arabic = arabicHits.find((hit) => hit.id === 'seed-3')!.highlights!.text
    const words = arabic.matches.map((m) => textOf('seed-3').slice(m.start, m.end))
    expect(words).toContain('غزة')
    expect(words.filter((word) => word.startsWith('الروس')).length).toBeGreaterThan(0)
  })
})

describe('highlighting of diacritics, ZWNJ, clitics and HTML', () => {
  const index = new SearchIndex({ fields: ['body'], storeFields: ['body'], autoCompact: false })
  index.addAll([
    { id: 1, body: 'در این مَدْرَسَةٌ دانش‌آموزان کتاب‌هایشان را <b>"آوردند"</b> & رفتند' },
    { id: 2, body: 'وَبِالْكِتَابِ نبدأ الدرس' },
  ])

  it('marks the whole original word for diacritised, ZWNJ-joined and clitic forms and escapes HTML', () => {
    const hit = index.search('مدرسة کتاب', { highlight: true }).find((h) => h.id === 1)!
    const highlight = hit.highlights!.body
    const marked = highlight.matches.map((m) => (hit.body as string).slice(m.start, m.end))
    expect(marked).toEqual(['مَدْرَسَةٌ', 'کتاب‌هایشان'])
    expect(highlight.html).toContain('<mark>کتاب‌هایشان</mark>')
    expect(highlight.html).toContain('&lt;b&gt;&quot;آوردند&quot;&lt;/b&gt; &amp; رفتند')
    expect(highlight.html).not.toContain('<b>')
    const [arabic] = index.search('كتاب', { highlight: true, language: 'ar' })
    expect(arabic.id).toBe(2)
    expect(arabic.highlights!.body.html).toBe('<mark>وَبِالْكِتَابِ</mark> نبدأ الدرس')
  })

  it('marks a ZWNJ compound whole when the query wrote it joined or spaced, and only its part for the part', () => {
    const compounds = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'fa' })
    compounds.addAll([
      { id: 1, body: 'مذاکره برای آتش‌بس در غزه' },
      { id: 2, body: 'آتش در جنگل' },
    ])
    for (const query of ['آتشبس', 'آتش بس', 'آتش‌بس']) {
      const hit = compounds.search(query, { highlight: true }).find((h) => h.id === 1)!
      expect(hit.highlights!.body.html, query).toBe('مذاکره برای <mark>آتش‌بس</mark> در غزه')
      expect(hit.highlights!.body.matches, query).toEqual([{ start: 12, end: 18 }])
    }
    const part = compounds.search('آتش', { highlight: true }).find((h) => h.id === 1)!
    expect(part.highlights!.body.html).toBe('مذاکره برای <mark>آتش</mark>‌بس در غزه')
  })

  it('marks a quoted phrase where it occurs, not the lone words of it; a word also typed alone everywhere', () => {
    const news = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'fa' })
    news.addAll([
      { id: 1, body: 'غزه امروز آرام بود. در نوار غزه درگیری شد' },
      { id: 2, body: 'آتش‌بس در غزه اعلام شد و نوار غزه آرام است و آتش‌بس ادامه دارد' },
      { id: 3, body: 'غزه و نوار ساحلی' },
    ])
    const html = (query: string, id: number) =>
      news.search(query, { highlight: true }).find((hit) => hit.id === id)?.highlights?.body.html
    expect(html('"نوار غزه"', 1)).toBe('غزه امروز آرام بود. در <mark>نوار</mark> <mark>غزه</mark> درگیری شد')
    expect(html('"نوار غزه"', 2)).toBe(
      'آتش‌بس در غزه اعلام شد و <mark>نوار</mark> <mark>غزه</mark> آرام است و آتش‌بس ادامه دارد',
    )
    expect(html('"نوار غزه" آتش‌بس', 2)).toBe(
      '<mark>آتش‌بس</mark> در غزه اعلام شد و <mark>نوار</mark> <mark>غزه</mark> آرام است و <mark>آتش‌بس</mark> ادامه دارد',
    )
    for (const query of ['"نوار غزه" غزه', 'غزه "نوار غزه"']) {
      expect(html(query, 1), query).toBe(
        '<mark>غزه</mark> امروز آرام بود. در <mark>نوار</mark> <mark>غزه</mark> درگیری شد',
      )
    }
    // An excluded phrase marks nothing.
    expect(html('غزه -"نوار غزه"', 3)).toBe('<mark>غزه</mark> و نوار ساحلی')
    expect(html('"نوار غزه" -آتش‌بس', 1)).toBe(
      'غزه امروز آرام بود. در <mark>نوار</mark> <mark>غزه</mark> درگیری شد',
    )
    const arabic = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'ar' })
    arabic.add({ id: 1, body: 'غزة هادئة اليوم، وفي قطاع غزة اشتباكات' })
    expect(arabic.search('"قطاع غزة"', { highlight: true })[0].highlights!.body.html).toBe(
      'غزة هادئة اليوم، وفي <mark>قطاع</mark> <mark>غزة</mark> اشتباكات',
    )
  })

  it('places the snippet on an occurrence of a quoted phrase, not on lone words of it', () => {
    const long = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
    const filler = 'باغ کوه ابر باران شهر خانه '.repeat(10)
    long.add({ id: 'x', body: `غزه غزه غزه ${filler}در نوار غزه ${filler}` })
    // The word typed alone as well: the phrase's window holds both query words.
    for (const query of ['"نوار غزه"', '"نوار غزه" غزه']) {
      const highlight = long.search(query, { highlight: { length: 20 } })[0].highlights!.body
      expect(highlight.html, query).toBe('…در <mark>نوار</mark> <mark>غزه</mark> باغ…')
    }
  })

  it('marks the halves of a split compound only side by side (کتابخانه written کتاب خانه)', () => {
    const split = new SearchIndex({ fields: ['body'], storeFields: ['body'], language: 'fa' })
    split.addAll([
      { id: 1, body: 'کتاب خوب است و خانه ما بزرگ است. در کتاب خانه شهر نشستیم' },
      { id: 2, body: 'کتابخانه' },
      { id: 3, body: 'کتاب' },
      { id: 4, body: 'خانه' },
    ])
    const html = (query: string) =>
      split.search(query, { highlight: true }).find((hit) => hit.id === 1)?.highlights?.body.html
    for (const query of ['کتابخانه', '"کتابخانه"']) {
      expect(html(query), query).toBe(
        'کتاب خوب است و خانه ما بزرگ است. در <mark>کتاب</mark> <mark>خانه</mark> شهر نشستیم',
      )
    }
    // کتاب typed on its own is marked everywhere; خانه still only next to it.
    expect(html('کتابخانه کتاب')).toBe(
      '<mark>کتاب</mark> خوب است و خانه ما بزرگ است. در <mark>کتاب</mark> <mark>خانه</mark> شهر نشستیم',
    )
  })

  it('prefers the passage matching more query words, then exact matches over typo neighbours', () => {
    const fuzzy = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
    const filler = 'باغ کوه ابر باران شهر خانه '.repeat(10)
    // Early: two typo neighbours of دریا (دریغ, دریچه is 2 edits: not matched). Late: دریا and ساحل together.
    fuzzy.add({ id: 'x', body: `دریغ دریغ ${filler}دریا کنار ساحل ${filler}` })
    const both = fuzzy.search('دریا ساحل', { fuzzy: 1, highlight: { length: 40 } })[0].highlights!.body
    expect(both.html).toContain('<mark>دریا</mark> کنار <mark>ساحل</mark>')
    expect(both.html).not.toContain('دریغ')
    // One query word: the window with the exact match beats the one with two neighbours of it.
    fuzzy.add({ id: 'y', body: `دریغ دریغ ${filler}دریا ${filler}` })
    const hit = fuzzy.search('دریا', { fuzzy: 1, highlight: { length: 20 } }).find((h) => h.id === 'y')!
    expect(hit.highlights!.body.html).toContain('<mark>دریا</mark>')
    expect(hit.highlights!.body.html).not.toContain('دریغ')
  })

  it('never cuts a surrogate pair: an emoji glued to the matched word is kept whole or left out', () => {
    const emoji = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
    emoji.add({ id: 'before', body: `${'خبر '.repeat(30)}😀غزه${' خبر'.repeat(30)}` })
    emoji.add({ id: 'after', body: `${'خبر '.repeat(30)}غزه😀${' خبر'.repeat(30)}` })
    for (const length of [1, 4, 5, 6, 7, 10, 20]) {
      for (const hit of emoji.search('غزه', { highlight: { length } })) {
        const highlight = hit.highlights!.body
        expect(highlight.text, `${hit.id} ${length}`).toBe(
          (hit.body as string).slice(highlight.start, highlight.end),
        )
        expect(highlight.text, `${hit.id} ${length}`).not.toMatch(LONE_SURROGATE)
        expect(highlight.html, `${hit.id} ${length}`).not.toMatch(LONE_SURROGATE)
        expect(highlight.text.length).toBeLessThanOrEqual(Math.max(length, 3))
      }
    }
    const [cut] = emoji.search('غزه', { highlight: { length: 5 } }).filter((hit) => hit.id === 'before')
    expect(cut.highlights!.body.html).toBe('…<mark>غزه</mark>…')
  })

  it('no snippet of emoji-dense text holds a lone surrogate (property)', () => {
    const piece = fc.constantFrom('😀', '🇮🇷', '👨‍👩‍👧', '𝐀', 'غزه', 'کتاب‌ها', 'سلام', 'خبر', 'مدرسة', 'ﷺ')
    const text = fc
      .array(fc.tuple(piece, fc.constantFrom('', ' ', ' ', '\u200c', '، ')), { minLength: 1, maxLength: 80 })
      .map((parts) => parts.map(([word, gap]) => word + gap).join(''))
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('غزه', 'کتاب', 'سلام', 'خبر مدرسه'),
        fc.integer({ min: 0, max: 60 }),
        (body, query, length) => {
          const index = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
          index.add({ id: 1, body })
          for (const hit of index.search(query, { highlight: { length } })) {
            const highlight = hit.highlights!.body
            expect(highlight.text).toBe(body.slice(highlight.start, highlight.end))
            expect(highlight.text).not.toMatch(LONE_SURROGATE)
            expect(highlight.html).not.toMatch(LONE_SURROGATE)
            for (const match of highlight.matches) {
              expect(match.start).toBeGreaterThanOrEqual(highlight.start)
              expect(match.end).toBeLessThanOrEqual(highlight.end)
            }
          }
        },
      ),
      { numRuns: 400 },
    )
  })

  it('rounds a fractional snippet length down: offsets stay whole numbers', () => {
    const long = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
    long.add({ id: 'x', body: `${'خبر '.repeat(50)}غزه${' خبر'.repeat(50)}` })
    for (const length of [2.5, 4.5, 20.5]) {
      const highlight = long.search('غزه', { highlight: { length } })[0].highlights!.body
      expect(Number.isInteger(highlight.start) && Number.isInteger(highlight.end), `${length}`).toBe(true)
      expect(highlight).toEqual(
        long.search('غزه', { highlight: { length: Math.floor(length) } })[0].highlights!.body,
      )
    }
  })

  it('cuts long texts at word boundaries with ellipses', () => {
    const long = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
    const filler = 'باغ کوه ابر باران شهر خانه '.repeat(40)
    long.add({ id: 'x', body: `${filler}دریای آرام ${filler}` })
    const highlight = long.search('دریا', { highlight: { length: 60 } })[0].highlights!.body
    expect(highlight.html.startsWith('…')).toBe(true)
    expect(highlight.html.endsWith('…')).toBe(true)
    expect(highlight.html).toContain('<mark>دریای</mark>')
    expect(highlight.text.startsWith(' ')).toBe(false)
    expect(highlight.text.length).toBeLessThanOrEqual(60)
  })
})
