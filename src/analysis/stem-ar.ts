/**
 * Light Arabic stemmer over folded words (ي→ی, ك→ک, ة→ه, ى→ی, alef variants → ا already applied), in the
 * "light10" family of Larkey, Ballesteros and Connell that Lucene's ArabicStemmer implements: the conjunction
 * و, then one definite article or article+proclitic (ال، وال، بال، کال، فال، لل), then suffixes
 * (ها، ان، ات، ون، ین، یه، ه، ی) each removed once, in that order, while at least two letters remain
 * (three for the dual and plural endings ان، ات، ون، ین: a root has three letters, so سکان, بنات keep them;
 * but ات leaves the two letters of a noun of `dictionaries/ar-short-plurals.txt`: قوات → قو, as قوة).
 * Unlike light10, a word of `dictionaries/ar-stem-exceptions.txt` (checked after the article and after each
 * suffix) loses no further suffix: `ایران`, `حیوان`, `بیان` end in ان that is not a dual. Two additions to
 * light10, both chosen on the 'tune' half of arcd and xquad-ar: a final hamza after alef is dropped from a word
 * of five letters or more, as informal text drops it (اسماء and اسما, اعضاء and اعضا meet; four-letter words
 * keep it, see {@link MIN_ARABIC_HAMZA_WORD}; also when a suffix covered it: اجراءات → اجرا), and before the
 * light10 suffixes one attached pronoun هم، کم، نا (or ه after ات or ی, see {@link PRONOUN_HEH_AFTER}) is
 * removed when three letters remain (کتبهم → کتب; not فهم, سهم), and the suffix ی takes the ی of a nisba ـائي
 * with it (النهایی → نها as النهایه, الکهربایی → کهربا as کهرباء; light10 left نهای). One word is kept
 * whole: the name of God, الله, and its forms with a proclitic (لله، والله، بالله، فالله، تالله، ولله):
 * light10 reads its ال as the article and leaves له (a stop word elsewhere), and لله as ل + له → لل, so
 * لله and الله never met. And the کال of a word of `dictionaries/ar-kal-words.txt` (کالیفورنیا, کالسیوم)
 * is the word's own, not ک + the article, as is the و of a word of `dictionaries/ar-waw-words.txt` (وزیر,
 * وزاره, وطنی: light10 read وزیر as و + زیر while الوزیر kept it, so the two never met), and the وال of a
 * word of `dictionaries/ar-wal-words.txt` (والده, والدته: not "and the"), and the بال of a word of
 * `dictionaries/ar-bal-words.txt` (بالغه, بالون: not "with the"). And مائة ("hundred", folded مایه) is spelled
 * مئة after the article, so that the two spellings of news text meet (see {@link hundredAlefAt}), as is a
 * transliteration of `dictionaries/ar-spelling-variants.txt` spelled as its first spelling (امیرکا → امریکا).
 * And an article whose alef was written with a hamza or a madda is none (see {@link isArticleAt}): ألعاب,
 * إلغاء, آلاف, بآلاف keep their ال.
 * And the alef of the accusative tanween goes when the text wrote the mark (رئيساً → رئيس, see TANWEEN_ALEF in
 * char-table.ts). And a noun whose ة is written ت before an attached pronoun or the dual ending gets its ة back
 * (حکومتها, حکومتین → حکومه → حکوم, as حکومه; see {@link tehOfNounAt}).
 *
 * Owns: Arabic affix removal. Must not: fold characters or know about tokens/offsets.
 */
import { TANWEEN_ALEF } from './char-table'
import { getLexicon, type Lexicon } from './lexicon'
import { beginningLength, codeUnitsOf, endsAt, rangeSetOf, startsAt, unitsOf } from './range-set'

/** The proclitic ک + the article ("like the"), kept on words of `dictionaries/ar-kal-words.txt`. */
export const KAL = 'کال'

/** The proclitic ب + the article ("with the"), kept on words of `dictionaries/ar-bal-words.txt`. */
export const BAL = 'بال'

