/**
 * Every row of the normalisation checklist (shared/research/normalization.md §8), in both directions:
 * each variant spelling must give the same index term as the plain spelling, and the plain spelling must
 * give the same term as each variant.
 */
import { digitsArToEn, digitsFaToEn, toPersianChars } from '@persian-tools/persian-tools'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { faHehPlurals, faHehYeWords } from '../src/analysis/dictionaries.generated'
import { getLexicon } from '../src/analysis/lexicon'
import { analyze, normalize, SearchIndex } from '../src/index'

const terms = (text: string, language: 'fa' | 'ar' | 'auto' = 'auto', stem = true) =>
  analyze(text, { language, stem, stopWords: false }).map((t) => t.term)

/** Asserts that every spelling in `variants` indexes exactly like `plain` (and so, like each other). */
function sameTerms(plain: string, variants: string[], language: 'fa' | 'ar' | 'auto' = 'auto', stem = true) {
  const expected = terms(plain, language, stem)
  expect(expected.length).toBeGreaterThan(0)
  for (const v of variants) {
    expect(terms(v, language, stem), `${v} vs ${plain}`).toEqual(expected)
    expect(terms(plain, language, stem), `${plain} vs ${v}`).toEqual(terms(v, language, stem))
  }
}

describe('checklist: letter variants', () => {
  it('Arabic yeh ي, alef maksura ى, yeh barree ے, ۍ, ې → Farsi yeh ی', () => {
    expect(normalize('علي علی علے')).toBe('علی علی علی')
    expect(normalize('مستشفى')).toBe('مستشفی')
    expect(normalize('ۍې')).toBe('یی')
    sameTerms('علی', ['علي', 'علے'], 'fa')
  })
  it('Arabic kaf ك and its variants → keheh ک', () => {
    expect(normalize('كتاب')).toBe('کتاب')
    expect(normalize('ڪتاب')).toBe('کتاب')
    sameTerms('کتاب', ['كتاب', 'ڪتاب'], 'fa')
  })
  it('teh marbuta ة → ه', () => {
    expect(normalize('مدرسة')).toBe('مدرسه')
    sameTerms('مدرسه', ['مدرسة'], 'ar')
  })
  it('alef with hamza/madda/wasla أ إ آ ٱ → ا (آ included: search folds it, see README)', () => {
    expect(normalize('أحمد إسلام آب ٱلحمد')).toBe('احمد اسلام اب الحمد')
    sameTerms('احمد', ['أحمد', 'إحمد'], 'ar')
    sameTerms('الحمد', ['ٱلحمد', 'ٱلْحَمْدُ'], 'ar')
  })
  it('hamza on waw/yeh ؤ ئ → و ی; standalone ء kept', () => {
    expect(normalize('مسؤول سائل')).toBe('مسوول سایل')
    expect(normalize('جزء')).toBe('جزء')
  })
  it('Persian words spelt with ط or ت, ذ or ز index as one spelling (fa-spelling-variants.txt)', () => {
    sameTerms('بلیت', ['بلیط'], 'fa')
    sameTerms('اتاق‌ها', ['اطاق‌ها', 'اطاقها'], 'fa')
    sameTerms('طوفان طوفانی', ['توفان توفانی'], 'fa')
    sameTerms('تهران', ['طهران'], 'fa')
    sameTerms('هجدهمین', ['هیجدهمین'], 'fa')
    sameTerms('دموکراسی دموکراتیک دموکرات‌ها', ['دمکراسی دمكراتيك دمکراتها'], 'fa')
    // A replacement of another length moves the affix boundary with the word (سئوال‌ها → سوال + ها).
    sameTerms('سؤال‌ها', ['سئوال‌ها', 'سئوال ها'], 'fa')
  })
  it('Persian words written with another hamza seat or none index as the standard spelling', () => {
    sameTerms('مسئله', ['مسأله', 'مساله'], 'fa')
    sameTerms('مسئول', ['مسؤول', 'مسوول'], 'fa')
    sameTerms('هیئت', ['هیأت', 'هيأت', 'هیات', 'هيئت'], 'fa')
    sameTerms('سؤال', ['سئوال', 'سوال'], 'fa')
    sameTerms('جرئت', ['جرأت', 'جرات'], 'fa')
    // Inflected and derived forms follow (the rewrite is on the stem's beginning), stemmed or not.
    sameTerms('مسئولان مسئولیت‌ها هیئت‌های سئوالات', ['مسؤولان مسؤولیت‌ها هیأت‌های سؤالات'], 'fa')
    sameTerms('مسئولیت هیئتی', ['مسوولیت هیاتی'], 'fa', false)
    // Words that only share letters with a spelling stay apart: سوالبارد (Svalbard) keeps its سوال.
    expect(terms('سوالبارد', 'fa')).toEqual(['سوالبارد'])
    expect(terms('مسائل', 'fa')).not.toEqual(terms('مسئله', 'fa'))
    // Arabic words keep their own fold: the list is Persian (المسؤول stays مسوول, not مسئول's term).
    expect(terms('المسؤول', 'ar')).toEqual(['مسوول'])
  })
  it('Persian drops a final hamza after alef, as Persian spelling does (words of four letters or more)', () => {
    sameTerms('اعضا', ['اعضاء'], 'fa')
    sameTerms('امضا', ['امضاء'], 'fa')
    sameTerms('ارتقا اشیا وزرا', ['ارتقاء اشیاء وزراء'], 'fa')
    // First, so that both spellings stem alike (فقهاء as فقها, whatever the stemmer makes of it).
    sameTerms('فقها', ['فقهاء'], 'fa')
    expect(terms('ماء', 'fa')).toEqual(['ماء'])
    // Inside a word and after other letters the hamza stays: سوء (bad) is not سو (side).
    expect(terms('سوء', 'fa')).not.toEqual(terms('سو', 'fa'))
  })
  it('the ات plural of a Persian noun in a silent ه meets its singular (fa-heh-plurals.txt)', () => {
    sameTerms('مسابقه', ['مسابقات', 'مسابقاتی'], 'fa')
    sameTerms('حمله مقاله جلسه', ['حملات مقالات جلسات'], 'fa')
    // Not every ات plural drops an ه: تحقیقات is تحقیق's, and حمل (carrying) is not حمله.
    expect(terms('تحقیقات', 'fa')).toEqual(terms('تحقیق', 'fa'))
    expect(terms('حملات', 'fa')).not.toEqual(terms('حمل', 'fa'))
    // Every listed noun ends in ه (the lexicon holds it without), and its plural and itself give one term.
    for (const noun of faHehPlurals) expect(normalize(noun).endsWith('ه'), noun).toBe(true)
    for (const stem of getLexicon().faHehPluralStems) {
      expect(terms(`${stem}ات`, 'fa'), stem).toEqual(terms(`${stem}ه`, 'fa'))
    }
  })
  it('a Persian word in ه + ای written joined (ZWNJ stripped) is the word, not a plural (fa-heh-ye-words.txt)', () => {
    sameTerms('منطقه', ['منطقهای', 'منطقه‌ای', 'منطقه ای'], 'fa')
    sameTerms('برنامه هسته ای', ['برنامه هستهای', 'برنامه هسته‌ای'], 'fa')
    sameTerms('رسانه ویژه خامنه', ['رسانهای ویژهای خامنهای'], 'fa')
    // منطق ("logic") and هست ("is") stay apart; the plural reading stays for the words left out of the list
    // (دورهای: rounds, مدیرهای: managers) and for every other word (کتابهای).
    expect(terms('منطقهای', 'fa')).not.toEqual(terms('منطق', 'fa'))
    expect(terms('دورهای', 'fa')).toEqual(terms('دور', 'fa'))
    expect(terms('مدیرهای', 'fa')).toEqual(terms('مدیر', 'fa'))
    expect(terms('کتابهای', 'fa')).toEqual(terms('کتاب', 'fa'))
    // Every listed word ends in ه, and with ای joined it gives the terms it gives with a ZWNJ.
    for (const word of faHehYeWords) {
      expect(normalize(word).endsWith('ه'), word).toBe(true)
      expect(terms(`${word}ای`, 'fa'), word).toEqual(terms(`${word}\u200cای`, 'fa'))
    }
  })
  it('the spelling lists are well-formed: no spelling begins another or its replacement', () => {
    for (const variants of [getLexicon().faSpellingVariants, getLexicon().arSpellingVariants]) {
      expect(variants.size).toBeGreaterThan(0)
      for (const [variant, canonical] of variants) {
        for (const other of variants.keys()) {
          if (other !== variant) expect(variant.startsWith(other), `${variant} / ${other}`).toBe(false)
          expect(canonical.startsWith(other), `${canonical} / ${other}`).toBe(false)
        }
      }
    }
  })
  it('Arabic transliterations index as one spelling (ar-spelling-variants.txt), with the article and derived forms', () => {
    sameTerms('أمريكا', ['أميركا', 'امريكا', 'اميركا'], 'ar')
    sameTerms('الأمريكية والأمريكيين', ['الأميركية والأميركيين'], 'ar')
    sameTerms('الديمقراطية', ['الديموقراطية'], 'ar')
    sameTerms('أوروبا الأوروبية', ['أوربا الأوربية'], 'ar')
    sameTerms('التلفزيون', ['التليفزيون', 'التلفيزيون'], 'ar')
    sameTerms('الكمبيوتر', ['الكومبيوتر'], 'ar')
    sameTerms('جوجل', ['غوغل', 'قوقل', 'وغوغل'], 'ar')
    // The list is Arabic: a Persian word keeps its letters (آمریکا, اروپا are Persian's own spellings).
    expect(terms('امیرکا', 'fa')).not.toEqual(terms('امریکا', 'fa'))
  })
  it('heh with yeh above ۀ, heh + hamza هٔ, ھ ہ ە → ه', () => {
    expect(normalize('خانۀ')).toBe('خانه')
    expect(normalize('خانهٔ')).toBe('خانه')
    expect(normalize('ھہە')).toBe('ههه')
    sameTerms('خانه', ['خانۀ', 'خانهٔ', 'خانه‌ی', 'خانه ی'], 'fa')
  })
  it('hamza marks above/below (combining) are removed', () => {
    expect(normalize('ا\u0654حمد')).toBe('احمد')
    expect(normalize('ا\u0655')).toBe('ا')
  })
})

