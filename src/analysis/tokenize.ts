/**
 * The tokenizer: one pass over the UTF-16 code units of the original text, folding as it goes (through the
 * character table) and cutting words at separators, at ZWNJ (as at a space) and at changes between Arabic
 * script and other scripts/digits (`۹متر` → `9`, `متر`; `covid19` stays whole). Each word keeps the offsets
 * of its first and last code unit in the original text, so highlighting is exact even where characters were
 * removed.
 *
 * Hot path: the folded code units of a word are hashed as they are produced and looked up in an intern
 * table, so a word seen before costs no string allocation: a frequent word in a small table of recent
 * words at once, the others after the scan, in blocks whose memory reads overlap. Words are written into
 * reusable parallel arrays ({@link WordBuffer}) rather than one object per word.
 *
 * Owns: word boundaries, offsets and word strings. Must not: stem, join affixes or drop stop words.
 */
import {
  ALEF_MAQSURA,
  EXPAND,
  FINAL_YEH,
  getCharTable,
  IGNORE,
  isHamzaAlef,
  MADDA_ALEF,
  PACKED_AR_COUNT_SHIFT,
  PACKED_ARABIC_LETTER,
  PACKED_CHANGES,
  PACKED_CLASS_MASK,
  PACKED_CLASS_SHIFT,
  PACKED_FA_COUNT_SHIFT,
  PACKED_FOLD_MASK,
  PACKED_GROUP_COUNT_SHIFT,
  PACKED_MARK,
  PACKED_OTHER_LETTER,
  PACKED_SIGNAL_MASK,
  PACKED_SIGNAL_SHIFT,
  SEP,
  TANWEEN_ALEF,
  TANWEEN_FATH,
} from './char-table'
import { countLanguageSignals, type LanguageSignalCounts } from './detect'
import { unitsToString } from './normalize'

/** Longest word kept whole, in folded code units; longer runs are cut into pieces of this length. */
export const MAX_WORD_LENGTH = 64

/** Script of a word. */
export const WORD_ARABIC = 1
export const WORD_LATIN = 2
export const WORD_NUMBER = 3

/** A word as the tokenizer sees it: folded, not yet stemmed. */
export interface RawWord {
  /** The folded word (ZWNJ and marks removed). */
  surface: string
  /** Offset of the word's first code unit in the original text. */
  start: number
  /** Offset just past the word's last code unit (trailing combining marks included). */
  end: number
  /** WORD_ARABIC, WORD_LATIN (letters of other scripts, possibly with digits) or WORD_NUMBER. */
  script: number
  /**
   * Index in `surface` where a detached affix was joined on (کتاب‌ها, کتاب ها, می‌روم), or -1: a known affix
   * boundary. The tokenizer itself always gives -1 (a ZWNJ ends a word, as a space does); the analyzer's
   * joining of detached affixes sets it.
   */
  boundary: number
  /** Language signals seen in the word's original letters (SIGNAL_FA | SIGNAL_AR bits). */
  signal: number
  /**
   * Bit i is set when the alef at index i of `surface` was written with a hamza or a madda (أ إ آ, which
   * `surface` folds to ا like the other alefs): the Arabic stemmer reads it (an ال so written is no
   * article: ألعاب, إلغاء, آلاف). See {@link internedHamzaAlefs}. Also holds TANWEEN_ALEF (char-table.ts)
   * when the word's final alef carried the tanween fath (رئيساً: the stemmer drops that alef).
   */
  hamzaAlefs: number
  /**
   * Those of {@link hamzaAlefs} written آ (with a madda): an Arabic word so written is a stop word only as
   * the list writes it (آلي "automatic" is not إلي, آلية is not إليه). With FINAL_YEH (char-table.ts) when
   * the word's last letter is a yeh not written ى: علي (Ali) is not the stop word على.
   */
  maddaAlefs: number
}

/**
 * Words of one text in parallel arrays (reused between calls; `count` words are valid), and the language
 * signals of the whole text (counted in the same pass, see `detectLanguage`).
 */
export class WordBuffer implements LanguageSignalCounts {
  count = 0
  persianSignals = 0
  arabicSignals = 0
  /** Digit-group separators (`,` `٬`) seen between words: only then can two words be one number. */
  groupSeparators = 0
  /** The surface of words whose id is −1 (joined words too long to intern); other entries are stale. */
  surface: string[] = []
  start = new Int32Array(256)
  end = new Int32Array(256)
  script = new Uint8Array(256)
  boundary = new Int32Array(256)
  signal = new Uint8Array(256)
  /**
   * Intern id of the word's surface ({@link internedString} gives the string; see {@link internEpoch}), or
   * −1 for a joined word longer than {@link MAX_JOINED_LENGTH} (its surface is in {@link surface}).
   */
  id = new Int32Array(256)

