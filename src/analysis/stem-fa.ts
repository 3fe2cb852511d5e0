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

  // 2. A suffix marked by a ZWNJ / written apart: cut exactly there (e.g. خانه‌ای → خانه, کتاب‌ها → کتاب).
  if (boundary >= MIN_STEM && BOUNDARY_SUFFIXES.has(w.slice(boundary))) {
    const stem = w.slice(0, boundary)
    return exceptions.has(stem) ? stem : stemPersianSuffixes(stem, exceptions, pastStems, isVerb)
  }
  return stemPersianSuffixes(w, exceptions, pastStems, isVerb)
}

/** A present or past verb stem, optionally followed by a person ending (روند, کردند, شود, توان). */
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

/** An exception word under a plural or possessive ending (نبردها): its ن is not the negative prefix. */
function isInflectedException(w: string, exceptions: ReadonlySet<string>): boolean {
  for (const e of PLURAL_ENDINGS) {
    if (w.length > e.length && w.endsWith(e) && exceptions.has(w.slice(0, -e.length))) return true
  }
  return false
}

/** The negative ن before a stem in آ is written نیا (نیامد, نیاورد), so ن + ا is never that prefix (نام). */
function startsWithAlef(code: number): boolean {
  return code === 0x0627 || code === 0x0622
}

/** What may follow a negative ن: a verb form, a participle or a perfect (رفته, رفتهاند), an infinitive. */
function isNegatedForm(rest: string): boolean {
  return isVerbForm(rest) || pastStemUnder(rest, getLexicon().faPastStems) !== null
}

/** The past stem of an infinitive (رفتن), participle (رفته) or perfect (رفتهاند), or null. */
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

  // Plural (+ possessive) endings.
  for (const e of PLURAL_ENDINGS) {
    if (w.length - e.length >= MIN_STEM && w.endsWith(e)) {
      return stripAdjectival(w.slice(0, -e.length), exceptions)
    }
  }
  const noun = stemNounEnding(w, exceptions)
  if (noun !== null) return noun
  // Under an adjectival ی the word is stemmed like any noun once more: کارگردانی → کارگردان → کارگرد (as
  // کارگردان itself), بزرگتری → بزرگ.
  const adjective = stripAdjectival(w, exceptions)
  if (adjective !== w && !exceptions.has(adjective)) return stemNounEnding(adjective, exceptions) ?? adjective
  return adjective
}

/**
 * Comparative/superlative, the plurals ان, گان, یان, ات (of a noun in ه in dictionaries/fa-heh-plurals.txt: its
 * singular), and the abstract noun گی of a word in ه
 * (آلودگی → آلوده, like آلودگان → آلوده; not فرهنگی, see {@link endsInRootGaf}); null when none applies.
 */
function stemNounEnding(w: string, exceptions: ReadonlySet<string>): string | null {
  if (w.length - 2 >= 3 && w.endsWith('گی') && !endsInRootGaf(w)) return w.slice(0, -2) + 'ه'
  if (w.length - 4 >= MIN_STEM && w.endsWith('ترین')) return w.slice(0, -4)
  if (w.length - 2 >= 3 && w.endsWith('تر') && !exceptions.has(w)) return w.slice(0, -2)
  if (w.length - 3 >= 3 && w.endsWith('گان')) return w.slice(0, -3) + 'ه' // نمایندگان → نماینده
  if (w.length - 3 >= 2 && w.endsWith('یان')) {
    return stripAdjectival(w.slice(0, -3), exceptions) // دانشجویان → دانشجو, ایرانیان → ایران
  }
  // Not after ست (استان, داستان, بیمارستان …) nor in compounds of زمان (سازمان, همزمان): those are almost
  // never plurals (دوستان is). Other nouns in ان are in the exception list.
  if (
    w.length - 2 >= 3 &&
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

/**
 * True when the گ before a final گی belongs to the word (فرهنگی, جنگی, بزرگی: نگ or رگ after a consonant)
 * rather than standing for its final ه (دیوانگی ← دیوانه, بیچارگی ← بیچاره: after ا).
 */
function endsInRootGaf(w: string): boolean {
  const before = w.charCodeAt(w.length - 3)
  return (
    (before === 0x0646 /* ن */ || before === 0x0631) /* ر */ && w.charCodeAt(w.length - 4) !== 0x0627
  ) /* ا */
}

/** Ezafe / indefinite / adjectival ی and یی (کتابی → کتاب, ایرانی → ایران, دانشجویی → دانشجو). */
function stripAdjectival(w: string, exceptions: ReadonlySet<string>): string {
  if (exceptions.has(w)) return w
  if (w.length - 2 >= MIN_STEM && w.endsWith('یی')) return w.slice(0, -2)
  if (w.length - 1 >= 3 && w.endsWith('ی')) return w.slice(0, -1)
  return w
}
