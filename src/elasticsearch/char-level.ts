/**
 * The character level of the Elasticsearch chain: the char filters (reserved-range guard, language signals
 * for auto mode, removal of ignorables, the fold, joining of detached Persian affixes) and the tokenizer,
 * all generated from kavosh's own character table (`src/analysis/char-table.ts`) and affix sets
 * (`src/analysis/analyzer.ts`), so that they follow changes there.
 *
 * Owns: translating the char table and the joining rules into `mapping`/`pattern_replace` char filters and
 * a `pattern` tokenizer. Must not: stem or drop stop words (token-level.ts).
 */
import {
  DETACHED_AFTER_HEH,
  DETACHED_COMPARATIVES,
  DETACHED_PREFIXES,
  DETACHED_SUFFIXES,
} from '../analysis/analyzer'
import {
  ALEF_MAQSURA,
  ALEF_MAQSURA_FORMS,
  ARABIC,
  DIGIT,
  EXPAND,
  getCharTable,
  HAMZA_ALEF_FORMS,
  HAMZA_ALEFS,
  IGNORE,
  JOINER,
  MADDA_ALEF,
  OTHER,
  SEP,
  SIGNAL_FA_LETTER,
  TANWEEN_FATH,
} from '../analysis/char-table'
import { getLexicon } from '../analysis/lexicon'
import { MAX_WORD_LENGTH } from '../analysis/tokenize'
import {
  alefTagsAllowed,
  alternation,
  charClass,
  chr,
  RESERVED_FIRST,
  RESERVED_LAST,
  spaced,
  TAG,
  u,
  wordTrie,
  ZWNJ,
} from './regex'

/**
 * An Elasticsearch char filter definition (the types kavosh uses).
 *
 * @example
 * ```ts
 * const zwnjToSpace: CharFilterDefinition = { type: 'mapping', mappings: ['\\u200C=>\\u0020'] }
 * ```
 */
export type CharFilterDefinition =
  | { type: 'mapping'; mappings: string[] }
  | { type: 'pattern_replace'; pattern: string; replacement: string }

/**
 * An Elasticsearch tokenizer definition (kavosh's is a `pattern` tokenizer whose matches are the tokens).
 *
 * @example
 * ```ts
 * const words: TokenizerDefinition = { type: 'pattern', pattern: '\\p{L}+', group: 0 }
 * ```
 */
export interface TokenizerDefinition {
  type: 'pattern'
  pattern: string
  group: number
}

/** How the Persian joining rules decide whether a word is Persian. */
export type JoinMode = 'fa' | 'auto-ar'

interface Classes {
  /** Arabic-script letters (after the fold; the tokenizer's Arabic words). */
  arabic: string
  /** Letters and digits of other scripts (the tokenizer's other words). */
  other: string
  /** The signal tag (auto mode) that may stand before a word. */
  signal: string
}

const letterOrNumber = /[\p{L}\p{N}]/u
const arabicScript = /\p{Script=Arabic}/u
const markOrFormat = /[\p{M}\p{Cf}]/u

/**
 * A Java character class for the code units with `want(c)`, written as Unicode properties (`base`, which
 * Java evaluates with one table lookup — a class of hundreds of ranges costs hundreds of tests per
 * character) plus the code units where kavosh's table differs from those properties (`jsBase` is the same
 * properties in JavaScript). Code units with `free(c)` never reach this class and may go either way.
 * Supplementary code points are excluded: kavosh treats them as separators.
 */
function propertyClass(
  base: string,
  jsBase: (s: string) => boolean,
  want: (c: number) => boolean,
  free: (c: number) => boolean = () => false,
): string {
  const extra = new Set<number>()
  const excluded = new Set<number>()
  for (let c = 0; c < 0x10000; c++) {
    if ((c >= 0xd800 && c <= 0xdfff) || free(c)) continue
    const w = want(c)
    const p = jsBase(String.fromCharCode(c))
    if (w && !p) extra.add(c)
    else if (!w && p) excluded.add(c)
  }
  const plus = extra.size > 0 ? charClass((c) => extra.has(c)).slice(1, -1) : ''
  const minus = charClass((c) => excluded.has(c)).slice(1, -1)
  return `[[${base}]${plus}&&[^${minus}\\x{10000}-\\x{10FFFF}]]`
}

let cachedClasses: Classes | undefined

