/**
 * stemPersian cuts a word as a range of code units and looks the lexicon's lists up by range (RangeSet).
 * This file keeps the same rules written the plain way, with slices, `endsWith` and set lookups, and checks
 * that both give the same stem: on random words over the letters the rules read (with and without a ZWNJ
 * boundary), and on every word of the Persian lexicon lists under each verb prefix and each ending.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { getLexicon } from '../src/analysis/lexicon'
import { withoutFinalHamza } from '../src/analysis/stem-ar'
import {
  BOUNDARY_SUFFIXES,
  MIN_STEM,
  PERFECT_ENDINGS,
  PERSON_ENDINGS,
  PLURAL_ENDINGS,
  stemPersian,
} from '../src/analysis/stem-fa'

// ---- the rules as they were written before the range form (stem-fa.ts at ae55354) ----
function referenceStem(word: string, boundary: number): string {
  const { faStemExceptions: exceptions, faPastStems: pastStems } = getLexicon()
  // 0. A final hamza after alef, which Persian spelling drops (اعضاء, امضاء, ارتقاء are اعضا, امضا, ارتقا), as
  // the Arabic stemmer does; first, so both spellings stem alike.
  let w = withoutFinalHamza(word)
  if (boundary >= w.length) boundary = -1
  if (w.length < 3 || exceptions.has(w)) return w
  let isVerb = false

  // 1. Verb prefix می / نمی. Trusted when a boundary (ZWNJ, space) follows it; written joined, only when a
  // known verb stem follows (so میلیونها, میسی, میراث stay whole).
  const miLength = w.startsWith('نمی') ? 3 : w.startsWith('می') ? 2 : 0
  if (miLength > 0 && w.length - miLength >= MIN_STEM) {
    if (boundary === miLength || (!exceptions.has(w) && isVerbForm(w.slice(miLength)))) {
      w = w.slice(miLength)
      isVerb = true
      if (boundary >= 0) boundary = boundary === miLength ? -1 : boundary - miLength
    }
  }

  // 1b. The negative prefix ن written joined (نرفتند, نکرده, ندارد): only when the rest is a known verb form
  // (a present or past stem + person ending, a participle, a perfect, an infinitive) and the word itself is
  // not one (نشاند, نمود, نشست stay). Before a stem in آ it is written نیا (نیامد), so never before ا (نام).
  if (
    miLength === 0 &&
    w.length >= 3 &&
    w.charCodeAt(0) === 0x0646 /* ن */ &&
    boundary !== 1 &&
    !startsWithAlef(w.charCodeAt(1)) &&
    !isVerbForm(w) &&
    !isInflectedException(w, exceptions) &&
    isNegatedForm(w.slice(1))
  ) {
    w = w.slice(1)
    isVerb = true
    if (boundary >= 0) boundary -= 1
  }

  // 1c. A word of fa-heh-ye-words + ای written joined (منطقهای): as if a ZWNJ marked the ای.
  if (boundary < 0 && w.endsWith('های') && getLexicon().faHehYeWords.has(w.slice(0, -2)))
    boundary = w.length - 2

  // 2. A suffix marked by a ZWNJ / written apart: cut exactly there (e.g. خانه‌ای → خانه, کتاب‌ها → کتاب).
  if (boundary >= MIN_STEM && BOUNDARY_SUFFIXES.has(w.slice(boundary))) {
    const stem = w.slice(0, boundary)
    return exceptions.has(stem) ? stem : stemPersianSuffixes(stem, exceptions, pastStems, isVerb)
  }
  return stemPersianSuffixes(w, exceptions, pastStems, isVerb)
}

function isVerbForm(rest: string): boolean {
  const { faPastStems: past, faPresentStems: present } = getLexicon()
  if (past.has(rest) || present.has(rest)) return true
  for (const e of PERSON_ENDINGS) {
    if (rest.length > e.length && rest.endsWith(e)) {
      const stem = rest.slice(0, -e.length)
      if (past.has(stem) || present.has(stem)) return true
    }
  }
  return false
}