describe('checklist: marks and invisible characters', () => {
  it('harakat, tanween, shadda, sukun are removed', () => {
    expect(normalize('مَدْرَسَةٌ محمّد')).toBe('مدرسه محمد')
    sameTerms('مدرسه', ['مَدْرَسَةٌ'], 'ar')
  })
  it('superscript alef, Quranic marks and tatweel are removed', () => {
    expect(normalize('هٰذا')).toBe('هذا')
    expect(normalize('رحــــيم')).toBe('رحیم')
    expect(normalize('ٱلرَّحۡمَٰنِ')).toBe('الرحمن')
    // The superscript (dagger) alef is removed, as hazm and charabia do: right for هٰذا → هذا and
    // ٱلرَّحۡمَٰنِ → الرحمن, but Uthmani ٱلۡكِتَٰبُ becomes الکتب, not الکتاب (a documented limitation).
    expect(normalize('ذَٰلِكَ لَا رَيۡبَۛ فِيهِۛ')).toBe('ذلک لا ریب فیه')
  })
  it('ZWJ, soft hyphen, LRM/RLM, ALM and bidi embeddings/isolates are removed', () => {
    expect(normalize('کتاب\u200dها')).toBe('کتابها')
    expect(normalize('کتا\u00adب')).toBe('کتاب')
    expect(normalize('\u200fسلام\u200e')).toBe('سلام')
    expect(normalize('\u202bسلام\u202c \u2067دنیا\u2069 \u061cاب')).toBe('سلام دنیا اب')
    sameTerms('سلام', ['\u200fسلام\u200e', 'سل\u200dام', 'سل\u00adام'], 'fa')
  })
  it('NBSP and U+202F are spaces (they separate words)', () => {
    expect(normalize('کتاب\u00a0ها')).toBe('کتاب ها')
    expect(terms('غزه\u00a0روسیه', 'fa')).toEqual(terms('غزه روسیه', 'fa'))
    expect(terms('غزه\u202fروسیه', 'fa')).toEqual(terms('غزه روسیه', 'fa'))
  })
})