function classes(): Classes {
  if (cachedClasses) return cachedClasses
  const { cls, fold } = getCharTable()
  // After the ignorable and fold filters, only fixed points of the fold are left among letters and digits.
  const free = (c: number) => cls[c] === IGNORE || cls[c] === EXPAND || (cls[c] !== JOINER && fold[c] !== c)
  cachedClasses = {
    arabic: propertyClass(
      '\\p{L}\\p{N}&&\\p{IsArabic}',
      (s) => letterOrNumber.test(s) && arabicScript.test(s),
      (c) => cls[c] === ARABIC,
      free,
    ),
    other: propertyClass(
      '\\p{L}\\p{N}&&[^\\p{IsArabic}]',
      (s) => letterOrNumber.test(s) && !arabicScript.test(s),
      (c) => cls[c] === OTHER || cls[c] === DIGIT,
      free,
    ),
    signal: `[${u(TAG.signalFa)}]`,
  }
  return cachedClasses
}

/** Input characters in the reserved private-use range become spaces (they are separators for kavosh). */
export function reservedRangeFilter(): CharFilterDefinition {
  const mappings: string[] = []
  for (let c = RESERVED_FIRST; c <= RESERVED_LAST; c++) mappings.push(`${u(c)}=>${u(0x20)}`)
  return { type: 'mapping', mappings }
}

/** What kavosh ignores inside a word (IGNORE: combining marks, tatweel, bidi and format controls; not ZWNJ). */
function ignorableClass(): string {
  const { cls } = getCharTable()
  return propertyClass(
    '\\p{M}\\p{Cf}',
    (s) => markOrFormat.test(s),
    (c) => cls[c] === IGNORE,
  )
}

/** Removes what kavosh ignores: combining marks, tatweel, bidi and format controls (not ZWNJ). */
export function ignorableFilter(): CharFilterDefinition {
  return { type: 'pattern_replace', pattern: `${ignorableClass()}+`, replacement: '' }
}

/**
 * The fold as a `mapping` char filter: every code unit whose folded form differs (letters, digits,
 * presentation forms and ligatures, spaces other than U+0020).
 */
export function foldFilter(): CharFilterDefinition {
  const { cls, fold, expansions } = getCharTable()
  const mappings: string[] = []
  for (let c = 0; c < 0x10000; c++) {
    if (c >= RESERVED_FIRST && c <= RESERVED_LAST) continue
    const kind = cls[c]
    if (kind === EXPAND) {
      const units = expansions.get(c)?.units
      if (units && units.length > 0) mappings.push(`${u(c)}=>${Array.from(units, u).join('')}`)
    } else if ((kind === ARABIC || kind === OTHER || kind === DIGIT || kind === SEP) && fold[c] !== c) {
      mappings.push(`${u(c)}=>${u(fold[c]!)}`)
    }
  }
  return { type: 'mapping', mappings }
}

/**
 * Auto mode, text detected as Arabic: tags each word of the ORIGINAL text whose own letters say Persian
 * (those with SIGNAL_FA_LETTER: پ چ ژ گ, which no fold changes), as kavosh's per-word language choice does.
 */
export function signalFilter(): CharFilterDefinition {
  const { signal } = getCharTable()
  const { arabicLetter, letters } = originalLetters()
  // Marks and format controls inside a word; not ZWNJ, which ends a word.
  const soft = ignorableClass()
  const inWord = `[${letters}${soft}]`
  const persian = charClass((c) => arabicLetter(c) && (signal[c]! & SIGNAL_FA_LETTER) !== 0)
  // At the first letter of a word (not after a letter, not after a letter and ignorables; a ZWNJ ends a
  // word), when a Persian letter follows within the word. The single-character test first: it rejects most
  // positions.
  return {
    type: 'pattern_replace',
    pattern: `(?=${letters})(?<!${letters})(?<!${letters}${soft}{1,16})(?=${inWord}*?${persian})`,
    replacement: chr(TAG.signalFa),
  }
}

/** The Arabic-script letters of the original text (before the fold; ligatures of such letters too). */
function originalLetters(): { arabicLetter: (c: number) => boolean; letters: string } {
  const { cls, expansions } = getCharTable()
  const arabicLetter = (c: number) =>
    cls[c] === ARABIC ||
    (cls[c] === EXPAND && Array.from(expansions.get(c)?.classes ?? [SEP]).every((k) => k === ARABIC))
  const arabicBase = '\\p{L}\\p{N}&&\\p{IsArabic}'
  const isArabic = (s: string) => letterOrNumber.test(s) && arabicScript.test(s)
  return { arabicLetter, letters: propertyClass(arabicBase, isArabic, arabicLetter) }
}