function isInflectedException(w: string, exceptions: ReadonlySet<string>): boolean {
  for (const e of PLURAL_ENDINGS) {
    if (w.length > e.length && w.endsWith(e) && exceptions.has(w.slice(0, -e.length))) return true
  }
  return false
}

function startsWithAlef(code: number): boolean {
  return code === 0x0627 || code === 0x0622
}

function isNegatedForm(rest: string): boolean {
  return isVerbForm(rest) || pastStemUnder(rest, getLexicon().faPastStems) !== null
}

function pastStemUnder(w: string, pastStems: ReadonlySet<string>): string | null {
  if (w.endsWith('ن') && pastStems.has(w.slice(0, -1))) return w.slice(0, -1)
  for (const e of PERFECT_ENDINGS) {
    if (w.length - e.length >= MIN_STEM && w.endsWith(e) && pastStems.has(w.slice(0, -e.length))) {
      return w.slice(0, -e.length)
    }
  }
  return null
}

function stemPersianSuffixes(
  word: string,
  exceptions: ReadonlySet<string>,
  pastStems: ReadonlySet<string>,
  isVerb: boolean,
): string {
  const w = word
  if (exceptions.has(w)) return w

  // Verbs: past stem + person ending (رفتند → رفت), participle (رفته → رفت), perfect (رفتهاند → رفت),
  // infinitive (رفتن → رفت).
  if (pastStems.has(w)) return w
  const pastStem = pastStemUnder(w, pastStems)
  if (pastStem !== null) return pastStem
  const presentStems = getLexicon().faPresentStems
  // After a verb prefix a bare present stem is the stem (نخند, میبند: not خن, بن + د).
  if (isVerb && presentStems.has(w)) return w
  let verbStem = ''
  for (const e of PERSON_ENDINGS) {
    if (w.length - e.length >= MIN_STEM && w.endsWith(e)) {
      const stem = w.slice(0, -e.length)
      if (pastStems.has(stem)) return stem
      // After می/نمی the word is a verb: present stem + ending (میروند → رو, میکند → کن); a known present
      // stem wins over a longer ending (میتواند → توان + د, not توا + ند).
      if (isVerb) {
        if (presentStems.has(stem)) return stem
        if (verbStem === '') verbStem = stem
      }
    }
  }
  if (isVerb) return verbStem === '' ? w : verbStem

  // Plural (+ possessive) endings; the rest as a noun written alone.
  for (const e of PLURAL_ENDINGS) {
    if (w.length - e.length >= MIN_STEM && w.endsWith(e)) {
      const rest = w.slice(0, -e.length)
      return exceptions.has(rest) ? rest : stemNounOrAdjective(rest, exceptions)
    }
  }
  return stemNounOrAdjective(w, exceptions)
}

function stemNounOrAdjective(w: string, exceptions: ReadonlySet<string>): string {
  const noun = stemNounEnding(w, exceptions)
  if (noun !== null) return noun
  // Under an adjectival ی the word is stemmed like any noun once more: کارگردانی → کارگردان → کارگرد (as
  // کارگردان itself), بزرگتری → بزرگ.
  const adjective = stripAdjectival(w, exceptions)
  if (adjective !== w && !exceptions.has(adjective)) return stemNounEnding(adjective, exceptions) ?? adjective
  return adjective
}

