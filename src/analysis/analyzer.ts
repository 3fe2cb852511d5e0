/**
 * The analyzer: composes tokenizer → Persian affix joining → stop words → light stemming, the same way for
 * documents (`analyze`) and queries (`analyzeQuery`, which also proposes joined/split compound forms and,
 * when the language of a short query cannot be told, the stems of both languages).
 *
 * Owns: the order of the stages and the per-word language choice. Must not: fold characters (char-table),
 * know affix lists (stemmers, dictionaries) or the index.
 *
 * ZWNJ design (see the README): a ZWNJ ends a word, as a space does; a detached affix written with a ZWNJ
 * or a space (`کتاب‌ها`, `کتاب ها`, `می روم`, `خانه ای`) is joined back onto its word before stemming, so
 * all three spellings of `کتابها` index the same term at the same position, and so is a stop word that a
 * ZWNJ joins to the next word (`بی‌کار`, `پیش‌نویس`). Compounds of two content words (`آتش‌بس` = `آتش بس` /
 * `آتشبس`) are resolved at query time: joined query words also try the joined term, and a single query
 * word also tries its two halves as a phrase.
 */
import { FINAL_YEH, getCharTable, IGNORE, JOINER, SIGNAL_FA_LETTER } from './char-table'
import { detectLanguage, languageOfSignals } from './detect'
import { getLexicon } from './lexicon'
import { normalize } from './normalize'
import {
  CLITICS_AFTER_HEH,
  COMPARATIVE_SUFFIXES,
  MARKED_PRONOUN_SUFFIXES,
  PLURAL_SUFFIXES,
  QUERY_PRONOUN_SUFFIXES,
  VERB_PREFIXES,
} from './persian-affixes'
import { canonicalPersianSpelling, spelledBoundary } from './persian-spelling'
import { ARTICLE_PREFIXES, isArticleAt, stemArabic } from './stem-ar'
import { stemPersian } from './stem-fa'
import {
  clearWordCaches,
  internedCount,
  internedHamzaAlefs,
  internedLength,
  internedMaddaAlefs,
  internedString,
  internJoined,
  type RawWord,
  releaseInternTable,
  setWordCache,
  shrinkWordBuffers,
  tokenizeInto,
  WORD_ARABIC,
  WordBuffer,
  wordCache,
} from './tokenize'
import type { AnalyzeOptions, Language, ResolvedLanguage, Token } from './types'

/** Affixes that, written as a separate word, belong to the previous word (any previous word). */
export const DETACHED_SUFFIXES: ReadonlySet<string> = new Set(PLURAL_SUFFIXES)
export const DETACHED_COMPARATIVES: ReadonlySet<string> = new Set(COMPARATIVE_SUFFIXES)
/** Affixes that are joined only after a word ending in ه (خانه ای, خسته ام, رفته اند), as hazm does. */
export const DETACHED_AFTER_HEH: ReadonlySet<string> = new Set(CLITICS_AFTER_HEH)
/** Verb prefixes that, written apart, belong to the next word. */
export const DETACHED_PREFIXES: ReadonlySet<string> = new Set(VERB_PREFIXES)

/** True when only spaces, ZWNJ or ignorable characters stand between offsets a and b. */
function isSoftGap(text: string, a: number, b: number): boolean {
  const { cls, fold } = getCharTable()
  for (let i = a; i < b; i++) {
    const u = text.charCodeAt(i)
    const kind = cls[u]
    if (kind !== JOINER && kind !== IGNORE && fold[u] !== 0x20) return false
  }
  return true
}

/** True when only spaces (any that folds to one) and ignorable characters, at least one space, stand between offsets a and b. */
function isSpaceGap(text: string, a: number, b: number): boolean {
  const { cls, fold } = getCharTable()
  let space = false
  for (let i = a; i < b; i++) {
    const u = text.charCodeAt(i)
    if (fold[u] === 0x20) space = true
    else if (cls[u] !== IGNORE) return false
  }
  return space
}

/** True when only ZWNJs and ignorable characters, at least one ZWNJ, stand between offsets a and b. */
function isZwnjGap(text: string, a: number, b: number): boolean {
  const { cls } = getCharTable()
  let zwnj = false
  for (let i = a; i < b; i++) {
    const kind = cls[text.charCodeAt(i)]
    if (kind === JOINER) zwnj = true
    else if (kind !== IGNORE) return false
  }
  return zwnj
}

/**
 * Joins detached Persian affixes onto their words. `persian(signal)` says whether the Persian rules apply
 * to a word with those signals. Without `terms`, in place: afterwards `words.count` words remain, each one
 * position. With `terms` (analyzeInto, {@link termContext} set for the text), the index term of each word
 * (joined or not) goes straight into `terms`, at its position, and the word columns are left stale: one
 * pass over the words instead of a join that moved them and a second loop that read them back (build
 * instructions −4.9 % on hamshahri-subset, whose text detaches its affixes with spaces).
 *
 * Hot path: the affix tests read flags cached per intern id ({@link affixFlagsOf}) and a joined word is
 * interned from the code units of its parts, so no string is built for a pair seen before.
 */
function joinDetachedAffixes(
  text: string,
  words: WordBuffer,
  persian: (signal: number) => boolean,
  terms: TermBuffer | null,
): void {
  const { surface, start, end, script, boundary, signal, id } = words
  const n = words.count
  const arabic = WORD_ARABIC
  // What emitting terms needs, in locals (see termContext).
  const context = termContext
  const cachedKeys = terms !== null && context.cached
  const keys = terms === null ? null : terms.key
  const termStarts = terms === null ? null : terms.start
  const termEnds = terms === null ? null : terms.end
  const positions = terms === null ? null : terms.position
  const withOffsets = context.withOffsets
  const auto = context.auto
  const textIsPersian = context.textIsPersian
  const faLetter = SIGNAL_FA_LETTER
  const entryMask = BOUNDARY_ENTRY_MASK
  const entryBits = BOUNDARY_ENTRY_BITS
  let written = 0
  // persian(signal) once per distinct signal value of this text (signals are 4 bits).
  const persianBySignal = persianBySignalScratch
  persianBySignal.fill(-1)
  // The affix flags of the word after the current one, once read (the next iteration's own flags when
  // nothing joined onto it): one record read per word instead of two.
  let nextId = -2
  let nextIdFlags = 0
  let out = 0
  for (let i = 0; i < n; i++) {
    const first = i
    let e = end[i]!
    let b = boundary[i]!
    let sig = signal[i]!
    let wordId = id[i]!
    let joined = '' // the surface when wordId is −1
    const st = start[i]!
    const sc = script[i]!
    if (sc === arabic && i + 1 < n && script[i + 1] === arabic) {
      let isPersian = persianBySignal[sig]!
      if (isPersian < 0) {
        isPersian = persian(sig) ? 1 : 0
        persianBySignal[sig] = isPersian
      }
      if (isPersian === 1) {
        let flags = wordId === nextId ? nextIdFlags : affixFlagsOf(wordId)
        // The next word joins this one when this is می / نمی written apart from its verb, or a stop word
        // that a ZWNJ joins to a next word that is no stop word: a compound (بی‌کار, پیش‌نویس, بین‌المللی,
        // به‌طور) stays one word, as written without the ZWNJ. (Neither is an affix or joins onto one:
        // این‌ها is این + ها, joined below as کار‌ها is.)
        // So does a stop word written apart from a word it forms a compound with (پیش بینی, بی سابقه:
        // dictionaries/fa-stop-compounds.txt), as if a ZWNJ stood between them.
        const joinsNext =
          (flags & AFFIX_PREFIX) !== 0
            ? (affixFlagsOf(id[i + 1]!) & AFFIX_PREFIX) === 0 && isSoftGap(text, e, start[i + 1]!)
            : (flags & COMPOUND_MASK) === AFFIX_STOP &&
              (text.charCodeAt(e) === 0x200c
                ? (affixFlagsOf(id[i + 1]!) & COMPOUND_MASK) === 0 && isZwnjGap(text, e, start[i + 1]!)
                : (flags & AFFIX_COMPOUND_HEAD) !== 0 &&
                  formsStopCompound(wordId, id[i + 1]!) &&
                  isSpaceGap(text, e, start[i + 1]!))
        if (joinsNext) {
          i++
          b = internedLength(wordId)
          wordId = internJoined(wordId, id[i]!)
          if (wordId < 0) joined = words.surfaceOf(i - 1) + words.surfaceOf(i)
          flags = wordId >= 0 ? affixFlagsOf(wordId) : affixFlagsOfSurface(joined)
          e = end[i]!
          sig |= signal[i]!
        }
        // Suffixes written apart: کتاب ها, بزرگ تر, خانه ای, رفته اند.
        while (i + 1 < n && script[i + 1] === arabic && (flags & AFFIX_PREFIX) === 0) {
          nextId = id[i + 1]!
          const nextFlags = affixFlagsOf(nextId)
          nextIdFlags = nextFlags
          if ((nextFlags & AFFIX_ANY_SUFFIX) === 0) break
          const joins =
            (nextFlags & AFFIX_SUFFIX) !== 0 ||
            ((nextFlags & AFFIX_COMPARATIVE) !== 0 && (flags & AFFIX_LONG) !== 0) ||
            ((nextFlags & AFFIX_AFTER_HEH) !== 0 && (flags & AFFIX_ENDS_WITH_HEH) !== 0)
          if (!joins || !isSoftGap(text, e, start[i + 1]!)) break
          i++
          if (wordId >= 0) {
            b = internedLength(wordId)
            const pair = internJoined(wordId, id[i]!)
            if (pair < 0) joined = internedString(wordId) + internedString(id[i]!)
            wordId = pair
          } else {
            b = joined.length
            joined += internedString(id[i]!)
          }
          flags = wordId >= 0 ? affixFlagsOf(wordId) : affixFlagsOfSurface(joined)
          e = end[i]!
          sig |= signal[i]!
        }
      }
    }
    if (keys !== null) {
      // The word's term: from its record when cached with these options (the record was just read for
      // its affix flags), else computed (and cached) by termEntryOf.
      let entry = 0
      if (cachedKeys && wordId >= 0) {
        if (sc !== arabic) entry = wordCache(wordId, CACHE_PLAIN_KEY)
        else {
          const isPersian = auto && (sig & faLetter) !== 0 ? true : textIsPersian
          if (b < 0) entry = wordCache(wordId, isPersian ? CACHE_FA_KEY : CACHE_AR_KEY)
          else {
            // The entry is packed with the boundary it was computed for (a word has one boundary per spelling).
            const packed = wordCache(wordId, isPersian ? CACHE_FA_BOUNDARY_KEY : CACHE_AR_BOUNDARY_KEY)
            if (packed >>> entryBits === b) entry = packed & entryMask
          }
        }
      }
      if (entry === 0) entry = termEntryOf(wordId, joined, sc, sig, b)
      if (entry !== 1) {
        keys[written] = entry - 2
        if (withOffsets) {
          termStarts![written] = st
          termEnds![written] = e
        }
        positions![written] = out
        written++
      }
      out++
      continue
    }
    // A word nothing joined onto, not moved: its columns are already right.
    if (i === first && out === first) {
      out++
      continue
    }
    if (wordId < 0) surface[out] = joined
    start[out] = st
    end[out] = e
    script[out] = sc
    boundary[out] = b
    signal[out] = sig
    id[out] = wordId
    out++
  }
  if (terms !== null) terms.count = written
  else words.count = out
}

