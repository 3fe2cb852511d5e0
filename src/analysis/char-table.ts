/**
 * The character fold: one lookup table over all UTF-16 code units that says, for each code unit, what kind
 * of character it is for tokenisation and what it folds to. Everything orthographic that kavosh does at the
 * character level lives here, so `normalize` and the tokenizer stay simple single-pass loops.
 *
 * Owns: the class and fold tables, the expansion table for ligatures, the language-signal table.
 * Must not: know about words, stemming or stop words.
 *
 * The tables are built once, lazily, from Unicode properties (via the JS regex engine) and then overridden
 * with the explicit Persian/Arabic rules of the checklist in the README (see {@link unicodeCharClasses}).
 */

/** Separator: ends a token. */
export const SEP = 0
/** A letter of the Arabic script (after folding). */
export const ARABIC = 1
/** A letter of any other script (Latin, Cyrillic, …), lower-cased and accent-folded. */
export const OTHER = 2
/** A decimal digit of any script, folded to ASCII. */
export const DIGIT = 3
/** Removed without a trace: combining marks, tatweel, bidi controls, ZWJ, soft hyphen, BOM. */
export const IGNORE = 4
/** ZWNJ: ends a word, as a space does (the analyzer joins detached affixes back, کتاب‌ها, می‌روم). */
export const JOINER = 5
/** Expands to several folded characters (lam-alef and other ligatures). */
export const EXPAND = 6

/**
 * Language signals of a code unit (bits): a letter only Persian uses (پ چ ژ گ ۀ, Persian digits, ZWNJ), one
 * only Arabic uses (ة ى, Arabic-Indic digits), and the weak Persian signal of Farsi yeh ی and keheh ک, which
 * tell a Persian document from an Arabic one but not a query typed on a Persian keyboard.
 */
export const SIGNAL_FA = 1
export const SIGNAL_AR = 2
export const SIGNAL_FA_WEAK = 4
/**
 * Set (with SIGNAL_FA) on پ چ ژ گ: Persian letters that no fold changes, so a query for the word carries
 * them too. Only these decide the language of a single word inside a text of the other language: a word
 * with ة or ۀ would get another stem than the same word typed with ه.
 */
export const SIGNAL_FA_LETTER = 8
/**
 * Not a language signal: the digit-group separators `,` and `٬` (U+066C), flagged in the same table so that
 * the tokenizer's scan notes them at no cost between words (it joins 1,000 and ۱٬۰۰۰ into one number
 * afterwards, see `joinDigitGroups`). Every reader of the signals counts only the bits above.
 */
export const SIGNAL_DIGIT_GROUP = 16

/**
 * Layout of {@link CharTable.packed}: what the tokenizer's scan reads of a code unit, in one int32.
 * Bits 0–15 the folded unit, 16–18 the class, 19–23 the signal bits, then one bit each for what the scan
 * counts or tracks: a Persian signal (SIGNAL_FA, or SIGNAL_FA_WEAK alone), an Arabic one (SIGNAL_AR
 * alone), a digit-group separator, and a fold that changes the unit.
 */
export const PACKED_FOLD_MASK = 0xffff
export const PACKED_CLASS_SHIFT = 16
export const PACKED_CLASS_MASK = 7
export const PACKED_SIGNAL_SHIFT = 19
export const PACKED_SIGNAL_MASK = 31
export const PACKED_FA_COUNT_SHIFT = 24
export const PACKED_AR_COUNT_SHIFT = 25
export const PACKED_GROUP_COUNT_SHIFT = 26
export const PACKED_CHANGES = 1 << 27
/** An ARABIC letter: goes on an Arabic-script word. */
export const PACKED_ARABIC_LETTER = 1 << 28
/** An OTHER letter or a DIGIT: goes on a word of other letters and digits. */
export const PACKED_OTHER_LETTER = 1 << 29
/** An IGNORE unit (a mark): dropped inside a word. */
export const PACKED_MARK = 1 << 30
/** The bit of a letter that is not a digit (ARABIC or OTHER): the sign bit, read with `>>> 31`. */
export const PACKED_NOT_DIGIT_SHIFT = 31