/**
 * The Arabic chain's alefs with a hamza or a madda (kavosh: `RawWord.hamzaAlefs`, read by stem-ar.ts
 * `isArticleAt`): after the ignorable filter and before the fold, each أ إ آ (or a presentation form of one)
 * of a word gets a tag after it (TAG.hamzaAlef after أ إ, TAG.maddaAlef after آ), so that the stop filter still
 * sees a آ and the article rule any of them in the ا the fold makes (ألعاب, آلاف: no article); the tags go
 * right after that rule. In `'auto-ar'` mode
 * not in a word tagged Persian by {@link signalFilter} (kavosh's Persian stemmer reads no such bits).
 */
export function hamzaAlefFilters(mode: 'ar' | 'auto-ar'): {
  hamza: CharFilterDefinition
  madda: CharFilterDefinition
} {
  const persianWord =
    mode === 'ar' ? '' : `(?<!${u(TAG.signalFa)}${originalLetters().letters}{0,${MAX_WORD_LENGTH}})`
  // Each letter with its presentation forms.
  const forms: Array<readonly [number, number]> = [
    ...HAMZA_ALEFS.map((c) => [c, c] as const),
    ...HAMZA_ALEF_FORMS,
  ]
  const filter = (madda: boolean): CharFilterDefinition => {
    const letters = forms.filter(([, letter]) => (letter === MADDA_ALEF) === madda).map(([form]) => form)
    return {
      type: 'pattern_replace',
      pattern: `${persianWord}([${letters.map(u).join('')}])`,
      replacement: `$1${chr(madda ? TAG.maddaAlef : TAG.hamzaAlef)}`,
    }
  }
  return { hamza: filter(false), madda: filter(true) }
}

/**
 * The Arabic chain's final alef maqsura (kavosh: FINAL_YEH in char-table.ts, set by tokenize.ts for a final
 * yeh not written ى): after the ignorable filter and before the fold, a word's final ى (or a presentation
 * form of it) gets TAG.maqsura after it, so that the stop filter tells على (on) from علي (Ali). In `'auto-ar'`
 * mode not in a word tagged Persian by {@link signalFilter} (kavosh's Persian stop words read no such bit).
 */
export function maqsuraFilter(mode: 'ar' | 'auto-ar'): CharFilterDefinition {
  const { letters: L } = originalLetters()
  const persianWord = mode === 'ar' ? '' : `(?<!${u(TAG.signalFa)}${L}{0,${MAX_WORD_LENGTH}})`
  return {
    type: 'pattern_replace',
    pattern: `${persianWord}([${[ALEF_MAQSURA, ...ALEF_MAQSURA_FORMS].map(u).join('')}])(?!${L})`,
    replacement: `$1${chr(TAG.maqsura)}`,
  }
}

/**
 * The Arabic chain's accusative alefs (kavosh: TANWEEN_ALEF in char-table.ts, set by tokenize.ts `scanWords`):
 * before the ignorable filter, a word's final ا with a tanween fath among the marks right after it or right
 * before it (رئيساً, رئيسًا) gets TAG.tanweenAlef after it; the Arabic stemmer's first rule drops the alef and
 * the tag, which go otherwise with the hamza tags. In `'auto-ar'` mode not in a word tagged Persian by
 * {@link signalFilter} (kavosh's Persian stemmer reads no such bit).
 */
export function tanweenAlefFilter(mode: 'ar' | 'auto-ar'): CharFilterDefinition {
  const { cls, fold, expansions } = getCharTable()
  const { arabicLetter, letters: L } = originalLetters()
  const marks = ignorableClass()
  const persianWord = mode === 'ar' ? '' : `(?<!${u(TAG.signalFa)}[${L}${marks}]{0,${2 * MAX_WORD_LENGTH}})`
  const T = u(TANWEEN_FATH)
  // What the tokenizer reads as a plain ا: the letters that fold to it (not أ إ آ, which its units keep) and
  // the ligatures whose expansion ends in it (ﻻ).
  const hamzaForms = new Set([...HAMZA_ALEFS, ...HAMZA_ALEF_FORMS.map(([form]) => form)])
  const alef = charClass(
    (c) =>
      (cls[c] === ARABIC && fold[c] === 0x0627 && !hamzaForms.has(c)) ||
      (cls[c] === EXPAND && arabicLetter(c) && expansions.get(c)?.units.at(-1) === 0x0627),
  )
  // The word ends after the alef's marks (no letter of it follows); the tanween is among the marks after the
  // alef, or among those between the letter before and the alef.
  const final = `(?=${marks}*+(?!${L}))`
  return {
    type: 'pattern_replace',
    pattern: `${persianWord}(${alef})${final}(?:(?=${marks}*?${T})|(?<=${L}${marks}{0,16}${T}${marks}{0,16}${alef}))`,
    replacement: `$1${chr(TAG.tanweenAlef)}`,
  }
}