// Affix flags of a word: which detached-affix rules it can take part in.
const AFFIX_KNOWN = 1
const AFFIX_PREFIX = 2
const AFFIX_SUFFIX = 4
const AFFIX_COMPARATIVE = 8
const AFFIX_AFTER_HEH = 16
const AFFIX_ANY_SUFFIX = AFFIX_SUFFIX | AFFIX_COMPARATIVE | AFFIX_AFTER_HEH
/** At least two code units (a comparative joins only onto such a word). */
const AFFIX_LONG = 32
const AFFIX_ENDS_WITH_HEH = 64
/** A Persian stop word. */
const AFFIX_STOP = 128
/** A Persian stop word that begins a compound of dictionaries/fa-stop-compounds.txt (پیش of پیش بینی). */
const AFFIX_COMPOUND_HEAD = 256
/** A word that ends a compound of dictionaries/fa-stop-compounds.txt (بینی of پیش بینی). */
const AFFIX_COMPOUND_TAIL = 512
/** What a stop word must not be to start a ZWNJ compound, and the word after it must not be at all. */
const COMPOUND_MASK = AFFIX_STOP | AFFIX_ANY_SUFFIX | AFFIX_PREFIX

// What analysis caches per interned word, in the word's cache fields (see wordCache in tokenize.ts).
/** Affix flags (0 = not computed yet). */
const CACHE_AFFIX_FLAGS = 0
// Term-key entries (0 = not computed, 1 = stop word, else key + 2) with the options of keyCacheMode, where
// the term of a word depends only on its surface, its affix boundary and its language: for
// non-Arabic-script words, for Persian and Arabic words without a boundary, and for words with one (packed
// with the boundary).
const CACHE_PLAIN_KEY = 1
const CACHE_FA_KEY = 2
const CACHE_AR_KEY = 3
const CACHE_FA_BOUNDARY_KEY = 4
const CACHE_AR_BOUNDARY_KEY = 5
/** Bits of a packed boundary entry that hold the key entry; the boundary (< 128) is above them. */
const BOUNDARY_ENTRY_BITS = 21
const BOUNDARY_ENTRY_MASK = (1 << BOUNDARY_ENTRY_BITS) - 1

const persianBySignalScratch = new Int8Array(16)

/** The affix flags of an interned word (computed on first use). */
function affixFlagsOf(wordId: number): number {
  let flags = wordCache(wordId, CACHE_AFFIX_FLAGS)
  if (flags === 0) {
    flags = affixFlagsOfSurface(internedString(wordId))
    setWordCache(wordId, CACHE_AFFIX_FLAGS, flags)
  }
  return flags
}

function affixFlagsOfSurface(s: string): number {
  let flags = AFFIX_KNOWN
  if (mayBeDetachedPrefix(s)) flags |= AFFIX_PREFIX
  if (mayBeDetachedSuffix(s)) {
    if (DETACHED_SUFFIXES.has(s)) flags |= AFFIX_SUFFIX
    if (DETACHED_COMPARATIVES.has(s)) flags |= AFFIX_COMPARATIVE
    if (DETACHED_AFTER_HEH.has(s)) flags |= AFFIX_AFTER_HEH
  }
  if (s.length >= 2) flags |= AFFIX_LONG
  if (s.charCodeAt(s.length - 1) === 0x0647) flags |= AFFIX_ENDS_WITH_HEH
  const lexicon = getLexicon()
  if (lexicon.faStopWords.has(s)) flags |= AFFIX_STOP
  if (lexicon.faStopCompounds.has(s)) flags |= AFFIX_COMPOUND_HEAD
  if (lexicon.faStopCompoundTails.has(s)) flags |= AFFIX_COMPOUND_TAIL
  return flags
}

/**
 * The word being typed after the first word of a compound that documents may write as one word, when it is
 * the beginning of one of that word's partners: a Persian stop word of dictionaries/fa-stop-compounds.txt
 * (`پیش بی` of پیش بینی, which documents index as one word) and, when `arabic`, a head of
 * dictionaries/ar-name-heads.txt before an ال-word or a pair of dictionaries/ar-compounds.txt (`عبد الع` of
 * عبدالعزيز, `فيس ب` of فيسبوك). Gives the offset in `text` where the first word starts and the two joined,
 * normalised, to complete as an index term's beginning; null otherwise. `fragmentStart`/`fragmentEnd`: where
 * the word being typed is in `text`.
 */
export function compoundCompletion(
  text: string,
  fragmentStart: number,
  fragmentEnd: number,
  persian: boolean,
  arabic: boolean,
): { start: number; prefix: string } | null {
  let end = fragmentStart
  while (end > 0 && /\s/u.test(text[end - 1]!)) end--
  if (end === fragmentStart) return null
  let start = end
  while (start > 0 && !/\s/u.test(text[start - 1]!)) start--
  const first = normalize(text.slice(start, end))
  const fragment = normalize(text.slice(fragmentStart, fragmentEnd))
  if (first === '' || fragment === '') return null
  const lexicon = getLexicon()
  const begins = (tails: Iterable<string> | undefined) =>
    tails !== undefined && [...tails].some((tail) => tail.startsWith(fragment))
  let joins = persian && begins(lexicon.faStopCompounds.get(first))
  if (!joins && arabic) {
    for (const head of withoutConjunction(first)) {
      joins ||=
        (lexicon.arNameHeads.has(head) && fragment.startsWith('ال')) || begins(lexicon.arCompounds.get(head))
    }
  }
  return joins ? { start, prefix: first + fragment } : null
}