/**
 * The alefs with a hamza or a madda: أ (U+0623), إ (U+0625), آ (U+0622). They fold to ا like the other alefs
 * (`fold`, `normalize`, every term), but the tokenizer's code units keep them (the fold field of
 * {@link CharTable.packed} is the letter itself, for them and their presentation forms), so that the Arabic
 * stemmer knows an ال so written is no article, which is written with a plain alef (ألعاب, إلغاء, آلاف): see
 * `internedHamzaAlefs` in tokenize.ts. The wasla ٱ is the article's own alef in Quranic text, and folds.
 */
export const HAMZA_ALEFS: readonly number[] = [0x0622, 0x0623, 0x0625]

/** آ, the alef of {@link HAMZA_ALEFS} with a madda (stop words tell it from the others). */
export const MADDA_ALEF = 0x0622

/** The tanween fath (U+064B), a mark: the accusative ending -an, written on or before a final alef (كتاباً, كتابًا). */
export const TANWEEN_FATH = 0x064b

/**
 * Flag of an Arabic word's alef bits (`RawWord.hamzaAlefs`, the `alefs` of `stemArabic`): its final alef
 * carries the tanween fath, in the marks right after it or right before it (رئيساً, رئيسًا). That alef is the
 * accusative's, not the word's (رئيس, نشاط), and the Arabic stemmer drops it; written without the mark
 * (رئيسا) the alef may be the word's own (عصا, دنيا), and stays.
 */
export const TANWEEN_ALEF = 1 << 16

/**
 * The alef maqsura ى: it folds to ی like the other yehs, but the tokenizer's code units keep it (with its
 * presentation forms), so that على and علي are two words with one string, علی: the Arabic stop list writes
 * على (on) with ى, and علي is the name Ali (see FINAL_YEH).
 */
export const ALEF_MAQSURA = 0x0649
/** The presentation forms of {@link ALEF_MAQSURA} (isolated, final). */
export const ALEF_MAQSURA_FORMS: readonly number[] = [0xfeef, 0xfef0]

/**
 * Flag of a word's madda bits (`RawWord.maddaAlefs`): its last letter is a yeh not written ى (ي, ی). An Arabic
 * stop word that the list writes with a final ى only (على, حتى) is a stop word only when written so; without
 * this flag (written ى, or not known) it is one.
 */
export const FINAL_YEH = 1 << 8

/** True for a code unit of {@link HAMZA_ALEFS}. */
export function isHamzaAlef(unit: number): boolean {
  return unit === 0x0623 || unit === 0x0625 || unit === MADDA_ALEF
}

/** The presentation forms of {@link HAMZA_ALEFS} (isolated and final of آ, أ, إ), with the letter each is. */
export const HAMZA_ALEF_FORMS: ReadonlyArray<readonly [number, number]> = [
  [0xfe81, 0x0622],
  [0xfe82, 0x0622],
  [0xfe83, 0x0623],
  [0xfe84, 0x0623],
  [0xfe87, 0x0625],
  [0xfe88, 0x0625],
]

/** The folding tables; see {@link getCharTable}. */
export interface CharTable {
  /** Class of each code unit (SEP, ARABIC, …). */
  readonly cls: Uint8Array
  /** Folded code unit (for letters and digits; separators map to themselves or to a plain space). */
  readonly fold: Uint16Array
  /** Language signal of each code unit (0, SIGNAL_FA, SIGNAL_AR or SIGNAL_FA_WEAK). */
  readonly signal: Uint8Array
  /** For EXPAND code units: the folded expansion, as code units and their classes. */
  readonly expansions: Map<number, { units: Uint16Array; classes: Uint8Array }>
  /**
   * `fold`, `cls` and `signal` of each code unit in one int32 (see PACKED_FOLD_MASK and the constants
   * after it), with the signal's counts as single bits: the tokenizer's scan reads one table per code unit
   * instead of three, and counts a unit's signals with shifts under one test instead of a branch per kind
   * (about a fifth less time per code unit). One fold differs from `fold`: أ إ آ stay themselves
   * ({@link HAMZA_ALEFS}).
   */
  readonly packed: Int32Array
}

let table: CharTable | undefined

/** Returns the (lazily built) character table. */
export function getCharTable(): CharTable {
  if (table === undefined) table = buildCharTable()
  return table
}

const ch = (s: string) => s.charCodeAt(0)