  /** Makes room for at least `n` words. */
  reserve(n: number): void {
    if (n <= this.start.length) return
    let size = this.start.length
    while (size < n) size *= 2
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size)
      b.set(a)
      return b
    }
    this.start = grow(this.start)
    this.end = grow(this.end)
    this.script = grow(this.script)
    this.boundary = grow(this.boundary)
    this.signal = grow(this.signal)
    this.id = grow(this.id)
  }

  /** Gives back the room of a long text (the arrays grow to the longest text seen). */
  shrink(): void {
    if (this.start.length > 256) {
      this.start = new Int32Array(256)
      this.end = new Int32Array(256)
      this.script = new Uint8Array(256)
      this.boundary = new Int32Array(256)
      this.signal = new Uint8Array(256)
      this.id = new Int32Array(256)
    }
    this.surface.length = 0
    this.count = 0
  }

  /** The surface of the i-th word. */
  surfaceOf(i: number): string {
    const id = this.id[i]!
    return id >= 0 ? internString[id]! : this.surface[i]!
  }

  /** The hamza-alef bits of the i-th word (see {@link RawWord.hamzaAlefs}). */
  hamzaAlefsOf(i: number): number {
    const id = this.id[i]!
    return id >= 0 ? internedHamzaAlefs(id) : 0
  }

  /** The madda bits of the i-th word (see {@link RawWord.maddaAlefs}). */
  maddaAlefsOf(i: number): number {
    const id = this.id[i]!
    return id >= 0 ? internedMaddaAlefs(id) : 0
  }

  /** The i-th word as an object (for tests and debugging; the hot path reads the arrays). */
  word(i: number): RawWord {
    return {
      surface: this.surfaceOf(i),
      start: this.start[i]!,
      end: this.end[i]!,
      script: this.script[i]!,
      boundary: this.boundary[i]!,
      signal: this.signal[i]!,
      hamzaAlefs: this.hamzaAlefsOf(i),
      maddaAlefs: this.maddaAlefsOf(i),
    }
  }
}

// ---- intern table: folded code units → one entry (and one string) per distinct word ----
//
// An entry is a record of ENTRY_STRIDE int32 in one array, so that a lookup touches two cache lines (its
// slot and its record) however large the table: the record holds the hash, the length, the first code
// units (packed two per int32, compared without visiting the pool), and fields in which the analyzer
// caches what it derives from the word (affix flags, term keys). The slot table holds (hash, id + 1) pairs.
const INTERN_LIMIT = 1 << 20
const ENTRY_STRIDE = 16
const ENTRY_HASH = 0
const ENTRY_LENGTH = 1
/** Offset of the word's code units in the pool (all of them; the record has the first INLINE_UNITS). */
const ENTRY_OFFSET = 2
const ENTRY_CACHE = 3
/** Number of int32 fields per interned word that callers may use as a cache ({@link wordCache}). */
export const WORD_CACHE_FIELDS = 6
const ENTRY_INLINE = ENTRY_CACHE + WORD_CACHE_FIELDS
const INLINE_INTS = ENTRY_STRIDE - ENTRY_INLINE
const INLINE_UNITS = 2 * INLINE_INTS
// Initial sizes are small: the table grows by doubling while a batch is analysed and is dropped again by
// releaseInternTable, so an index that is only queried never holds a big one.
const INITIAL_INTERN_SLOTS = 1 << 10
const INITIAL_INTERN_ENTRIES = INITIAL_INTERN_SLOTS >> 1
const INITIAL_INTERN_POOL = 1 << 12
/**
 * The words met last, direct-mapped by hash: (hash, id + 1) pairs, id + 1 = 0 for none. Small (128 KB) and
 * dense, so that a frequent word is found without reading its slot in the slot table: with a vocabulary of
 * a few hundred thousand words that table spans megabytes, and the slots of the frequent words lie on as
 * many pages as there are words (a cache and TLB miss each). A hit is checked against the record, as a
 * slot's word is.
 */
const RECENT_SLOTS = 1 << 14
const recentWords = new Int32Array(2 * RECENT_SLOTS)
let internMask = INITIAL_INTERN_SLOTS - 1
/** Pairs (hash, id + 1); id + 1 = 0 is an empty slot. At most half the slots are used. */
let internSlots = new Int32Array(2 * INITIAL_INTERN_SLOTS)
let internEntries = new Int32Array(INITIAL_INTERN_ENTRIES * ENTRY_STRIDE)
const internString: string[] = []
/**
 * Places at the start of a word whose hamza-alef bits are noted (see {@link internedHamzaAlefs}): the
 * stemmer's article is at most three letters in (و + بال), a query reading shifts the bits by two or three.
 */
export const MAX_HAMZA_ALEF_INDEX = 8
/** FINAL_YEH as {@link internAlefs} holds it (above TANWEEN_ALEF). */
const INTERN_FINAL_YEH = 1 << 17
/**
 * Hamza-alef bits (see {@link RawWord.hamzaAlefs}) of each interned word, by id, in the low byte; the madda
 * bits ({@link RawWord.maddaAlefs}) in the next one; TANWEEN_ALEF.
 */
let internAlefs = new Int32Array(INITIAL_INTERN_ENTRIES)
let internPool = new Uint16Array(INITIAL_INTERN_POOL)
let internPoolUsed = 0
let internCount = 0
/**
 * Incremented whenever the intern table is cleared (it is bounded, and cleared only at the start of
 * {@link tokenizeInto} or by {@link releaseInternTable}, so ids stay valid until the next call): caches
 * keyed by intern id must be dropped when the epoch they were filled in has passed.
 */
export let internEpoch = 0

/** The current {@link internEpoch} (a function, so callers under any loader read it cheaply). */
export function currentInternEpoch(): number {
  return internEpoch
}