/**
 * True when interned word `head` (a stop word) and the next word `next` form a compound of
 * dictionaries/fa-stop-compounds.txt (پیش + بینی), which joins across a space as across a ZWNJ.
 */
function formsStopCompound(head: number, next: number): boolean {
  // The next word ends some compound and is never a stop word or an affix: most words are not, and this
  // reads flags the loop has just read instead of two lookups by string.
  if ((affixFlagsOf(next) & (COMPOUND_MASK | AFFIX_COMPOUND_TAIL)) !== AFFIX_COMPOUND_TAIL) return false
  return getLexicon().faStopCompounds.get(internedString(head))?.has(internedString(next)) === true
}

/** Cheap test before the set lookup: می / نمی. */
function mayBeDetachedPrefix(s: string): boolean {
  return s.length <= 3 && DETACHED_PREFIXES.has(s)
}

/** Cheap test before the set lookups: every detached suffix starts with ه, ت, ی or ا and is short. */
function mayBeDetachedSuffix(s: string): boolean {
  if (s.length > 6) return false
  const c = s.charCodeAt(0)
  return c === 0x0647 || c === 0x062a || c === 0x06cc || c === 0x0627
}

/** Language of one word: its own letters decide when they can, else the text's language. */
function wordLanguage(signal: number, textLanguage: ResolvedLanguage): ResolvedLanguage {
  return (signal & SIGNAL_FA_LETTER) !== 0 ? 'fa' : textLanguage
}

const STEM_CACHE_LIMIT = 200_000
const faStemCache = new Map<string, string>()
const arStemCache = new Map<string, string>()

/**
 * Stems a folded Arabic-script word in the given language (cached; the cache is bounded). `alefs`: the word's
 * hamza-alef bits (RawWord.hamzaAlefs), which the Arabic stemmer reads.
 */
export function stemWord(surface: string, boundary: number, language: ResolvedLanguage, alefs = 0): string {
  // Arabic stems ignore the boundary, so they are cached by surface alone; Persian ones only without one.
  if (language === 'fa' && boundary >= 0) return stemUncached(surface, boundary, language, alefs)
  const cache = language === 'ar' ? arStemCache : faStemCache
  // The hamza-alef bits matter to the Arabic stemmer only (see RawWord.hamzaAlefs).
  const key = alefs === 0 || language === 'fa' ? surface : `${surface}\u0000${alefs}`
  let stem = cache.get(key)
  if (stem === undefined) {
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear()
    stem = stemUncached(surface, boundary, language, alefs)
    cache.set(key, stem)
  }
  return stem
}

/** {@link stemWord} without its cache (for callers that cache terms themselves, like analyzeInto). */
function stemUncached(surface: string, boundary: number, language: ResolvedLanguage, alefs = 0): string {
  if (language === 'ar') return stemArabic(surface, alefs)
  const spelled = canonicalPersianSpelling(surface)
  return stemPersian(spelled, spelledBoundary(surface, spelled, boundary))
}

/** The term of an unstemmed word: Persian words still get their standard spelling (persian-spelling.ts). */
function unstemmedTerm(surface: string, language: ResolvedLanguage): string {
  return language === 'fa' ? canonicalPersianSpelling(surface) : surface
}

/**
 * True when `term` (folded) is a stop word of `language`. `spelling`: the word's madda bits (see
 * RawWord.maddaAlefs). An Arabic word with madda bits is one only as the list writes it with آ (الآن; not
 * آلي, آلية, which fold like إلي, إليه); one with FINAL_YEH is none of the words the list writes with a final
 * ى only (علي, the name, is not على). Without `spelling`, the word counts as written like the list's.
 */
export function isStopWord(term: string, language: ResolvedLanguage, spelling = 0): boolean {
  const lex = getLexicon()
  if (language === 'fa') return lex.faStopWords.has(term)
  const maddas = spelling & 0xff
  const stop = maddas === 0 ? lex.arStopWords.has(term) : lex.arMaddaStopWords.has(withMaddas(term, maddas))
  // A word written with a final ي is none of the stop words written with ى only: علي is Ali, not على.
  return stop && ((spelling & FINAL_YEH) === 0 || !lex.arMaqsuraStopWords.has(term))
}

/** `term` with آ again at the places of the bits of `maddas`. */
function withMaddas(term: string, maddas: number): string {
  let out = ''
  for (let i = 0; i < term.length; i++) out += (maddas >>> i) & 1 ? 'آ' : term[i]
  return out
}

/** The term a word indexes as, or null for a stop word. */
function wordTerm(
  surface: string,
  script: number,
  boundary: number,
  language: ResolvedLanguage,
  stem: boolean,
  stopWords: boolean,
  alefs = 0,
  maddas = 0,
): string | null {
  if (script !== WORD_ARABIC) return surface
  if (stopWords && isStopWord(surface, language, maddas)) return null
  if (!stem) return unstemmedTerm(surface, language)
  // Stop words are matched on the word as written, not on its stem (as Lucene does): سراسری stays a
  // content word although سراسر is on the list.
  return stemWord(surface, boundary, language, alefs)
}

/** Resolves `'auto'` for a document: its letters decide, Persian when they cannot. */
export function resolveLanguage(text: string, language: Language | undefined): ResolvedLanguage {
  if (language === 'fa' || language === 'ar') return language
  return detectLanguage(text) ?? 'fa'
}

/**
 * Index terms of one text as term keys (dense integers naming term strings, see {@link termOfKey}) with
 * their offsets and word positions, in parallel arrays reused between calls; `count` entries are valid.
 * Filled by {@link analyzeInto}.
 */
export class TermBuffer {
  count = 0
  key = new Int32Array(256)
  start = new Int32Array(256)
  end = new Int32Array(256)
  position = new Int32Array(256)

  /** Gives back the room of a long text (the arrays grow to the longest text seen). */
  shrink(): void {
    if (this.key.length > 256) {
      this.key = new Int32Array(256)
      this.start = new Int32Array(256)
      this.end = new Int32Array(256)
      this.position = new Int32Array(256)
    }
    this.count = 0
  }

  /** Makes room for at least `n` terms. */
  reserve(n: number): void {
    if (n <= this.key.length) return
    let size = this.key.length
    while (size < n) size *= 2
    const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size)
      b.set(a)
      return b
    }
    this.key = grow(this.key)
    this.start = grow(this.start)
    this.end = grow(this.end)
    this.position = grow(this.position)
  }
}

// ---- term keys: every term string analysis has produced gets a dense integer key ----
// An open-addressing table of (hash, key + 1) pairs over the terms' hashes (a Map of strings costs several
// times more per lookup, and a cold build looks up every new word's term): the hash beside the key, so
// that a probe past another term reads no other array.
const TERM_KEY_LIMIT = 1 << 20
const INITIAL_KEY_SLOTS = 1 << 10
const termByKey: string[] = []
/** (hash, key + 1) pairs; key + 1 = 0 is an empty slot. At most half the slots are used. */
let keySlots = new Int32Array(2 * INITIAL_KEY_SLOTS)
let termKeyEpoch = 0

/** Drops every term key (a new epoch). */
function resetTermKeys(): void {
  termByKey.length = 0 // the same array: a fresh [] would change its elements kind and deoptimise readers
  keySlots = new Int32Array(2 * INITIAL_KEY_SLOTS)
  termKeyEpoch++
}

/**
 * Epoch of the term keys: keys are dropped (bounded table) only at the start of {@link analyzeInto}, and
 * then the epoch changes, so a caller that maps keys to its own ids must drop its map too.
 */
export function currentTermKeyEpoch(): number {
  return termKeyEpoch
}

/** The term string of a term key handed out in the current epoch. */
export function termOfKey(key: number): string {
  return termByKey[key]!
}

/** The key of a term string (a new key the first time). */
function termKeyOf(term: string): number {
  let hash = -2128831035 // FNV-1a, then mixed so that the low bits (the slot) spread
  for (let k = 0; k < term.length; k++) hash = Math.imul(hash ^ term.charCodeAt(k), 16777619)
  hash ^= hash >>> 15
  const slots = keySlots
  const mask = (slots.length >> 1) - 1
  let slot = hash & mask
  for (;;) {
    const key1 = slots[2 * slot + 1]!
    if (key1 === 0) break
    if (slots[2 * slot] === hash && termByKey[key1 - 1] === term) return key1 - 1
    slot = (slot + 1) & mask
  }
  const key = termByKey.length
  termByKey.push(term)
  slots[2 * slot] = hash
  slots[2 * slot + 1] = key + 1
  if ((key + 1) * 4 > slots.length) growKeySlots()
  return key
}

