/**
 * The tokenizer: one pass over the UTF-16 code units of the original text, folding as it goes (through the
 * character table) and cutting words at separators and at changes between Arabic script and other
 * scripts/digits (`۹متر` → `9`, `متر`; `covid19` stays whole). Each word keeps the offsets of its first and
 * last code unit in the original text, so highlighting is exact even where characters were removed.
 *
 * Hot path: the folded code units of a word are hashed as they are produced and looked up in an intern
 * table, so a word seen before costs no string allocation. Words are written into reusable parallel arrays
 * ({@link WordBuffer}) rather than one object per word.
 *
 * Owns: word boundaries, offsets and word strings. Must not: stem, join affixes or drop stop words.
 */
import { ARABIC, DIGIT, EXPAND, getCharTable, IGNORE, JOINER, SEP } from './char-table'
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
  /** Index in `surface` where the last ZWNJ (or joined space) stood, or -1: a known affix boundary. */
  boundary: number
  /** Language signals seen in the word's original letters (SIGNAL_FA | SIGNAL_AR bits). */
  signal: number
}

/** Words of one text in parallel arrays (reused between calls; `count` words are valid). */
export class WordBuffer {
  count = 0
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

  /** The surface of the i-th word. */
  surfaceOf(i: number): string {
    const id = this.id[i]!
    return id >= 0 ? internString[id]! : this.surface[i]!
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
    }
  }
}

// ---- intern table: folded code units → the one string for them ----
const INTERN_LIMIT = 1 << 20
// Initial sizes are small: the table grows by doubling while a batch is analysed and is dropped again by
// releaseInternTable, so an index that is only queried never holds a big one.
const INITIAL_INTERN_SLOTS = 1 << 10
const INITIAL_INTERN_ENTRIES = INITIAL_INTERN_SLOTS >> 1
const INITIAL_INTERN_POOL = 1 << 12
let internMask = INITIAL_INTERN_SLOTS - 1
let internSlots = new Int32Array(INITIAL_INTERN_SLOTS)
let internHash = new Int32Array(INITIAL_INTERN_ENTRIES)
let internOffset = new Int32Array(INITIAL_INTERN_ENTRIES)
let internLength = new Uint8Array(INITIAL_INTERN_ENTRIES)
let internString: string[] = []
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
  internMask = INITIAL_INTERN_SLOTS - 1
  internSlots = new Int32Array(INITIAL_INTERN_SLOTS)
  internHash = new Int32Array(INITIAL_INTERN_ENTRIES)
  internOffset = new Int32Array(INITIAL_INTERN_ENTRIES)
  internLength = new Uint8Array(INITIAL_INTERN_ENTRIES)
  internString = []
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
}

function growInternSlots(): void {
  internMask = internMask * 2 + 1
  internSlots = new Int32Array(internMask + 1)
  for (let e = 0; e < internCount; e++) {
    let slot = internHash[e]! & internMask
    while (internSlots[slot] !== 0) slot = (slot + 1) & internMask
    internSlots[slot] = e + 1
  }
}

/** The interned string of an intern id. */
export function internedString(id: number): string {
  return internString[id]!
}

/** Number of intern ids handed out in the current epoch (ids are dense: 0 … count − 1). */
export function internedCount(): number {
  return internCount
}

/** Longest joined word (word + detached affixes) that {@link internJoined} interns, in code units. */
export const MAX_JOINED_LENGTH = 2 * MAX_WORD_LENGTH

const joinBuffer = new Uint16Array(MAX_JOINED_LENGTH)

/**
 * The intern id of the word made of word `first` followed by word `second` (both intern ids), or −1 when
 * it would be longer than {@link MAX_JOINED_LENGTH}: how a detached affix is joined onto its word without
 * building a string for a pair seen before.
 */
export function internJoined(first: number, second: number): number {
  const firstOffset = internOffset[first]!
  const firstLength = internLength[first]!
  const secondOffset = internOffset[second]!
  const secondLength = internLength[second]!
  if (firstLength + secondLength > MAX_JOINED_LENGTH) return -1
  const units = joinBuffer
  // FNV-1a runs left to right, so the hash of the pair continues the hash of the first word.
  let hash = internHash[first]!
  for (let k = 0; k < firstLength; k++) units[k] = internPool[firstOffset + k]!
  for (let k = 0; k < secondLength; k++) {
    const unit = internPool[secondOffset + k]!
    units[firstLength + k] = unit
    hash = Math.imul(hash ^ unit, 16777619)
  }
  return intern(units, firstLength + secondLength, hash, '', 0, 0, true)
}

/** The intern id for units[0..len) with FNV-1a hash `hash`; `text.slice(start, end)` when unchanged. */
function intern(
  units: Uint16Array,
  len: number,
  hash: number,
  text: string,
  start: number,
  end: number,
  changed: boolean,
): number {
  let slot = hash & internMask
  for (;;) {
    const e1 = internSlots[slot]!
    if (e1 === 0) break
    const e = e1 - 1
    if (internHash[e] === hash && internLength[e] === len) {
      const off = internOffset[e]!
      let same = true
      for (let k = 0; k < len; k++) {
        if (internPool[off + k] !== units[k]) {
          same = false
          break
        }
      }
      if (same) return e
    }
    slot = (slot + 1) & internMask
  }
  // New word.
  const s = changed ? unitsToString(units, len) : text.slice(start, end)
  if (internCount >= internHash.length) {
    const size = internHash.length * 2
    const h = new Int32Array(size)
    h.set(internHash)
    internHash = h
    const o = new Int32Array(size)
    o.set(internOffset)
    internOffset = o
    const l = new Uint8Array(size)
    l.set(internLength)
    internLength = l
  }
  if (internPoolUsed + len > internPool.length) {
    const p = new Uint16Array(internPool.length * 2)
    p.set(internPool)
    internPool = p
  }
  const e = internCount++
  internHash[e] = hash
  internOffset[e] = internPoolUsed
  internLength[e] = len
  internString[e] = s
  internPool.set(units.subarray(0, len), internPoolUsed)
  internPoolUsed += len
  internSlots[slot] = e + 1
  if (internCount * 2 > internMask) growInternSlots()
  return e
}