/** The conjunction و + the article ("and the"), kept on words of `dictionaries/ar-wal-words.txt`. */
export const WAL = 'وال'

/** Article + proclitic prefixes, longest first (after folding). */
export const ARTICLE_PREFIXES: readonly string[] = [WAL, BAL, KAL, 'فال', 'لل', 'ال']

/**
 * What follows a noun's ة written ت: an attached pronoun or the dual ending (folded: ته، تها، تهم، تکم، تنا;
 * تین، تان).
 */
export const TEH_ENDINGS: readonly string[] = ['تها', 'تهم', 'تکم', 'تنا', 'ته', 'تین', 'تان']

/** Attached pronouns, of which at most one is removed before {@link SUFFIXES}. */
export const PRONOUN_SUFFIXES: readonly string[] = ['هم', 'کم', 'نا']

/**
 * What a final ه follows when it is removed as the pronoun "his" with {@link PRONOUN_SUFFIXES} (three letters
 * remaining): the plural ات (مستویاته → مستویات, then مستو as مستویات) and ی (النهاییه → النهایی, then نهای as
 * النهایی; light10 took یه and then ی: نها). After other letters ه is left to the suffixes: it is mostly the
 * ة of the word (خانه, امانه), and taking it first would let ان, ون, ین go too (کتابخانه → کتابخ).
 */
export const PRONOUN_HEH_AFTER: readonly string[] = ['ات', 'ی']

/** Letters a word keeps when it loses a pronoun of {@link PRONOUN_SUFFIXES}. */
export const MIN_PRONOUN_STEM = 3

/** Suffixes, in the order they are tried (each at most once). */
export const SUFFIXES: readonly string[] = ['ها', 'ان', 'ات', 'ون', 'ین', 'یه', 'ه', 'ی']

/**
 * Letters a word keeps when it loses a suffix of {@link SUFFIXES}: two (as light10), three for the dual and
 * plural endings, which a three-letter root cannot lose and stay a word (السکان → سکان, not سک; بنات stays).
 * Chosen on the 'tune' half (MRR@10 arcd 0.8193 → 0.8198, xquad-ar 0.9461 → 0.9462, pooled-ar ▸ xquad-ar
 * 0.8966 → 0.9005, pooled-ar ▸ arcd 0.7676 → 0.7673; the Persian sets unchanged).
 */
export function minSuffixStem(suffix: string): number {
  return suffix === 'ان' || suffix === 'ات' || suffix === 'ون' || suffix === 'ین' ? 3 : 2
}

/**
 * The word without a final hamza after alef, as informal Arabic and standard Persian spelling write it
 * (سماء → سما, اعضاء → اعضا), on words of at least `minLength` letters (default four: ماء stays); the word
 * itself otherwise. The Persian stemmer starts from it, the Arabic one applies it after the article with
 * {@link MIN_ARABIC_HAMZA_WORD}.
 *
 * @example
 * ```ts
 * withoutFinalHamza('اعضاء') // → 'اعضا'
 * withoutFinalHamza('اناء', MIN_ARABIC_HAMZA_WORD) // → 'اناء'
 * ```
 */
export function withoutFinalHamza(word: string, minLength = 4): string {
  const n = word.length
  return n >= minLength &&
    word.charCodeAt(n - 1) === 0x0621 /* ء */ &&
    word.charCodeAt(n - 2) === 0x0627 /* ا */
    ? word.slice(0, -1)
    : word
}

/**
 * Letters an Arabic word needs (hamza included, after the article) to lose its final hamza. Five, not
 * Persian's four: without the hamza, the common four-letter nouns are other common words (اناء vessel and
 * انا I, دعاء prayer and دعا he called, بناء building and بنا with us, نساء and نسا, عطاء and عطا), and in the
 * pooled Arabic setting the Quran's انا and نساء outranked arcd's answers. Measured (MRR@10, tune / test):
 * arcd 0 / −0.0002, xquad-ar unchanged, pooled-ar ▸ arcd +0.0009 / +0.0045, pooled-ar ▸ xquad-ar unchanged;
 * the cost: informal سما no longer meets سماء.
 */
