/**
 * The character fold: one lookup table over all UTF-16 code units that says, for each code unit, what kind
 * of character it is for tokenisation and what it folds to. Everything orthographic that kavosh does at the
 * character level lives here, so `normalize` and the tokenizer stay simple single-pass loops.
 *
 * Owns: the class and fold tables, the expansion table for ligatures, the language-signal table.
 * Must not: know about words, stemming or stop words.
 *
 * The tables are built once, lazily, from Unicode properties (via the JS regex engine) and then overridden
 * with the explicit Persian/Arabic rules of the checklist in the README. Building takes ~20 ms.
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
/** ZWNJ: removed, joins the letters on both sides into one token. */
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
}

let table: CharTable | undefined

/** Returns the (lazily built) character table. */
export function getCharTable(): CharTable {
  if (table === undefined) table = buildCharTable()
  return table
}

const ch = (s: string) => s.charCodeAt(0)

function buildCharTable(): CharTable {
  const cls = new Uint8Array(0x10000)
  const fold = new Uint16Array(0x10000)
  const signal = new Uint8Array(0x10000)
  const expansionStrings = new Map<number, string>()

  const letterOrNumber = /[\p{L}\p{N}]/u
  const decimal = /\p{Nd}/u
  const mark = /\p{M}/u
  const format = /\p{Cf}/u
  const space = /\p{Zs}/u
  const arabicScript = /\p{Script=Arabic}/u
  const latin = /\p{Script=Latin}/u

  let digitRunStart = -1
  for (let c = 0; c < 0x10000; c++) {
    fold[c] = c
    if (c >= 0xd800 && c <= 0xdfff) continue // surrogates (paired or lone): separators
    const s = String.fromCharCode(c)
    if (decimal.test(s)) {
      // Nd characters come in runs of ten, 0 to 9: the offset in the run is the digit's value.
      if (digitRunStart < 0 || c - digitRunStart >= 10 || !decimal.test(String.fromCharCode(c - 1)))
        digitRunStart = c
      cls[c] = DIGIT
      fold[c] = 0x30 + ((c - digitRunStart) % 10)
    } else if (letterOrNumber.test(s)) {
      cls[c] = arabicScript.test(s) ? ARABIC : OTHER
      const lower = s.toLowerCase()
      let folded = lower.length === 1 ? lower : s
      if (latin.test(s)) {
        // Accent folding for Latin letters: é → e, ñ → n (base letter of the canonical decomposition).
        const d = folded.normalize('NFD')
        if (d.length > 1 && !mark.test(d[0]!) && mark.test(d.slice(1))) folded = d[0]!
      }
      fold[c] = ch(folded)
    } else if (mark.test(s) || format.test(s)) {
      cls[c] = IGNORE
    } else if (space.test(s)) {
      fold[c] = 0x20 // NBSP, U+202F and every other space separator become a plain space
    }
  }

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

  return { cls, fold, signal, expansions }
}