function resetIntern(): void {
  internEpoch++
  recentWords.fill(0)
  internMask = INITIAL_INTERN_SLOTS - 1
  internSlots = new Int32Array(2 * INITIAL_INTERN_SLOTS)
  internEntries = new Int32Array(INITIAL_INTERN_ENTRIES * ENTRY_STRIDE)
  internString.length = 0 // the same array: a fresh [] would change its elements kind and deoptimise readers
  internAlefs = new Int32Array(INITIAL_INTERN_ENTRIES)
  internPool = new Uint16Array(INITIAL_INTERN_POOL)
  internPoolUsed = 0
  internCount = 0
}

/**
 * Drops every interned word (new epoch) and shrinks the table to its initial size: called when a batch of
 * documents is indexed, so the table does not stay as big as the batch's vocabulary. Ids handed out before
 * are invalid afterwards.
 */
export function releaseInternTable(): void {
  if (internCount > 0) resetIntern()
  shrinkWordBuffers()
}

/** Shrinks the tokenizer's per-text buffers (they grow to the longest text seen), keeping the intern table. */
export function shrinkWordBuffers(): void {
  sharedWords.shrink()
  shrinkMissed()
}

function growInternSlots(): void {
  internMask = internMask * 2 + 1
  const slots = new Int32Array(2 * (internMask + 1))
  const entries = internEntries
  for (let e = 0; e < internCount; e++) {
    const hash = entries[e * ENTRY_STRIDE + ENTRY_HASH]!
    let slot = hash & internMask
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & internMask
    slots[2 * slot] = hash
    slots[2 * slot + 1] = e + 1
  }
  internSlots = slots
}

/** The interned string of an intern id. */
export function internedString(id: number): string {
  return internString[id]!
}

/**
 * The hamza-alef bits of interned word `id`: bit i set when its alef at index i was written أ, إ or آ (the
 * tokenizer keeps them apart from ا in the word's code units, so that آلیه and الیه are two words with one
 * string, الیه). Only the first {@link MAX_HAMZA_ALEF_INDEX} places are noted. With TANWEEN_ALEF when the
 * word's final alef carried the tanween fath (the tokenizer writes that alef as the mark in the word's code
 * units, so that رئیساً and رئیسا are two words with one string).
 */
export function internedHamzaAlefs(id: number): number {
  return internAlefs[id]! & (0xff | TANWEEN_ALEF)
}

/**
 * The madda bits of interned word `id`: those of {@link internedHamzaAlefs} written آ; with FINAL_YEH when its
 * last letter is a yeh not written ى.
 */
export function internedMaddaAlefs(id: number): number {
  const alefs = internAlefs[id]!
  return ((alefs >>> 8) & 0xff) | (alefs & INTERN_FINAL_YEH ? FINAL_YEH : 0)
}

/** The length in code units of the interned word `id`. */
export function internedLength(id: number): number {
  return internEntries[id * ENTRY_STRIDE + ENTRY_LENGTH]!
}

/** Number of intern ids handed out in the current epoch (ids are dense: 0 … count − 1). */
export function internedCount(): number {
  return internCount
}

/**
 * Cache field `field` (0 … {@link WORD_CACHE_FIELDS} − 1) of interned word `id`: 0 until set. It lives in
 * the word's record, so reading it right after the word was interned costs no cache miss. The fields are
 * zero again after the table is cleared (new {@link internEpoch}); {@link clearWordCaches} zeroes them.
 */
export function wordCache(id: number, field: number): number {
  return internEntries[id * ENTRY_STRIDE + ENTRY_CACHE + field]!
}

/** Sets cache field `field` of interned word `id` (see {@link wordCache}). */
export function setWordCache(id: number, field: number, value: number): void {
  internEntries[id * ENTRY_STRIDE + ENTRY_CACHE + field] = value
}

/** Zeroes the cache fields of every interned word (when what they cache became invalid). */
export function clearWordCaches(): void {
  const entries = internEntries
  for (let e = 0; e < internCount; e++) {
    const base = e * ENTRY_STRIDE + ENTRY_CACHE
    for (let f = 0; f < WORD_CACHE_FIELDS; f++) entries[base + f] = 0
  }
}

/** Longest joined word (word + detached affixes) that {@link internJoined} interns, in code units. */
export const MAX_JOINED_LENGTH = 2 * MAX_WORD_LENGTH

/** A word's units with its أ إ آ written ا (see addEntry). */
const plainUnits = new Uint16Array(MAX_JOINED_LENGTH + 2)
// Room for a zero code unit after the longest word (the packed comparison reads whole int32).
const joinBuffer = new Uint16Array(MAX_JOINED_LENGTH + 2)
const joinBuffer32 = new Int32Array(joinBuffer.buffer)

/**
 * The intern id of the word made of word `first` followed by word `second` (both intern ids), or −1 when
 * it would be longer than {@link MAX_JOINED_LENGTH}: how a detached affix is joined onto its word without
 * building a string for a pair seen before.
 */
