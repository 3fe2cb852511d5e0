/**
 * The stemming rules added for ranking quality (issue #5): the Arabic final hamza and attached pronouns
 * (stem-ar.ts), and the query-time readings of an Arabic word without its proclitic or verb ending or with
 * the other imperfect prefix (ی ↔ ت) or its teh marbuta written ت (عاصمة ↔ عاصمتها) or in its other form
 * with or without the article (ألعاب ↔ الألعاب, وجود ↔ الوجود) or with its hamza on the other seat (مسؤول ↔
 * مسئول), and of a Persian word without its joined pronoun (analyzer.ts); the بال/وال/کال/و-word lists and
 * the Persian plural written joined.
 */
import { describe, expect, it } from 'vitest'
import { getLexicon } from '../src/analysis/lexicon'
import { stemArabic } from '../src/analysis/stem-ar'
import { analyze, analyzeQuery, SearchIndex } from '../src/index'

const terms = (text: string, language: 'fa' | 'ar') =>
  analyze(text, { language, stopWords: false }).map((t) => t.term)

/** The first clause of `word` as a query, against an index that holds exactly the terms `index`. */
const clauseOf = (word: string, index: readonly string[], language: 'fa' | 'ar') =>
  analyzeQuery(word, { language, hasTerm: (t) => index.includes(t) })[0]!

/** The alternatives of that clause, each written as one string. */
const readingsOf = (word: string, index: readonly string[], language: 'fa' | 'ar') =>
  clauseOf(word, index, language).alternatives.map((a) => a.join(' '))

describe('Arabic dual and plural endings', () => {
  it('are removed only when three letters remain (a root has three)', () => {
    expect(stemArabic('السکان')).toBe('سکان')
    expect(stemArabic('بنات')).toBe('بنات')
    expect(stemArabic('مسلمون')).toBe('مسلم')
    expect(stemArabic('معلمین')).toBe('معلم')
    expect(stemArabic('رجلان')).toBe('رجل')
    expect(stemArabic('المعلمات')).toBe('معلم')
    // The other suffixes keep light10's two letters (ابنه → ابن).
    expect(stemArabic('ابنه')).toBe('ابن')
    expect(terms('السكان', 'ar')).toEqual(terms('سكان', 'ar'))
    expect(terms('السكان', 'ar')).not.toEqual(terms('سك', 'ar'))
  })
})

describe('Arabic final hamza and attached pronouns', () => {
  it('drops a final hamza after alef from words of five letters or more, as informal text does', () => {
    expect(terms('أسماء', 'ar')).toEqual(terms('اسما', 'ar'))
    expect(terms('الأعضاء', 'ar')).toEqual(terms('اعضا', 'ar'))
    // Four-letter words keep it: without it they are other common words (إناء vessel, أنا I).
    expect(terms('إناء', 'ar')).not.toEqual(terms('أنا', 'ar'))
    expect(terms('الدعاء', 'ar')).not.toEqual(terms('دعا', 'ar'))
    expect(stemArabic('السماء')).toBe('سماء')
    expect(stemArabic('ماء')).toBe('ماء')
  })
  it('removes one attached pronoun هم، کم، نا before the light10 suffixes', () => {
    expect(terms('كتبهم', 'ar')).toEqual(terms('كتب', 'ar'))
    expect(terms('صلاتهم', 'ar')).toEqual(terms('صلات', 'ar'))
    expect(terms('بيوتكم', 'ar')).toEqual(terms('بيوت', 'ar'))
    expect(terms('أرضنا', 'ar')).toEqual(terms('أرض', 'ar'))
    expect(stemArabic('هدفهم')).toBe('هدف')
  })
  it('removes the pronoun ه after the plural ات or after ی, so the plural or nisba beneath meets its other forms', () => {
    expect(terms('مستوياته', 'ar')).toEqual(terms('مستويات', 'ar'))
    expect(terms('تدريباته فعالياته', 'ar')).toEqual(terms('تدريبات فعاليات', 'ar'))
    // The feminine nisba of a word in ائي: light10 took ية and then ي (النهائية → نها, النهائي → نهای).
    expect(terms('النهائية', 'ar')).toEqual(terms('النهائي', 'ar'))
    expect(terms('الغذائية الكهربائية', 'ar')).toEqual(terms('غذائي كهربائي', 'ar'))
    expect(terms('العربية', 'ar')).toEqual(terms('عربي', 'ar'))
    // After other letters ه is the word's ة: خانه, امانه keep their ان (کتابخانه is not کتابخ).
    expect(stemArabic('کتابخانه')).toBe('کتابخان')
    expect(stemArabic('امانه')).toBe('امان')
  })
  it('drops a final hamza after alef that a suffix covered (الإجراءات, إجراء → اجرا)', () => {
    expect(terms('الإجراءات إجراءاتها أبناءهم', 'ar')).toEqual(terms('إجراء إجراء أبناء', 'ar'))
    expect(terms('الاعتداءات', 'ar')).toEqual(terms('الاعتداء', 'ar'))
  })
  it('keeps three letters: فهم, سهم, وهم are words, not pronoun forms', () => {
    expect(stemArabic('فهم')).toBe('فهم')
    expect(stemArabic('سهم')).toBe('سهم')
    expect(stemArabic('تفهم')).toBe('تفهم')
  })
})