describe('checklist: digits, punctuation, presentation forms, Latin', () => {
  it('Persian and Arabic-Indic digits → ASCII, as tokens', () => {
    expect(normalize('۱۴۰۲ ١٤٠٢ 1402')).toBe('1402 1402 1402')
    sameTerms('1402', ['۱۴۰۲', '١٤٠٢'])
  })
  it('a number goes on over a digit-group separator: 1,000 and ۱٬۰۰۰ are 1000', () => {
    sameTerms('1000', ['1,000', '۱٬۰۰۰', '١٬٠٠٠', '1,۰۰۰'])
    sameTerms('1250000', ['۱٬۲۵۰٬۰۰۰', '1,250,000'])
    // Only before exactly three digits: lists, decimals and other groupings stay apart.
    expect(terms('10,20,30')).toEqual(['10', '20', '30'])
    expect(terms('1,2345')).toEqual(['1', '2345'])
    expect(terms('۲٫۵ 2.5')).toEqual(['2', '5', '2', '5'])
    expect(terms('a,000 کتاب،۱۰۰۰')).toEqual(['a', '000', 'کتاب', '1000'])
    // The word spans the separator in the original text (highlighting marks it whole).
    const [token] = analyze('قیمت ۱٬۰۰۰ ریال', { language: 'fa' }).filter((t) => t.term === '1000')
    expect([token.start, token.end]).toEqual([5, 10])
  })
  it('Arabic punctuation separates words', () => {
    expect(terms('سلام،دنیا؟', 'fa')).toEqual(['سلام', 'دنیا'])
    expect(terms('سلام؛دنیا', 'fa')).toEqual(['سلام', 'دنیا'])
    expect(terms('«سلام»٪', 'fa')).toEqual(['سلام'])
  })
  it('presentation forms and ligatures → base letters', () => {
    expect(normalize('ﻛﺘﺎﺏ')).toBe('کتاب')
    expect(normalize('ﮐﺘﺎﺏ')).toBe('کتاب')
    expect(normalize('ﻻ')).toBe('لا')
    expect(normalize('ﷲ')).toBe('الله')
    sameTerms('کتاب', ['ﻛﺘﺎﺏ', 'ﮐﺘﺎﺏ'], 'fa')
    expect(terms('ﻻ ﷲ', 'ar', false)).toEqual(['لا', 'الله'])
  })
  it('Latin is lower-cased and accent-folded; numbers stay tokens', () => {
    expect(terms('Café NAÏVE Axios RT 2023')).toEqual(['cafe', 'naive', 'axios', 'rt', '2023'])
    expect(terms('ＡＢＣ')).toEqual(['abc'])
  })
  it('splits digits from Arabic letters but keeps Latin+digit words', () => {
    expect(terms('۹کیلومتر', 'fa', false)).toEqual(['9', 'کیلومتر'])
    expect(terms('COVID19')).toEqual(['covid19'])
  })
})