export function internJoined(first: number, second: number): number {
  const entries = internEntries
  const firstBase = first * ENTRY_STRIDE
  const secondBase = second * ENTRY_STRIDE
  const firstOffset = entries[firstBase + ENTRY_OFFSET]!
  const firstLength = entries[firstBase + ENTRY_LENGTH]!
  const secondOffset = entries[secondBase + ENTRY_OFFSET]!
  const secondLength = entries[secondBase + ENTRY_LENGTH]!
  if (firstLength + secondLength > MAX_JOINED_LENGTH) return -1
  const units = joinBuffer
  const pool = internPool
  // FNV-1a runs left to right, so the hash of the pair continues the hash of the first word.
  let hash = entries[firstBase + ENTRY_HASH]!
  for (let k = 0; k < firstLength; k++) units[k] = pool[firstOffset + k]!
  for (let k = 0; k < secondLength; k++) {
    const unit = pool[secondOffset + k]!
    units[firstLength + k] = unit
    hash = Math.imul(hash ^ unit, 16777619)
  }
  return intern(units, joinBuffer32, 0, firstLength + secondLength, hash, '', 0, 0, true)
}

/**
 * The intern id for units[at..at + len) with FNV-1a hash `hash`: `at` is even, `units32` views the same
 * buffer, and when len is odd units[at + len] is free for a zero pad (the last int32 is compared whole).
 * The word's string is `text.slice(start, end)` when `changed` is false.
 */
function intern(
  units: Uint16Array,
  units32: Int32Array,
  at: number,
  len: number,
  hash: number,
  text: string,
  start: number,
  end: number,
  changed: boolean,
): number {
  if ((len & 1) !== 0) units[at + len] = 0 // the pad of an odd length
  const recent = recentIdOf(units, units32, at, len, hash)
  if (recent >= 0) return recent
  const slots = internSlots
  const mask = internMask
  let slot = hash & mask
  for (;;) {
    const e1 = slots[2 * slot + 1]!
    if (e1 === 0) break
    if (slots[2 * slot] === hash && isEntryOf(e1 - 1, units, units32, at, len)) {
      rememberRecent(hash, e1 - 1)
      return e1 - 1
    }
    slot = (slot + 1) & mask
  }
  const id = addEntry(units, units32, at, len, hash, slot, text, start, end, changed)
  rememberRecent(hash, id)
  return id
}

/**
 * The id of units[at..at + len) (laid out as {@link intern} says) when the table of recent words holds it;
 * −1 otherwise.
 */
function recentIdOf(units: Uint16Array, units32: Int32Array, at: number, len: number, hash: number): number {
  const r = 2 * (hash & (RECENT_SLOTS - 1))
  if (recentWords[r] !== hash) return -1
  const e1 = recentWords[r + 1]!
  return e1 !== 0 && isEntryOf(e1 - 1, units, units32, at, len) ? e1 - 1 : -1
}

/** Makes interned word `id` (hash `hash`) the one the table of recent words holds for its hash. */
function rememberRecent(hash: number, id: number): void {
  const r = 2 * (hash & (RECENT_SLOTS - 1))
  recentWords[r] = hash
  recentWords[r + 1] = id + 1
}

/** How many int32 of a record hold the first code units of a word of `len` units (two per int32, padded). */
function inlineIntsOf(len: number): number {
  return len < INLINE_UNITS ? (len + 1) >> 1 : INLINE_INTS
}

/** True when interned word `id` is units[at..at + len) (laid out as {@link intern} says). */
function isEntryOf(id: number, units: Uint16Array, units32: Int32Array, at: number, len: number): boolean {
  const entries = internEntries
  const base = id * ENTRY_STRIDE
  if (entries[base + ENTRY_LENGTH] !== len) return false
  const inline = base + ENTRY_INLINE
  const inlineInts = inlineIntsOf(len)
  const at32 = at >> 1
  let k = 0
  while (k < inlineInts && entries[inline + k] === units32[at32 + k]) k++
  if (k < inlineInts) return false
  if (len <= INLINE_UNITS) return true
  const pool = internPool
  const offset = entries[base + ENTRY_OFFSET]!
  let j = INLINE_UNITS
  while (j < len && pool[offset + j] === units[at + j]) j++
  return j === len
}