describe('Arabic proclitics and the verb ending وا at query time', () => {
  const readings = (word: string, index: readonly string[]) => readingsOf(word, index, 'ar')
  it('adds the stem without a leading ل، ب، ف or ك when the index has it', () => {
    expect(readings('لجبران', ['جبران'])).toEqual([stemArabic('لجبران'), 'جبران'])
    expect(readings('بمصر', ['مصر'])).toEqual(['بمصر', 'مصر'])
    expect(readings('لكندا', ['کندا'])).toEqual(['لکندا', 'کندا'])
  })
  it('with the documents counted, adds it only when it is in more documents than the word as written', () => {
    const counts = new Map([
      ['کتاب', 40],
      ['تاب', 3],
      ['لجبر', 0],
      ['جبران', 5],
    ])
    const readingsCounted = (word: string) =>
      analyzeQuery(word, {
        language: 'ar',
        hasTerm: (t) => (counts.get(t) ?? 0) > 0,
        documentFrequency: (t) => counts.get(t) ?? 0,
      })[0]!.alternatives.map((a) => a.join(' '))
    expect(readingsCounted('كتاب')).toEqual(['کتاب'])
    expect(readingsCounted('لجبران')).toEqual([stemArabic('لجبران'), 'جبران'])
    // Without the counts the reading is only checked against the index.
    expect(readings('كتاب', ['کتاب', 'تاب'])).toEqual(['کتاب', 'تاب'])
  })
  it('adds the stem without the verb ending وا when the index has it', () => {
    expect(readings('اضافوا', ['اضاف'])).toEqual(['اضافوا', 'اضاف'])
    expect(readings('اضافوا', [])).toEqual(['اضافوا'])
  })
  it('adds nothing the index lacks, nor for words of three letters or article forms', () => {
    expect(readings('لجبران', [])).toEqual([stemArabic('لجبران')])
    expect(readings('بحر', ['حر'])).toEqual(['بحر'])
    expect(readings('بالكتاب', ['الکتاب', 'کتاب'])).toEqual(['کتاب'])
  })
  it('adds the stem with the other imperfect prefix ی ↔ ت when the index has it', () => {
    expect(readings('يقع', ['تقع'])).toEqual(['یقع', 'تقع'])
    expect(readings('تسمى', ['یسم'])).toEqual(['تسم', 'یسم'])
    expect(readings('تقع', [])).toEqual(['تقع'])
    // Not for two-letter words, nor for words starting with another letter.
    expect(readings('يد', ['تد'])).toEqual(['ید'])
    expect(readings('مقع', ['تقع', 'یقع'])).toEqual(['مقع'])
  })
  it('adds the ت form of a word in ة, and the ة form of a word in ت + pronoun that the stemmer leaves', () => {
    expect(readings('عاصمة', ['عاصمت'])).toEqual(['عاصم', 'عاصمت'])
    // The stemmer reads ت + pronoun as ة itself (نتیجتها → نتیج), but not after an alef (ات is the plural).
    expect(readings('نتيجتها', ['نتیج'])).toEqual(['نتیج'])
    expect(readings('مدرستهم', ['مدرس'])).toEqual(['مدرس'])
    expect(readings('حياته', ['حیا'])).toEqual(['حیات', 'حیا'])
    expect(readings('عاصمة', [])).toEqual(['عاصم'])
    // Too short to hold a stem before the ت.
    expect(readings('بته', ['به', 'بت'])).toEqual(['بت'])
  })
  it('gives the name of God no other reading (its ه is no teh marbuta, the ل of لله no proclitic)', () => {
    expect(readings('الله', ['لت', 'له'])).toEqual(['الله'])
    expect(readings('لله', ['لت', 'له'])).toEqual(['الله'])
    expect(readings('والله', ['لت', 'له', 'الله'])).toEqual(['الله'])
  })
  it('lets a search find the word with its teh marbuta written ت', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'ar' })
    index.addAll([
      { id: 1, text: 'سوريا عاصمتها دمشق' },
      { id: 2, text: 'مدينة كبيرة' },
    ])
    expect(index.search('عاصمة').map((h) => h.id)).toEqual([1])
  })
  it('lets a search find the verb with the other gender', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'ar' })
    index.addAll([
      { id: 1, text: 'تقع المدينة على النهر' },
      { id: 2, text: 'المدينة الكبيرة في آسيا' },
    ])
    expect(index.search('أين يقع النهر').map((h) => h.id)).toEqual([1])
    expect(index.search('يقع').map((h) => h.id)).toEqual([1])
  })
  it('lets a search find the word without its proclitic', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'ar' })
    index.addAll([
      { id: 1, text: 'ولد جبران خليل جبران في بشري' },
      { id: 2, text: 'كتب الشاعر عن لبنان' },
    ])
    expect(index.search('أشهر مؤلف لجبران').map((h) => h.id)).toEqual([1])
  })
})

