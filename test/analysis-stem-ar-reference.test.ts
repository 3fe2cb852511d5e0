/**
 * stemArabic cuts a word as a range of code units (no intermediate strings, the exception list looked up by
 * range). This file states the same rules the plain way, with slices, `startsWith` / `endsWith` and set
 * lookups, and checks that both give the same stem: on random words over the letters the rules read, on every
 * word of the Arabic lexicon lists (the spelling variants and the forms of "hundred" too) under each proclitic
 * and suffix, on the forms of the name of God and on the nisba ـائي at its least lengths. The reference reads
 * words as written with أ إ آ (an alef with a hamza or a madda is never the article's), stemArabic the folded
 * word (أ إ آ → ا) and its hamza-alef bits.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TANWEEN_ALEF } from '../src/analysis/char-table'
import { getLexicon } from '../src/analysis/lexicon'
import {
  ARTICLE_PREFIXES,
  BAL,
  HUNDRED_ENDINGS,
  HUNDRED_PROCLITICS,
  HUNDREDS_UNITS,
  KAL,
  MIN_ARABIC_HAMZA_WORD,
  MIN_PRONOUN_STEM,
  minSuffixStem,
  PRONOUN_HEH_AFTER,
  PRONOUN_SUFFIXES,
  SUFFIXES,
  stemArabic,
  TEH_ENDINGS,
  WAL,
  withoutFinalHamza,
} from '../src/analysis/stem-ar'
import { MAX_HAMZA_ALEF_INDEX } from '../src/analysis/tokenize'

const NAME_OF_GOD = /^[وفبت]?(?:ال|ل)له$/
const HUNDRED = new RegExp(
  `^((?:${HUNDRED_PROCLITICS.join('|')})?(?:${HUNDREDS_UNITS.join('|')})?م)ا(ی(?:${HUNDRED_ENDINGS.join('|')}))$`,
)

function beginsWithAnyOf(word: string, beginnings: ReadonlySet<string>): boolean {
  for (const b of beginnings) if (word.startsWith(b)) return true
  return false
}

const plain = (word: string) => word.replace(/[آأإ]/g, 'ا').replace(/\u064b$/, '')

/**
 * The folded word (أ إ آ → ا, a final tanween fath dropped) and its alef bits (RawWord.hamzaAlefs, with
 * TANWEEN_ALEF for a final اً), as the tokenizer gives them.
 */
function folded(written: string): [string, number] {
  let alefs = written.endsWith('ا\u064b') ? TANWEEN_ALEF : 0
  for (let i = 0; i < written.length && i < MAX_HAMZA_ALEF_INDEX; i++)
    if ('آأإ'.includes(written[i]!)) alefs |= 1 << i
  return [plain(written), alefs]
}

/** The rules of stem-ar.ts, one string per step, on a word as written (أ إ آ not yet folded to ا). */
function referenceStem(word: string): string {
  const lexicon = getLexicon()
  // The accusative tanween's alef goes from a word of three letters or more (رئيساً → رئيس).
  let w = word.endsWith('ا\u064b') && word.length - 1 >= 3 ? word.slice(0, -2) : word.replace(/\u064b$/, '')
  // The lists and the name of God are read folded, but the و-words (listed with a plain alef) and the prefixes
  // as written: an ال written أل, إل, آل is none.
  if (w.length >= 4 && w.startsWith('و') && !w.startsWith('وال') && !beginsWithAnyOf(w, lexicon.arWawWords))
    w = w.slice(1)
  if (NAME_OF_GOD.test(plain(w))) return 'الله'
  for (const p of ARTICLE_PREFIXES) {
    if (w.length - p.length >= 2 && w.startsWith(p)) {
      if (p === KAL && beginsWithAnyOf(plain(w), lexicon.arKalWords)) break
      if (p === WAL && beginsWithAnyOf(plain(w), lexicon.arWalWords)) break
      if (p === BAL && beginsWithAnyOf(plain(w), lexicon.arBalWords)) break
      w = w.slice(p.length)
      break
    }
  }
  w = plain(w)
  // "hundred": the alef of مائه goes, after a one-letter proclitic and a unit of the hundreds (each optional);
  // else a transliteration of ar-spelling-variants.txt at the start is spelled as its first spelling.
  const hundred = w.match(HUNDRED)
  if (hundred) w = hundred[1]! + hundred[2]!
  else
    for (const [variant, canonical] of lexicon.arSpellingVariants)
      if (w.startsWith(variant)) {
        w = canonical + w.slice(variant.length)
        break
      }
  const exceptions = lexicon.arStemExceptions
  w = withoutFinalHamza(w, MIN_ARABIC_HAMZA_WORD)
  // ت + pronoun or dual ending is the noun in ة (حکومتها, الدولتین → حکومه, دوله): three letters before the ت
  // (or two of ar-short-plurals), no alef right before it, no س before تان, not a stem exception, not a word
  // of ar-teh-words.txt.
  const tehEnding = TEH_ENDINGS.find((p) => w.endsWith(p))
  if (tehEnding !== undefined) {
    const before = w.slice(0, -tehEnding.length)
    const long = before.length >= 3 || (before.length === 2 && lexicon.arShortPluralStems.has(before))
    const place = tehEnding === 'تان' && before.endsWith('س')
    if (
      long &&
      !before.endsWith('ا') &&
      !place &&
      !exceptions.has(w) &&
      !lexicon.arTehWords.has(`${before}ت`)
    )
      w = `${before}ه`
  }
  if (!exceptions.has(w)) {
    const pronoun = PRONOUN_SUFFIXES.find((s) => w.length - s.length >= MIN_PRONOUN_STEM && w.endsWith(s))
    if (pronoun !== undefined) w = w.slice(0, -pronoun.length)
    else if (w.length - 1 >= MIN_PRONOUN_STEM && PRONOUN_HEH_AFTER.some((before) => w.endsWith(`${before}ه`)))
      w = w.slice(0, -1)
  }
  for (const s of SUFFIXES) {
    if (exceptions.has(w)) break
    // ات also leaves the two letters of a noun of ar-short-plurals.txt (قوات → قو).
    const short = s === 'ات' && w.length === 4 && lexicon.arShortPluralStems.has(w.slice(0, 2))
    if (w.length - s.length >= (short ? 2 : minSuffixStem(s)) && w.endsWith(s)) {
      w = w.slice(0, -s.length)
      // The nisba ـائي (ایی) goes whole.
      if (s === 'ی' && w.length - 1 >= minSuffixStem(s) && w.endsWith('ای')) w = w.slice(0, -1)
    }
  }
  if (!exceptions.has(w)) w = withoutFinalHamza(w, MIN_ARABIC_HAMZA_WORD)
  return w
}

