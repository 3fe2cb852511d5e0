/**
 * Light Persian stemmer over folded words (ی, ک, ه, ا already canonical; ZWNJ already removed).
 *
 * It removes what a reader considers "the same word": the verb prefixes می/نمی, plural and possessive
 * suffixes (ها، های، هایی، هایشان…، ان، ات), comparative/superlative تر/ترین, ezafe/indefinite/adjectival ی,
 * and person endings of verbs whose past stem is known. Words in `dictionaries/fa-stem-exceptions.txt` are
 * left whole (ایران, تهران, میز …). Where the text marked the affix boundary with a ZWNJ (or the affix was
 * written as a separate word), that boundary is trusted first.
 *
 * Owns: Persian affix removal. Must not: fold characters or know about tokens/offsets.
 */
import { getLexicon } from './lexicon'
import {
  CLITICS_AFTER_HEH,
  COMPARATIVE_SUFFIXES,
  MARKED_PRONOUN_SUFFIXES,
  PLURAL_SUFFIXES,
} from './persian-affixes'
import { codeUnitsOf, endsAt, RangeSet, rangeSetOf, unitsOf } from './range-set'
import { withoutFinalHamza } from './stem-ar'

/** Suffixes removed when they stand after a ZWNJ or were written as a separate word. */
export const BOUNDARY_SUFFIXES: ReadonlySet<string> = new Set([
  ...PLURAL_SUFFIXES,
  ...COMPARATIVE_SUFFIXES,
  'تری',
  ...CLITICS_AFTER_HEH,
  ...MARKED_PRONOUN_SUFFIXES,
])

/** Plural + possessive endings, longest first. */
export const PLURAL_ENDINGS: readonly string[] = PLURAL_SUFFIXES

/** Person endings of verbs, longest first. */
export const PERSON_ENDINGS: readonly string[] = ['ند', 'ید', 'یم', 'م', 'ی', 'د']

/** Perfect-tense endings after a past participle (رفته‌اند, رفته‌ایم …), joined form. */
export const PERFECT_ENDINGS: readonly string[] = ['هاند', 'هایم', 'هاید', 'هاست', 'هام', 'های', 'ه']

export const MIN_STEM = 2

/**
 * Stems one folded Persian word. `boundary` is the index where a ZWNJ (or a joined space) stood, or -1.
 *
 * @example
 * ```ts
 * stemPersian('کتابهای', -1) // → 'کتاب'
 * stemPersian('میروند', -1)  // → 'رو'
 * stemPersian('ایران', -1)   // → 'ایران'
 * ```
 */