describe('Arabic words the stemmer cuts in one form only (an own ال or و), at query time', () => {
  const readings = (word: string, index: readonly string[]) => readingsOf(word, index, 'ar')
  it('are stemmed alike alone and with the article when the hamza is written, apart when it is not', () => {
    // An ال written أل, إل, آل is no article (isArticleAt): the word meets its article form.
    expect(terms('ألعاب', 'ar')).toEqual(terms('الألعاب', 'ar'))
    expect(terms('إلغاء', 'ar')).toEqual(terms('الإلغاء', 'ar'))
    expect(terms('آلاف', 'ar')).toEqual(terms('الآلاف', 'ar'))
    // Without the hamza (and in words whose own ال has none) the stemmer reads the article alone only: the
    // reason for the readings.
    expect(terms('العاب', 'ar')).not.toEqual(terms('الالعاب', 'ar'))
    expect(terms('التزام', 'ar')).not.toEqual(terms('الالتزام', 'ar'))
  })
  it('add the stem of the article form to a word alone, and of the word alone to one with the article', () => {
    const [alone] = terms('العاب', 'ar')
    const [withArticle] = terms('الالعاب', 'ar')
    expect(terms('ألعاب', 'ar')).toEqual([withArticle])
    expect(readings('العاب', [withArticle!])).toEqual([alone, withArticle])
    expect(readings('الالعاب', [alone!])).toEqual([withArticle, alone])
    // After an article with a proclitic too: وال، بال، فال، كال، لل.
    expect(readings('والالعاب', [alone!])).toEqual([withArticle, alone])
    expect(readings('للالتزام', terms('التزام', 'ar'))).toEqual([
      ...terms('الالتزام', 'ar'),
      ...terms('التزام', 'ar'),
    ])
    // With the hamza written, the article form is the word's own stem; it also tries the reading of a text
    // that writes the alef plain (العاب, read as article + عاب: ألمانيا and المانيا, ألكسندر and الكسندر).
    // The hamza-less stem of the word alone is tried after the article only (الألعاب → the stem of ألعاب).
    expect(readings('ألعاب', [withArticle!, alone!])).toEqual([withArticle, alone])
    expect(readings('ألعاب', [withArticle!])).toEqual([withArticle])
    expect(readings('الألعاب', [alone!])).toEqual([withArticle])
  })
  it('do the same for a word whose و is its own but not in ar-waw-words (وجود: و + جودة is "and quality")', () => {
    expect(terms('وجود', 'ar')).not.toEqual(terms('الوجود', 'ar'))
    expect(readings('وجود', terms('الوجود', 'ar'))).toEqual([
      ...terms('وجود', 'ar'),
      ...terms('الوجود', 'ar'),
    ])
    expect(readings('الوجود', terms('وجود', 'ar'))).toEqual([
      ...terms('الوجود', 'ar'),
      ...terms('وجود', 'ar'),
    ])
    // A word both forms stem alike gets nothing (كتاب / الكتاب, وزير / الوزير).
    expect(readings('كتاب', ['کتاب', 'الکتاب'])).toEqual(['کتاب'])
    expect(readings('الوزير', ['وزیر', 'زیر'])).toEqual(['وزیر'])
  })
  it('add nothing the index lacks (an Arabic index gives an ordinary article form none), nor to the name of God', () => {
    expect(readings('العاب', [])).toEqual(terms('العاب', 'ar'))
    // (An Arabic index has الکتاب only from a doubled article, الالكتاب: the reading is then that word.)
    expect(readings('الكتاب', ['کتاب'])).toEqual(['کتاب'])
    expect(readings('الله', ['الله', 'له'])).toEqual(['الله'])
  })
  it("weigh as the word's other written forms (below the word as typed)", () => {
    const [clause] = analyzeQuery('الالغاء', { language: 'ar', hasTerm: () => true })
    expect(clause!.formsFrom).toBe(clause!.alternatives.length - 1)
  })
  it('let a search in an Arabic index find each form from the other, with or without the hamza', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'ar' })
    index.addAll([
      { id: 1, text: 'بطولة ألعاب القوى في المدينة' },
      { id: 2, text: 'قرار الإلغاء النهائي للمباراة' },
      { id: 3, text: 'الألعاب الإلكترونية للأطفال' },
      { id: 4, text: 'إلغاء الرحلة بسبب الطقس' },
      { id: 5, text: 'التزام الحكومة بالوعود' },
      { id: 6, text: 'كتاب عن التاريخ' },
      { id: 7, text: 'لا وجود للماء' },
      { id: 8, text: 'العاب الفيديو بلا همزة' },
    ])
    const found = (query: string) => index.search(query).map((h) => h.id)
    // Typed with the hamza: the documents written so, then the one written without it (read as ال + عاب).
    const hamza = found('ألعاب')
    expect(hamza.slice(0, 2).sort()).toEqual([1, 3])
    expect(hamza[2]).toBe(8)
    expect(found('الألعاب').sort()).toEqual([1, 3])
    // Typed without the hamza: the document written so first, then the others through the reading.
    expect(found('العاب')).toEqual([8, 3, 1])
    expect(found('إلغاء').sort()).toEqual([2, 4])
    expect(found('الإلغاء').sort()).toEqual([2, 4])
    expect(found('إلكترونية')).toEqual([3])
    expect(found('بالالتزام')).toEqual([5])
    // (The rare-word fallback also reaches بالوعود, one edit from وجود, below it.)
    expect(found('الوجود')[0]).toBe(7)
  })
})

