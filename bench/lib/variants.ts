/**
 * Orthographic variants of queries: the same query as a user with another keyboard or habit would type it.
 * Each generator is deterministic and returns the text unchanged when it has nothing to rewrite, so the
 * caller can count how many queries a variant actually changed.
 *
 * Owns only string rewriting; scoring happens elsewhere.
 */

export type VariantName =
  | 'yeh-kaf'
  | 'zwnj-removed'
  | 'zwnj-space'
  | 'zwnj-inserted'
  | 'diacritics'
  | 'digits'

const ZWNJ = '\u200C'

const YEH_KAF_SWAP: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh ي → Farsi yeh ی
  '\u06CC': '\u064A',
  '\u0643': '\u06A9', // Arabic kaf ك → keheh ک
  '\u06A9': '\u0643',
}

/** Swaps Arabic ي/ك with Farsi ی/ک in both directions. */
export function swapYehKaf(text: string): string {
  return text.replace(/[\u064A\u06CC\u0643\u06A9]/g, (c) => YEH_KAF_SWAP[c])
}

/** Deletes every ZWNJ (`کتاب‌ها` → `کتابها`). */
export function removeZwnj(text: string): string {
  return text.split(ZWNJ).join('')
}

/** Replaces every ZWNJ by a space (`کتاب‌ها` → `کتاب ها`). */
export function zwnjToSpace(text: string): string {
  return text.split(ZWNJ).join(' ')
}

// Persian bound morphemes that careful writers attach with a ZWNJ but many type with a space. Both yeh
// forms are listed because some corpora (Hamshahri) use Arabic yeh throughout.
const ZWNJ_SUFFIXES = [
  'ها',
  'های',
  'هاي',
  'هایی',
  'هايي',
  'تر',
  'ترین',
  'ترين',
  'ام',
  'اند',
  'ای',
  'اي',
  'ایم',
  'ايم',
  'اید',
  'ايد',
]
const ZWNJ_PREFIXES = ['می', 'مي', 'نمی', 'نمي']
const SUFFIX_AFTER_SPACE = new RegExp(`(\\p{L}) (${ZWNJ_SUFFIXES.join('|')})(?=$|[\\s\\p{P}])`, 'gu')
const PREFIX_BEFORE_SPACE = new RegExp(`(^|[\\s\\p{P}])(${ZWNJ_PREFIXES.join('|')}) (?=\\p{L})`, 'gu')

/**
 * Writes the ZWNJ where a space separates a word from a bound Persian affix (`کتاب ها` → `کتاب‌ها`,
 * `می شود` → `می‌شود`).
 */
export function insertZwnj(text: string): string {
  return text.replace(PREFIX_BEFORE_SPACE, `$1$2${ZWNJ}`).replace(SUFFIX_AFTER_SPACE, `$1${ZWNJ}$2`)
}

const FATHA = '\u064E'
const KASRA = '\u0650'
const ARABIC_LETTER = /[\u0620-\u063F\u0641-\u064A\u066E-\u06D3\u06FA-\u06FC]/

/**
 * Adds harakat the way a vocalised text would have them: on every second letter of each word, alternating
 * fatha and kasra, never after the last letter (`مدرسه` → `مَدرِسه`).
 */
export function addDiacritics(text: string): string {
  let out = ''
  let letterInWord = 0
  let marks = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    out += c
    if (!ARABIC_LETTER.test(c)) {
      letterInWord = 0
      continue
    }
    const nextIsLetter = i + 1 < text.length && ARABIC_LETTER.test(text[i + 1])
    if (letterInWord % 2 === 0 && nextIsLetter) {
      out += marks % 2 === 0 ? FATHA : KASRA
      marks++
    }
    letterInWord++
  }
  return out
}

/**
 * Writes each digit in another script: ASCII → Persian ۰–۹ (fa) or Arabic-Indic ٠–٩ (ar); Persian and
 * Arabic-Indic → ASCII.
 */
export function swapDigitScripts(text: string, lang: 'fa' | 'ar'): string {
  const native = lang === 'fa' ? 0x06f0 : 0x0660
  return text.replace(/[0-9\u0660-\u0669\u06F0-\u06F9]/g, (c) => {
    const code = c.charCodeAt(0)
    if (code <= 0x39) return String.fromCharCode(native + code - 0x30)
    if (code >= 0x06f0) return String.fromCharCode(0x30 + code - 0x06f0)
    return String.fromCharCode(0x30 + code - 0x0660)
  })
}

/** All variants, in report order, with a one-line description for the output. */
export const VARIANTS: readonly { name: VariantName; description: string }[] = [
  { name: 'yeh-kaf', description: 'Arabic ي/ك ↔ Farsi ی/ک swapped' },
  { name: 'zwnj-removed', description: 'ZWNJ deleted (parts joined)' },
  { name: 'zwnj-space', description: 'ZWNJ replaced by a space' },
  { name: 'zwnj-inserted', description: 'space before ها/های/تر/ترین/… and after می/نمی replaced by ZWNJ' },
  { name: 'diacritics', description: 'fatha/kasra added on every second letter' },
  { name: 'digits', description: 'digits written in the other script (ASCII ↔ ۰–۹ / ٠–٩)' },
]

/** Applies the named variant to a query text. */
export function applyVariant(name: VariantName, text: string, lang: 'fa' | 'ar'): string {
  switch (name) {
    case 'yeh-kaf':
      return swapYehKaf(text)
    case 'zwnj-removed':
      return removeZwnj(text)
    case 'zwnj-space':
      return zwnjToSpace(text)
    case 'zwnj-inserted':
      return insertZwnj(text)
    case 'diacritics':
      return addDiacritics(text)
    case 'digits':
      return swapDigitScripts(text, lang)
  }
}
