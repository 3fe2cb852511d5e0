/**
 * The orthography promise at the level of the engine: every way a reader writes a word finds the documents
 * that wrote it any other way, in both languages, and the seed articles' real spellings (no ZWNJ, Arabic
 * letters, NBSP, diacritics) are found by the spellings readers type.
 */
import { describe, expect, it } from 'vitest'
import { analyzeQuery, SearchIndex } from '../src/index'
import { loadSeeds } from './search-index/helpers'

const ids = (index: SearchIndex, query: string, options: { prefix?: boolean } = {}) =>
  index
    .search(query, { limit: Number.POSITIVE_INFINITY, ...options })
    .map((hit) => hit.id)
    .sort()

describe('every spelling of a word finds every other spelling', () => {
  const groups: Array<{ lang: 'fa' | 'ar'; forms: string[] }> = [
    { lang: 'fa', forms: ['آتش‌بس', 'آتشبس', 'آتش بس'] },
    { lang: 'fa', forms: ['کتاب‌ها', 'کتابها', 'کتاب ها', 'كتابها', 'کتاب‌های'] },
    { lang: 'fa', forms: ['می‌خواهند', 'میخواهند', 'می خواهند'] },
    // A stop word before an ال-word: joined across a ZWNJ, apart across a space (hamshahri: بين المللي).
    { lang: 'fa', forms: ['بین‌المللی', 'بینالمللی', 'بین المللی', 'بين المللي'] },
    { lang: 'fa', forms: ['فوق‌العاده', 'فوقالعاده', 'فوق العاده'] },
    // Listed stop-word compounds join across a space too (dictionaries/fa-stop-compounds.txt).
    { lang: 'fa', forms: ['پیش‌بینی', 'پیشبینی', 'پیش بینی', 'پيش بيني', 'پیش‌بینی‌ها'] },
    { lang: 'fa', forms: ['بی‌سابقه', 'بیسابقه', 'بی سابقه'] },
    { lang: 'fa', forms: ['تحت‌تأثیر', 'تحت تاثیر', 'تحتتاثیر', 'تحت تأثير'] },
    { lang: 'fa', forms: ['کی‌روش', 'کی روش', 'کیروش', 'كي روش'] },
    { lang: 'fa', forms: ['بی‌کار', 'بیکار'] },
    { lang: 'fa', forms: ['کتاب‌خانه', 'کتابخانه', 'کتاب خانه'] },
    { lang: 'fa', forms: ['خانهٔ', 'خانۀ', 'خانه‌ی', 'خانه'] },
    { lang: 'fa', forms: ['۱۴۰۲', '١٤٠٢', '1402'] },
    { lang: 'fa', forms: ['۱٬۰۰۰', '1,000', '1000', '١٬٠٠٠'] },
    { lang: 'fa', forms: ['اعضاء', 'اعضا'] },
    { lang: 'fa', forms: ['بلیت', 'بلیط', 'بلیط‌ها', 'بليط'] },
    { lang: 'fa', forms: ['علی', 'علي'] },
    { lang: 'fa', forms: ['هیئت', 'هیأت', 'هيأت', 'هیات', 'هیئت‌های'] },
    { lang: 'fa', forms: ['مسئول', 'مسؤول', 'مسوول', 'مسئولان'] },
    { lang: 'fa', forms: ['مسئله', 'مسأله', 'مساله', 'مسئله‌ها'] },
    { lang: 'fa', forms: ['سؤال', 'سئوال', 'سوال', 'سئوالات'] },
    { lang: 'fa', forms: ['زن', 'زنان', 'زنانی', 'زن‌ها'] },
    { lang: 'fa', forms: ['بازی', 'بازی‌ها', 'بازیها', 'بازی های', 'بازي'] },
    { lang: 'ar', forms: ['مَدْرَسَةٌ', 'مدرسة', 'مدرسه', 'المدرسة', 'والمدرسة'] },
    { lang: 'ar', forms: ['أحمد', 'احمد', 'إحمد'] },
    { lang: 'ar', forms: ['الرحمن', 'ٱلرَّحۡمَٰنِ', 'الرحمـــن'] },
    // An ال written آل is the word's own, not the article (the last form: آ as a presentation form).
    { lang: 'ar', forms: ['آلاف', 'الآلاف', 'والآلاف', 'للآلاف', '\ufe81لاف'] },
    { lang: 'ar', forms: ['آلية', 'الآلية', 'وآلية', 'آليات', 'والآليات'] },
    // A و of the word's own (dictionaries/ar-waw-words.txt), with and without the article.
    { lang: 'ar', forms: ['واحد', 'الواحد', 'واحدة'] },
    // The ات plural of a noun of two letters + ة (dictionaries/ar-short-plurals.txt).
    { lang: 'ar', forms: ['قوة', 'القوات', 'قوات', 'وقواتها'] },
    // ة is written ت before an attached pronoun; a ت of the word's own (dictionaries/ar-teh-words.txt) stays.
    { lang: 'ar', forms: ['حكومة', 'الحكومة', 'حكومته', 'حكومتها', 'والحكومات', 'حكومتنا'] },
    { lang: 'ar', forms: ['قوته', 'قوة', 'قواتهم'] },
    { lang: 'ar', forms: ['الدولتين', 'دولة', 'دولتان', 'ودولتها'] },
    // The accusative tanween's alef, on the alef or before it (TANWEEN_ALEF).
    { lang: 'ar', forms: ['رئيساً', 'رئيسًا', 'رئيس', 'الرئيس', 'ورئيسٌ'] },
    { lang: 'ar', forms: ['بيوت', 'البيوت', 'بيوتهم'] },
    // A broken plural the stemmer misread (ملايين → ملا), now whole and related to its singular.
    { lang: 'ar', forms: ['مليون', 'ملايين', 'الملايين', 'بالملايين'] },
    { lang: 'ar', forms: ['ثابت', 'الثابتة', 'ثابتة'] },
    // A name in أل / إل written with a plain alef, which the stemmer reads as the article (مانيا, كسندر).
    { lang: 'ar', forms: ['ألمانيا', 'المانيا'] },
    { lang: 'ar', forms: ['ألكسندر', 'الكسندر'] },
    { lang: 'ar', forms: ['إلياس', 'الياس'] },
    // Compound names written joined or apart (dictionaries/ar-name-heads.txt).
    { lang: 'ar', forms: ['عبدالله', 'عبد الله', 'وعبدالله'] },
    { lang: 'ar', forms: ['عبدالعزيز', 'عبد العزيز'] },
    { lang: 'ar', forms: ['نورالدين', 'نور الدين'] },
    { lang: 'ar', forms: ['أبوظبي', 'أبو ظبي', 'ابوظبي'] },
    { lang: 'ar', forms: ['فيسبوك', 'فيس بوك'] },
  ]
  for (const { lang, forms } of groups) {
    it(`${lang}: ${forms.join(' / ')}`, () => {
      const index = new SearchIndex({ fields: ['body'] })
      const [before, after] = lang === 'fa' ? ['خبر', 'امروز'] : ['في', 'اليوم']
      index.addAll(forms.map((form, i) => ({ id: i, body: `${before} ${form} ${after}` })))
      index.add({ id: 'other', body: `${before} شيء ${after}` })
      const all = forms.map((_, i) => i).sort()
      for (const form of forms) expect(ids(index, form), form).toEqual(all)
    })
  }

  it('a hamza-seat spelling typed as a prefix completes to the standard spelling, highlighted as written', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa', storeFields: ['body'] })
    index.addAll([
      { id: 'standard', body: 'مسئولیت اجتماعی شرکت‌ها' },
      { id: 'arabic-seat', body: 'مسؤولیت‌های هیأت مدیره' },
      { id: 'other', body: 'مسابقه فوتبال امروز' },
    ])
    expect(ids(index, 'مسوولیت')).toEqual(['arabic-seat', 'standard'])
    const typed = index.search('مسؤولیتها', { prefix: true }).map((hit) => hit.id)
    expect(typed.sort()).toEqual(['arabic-seat', 'standard'])
    const [hit] = index.search('هیئت', { highlight: { fields: ['body'] } })
    expect(hit.id).toBe('arabic-seat')
    expect(hit.highlights?.body?.html).toContain('<mark>هیأت</mark>')
  })

  it('two query words find the document that wrote them joined, also when the index lacks both words', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa' })
    index.addAll([
      { id: 'joined', body: 'خبر آتشبس امروز' },
      { id: 'other', body: 'خبر جنگ امروز' },
    ])
    expect(ids(index, 'آتش بس')).toEqual(['joined'])
    expect(ids(index, 'آتش‌بس')).toEqual(['joined'])
  })

  it('a stop-word compound completes as it is typed, apart or with a ZWNJ', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'fa', storeFields: ['body'] })
    index.addAll([
      { id: 'space', body: 'هواشناسی پیش بینی کرد' },
      { id: 'zwnj', body: 'پیش‌بینی‌ها درست بود' },
      { id: 'other', body: 'بینی او شکست' },
      { id: 'another', body: 'بینی' },
    ])
    // The compound's documents first: the completed stop word pins the compound, while the fragment of two
    // letters also completes other words (بینی "nose", as common here as the compound).
    for (const query of ['پیش بی', 'پیش بین', 'پیش‌بی', 'پیش‌بین']) {
      const found = index.search(query, { prefix: true }).map((hit) => hit.id)
      expect(found.slice(0, 2).sort(), query).toEqual(['space', 'zwnj'])
    }
    // Written from the stop word on, not after it (هواشناسی پیش بینی, not هواشناسی پیش پیش بینی).
    expect(index.suggest('هواشناسی پیش بی').map((s) => s.suggestion)).toEqual(['هواشناسی پیش بینی'])
  })

  it('an Arabic compound name completes as its second word is typed, apart or joined', () => {
    const index = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
    index.addAll([
      { id: 'joined', body: 'استقبل الملك عبدالعزيز الوفد' },
      { id: 'apart', body: 'استقبل الملك عبد العزيز الوفد' },
      { id: 'facebook', body: 'نشر على فيسبوك' },
    ])
    const typed = (query: string) =>
      index
        .search(query, { prefix: true })
        .map((hit) => hit.id)
        .sort()
    expect(typed('عبد الع')).toEqual(['apart', 'joined'])
    expect(typed('فيس ب')).toEqual(['facebook'])
    // Each suggestion keeps every word typed (الملك عبد العزيز, not الملك العزيز).
    const suggestions = index.suggest('الملك عبد العز').map((s) => s.suggestion)
    expect(suggestions.length).toBeGreaterThan(0)
    for (const suggestion of suggestions) expect(suggestion.startsWith('الملك عبد')).toBe(true)
  })

  it('a word whose stem was another common word keeps its own (dictionaries/*-stem-exceptions.txt)', () => {
    // Language, a document with the word, one with the other word, the word queried, the other (if any).
    const cases: Array<['fa' | 'ar', string, string, string, string | null]> = [
      ['fa', 'بازی‌های جام جهانی', 'درها باز شد', 'بازی', 'باز'], // a game is not "open"
      ['fa', 'سردار قاسم سلیمانی', 'حضرت سلیمان نبی', 'سلیمانی', 'سلیمان'], // a surname is not the first name
      ['fa', 'پیروزی اینتر مقابل میلان', 'اینان آرزوها دارند', 'اینتر', null], // Inter is not این + تر
      ['fa', 'زلزله ۵ ریشتری', 'ریش سفید', 'ریشتر', 'ریش'], // Richter, not a beard + تر
      ['fa', 'والتر اسمیت', 'نهنگ وال', 'والتر', 'وال'], // Walter, not a whale + تر
      ['fa', 'سفر مسعود پزشکیان', 'پزشک معالج', 'پزشکیان', 'پزشک'], // a surname in یان, not doctors
      ['fa', 'سخنان ابراهیم رئیسی', 'رئیس مجلس گفت', 'رئیسی', 'رئیس'], // a surname, not "head"
      ['fa', 'عبدالناصر همتی', 'با همت مردم', 'همتی', 'همت'], // a surname, not "effort"
      ['fa', 'سپاهان اصفهان برد', 'فرمانده سپاه', 'سپاهان', 'سپاه'], // the club, not the corps
      ['fa', 'پرواز به امارات', 'آمار بیکاری', 'امارات', 'آمار'], // the Emirates, not statistics
      ['fa', 'انبار مهمات', 'خبر مهم', 'مهمات', 'مهم'], // ammunition, not "important"
      ['ar', 'خسائر بالملايين', 'الملا عمر زعيم طالبان', 'ملايين', 'الملا'], // millions are not the mullah
      ['ar', 'مؤتمر فيينا', 'الفية الثالثة', 'فيينا', null], // Vienna, not الفية → فی
      ['ar', 'اشتباكات في مصراتة', 'وصل إلى مصر', 'مصراتة', 'مصر'], // Misrata, not Egypt
      ['ar', 'كلية الطب', 'الكل يعرف', 'كلية', null], // the college, not "all"
      ['ar', 'انتهاء المهلة', 'وانته الأمر', 'انتهاء', null], // the end, not أنت
      ['ar', 'إنهاء الأزمة', 'وانه قال', 'إنهاء', null], // ending, not أنه
      ['ar', 'صلاة الجمعة', 'الجمعية الخيرية', 'الجمعة', 'الجمعية'], // Friday, not the association
      ['ar', 'الملك سلمان', 'السلم الأهلي', 'سلمان', 'السلم'], // King Salman, not peace
      ['ar', 'أمير الرياض', 'الرياضة السعودية', 'الرياض', 'الرياضة'], // Riyadh, not sport
    ]
    for (const [language, word, other, query, otherQuery] of cases) {
      const index = new SearchIndex({ fields: ['body'], language })
      index.addAll([
        { id: 'word', body: word },
        { id: 'other', body: other },
      ])
      // (Without the typo fallback, which a two-document index gives every word: باز is one edit from بازی.)
      const exact = (q: string) => index.search(q, { fuzzy: false }).map((hit) => hit.id)
      expect(exact(query), query).toEqual(['word'])
      if (otherQuery !== null) expect(exact(otherQuery), otherQuery).toEqual(['other'])
    }
  })

  it('an Arabic word whose ال is written آل meets neither the word after the article nor إليه', () => {
    const index = new SearchIndex({ fields: ['body'], language: 'ar' })
    index.addAll([
      { id: 'pains', body: 'يعاني المرضى من الآلام' },
      { id: 'mother', body: 'كرمت المدرسة الأم' },
      { id: 'mechanism', body: 'اتفقوا على آلية جديدة' },
      { id: 'to-him', body: 'أشار إليه الوزير' },
    ])
    expect(ids(index, 'آلام')).toEqual(['pains'])
    expect(ids(index, 'أم')).toEqual(['mother'])
    expect(ids(index, 'الآلية')).toEqual(['mechanism'])
    // واحد ("one") keeps its و; وأحد is و + أحد, and Sunday (الأحد) is neither.
    index.addAll([
      { id: 'one', body: 'في يوم واحد' },
      { id: 'sunday', body: 'يوم الأحد المقبل' },
    ])
    // (Each also reaches the other through the fuzzy fallback, one edit away, below it.)
    expect(index.search('واحد')[0]?.id).toBe('one')
    expect(index.search('وأحد')[0]?.id).toBe('sunday')
    // Typed without the madda, the article reading still finds the word (first; a fuzzy neighbour after it).
    index.add({ id: 'thousands', body: 'تظاهر آلاف الناس' })
    expect(index.search('الاف')[0]?.id).toBe('thousands')
  })

  it('a Persian query in Arabic letters finds the Arabic-spelled word in a Persian document', () => {
    const index = new SearchIndex({ fields: ['body'] })
    index.addAll([
      { id: 'fa', body: 'دانش‌آموزان این مَدْرَسَةٌ کتاب‌هایشان را آوردند' },
      { id: 'ar', body: 'ذهب الطلاب إلى المدرسة صباحا' },
    ])
    expect(ids(index, 'مدرسه')).toEqual(['ar', 'fa'])
    expect(ids(index, 'مدرسة')).toEqual(['ar', 'fa'])
  })
})