describe('checklist: ZWNJ, spacing and Persian affixes', () => {
  it('ZWNJ, joined and spaced forms of plurals index the same', () => {
    sameTerms(
      'کتاب',
      ['کتاب‌ها', 'کتابها', 'کتاب ها', 'کتاب‌های', 'کتابهای', 'کتاب های', 'کتاب‌هایی', 'کتاب هایی'],
      'fa',
    )
  })
  it('comparative and superlative, joined or not', () => {
    sameTerms('بزرگ', ['بزرگ‌تر', 'بزرگتر', 'بزرگ تر', 'بزرگ‌ترین', 'بزرگترین', 'بزرگ ترین'], 'fa')
  })
  it('the verb prefixes می / نمی in all three spellings', () => {
    sameTerms('می‌روم', ['میروم', 'می روم'], 'fa')
    sameTerms('نمی‌خواهند', ['نمیخواهند', 'نمی خواهند'], 'fa')
  })
  it('one stem for a present verb whatever its person ending (a known stem wins over a longer ending)', () => {
    // میتواند is توان + د, not توا + ند; میبیند is بین + د.
    sameTerms('میتوانند', ['میتواند', 'می‌تواند', 'نمی‌تواند', 'میتوانیم'], 'fa')
    sameTerms('میبینند', ['میبیند', 'می بیند', 'میبینم'], 'fa')
    // A bare present stem after the prefix stays whole (نمی‌خند, not خن).
    expect(terms('نمی‌خند', 'fa')).toEqual(terms('میخندند', 'fa'))
  })
  it('the negative prefix ن on a known verb, like نمی', () => {
    sameTerms('رفتند', ['نرفتند', 'نرفتم'], 'fa')
    sameTerms('رفته‌اند', ['نرفته‌اند', 'نرفتهاند', 'نرفته اند'], 'fa')
    sameTerms('داشتن', ['نداشتن', 'نداشته'], 'fa')
    sameTerms('میتوانند', ['نتواند', 'نتوانیم'], 'fa')
    // Not a word that is itself a verb form (نشاند, نشست), not before ا (نام, نیامد is نیا + مد), not an
    // exception (نبرد "battle", نجوم) or its plural, and not when a ZWNJ follows the ن.
    expect(terms('نشاند نشست نام نجوم نبرد نبردها', 'fa')).toEqual([
      'نشاند',
      'نشست',
      'نام',
      'نجوم',
      'نبرد',
      'نبرد',
    ])
    expect(terms('ن‌رفت', 'fa')).not.toEqual(terms('رفت', 'fa'))
  })
  it('pronominal and verbal clitics after a word ending in ه', () => {
    sameTerms('خسته‌ام', ['خسته ام'], 'fa')
    // Written joined, a clitic is removed only after a known verb's participle (الهام, اتهام stay whole).
    sameTerms('رفته‌اند', ['رفتهاند', 'رفته اند'], 'fa')
    expect(terms('الهام اتهام', 'fa')).toEqual(['الهام', 'اتهام'])
    sameTerms('اندیشه‌اش', ['اندیشه اش'], 'fa')
    sameTerms('خانه‌ای', ['خانه ای'], 'fa')
  })
  it('ezafe: ـهٔ, ـه‌ی, ـه ی, ۀ', () => {
    sameTerms('خانه', ['خانهٔ', 'خانه‌ی', 'خانه ی', 'خانۀ'], 'fa')
  })
  it('the seed articles’ spellings without ZWNJ', () => {
    sameTerms('شده‌اند', ['شدهاند', 'شده اند'], 'fa')
    sameTerms('تلاش‌های', ['تلاشهای', 'تلاش های'], 'fa')
    sameTerms('بین‌الملل', ['بینالملل'], 'fa')
    // Two content words: the ZWNJ form indexes as the spaced one; the joined آتشبس meets both at query time
    // (search-orthography.test.ts).
    sameTerms('آتش بس', ['آتش‌بس'], 'fa')
  })
  it('a ZWNJ ends a word as a space does; affixes and a stop word before it join back', () => {
    const Z = '\u200c'
    expect(terms(`کتاب${Z}خانه`, 'fa')).toEqual(['کتاب', 'خانه'])
    expect(terms(`ستاره${Z}گذاری`, 'fa')).toEqual(terms('ستاره گذاری', 'fa'))
    // After a stop word (بی، پیش، هم …) the two are one word, as written without the ZWNJ.
    sameTerms('بیکار', [`بی${Z}کار`], 'fa')
    sameTerms('پیشنویس', [`پیش${Z}نویس`], 'fa')
    expect(terms(`بی${Z}کار`, 'fa')).not.toEqual(terms('کار', 'fa'))
    // … but not onto an affix or another stop word: این‌ها is این + ها, چه‌بود two stop words.
    sameTerms('اینها', [`این${Z}ها`], 'fa')
    expect(analyze(`چه${Z}بود`, { language: 'fa' })).toEqual([])
    // A verb or copula joined by a ZWNJ to the word before it drops as a stop word (تیم‌بود → تیم).
    expect(analyze(`تیم${Z}بود`, { language: 'fa' }).map((t) => t.term)).toEqual(['تیم'])
    expect(analyze(`ایجاد${Z}شده${Z}از`, { language: 'fa' }).map((t) => t.term)).toEqual(['ایجاد'])
    // Positions as for the spaced form.
    expect(analyze(`کتاب${Z}خانه ملی`, { language: 'fa' }).map((t) => t.position)).toEqual([0, 1, 2])
  })
  it('keeps positions: a joined affix takes no position of its own', () => {
    const a = analyze('کتاب ها را خواندم', { language: 'fa', stopWords: false })
    const b = analyze('کتابها را خواندم', { language: 'fa', stopWords: false })
    expect(a.map((t) => [t.term, t.position])).toEqual(b.map((t) => [t.term, t.position]))
  })
})