/**
 * The Unicode part of the tables, before the explicit rules: each code unit's class from its general
 * category and script, and its fold (ASCII digit value, lower case, Latin base letter; spaces to a plain
 * space). Regular expressions with Unicode properties scan one string of every BMP code unit, once per
 * property (a test per code unit and property made the first `normalize` call of a process cost 34–38 ms;
 * 21–26 ms now, most of it regex interpretation and module compilation). Exported for the test that compares it with that per-code-unit reading.
 */
export function unicodeCharClasses(): { cls: Uint8Array; fold: Uint16Array } {
  const cls = new Uint8Array(0x10000)
  const fold = new Uint16Array(0x10000)
  for (let c = 0; c < 0x10000; c++) fold[c] = c
  // Surrogates (paired or lone) stay separators: U+0000 stands in for them, so that no two of them pair
  // up into one code point and each string index is its code unit.
  const units = fold.slice()
  units.fill(0, 0xd800, 0xe000)
  const bmp = new TextDecoder('utf-16le').decode(units)
  /** Start and end of each run of code units that `pattern` (global, one or more) matches. */
  const runs = (pattern: RegExp): number[] => {
    const bounds: number[] = []
    for (let match = pattern.exec(bmp); match !== null; match = pattern.exec(bmp))
      bounds.push(match.index, pattern.lastIndex)
    return bounds
  }
  // Classes by increasing precedence, a run at a time: marks and format controls are ignored, letters
  // and numbers are words (Arabic-script ones ARABIC), decimal digits are digits.
  const ignored = runs(/[\p{M}\p{Cf}]+/gu)
  for (let i = 0; i < ignored.length; i += 2) cls.fill(IGNORE, ignored[i], ignored[i + 1])
  const letterOrNumber = runs(/[\p{L}\p{N}]+/gu)
  for (let i = 0; i < letterOrNumber.length; i += 2) cls.fill(OTHER, letterOrNumber[i], letterOrNumber[i + 1])
  const arabic = runs(/\p{Script=Arabic}+/gu)
  for (let i = 0; i < arabic.length; i += 2) {
    for (let c = arabic[i]; c < arabic[i + 1]; c++) if (cls[c] === OTHER) cls[c] = ARABIC
  }
  const decimal = runs(/\p{Nd}+/gu)
  for (let i = 0; i < decimal.length; i += 2) {
    // Nd characters come in runs of ten, 0 to 9: the offset in the run is the digit's value.
    for (let c = decimal[i]; c < decimal[i + 1]; c++) {
      cls[c] = DIGIT
      fold[c] = 0x30 + ((c - decimal[i]) % 10)
    }
  }
  const spaces = runs(/\p{Zs}+/gu)
  for (let i = 0; i < spaces.length; i += 2) {
    // NBSP, U+202F and every other space separator become a plain space.
    for (let c = spaces[i]; c < spaces[i + 1]; c++) if (cls[c] === 0) fold[c] = 0x20
  }
  // Lower case (for the letters and numbers toLowerCase changes), then accent folding for Latin letters
  // (é → e, ñ → n: the base letter of the canonical decomposition).
  const mark = /\p{M}/u
  const lowered = runs(/\p{Changes_When_Lowercased}+/gu)
  for (let i = 0; i < lowered.length; i += 2) {
    for (let c = lowered[i]; c < lowered[i + 1]; c++) {
      if (cls[c] !== OTHER && cls[c] !== ARABIC) continue
      const lower = String.fromCharCode(c).toLowerCase()
      if (lower.length === 1) fold[c] = ch(lower)
    }
  }
  const latin = runs(/\p{Script=Latin}+/gu)
  for (let i = 0; i < latin.length; i += 2) {
    for (let c = latin[i]; c < latin[i + 1]; c++) {
      if (cls[c] !== OTHER && cls[c] !== ARABIC) continue
      const d = String.fromCharCode(fold[c]).normalize('NFD')
      if (d.length > 1 && !mark.test(d[0]!) && mark.test(d.slice(1))) fold[c] = ch(d[0]!)
    }
  }
  return { cls, fold }
}