describe('Arabic hamza on either seat before و, at query time', () => {
  const readings = (word: string, index: readonly string[]) => readingsOf(word, index, 'ar')
  it('tries the other seat when the index has that stem, after the word as typed', () => {
    const [hamzaOnWaw] = terms('المسؤول', 'ar')
    const [hamzaOnYeh] = terms('المسئول', 'ar')
    expect(hamzaOnWaw).not.toBe(hamzaOnYeh)
    expect(readings('المسؤول', [hamzaOnYeh!])).toEqual([hamzaOnWaw, hamzaOnYeh])
    expect(readings('شئون', terms('شؤون', 'ar'))).toEqual([...terms('شئون', 'ar'), ...terms('شؤون', 'ar')])
    expect(readings('المسؤول', [])).toEqual([hamzaOnWaw])
    // Not at the start of a word (ووزير is و + وزير), and nothing for يوم without a term ووم.
    expect(readings('يوم', ['یوم'])).toEqual(['یوم'])
  })
  it('lets a search find either spelling, the one typed first', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'ar' })
    index.addAll([
      { id: 1, text: 'قال المسؤول عن الملف' },
      { id: 2, text: 'صرح المسئول في الوزارة' },
      { id: 3, text: 'كتاب عن التاريخ' },
    ])
    expect(index.search('المسئول').map((h) => h.id)).toEqual([2, 1])
    expect(index.search('مسؤول').map((h) => h.id)).toEqual([1, 2])
  })
})

describe('Persian participles in م with the Arabic plural ین, at query time', () => {
  const clause = (word: string, index: readonly string[]) => clauseOf(word, index, 'fa')
  it('add the other number when the index has it, as a written form', () => {
    const [singular] = terms('مسئول', 'fa')
    const [plural] = terms('مسئولین', 'fa')
    expect(plural).not.toBe(singular) // documents keep the ین (مورفین, میانگین are no plurals)
    const ofPlural = clause('مسئولین', [singular!, plural!])
    expect(ofPlural.alternatives.at(-1)).toEqual([singular])
    expect(ofPlural.formsFrom).toBe(ofPlural.alternatives.length - 1)
    expect(clause('مسئول', [singular!, plural!]).alternatives.at(-1)).toEqual([plural])
    // Nothing the index lacks, nothing for a word not in م or too short.
    expect(clause('مسئولین', [plural!]).formsFrom).toBeUndefined()
    expect(clause('تمرین', ['تمر', 'تمرین']).formsFrom).toBeUndefined()
    expect(clause('معین', ['مع', 'معین']).formsFrom).toBeUndefined()
  })
  it('lets a search find مشمولین for مشمول, below a document with the word as typed', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'fa' })
    index.addAll([
      { id: 1, text: 'مشمولین خدمت سربازی معاف شدند' },
      { id: 2, text: 'هر مشمول باید مراجعه کند' },
      { id: 3, text: 'بازی فوتبال در تهران' },
    ])
    expect(index.search('مشمول').map((h) => h.id)).toEqual([2, 1])
    expect(index.search('مشمولین').map((h) => h.id)).toEqual([1, 2])
  })
})

describe('Persian plurals written joined', () => {
  const Z = '\u200c'
  it('stem as the ZWNJ form and the singular do (the rest is stemmed as a noun written alone)', () => {
    for (const noun of ['ویژگی', 'آلودگی', 'بزرگتر', 'درختان', 'نمایندگی', 'کتاب', 'خانه']) {
      const singular = terms(noun, 'fa')
      for (const ending of ['ها', 'های', 'هایی']) {
        expect(terms(noun + ending, 'fa'), noun + ending).toEqual(terms(noun + Z + ending, 'fa'))
      }
      expect(terms(`${noun}ها`, 'fa'), noun).toEqual(singular)
    }
    expect(terms('ویژگیهای', 'fa')).toEqual(['ویژه'])
    expect(terms('بزرگترها', 'fa')).toEqual(['بزرگ'])
    // A word of fa-heh-ye-words.txt + ای reads as that word, not as a plural: دوستانهای is دوستانه‌ای
    // ("friendly"), not a double plural of دوست.
    expect(terms('دوستانها', 'fa')).toEqual(terms(`دوستان${Z}ها`, 'fa'))
    expect(terms('دوستانهای', 'fa')).toEqual(terms(`دوستانه${Z}ای`, 'fa'))
  })
  it('keep nouns that only end like an affix whole, singular and plural (dictionaries/fa-stem-exceptions.txt)', () => {
    for (const noun of ['سرطان', 'نوجوان', 'ارگان', 'پادگان', 'مجازات', 'مالیات', 'کاراکتر', 'هلیکوپتر']) {
      expect(terms(noun, 'fa'), noun).toEqual([noun.replace('آ', 'ا')])
      expect(terms(`${noun}ها`, 'fa'), noun).toEqual(terms(noun, 'fa'))
    }
    expect(terms('نوجوانان', 'fa')).toEqual(['نوجوان'])
    // مجازات is not مجاز ("allowed"), مالیات not مال ("property").
    expect(terms('مجازات', 'fa')).not.toEqual(terms('مجاز', 'fa'))
  })
})