const seeds = loadSeeds()
describe.skipIf(seeds === null)('the seed articles, as scraped, answer queries as readers type them', () => {
  const index = new SearchIndex({ fields: ['title', 'text'], languageField: 'lang' })
  if (seeds) index.addAll(seeds)
  it('آتش‌بس with ZWNJ, joined or spaced finds the articles that wrote it any way', () => {
    const expected = ids(index, 'آتشبس')
    expect(expected.length).toBeGreaterThanOrEqual(2)
    expect(ids(index, 'آتش‌بس')).toEqual(expected)
    expect(ids(index, 'آتش بس')).toEqual(expect.arrayContaining(expected))
  })
  it('words the seeds wrote without ZWNJ are found with it', () => {
    for (const [typed, written] of [
      ['پیش‌نویس', 'پیشنویس'],
      ['قطعنامه‌ای', 'قطعنامهای'],
      ['تلاش‌های', 'تلاشهای'],
      ['بین‌الملل', 'بینالملل'],
    ]) {
      const hits = ids(index, typed)
      expect(hits.length, typed).toBeGreaterThan(0)
      expect(hits, typed).toEqual(ids(index, written))
    }
  })
  it('Arabic seeds are found through hamza, teh marbuta and proclitic variants', () => {
    expect(ids(index, 'حركة حماس')).toEqual(ids(index, 'الحركه حماس'))
    expect(ids(index, 'الخارجیه الروسیه').length).toBeGreaterThan(0)
  })
})