function buildCharTable(): CharTable {
  const { cls, fold } = unicodeCharClasses()
  const signal = new Uint8Array(0x10000)
  const expansionStrings = new Map<number, string>()

  // --- Explicit Persian/Arabic rules (the README's checklist) ---
  const setLetter = (from: string, to: string) => {
    for (const f of from) {
      cls[ch(f)] = ARABIC
      fold[ch(f)] = ch(to)
    }
  }
  // yeh: Arabic yeh, alef maksura, yeh barree, Pashto/Sindhi/Kashmiri yehs, yeh with hamza → Farsi yeh ی
  setLetter('يىےۍېێۑؠؽؾؿۓئۦٸ', 'ی')
  // kaf: Arabic kaf and its variants → keheh ک
  setLetter('كػؼڪګڬڭڮݢݣݤ', 'ک')
  // heh: teh marbuta, heh with yeh above, heh goal, heh doachashmee, ae, teh marbuta goal → heh ه
  setLetter('ةۀہھەۂۃۿ', 'ه')
  // alef: with madda, hamza above/below, wasla, wavy hamza, high hamza alef → bare alef ا
  setLetter('أإآٱٲٳٵ', 'ا')
  // waw with hamza and waw variants → و
  setLetter('ؤٶٷۄۅۆۇۈۉۊۋۏ', 'و')
  // other extended letters commonly typed on Urdu/Pashto keyboards
  setLetter('ٹ', 'ت')
  setLetter('ڈ', 'د')
  setLetter('ڑ', 'ر')
  setLetter('ں', 'ن')
  // marks that are letters by category but must vanish: tatweel, high hamza, superscript alef
  for (const c of [0x0640, 0x0674, 0x0670]) cls[c] = IGNORE
  // ZWNJ joins; ZWSP stays a separator; every other format control (ZWJ, LRM/RLM, ALM, bidi embeddings
  // and isolates, soft hyphen, BOM, word joiner) was set to IGNORE above from \p{Cf}.
  cls[0x200c] = JOINER
  cls[0x200b] = SEP
  fold[0x200b] = 0x20
  // Arabic-script punctuation separates tokens (already SEP by category); the Arabic percent sign too.

  // Compatibility forms (Arabic presentation forms, ligatures, full-width Latin): NFKC, then the fold above.
  // Runs after the explicit rules so that, e.g., the presentation forms of kaf land on keheh ک.
  const compat: Array<[number, number]> = [
    [0xfb00, 0xfdff],
    [0xfe70, 0xfeff],
    [0xff00, 0xffef],
  ]
  for (const [lo, hi] of compat) {
    for (let c = lo; c <= hi; c++) {
      if (cls[c] === IGNORE || cls[c] === SEP) continue
      const k = String.fromCharCode(c).normalize('NFKC')
      let kept = ''
      for (const u of k) if (cls[ch(u)] !== IGNORE) kept += u
      if (kept.trim() === '') {
        cls[c] = IGNORE // isolated forms of harakat (U+FE70–FE7F) are marks, not spaces
      } else if (kept.includes(' ')) {
        // Multi-word ligatures (ﷺ, ﷽, ﷻ …) are honorifics and formulae, not words: they separate words, as
        // hazm deletes them. Keeping them as several words would give several tokens one character long.
        cls[c] = SEP
      } else if (kept.length === 1) {
        cls[c] = cls[ch(kept)]!
        fold[c] = fold[ch(kept)]!
      } else {
        cls[c] = EXPAND
        expansionStrings.set(c, kept)
      }
    }
  }

  // Language signals, read from the ORIGINAL code units (the fold erases some of them).
  for (const f of 'ۀ۰۱۲۳۴۵۶۷۸۹') signal[ch(f)] = SIGNAL_FA
  for (const f of 'پچژگ') signal[ch(f)] = SIGNAL_FA | SIGNAL_FA_LETTER
  for (const f of 'یک') signal[ch(f)] = SIGNAL_FA_WEAK
  signal[0x200c] = SIGNAL_FA
  signal[0x2c] = SIGNAL_DIGIT_GROUP
  signal[0x066c] = SIGNAL_DIGIT_GROUP
  for (const f of 'ةى٠١٢٣٤٥٦٧٨٩') signal[ch(f)] = SIGNAL_AR
  // Alef wasla and the Quranic annotation marks occur in Arabic (Quranic, classical) text only.
  signal[0x0671] = SIGNAL_AR
  for (let c = 0x06d6; c <= 0x06ed; c++)
    if (c !== 0x06dd && c !== 0x06de && c !== 0x06e9) signal[c] = SIGNAL_AR

  // Make the fold a fixed point, fold(fold(c)) === fold(c): a chain such as İ → I (decomposition) → i
  // (lower case) must end where normalize would end a second time.
  for (let c = 0; c < 0x10000; c++) {
    let f = fold[c]!
    for (let guard = 0; fold[f] !== f && guard < 4; guard++) f = fold[f]!
    fold[c] = f
  }

  // Fold the expansions through the table itself, so that they are fixed points like every other output.
  const expansions = new Map<number, { units: Uint16Array; classes: Uint8Array }>()
  for (const [c, k] of expansionStrings) {
    const units: number[] = []
    const classes: number[] = []
    for (let i = 0; i < k.length; i++) {
      const u = k.charCodeAt(i)
      const kind = cls[u]!
      if (kind === IGNORE || kind === JOINER) continue
      units.push(kind === SEP ? (fold[u] === 0x20 ? 0x20 : u) : fold[u]!)
      classes.push(kind === EXPAND ? OTHER : kind)
    }
    if (units.length === 0) {
      cls[c] = IGNORE
      continue
    }
    expansions.set(c, { units: Uint16Array.from(units), classes: Uint8Array.from(classes) })
  }

  const packed = packTable(cls, fold, signal)
  // أ إ آ and their presentation forms stay those letters in the tokenizer's units (see HAMZA_ALEFS); ا + a
  // combining hamza or madda (U+0654, U+0655, U+0653: the decomposed letters) loses its mark like any other
  // and is ا.
  for (const c of HAMZA_ALEFS) packed[c] = (packed[c]! & ~PACKED_FOLD_MASK) | c | PACKED_CHANGES
  for (const [form, c] of HAMZA_ALEF_FORMS)
    packed[form] = (packed[form]! & ~PACKED_FOLD_MASK) | c | PACKED_CHANGES
  for (const c of [ALEF_MAQSURA, ...ALEF_MAQSURA_FORMS])
    packed[c] = (packed[c]! & ~PACKED_FOLD_MASK) | ALEF_MAQSURA | PACKED_CHANGES
  return { cls, fold, signal, expansions, packed }
}