function growKeySlots(): void {
  const old = keySlots
  const slots = new Int32Array(old.length * 2)
  const mask = (slots.length >> 1) - 1
  for (let s = 1; s < old.length; s += 2) {
    const key1 = old[s]!
    if (key1 === 0) continue
    const hash = old[s - 1]!
    let slot = hash & mask
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask
    slots[2 * slot] = hash
    slots[2 * slot + 1] = key1
  }
  keySlots = slots
}

/** Term-key epoch that the key entries in the words' cache fields belong to. */
let keyCacheTermEpoch = -1
/** The options the key entries in the words' cache fields were computed with: {@link optionsMode}. */
let keyCacheMode = optionsMode(true, true)
/** Words analysed with other options than {@link keyCacheMode} since the key entries were last cleared. */
let otherModeWords = 0

/** The analysis options that decide a word's term, as one number (bit 1: stemming, bit 0: stop words). */
function optionsMode(stem: boolean, stopWords: boolean): number {
  return (stem ? 2 : 0) | (stopWords ? 1 : 0)
}

/**
 * Words the analysis caches may hold after a small batch of additions and still be kept for the next batch
 * (see {@link releaseAnalysisCachesAfterBatch}): up to about 6 MB (hamshahri-subset's first 32,736 words:
 * 1.6 MB of heap and 4.0 MB of typed arrays; with a bound of 16,384 words, half of that, the bench's
 * hamshahri-subset feed ran about 4 % slower). The tokenizer's blockwise lookup of missed words starts at
 * the same size (tokenize.ts `deferMissedFrom`).
 */
const KEEP_CACHED_WORDS = 1 << 15

/**
 * Called once a batch of documents is indexed. After a large batch (`small` false: a build or a bulk
 * import, which an index is mostly searched after) and whenever the caches hold more than
 * {@link KEEP_CACHED_WORDS} words: {@link releaseAnalysisCaches}. After a small batch into a larger index
 * (a feed adding a few documents at a time) only the per-text buffers are shrunk, and the caches stay warm
 * for the next batch, which would otherwise intern and stem each of its words afresh.
 */
export function releaseAnalysisCachesAfterBatch(small: boolean): void {
  if (!small || internedCount() > KEEP_CACHED_WORDS) {
    releaseAnalysisCaches()
    return
  }
  shrinkWordBuffers()
  sharedTerms.shrink()
}

/** Open {@link holdAnalysisCaches} holds: while there is one, {@link releaseAnalysisCaches} keeps the caches. */
let analysisCacheHolds = 0

/**
 * Drops what analysis keeps between calls to go fast (interned words, term keys, stems and the caches
 * keyed by them) and shrinks those tables to their initial size. Called once a batch of documents is
 * indexed: the caches grow with the batch's vocabulary, and an index that is then only searched should
 * not keep them alive. The next analysis starts cold and fills them again. Does nothing while a
 * {@link holdAnalysisCaches} hold is open.
 */
export function releaseAnalysisCaches(): void {
  if (analysisCacheHolds > 0) return
  releaseInternTable()
  if (termByKey.length > 0) resetTermKeys()
  faStemCache.clear()
  arStemCache.clear()
  sharedTerms.shrink()
}

/**
 * Keeps the analysis caches through the {@link releaseAnalysisCaches} calls that end each batch, until the
 * returned function is called (once; later calls do nothing): then, when no other hold is open, they are
 * released. For a thread that builds several batches in a row (the segments of a parallel build), which
 * would otherwise fill the caches again for each one. The caches stay bounded while held (the intern
 * table and the term keys reset themselves at their limits).
 */
export function holdAnalysisCaches(): () => void {
  analysisCacheHolds++
  let open = true
  return () => {
    if (!open) return
    open = false
    analysisCacheHolds--
    releaseAnalysisCaches()
  }
}

/**
 * The term of an Arabic-script word, as {@link wordTerm} gives it, without the stem caches: analyzeInto
 * caches the result by intern id.
 */
function arabicScriptTerm(
  surface: string,
  boundary: number,
  language: ResolvedLanguage,
  stem: boolean,
  stopWords: boolean,
  alefs: number,
  maddas: number,
): string | null {
  if (stopWords && isStopWord(surface, language, maddas)) return null
  return stem ? stemUncached(surface, boundary, language, alefs) : unstemmedTerm(surface, language)
}

/** Cache entry (see above) of a word's term. */
function cachedKeyOf(term: string | null): number {
  return term === null ? 1 : termKeyOf(term) + 2
}

const sharedTerms = new TermBuffer()

/**
 * Writes the index terms of `text` into `out` as term keys, with offsets and positions exactly as
 * {@link analyze} gives them: the form the index uses (no strings for words seen before). Returns the
 * language the text was analysed as. With `withOffsets` false the offsets are not written (`out.start`
 * and `out.end` hold stale values): the index reads only keys and positions.
 */
export function analyzeInto(
  text: string,
  options: AnalyzeOptions | undefined,
  out: TermBuffer,
  withOffsets = true,
): ResolvedLanguage {
  const language = options?.language ?? 'auto'
  const stem = options?.stem ?? true
  const stopWords = options?.stopWords ?? true
  if (termByKey.length >= TERM_KEY_LIMIT) resetTermKeys()
  const words = tokenizeInto(text)
  // The tokenizer counted the letters detectLanguage weighs: resolveLanguage without a second pass.
  const textLanguage =
    language === 'fa' || language === 'ar'
      ? language
      : (languageOfSignals(words.persianSignals, words.arabicSignals) ?? 'fa')
  const auto = language === 'auto'
  const persian = auto
    ? (signal: number) => wordLanguage(signal, textLanguage) === 'fa'
    : (_signal: number) => textLanguage === 'fa'
  // At most as many terms as words before joining.
  const count = words.count
  out.count = 0
  out.reserve(count)
  // The key of a word seen before costs a read of its record (just read by the join for the word's affix
  // flags, so no cache miss), with the options the cached keys were computed for. Other options take the uncached path until
  // as many words as the table holds were analysed with options other than the cache's: then the cache
  // switches to the new ones (clearing it costs a pass over the table, so options that alternate cost at
  // most about twice the uncached path, and one index's options win the cache at once on a fresh table).
  const mode = optionsMode(stem, stopWords)
  if (mode !== keyCacheMode) {
    otherModeWords += count
    if (otherModeWords >= internedCount()) {
      keyCacheMode = mode
      keyCacheTermEpoch = -1
    }
  }
  const cached = mode === keyCacheMode
  if (cached && keyCacheTermEpoch !== termKeyEpoch) {
    otherModeWords = 0
    // The cached keys belong to term keys that were dropped (a fresh intern table has none anyway).
    clearWordCaches()
    keyCacheTermEpoch = termKeyEpoch
  }
  const context = termContext
  context.cached = cached
  context.withOffsets = withOffsets
  context.auto = auto
  context.textIsPersian = textLanguage === 'fa'
  context.textLanguage = textLanguage
  context.stem = stem
  context.stopWords = stopWords
  joinDetachedAffixes(text, words, persian, out)
  return textLanguage
}

/** What {@link joinDetachedAffixes} needs to emit a text's terms: set by analyzeInto for each text. */
const termContext = {
  cached: false,
  withOffsets: false,
  auto: false,
  textIsPersian: false,
  textLanguage: 'fa' as ResolvedLanguage,
  stem: true,
  stopWords: true,
}

/**
 * The cache entry (1 = stop word, else key + 2) of the term of a word (as joined) when its record did not
 * give it: computed, and kept in the record when the key cache holds these options ({@link termContext}).
 * `joined` is the surface when `wordId` is −1.
 */
function termEntryOf(wordId: number, joined: string, sc: number, sig: number, b: number): number {
  const { cached, auto, textIsPersian, textLanguage, stem, stopWords } = termContext
  if (!cached || wordId < 0) {
    const lang = sc === WORD_ARABIC && auto ? wordLanguage(sig, textLanguage) : textLanguage
    const term = wordTerm(
      wordId >= 0 ? internedString(wordId) : joined,
      sc,
      b,
      lang,
      stem,
      stopWords,
      wordId >= 0 ? internedHamzaAlefs(wordId) : 0,
      wordId >= 0 ? internedMaddaAlefs(wordId) : 0,
    )
    return term === null ? 1 : termKeyOf(term) + 2
  }
  if (sc !== WORD_ARABIC) {
    const entry = cachedKeyOf(internedString(wordId))
    setWordCache(wordId, CACHE_PLAIN_KEY, entry)
    return entry
  }
  const isPersian = auto && (sig & SIGNAL_FA_LETTER) !== 0 ? true : textIsPersian
  const entry = cachedKeyOf(
    arabicScriptTerm(
      internedString(wordId),
      b,
      isPersian ? 'fa' : 'ar',
      stem,
      stopWords,
      internedHamzaAlefs(wordId),
      internedMaddaAlefs(wordId),
    ),
  )
  if (b < 0) setWordCache(wordId, isPersian ? CACHE_FA_KEY : CACHE_AR_KEY, entry)
  else if (entry <= BOUNDARY_ENTRY_MASK)
    setWordCache(
      wordId,
      isPersian ? CACHE_FA_BOUNDARY_KEY : CACHE_AR_BOUNDARY_KEY,
      entry | (b << BOUNDARY_ENTRY_BITS),
    )
  return entry
}

