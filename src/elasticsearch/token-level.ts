/**
 * The token level of the Elasticsearch chain: language tags, stop words and kavosh's light stemmers written
 * as `pattern_replace` token filters (Lucene 8 has no Persian stemmer, and kavosh's stemmers work on its own
 * fold, ی/ک, which Lucene's Arabic stemmer does not know). The affix lists and word lists are read from
 * src/analysis (stem-fa.ts, stem-ar.ts, the folded dictionaries), so the rules follow changes there; the
 * ORDER of the steps mirrors `stemPersian`/`stemArabic` and is checked against them by `npm run test:es`.
 *
 * Every token starts with a language tag (U+E00A Persian, U+E00B Arabic) while the chain runs; the Persian
 * stemmer adds state tags after it (keep / verb / adjectival) instead of branching, because a token filter
 * cannot return early. `pattern_replace` ignores keyword markers, so the exception lists are matched by the
 * rules themselves (the keep tag), not by `keyword_marker`.
 *
 * Owns: the token filters. Must not: touch characters or word boundaries (char-level.ts).
 */
import { getLexicon } from '../analysis/lexicon'
import {
  SUFFIXES as ARABIC_SUFFIXES,
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
  TEH_ENDINGS,
  WAL,
} from '../analysis/stem-ar'
import {
  BOUNDARY_SUFFIXES,
  MIN_STEM,
  PERFECT_ENDINGS,
  PERSON_ENDINGS,
  PLURAL_ENDINGS,
} from '../analysis/stem-fa'
import {
  alefTagsAllowed,
  alefTagVariants,
  chr,
  lit,
  maqsuraTagVariants,
  TAG,
  u,
  wordTrie,
  ZWNJ,
} from './regex'

/**
 * An Elasticsearch token filter definition (the types kavosh uses).
 *
 * @example
 * ```ts
 * const stop: TokenFilterDefinition = { type: 'stop', stopwords: ['از', 'به'], ignore_case: false }
 * ```
 */
export type TokenFilterDefinition =
  | { type: 'pattern_replace'; pattern: string; replacement: string; all: boolean }
  | { type: 'stop'; stopwords: string[]; ignore_case: false }

/** A named token filter (names are prefixed by the caller). */
export interface NamedFilter {
  name: string
  definition: TokenFilterDefinition
}

const replace = (name: string, pattern: string, replacement: string, all = false): NamedFilter => ({
  name,
  definition: { type: 'pattern_replace', pattern, replacement, all },
})

/** A letter: anything but a tag or ZWNJ. */
const L = `[^${u(0xe000)}-${u(0xe0ff)}${ZWNJ}]`
/** A letter with the hamza-alef tag that may follow it (an alef written أ إ آ, before `untag_hamza_alef`). */
const LM = `(?:${L}[${u(TAG.hamzaAlef)}${u(TAG.maddaAlef)}]?)`
const FA = u(TAG.fa)
const AR = u(TAG.ar)

/** How the language tag of a token is chosen. */
export type TagMode = 'fa' | 'ar' | 'auto-ar'

/**
 * Puts the language tag at the start of every token. Fixed languages tag every token alike. In auto mode
 * for a text detected as Arabic, a word is Persian when its letters say so (the signal tag the char filters
 * put before it, kept inside the token when detached affixes were joined), as kavosh decides per word.
 */
export function languageTagFilters(mode: TagMode): NamedFilter[] {
  if (mode === 'fa') return [replace('tag_fa', '^', chr(TAG.fa))]
  if (mode === 'ar') return [replace('tag_ar', '^', chr(TAG.ar))]
  return [
    replace('tag_auto_ar_fa', `^(?=.*${u(TAG.signalFa)})`, chr(TAG.fa)),
    replace('tag_auto_ar_ar', `^(?!${FA})`, chr(TAG.ar)),
    replace('tag_strip_signals', u(TAG.signalFa), '', true),
  ]
}

/**
 * ZWNJ inside a word: kavosh keeps only the position of the LAST one (the affix boundary the Persian stemmer
 * trusts), so all others are dropped; Arabic words drop it too.
 */