const lexicon = getLexicon()
const listed = [
  ...lexicon.arStemExceptions,
  ...lexicon.arKalWords,
  ...lexicon.arWalWords,
  ...lexicon.arBalWords,
  ...lexicon.arWawWords,
  ...lexicon.arSpellingVariants.keys(),
  ...lexicon.arSpellingVariants.values(),
  ...[...lexicon.arShortPluralStems].map((stem) => `${stem}ات`),
  // (with the pronoun endings below: قوته, بیوتهم)
  ...[...lexicon.arShortPluralStems].map((stem) => `${stem}ت`),
  ...lexicon.arTehWords,
  // "hundred" and its forms (folded), with look-alikes
  'مایه',
  'مایت',
  'مایتان',
  'خمسمایه',
  'بمایه',
  'بستمایه',
  'مایو',
  'مایده',
]
const proclitics = ['', 'و', 'ف', 'ب', 'ل', 'ال', 'وال', 'بال', 'کال', 'فال', 'لل']
const endings = [
  '',
  'ا\u064b',
  'ها',
  'ه',
  'ی',
  'هم',
  'کم',
  'نا',
  'ان',
  'ات',
  'ون',
  'ین',
  'یه',
  'ء',
  'اء',
  'هما',
  'اته',
  'ته',
  'تها',
  'تنا',
  'تین',
  'تان',
  'ستان',
  'ییه',
  'اءات',
  'اءها',
  'ایی',
  'اییه',
]

describe('stemArabic (cut by range) agrees with the rules written with strings', () => {
  it('on random words over the letters its rules read', () => {
    const letter = fc.constantFrom(...'والبکفهمنیءتسدرحثعآأإ')
    // Some with the tanween fath on a final alef (TANWEEN_ALEF).
    fc.assert(
      fc.property(fc.array(letter, { maxLength: 9 }), fc.boolean(), (letters, tanween) => {
        const word = letters.join('') + (tanween ? 'ا\u064b' : '')
        expect(stemArabic(...folded(word))).toBe(referenceStem(word))
      }),
      { numRuns: 20_000 },
    )
  })

  it('on every word of the Arabic lexicon lists, under each proclitic and before each suffix', () => {
    expect(listed.length).toBeGreaterThan(100)
    let compared = 0
    for (const word of listed)
      for (const p of proclitics)
        for (const s of endings) {
          const form = p + word + s
          expect(stemArabic(...folded(form)), form).toBe(referenceStem(form))
          compared++
        }
    expect(compared).toBe(listed.length * proclitics.length * endings.length)
  })

  it('on the name of God, its proclitic forms and look-alikes', () => {
    const forms = ['الله', 'لله', 'والله', 'ولله', 'فالله', 'فلله', 'بالله', 'بلله', 'تالله', 'تلله']
    for (const form of forms) expect(stemArabic(form), form).toBe('الله')
    for (const form of ['اللهم', 'ملله', 'والل', 'ل', 'له', 'لا', 'وو', ''])
      expect(stemArabic(form), form).toBe(referenceStem(form))
  })
  it('on words whose ال is written آل, أل, إل, under each proclitic (such an alef is never the article)', () => {
    const words = [
      'آلیه',
      'آلیات',
      'آلاف',
      'آلام',
      'آلات',
      'آله',
      'آلهه',
      'آل',
      'آلی',
      'ألعاب',
      'إلغاء',
      'ألمانیا',
      'إله',
    ]
    for (const word of words)
      for (const p of proclitics)
        for (const s of ['', 'ها', 'هم', 'ات']) {
          const form = p + word + s
          expect(stemArabic(...folded(form)), form).toBe(referenceStem(form))
        }
    // The forms of one word meet; the mother (الأم) and the pains (آلام) no longer do.
    const stem = (written: string) => stemArabic(...folded(written))
    expect(new Set(['آلیه', 'الآلیه', 'وآلیه', 'للآلیه', 'آلیات', 'الآلیات'].map(stem))).toEqual(
      new Set(['ال']),
    )
    expect([stem('آلاف'), stem('الآلاف'), stem('والآلاف')]).toEqual(['الاف', 'الاف', 'الاف'])
    expect(stem('آلام')).not.toBe(stem('الام'))
    expect([stem('ألعاب'), stem('الألعاب'), stem('وألعاب')]).toEqual(['العاب', 'العاب', 'العاب'])
    // Without the bits (typing without the hamza or madda, and the rule switched off) the old reading is back.
    expect(stemArabic('الاف')).toBe('اف')
  })

  it('on the nisba ـائي at the least length each step allows', () => {
    for (const form of ['ایی', 'بایی', 'نبایی', 'البایی', 'باییه', 'رای', 'ای'])
      expect(stemArabic(form), form).toBe(referenceStem(form))
  })
})