/**
 * Calls `emit(term, start, end, position)` for every index term of `text`: the streaming form of
 * {@link analyze} (no token objects).
 */
export function analyzeEach(
  text: string,
  options: AnalyzeOptions | undefined,
  emit: (term: string, start: number, end: number, position: number) => void,
): ResolvedLanguage {
  const terms = sharedTerms
  const language = analyzeInto(text, options, terms)
  const { key, start, end, position } = terms
  for (let i = 0; i < terms.count; i++) emit(termByKey[key[i]!]!, start[i]!, end[i]!, position[i]!)
  return language
}

/**
 * Turns text into index terms: fold, tokenize, join detached Persian affixes, drop stop words, stem.
 * `start`/`end` of each token are offsets into `text` itself; `position` counts words (stop words too).
 * With no options this is exactly what `SearchIndex` does to documents (`language: 'auto'`, stemming and
 * stop words on).
 *
 * @example
 * ```ts
 * analyze('کتاب‌های ما') // → [{ term: 'کتاب', start: 0, end: 8, position: 0 }]
 * analyze('والكتابُ', { language: 'ar' }) // → [{ term: 'کتاب', start: 0, end: 8, position: 0 }]
 * ```
 */
export function analyze(text: string, options?: AnalyzeOptions): Token[] {
  const tokens: Token[] = []
  if (typeof text !== 'string') return tokens
  analyzeEach(text, options, (term, start, end, position) => {
    tokens.push({ term, start, end, position })
  })
  return tokens
}

/**
 * One word of a query (or, when `optional`, an extra compound form spanning two words). The clause matches
 * a document when ANY of its alternatives does; an alternative of several terms is a phrase (the terms at
 * consecutive positions).
 */
export interface QueryClause {
  /** Ways to match this word: `['term']` is a plain term, `['a', 'b']` the phrase "a b". */
  alternatives: string[][]
  /** Word position in the query. */
  position: number
  /** Offset of the word in the query text. */
  start: number
  /** Offset just past the word in the query text. */
  end: number
  /** True for extra compound forms: they add score but are never required. */
  optional: boolean
  /**
   * When set, the alternatives from this index on are other forms of the first one (a Persian word with a
   * joined pronoun: کشور → کشورم, کشورش; then, from {@link numberFormsFrom}, its other number): a search
   * scores them with the first one's idf and counts them for less.
   */
  formsFrom?: number
  /**
   * When set, the alternatives from this index on (all after {@link formsFrom}) are the word's other
   * number: the broken plurals of a singular or the singular of a broken plural (دلیل ↔ دلایل, ادله;
   * مدرسة ↔ مدارس), from `dictionaries/*-broken-plurals.txt`.
   */
  numberFormsFrom?: number
}

/** Options of {@link analyzeQuery}. */
export interface AnalyzeQueryOptions extends AnalyzeOptions {
  /** Languages of the indexed documents: used when the query's own letters cannot tell. */
  indexLanguages?: readonly ResolvedLanguage[]
  /** Whether a term is in the index: compound splits are proposed only when both halves are. */
  hasTerm?: (term: string) => boolean
  /**
   * How many indexed documents hold a term (0: none). When given, a compound split (two index terms read as
   * a phrase, `کتابخانه` → `کتاب خانه`) is proposed only when neither half is rarer than the word itself
   * (the most frequent of its one-term readings): the halves of a real compound are words of their own, at
   * least as common as the compound, while a word split into a rare fragment (`کتاب` → `کت اب`, `سالانه` →
   * `سا لانه`) is the same word misread. Without it, every split whose halves are both terms is proposed.
   * Likewise an Arabic word without a leading proclitic ل، ب، ف، ک is read only when that stem is in more
   * documents than the word's own (`لجبران` → `جبران`; `کتاب` is not read `تاب`).
   */
  documentFrequency?: (term: string) => number
}

const MAX_SPLITS = 2

/** The word buffer {@link analyzeQuery} reuses (six typed arrays less to allocate per query). */
const queryWords = new WordBuffer()
/** True while {@link queryWords} is in use: a call from a `hasTerm` callback gets a buffer of its own. */
let queryWordsInUse = false

/**
 * Analyzes a query the way documents are analyzed, and adds what a document might have written differently:
 * the stems of both languages when the query's letters cannot tell Persian from Arabic (and the index holds
 * both), the joined form of two adjacent Persian words (`آتش بس` → `آتشبس`), and the two halves of a
 * Persian word as a phrase (`آتشبس` → "آتش بس") when both halves are index terms (and, given
 * `documentFrequency`, neither is in fewer documents than the word itself).
 *
 * @example
 * ```ts
 * analyzeQuery('آتش بس', { language: 'fa' }).map((c) => c.alternatives)
 * // → [[['اتش']], [['بس']], [['اتشبس']]]  (the last clause is optional)
 * ```
 */
export function analyzeQuery(text: string, options: AnalyzeQueryOptions = {}): QueryClause[] {
  if (typeof text !== 'string') return []
  if (queryWordsInUse) return analyzeQueryWith(text, options, new WordBuffer())
  queryWordsInUse = true
  try {
    queryWords.shrink() // as big as the last query only
    return analyzeQueryWith(text, options, queryWords)
  } finally {
    queryWordsInUse = false
  }
}

