/**
 * Light Arabic stemmer over folded words (ي→ی, ك→ک, ة→ه, ى→ی, alef variants → ا already applied), in the
 * "light10" family of Larkey, Ballesteros and Connell that Lucene's ArabicStemmer implements: the conjunction
 * و, then one definite article or article+proclitic (ال، وال، بال، کال، فال، لل), then suffixes
 * (ها، ان، ات، ون، ین، یه، ه، ی) each removed once, in that order, while at least two letters remain
 * (three for the dual and plural endings ان، ات، ون، ین: a root has three letters, so سکان, بنات keep them).
 * Unlike light10, a word of `dictionaries/ar-stem-exceptions.txt` (checked after the article and after each
 * suffix) loses no further suffix: `ایران`, `حیوان`, `بیان` end in ان that is not a dual. Two additions to
 * light10, both chosen on the 'tune' half of arcd and xquad-ar: a final hamza after alef is dropped from a word
 * of five letters or more, as informal text drops it (اسماء and اسما, اعضاء and اعضا meet; four-letter words
 * keep it, see {@link MIN_ARABIC_HAMZA_WORD}), and before the light10 suffixes one attached
 * pronoun هم، کم، نا is removed when three letters remain (کتبهم → کتب; not فهم, سهم). One word is kept
 * whole: the name of God, الله, and its forms with a proclitic (لله، والله، بالله، فالله، تالله، ولله):
 * light10 reads its ال as the article and leaves له (a stop word elsewhere), and لله as ل + له → لل, so
 * لله and الله never met. And the کال of a word of `dictionaries/ar-kal-words.txt` (کالیفورنیا, کالسیوم)
 * is the word's own, not ک + the article, as is the و of a word of `dictionaries/ar-waw-words.txt` (وزیر,
 * وزاره, وطنی: light10 read وزیر as و + زیر while الوزیر kept it, so the two never met), and the وال of a
 * word of `dictionaries/ar-wal-words.txt` (والده, والدته: not "and the").
 *
 * Owns: Arabic affix removal. Must not: fold characters or know about tokens/offsets.
 */
import { getLexicon } from './lexicon'

/** The proclitic ک + the article ("like the"), kept on words of `dictionaries/ar-kal-words.txt`. */
export const KAL = 'کال'

/** The conjunction و + the article ("and the"), kept on words of `dictionaries/ar-wal-words.txt`. */
export const WAL = 'وال'

/** Article + proclitic prefixes, longest first (after folding). */
export const ARTICLE_PREFIXES: readonly string[] = [WAL, 'بال', KAL, 'فال', 'لل', 'ال']

/** The name of God (الله) after at most one proclitic و ف ب ت, also as ل + له (لله): kept as الله. */
const NAME_OF_GOD = /^[وفبت]?(?:ال|ل)له$/

/** Attached pronouns, of which at most one is removed before {@link SUFFIXES}. */
export const PRONOUN_SUFFIXES: readonly string[] = ['هم', 'کم', 'نا']

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
 * Stems one folded Arabic word.
 *
 * @example
 * ```ts
 * stemArabic('والکتاب') // → 'کتاب'
 * stemArabic('المدرسه') // → 'مدرس'
 * stemArabic('کتبهم')   // → 'کتب'
 * stemArabic('لله')     // → 'الله'
 * ```
 */
export function stemArabic(word: string): string {
  let w = word
  const lexicon = getLexicon()
  // Conjunction و before anything else (light10), only on words long enough to be "و + word", and not on a
  // word whose و is its own (وزیر, وزاره, وطنی: dictionaries/ar-waw-words.txt).
  if (
    w.length >= 4 &&
    w.charCodeAt(0) === 0x0648 /* و */ &&
    !w.startsWith('وال') &&
    !beginsWithAny(w, lexicon.arWawWords)
  )
    w = w.slice(1)
  if (NAME_OF_GOD.test(w)) return 'الله'
  for (const p of ARTICLE_PREFIXES) {
    if (w.length - p.length >= 2 && w.startsWith(p)) {
      if (p === KAL && beginsWithAny(w, lexicon.arKalWords)) break // کالیفورنیا: کال is the word's own
      if (p === WAL && beginsWithAny(w, lexicon.arWalWords)) break // والده: وال is the word's own
      w = w.slice(p.length)
      break
    }
  }
  const exceptions = lexicon.arStemExceptions
  w = withoutFinalHamza(w, MIN_ARABIC_HAMZA_WORD) // اسماء → اسما
  if (!exceptions.has(w)) {
    for (const s of PRONOUN_SUFFIXES) {
      if (w.length - s.length >= MIN_PRONOUN_STEM && w.endsWith(s)) {
        w = w.slice(0, -s.length)
        break
      }
    }
  }
  for (const s of SUFFIXES) {
    if (exceptions.has(w)) break
    if (w.length - s.length >= minSuffixStem(s) && w.endsWith(s)) w = w.slice(0, -s.length)
  }
  return w
}

/** True when `word` begins with one of `beginnings` (each of at least three code units). */
function beginsWithAny(word: string, beginnings: ReadonlySet<string>): boolean {
  if (word.length < 3) return false
  // Only the beginnings that share the word's first three code units are compared: this runs for every
  // distinct Arabic word that starts with و (about 3 % of a saudinewsnet build when it tried them all).
  let buckets = bucketsBySet.get(beginnings)
  if (buckets === undefined) {
    buckets = new Map()
    for (const b of beginnings) {
      const key = firstThree(b)
      const list = buckets.get(key)
      if (list === undefined) buckets.set(key, [b])
      else list.push(b)
    }
    bucketsBySet.set(beginnings, buckets)
  }
  const candidates = buckets.get(firstThree(word))
  if (candidates === undefined) return false
  for (const b of candidates) if (word.startsWith(b)) return true
  return false
}

/** The first three code units of a word as one number (no string made). */
function firstThree(word: string): number {
  return (word.charCodeAt(0) * 0x10000 + word.charCodeAt(1)) * 0x10000 + word.charCodeAt(2)
}

const bucketsBySet = new WeakMap<ReadonlySet<string>, Map<number, string[]>>()
