/**
 * stemArabic cuts a word as a range of code units (no intermediate strings, the exception list looked up by
 * range). This file states the same rules the plain way, with slices, `startsWith` / `endsWith` and set
 * lookups, and checks that both give the same stem: on random words over the letters the rules read, on every
 * word of the Arabic lexicon lists under each proclitic and suffix, and on the forms of the name of God.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getLexicon } from '../src/analysis/lexicon'
import {
  ARTICLE_PREFIXES,
  BAL,
  KAL,
  MIN_ARABIC_HAMZA_WORD,
  MIN_PRONOUN_STEM,
  minSuffixStem,
  PRONOUN_HEH_AFTER,
  PRONOUN_SUFFIXES,
  SUFFIXES,
  stemArabic,
  WAL,
  withoutFinalHamza,
} from '../src/analysis/stem-ar'

const NAME_OF_GOD = /^[وفبت]?(?:ال|ل)له$/

function beginsWithAnyOf(word: string, beginnings: ReadonlySet<string>): boolean {
  for (const b of beginnings) if (word.startsWith(b)) return true
  return false
}

/** The rules of stem-ar.ts, one string per step. */
function referenceStem(word: string): string {
  const lexicon = getLexicon()
  let w = word
  if (w.length >= 4 && w.startsWith('و') && !w.startsWith('وال') && !beginsWithAnyOf(w, lexicon.arWawWords))
    w = w.slice(1)
  if (NAME_OF_GOD.test(w)) return 'الله'
  for (const p of ARTICLE_PREFIXES) {
    if (w.length - p.length >= 2 && w.startsWith(p)) {
      if (p === KAL && beginsWithAnyOf(w, lexicon.arKalWords)) break
      if (p === WAL && beginsWithAnyOf(w, lexicon.arWalWords)) break
      if (p === BAL && beginsWithAnyOf(w, lexicon.arBalWords)) break
      w = w.slice(p.length)
      break
    }
  }
  const exceptions = lexicon.arStemExceptions
  w = withoutFinalHamza(w, MIN_ARABIC_HAMZA_WORD)
  if (!exceptions.has(w)) {
    const pronoun = PRONOUN_SUFFIXES.find((s) => w.length - s.length >= MIN_PRONOUN_STEM && w.endsWith(s))
    if (pronoun !== undefined) w = w.slice(0, -pronoun.length)
    else if (w.length - 1 >= MIN_PRONOUN_STEM && PRONOUN_HEH_AFTER.some((before) => w.endsWith(`${before}ه`)))
      w = w.slice(0, -1)
  }
  for (const s of SUFFIXES) {
    if (exceptions.has(w)) break
    if (w.length - s.length >= minSuffixStem(s) && w.endsWith(s)) w = w.slice(0, -s.length)
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
]
const proclitics = ['', 'و', 'ف', 'ب', 'ل', 'ال', 'وال', 'بال', 'کال', 'فال', 'لل']
const endings = [
  '',
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
  'ییه',
  'اءات',
  'اءها',
]

describe('stemArabic (cut by range) agrees with the rules written with strings', () => {
  it('on random words over the letters its rules read', () => {
    const letter = fc.constantFrom(...'والبکفهمنیءتسدرح')
    fc.assert(
      fc.property(fc.array(letter, { maxLength: 9 }), (letters) => {
        const word = letters.join('')
        expect(stemArabic(word)).toBe(referenceStem(word))
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
          expect(stemArabic(form), form).toBe(referenceStem(form))
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
})