export function stemPersian(word: string, boundary: number): string {
  // The word is cut as a range [0, n) of `w` and sliced once for the stem returned; the lists are looked
  // up by range (RangeSet), so the rules below make no intermediate strings (this runs once for every
  // distinct Persian word of a build).
  const { exceptions } = persianSets()
  // 0. A final hamza after alef, which Persian spelling drops (اعضاء, امضاء, ارتقاء are اعضا, امضا, ارتقا), as
  // the Arabic stemmer does; first, so both spellings stem alike.
  let w = withoutFinalHamza(word)
  if (boundary >= w.length) boundary = -1
  if (w.length < 3 || exceptions.has(w, 0, w.length)) return w
  let isVerb = false

  // 1. Verb prefix می / نمی. Trusted when a boundary (ZWNJ, space) follows it; written joined, only when a
  // known verb stem follows (so میلیونها, میسی, میراث stay whole).
  const miLength = w.startsWith('نمی') ? 3 : w.startsWith('می') ? 2 : 0
  if (miLength > 0 && w.length - miLength >= MIN_STEM) {
    if (boundary === miLength || isVerbForm(w, miLength, w.length)) {
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
    !isVerbForm(w, 0, w.length) &&
    !isInflectedException(w, exceptions) &&
    isNegatedForm(w, 1)
  ) {
    w = w.slice(1)
    isVerb = true
    if (boundary >= 0) boundary -= 1
  }

  // 1c. A word of dictionaries/fa-heh-ye-words.txt + ای written joined (منطقهای, هستهای): read as if a ZWNJ
  // marked the ای (the plural های would leave منطق, "logic", and هست, "is").
  if (
    boundary < 0 &&
    w.length >= 5 &&
    endsAt(w, 0, w.length, HAY) &&
    persianSets().hehYeWords.has(w, 0, w.length - 2)
  )
    boundary = w.length - 2

  // 2. A suffix marked by a ZWNJ / written apart: cut exactly there (e.g. خانه‌ای → خانه, کتاب‌ها → کتاب).
  if (boundary >= MIN_STEM && boundarySuffixes.has(w, boundary, w.length)) {
    return exceptions.has(w, 0, boundary) ? w.slice(0, boundary) : stemPersianSuffixes(w, boundary, isVerb)
  }
  return stemPersianSuffixes(w, w.length, isVerb)
}

/** The lexicon's Persian lists as {@link RangeSet}s. */
interface PersianSets {
  exceptions: RangeSet
  pastStems: RangeSet
  presentStems: RangeSet
  hehPluralStems: RangeSet
  hehYeWords: RangeSet
  gafWords: RangeSet
  shortPlurals: RangeSet
}
let sets: PersianSets | undefined

/** The {@link PersianSets}, made on first use (the lexicon is made once and never changes). */
function persianSets(): PersianSets {
  if (sets === undefined) {
    const lexicon = getLexicon()
    sets = {
      exceptions: rangeSetOf(lexicon.faStemExceptions),
      pastStems: rangeSetOf(lexicon.faPastStems),
      presentStems: rangeSetOf(lexicon.faPresentStems),
      hehPluralStems: rangeSetOf(lexicon.faHehPluralStems),
      hehYeWords: rangeSetOf(lexicon.faHehYeWords),
      gafWords: rangeSetOf(lexicon.faGafWords),
      shortPlurals: rangeSetOf(lexicon.faShortPlurals),
    }
  }
  return sets
}

const boundarySuffixes = new RangeSet(BOUNDARY_SUFFIXES)
const PERSON_ENDING_UNITS = codeUnitsOf(PERSON_ENDINGS)
const PERFECT_ENDING_UNITS = codeUnitsOf(PERFECT_ENDINGS)
const PLURAL_ENDING_UNITS = codeUnitsOf(PLURAL_ENDINGS)
const GI = unitsOf('گی')
const TARIN = unitsOf('ترین')
const TAR = unitsOf('تر')
const GAN = unitsOf('گان')
const YAN = unitsOf('یان')
const AN = unitsOf('ان')
const STAN = unitsOf('ستان')
const DOSTAN = unitsOf('دوستان')
const ZAMAN = unitsOf('زمان')
const AT = unitsOf('ات')
const HAY = unitsOf('های')
const YY = unitsOf('یی')
const Y = unitsOf('ی')

/** w[0, n) as a string (w itself when it is all of w). */
function cut(w: string, n: number): string {
  return n === w.length ? w : w.slice(0, n)
}

/** w[s, n) is a present or past verb stem, optionally followed by a person ending (روند, کردند, شود, توان). */
function isVerbForm(w: string, s: number, n: number): boolean {
  const { pastStems: past, presentStems: present } = persianSets()
  if (past.has(w, s, n) || present.has(w, s, n)) return true
  for (const e of PERSON_ENDING_UNITS) {
    if (n - s > e.length && endsAt(w, s, n, e)) {
      const m = n - e.length
      if (past.has(w, s, m) || present.has(w, s, m)) return true
    }
  }
  return false
}

/** An exception word under a plural or possessive ending (نبردها): its ن is not the negative prefix. */
function isInflectedException(w: string, exceptions: RangeSet): boolean {
  const n = w.length
  for (const e of PLURAL_ENDING_UNITS) {
    if (n > e.length && endsAt(w, 0, n, e) && exceptions.has(w, 0, n - e.length)) return true
  }
  return false
}

/** The negative ن before a stem in آ is written نیا (نیامد, نیاورد), so ن + ا is never that prefix (نام). */
function startsWithAlef(code: number): boolean {
  return code === 0x0627 || code === 0x0622
}

/** What may follow a negative ن (w from s): a verb form, a participle or a perfect (رفته, رفتهاند), an infinitive. */
function isNegatedForm(w: string, s: number): boolean {
  return isVerbForm(w, s, w.length) || pastStemEndUnder(w, s, w.length, persianSets().pastStems) >= 0
}

/** The end of the past stem under the infinitive (رفتن), participle (رفته) or perfect (رفتهاند) w[s, n), or −1. */
function pastStemEndUnder(w: string, s: number, n: number, pastStems: RangeSet): number {
  if (n > s && w.charCodeAt(n - 1) === 0x0646 /* ن */ && pastStems.has(w, s, n - 1)) return n - 1
  for (const e of PERFECT_ENDING_UNITS) {
    const m = n - e.length
    if (m - s >= MIN_STEM && endsAt(w, s, n, e) && pastStems.has(w, s, m)) return m
  }
  return -1
}

/** The stem of w[0, n) under its suffixes. */
function stemPersianSuffixes(w: string, n: number, isVerb: boolean): string {
  const { exceptions, pastStems, presentStems } = persianSets()
  if (exceptions.has(w, 0, n)) return cut(w, n)

  // Verbs: past stem + person ending (رفتند → رفت), participle (رفته → رفت), perfect (رفتهاند → رفت),
  // infinitive (رفتن → رفت).
  if (pastStems.has(w, 0, n)) return cut(w, n)
  const pastEnd = pastStemEndUnder(w, 0, n, pastStems)
  if (pastEnd >= 0) return w.slice(0, pastEnd)
  // After a verb prefix a bare present stem is the stem (نخند, میبند: not خن, بن + د).
  if (isVerb && presentStems.has(w, 0, n)) return cut(w, n)
  let verbStemEnd = -1
  for (const e of PERSON_ENDING_UNITS) {
    const m = n - e.length
    if (m >= MIN_STEM && endsAt(w, 0, n, e)) {
      if (pastStems.has(w, 0, m)) return w.slice(0, m)
      // After می/نمی the word is a verb: present stem + ending (میروند → رو, میکند → کن); a known present
      // stem wins over a longer ending (میتواند → توان + د, not توا + ند).
      if (isVerb) {
        if (presentStems.has(w, 0, m)) return w.slice(0, m)
        if (verbStemEnd < 0) verbStemEnd = m
      }
    }
  }
  if (isVerb) return cut(w, verbStemEnd < 0 ? n : verbStemEnd)

  // Plural (+ possessive) endings; the rest is stemmed as a noun written alone, as it is when a ZWNJ marks the
  // ending (ویژگیها and ویژگی‌ها → ویژه, بزرگترها → بزرگ, دوستانها → دوست; before, the joined form lost only an
  // adjectival ی after the plural: ویژگ, بزرگتر, دوستان).
  for (const e of PLURAL_ENDING_UNITS) {
    const m = n - e.length
    if (m >= MIN_STEM && endsAt(w, 0, n, e)) {
      return exceptions.has(w, 0, m) ? w.slice(0, m) : stemNounOrAdjective(w, m, exceptions)
    }
  }
  return stemNounOrAdjective(w, n, exceptions)
}

/** The stem of the noun or adjective w[0, n) (no verb, no plural ending). */
function stemNounOrAdjective(w: string, n: number, exceptions: RangeSet): string {
  const noun = stemNounEnding(w, n, exceptions)
  if (noun !== null) return noun
  // Under an adjectival ی the word is stemmed like any noun once more: کارگردانی → کارگردان → کارگرد (as
  // کارگردان itself), بزرگتری → بزرگ.
  const adjective = adjectivalEnd(w, n, exceptions)
  if (adjective !== n && !exceptions.has(w, 0, adjective))
    return stemNounEnding(w, adjective, exceptions) ?? w.slice(0, adjective)
  return cut(w, adjective)
}

/**
 * Comparative/superlative, the plurals ان, گان (of a word in ه, not of one in dictionaries/fa-gaf-words.txt),
 * یان, ات (of a noun in ه in dictionaries/fa-heh-plurals.txt: its singular), and the abstract noun گی of a word
 * in ه
 * (آلودگی → آلوده, like آلودگان → آلوده; not فرهنگی, see {@link endsInRootGaf}) of w[0, n); null when none
 * applies.
 */
function stemNounEnding(w: string, n: number, exceptions: RangeSet): string | null {
  if (n - 2 >= 3 && endsAt(w, 0, n, GI) && !endsInRootGaf(w, n)) return `${w.slice(0, n - 2)}ه`
  if (n - 4 >= MIN_STEM && endsAt(w, 0, n, TARIN)) return w.slice(0, n - 4)
  if (n - 2 >= 3 && endsAt(w, 0, n, TAR) && !exceptions.has(w, 0, n)) return w.slice(0, n - 2)
  // نمایندگان → نماینده; not a word in a گ of its own (بزرگان: the ان rule below gives بزرگ)
  if (n - 3 >= 3 && endsAt(w, 0, n, GAN) && !persianSets().gafWords.has(w, 0, n - 2))
    return `${w.slice(0, n - 3)}ه`
  if (n - 3 >= 2 && endsAt(w, 0, n, YAN)) {
    return cut(w, adjectivalEnd(w, n - 3, exceptions)) // دانشجویان → دانشجو, ایرانیان → ایران
  }
  // Not after ست (استان, داستان, بیمارستان …) nor in compounds of زمان (سازمان, همزمان): those are almost
  // never plurals (دوستان is). Other nouns in ان are in the exception list.
  // Two letters remain only for a noun of dictionaries/fa-short-plurals.txt (زنان → زن).
  if (
    (n - 2 >= 3 || (n === 4 && persianSets().shortPlurals.has(w, 0, 2))) &&
    endsAt(w, 0, n, AN) &&
    (!endsAt(w, 0, n, STAN) || endsAt(w, 0, n, DOSTAN)) &&
    !endsAt(w, 0, n, ZAMAN)
  ) {
    return cut(w, adjectivalEnd(w, n - 2, exceptions))
  }
  if (n - 2 >= 3 && endsAt(w, 0, n, AT)) {
    // The plural of a noun in a silent ه (مسابقات ← مسابقه): the singular's stem.
    const m = n - 2
    return persianSets().hehPluralStems.has(w, 0, m)
      ? `${w.slice(0, m)}ه`
      : cut(w, adjectivalEnd(w, m, exceptions))
  }
  return null
}

/**
 * True when the گ before the final گی of w[0, n) belongs to the word (فرهنگی, جنگی, بزرگی: نگ or رگ after a
 * consonant) rather than standing for its final ه (دیوانگی ← دیوانه, بیچارگی ← بیچاره: after ا).
 */
function endsInRootGaf(w: string, n: number): boolean {
  const before = w.charCodeAt(n - 3)
  return (before === 0x0646 /* ن */ || before === 0x0631) /* ر */ && w.charCodeAt(n - 4) !== 0x0627 /* ا */
}

/**
 * The end of w[0, n) without an ezafe / indefinite / adjectival ی or یی (کتابی → کتاب, ایرانی → ایران,
 * دانشجویی → دانشجو).
 */
function adjectivalEnd(w: string, n: number, exceptions: RangeSet): number {
  if (exceptions.has(w, 0, n)) return n
  if (n - 2 >= MIN_STEM && endsAt(w, 0, n, YY)) return n - 2
  if (n - 1 >= 3 && endsAt(w, 0, n, Y)) return n - 1
  return n
}