function analyzeQueryWith(text: string, options: AnalyzeQueryOptions, words: WordBuffer): QueryClause[] {
  const language = options.language ?? 'auto'
  const stem = options.stem ?? true
  const stopWords = options.stopWords ?? true
  const hasTerm = options.hasTerm
  // A query is short and typed on any keyboard: only letters that no fold changes and only Persian uses
  // (پ چ ژ گ) make it Persian. Otherwise every language of the index is tried (each word gets the stems of
  // all of them, scored by the best): an Arabic reader may type ه for ة, a Persian one ال-words, and
  // Farsi ی/ک come from Persian keyboards whatever the language. A language the index lacks is never used.
  const indexed = options.indexLanguages && options.indexLanguages.length > 0 ? options.indexLanguages : null
  const allowed = (langs: readonly ResolvedLanguage[]): readonly ResolvedLanguage[] => {
    if (!indexed) return langs
    const both = langs.filter((l) => indexed.includes(l))
    return both.length > 0 ? both : indexed
  }
  const candidates: readonly ResolvedLanguage[] =
    language === 'fa' || language === 'ar'
      ? [language]
      : allowed(hasPersianLetter(text) ? ['fa'] : ['fa', 'ar'])
  const detected = candidates.length > 1 ? detectLanguage(text) : null
  let stopIn = detected === null ? -1 : candidates.indexOf(detected)
  const buffer = tokenizeInto(text, words)
  // (A query of one word is searched in every reading: it is all the reader typed, and a stop word of one
  // language may be a word of the other's texts.)
  if (buffer.count < 2) stopIn = -1
  const persian = candidates.includes('fa')
  joinDetachedAffixes(text, buffer, () => persian, null)

  const clauses: QueryClause[] = []
  const kept: Array<{ word: RawWord; position: number; persian: boolean; stop: boolean }> = []
  for (let position = 0; position < buffer.count; position++) {
    const word = buffer.word(position)
    const alternatives: string[][] = []
    // The word's own term in each candidate language (null: a stop word there), for its other number below.
    const ownTerms: (string | null)[] = []
    for (const lang of candidates) {
      const term = wordTerm(
        word.surface,
        word.script,
        word.boundary,
        lang,
        stem,
        stopWords,
        word.hamzaAlefs,
        word.maddaAlefs,
      )
      ownTerms.push(term)
      if (term !== null && !alternatives.some((a) => a[0] === term)) alternatives.push([term])
    }
    const persianWord = persian && word.script === WORD_ARABIC
    // A stop word of the language the query's words say it is (detectLanguage) is one in every reading: في,
    // على, مع of an Arabic query are no Persian content words (they matched Persian texts through فی, علی).
    if (alternatives.length === 0 || (stopIn >= 0 && ownTerms[stopIn] === null)) {
      kept.push({ word, position, persian: persianWord, stop: true })
      continue
    }
    // Other written forms of the word (see QueryClause.formsFrom), added after every other alternative.
    const forms: string[] = []
    if (persianWord && stem && hasTerm && word.surface.length >= 4) {
      for (const alternative of persianReadings(word.surface, word.boundary, hasTerm)) {
        if (!alternatives.some((a) => a.length === 1 && a[0] === alternative))
          alternatives.push([alternative])
      }
      for (const split of compoundSplits(word.surface, hasTerm, options.documentFrequency, alternatives))
        alternatives.push(split)
      for (const half of articleHalves(word.surface, candidates, hasTerm)) {
        if (!alternatives.some((a) => a.length === 1 && a[0] === half)) alternatives.push([half])
      }
      forms.push(
        ...possessiveStems(alternatives[0]![0]!, hasTerm),
        ...participlePluralForms(word.surface, hasTerm),
      )
    }
    if (stem && hasTerm && candidates.includes('ar') && word.script === WORD_ARABIC) {
      for (const reading of arabicReadings(
        word.surface,
        word.hamzaAlefs,
        hasTerm,
        options.documentFrequency,
      )) {
        if (!alternatives.some((a) => a.length === 1 && a[0] === reading)) alternatives.push([reading])
      }
      const split = arabicCompoundSplit(word.surface, word.hamzaAlefs, hasTerm)
      if (split !== null) alternatives.push(split)
      forms.push(
        ...articleReadings(word.surface, word.hamzaAlefs, hasTerm),
        ...hamzaSeatReadings(word.surface, hasTerm),
      )
    }
    const clause: QueryClause = { alternatives, position, start: word.start, end: word.end, optional: false }
    const isNew = (form: string) => !alternatives.some((a) => a.length === 1 && a[0] === form)
    for (const form of forms) {
      if (!isNew(form)) continue
      clause.formsFrom ??= alternatives.length
      alternatives.push([form])
    }
    if (stem && hasTerm && word.script === WORD_ARABIC) {
      for (let l = 0; l < candidates.length; l++) {
        const own = ownTerms[l]
        if (own === null || own === undefined) continue
        for (const other of numberCounterparts(own, candidates[l]!)) {
          if (!hasTerm(other) || !isNew(other)) continue
          clause.formsFrom ??= alternatives.length
          clause.numberFormsFrom ??= alternatives.length
          alternatives.push([other])
        }
      }
    }
    clauses.push(clause)
    kept.push({ word, position, persian: persianWord, stop: false })
  }

  // Joined forms of adjacent Persian words (آتش بس → آتشبس), as optional clauses. A stop word may be one of
  // the two (بین المللی → بینالملل) when the index confirms the joined term. Arabic joins only the words of a
  // known compound (عبد العزیز → عبدالعزیز, فیس بوک → فیسبوک; see formsArabicCompound), when the index has
  // the joined term.
  if (stem) {
    const arabicCompounds = hasTerm !== undefined && candidates.includes('ar')
    for (let i = 0; i + 1 < kept.length; i++) {
      const a = kept[i]!
      const b = kept[i + 1]!
      if (a.word.script !== WORD_ARABIC || b.word.script !== WORD_ARABIC) continue
      let joined: string | null = null
      // A one-letter word (the conjunction و) never forms a compound: مرگ و میر is not مرگو + میر.
      if (
        a.persian &&
        b.persian &&
        !(a.stop && b.stop) &&
        a.word.surface.length >= 2 &&
        b.word.surface.length >= 2 &&
        isSoftGap(text, a.word.end, b.word.start)
      ) {
        const persianJoined = stemWord(a.word.surface + b.word.surface, -1, 'fa')
        if (hasTerm ? hasTerm(persianJoined) : !a.stop && !b.stop) joined = persianJoined
      }
      const first = a.word.surface
      if (
        joined === null &&
        arabicCompounds &&
        withoutConjunction(first).some((head) =>
          formsArabicCompound(head, b.word.surface, b.word.hamzaAlefs),
        ) &&
        isSoftGap(text, a.word.end, b.word.start)
      ) {
        const arabicJoined = stemWord(a.word.surface + b.word.surface, -1, 'ar', a.word.hamzaAlefs)
        if (hasTerm!(arabicJoined)) joined = arabicJoined
      }
      if (joined === null) continue
      clauses.push({
        alternatives: [[joined]],
        position: a.position,
        start: a.word.start,
        end: b.word.end,
        optional: true,
      })
    }
  }
  return clauses
}

/**
 * Other stems a Persian query word may have in documents, where the word may be written differently: with
 * a ZWNJ in the query, the stem of the joined spelling (news text drops ZWNJ: قطعنامه‌ای is written
 * قطعنامهای, which reads as the plural های); joined and ending in های, the reading ه + ای
 * (قطعنامهای → قطعنامه); ending in a joined pronoun شان/تان/مان/ش, the word without it (خونش → خون,
 * کشورمان → کشور; chosen on the 'tune' half: parsinlu-rc MRR@10 0.752 → 0.753, persianqa 0.9882 → 0.9886,
 * hamshahri-subset unchanged; with م and ت too, دولت → دول and مردم → مرد lowered hamshahri-subset). Only
 * stems the index has are proposed.
 */
function persianReadings(surface: string, boundary: number, hasTerm: (term: string) => boolean): string[] {
  const readings: string[] = []
  if (boundary >= 0) readings.push(stemWord(surface, -1, 'fa'))
  else if (surface.length >= 5 && surface.endsWith('های'))
    readings.push(stemWord(surface.slice(0, -2), -1, 'fa'))
  const pronoun = QUERY_PRONOUN_SUFFIXES.find((p) => surface.length - p.length >= 3 && surface.endsWith(p))
  if (pronoun !== undefined) readings.push(stemWord(surface.slice(0, -pronoun.length), -1, 'fa'))
  return readings.filter((r) => hasTerm(r))
}

/**
 * The stems that documents give a Persian word with a joined plural pronoun (کشورمان, کشورشان): the stemmer
 * reads the ان of مان/شان/تان as a plural (as in معلمان, دوستان, which it must keep), so they are indexed
 * as کشورم, کشورش, کشورت, and a query for کشور would miss them. For a stem `stem` of four letters or more
 * that ends in a consonant (after ا، و، ی the pronoun is written یمان), the stems of stem + مان/شان/تان
 * that have exactly that shape and are index terms. A shorter stem or a vowel would take in other words
 * (مرد → مردم, شهر → شهرت, انجا → انجام).
 */
function possessiveStems(stem: string, hasTerm: (term: string) => boolean): string[] {
  if (stem.length < 4 || POSSESSIVE_BLOCKING_ENDINGS.includes(stem[stem.length - 1]!)) return []
  const forms: string[] = []
  for (const pronoun of MARKED_PRONOUN_SUFFIXES) {
    const form = stem + pronoun[0]
    // The index first: most forms are in no document, and a lookup costs less than stemming.
    if (hasTerm(form) && stemWord(stem + pronoun, -1, 'fa') === form) forms.push(form)
  }
  return forms
}

/**
 * The other number of a Persian word that may be an Arabic participle in م with the Arabic plural ین
 * (مسئولین, متخصصین, معلمین; Persian also writes مسئولان): for a word in ین the stem of the word without it,
 * for another word the word + ین, each when the index has it. Query time only: the stemmer cannot tell such a
 * plural from a word in ین (مورفین "morphine", میانگین), so documents keep the ین.
 */
function participlePluralForms(surface: string, hasTerm: (term: string) => boolean): string[] {
  if (surface.charCodeAt(0) !== 0x0645 /* م */ || surface.length < 4) return []
  if (surface.endsWith('ین')) {
    if (surface.length < 6) return []
    const singular = stemWord(surface.slice(0, -2), -1, 'fa')
    return hasTerm(singular) ? [singular] : []
  }
  const plural = `${surface}ین`
  return hasTerm(plural) && stemWord(plural, -1, 'fa') === plural ? [plural] : []
}

/** Shortest stem that {@link numberCounterparts} relates: shorter stems are too often other words. */
const MIN_COUNTERPART_STEM = 3

const counterpartsByLanguage: { fa?: Map<string, string[]>; ar?: Map<string, string[]> } = {}