/**
 * Digit-group separators (tokenize.ts continues a number over them), on folded text: a comma or ٬ (U+066C)
 * after a digit and before exactly three digits that no digit follows is removed (1,000 and ۱٬۰۰۰ → 1000).
 */
export function digitGroupFilter(): CharFilterDefinition {
  return {
    type: 'pattern_replace',
    pattern: `(?<=[0-9])[,${u(0x066c)}](?=[0-9]{3}(?![0-9]))`,
    replacement: '',
  }
}

/**
 * ZWNJ as a word break (tokenize.ts ends a word at a ZWNJ, as at a space), on folded text: each run of ZWNJs
 * becomes a space, except after a Persian stop word before a word that is none (بی‌کار, پیش‌نویس), which
 * analyzer.ts `joinDetachedAffixes` keeps as one word: there the ZWNJ stays, as the boundary it is. Runs
 * before {@link joinFilters}, which turn the spaces before a detached affix back into a ZWNJ (کتاب‌ها). In
 * `'auto-ar'` mode the stop word must be tagged Persian by {@link signalFilter}; in Arabic text (`'ar'`) every
 * run becomes a space.
 */
export function zwnjBreakFilter(mode: JoinMode | 'ar'): CharFilterDefinition {
  if (mode === 'ar') return { type: 'mapping', mappings: [`${ZWNJ}=>${u(0x20)}`] }
  const { arabic: A, signal: S } = classes()
  const affixes = new Set([
    ...DETACHED_SUFFIXES,
    ...DETACHED_COMPARATIVES,
    ...DETACHED_AFTER_HEH,
    ...DETACHED_PREFIXES,
  ])
  const { faStopWords } = getLexicon()
  // A stop word that is no affix joins the next word; a stop word or an affix is never joined onto.
  const joining = wordTrie([...faStopWords].filter((w) => !affixes.has(w)))
  // (In Arabic text the next word may hold hamza-alef tags: see hamzaAlefFilters.)
  const joinedOnto = withAlefTags(mode, wordTrie([...faStopWords, ...affixes]))
  // (Not right after a detached می/نمی: that one joins the stop word first, and nothing joins it then.)
  const afterPrefix = afterDetachedPrefix(mode)
  const stopBefore =
    mode === 'fa' ? `(?<!${A})(?<!${afterPrefix})${joining}` : `(?<!${afterPrefix})${S}${joining}`
  return {
    type: 'pattern_replace',
    // Possessive runs: a run is replaced whole or not at all, never from its middle.
    pattern: `(?<!${stopBefore}|${ZWNJ})${ZWNJ}++|${ZWNJ}++(?=${S}?${joinedOnto}(?!${A})|(?!${S}?${A}))`,
    replacement: ' ',
  }
}

/**
 * Right after a detached می/نمی and its gap (for a lookbehind): that prefix joins the next word first, and
 * nothing joins that word then. In `'auto-ar'` mode the prefix is tagged Persian by {@link signalFilter}.
 */
function afterDetachedPrefix(mode: JoinMode): string {
  const { arabic: A, signal: S } = classes()
  const prefixes = alternation(DETACHED_PREFIXES)
  return mode === 'fa' ? `(?<!${A})${prefixes}[ ${ZWNJ}]{1,8}` : `${S}${prefixes}[ ${ZWNJ}]{1,8}`
}

/**
 * Persian compounds of a stop word and a word written with a space (`dictionaries/fa-stop-compounds.txt`:
 * پیش بینی, بی سابقه), on folded text: the spaces between them become a ZWNJ, which {@link zwnjBreakFilter}
 * then keeps, as analyzer.ts `joinDetachedAffixes` joins them as across a ZWNJ. Runs before it. Not right
 * after a detached می/نمی, which joins the stop word first; in `'auto-ar'` mode only a stop word tagged
 * Persian by {@link signalFilter} joins.
 */
export function stopCompoundFilter(mode: JoinMode): CharFilterDefinition {
  const { arabic: A, signal: S } = classes()
  const afterPrefix = afterDetachedPrefix(mode)
  const pairs = [...getLexicon().faStopCompounds].map(
    ([head, tails]) => `${wordTrie([head])}(?=[ ]+${S}?${withAlefTags(mode, wordTrie(tails))}(?!${S}?${A}))`,
  )
  const head = `(?:${pairs.join('|')})`
  return {
    type: 'pattern_replace',
    pattern:
      mode === 'fa' ? `(?<!${A})(?<!${afterPrefix})(${head})[ ]+` : `(?<!${afterPrefix})(${S}${head})[ ]+`,
    replacement: `$1${chr(0x200c)}`,
  }
}