export function zwnjFilters(): NamedFilter[] {
  return [
    replace('zwnj_last', `${ZWNJ}(?=.*${ZWNJ})`, '', true),
    replace('zwnj_ar', `^(${AR}${L}*)${ZWNJ}`, '$1'),
  ]
}

/** Removes every remaining ZWNJ and stemmer state tag. */
export function cleanupStateFilter(): NamedFilter {
  return replace('untag_state', `[${ZWNJ}${u(TAG.keep)}-${u(TAG.second)}]`, '', true)
}

/** Removes the language tag: the term is final. */
export function cleanupLanguageFilter(): NamedFilter {
  return replace('untag', `^[${FA}${AR}]`, '')
}

/**
 * The stop words of both languages, prefixed with their language tag. Persian words are also listed with a
 * ZWNJ at each inner position, because the stop filter runs before the stemmer, while a word still holds its
 * last ZWNJ (kavosh compares the word without it).
 */
export function stopFilter(languages: readonly ('fa' | 'ar')[]): NamedFilter {
  const lex = getLexicon()
  const words = new Set<string>()
  if (languages.includes('fa')) {
    for (const w of lex.faStopWords) {
      words.add(chr(TAG.fa) + w)
      for (let i = 1; i < w.length; i++) words.add(chr(TAG.fa) + w.slice(0, i) + '\u200c' + w.slice(i))
    }
  }
  // Arabic words hold their alef tags while the stop filter runs (TAG.hamzaAlef): kavosh compares a word with
  // no آ folded, and one with آ as the list writes it (arMaddaStopWords, folded but for the آ).
  // And their final ى's tag (TAG.maqsura): على is a stop word, علي (Ali) not; في is one however written.
  if (languages.includes('ar'))
    for (const w of [...lex.arStopWords, ...lex.arMaddaStopWords])
      for (const v of maqsuraTagVariants(alefTagVariants(w), lex.arMaqsuraStopWords.has(w)))
        words.add(chr(TAG.ar) + v)
  return { name: 'stop', definition: { type: 'stop', stopwords: [...words].sort(), ignore_case: false } }
}

/** Removes the final-ى tags (TAG.maqsura) once the stop filter has read them. */
export function unmarkMaqsuraFilter(): NamedFilter {
  return replace('untag_maqsura', u(TAG.maqsura), '', true)
}

/**
 * Removes the hamza-alef tags (TAG.hamzaAlef) once the article rule has read them, or at once without
 * stemming, and a tanween tag (TAG.tanweenAlef) that the stemmer's first rule left (a word too short).
 */
export function unmarkFilter(): NamedFilter {
  return replace(
    'untag_hamza_alef',
    `[${u(TAG.hamzaAlef)}${u(TAG.maddaAlef)}${u(TAG.tanweenAlef)}]`,
    '',
    true,
  )
}