/** Adds a new word at free slot `slot` of the table (see {@link intern}). */
function addEntry(
  units: Uint16Array,
  units32: Int32Array,
  at: number,
  len: number,
  hash: number,
  slot: number,
  text: string,
  start: number,
  end: number,
  changed: boolean,
): number {
  // أ إ آ stay themselves in the code units (CharTable.packed) but are ا in the string; the places of those
  // at the start are noted. So is a final alef with the tanween fath, which scanWords wrote as the mark.
  // So does ى, which is ی in the string; a final ی not so written is noted (FINAL_YEH).
  let k = 0
  while (
    k < len &&
    !isHamzaAlef(units[at + k]!) &&
    units[at + k] !== TANWEEN_FATH &&
    units[at + k] !== ALEF_MAQSURA
  )
    k++
  let alefs = units[at + len - 1] === 0x06cc ? INTERN_FINAL_YEH : 0
  let s: string
  if (k === len) {
    // A slice of 13 or more code units would be a view that keeps the whole text alive (V8's sliced
    // strings), and terms are derived from this string: long ones are copied out.
    s = changed || len >= 13 ? wordString(units, at, len) : text.slice(start, end)
  } else {
    const plain = plainUnits
    for (let j = 0; j < len; j++) plain[j] = units[at + j]!
    for (; k < len; k++) {
      const unit = units[at + k]!
      if (unit === ALEF_MAQSURA) {
        plain[k] = 0x06cc // ی
        continue
      }
      if (unit === TANWEEN_FATH) {
        plain[k] = 0x0627 // ا
        if (k === len - 1) alefs |= TANWEEN_ALEF
        continue
      }
      if (!isHamzaAlef(unit)) continue
      plain[k] = 0x0627 // ا
      if (k < MAX_HAMZA_ALEF_INDEX) alefs |= unit === MADDA_ALEF ? 0x101 << k : 1 << k
    }
    s = wordString(plain, 0, len)
  }
  const e = internCount++
  if ((e + 1) * ENTRY_STRIDE > internEntries.length) {
    const grown = new Int32Array(internEntries.length * 2)
    grown.set(internEntries)
    internEntries = grown
    const grownAlefs = new Int32Array(internAlefs.length * 2)
    grownAlefs.set(internAlefs)
    internAlefs = grownAlefs
  }
  if (internPoolUsed + len > internPool.length) {
    let size = internPool.length * 2
    while (size < internPoolUsed + len) size *= 2
    const p = new Uint16Array(size)
    p.set(internPool)
    internPool = p
  }
  internAlefs[e] = alefs
  const entries = internEntries
  const base = e * ENTRY_STRIDE
  entries[base + ENTRY_HASH] = hash
  entries[base + ENTRY_LENGTH] = len
  entries[base + ENTRY_OFFSET] = internPoolUsed
  const inlineInts = inlineIntsOf(len)
  const at32 = at >> 1
  for (let k = 0; k < inlineInts; k++) entries[base + ENTRY_INLINE + k] = units32[at32 + k]!
  const pool = internPool
  for (let k = 0; k < len; k++) pool[internPoolUsed + k] = units[at + k]!
  internPoolUsed += len
  internString[e] = s
  internSlots[2 * slot] = hash
  internSlots[2 * slot + 1] = e + 1
  if (internCount * 2 > internMask) growInternSlots()
  return e
}

/** The string of units[at..at + len): short words without the subarray and `apply` of unitsToString. */
function wordString(units: Uint16Array, at: number, len: number): string {
  const c = String.fromCharCode
  const u = units
  switch (len) {
    case 1:
      return c(u[at]!)
    case 2:
      return c(u[at]!, u[at + 1]!)
    case 3:
      return c(u[at]!, u[at + 1]!, u[at + 2]!)
    case 4:
      return c(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!)
    case 5:
      return c(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!, u[at + 4]!)
    case 6:
      return c(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!, u[at + 4]!, u[at + 5]!)
    case 7:
      return c(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!, u[at + 4]!, u[at + 5]!, u[at + 6]!)
    case 8:
      return c(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!, u[at + 4]!, u[at + 5]!, u[at + 6]!, u[at + 7]!)
    default:
      return unitsToString(at === 0 ? units : units.subarray(at), len)
  }
}

const unitBuffer = new Uint16Array(2 * MAX_WORD_LENGTH)
const unitBuffer32 = new Int32Array(unitBuffer.buffer)
// The words of one text that the table of recent words did not have (see scanWords): the word's index in
// the buffer, its folded code units in missedUnits (from an even offset, with room for a pad), its length
// (negative when folding changed it) and its hash. They grow to the most words a text missed and are given
// back by releaseInternTable.
let missedWord = new Int32Array(256)
let missedAt = new Int32Array(256)
let missedLength = new Int32Array(256)
let missedHash = new Int32Array(256)
let missedUnits = new Uint16Array(1 << 12)
let missedUnits32 = new Int32Array(missedUnits.buffer)
/**
 * Interned words from which scanWords looks up the words missed in the table of recent words after the
 * scan, in blocks: 32 K records of 64 bytes are 2 MB, about what this machine's cache holds.
 */
let deferMissedFrom = 1 << 15

/**
 * Sets how many interned words make scanWords look up missed words in blocks (the default 32 K; 0: always)
 * and returns the previous setting. For the tests of that path, which a small table never takes.
 */
export function setDeferMissedFrom(count: number): number {
  const previous = deferMissedFrom
  deferMissedFrom = count
  return previous
}
/** Missed words looked up together: their slots, then their records, are read a block at a time. */
const MISSED_BLOCK = 128
const blockIds = new Int32Array(MISSED_BLOCK)
const blockLengths = new Int32Array(MISSED_BLOCK)

function growMissed(): void {
  const size = missedWord.length * 2
  const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
    const b = new Int32Array(size)
    b.set(a)
    return b
  }
  missedWord = grow(missedWord)
  missedAt = grow(missedAt)
  missedLength = grow(missedLength)
  missedHash = grow(missedHash)
}

function growMissedUnits(needed: number): void {
  let size = missedUnits.length * 2
  while (size < needed) size *= 2
  const grown = new Uint16Array(size)
  grown.set(missedUnits)
  missedUnits = grown
  missedUnits32 = new Int32Array(grown.buffer)
}

function shrinkMissed(): void {
  if (missedWord.length > 256) {
    missedWord = new Int32Array(256)
    missedAt = new Int32Array(256)
    missedLength = new Int32Array(256)
    missedHash = new Int32Array(256)
  }
  if (missedUnits.length > 1 << 12) {
    missedUnits = new Uint16Array(1 << 12)
    missedUnits32 = new Int32Array(missedUnits.buffer)
  }
}