describe('Persian joined pronouns at query time', () => {
  const readings = (word: string, index: readonly string[]) => readingsOf(word, index, 'fa')
  it('adds the word without a joined شان، تان، مان or ش when the index has its stem', () => {
    expect(readings('خونش', ['خون'])).toContain('خون')
    expect(readings('کشورمان', ['کشور'])).toContain('کشور')
    expect(readings('خانهشان', ['خانه'])).toContain('خانه')
  })
  it('adds nothing the index lacks, and keeps three letters (آتش, روش)', () => {
    expect(readings('خونش', [])).toEqual(['خونش'])
    expect(readings('آتش', ['آت', 'ات'])).toEqual(['اتش'])
    expect(readings('روش', ['رو'])).toEqual(['روش'])
  })
})

describe('Persian query words meet their forms with a joined plural pronoun', () => {
  const clause = (word: string, index: readonly string[]) => clauseOf(word, index, 'fa')
  it('adds the stems documents give the word + مان / شان / تان (کشورمان → کشورم), after the word', () => {
    const c = clause('کشور', ['کشور', 'کشورم', 'کشورش'])
    expect(c.alternatives.map((a) => a.join(' '))).toEqual(['کشور', 'کشورش', 'کشورم'])
    expect(c.formsFrom).toBe(1)
    // Those are the stems of the documents' spellings.
    expect(analyze('کشورمان کشورشان', { language: 'fa' }).map((t) => t.term)).toEqual(['کشورم', 'کشورش'])
  })
  it('adds none the index lacks, none for short or vowel-final stems, none the stemmer keeps whole', () => {
    expect(clause('کشور', ['کشور']).formsFrom).toBeUndefined()
    expect(clause('کشور', ['کشور']).alternatives).toEqual([['کشور']])
    // Three letters: مرد + م is مردم (people), شهر + ت is شهرت (fame).
    expect(clause('مرد', ['مرد', 'مردم']).alternatives).toEqual([['مرد']])
    expect(clause('شهر', ['شهر', 'شهرت']).alternatives).toEqual([['شهر']])
    // After a vowel the pronoun is written یمان (برایمان); انجا + م is انجام.
    expect(clause('فردا', ['فردا', 'فردام']).alternatives).toEqual([['فردا']])
    // سازمان is a word of its own, not ساز + مان: its stem is not سازم.
    expect(clause('سازه', ['سازه', 'سازم']).formsFrom).toBeUndefined()
    expect(clause('ساختمان', ['ساختمان']).formsFrom).toBeUndefined()
  })
  it('lets a search find کشورمان for کشور, below a document with the word as typed', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'fa' })
    index.addAll([
      { id: 1, text: 'مردم کشورمان به انتخابات رفتند' },
      { id: 2, text: 'مردم کشور به انتخابات رفتند' },
      { id: 3, text: 'بازی فوتبال در تهران' },
    ])
    expect(index.search('کشور').map((h) => h.id)).toEqual([2, 1])
    expect(index.search('کشورمان').map((h) => h.id)).toEqual([1, 2])
  })
})

describe('query words meet their other number (broken plurals)', () => {
  const clause = (word: string, index: readonly string[], language: 'fa' | 'ar' = 'fa') =>
    clauseOf(word, index, language)
  const stemOf = (word: string, language: 'fa' | 'ar') => analyze(word, { language })[0]!.term
  it('adds the singular of a broken plural and the plurals of a singular, after the word', () => {
    const [dalil, dalayel, adelle] = ['دلیل', 'دلایل', 'ادله'].map((w) => stemOf(w, 'fa'))
    const plural = clause('دلایل', [dalil!, dalayel!])
    expect(plural.alternatives.map((a) => a.join(' '))).toEqual([dalayel, dalil])
    expect(plural.numberFormsFrom).toBe(1)
    expect(plural.formsFrom).toBe(1)
    const singular = clause('دلیل', [dalil!, dalayel!, adelle!])
    expect(singular.alternatives.map((a) => a.join(' '))).toEqual([dalil, adelle, dalayel])
    expect(singular.numberFormsFrom).toBe(1)
    // Arabic: مدرسة ↔ مدارس.
    const [madrasa, madares] = ['مدرسة', 'مدارس'].map((w) => stemOf(w, 'ar'))
    expect(clause('المدارس', [madrasa!, madares!], 'ar').alternatives).toEqual([[madares], [madrasa]])
  })
  it('adds none the index lacks, and keeps them after the joined-pronoun forms', () => {
    expect(clause('دلایل', [stemOf('دلایل', 'fa')]).numberFormsFrom).toBeUndefined()
    const c = clause('منابع', ['منابع', 'منابعش', 'منبع'])
    expect(c.alternatives.map((a) => a.join(' '))).toEqual(['منابع', 'منابعش', 'منبع'])
    expect(c.formsFrom).toBe(1)
    expect(c.numberFormsFrom).toBe(2)
  })
  it('lets a search find the other number, below a document with the word as typed', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'fa' })
    index.addAll([
      { id: 1, text: 'دلیل اصلی گرانی کاهش تولید است' },
      { id: 2, text: 'دلایل اصلی گرانی کاهش تولید است' },
      { id: 3, text: 'بازی فوتبال در تهران' },
    ])
    expect(index.search('دلایل گرانی').map((h) => h.id)).toEqual([2, 1])
    expect(index.search('دلیل گرانی').map((h) => h.id)).toEqual([1, 2])
    const arabic = new SearchIndex({ fields: ['text'], language: 'ar' })
    arabic.addAll([
      { id: 1, text: 'افتتاح مدرسة جديدة في الرياض' },
      { id: 2, text: 'زيارة إلى الملعب' },
    ])
    expect(arabic.search('المدارس').map((h) => h.id)).toEqual([1])
  })
  it('every line of the lists relates at least two distinct stems of three letters or more', () => {
    const lex = getLexicon()
    for (const [groups, language] of [
      [lex.faBrokenPlurals, 'fa'],
      [lex.arBrokenPlurals, 'ar'],
    ] as const) {
      expect(groups.length).toBeGreaterThan(100)
      for (const group of groups) {
        const stems = new Set(group.map((w) => stemOf(w, language)).filter((s) => s.length >= 3))
        expect(stems.size, group.join(' ')).toBeGreaterThanOrEqual(2)
      }
    }
  })
})