/**
 * The packed form of the three tables (see {@link CharTable.packed}). What a class and a signal value add to
 * the fold is worked out once per value, so the loop over the code units reads two small tables instead of
 * testing each unit's class and signal: it runs once per process, mostly in the interpreter (1.7–2.2 ms
 * against 2.5–6.5 with the tests per unit; the first `normalize` of a process, median of 11, 13.9–14.2 →
 * 12.7–12.9 ms).
 */
function packTable(cls: Uint8Array, fold: Uint16Array, signal: Uint8Array): Int32Array {
  const classBits = new Int32Array(8)
  for (let k = 0; k < 8; k++) {
    classBits[k] =
      (k << PACKED_CLASS_SHIFT) |
      (k === ARABIC ? PACKED_ARABIC_LETTER : 0) |
      (k === OTHER || k === DIGIT ? PACKED_OTHER_LETTER : 0) |
      (k === IGNORE ? PACKED_MARK : 0) |
      ((k === ARABIC || k === OTHER ? 1 : 0) << PACKED_NOT_DIGIT_SHIFT)
  }
  const signalBits = new Int32Array(PACKED_SIGNAL_MASK + 1)
  for (let s = 0; s <= PACKED_SIGNAL_MASK; s++) {
    const persian = (s & SIGNAL_FA) !== 0 || s === SIGNAL_FA_WEAK ? 1 : 0
    const arabic = s === SIGNAL_AR ? 1 : 0
    const group = s === SIGNAL_DIGIT_GROUP ? 1 : 0
    signalBits[s] =
      (s << PACKED_SIGNAL_SHIFT) |
      (persian << PACKED_FA_COUNT_SHIFT) |
      (arabic << PACKED_AR_COUNT_SHIFT) |
      (group << PACKED_GROUP_COUNT_SHIFT)
  }
  const packed = new Int32Array(0x10000)
  const changes = PACKED_CHANGES
  for (let c = 0; c < 0x10000; c++) {
    const f = fold[c]!
    packed[c] = f | classBits[cls[c]!]! | signalBits[signal[c]!]! | (f !== c ? changes : 0)
  }
  return packed
}