/**
 * Interns the words of a text that the table of recent words did not have, writing their ids into `ids`,
 * in text order (so a new word gets the id a lookup per word would give it). A block at a time, in three
 * passes: the first reads each word's home slot, the second the length in the record that slot names, the
 * third compares and, where the word is not there (a new word, one a collision moved on, or one that an
 * earlier word of the block added), takes the whole path of {@link intern}. The reads of the first two
 * passes do not depend on each other, so the processor overlaps their cache misses: these are the rarer
 * words, whose slots and records lie anywhere in tables of megabytes once the vocabulary is some hundred
 * thousand words, and one lookup per word as the scan met it waited for two misses in a row.
 */
function internMissedWords(
  text: string,
  ids: Int32Array,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
): void {
  const units = missedUnits
  const units32 = missedUnits32
  const lengthInRecord = blockLengths
  const candidates = blockIds
  for (let from = 0; from < count; from += MISSED_BLOCK) {
    const to = Math.min(count, from + MISSED_BLOCK)
    const slots = internSlots
    const mask = internMask
    for (let m = from; m < to; m++) {
      const hash = missedHash[m]!
      const slot = 2 * (hash & mask)
      candidates[m - from] = slots[slot] === hash ? slots[slot + 1]! : 0
    }
    const entries = internEntries
    for (let m = from; m < to; m++) {
      const e1 = candidates[m - from]!
      lengthInRecord[m - from] = e1 === 0 ? -1 : entries[(e1 - 1) * ENTRY_STRIDE + ENTRY_LENGTH]!
    }
    for (let m = from; m < to; m++) {
      const signedLength = missedLength[m]!
      const len = signedLength < 0 ? -signedLength : signedLength
      const at = missedAt[m]!
      const w = missedWord[m]!
      const e1 = candidates[m - from]!
      if (lengthInRecord[m - from] === len && isEntryOf(e1 - 1, units, units32, at, len)) {
        rememberRecent(missedHash[m]!, e1 - 1)
        ids[w] = e1 - 1
      } else {
        ids[w] = intern(units, units32, at, len, missedHash[m]!, text, starts[w]!, ends[w]!, signedLength < 0)
      }
    }
  }
}

const sharedWords = new WordBuffer()

/**
 * Splits `text` into folded words, written into `words` (by default a shared buffer, valid until the next
 * call). {@link tokenize} is the object-returning convenience form.
 */
export function tokenizeInto(text: string, words: WordBuffer = sharedWords): WordBuffer {
  words.count = 0
  // The bound is checked only here, so that ids handed out during one call stay valid until the next.
  if (internCount >= INTERN_LIMIT) resetIntern()
  if (scanWords(text, words, null)) {
    if (words.groupSeparators > 0) joinDigitGroups(text, words)
    return words
  }
  // The text holds ligatures or other characters that expand to several letters (rare): expand them
  // first, remembering where each expanded unit came from, and scan again.
  words.count = 0
  const { expanded, origin } = expandCompatibility(text)
  scanWords(expanded, words, origin)
  if (words.groupSeparators > 0) joinDigitGroups(text, words)
  // The signals are those of the original letters, not of the expansions.
  countLanguageSignals(text, words)
  return words
}

/**
 * Joins a number to the digit group after a digit-group separator (1,000 and ۱٬۰۰۰ are 1000): a comma or
 * ٬ (U+066C), with nothing else between the words but marks and controls, after a word whose last
 * character is a digit and before a word that starts with exactly three digits. A pass over the words
 * after the scan (it keeps the scanning loop as tight as it was): most texts have no number followed by a
 * comma, and a word in Arabic script is passed over at once. A joined word longer than MAX_WORD_LENGTH is
 * not made (the Elasticsearch chain would cut it there instead; no real number is that long).
 */
function joinDigitGroups(text: string, words: WordBuffer): void {
  const { id: ids, start: starts, end: ends, script: scripts, boundary: boundaries, signal } = words
  const count = words.count
  const wordArabic = WORD_ARABIC
  // Word k moves to `out` once a join has happened before it (until then out === k: nothing moves).
  let out = 0
  for (let k = 0; k < count; k++, out++) {
    if (k > out) {
      ids[out] = ids[k]!
      starts[out] = starts[k]!
      ends[out] = ends[k]!
      scripts[out] = scripts[k]!
      boundaries[out] = boundaries[k]!
      signal[out] = signal[k]!
    }
    if (scripts[out] === wordArabic) continue
    // Word `out` (itself possibly joined already) takes in the words after it while the gap is a separator.
    while (k + 1 < count && isDigitGroupGap(text, words, out, k + 1)) {
      ids[out] = internJoined(ids[out]!, ids[k + 1]!)
      ends[out] = ends[k + 1]!
      signal[out] = signal[out]! | signal[k + 1]!
      // A number with letters after its last group (1,000km) is a Latin word, as 1000km is.
      if (scripts[k + 1] === WORD_LATIN) scripts[out] = WORD_LATIN
      k++
    }
  }
  words.count = out
}