describe('Persian query words joined to stop words by a ZWNJ', () => {
  const Z = '\u200c'
  const clauses = (query: string, index: readonly string[]) =>
    analyzeQuery(query, { language: 'fa', hasTerm: (t) => index.includes(t) }).map((c) => ({
      alternatives: c.alternatives.map((a) => a.join(' ')),
      optional: c.optional,
    }))
  it('reads the query as a document with the ZWNJs written as spaces is indexed', () => {
    // Question writers join the verb to the word before it: تیم‌بود, ایجاد‌شده‌از, فارسی‌شده‌است.
    expect(clauses(`تیم${Z}بود`, ['تیم'])).toEqual([{ alternatives: ['تیم'], optional: false }])
    expect(clauses(`ایجاد${Z}شده${Z}از`, ['ایجاد'])).toEqual([{ alternatives: ['ایجاد'], optional: false }])
    expect(clauses(`فارسی${Z}شده${Z}است`, ['فارس'])[0]!.alternatives).toContain('فارس')
    // Two content words: both, and their joined form as an optional clause when the index has it.
    expect(clauses(`آتش${Z}بس`, ['اتش', 'بس', 'اتشبس'])).toEqual(clauses('آتش بس', ['اتش', 'بس', 'اتشبس']))
  })
  it('lets a search find the word written apart from its verb', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'fa' })
    index.addAll([
      { id: 1, text: 'سیاهگوش در این منطقه ساکن بود' },
      { id: 2, text: 'گربه در شهر زندگی می‌کند' },
    ])
    expect(index.search(`سیاهگوش کجا ساکن${Z}بود`).map((h) => h.id)).toEqual([1])
    expect(index.search(`ساکن${Z}بودند`).map((h) => h.id)).toEqual([1])
  })
})

describe('the name of God', () => {
  it('الله and its proclitic forms (لله، والله، بالله…) meet as one term; look-alikes do not', () => {
    // light10 read the ال of الله as the article (→ له, a stop word elsewhere) and لله as ل + له (→ لل).
    for (const form of ['الله', 'لله', 'والله', 'ولله', 'بالله', 'فالله', 'فلله', 'تالله', 'اللَّه', 'لِلَّهِ'])
      expect(terms(form, 'ar'), form).toEqual(['الله'])
    expect(stemArabic('بله')).toBe('بل')
    expect(stemArabic('فله')).toBe('فل')
    expect(terms('له', 'ar')).toEqual(['له'])
  })
})

describe('words that begin with و of their own', () => {
  it('keep it, so the indefinite and the definite form meet (وزير / الوزير); a و before it is "and"', () => {
    // light10 reads the و of وزير as the conjunction: وزير → زير, while الوزير → وزير.
    for (const [bare, definite] of [
      ['وزير', 'الوزير'],
      ['وزارة', 'الوزارة'],
      ['وكالة', 'الوكالة'],
      ['وطني', 'الوطني'],
      ['ولاية', 'الولاية'],
      ['وزراء', 'الوزراء'],
      ['وصول', 'للوصول'],
      ['واسعة', 'الواسعة'],
      ['وجبات', 'الوجبات'],
    ]) {
      expect(terms(bare, 'ar'), bare).toEqual(terms(definite, 'ar'))
    }
    expect(terms('ووزير', 'ar')).toEqual(terms('وزير', 'ar'))
    // "And" + a word still loses its و, also before a word that shares the letters: وزراعة is و + زراعة.
    expect(terms('وكتاب وقال', 'ar')).toEqual(terms('كتاب قال', 'ar'))
    expect(terms('وزراعة', 'ar')).toEqual(terms('الزراعة', 'ar'))
  })
  it('keep a وال of their own: والده / والدة ("his father", "mother") are not "and the" + ده', () => {
    expect(terms('والده والدة الوالدة الوالد', 'ar')).toEqual(['والد', 'والد', 'والد', 'والد'])
    // "And the" stays: والدولة is و + الدولة; والدين is left to the stemmer (parents or "and the religion").
    expect(terms('والدولة', 'ar')).toEqual(terms('الدولة', 'ar'))
    expect(terms('والدين', 'ar')).toEqual(terms('الدين', 'ar'))
  })
  it('the beginning lists hold words of three letters or more (the lookup buckets them by three)', () => {
    const { arWawWords, arWalWords, arKalWords, arBalWords } = getLexicon()
    for (const list of [arWawWords, arWalWords, arKalWords, arBalWords]) {
      expect(list.size).toBeGreaterThan(0)
      for (const word of list) expect(word.length, word).toBeGreaterThanOrEqual(3)
    }
  })
  it('lets a search for وزير find الوزير', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'ar' })
    index.addAll([
      { id: 1, text: 'صرح الوزير بأن الوزارة ستعلن النتائج' },
      { id: 2, text: 'زار الرئيس المدينة' },
    ])
    expect(index.search('وزير').map((hit) => hit.id)).toEqual([1])
    // (The rare-word fallback also reaches زار, one edit away, below it.)
    expect(index.search('وزارة').map((hit) => hit.id)[0]).toBe(1)
  })
})

