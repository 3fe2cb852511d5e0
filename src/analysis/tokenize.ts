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
import { ARABIC, DIGIT, EXPAND, getCharTable, IGNORE, JOINER, OTHER, SEP } from './char-table'
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
  surface: string[] = []
  start = new Int32Array(256)
  end = new Int32Array(256)
  script = new Uint8Array(256)
  boundary = new Int32Array(256)
  signal = new Uint8Array(256)

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
  }

  /** The i-th word as an object (for tests and debugging; the hot path reads the arrays). */
  word(i: number): RawWord {
    return {
      surface: this.surface[i]!,
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
let internMask = (1 << 16) - 1
let internSlots = new Int32Array(internMask + 1)
let internHash = new Int32Array(1 << 15)
let internOffset = new Int32Array(1 << 15)
let internLength = new Uint8Array(1 << 15)
let internString: string[] = []
let internPool = new Uint16Array(1 << 18)
let internPoolUsed = 0
let internCount = 0

function resetIntern(): void {
  internMask = (1 << 16) - 1
  internSlots = new Int32Array(internMask + 1)
  internHash = new Int32Array(1 << 15)
  internOffset = new Int32Array(1 << 15)
  internLength = new Uint8Array(1 << 15)
  internString = []
  internPool = new Uint16Array(1 << 18)
  internPoolUsed = 0
  internCount = 0
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

/** The interned string for units[0..len) with FNV-1a hash `hash`. */
function intern(units: Uint16Array, len: number, hash: number): string {
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
      if (same) return internString[e]!
    }
    slot = (slot + 1) & internMask
  }
  // New word.
  const s = unitsToString(units, len)
  if (internCount >= INTERN_LIMIT) {
    resetIntern()
    return intern(units, len, hash)
  }
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
  return s
}

const unitBuffer = new Uint16Array(MAX_WORD_LENGTH)
const sharedWords = new WordBuffer()

/**
 * Splits `text` into folded words, written into `words` (by default a shared buffer, valid until the next
 * call). {@link tokenize} is the object-returning convenience form.
 */
export function tokenizeInto(text: string, words: WordBuffer = sharedWords): WordBuffer {
  const { cls, fold, signal: signals, expansions } = getCharTable()
  // Local copies: module-level constants can compile to getter calls under some loaders (tsx, vitest).
  const cArabic = ARABIC
  const cOther = OTHER
  const cDigit = DIGIT
  const cSep = SEP
  const cIgnore = IGNORE
  const cJoiner = JOINER
  const maxLen = MAX_WORD_LENGTH
  const units = unitBuffer
  const n = text.length
  words.count = 0
  words.reserve(16 + (n >> 1))
  let count = 0
  let len = 0
  let hash = 0
  let start = 0
  let end = 0
  let group = 0
  let hasLetter = false
  let changed = false
  let boundary = -1
  let joinerPending = false
  let signal = 0
  let expansion: Uint16Array | null = null
  let expansionClasses: Uint8Array | null = null

  for (let i = 0; i <= n; i++) {
    let u = 0
    let kind = cSep // i === n: a final separator flushes the last word
    let unitCount = 1
    if (i < n) {
      u = text.charCodeAt(i)
      kind = cls[u]!
      if (kind === EXPAND) {
        const exp = expansions.get(u)!
        expansion = exp.units
        expansionClasses = exp.classes
        unitCount = expansion.length
      }
    }
    for (let x = 0; x < unitCount; x++) {
      let f: number
      if (expansion !== null) {
        f = expansion[x]!
        kind = expansionClasses![x]!
      } else {
        f = fold[u]!
      }
      if (kind === cArabic || kind === cOther || kind === cDigit) {
        const g = kind === cArabic ? cArabic : cOther
        if (len > 0 && (g !== group || len >= maxLen)) {
          // flush (script change or over-long word)
          if (count >= words.start.length) words.reserve(count + 1)
          words.surface[count] = !changed ? text.slice(start, end) : intern(units, len, hash)
          words.start[count] = start
          words.end[count] = end
          words.script[count] = group === cArabic ? WORD_ARABIC : hasLetter ? WORD_LATIN : WORD_NUMBER
          words.boundary[count] = boundary
          words.signal[count] = signal
          count++
          len = 0
        }
        if (len === 0) {
          start = i
          group = g
          hash = -2128831035 // FNV offset basis
          hasLetter = false
          changed = false
          boundary = -1
          joinerPending = false
          signal = 0
        } else if (joinerPending) {
          boundary = len
          joinerPending = false
        }
        if (kind !== cDigit) hasLetter = true
        if (f !== u || expansion !== null) changed = true
        units[len++] = f
        hash = Math.imul(hash ^ f, 16777619)
        end = i + 1
        signal |= signals[u]!
      } else if (kind === cSep) {
        if (len > 0) {
          if (count >= words.start.length) words.reserve(count + 1)
          words.surface[count] = !changed ? text.slice(start, end) : intern(units, len, hash)
          words.start[count] = start
          words.end[count] = end
          words.script[count] = group === cArabic ? WORD_ARABIC : hasLetter ? WORD_LATIN : WORD_NUMBER
          words.boundary[count] = boundary
          words.signal[count] = signal
          count++
          len = 0
        }
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
      }
    }
    expansion = null
  }
  words.count = count
  return words
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