/** True when words `a` and `b` (next to each other) are a number and a digit group (see joinDigitGroups). */
function isDigitGroupGap(text: string, words: WordBuffer, a: number, b: number): boolean {
  // The separator right after word a (its end is past its trailing marks), then word b right after it
  // (the scan skipped the marks before it).
  let j = words.end[a]!
  const separator = text.charCodeAt(j)
  if (separator !== 0x2c && separator !== 0x066c) return false
  const { cls } = getCharTable()
  j++
  while (j < text.length && cls[text.charCodeAt(j)] === IGNORE) j++
  if (j !== words.start[b] || words.script[b] === WORD_ARABIC) return false
  const first = words.id[a]!
  const second = words.id[b]!
  if (first < 0 || second < 0) return false
  const firstLength = internEntries[first * ENTRY_STRIDE + ENTRY_LENGTH]!
  const secondLength = internEntries[second * ENTRY_STRIDE + ENTRY_LENGTH]!
  if (firstLength + secondLength > MAX_WORD_LENGTH || secondLength < 3) return false
  const firstOffset = internEntries[first * ENTRY_STRIDE + ENTRY_OFFSET]!
  const secondOffset = internEntries[second * ENTRY_STRIDE + ENTRY_OFFSET]!
  const pool = internPool
  if (!isAsciiDigit(pool[firstOffset + firstLength - 1]!)) return false
  for (let d = 0; d < 3; d++) if (!isAsciiDigit(pool[secondOffset + d]!)) return false
  return secondLength === 3 || !isAsciiDigit(pool[secondOffset + 3]!)
}

function isAsciiDigit(unit: number): boolean {
  return unit >= 0x30 && unit <= 0x39
}

/** Replaces each EXPAND character by its expansion; `origin[j]` is the original offset of unit j. */
function expandCompatibility(text: string): { expanded: string; origin: Int32Array } {
  const { cls, expansions } = getCharTable()
  let expanded = ''
  const origin: number[] = []
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i)
    if (cls[u] === EXPAND) {
      const units = expansions.get(u)!.units
      for (let k = 0; k < units.length; k++) {
        expanded += String.fromCharCode(units[k]!)
        origin.push(i)
      }
    } else {
      expanded += text[i]
      origin.push(i)
    }
  }
  origin.push(text.length)
  return { expanded, origin: Int32Array.from(origin) }
}

/**
 * The scanning loop. Returns false (having written nothing useful) when `origin` is null and the text holds
 * an EXPAND character; with `origin`, offsets are mapped back through it.
 *
 * Two levels: the outer loop skips what lies between words, the inner one runs over the letters of one
 * word (and the marks inside it). A word ends at a separator, at a ZWNJ (as at a space: the analyzer joins
 * detached affixes back, کتاب‌ها, می‌روم, whichever way they were written), where Arabic script meets other
 * letters or digits, and at MAX_WORD_LENGTH.
 */