/** `stemPersian` (stem-fa.ts) as pattern_replace filters over tokens tagged Persian. */
export function persianStemFilters(): NamedFilter[] {
  const {
    faStemExceptions,
    faPastStems,
    faPresentStems,
    faHehPluralStems,
    faHehYeWords,
    faGafWords,
    faShortPlurals,
  } = getLexicon()
  const hehPlurals = wordTrie(faHehPluralStems)
  const gafWords = wordTrie(faGafWords)
  const exceptions = wordTrie(faStemExceptions)
  const exceptionsZ = wordTrie(faStemExceptions, `${ZWNJ}?`)
  const past = wordTrie(faPastStems)
  const verbStemsZ = wordTrie([...faPastStems, ...faPresentStems], `${ZWNJ}?`)
  const personZ = wordTrie(PERSON_ENDINGS, `${ZWNJ}?`)
  const min = (n: number) => `${L}{${n},}?`
  const KEEP = chr(TAG.keep)
  const ADJ = chr(TAG.adjectival)
  const SECOND = chr(TAG.second)
  const V = `${u(TAG.verb)}?`
  const filters: NamedFilter[] = []
  const rule = (name: string, pattern: string, replacement: string) =>
    filters.push(replace(`fa_${String(filters.length + 1).padStart(2, '0')}_${name}`, pattern, replacement))
  // A cheap check first: the token ends with `e` (so the word lists are tried only on candidates).
  const endsWith = (e: string) => `(?=.*${lit(e)}$)`

  // A final hamza after alef, on words of at least four letters (a ZWNJ before it goes with it).
  rule('final_hamza', `^(${FA}(?:${L}${ZWNJ}?){2,})ا${ZWNJ}?ء$`, '$1ا')
  // Whole word: too short, or an exception → kept as is.
  rule('keep', `^(${FA})(?=${exceptionsZ}$|${L}(?:${ZWNJ}?${L})?$)`, `$1${KEEP}`)
  // Verb prefix نمی / می: when a ZWNJ (or a joined space) follows it, or when a known verb stem (+ person
  // ending) follows, and ≥ MIN_STEM letters remain. A ZWNJ inside the prefix goes with it.
  rule('verb_prefix_boundary', `^(${FA})ن?می${ZWNJ}(?=${L}{${MIN_STEM}})`, `$1${chr(TAG.verb)}`)
  rule(
    'verb_prefix_stem',
    `^(${FA})(?:ن${ZWNJ}?)?م${ZWNJ}?ی${ZWNJ}?(?=(?:${L}${ZWNJ}?){${MIN_STEM}})(?=${verbStemsZ}(?:${ZWNJ}?${personZ})?$)`,
    `$1${chr(TAG.verb)}`,
  )
  // Negative prefix ن (stem-fa.ts step 1b): not before نمی, not on a word that is itself a verb form or an
  // exception under a plural ending, not before ا/آ or a ZWNJ; the rest a verb form, participle, perfect or
  // infinitive.
  const Z = `${ZWNJ}?`
  const pastZ = wordTrie(faPastStems, Z)
  const pluralZ = wordTrie(PLURAL_ENDINGS, Z)
  const perfectZ = wordTrie(PERFECT_ENDINGS, Z)
  const verbFormZ = `${verbStemsZ}(?:${Z}${personZ})?`
  rule(
    'negative_prefix',
    `^(${FA})(?!ن${Z}م${Z}ی)(?!${verbFormZ}$)(?!${exceptionsZ}${Z}${pluralZ}$)ن(?![اآ${ZWNJ}])` +
      `(?=(?:${verbFormZ}|${pastZ}${Z}(?:ن|${perfectZ}))$)`,
    `$1${chr(TAG.verb)}`,
  )
  // A word of fa-heh-ye-words.txt + ای written joined (منطقهای): as if a ZWNJ marked the ای (stem-fa.ts 1c).
  rule('heh_ye', `^(${FA}${V})(${wordTrie(faHehYeWords)})ای$`, `$1$2${chr(0x200c)}ای`)
  // A suffix after the word's ZWNJ (or joined space): cut there.
  rule('boundary', `^(${FA}${V})(${L}{${MIN_STEM},})${ZWNJ}${wordTrie(BOUNDARY_SUFFIXES)}$`, '$1$2')
  filters.push(replace('fa_zwnj', ZWNJ, '', true))
  rule('exception', `^(${FA})(${V})(?=${exceptions}$)`, `$1${KEEP}$2`)
  // Verbs: past stem, infinitive, perfect, past stem + person ending; after می any stem + person ending.
  rule('past_stem', `^(${FA})(${V})(?=${past}$)`, `$1${KEEP}$2`)
  rule('infinitive', `^(${FA})(${V})${endsWith('ن')}(${past})ن$`, `$1${KEEP}$2$3`)
  for (const e of PERFECT_ENDINGS) {
    rule('perfect', `^(${FA})(${V})${endsWith(e)}((?=${L}{${MIN_STEM}})${past})${lit(e)}$`, `$1${KEEP}$2$3`)
  }
  // After a verb prefix: a bare present stem stays; with a person ending, a known present stem wins over a
  // longer ending (میتواند → توان); else the first ending that matches.
  const present = wordTrie(faPresentStems)
  const presentMin = wordTrie([...faPresentStems].filter((stem) => stem.length >= MIN_STEM))
  rule('present_stem', `^(${FA})${u(TAG.verb)}(?=${present}$)`, `$1${KEEP}`)
  for (const e of PERSON_ENDINGS) {
    rule(
      'person_past',
      `^(${FA})(${V})${endsWith(e)}((?=${L}{${MIN_STEM}})${past})${lit(e)}$`,
      `$1${KEEP}$2$3`,
    )
    rule(
      'person_present_known',
      `^(${FA})${u(TAG.verb)}${endsWith(e)}(${presentMin})${lit(e)}$`,
      `$1${KEEP}$2`,
    )
  }
  for (const e of PERSON_ENDINGS) {
    rule('person_present', `^(${FA})${u(TAG.verb)}(${min(MIN_STEM)})${lit(e)}$`, `$1${KEEP}$2`)
  }
  rule('verb_done', `^(${FA})${u(TAG.verb)}`, `$1${KEEP}`)
  // Nouns and adjectives: plural (+ possessive) endings; the rest goes on as a noun written alone (kept when
  // it is an exception).
  rule('plural', `^(${FA})(${min(MIN_STEM)})${wordTrie(PLURAL_ENDINGS)}$`, '$1$2')
  rule('plural_exception', `^(${FA})(?=${exceptions}$)`, `$1${KEEP}`)
  // stemNounEnding, first on the word itself …
  const nounEndings = (round: string, tag: string) => {
    // Not after نگ/رگ preceded by a letter other than ا (فرهنگی, بزرگی): endsInRootGaf in stem-fa.ts.
    rule(`${round}_abstract_gi`, `^(${FA})${tag}(${min(3)})(?<!(?<!ا)[نر])گی$`, `$1${KEEP}$2ه`)
    rule(`${round}_superlative`, `^(${FA})${tag}(${min(MIN_STEM)})ترین$`, `$1${KEEP}$2`)
    rule(`${round}_comparative`, `^(${FA})${tag}(${min(3)})تر$`, `$1${KEEP}$2`)
    // Not the plural of a word in a گ of its own (fa-gaf-words.txt: بزرگان → بزرگ by the ان rule).
    rule(`${round}_plural_gan`, `^(${FA})${tag}(?!${gafWords}ان$)(${min(3)})گان$`, `$1${KEEP}$2ه`)
    rule(`${round}_plural_yan`, `^(${FA})${tag}(${min(MIN_STEM)})یان$`, `$1${ADJ}$2`)
    // (Two letters remain only for a noun of fa-short-plurals.txt: زنان → زن.)
    rule(
      `${round}_plural_an`,
      `^(${FA})${tag}(?!.*(?<!دو)ستان$)(?!.*زمان$)(${min(3)}|${wordTrie(faShortPlurals)})ان$`,
      `$1${ADJ}$2`,
    )
    rule(`${round}_plural_heh_at`, `^(${FA})${tag}(${hehPlurals})ات$`, `$1${KEEP}$2ه`)
    rule(`${round}_plural_at`, `^(${FA})${tag}(${min(3)})ات$`, `$1${ADJ}$2`)
  }
  nounEndings('noun', '')
  // … else under an adjectival ی (stripped once), unless that leaves an exception, once more.
  rule('adjective_yy', `^(${FA})(${min(MIN_STEM)})یی$`, `$1${SECOND}$2`)
  rule('adjective_y', `^(${FA})(${min(3)})ی$`, `$1${SECOND}$2`)
  rule('adjective_none', `^(${FA})(?=${L})`, `$1${KEEP}`)
  rule('adjective_exception', `^(${FA})${u(TAG.second)}(?=${exceptions}$)`, `$1${KEEP}`)
  nounEndings('adjective_noun', u(TAG.second))
  // stripAdjectival after a plural ان / یان / ات.
  rule('adj_exception', `^(${FA})${u(TAG.adjectival)}(?=${exceptions}$)`, `$1${KEEP}`)
  rule('adj_yy', `^(${FA})${u(TAG.adjectival)}(${min(MIN_STEM)})یی$`, `$1${KEEP}$2`)
  rule('adj_y', `^(${FA})${u(TAG.adjectival)}(${min(3)})ی$`, `$1${KEEP}$2`)
  return filters
}