export const MIN_ARABIC_HAMZA_WORD = 5

/**
 * Stems one folded Arabic word. `alefs`: its hamza-alef bits (bit i: the alef at index i was written أ, إ
 * or آ; RawWord.hamzaAlefs), read by {@link isArticleAt}, and TANWEEN_ALEF when its final alef carried the
 * tanween fath (dropped: رییساً → رییس).
 *
 * @example
 * ```ts
 * stemArabic('والکتاب') // → 'کتاب'
 * stemArabic('المدرسه') // → 'مدرس'
 * stemArabic('کتبهم')   // → 'کتب'
 * stemArabic('لله')     // → 'الله'
 * stemArabic('العاب', 0b1) // → 'العاب' (ألعاب; without the bit: عاب)
 * ```
 */
export function stemArabic(folded: string, alefs = 0): string {
  // The word is cut as a range [s, e) of `word` and sliced once at the end: every rule reads code units,
  // and the exception list is looked up by range, so a word makes no intermediate strings (this runs once
  // for every distinct Arabic word of a build, about a third of what a build's new words cost). Only a word
  // respelled after the article (مائة, a transliteration of ar-spelling-variants.txt) is copied once.
  const lexicon = getLexicon()
  let word = folded
  let s = 0
  let e = word.length
  // The accusative tanween's alef (رییساً → رییس; see TANWEEN_ALEF), on words of three letters or more.
  if ((alefs & TANWEEN_ALEF) !== 0 && e >= 3 && word.charCodeAt(e - 1) === 0x0627 /* ا */) e--
  // Conjunction و before anything else (light10), only on words long enough to be "و + word", and not on a
  // word whose و is its own (وزیر, وزاره, وطنی: dictionaries/ar-waw-words.txt), whose beginning is written
  // as the list writes it: with a plain alef (واحد "one", but وأحد is و + أحد).
  if (
    e >= 4 &&
    word.charCodeAt(0) === 0x0648 /* و */ &&
    (!startsAt(word, 0, e, WAL_UNITS) || !isArticleAt(WAL, 0, alefs)) &&
    !isWawWord(word, alefs, lexicon.arWawWords)
  )
    s = 1
  if (isNameOfGod(word, s, e)) return 'الله'
  for (let p = 0; p < PREFIX_UNITS.length; p++) {
    const units = PREFIX_UNITS[p]!
    if (
      e - s - units.length >= 2 &&
      startsAt(word, s, e, units) &&
      isArticleAt(ARTICLE_PREFIXES[p]!, s, alefs)
    ) {
      if (p === KAL_INDEX && beginsWithAny(word, s, lexicon.arKalWords)) break // کالیفورنیا: کال is the word's own
      if (p === WAL_INDEX && beginsWithAny(word, s, lexicon.arWalWords)) break // والده: وال is the word's own
      if (p === BAL_INDEX && beginsWithAny(word, s, lexicon.arBalWords)) break // بالغه: بال is the word's own
      s += units.length
      break
    }
  }
  // مائه → مئه (see hundredAlefAt)
  const alef = hundredAlefAt(word, s, e)
  if (alef >= 0) {
    word = word.slice(0, alef) + word.slice(alef + 1)
    e--
  } else {
    // امیرکیه → امریکیه (dictionaries/ar-spelling-variants.txt)
    const length = beginningLength(lexicon.arSpellingVariants, word, s, e)
    if (length > 0) {
      const canonical = lexicon.arSpellingVariants.get(word.slice(s, s + length))!
      word = word.slice(0, s) + canonical + word.slice(s + length)
      e += canonical.length - length
    }
  }
  // اسماء → اسما (withoutFinalHamza with MIN_ARABIC_HAMZA_WORD)
  if (endsInDroppedHamza(word, s, e)) e--
  // حکومتها, الدولتین → حکومه, دوله (see tehOfNounAt)
  const teh = tehOfNounAt(word, s, e, lexicon)
  if (teh >= 0) {
    word = `${word.slice(0, teh)}ه`
    e = teh + 1
  }
  const exceptions = rangeSetOf(lexicon.arStemExceptions)
  let exception = exceptions.has(word, s, e)
  if (!exception) {
    let removed = false
    for (let p = 0; p < PRONOUN_UNITS.length && !removed; p++) {
      const units = PRONOUN_UNITS[p]!
      if (e - s - units.length >= MIN_PRONOUN_STEM && endsAt(word, s, e, units)) {
        e -= units.length
        removed = true
      }
    }
    if (!removed && e - s - 1 >= MIN_PRONOUN_STEM && word.charCodeAt(e - 1) === 0x0647 /* ه */) {
      for (const units of PRONOUN_HEH_AFTER_UNITS) {
        if (endsAt(word, s, e - 1, units)) {
          e--
          removed = true
          break
        }
      }
    }
    if (removed) exception = exceptions.has(word, s, e)
  }
  // Each suffix at most once, in order; a word of the exception list loses no further suffix.
  const shortPlurals = rangeSetOf(lexicon.arShortPluralStems)
  for (let p = 0; p < SUFFIX_UNITS.length && !exception; p++) {
    const units = SUFFIX_UNITS[p]!
    // ات also leaves two letters of dictionaries/ar-short-plurals.txt (قوات → قو, as قوة).
    const min = p === AT_INDEX && e - s === 4 && shortPlurals.has(word, s, s + 2) ? 2 : SUFFIX_MIN_STEM[p]!
    if (e - s - units.length >= min && endsAt(word, s, e, units)) {
      e -= units.length
      // The nisba ـائي (folded ایی) goes whole: نهایی → نها as نهایه, ابتدایی → ابتدا as ابتداء.
      if (p === NISBA_Y_INDEX && e - s - 1 >= SUFFIX_MIN_STEM[p]! && endsAt(word, s, e, ALEF_Y_UNITS)) e--
      exception = exceptions.has(word, s, e)
    }
  }
  // A final hamza after alef that a suffix covered goes too (اجراءات → اجراء → اجرا, as اجراء → اجرا).
  if (!exception && endsInDroppedHamza(word, s, e)) e--
  return s === 0 && e === word.length ? word : word.slice(s, e)
}