/**
 * The stems of the other forms of a noun with a broken plural (`dictionaries/*-broken-plurals.txt`): for
 * the stem of دلیل those of دلایل and ادله, for the stem of مدارس that of مدرسه. A group takes part only
 * with its stems that are distinct, at least {@link MIN_COUNTERPART_STEM} letters long and no stop words.
 */
function numberCounterparts(stem: string, language: ResolvedLanguage): readonly string[] {
  let map = counterpartsByLanguage[language]
  if (map === undefined) {
    map = new Map()
    const lex = getLexicon()
    for (const group of language === 'fa' ? lex.faBrokenPlurals : lex.arBrokenPlurals) {
      const stems: string[] = []
      for (const word of group) {
        const s = stemWord(word, -1, language)
        if (s.length >= MIN_COUNTERPART_STEM && !isStopWord(s, language) && !stems.includes(s)) stems.push(s)
      }
      for (const s of stems) {
        const others = stems.filter((other) => other !== s)
        if (others.length === 0) continue
        const known = map.get(s)
        if (known === undefined) map.set(s, others)
        else for (const other of others) if (!known.includes(other)) known.push(other)
      }
    }
    counterpartsByLanguage[language] = map
  }
  return map.get(stem) ?? NO_COUNTERPARTS
}

const NO_COUNTERPARTS: readonly string[] = []

/** Last letters of a stem after which {@link possessiveStems} proposes nothing (folded letters). */
const POSSESSIVE_BLOCKING_ENDINGS = 'اویهء'

/** Attached pronouns after which a teh marbuta is written ت (folded: ک for ك), longest first. */
const TEH_PRONOUNS: readonly string[] = ['هما', 'ها', 'هم', 'کم', 'نا', 'ه']

/** The Arabic stem of the name of God (see `stemArabic`). */
const NAME_OF_GOD = 'الله'

/** Proclitics that the Arabic stemmer keeps and a query word may lose (folded: ک for ك). */
const ARABIC_PROCLITICS = 'لبفک'

/**
 * Other stems an Arabic query word may have in documents, of those the index has: without a leading
 * proclitic ل، ب، ف or ک (لجبران → جبر, لکندا → کندا), and without the verb ending وا (کانوا, اضافوا → اضاف).
 * light10 removes the proclitics only together with the article (لل، بال …): alone they begin too many words
 * (بحر, لغه, فریق) to be cut in documents, but a query word's reading is checked against the index first,
 * and the word's own stem stays an alternative; given the documents' counts (`documentFrequency`), only a
 * stem in more documents than the word's own (لجبران → جبران, but کتاب does not try تاب, "he repented": in
 * the pooled Arabic setting a question on کتاب الحکم met a Quran verse so; tune pooled-ar ▸ xquad-ar MRR@10
 * +0.0011, the rest ±0.0001). Chosen on the 'tune' half of arcd and xquad-ar (MRR@10
 * proclitics 0.798 → 0.801 and 0.931 → 0.937, وا 0.801 and 0.937 → 0.938); cutting the proclitics in
 * documents as well lowered arcd, and adding the proclitic forms of a query word (مصر → بمصر) lowered both.
 * A word starting with the imperfect prefix ی or ت also tries the other one (یقع ↔ تقع, یسمی ↔ تسمی): the
 * verb agrees in gender with its subject, and a question often names the subject differently from the
 * passage (أين يقع البلد / تقع الدولة). arcd MRR@10 0.8035·0.8010·0.8061 → 0.8060·0.8046·0.8074 (all·tune·test),
 * xquad-ar 0.9306·0.9384·0.9228 → 0.9327·0.9390·0.9263; also dropping ی before ت (یتزوج → تزوج) or writing
 * ا for it (یستخدم → استخدم) moved arcd's tune half by ≤ 0.002 and xquad-ar not at all, so they are left
 * out, and so is ن ↔ ی/ت (lower on arcd).
 * Teh marbuta is written ت before an attached pronoun (عاصمة, عاصمتها): a word ending in ة (folded ه) also
 * tries its ت form (عاصمه → عاصمت, the stem of عاصمتها), and a word ending in ت + pronoun its ة form
 * (نتیجتها → نتیجه → نتیج). arcd 0.8060·0.8046·0.8074 → 0.8066·0.8054·0.8078, xquad-ar 0.9327·0.9390·0.9263
 * → 0.9350·0.9396·0.9303. (Cutting a final ت of a stem, the feminine past ending: وقعت → وقع, moved the
 * tune halves by −0.0001 and +0.0011, and is left out.)
 * The stemmer now reads ت + pronoun as ة itself (stemArabic's tehOfNounAt), so both readings mostly
 * give the word's own stem; they still join حیاته and حیاه (ت after an alef, where the stemmer cannot tell ة
 * from the plural ات) and a word in ة with a ت-stem of ar-teh-words.txt. Dropping them with that rule in place
 * moved the tune halves by arcd +0.0003, xquad-ar 0, pooled-ar ▸ arcd −0.0035, pooled-ar ▸ xquad-ar 0.
 */
function arabicReadings(
  surface: string,
  alefs: number,
  hasTerm: (term: string) => boolean,
  documentFrequency?: (term: string) => number,
): string[] {
  const readings: string[] = []
  // The name of God has no other reading: its ه is no teh marbuta (الله → اللت = the idol اللات) and the ل
  // of لله no proclitic before a word له ("to him").
  const own = stemWord(surface, -1, 'ar', alefs)
  if (own === NAME_OF_GOD) return readings
  // (The hamza-alef bits follow the letters they belong to: shifted when a letter goes from the front.)
  if (surface.length - 2 >= 3 && surface.endsWith('وا'))
    readings.push(stemWord(surface.slice(0, -2), -1, 'ar', alefs))
  if (
    surface.length >= 4 &&
    ARABIC_PROCLITICS.includes(surface[0]!) &&
    (!surface.startsWith('ال', 1) || (alefs & 2) !== 0)
  ) {
    const reading = stemWord(surface.slice(1), -1, 'ar', alefs >>> 1)
    // Only a reading in more documents than the word as written (کتاب is no ک + تاب).
    if (documentFrequency === undefined || documentFrequency(reading) > documentFrequency(own))
      readings.push(reading)
  }
  if (surface.length >= 4 && surface.endsWith('ه'))
    readings.push(stemWord(`${surface.slice(0, -1)}ت`, -1, 'ar', alefs))
  for (const pronoun of TEH_PRONOUNS) {
    const teh = surface.length - pronoun.length - 1
    if (teh >= 3 && surface.endsWith(pronoun) && surface.charCodeAt(teh) === 0x062a /* ت */) {
      readings.push(stemWord(`${surface.slice(0, teh)}ه`, -1, 'ar', alefs))
      break
    }
  }
  if (surface.length >= 3) {
    const first = surface.charCodeAt(0)
    if (first === 0x06cc /* ی */) readings.push(stemWord(`ت${surface.slice(1)}`, -1, 'ar', alefs))
    else if (first === 0x062a /* ت */) readings.push(stemWord(`ی${surface.slice(1)}`, -1, 'ar', alefs))
  }
  return readings.filter((r) => hasTerm(r))
}

/**
 * The stem of a query word's other form, with or without the article, when the stemmer cuts the word's own
 * letters in one form only: a word whose own letters begin with ال and no hamza or madda tells (ألعاب، آلاف
 * written العاب، الاف, as about a tenth of news text and many readers write them; التزام، التقاء are written
 * so; see `isArticleAt` for the written hamza) loses that ال alone (العاب → عاب) but not after the article
 * (الالعاب → العاب), as a word whose و is
 * its own loses it alone (وجود → جود, وعود → عود) but not after the article (الوجود → وجود), in kavosh as in
 * Lucene's ArabicAnalyzer: in an index of `language: 'ar'` neither form found the other. (dictionaries/
 * ar-waw-words.txt keeps the و of the words whose first letters are no "and + word"; وجود is left out for
 * وجودة, "and quality".) A word with the article, or the article and a proclitic (وال، بال، کال، فال، لل), also
 * tries the stem of the rest written alone (الوجود → جود; الالعاب، والالعاب → عاب); a word without one, and a
 * word whose ال may be its own (العاب), the stem of its article form (وجود → وجود, العاب → العاب). Only a stem
 * that differs from the word's own and that the index has, as one of the word's written forms
 * (QueryClause.formsFrom: weight 0.7, its own idf). The index is unchanged. Measured in two steps on the
 * judged sets: the ال-words alone moved xquad-ar test +0.0014 (at full weight arcd test −0.0009: the reading
 * of بالالبانية, بان, is also another word); then every word: arcd test −0.0002, pooled-ar ▸ arcd test
 * +0.0026. Every tune half and every other set unchanged. A word in أل / إل / آل, no article and indexed whole,
 * also tries the reading of a text that writes its alef plain (ألمانيا → مانیا of المانيا; saudinewsnet:
 * ألمانيا found 6 of 40 articles writing المانيا, now 40): arcd −0.0005, two questions whose article is
 * itself written أل (ألأمم المتحدة) now reading that word.
 */
