/**
 * The Persian/Arabic text folding a careful user would write for a general-purpose search library (all
 * three peers get the same one in their 'fa-ar' configuration): NFKC for presentation forms, strip harakat,
 * Quranic marks, tatweel and invisible format characters (ZWNJ included, so `کتاب‌ها` = `کتابها`), fold
 * Arabic yeh/kaf/alef-maksura to Farsi ی/ک, teh marbuta and heh-with-yeh to ه, hamza-carrying alefs to ا,
 * ؤ/ئ to و/ی, Persian/Arabic-Indic digits to ASCII, and lowercase Latin.
 *
 * Deliberately simple (regex based, no stemming, no stop words): it stands for what a user would put in a
 * `processTerm`/encoder after reading the peers' docs, not for kavosh's analysis.
 */

// Harakat and Quranic annotation marks, superscript alef, tatweel, ZW space/ZWNJ/ZWJ, LRM/RLM, bidi
// embeddings and isolates, soft hyphen, BOM.
const IGNORABLE =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\u00AD\uFEFF]/g

const LETTER_FOLD: Record<string, string> = {
  '\u064A': '\u06CC', // ي → ی
  '\u0649': '\u06CC', // ى → ی
  '\u0626': '\u06CC', // ئ → ی
  '\u0643': '\u06A9', // ك → ک
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ → ه
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ → ا
  '\u0624': '\u0648', // ؤ → و
}
for (let d = 0; d < 10; d++) {
  LETTER_FOLD[String.fromCharCode(0x0660 + d)] = String(d)
  LETTER_FOLD[String.fromCharCode(0x06f0 + d)] = String(d)
}
const FOLDED = new RegExp(`[${Object.keys(LETTER_FOLD).join('')}]`, 'g')

/** Folds a whole text or a single term (see the module comment). */
export function foldPersianArabic(text: string): string {
  return text
    .normalize('NFKC')
    .replace(IGNORABLE, '')
    .replace(FOLDED, (c) => LETTER_FOLD[c])
    .toLowerCase()
}

/**
 * Splits raw text into words: runs of letters, combining marks, digits and the joiners that live inside
 * Persian words (ZWNJ, ZWJ, tatweel), so that folding can then remove them.
 */
export const WORD_SEPARATOR = /[^\p{L}\p{M}\p{N}\u200C\u200D\u0640]+/u

/** Splits already-folded text (no marks, no joiners left) into words. */
export const FOLDED_WORD_SEPARATOR = /[^\p{L}\p{N}]+/u