/**
 * True unless the alef of article prefix `prefix` (ال، وال، بال، کال، فال; لل has none), read at index `at`
 * of a word, was written أ, إ or آ (bit `at` + its index set in `alefs`, see `RawWord.hamzaAlefs`): the
 * article is written with a plain alef (hamzat al-wasl), never with a hamza or a madda, so the ال of ألعاب
 * (games), ألمانيا, إلغاء (cancellation), إلكترونية, آلية (mechanism), آلاف (thousands), آلام (pains) is the
 * word's own. The fold writes them ا, and light10 (Lucene's too) took it for the article: ألعاب → عاب but
 * الألعاب → العاب, آلاف → اف but الآلاف → الاف, آلیه → یه (with إليه, "to him") but الآلیه → ال. Text that
 * leaves the hamza out (العاب) still reads as before; a query reading tries the article form (see
 * `articleReadings` in analyzer.ts).
 *
 * @example
 * ```ts
 * isArticleAt('ال', 0, 0b1) // → false (آل…, ألـ…, إلـ…)
 * isArticleAt('بال', 0, 0b10) // → false (بآل…)
 * isArticleAt('ال', 0, 0b100) // → true (الآ…)
 * ```
 */
export function isArticleAt(prefix: string, at: number, alefs: number): boolean {
  const alef = prefix.indexOf('ا')
  return alef < 0 || (alefs & (1 << (at + alef))) === 0
}