describe('words that begin with بال of their own', () => {
  it('keep it: بالغة / البالغة, بالون / البالونات meet; "with the" still loses ب + ال', () => {
    // light10 reads بال as ب + the article: بالغة → غه and بالغين → غين, while البالغة → بالغ.
    expect(terms('بالغة', 'ar')).toEqual(terms('البالغة', 'ar'))
    expect(terms('بالغين والبالغين', 'ar')).toEqual(['بالغ', 'بالغ'])
    expect(terms('بالون', 'ar')).toEqual(terms('البالون', 'ar'))
    // ب + the article, also before a word that shares the letters: بالغرب, بالغاز, بالغارات.
    expect(terms('بالغرب بالغاز بالغارات', 'ar')).toEqual(terms('الغرب الغاز الغارات', 'ar'))
    expect(terms('بالكتاب', 'ar')).toEqual(terms('الكتاب', 'ar'))
  })
})

describe('the Arabic nisba ـائي', () => {
  it('goes whole, so the adjective meets its noun in ـاء or ـاية', () => {
    expect(terms('النهائي النهائية', 'ar')).toEqual(terms('نهاية النهاية', 'ar'))
    expect(terms('الكهربائي', 'ar')).toEqual(terms('كهرباء', 'ar'))
    expect(terms('الكيميائية', 'ar')).toEqual(terms('الكيمياء', 'ar'))
    expect(terms('الإحصائية', 'ar')).toEqual(terms('إحصاء', 'ar'))
    expect(terms('استثنائي', 'ar')).toEqual(terms('استثناء', 'ar'))
    // Other words in ي keep their letters: عربي → عرب, رأي → را.
    expect(terms('العربي', 'ar')).toEqual(terms('العربية', 'ar'))
    expect(terms('رأي', 'ar')).toEqual(['را'])
  })
})

describe('Persian nouns in ان that are no plurals (fa-stem-exceptions.txt)', () => {
  it('keep it and meet their own plural: کارگردان / کارگردانان, پشتیبان / پشتیبانی, نگهبان / نگهبانها', () => {
    expect(terms('کارگردان', 'fa')).toEqual(terms('کارگردانان', 'fa'))
    expect(terms('کارگردان', 'fa')).toEqual(['کارگردان'])
    expect(terms('پشتیبان', 'fa')).toEqual(terms('پشتیبانی', 'fa'))
    expect(terms('نگهبان', 'fa')).toEqual(terms('نگهبان‌ها', 'fa'))
    expect(terms('اقتصاددان', 'fa')).toEqual(terms('اقتصاددانان', 'fa'))
    expect(terms('امتحان', 'fa')).toEqual(terms('امتحانات', 'fa'))
    // The plural in ان of a word in a گ of its own is not read as گان for a silent ه (fa-gaf-words.txt).
    expect(terms('بزرگان سرهنگان', 'fa')).toEqual(terms('بزرگ سرهنگ', 'fa'))
    expect(terms('خبرگان نمایندگان', 'fa')).toEqual(terms('خبره نماینده', 'fa'))
    // روحانی (cleric) meets روحانیان, not روح (spirit).
    expect(terms('روحانی', 'fa')).toEqual(terms('روحانیان', 'fa'))
    expect(terms('روحانی', 'fa')).not.toEqual(terms('روح', 'fa'))
    // Plurals in ان still lose it.
    expect(terms('پزشکان جوانان', 'fa')).toEqual(terms('پزشک جوان', 'fa'))
  })
})

describe('nouns whose ون or ين is their own (ar-stem-exceptions.txt)', () => {
  it('meet their derived forms: قانون / القانونية, فلسطين / الفلسطينيين, تحسين / التحسينات', () => {
    // light10 read the ending as the plural: قانون → قان, فلسطين → فلسط, البحرين → بحر ("sea").
    expect(terms('قانون', 'ar')).toEqual(terms('القانونية', 'ar'))
    expect(terms('مليون المليون', 'ar')).toEqual(['ملیون', 'ملیون'])
    expect(terms('تعاون', 'ar')).toEqual(terms('التعاونية', 'ar'))
    expect(terms('فلسطين', 'ar')).toEqual(terms('الفلسطينيين', 'ar'))
    expect(terms('البحرين', 'ar')).toEqual(terms('البحرينية', 'ar'))
    expect(terms('البحرين', 'ar')).not.toEqual(terms('البحر', 'ar'))
    expect(terms('تحسين', 'ar')).toEqual(terms('التحسينات', 'ar'))
    // And words that end like another suffix or a pronoun: ترفيه (یه), تراكم (كم), مساهم (هم).
    expect(terms('الترفيه', 'ar')).toEqual(terms('الترفيهية', 'ar'))
    expect(terms('التراكم', 'ar')).toEqual(terms('التراكمية', 'ar'))
    expect(terms('المساهمين', 'ar')).toEqual(terms('مساهمة', 'ar'))
    expect(terms('الإمارات', 'ar')).toEqual(terms('الإماراتية', 'ar'))
    expect(terms('التفاهم', 'ar')).toEqual(terms('تفاهمات', 'ar'))
    expect(terms('استثناء', 'ar')).toEqual(terms('الاستثناءات', 'ar'))
    // Plurals in ون / ين still lose it: المعلمون, المهندسين.
    expect(terms('المعلمون', 'ar')).toEqual(terms('المعلم', 'ar'))
    expect(terms('المهندسين', 'ar')).toEqual(terms('المهندس', 'ar'))
  })
})