function articleReadings(surface: string, alefs: number, hasTerm: (term: string) => boolean): string[] {
  const own = stemWord(surface, -1, 'ar', alefs)
  if (own === NAME_OF_GOD) return []
  const readings: string[] = []
  // An article's alef written أ, إ or آ is no article (ألعاب, آلاف): see isArticleAt.
  const article = ARTICLE_PREFIXES.find(
    (a) => surface.startsWith(a) && surface.length - a.length >= 3 && isArticleAt(a, 0, alefs),
  )
  if (article !== undefined)
    readings.push(stemWord(surface.slice(article.length), -1, 'ar', alefs >>> article.length))
  else {
    // A word in أل / إل / آل (ألمانيا, إلياس, ألكسندر) is indexed whole, but a text that writes its alef plain
    // (المانيا, الياس) was read as article + word (مانيا, ياس): try that reading too.
    const plain = ARTICLE_PREFIXES.find(
      (a) =>
        a.includes('ا') &&
        surface.startsWith(a) &&
        surface.length - a.length >= 3 &&
        isArticleAt(a, 0, alefs & ~(1 << a.indexOf('ا'))),
    )
    if (plain !== undefined)
      readings.push(stemWord(surface.slice(plain.length), -1, 'ar', alefs >>> plain.length))
  }
  const ownLamAlef = surface.startsWith('ال') && !surface.startsWith('ال', 2)
  if (surface.length >= 3 && (article === undefined || ownLamAlef))
    readings.push(stemWord(`ال${surface}`, -1, 'ar', alefs << 2))
  return readings.filter((r, i) => r !== own && r !== NAME_OF_GOD && readings.indexOf(r) === i && hasTerm(r))
}

/**
 * The two stems of an Arabic compound written as one word, for a phrase (عبدالله → "عبد الله", وعبدالعزیز →
 * "عبد عزیز", ابوظبی → "ابو ظبی"; see {@link formsArabicCompound}), after at most the conjunction و, when the
 * index has both stems; null otherwise. News writes the same names both ways (saudinewsnet: عبدالله in 2,452
 * articles, عبد الله in 665), and the two spellings analyse to different terms. (analyzeQuery joins the
 * words written apart the other way.)
 */
function arabicCompoundSplit(
  surface: string,
  alefs: number,
  hasTerm: (term: string) => boolean,
): string[] | null {
  const skips = surface.startsWith('و') ? 2 : 1
  for (let skip = 0; skip < skips; skip++) {
    for (let k = skip + 2; k + 2 <= surface.length; k++) {
      if (!formsArabicCompound(surface.slice(skip, k), surface.slice(k), alefs >>> k)) continue
      const left = stemWord(surface.slice(0, k), -1, 'ar', alefs)
      const right = stemWord(surface.slice(k), -1, 'ar', alefs >>> k)
      if (hasTerm(left) && hasTerm(right)) return [left, right]
    }
  }
  return null
}

/**
 * True when two folded Arabic words (the first without a conjunction و) form a compound that news writes
 * as two words or one: a head of `dictionaries/ar-name-heads.txt` before a word with the article (عبد
 * العزیز, نور الدین), or a pair of `dictionaries/ar-compounds.txt` (ابو ظبی, کیلو مترات). `secondAlefs`:
 * the hamza-alef bits of the second word (an alef written أ begins no article: ألعاب).
 */
function formsArabicCompound(first: string, second: string, secondAlefs: number): boolean {
  const { arNameHeads, arCompounds } = getLexicon()
  if (arNameHeads.has(first) && isArticleWord(second, secondAlefs)) return true
  const seconds = arCompounds.get(first)
  return seconds?.some((s) => second.startsWith(s)) === true
}

/** An Arabic word as the first word of a compound: itself, and without a conjunction و before it. */
function withoutConjunction(word: string): string[] {
  return word.startsWith('و') ? [word, word.slice(1)] : [word]
}

/** True when a word of four letters or more begins with the article ال (not أل, إل, آل: ألعاب). */
function isArticleWord(surface: string, alefs: number): boolean {
  return surface.length >= 4 && surface.startsWith('ال') && (alefs & 1) === 0
}

/**
 * The stem of a query word with its hamza on the other seat before و: Arabic writes مسؤول and مسئول, شؤون and
 * شئون, رؤوس and رئوس, which fold to مسوول / مسیول (ؤ → و, ئ → ی, as Persian reads them), so one spelling never
 * found the other. A word with وو also tries یو there, and the other way, when the index has that stem, as one
 * of its written forms (weight 0.7, its own idf). Measured on the judged sets: every figure unchanged (their
 * questions and passages keep one spelling).
 */
function hamzaSeatReadings(surface: string, hasTerm: (term: string) => boolean): string[] {
  if (surface.length < 4) return []
  const at = surface.search(/[وی]و/u)
  if (at < 1) return []
  const other = surface[at] === 'و' ? 'ی' : 'و'
  const reading = stemWord(`${surface.slice(0, at)}${other}${surface.slice(at + 1)}`, -1, 'ar')
  return reading !== stemWord(surface, -1, 'ar') && hasTerm(reading) ? [reading] : []
}

/** True when `text` has one of پ چ ژ گ, letters that only Persian writes and no fold changes. */
export function hasPersianLetter(text: string): boolean {
  const { signal } = getCharTable()
  for (let i = 0; i < text.length; i++)
    if ((signal[text.charCodeAt(i)]! & SIGNAL_FA_LETTER) !== 0) return true
  return false
}

/**
 * The stems of the ال-word of a Persian compound whose first word is a stop word (بین‌المللی → الملل,
 * فوق‌العاده → العاده), in each of `languages` (a short text in Arabic letters may be indexed as Arabic), that
 * the index has. Documents join a stop word to the next word only across a ZWNJ (so that بی‌کار stays one
 * word), and a compound written with a space indexes its ال-word alone: hamshahri-subset writes بين المللي in
 * 81 articles and never with a ZWNJ, so بین‌المللی typed on a Persian keyboard found none of them. An ال-word
 * is no Persian word on its own: it stands for the compound.
 */
function articleHalves(
  surface: string,
  languages: readonly ResolvedLanguage[],
  hasTerm: (term: string) => boolean,
): string[] {
  for (let k = 2; k + 4 <= surface.length; k++) {
    if (!surface.startsWith('ال', k) || !isStopWord(surface.slice(0, k), 'fa')) continue
    const halves = languages.map((language) => stemWord(surface.slice(k), -1, language))
    return halves.filter((half, i) => halves.indexOf(half) === i && hasTerm(half))
  }
  return []
}

/**
 * Two-part splits of a Persian word whose halves are both index terms, most balanced first. With
 * `documentFrequency`, only those whose halves are each in at least as many documents as the most frequent
 * of the word's one-term `readings` (see {@link AnalyzeQueryOptions.documentFrequency}).
 */
function compoundSplits(
  surface: string,
  hasTerm: (term: string) => boolean,
  documentFrequency: ((term: string) => number) | undefined,
  readings: readonly string[][],
): string[][] {
  let wordFrequency = 0
  if (documentFrequency !== undefined) {
    for (const reading of readings) {
      if (reading.length === 1) wordFrequency = Math.max(wordFrequency, documentFrequency(reading[0]!))
    }
  }
  const least = Math.max(wordFrequency, 1)
  const usable = (half: string) =>
    documentFrequency === undefined ? hasTerm(half) : documentFrequency(half) >= least
  const splits: Array<{ parts: string[]; balance: number }> = []
  for (let k = 2; k <= surface.length - 2; k++) {
    const left = surface.slice(0, k)
    if (isStopWord(left, 'fa')) continue
    const l = stemWord(left, -1, 'fa')
    if (!usable(l)) continue
    const right = surface.slice(k)
    if (isStopWord(right, 'fa')) continue
    const r = stemWord(right, -1, 'fa')
    if (usable(r)) splits.push({ parts: [l, r], balance: Math.min(left.length, right.length) })
  }
  splits.sort((x, y) => y.balance - x.balance)
  return splits.slice(0, MAX_SPLITS).map((s) => s.parts)
}