/**
 * Joining of detached Persian affixes (analyzer.ts `joinDetachedAffixes`), on folded text: the gap of spaces
 * (and ZWNJ) between `می`/`نمی` and the next word, or between a word and a detached suffix, becomes one ZWNJ,
 * so the tokenizer keeps them as one word with the affix boundary marked, as kavosh does. In `'auto-ar'`
 * mode (text detected as Arabic) only words tagged Persian by {@link signalFilter} join.
 */
export function joinFilters(mode: JoinMode): { prefix: CharFilterDefinition; suffix: CharFilterDefinition } {
  const { arabic: A, signal: S } = classes()
  const gap = `${ZWNJ}*[ ][ ${ZWNJ}]*`
  const star = (w: string) => spaced(w, `${ZWNJ}*`)
  // The next word ends here: no more letters of the same word follow.
  const wordEnd = `(?!${ZWNJ}*${S}?${A})`
  const prefixes = alternation(DETACHED_PREFIXES, star)
  const tagged = u(TAG.signalFa)
  const wordChars = `[${ZWNJ}${A}]`
  // The affix's word (the prefix itself, or the word before a suffix) must be Persian: its signal tag.
  const prefixIsPersian = mode === 'fa' ? '' : `(?<=${tagged})`
  // (A chain of joined suffixes, کتاب ها ها, looks back over up to three suffixes already joined to the
  // word; Java's look-behind takes `?` on a group, not `{0,3}`.)
  const joinedSuffix = withAlefTags(
    mode,
    alternation([...DETACHED_SUFFIXES, ...DETACHED_COMPARATIVES, ...DETACHED_AFTER_HEH], (w) =>
      spaced(w, `${ZWNJ}?`),
    ),
  )
  const wordIsPersian =
    mode === 'fa'
      ? ''
      : `(?<=${tagged}${wordChars}{0,${MAX_WORD_LENGTH + 8}}${`(?:[ ${ZWNJ}]{1,8}${joinedSuffix})?`.repeat(3)})`
  const prefix: CharFilterDefinition = {
    type: 'pattern_replace',
    pattern: `(?<!${A}${ZWNJ}{0,8})${prefixIsPersian}(${prefixes})${gap}(?=${S}?${A})(?!${S}?${prefixes}${wordEnd})`,
    replacement: `$1${chr(0x200c)}`,
  }
  // The letter before the gap is matched (and put back): a cheap start for the search. The lookahead runs
  // before the (longer) look-behind on the word.
  const suffixWord = (set: Iterable<string>) => `${S}?${withAlefTags(mode, alternation(set, star))}${wordEnd}`
  const suffix: CharFilterDefinition = {
    type: 'pattern_replace',
    pattern:
      `(${A})(?:` +
      [
        `(?=${gap}${suffixWord(DETACHED_SUFFIXES)})`,
        `(?<=${A}${ZWNJ}{0,8}${A})(?=${gap}${suffixWord(DETACHED_COMPARATIVES)})`,
        `(?<=ه)(?=${gap}${suffixWord(DETACHED_AFTER_HEH)})`,
      ].join('|') +
      `)${wordIsPersian}${gap}`,
    replacement: `$1${chr(0x200c)}`,
  }
  return { prefix, suffix }
}

/** Words of a folded list as they may stand in text of `mode`: in Arabic text, with hamza-alef tags. */
function withAlefTags(mode: JoinMode, regex: string): string {
  return mode === 'fa' ? regex : alefTagsAllowed(regex)
}

/**
 * The tokenizer: maximal runs of Arabic-script letters (ZWNJ and signal tags inside), or of other letters
 * and digits, each at most {@link MAX_WORD_LENGTH} letters, as kavosh's tokenizer cuts them.
 */
export function tokenizer(): TokenizerDefinition {
  const { arabic: A, other: O, signal: S } = classes()
  const more = MAX_WORD_LENGTH - 1
  return {
    type: 'pattern',
    pattern: `${S}?${A}(?:[${ZWNJ}${S.slice(1, -1)}${u(TAG.hamzaAlef)}${u(TAG.maddaAlef)}${u(TAG.maqsura)}]*${A}){0,${more}}[${u(TAG.tanweenAlef)}${u(TAG.maqsura)}]?|${O}(?:${ZWNJ}*${O}){0,${more}}`,
    group: 0,
  }
}