describe('quoted phrases with a compound in either spelling', () => {
  it('a quoted name or compound finds the documents that wrote it joined or apart, words after it in place', () => {
    const index = new SearchIndex({ fields: ['body'] })
    index.addAll([
      { id: 'joined', body: 'استقبل الملك عبدالعزيز الوفد' },
      { id: 'apart', body: 'استقبل الملك عبد العزيز الوفد' },
      { id: 'other', body: 'الوفد عبد العزيز الملك' },
      { id: 'fa-joined', body: 'برقراری آتشبس در غزه' },
      { id: 'fa-apart', body: 'برقراری آتش بس در غزه' },
    ])
    for (const phrase of ['"الملك عبدالعزيز الوفد"', '"الملك عبد العزيز الوفد"'])
      expect(ids(index, phrase), phrase).toEqual(['apart', 'joined'])
    expect(ids(index, '"عبدالعزيز الملك"')).toEqual(['other'])
    expect(ids(index, '"عبدالعزيز استقبل"')).toEqual([])
    // Excluded in either spelling too.
    expect(ids(index, 'الملك -"عبدالعزيز"')).toEqual([])
    for (const phrase of ['"برقراری آتشبس در غزه"', '"برقراری آتش بس در غزه"'])
      expect(ids(index, phrase), phrase).toEqual(['fa-apart', 'fa-joined'])
  })
})