describe('the two spellings of "hundred"', () => {
  it('meet: مائة / مئة with the article, a proclitic, the dual, the construct form and the compound hundreds', () => {
    // Before, مائة stemmed to ما and مئة to می.
    const pairs = [
      ['مائة', 'مئة'],
      ['المائة', 'المئة'],
      ['بالمائة', 'بالمئة'],
      ['ومائة', 'ومئة'],
      ['بمائة', 'بمئة'],
      ['مائتان', 'مئتان'],
      ['مائتين', 'مئتين'],
      ['مائتي', 'مئتي'],
      ['مائتا', 'مئتا'],
      ['خمسمائة', 'خمسمئة'],
      ['وثلاثمائة', 'وثلاثمئة'],
      ['أربعمائة', 'أربعمئة'],
      ['ماية', 'مئة'], // informal, without the hamza
    ]
    for (const [classical, modern] of pairs) expect(terms(classical!, 'ar')).toEqual(terms(modern!, 'ar'))
    expect(terms('مائة', 'ar')).toEqual(['می'])
    expect(terms('مائتين', 'ar')).toEqual(terms('مائتان', 'ar'))
  })

  it('leaves other words with مای alone', () => {
    expect(terms('مايو', 'ar')).toEqual(['مایو'])
    expect(terms('مايكل', 'ar')).toEqual(['مایکل'])
    expect(terms('حماية', 'ar')).toEqual(terms('الحماية', 'ar'))
    expect(terms('حماية', 'ar')).not.toEqual(terms('حمية', 'ar'))
    expect(terms('مائدة', 'ar')).toEqual(terms('المائدة', 'ar'))
    expect(terms('مائدة', 'ar')).not.toEqual(terms('مئدة', 'ar'))
  })
})

describe('words that begin with کال of their own', () => {
  it('keep it: کالیفورنیا, کالسیوم (with or without the article, و) meet; "like the" still loses ک + ال', () => {
    // light10 reads کال as ک + the article: کالیفورنیا → یفورنیا, and کالسیوم → سیوم while الکالسیوم → کالسیوم.
    expect(terms('كاليفورنيا وكاليفورنيا', 'ar')).toEqual(['کالیفورنیا', 'کالیفورنیا'])
    expect(terms('كالسيوم', 'ar')).toEqual(terms('الكالسيوم', 'ar'))
    expect(terms('كالسيوم', 'ar')).toEqual(['کالسیوم'])
    expect(terms('كالينينغراد', 'ar')).toEqual(['کالینینغراد'])
    // Suffixes go as usual: the adjective keeps its beginning too.
    expect(stemArabic('کالیفورنیه')).toBe('کالیفورن')
    // ک + the article: كالعادة is "as usual", كالفنون "like the arts" (not a کال-word by its first letters).
    expect(terms('كالعادة', 'ar')).toEqual(terms('العادة', 'ar'))
    expect(terms('كالفنون', 'ar')).toEqual(terms('الفنون', 'ar'))
  })
  it('are found as they are typed: a prefix of the word reaches it, and its suggestion is the word', () => {
    const index = new SearchIndex({ fields: ['text'], storeFields: ['text'], language: 'ar' })
    index.addAll([
      { id: 1, text: 'تقع ولاية كاليفورنيا في غرب الولايات المتحدة' },
      { id: 2, text: 'الكالسيوم عنصر مهم للعظام' },
      { id: 3, text: 'كان الرجل كالأسد في المعركة' },
    ])
    expect(index.search('كاليف', { prefix: true }).map((hit) => hit.id)).toEqual([1])
    expect(index.search('كالسي', { prefix: true }).map((hit) => hit.id)).toEqual([2])
    expect(index.search('كالسيوم').map((hit) => hit.id)).toEqual([2])
    expect(index.suggest('كاليف').map((s) => s.suggestion)).toEqual(['كاليفورنيا'])
    // "Like the lion" still finds the lion.
    expect(index.search('الأسد').map((hit) => hit.id)).toEqual([3])
  })
  it('without stemming, a prefix is the word as typed', () => {
    const index = new SearchIndex({ fields: ['text'], language: 'ar', stem: false })
    index.addAll([
      { id: 1, text: 'تقع ولاية كاليفورنيا في غرب الولايات المتحدة' },
      { id: 2, text: 'الكالسيوم عنصر مهم للعظام' },
    ])
    expect(index.search('كاليف', { prefix: true }).map((hit) => hit.id)).toEqual([1])
    expect(index.search('كالسي', { prefix: true }).map((hit) => hit.id)).toEqual([])
    expect(index.search('الكالس', { prefix: true }).map((hit) => hit.id)).toEqual([2])
  })
})