describe('checklist: light stemming', () => {
  it('Arabic article and proclitics و ب ف ك ل', () => {
    for (const w of ['الكتاب', 'والكتاب', 'بالكتاب', 'للكتاب', 'وكتاب', 'فالكتاب', 'كالكتاب']) {
      expect(terms(w, 'ar'), w).toEqual(['کتاب'])
    }
  })
  it('Arabic suffixes (light10): duals, plurals, feminine, pronouns', () => {
    for (const w of ['ساهدان', 'ساهدات', 'ساهدون', 'ساهدين', 'ساهديه', 'ساهدية', 'ساهده', 'ساهدة', 'ساهدي']) {
      expect(terms(w, 'ar'), w).toEqual(['ساهد'])
    }
    expect(terms('زوجها', 'ar')).toEqual(['زوج'])
    expect(terms('الو', 'ar')).toEqual(['الو'])
  })
  it('Persian plural, comparative, pronominal and verb affixes', () => {
    expect(terms('دوستان کتابها جامدات', 'fa')).toEqual(['دوست', 'کتاب', 'جامد'])
    expect(terms('خوبترین باحالتر', 'fa')).toEqual(['خوب', 'باحال'])
    expect(terms('نمایندگان دانشجویان', 'fa')).toEqual(['نماینده', 'دانشجو'])
    expect(terms('رفتند کردند گفته', 'fa')).toEqual(['رفت', 'کرد', 'گفت'])
  })
  it('exception lists keep names and stems whole', () => {
    expect(terms('ایران تهران میز میدان اصفهان زمان استان دختر دفتر', 'fa')).toEqual([
      'ایران',
      'تهران',
      'میز',
      'میدان',
      'اصفهان',
      'زمان',
      'استان',
      'دختر',
      'دفتر',
    ])
    expect(terms('ایرانیان ایرانی', 'fa')).toEqual(['ایران', 'ایران'])
  })
  it('Arabic exception list: a base ending in ان meets its derived forms (no dual read into it)', () => {
    // Without dictionaries/ar-stem-exceptions.txt, حيوان → حیو while الحيوانات → حیوان.
    const pairs: [string, string[]][] = [
      ['حيوان', ['الحيوانات', 'حيوانها', 'والحيوان']],
      ['إيران', ['الإيرانية', 'إيراني', 'وإيران']],
      ['السرطان', ['السرطانية', 'سرطانها']],
      ['بيان', ['البيانات', 'بيانه']],
    ]
    for (const [base, derived] of pairs) {
      const expected = terms(base, 'ar')
      expect(expected[0].endsWith('ان'), base).toBe(true)
      for (const w of derived) expect(terms(w, 'ar'), `${w} vs ${base}`).toEqual(expected)
    }
    // The dual is still removed from words that are not in the list.
    expect(terms('الكتابان', 'ar')).toEqual(['کتاب'])
  })
  it('stemming can be switched off', () => {
    expect(terms('کتاب‌ها', 'fa', false)).toEqual(['کتابها'])
  })
})