/** The units before "hundred" in the compound hundreds (ثلاثمائة … تسعمائة), folded. */
export const HUNDREDS_UNITS: readonly string[] = ['ثلاث', 'اربع', 'خمس', 'ست', 'سبع', 'ثمان', 'تسع']
/** The one-letter proclitics light10 leaves on a word, before "hundred" (بمائة, لمائة, فمائة, کمائة). */
export const HUNDRED_PROCLITICS: readonly string[] = ['ب', 'ل', 'ف', 'ک']
/** What follows مای in the forms of "hundred" (folded): مائة, مائت (construct), مائتان, مائتین, مائتی, مائتا. */
export const HUNDRED_ENDINGS: readonly string[] = ['ه', 'ت', 'تان', 'تین', 'تی', 'تا']

/**
 * Where the alef of مائة ("hundred", folded مایه; informal ماية folds the same) lies in word[s, e) after the
 * article, or −1: the classical spelling and the modern مئة (میه) are one word, in news text about 3 to 1
 * (saudinewsnet, arcd and xquad-ar: مائة 4,846 times, مئة 1,485; بالمئة 642, بالمائة 145), and their stems
 * were ما and می, so a reader who typed one never found the other. Taking the alef out makes them meet,
 * with the dual and the construct forms (مائتان/مئتان, مائتي/مئتي), a one-letter proclitic that light10
 * keeps (بمائة/بمئة) and the compound hundreds (خمسمائة/خمسمئة). Only the whole word: مای followed by
 * anything else (مایو May, مایک Michael) is left alone.
 */
function hundredAlefAt(word: string, s: number, e: number): number {
  let i = s
  if (word.charCodeAt(i) !== 0x0645 /* م */) {
    for (const units of HUNDRED_PROCLITIC_UNITS) {
      if (startsAt(word, i, e, units)) {
        i += units.length
        break
      }
    }
    if (word.charCodeAt(i) !== 0x0645)
      for (const units of HUNDREDS_UNITS_CODES) {
        if (startsAt(word, i, e, units)) {
          i += units.length
          break
        }
      }
  }
  if (!startsAt(word, i, e, MAY_UNITS)) return -1
  for (const units of HUNDRED_ENDING_UNITS) {
    if (e - i - MAY_UNITS.length === units.length && endsAt(word, s, e, units)) return i + 1
  }
  return -1
}

/**
 * Where the ت of a noun in ة written before an attached pronoun or the dual ending lies in word[s, e)
 * (حکومته، حکومتها، حکومتهم، دولتنا; الدولتین، فترتین، حکومتان), or −1. ة is written ت there, so light10
 * (kavosh's and Lucene's) left حکومت and دولت, which never met the noun alone (حکومه → حکوم). The stemmer
 * writes the ة back and goes on as for the noun in ة with the ending gone. Needs three letters before the ت
 * (two for a noun of ar-short-plurals.txt: قوته، مرتین), a letter other than alef before it (ات is the
 * plural: سیاساته), not سـ before تان (the ستان of a place: کازاخستان), a word not of the stem exceptions
 * (مارتین, بوتین: names) and one not of ar-teh-words.txt (whose ت is its own: بیوتهم, توقیتها, and ثابته,
 * the fold of ثابتة). A verb in ت + object pronoun reads as the verb: نشرته → نشر.
 */
function tehOfNounAt(word: string, s: number, e: number, lexicon: Lexicon): number {
  for (let i = 0; i < TEH_ENDING_UNITS.length; i++) {
    const units = TEH_ENDING_UNITS[i]!
    if (!endsAt(word, s, e, units)) continue
    const teh = e - units.length
    const before = word.charCodeAt(teh - 1)
    if (teh - s < 2 || before === 0x0627 /* ا */) return -1
    if (i === TAN_INDEX && before === 0x0633 /* س */) return -1
    if (teh - s === 2 && !rangeSetOf(lexicon.arShortPluralStems).has(word, s, teh)) return -1
    if (rangeSetOf(lexicon.arStemExceptions).has(word, s, e)) return -1
    if (rangeSetOf(lexicon.arTehWords).has(word, s, teh + 1)) return -1
    return teh
  }
  return -1
}