describe('quoted phrases in an index of both languages', () => {
  it('a phrase whose letters cannot tell is tried in every language of the index', () => {
    const index = new SearchIndex({ fields: ['body'] })
    index.addAll([
      { id: 'ar', body: 'وقعت المدارس الحكومية في المدينة' },
      { id: 'fa', body: 'گزارش تازه درباره مدارس دولتی در شهر' },
    ])
    expect(ids(index, '"المدارس الحكومية"')).toEqual(['ar'])
    expect(ids(index, '"مدارس"')).toEqual(['ar', 'fa'])
    expect(ids(index, 'مدارس -"المدارس الحكومية"')).toEqual(['fa'])
  })
})

describe('stop words in an index of both languages', () => {
  it("a query's stop words, in the language its letters say, match no text of the other language", () => {
    const index = new SearchIndex({ fields: ['body'] })
    index.addAll([
      { id: 'ar', body: 'الهجوم على السفارة في المدينة' },
      // Persian text that holds علی (the name) and فی: an Arabic query's على and في must not reach it.
      { id: 'fa', body: 'علی گفت که فی‌المثل سفارت بسته شد' },
    ])
    expect(analyzeQuery('الهجوم على السفارة في المدينة', { indexLanguages: ['fa', 'ar'] })).toHaveLength(3)
    const hits = index.search('الهجوم على السفارة')
    expect(hits[0]!.id).toBe('ar')
    for (const hit of hits) expect(Object.keys(hit.match)).not.toContain('علی')
    // The name, typed with ی (no ى), is no stop word in either language; a query of one word is searched in
    // every reading (the fuzz test's "every indexed word finds its document": کتاب ٱ by ٱ).
    expect(ids(index, 'علی')).toEqual(['fa'])
    expect(ids(index, 'على')).toEqual(['fa'])
  })
})