describe('stop words', () => {
  it('drops Persian and Arabic stop words but keeps their positions', () => {
    const fa = analyze('کتاب را به او داد', { language: 'fa' })
    expect(fa.map((t) => t.term)).toEqual(['کتاب'])
    const ar = analyze('ذهب الولد إلى المدرسة', { language: 'ar' })
    expect(ar.map((t) => t.position)).toEqual([0, 1, 3])
  })
  it('stop lists are per language: علی is a name in Persian, على a preposition in Arabic', () => {
    expect(analyze('علی', { language: 'fa' }).map((t) => t.term)).toEqual(['علی'])
    expect(analyze('على', { language: 'ar' })).toEqual([])
  })
  it('an Arabic stop word the list writes with a final ى only is one only so written: علي is Ali, not على', () => {
    const terms = (text: string) => analyze(text, { language: 'ar' }).map((t) => t.term)
    // Lucene runs its Arabic stop filter before the ى → ي normalisation: the same distinction.
    expect(terms('قال على القرار')).toEqual(['قال', 'قرار'])
    expect(terms('ﻋﻠﻰ القرار')).toEqual(['قرار']) // presentation forms of ى
    expect(terms('التقى الرئيس علي عبد الله صالح')).toContain('علی')
    expect(terms('وعلي')).toEqual(['علی']) // the name after و, kept whole (ar-stem-exceptions.txt) as in Persian
    expect(terms('قال علی')).toEqual(['قال', 'علی'])
    // A stop word that the list also writes with ي stays one however written (في, فى; إلى, إلي), and so
    // do حتى, لدى, متى written with ي, listed as such.
    expect(terms('في فى إلى إلي الى حتي لدي متي')).toEqual([])
    // Found by a search: the name in Arabic text, whether typed with ي or ی; على finds nothing.
    const index = new SearchIndex({ fields: ['body'], language: 'ar' })
    index.addAll([
      { id: 'ali', body: 'التقى الرئيس علي عبد الله صالح بالوزير' },
      { id: 'on', body: 'وافق المجلس على القرار' },
    ])
    expect(index.search('علي').map((hit) => hit.id)).toEqual(['ali'])
    expect(index.search('علی').map((hit) => hit.id)).toEqual(['ali'])
    expect(index.search('على', { fuzzy: false })).toEqual([])
  })
  it('drops the joined question words ماهي / ماهو (their stem would be ماه, the Persian moon/month)', () => {
    expect(analyze('ماهي عاصمة مصر ماهو ماهى', { language: 'ar' }).map((t) => t.term)).toEqual([
      'عاصم',
      'مصر',
    ])
    // And the question words with a proclitic: بماذا, وماذا, فماذا, ولماذا, بما.
    expect(analyze('بماذا وماذا فماذا ولماذا بما', { language: 'ar' })).toEqual([])
    expect(analyze('ماهی', { language: 'fa' }).map((t) => t.term)).not.toEqual([])
  })
  it('drops التي / الذي written with a doubled lam (اللتى stemmed to لت, the idol اللات)', () => {
    expect(analyze('الاندية اللتى تلعب اللتي اللذى اللذي', { language: 'ar' }).map((t) => t.term)).toEqual([
      'اند',
      'تلعب',
    ])
  })
})