/** True when word[s, e) ends in a hamza after alef that the stem drops ({@link withoutFinalHamza}'s rule). */
function endsInDroppedHamza(word: string, s: number, e: number): boolean {
  return (
    e - s >= MIN_ARABIC_HAMZA_WORD &&
    word.charCodeAt(e - 1) === 0x0621 /* ء */ &&
    word.charCodeAt(e - 2) === 0x0627 /* ا */
  )
}

/** Code units of each prefix, suffix and pronoun, in the order of the lists above. */
const PREFIX_UNITS = codeUnitsOf(ARTICLE_PREFIXES)
const KAL_INDEX = ARTICLE_PREFIXES.indexOf(KAL)
const WAL_INDEX = ARTICLE_PREFIXES.indexOf(WAL)
const BAL_INDEX = ARTICLE_PREFIXES.indexOf(BAL)
const WAL_UNITS = unitsOf(WAL)
const PRONOUN_UNITS = codeUnitsOf(PRONOUN_SUFFIXES)
const TEH_ENDING_UNITS = codeUnitsOf(TEH_ENDINGS)
const TAN_INDEX = TEH_ENDINGS.indexOf('تان')
const PRONOUN_HEH_AFTER_UNITS = codeUnitsOf(PRONOUN_HEH_AFTER)
const SUFFIX_UNITS = codeUnitsOf(SUFFIXES)
const SUFFIX_MIN_STEM = SUFFIXES.map(minSuffixStem)
const NISBA_Y_INDEX = SUFFIXES.indexOf('ی')
const AT_INDEX = SUFFIXES.indexOf('ات')
const ALEF_Y_UNITS = unitsOf('ای')
const HUNDREDS_UNITS_CODES = codeUnitsOf(HUNDREDS_UNITS)
const HUNDRED_PROCLITIC_UNITS = codeUnitsOf(HUNDRED_PROCLITICS)
const HUNDRED_ENDING_UNITS = codeUnitsOf(HUNDRED_ENDINGS)
const MAY_UNITS = unitsOf('مای')

/**
 * True when `word[s, e)` is the name of God, kept as الله: الله, or ل + له (لله), after at most one proclitic
 * و ف ب ت.
 */
function isNameOfGod(word: string, s: number, e: number): boolean {
  if (isAllahAt(word, s, e)) return true
  const c = word.charCodeAt(s)
  return (c === 0x0648 || c === 0x0641 || c === 0x0628 || c === 0x062a) && isAllahAt(word, s + 1, e)
}

/** True when `word[s, e)` is الله or لله. */
function isAllahAt(word: string, s: number, e: number): boolean {
  const n = e - s
  if (n === 4 && word.charCodeAt(s) === 0x0627) s++
  else if (n !== 3) return false
  return (
    word.charCodeAt(s) === 0x0644 && word.charCodeAt(s + 1) === 0x0644 && word.charCodeAt(s + 2) === 0x0647
  )
}

/**
 * True when `word` begins with a word of `dictionaries/ar-waw-words.txt` whose alefs it writes plain (no bit
 * of `alefs` within the beginning: those words are listed with a plain alef).
 */
function isWawWord(word: string, alefs: number, wawWords: ReadonlySet<string>): boolean {
  const length = beginningLength(wawWords, word, 0, word.length)
  return length > 0 && (alefs & ((1 << length) - 1)) === 0
}

/**
 * True when `word` from `from` begins with one of `beginnings` (a RangeSet lookup per length of theirs, no
 * string made: this runs for every distinct Arabic word that starts with و).
 */
function beginsWithAny(word: string, from: number, beginnings: ReadonlySet<string>): boolean {
  return beginningLength(beginnings, word, from, word.length) > 0
}