describe('as-you-type completes what was typed', () => {
  it('a typed word whose stem loses its ending completes the word, not the stem', () => {
    const index = new SearchIndex({ fields: ['body'], storeFields: ['body'] })
    index.addAll([
      { id: 'scarf', body: 'روسری زنان' },
      { id: 'russia', body: 'روسیه و آمریکا' },
      { id: 'heads', body: 'روسای جمهور' },
      { id: 'russian', body: 'هیئت روسی' },
      { id: 'library', body: 'کتابخانه ملی' },
      { id: 'a-book', body: 'کتابی خواندم' },
    ])
    // روسی stems to روس: before, its completions were روس's (روسری, روسای); now روسیه and روسی itself.
    expect(ids(index, 'روسی', { prefix: true }).sort()).toEqual(['russia', 'russian'])
    expect(index.suggest('روسی').map((s) => s.suggestion)).toEqual(['روسی', 'روسیه'])
    expect(ids(index, 'کتابی', { prefix: true })).toEqual(['a-book'])
    // Typed up to the stem, every completion of it.
    expect(ids(index, 'روس', { prefix: true }).sort()).toEqual(['heads', 'russia', 'russian', 'scarf'])
    expect(ids(index, 'کتاب', { prefix: true }).sort()).toEqual(['a-book', 'library'])
  })
})