describe('over-folding guards', () => {
  it('keeps پ/ب, چ/ج, ژ/ز, گ/ک distinct', () => {
    for (const [a, b] of [
      ['پدر', 'بدر'],
      ['چنگ', 'جنگ'],
      ['ژاله', 'زاله'],
      ['گل', 'کل'],
    ]) {
      expect(normalize(a)).not.toBe(normalize(b))
      expect(terms(a, 'fa', false)).not.toEqual(terms(b, 'fa', false))
    }
  })
})

describe('offsets point into the original text', () => {
  it('covers the word as written, marks and ZWNJ included', () => {
    const text = 'در «مَدْرَسَةٌ» و کتاب‌ها'
    const tokens = analyze(text, { language: 'fa', stopWords: false, stem: false })
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['در', 'مَدْرَسَةٌ', 'و', 'کتاب‌ها'])
    // In Arabic text a ZWNJ only ends a word (no Persian affix joins back).
    const arabic = analyze(text, { language: 'ar', stopWords: false, stem: false })
    expect(arabic.map((t) => text.slice(t.start, t.end))).toEqual(['در', 'مَدْرَسَةٌ', 'و', 'کتاب', 'ها'])
  })
  it('a joined detached affix spans both words', () => {
    const text = 'این کتاب ها'
    const [t] = analyze(text, { language: 'fa' })
    expect(text.slice(t!.start, t!.end)).toBe('کتاب ها')
  })
})

describe('differential: @persian-tools/persian-tools as an oracle', () => {
  it('digits agree with digitsFaToEn / digitsArToEn', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }), (ds) => {
        const fa = ds.map((d) => String.fromCharCode(0x06f0 + d)).join('')
        const ar = ds.map((d) => String.fromCharCode(0x0660 + d)).join('')
        expect(normalize(fa)).toBe(digitsFaToEn(fa))
        expect(normalize(ar)).toBe(digitsArToEn(ar))
      }),
      { numRuns: 200 },
    )
  })
  it('Arabic → Persian yeh/kaf agree with toPersianChars on words of those letters', () => {
    const letters = 'كيىابتثجحخدذرزسشصضطظعغفقلمنوه'
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 10 }), (chars) => {
        const word = chars.join('')
        expect(normalize(word)).toBe(toPersianChars(word))
      }),
      { numRuns: 300 },
    )
  })
})