const unitBuffer = new Uint16Array(2 * MAX_WORD_LENGTH)
const sharedWords = new WordBuffer()

/** Appends one word (already interned as `id`) to `words`. */
function pushWord(
  words: WordBuffer,
  id: number,
  start: number,
  end: number,
  script: number,
  boundary: number,
  signal: number,
): void {
  const i = words.count
  if (i >= words.start.length) words.reserve(i + 1)
  words.id[i] = id
  words.start[i] = start
  words.end[i] = end
  words.script[i] = script
  words.boundary[i] = boundary
  words.signal[i] = signal
  words.count = i + 1
}

/**
 * Splits `text` into folded words, written into `words` (by default a shared buffer, valid until the next
 * call). {@link tokenize} is the object-returning convenience form.
 */
export function tokenizeInto(text: string, words: WordBuffer = sharedWords): WordBuffer {
  words.count = 0
  // The bound is checked only here, so that ids handed out during one call stay valid until the next.
  if (internCount >= INTERN_LIMIT) resetIntern()
  if (scanWords(text, words, null)) return words
  // The text holds ligatures or other characters that expand to several letters (rare): expand them
  // first, remembering where each expanded unit came from, and scan again.
  words.count = 0
  const { expanded, origin } = expandCompatibility(text)
  scanWords(expanded, words, origin)
  return words
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
 */
function scanWords(text: string, words: WordBuffer, origin: Int32Array | null): boolean {
  const { cls, fold, signal: signals } = getCharTable()
  // Local copies: module-level constants can compile to getter calls under some loaders (tsx, vitest).
  const cArabic = ARABIC
  const cDigit = DIGIT
  const cSep = SEP
  const cIgnore = IGNORE
  const cJoiner = JOINER
  const cExpand = EXPAND
  const maxLen = MAX_WORD_LENGTH
  const units = unitBuffer
  const n = text.length
  words.reserve(16 + (n >> 1))
  let len = 0
  let hash = 0
  let start = 0
  let end = 0
  let arabic = false
  let hasLetter = false
  let changed = origin !== null
  let boundary = -1
  let joinerPending = false
  let signal = 0

  for (let i = 0; i <= n; i++) {
    const u = i < n ? text.charCodeAt(i) : 0x20 // a final space flushes the last word
    const kind = cls[u]!
    const isLetter = kind !== cSep && kind < cIgnore
    // A word ends at a separator, where Arabic script meets other letters or digits, and at maxLen.
    if (len > 0 && (kind === cSep || (isLetter && ((kind === cArabic) !== arabic || len >= maxLen)))) {
      flushWord(
        words,
        units,
        len,
        hash,
        text,
        start,
        end,
        changed,
        arabic,
        hasLetter,
        boundary,
        signal,
        origin,
      )
      len = 0
    }
    if (isLetter) {
      const f = fold[u]!
      if (len === 0) {
        start = i
        arabic = kind === cArabic
        hash = -2128831035 // FNV-1a offset basis
        hasLetter = false
        changed = origin !== null
        boundary = -1
        joinerPending = false
        signal = 0
      } else if (joinerPending) {
        boundary = len
        joinerPending = false
      }
      if (kind !== cDigit) hasLetter = true
      if (f !== u) changed = true
      units[len++] = f
      hash = Math.imul(hash ^ f, 16777619)
      end = i + 1
      signal |= signals[u]!
    } else if (kind === cIgnore) {
      if (len > 0) {
        changed = true
        if (!joinerPending) end = i + 1
      }
    } else if (kind === cJoiner) {
      if (len > 0) {
        changed = true
        joinerPending = true
      }
    } else if (kind === cExpand) {
      return false
    }
  }
  return true
}

function flushWord(
  words: WordBuffer,
  units: Uint16Array,
  len: number,
  hash: number,
  text: string,
  start: number,
  end: number,
  changed: boolean,
  arabic: boolean,
  hasLetter: boolean,
  boundary: number,
  signal: number,
  origin: Int32Array | null,
): void {
  const id = intern(units, len, hash, text, start, end, changed)
  const script = arabic ? WORD_ARABIC : hasLetter ? WORD_LATIN : WORD_NUMBER
  if (origin === null) pushWord(words, id, start, end, script, boundary, signal)
  else pushWord(words, id, origin[start]!, origin[end - 1]! + 1, script, boundary, signal)
}

/**
 * Splits `text` into folded words.
 *
 * @example
 * ```ts
 * tokenize('کتاب‌های «مَدْرَسَة»').map((w) => w.surface) // → ['کتابهای', 'مدرسه']
 * ```
 */
export function tokenize(text: string): RawWord[] {
  const words = tokenizeInto(text, new WordBuffer())
  const out: RawWord[] = []
  for (let i = 0; i < words.count; i++) out.push(words.word(i))
  return out
}