function scanWords(text: string, words: WordBuffer, origin: Int32Array | null): boolean {
  // One table read per code unit instead of three (class, fold, signal): CharTable.packed holds the fold,
  // the class, the signal bits and what is counted of them, and bits that say whether the unit goes on a
  // word of either script or is a mark. About a fifth less time per code unit than the three tables.
  const { cls, packed } = getCharTable()
  // Local copies: module-level constants can compile to getter calls under some loaders (tsx, vitest).
  const cSep = SEP
  const cExpand = EXPAND
  const maxLen = MAX_WORD_LENGTH
  const foldMask = PACKED_FOLD_MASK
  const classShift = PACKED_CLASS_SHIFT
  const classMask = PACKED_CLASS_MASK
  const faShift = PACKED_FA_COUNT_SHIFT
  const arShift = PACKED_AR_COUNT_SHIFT
  const groupShift = PACKED_GROUP_COUNT_SHIFT
  const signalBits = PACKED_SIGNAL_MASK << PACKED_SIGNAL_SHIFT
  const markBit = PACKED_MARK
  const arabicLetter = PACKED_ARABIC_LETTER
  const letterBits = PACKED_ARABIC_LETTER | PACKED_OTHER_LETTER
  const tanweenFath = TANWEEN_FATH
  const units = unitBuffer
  const units32 = unitBuffer32
  // Whether the words missed in the table of recent words wait for internMissedWords: only once the
  // table's records outgrow the cache (before that a lookup finds them there, and waiting only costs).
  const deferMissed = internCount >= deferMissedFrom
  let missedCount = 0
  let missedUsed = 0
  const n = text.length
  words.reserve(16 + (n >> 1))
  // The buffer's columns, in locals (re-read when they grow).
  let count = words.count
  let ids = words.id
  let starts = words.start
  let ends = words.end
  let scripts = words.script
  let boundaries = words.boundary
  let wordSignals = words.signal
  const wordArabic = WORD_ARABIC
  const wordLatin = WORD_LATIN
  const wordNumber = WORD_NUMBER
  // Language signals of the text (the rule of detectLanguage, counted here to save a pass).
  let persianSignals = 0
  let arabicSignals = 0
  let groupSeparators = 0
  let i = 0
  while (i < n) {
    const u = text.charCodeAt(i)
    let p = packed[u]!
    if ((p & letterBits) === 0) {
      // Between words: separators, and marks and ZWNJs that follow no letter.
      if (((p >>> classShift) & classMask) === cExpand) return false
      if ((p & signalBits) !== 0) {
        persianSignals += (p >>> faShift) & 1
        arabicSignals += (p >>> arShift) & 1
        groupSeparators += (p >>> groupShift) & 1
      }
      i++
      continue
    }
    // A word starts at i. A word that starts with the article ال is an Arabic signal (detectLanguage).
    if (
      u === 0x0627 &&
      text.charCodeAt(i + 1) === 0x0644 &&
      (i === 0 || cls[text.charCodeAt(i - 1)] === cSep)
    )
      arabicSignals++
    const start = i
    const arabic = (p & arabicLetter) !== 0
    let hash = -2128831035 // FNV-1a offset basis
    let len = 0
    let end = i
    // The packed entries of the word's letters OR-ed together: their signal bits, and PACKED_CHANGES when a
    // fold changed one. A dropped mark changes the word too, as does the expansion of the text.
    let seen = 0
    let marked = origin !== null
    // The letter count when a tanween fath was last met among the marks (see TANWEEN_ALEF), or -1.
    let tanweenAfter = -1
    // What the next unit's entry must have for the word to go on: a letter of the same script.
    const goesOn = arabic ? arabicLetter : PACKED_OTHER_LETTER
    for (;;) {
      // p is the entry of a letter of this word.
      const f = p & foldMask
      seen |= p
      units[len++] = f
      hash = Math.imul(hash ^ f, 16777619)
      if ((p & signalBits) !== 0) {
        persianSignals += (p >>> faShift) & 1
        arabicSignals += (p >>> arShift) & 1
      }
      end = ++i
      if (i === n) break
      // On to the next letter, over marks (removed); a ZWNJ ends the word.
      p = packed[text.charCodeAt(i)]!
      while ((p & markBit) !== 0) {
        marked = true
        end = i + 1
        if (text.charCodeAt(i) === tanweenFath) tanweenAfter = len
        // Marks count for the text's language (Quranic marks), not for the word's.
        if ((p & signalBits) !== 0) {
          persianSignals += (p >>> faShift) & 1
          arabicSignals += (p >>> arShift) & 1
        }
        if (++i === n) {
          p = 0 // the text ends: nothing goes on
          break
        }
        p = packed[text.charCodeAt(i)]!
      }
      // The word goes on only with a letter of the same script, below the length limit.
      if ((p & goesOn) === 0 || len >= maxLen) break
    }
    // A final alef with the tanween fath right after it or right before it (رئیساً, رئیسًا) is written as
    // the mark in the word's units (addEntry notes TANWEEN_ALEF and writes ا); rare, so the hash is redone.
    if (tanweenAfter >= len - 1 && units[len - 1] === 0x0627 && (i === n || (p & goesOn) === 0)) {
      units[len - 1] = tanweenFath
      hash = -2128831035
      for (let k = 0; k < len; k++) hash = Math.imul(hash ^ units[k]!, 16777619)
    }
    const changed = marked || (seen & PACKED_CHANGES) !== 0
    const signal = (seen >>> PACKED_SIGNAL_SHIFT) & PACKED_SIGNAL_MASK
    // The word ends: its id, when it is in the table of recent words; otherwise it is looked up with the
    // other words missed there after the scan (see internMissedWords). Then appended to the buffer's columns.
    let id: number
    if (!deferMissed) id = intern(units, units32, 0, len, hash, text, start, end, changed)
    else {
      units[len] = 0 // the pad of an odd length
      id = recentIdOf(units, units32, 0, len, hash)
    }
    if (id < 0) {
      if (missedCount === missedWord.length) growMissed()
      if (missedUsed + len + 2 > missedUnits.length) growMissedUnits(missedUsed + len + 2)
      const mu = missedUnits
      // With the pad of an odd length (written above), so the copy is ready to compare as int32.
      for (let k = 0; k < len + (len & 1); k++) mu[missedUsed + k] = units[k]!
      missedWord[missedCount] = count
      missedAt[missedCount] = missedUsed
      missedLength[missedCount] = changed ? -len : len
      missedHash[missedCount] = hash
      missedCount++
      missedUsed += len + (len & 1) // even offsets; an odd length leaves its pad's unit
    }
    if (count === ids.length) {
      words.count = count
      words.reserve(count + 1)
      ids = words.id
      starts = words.start
      ends = words.end
      scripts = words.script
      boundaries = words.boundary
      wordSignals = words.signal
    }
    ids[count] = id
    starts[count] = origin === null ? start : origin[start]!
    ends[count] = origin === null ? end : origin[end - 1]! + 1
    // A letter that is no digit set the sign bit of `seen`.
    scripts[count] = arabic ? wordArabic : seen < 0 ? wordLatin : wordNumber
    boundaries[count] = -1
    wordSignals[count] = signal
    count++
    // i is at what ended the word (the outer loop skips or starts a word there), or at n.
  }
  if (missedCount > 0) internMissedWords(text, ids, starts, ends, missedCount)
  words.count = count
  words.persianSignals = persianSignals
  words.arabicSignals = arabicSignals
  words.groupSeparators = groupSeparators
  return true
}

/**
 * Splits `text` into folded words.
 *
 * @example
 * ```ts
 * tokenize('کتابهای «مَدْرَسَة» آتش‌بس').map((w) => w.surface) // → ['کتابهای', 'مدرسه', 'اتش', 'بس']
 * ```
 */
export function tokenize(text: string): RawWord[] {
  const words = tokenizeInto(text, new WordBuffer())
  const out: RawWord[] = []
  for (let i = 0; i < words.count; i++) out.push(words.word(i))
  return out
}