function stemNounEnding(w: string, exceptions: ReadonlySet<string>): string | null {
  if (w.length - 2 >= 3 && w.endsWith('گی') && !endsInRootGaf(w)) return w.slice(0, -2) + 'ه'
  if (w.length - 4 >= MIN_STEM && w.endsWith('ترین')) return w.slice(0, -4)
  if (w.length - 2 >= 3 && w.endsWith('تر') && !exceptions.has(w)) return w.slice(0, -2)
  // نمایندگان → نماینده, but not the plural of a word in a گ of its own (بزرگان)
  if (w.length - 3 >= 3 && w.endsWith('گان') && !getLexicon().faGafWords.has(w.slice(0, -2)))
    return w.slice(0, -3) + 'ه'
  if (w.length - 3 >= 2 && w.endsWith('یان')) {
    return stripAdjectival(w.slice(0, -3), exceptions) // دانشجویان → دانشجو, ایرانیان → ایران
  }
  // Not after ست (استان, داستان, بیمارستان …) nor in compounds of زمان (سازمان, همزمان): those are almost
  // never plurals (دوستان is). Other nouns in ان are in the exception list.
  // Two letters remain only for a noun of fa-short-plurals.txt (زنان → زن).
  if (
    (w.length - 2 >= 3 || (w.length === 4 && getLexicon().faShortPlurals.has(w.slice(0, 2)))) &&
    w.endsWith('ان') &&
    (!w.endsWith('ستان') || w.endsWith('دوستان')) &&
    !w.endsWith('زمان')
  ) {
    return stripAdjectival(w.slice(0, -2), exceptions)
  }
  if (w.length - 2 >= 3 && w.endsWith('ات')) {
    // The plural of a noun in a silent ه (مسابقات ← مسابقه): the singular's stem.
    const stem = w.slice(0, -2)
    return getLexicon().faHehPluralStems.has(stem) ? `${stem}ه` : stripAdjectival(stem, exceptions)
  }
  return null
}

function endsInRootGaf(w: string): boolean {
  const before = w.charCodeAt(w.length - 3)
  return (
    (before === 0x0646 /* ن */ || before === 0x0631) /* ر */ && w.charCodeAt(w.length - 4) !== 0x0627
  ) /* ا */
}

function stripAdjectival(w: string, exceptions: ReadonlySet<string>): string {
  if (exceptions.has(w)) return w
  if (w.length - 2 >= MIN_STEM && w.endsWith('یی')) return w.slice(0, -2)
  if (w.length - 1 >= 3 && w.endsWith('ی')) return w.slice(0, -1)
  return w
}

// ---- the comparisons ----

const lexicon = getLexicon()
const listed = [
  ...lexicon.faStemExceptions,
  ...lexicon.faPastStems,
  ...lexicon.faPresentStems,
  ...[...lexicon.faHehPluralStems].map((s) => `${s}ه`),
  ...lexicon.faGafWords,
  ...lexicon.faShortPlurals,
  ...lexicon.faHehYeWords,
  // words in گ of their own that are not on that list, whose گان the rule reads as a silent ه
  'خبرگ',
  'تشنگ',
]
const prefixes = ['', 'می', 'نمی', 'ن', 'ب']
const endings = [
  '',
  'ها',
  'های',
  'ای',
  'هایی',
  'هایم',
  'ان',
  'ات',
  'ی',
  'یی',
  'تر',
  'ترین',
  'تری',
  'گی',
  'گان',
  'یان',
  'ند',
  'ید',
  'یم',
  'م',
  'د',
  'ه',
  'هاند',
  'هام',
  'ن',
  'ء',
  'اء',
  'ستان',
  'شان',
]

describe('stemPersian (cut by range) agrees with the rules written with strings', () => {
  it('on random words over the letters its rules read, with and without a boundary', () => {
    const letter = fc.constantFrom(...'میناهتدرکگشوسبزاء')
    fc.assert(
      fc.property(
        fc.array(letter, { maxLength: 10 }),
        fc.integer({ min: -1, max: 10 }),
        (letters, boundary) => {
          const word = letters.join('')
          expect(stemPersian(word, boundary)).toBe(referenceStem(word, boundary))
        },
      ),
      { numRuns: 30_000 },
    )
  })

  it('on every word of the Persian lexicon lists, under each verb prefix and before each ending', () => {
    expect(listed.length).toBeGreaterThan(500)
    let compared = 0
    const differing: string[] = []
    for (const word of listed)
      for (const p of prefixes)
        for (const e of endings) {
          const form = p + word + e
          for (const boundary of [-1, p.length, p.length + word.length]) {
            const stem = stemPersian(form, boundary)
            const expected = referenceStem(form, boundary)
            if (stem !== expected) differing.push(`${form} @${boundary}: ${stem}, not ${expected}`)
            compared++
          }
        }
    expect(differing).toEqual([])
    expect(compared).toBe(listed.length * prefixes.length * endings.length * 3)
  })
})