/**
 * `canonicalPersianSpelling` (persian-spelling.ts): a Persian word (after the stop words, before the
 * stemmer) starting with a variant spelling starts with the standard one instead. A ZWNJ inside the variant
 * goes with it (kavosh then drops the boundary); one after it stays. One filter per spelling; no spelling
 * starts another or its replacement (checked by the tests), so at most one of them applies, as in kavosh.
 */
export function persianSpellingFilters(): NamedFilter[] {
  return [...getLexicon().faSpellingVariants].map(([variant, canonical], i) =>
    replace(`spelling_fa_${i + 1}`, `^(${FA})${[...variant].map(lit).join(`${ZWNJ}?`)}`, `$1${canonical}`),
  )
}

/** `stemArabic` (stem-ar.ts) as pattern_replace filters over tokens tagged Arabic. */
export function arabicStemFilters(): NamedFilter[] {
  const filters: NamedFilter[] = []
  // Conjunction و on words of ≥ 4 letters, not before the article وال, not on a word of ar-waw-words (its
  // و is its own: وزیر).
  // Until the article is read, an alef may carry the hamza-alef tag (TAG.hamzaAlef): the lists match either way, an
  // ال with the tag is no article (isArticleAt), and lengths count letters (LM).
  const lists = (words: Iterable<string>, cut: number) =>
    alefTagsAllowed(wordTrie([...words].map((word) => word.slice(cut))))
  // (The و-words are listed with a plain alef: one written with a hamza or madda is not that word.)
  // The accusative tanween's alef (TAG.tanweenAlef after it) goes from a word of three letters or more.
  filters.push(replace('ar_00_tanween_alef', `^(${AR})(${LM}{2,})ا${u(TAG.tanweenAlef)}$`, '$1$2'))
  const wawWords = wordTrie([...getLexicon().arWawWords].map((word) => word.slice(1)))
  filters.push(replace('ar_01_conjunction', `^(${AR})و(?!ال)(?!${wawWords})(?=${LM}{3})`, '$1'))
  // The name of God and its proclitic forms (لله، والله، بالله…) are kept whole as الله (the keep tag).
  const M = `[${u(TAG.hamzaAlef)}${u(TAG.maddaAlef)}]`
  filters.push(replace('ar_01_name_of_god', `^(${AR})[وفبت]?(?:ا${M}?ل|ل)له$`, `$1${chr(TAG.keep)}الله`))
  // The first article/proclitic that leaves ≥ 2 letters.
  // کال is not ک + the article at the start of a word of ar-kal-words (کالیفورنیا).
  const kalWords = lists(getLexicon().arKalWords, KAL.length)
  // Nor is the وال of a word of ar-wal-words "and the" (والده).
  const walWords = lists(getLexicon().arWalWords, WAL.length)
  // Nor is the بال of a word of ar-bal-words "with the" (بالغه).
  const balWords = lists(getLexicon().arBalWords, BAL.length)
  const own = (p: string) =>
    p === KAL ? `(?!${kalWords})` : p === WAL ? `(?!${walWords})` : p === BAL ? `(?!${balWords})` : ''
  const articles = `(?:${ARTICLE_PREFIXES.map((p) => `${lit(p)}${own(p)}(?=${LM}{2})`).join('|')})`
  filters.push(replace('ar_02_article', `^(${AR})${articles}`, '$1'))
  filters.push(unmarkFilter())
  // مائه → مئه (hundredAlefAt): the alef of "hundred" goes, also after a one-letter proclitic, a unit of the
  // compound hundreds or both (بخمسمائة), in the forms of HUNDRED_ENDINGS only.
  const proclitic = `(?:${HUNDRED_PROCLITICS.map(lit).join('|')})?`
  const units = `(?:${HUNDREDS_UNITS.map(lit).join('|')})?`
  const endings = `(?:${HUNDRED_ENDINGS.map(lit).join('|')})`
  filters.push(replace('ar_02_hundred', `^(${AR}${proclitic}${units}م)ا(?=ی${endings}$)`, '$1'))
  // Otherwise a transliteration of ar-spelling-variants.txt at the start, as its first spelling (no key
  // begins another or a replacement, so at most one applies; none starts like "hundred").
  ;[...getLexicon().arSpellingVariants].forEach(([variant, canonical], i) => {
    filters.push(replace(`ar_02_spelling_${i + 1}`, `^(${AR})${lit(variant)}`, `$1${canonical}`))
  })
  // Each suffix at most once, in order, while ≥ 2 letters remain; a word of the exception list (checked
  // before each suffix) gets the keep tag, which no suffix rule matches past.
  const stemExceptions = wordTrie(getLexicon().arStemExceptions)
  const exception = replace('ar_exception', `^(${AR})(?=${stemExceptions}$)`, `$1${chr(TAG.keep)}`)
  // Final hamza after alef on words of ≥ MIN_ARABIC_HAMZA_WORD letters; then one attached pronoun, unless
  // the word is an exception, while ≥ MIN_PRONOUN_STEM letters remain.
  filters.push(replace('ar_03_final_hamza', `^(${AR}${L}{${MIN_ARABIC_HAMZA_WORD - 2},})اء$`, '$1ا'))
  // ت + pronoun or dual ending → ة (tehOfNounAt): three letters before the ت, not an alef right before it
  // (or two letters of ar-short-plurals.txt), not س before تان, not a stem exception, not a word of
  // ar-teh-words.txt.
  const tehEndings = `(?:${TEH_ENDINGS.map((p) => (p === 'تان' ? `(?<!س)${lit(p)}` : lit(p))).join('|')})`
  const afterTeh = `(?:${TEH_ENDINGS.map((p) => lit(p.slice(1))).join('|')})`
  const tehWords = wordTrie(getLexicon().arTehWords)
  const beforeTeh = `(?:${L}{3,}(?<!ا)|${wordTrie(getLexicon().arShortPluralStems)})`
  filters.push(
    replace(
      'ar_03_teh_ending',
      `^(${AR})(?!${stemExceptions}$)(?!${tehWords}${afterTeh}$)(${beforeTeh})${tehEndings}$`,
      '$1$2ه',
    ),
  )
  filters.push({ name: 'ar_04_exception', definition: exception.definition })
  const hehAfter = `(?<=${PRONOUN_HEH_AFTER.map(lit).join('|')})ه`
  const pronouns = `(?:${[...PRONOUN_SUFFIXES.map(lit), hehAfter].join('|')})`
  filters.push(replace('ar_04_pronoun', `^(${AR})(${L}{${MIN_PRONOUN_STEM},}?)${pronouns}$`, '$1$2'))
  ARABIC_SUFFIXES.forEach((s, i) => {
    const step = String(i + 5).padStart(2, '0')
    filters.push({ name: `ar_${step}_exception`, definition: exception.definition })
    // The nisba ـائي goes whole (ایی → ا): the ی after an alef goes with the suffix ی.
    const nisba = s === 'ی' ? '(?:(?<=ا)ی)?' : ''
    // ات also leaves two letters of ar-short-plurals.txt (قوات → قو).
    const short = s === 'ات' ? `|${wordTrie(getLexicon().arShortPluralStems)}` : ''
    filters.push(
      replace(`ar_${step}_suffix`, `^(${AR})(${L}{${minSuffixStem(s)},}?${short})${nisba}${lit(s)}$`, '$1$2'),
    )
  })
  // A final hamza after alef that a suffix covered (اجراءات → اجراء → اجرا), unless the stem is an exception.
  const last = String(ARABIC_SUFFIXES.length + 5).padStart(2, '0')
  filters.push({ name: `ar_${last}_exception`, definition: exception.definition })
  filters.push(replace(`ar_${last}_final_hamza`, `^(${AR}${L}{${MIN_ARABIC_HAMZA_WORD - 2},})اء$`, '$1ا'))
  return filters
}
